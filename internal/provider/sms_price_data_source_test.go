package provider_test

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
)

func startPricedGateway(t *testing.T, balance string) *gatewaytest.Gateway {
	t.Helper()
	g := acctest.StartGateway(t, balance)
	g.SetPrice("380", "1.2", "UAH")
	g.SetPrice("38067", "0.730000000000000001", "UAH")
	return g
}

func TestAccSMSPrice_readExactly(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL, `method = "POST"`) + `
data "gateway_sms_price" "vodafone" {
  to = "+380 50 123 45 67"
}

data "gateway_sms_price" "kyivstar" {
  to = "380-67-123-4567"
}

output "kyivstar_text" {
  value = tostring(data.gateway_sms_price.kyivstar.price)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("price"), knownvalue.NumberExact(acctest.Decimal(t, "1.2"))),
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("currency"), knownvalue.StringExact("UAH")),
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("number"), knownvalue.StringExact("380501234567")),
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("to"), knownvalue.StringExact("+380 50 123 45 67")),
				statecheck.ExpectKnownOutputValue("kyivstar_text", knownvalue.StringExact("0.730000000000000001")),
				acctest.StateHasNoKey,
			},
		}},
	})
	for _, r := range g.Requests() {
		if r.Command != "price" || (r.Param("to") != "380501234567" && r.Param("to") != "380671234567") || r.KeyInQuery {
			t.Errorf("request = %+v, want a POST price command with the number's digits", r)
		}
	}
}

func TestAccSMSPrice_invalidNumberRefusedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	for _, to := range []string{"12345", "+380 50 123 45 67 89 01 23", "380501234567 ext 5", "phone", ""} {
		t.Run(to, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(nil),
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderBlock(g.URL) + fmt.Sprintf("data \"gateway_sms_price\" \"x\" {\n  to = %q\n}\n", to),
					ExpectError: acctest.ErrorWithoutKey(`Invalid phone number.*` + "`?" + `to` + "`?"),
				}},
			})
		})
	}
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("invalid numbers reached the gateway: %d requests", n)
	}
}

func TestAccSMSPrice_gatewayErrorShown(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + `data "gateway_sms_price" "x" { to = "+1 555 010 0199" }`,
			// The hint follows the command and the message: for a price, the number, not the key.
			// The number itself is not repeated: to may be sensitive, and Terraform shows its line.
			ExpectError: acctest.ErrorWithoutKey(`The gateway rejected the request.*` + acctest.Spaced(`price of a message to the number in to.`) + `.*` +
				gatewaytest.Samples[command.Price.Name].Unknown + `\s+Check to: the gateway must deliver to that number[^~]*\z`),
		}},
	})
}

// A price of zero is the gateway's "not delivered there": an error on to, never a free message.
func TestAccSMSPrice_zeroPriceIsAnError(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1000")
	g.SetPrice("44", "0", "GBP")
	g.SetPrice("49", "0.00", "EUR")
	for _, to := range []string{"+44 20 7946 0958", "+49 30 901820"} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.Factories(nil),
			Steps: []resource.TestStep{{
				Config: acctest.ProviderBlock(g.URL) + fmt.Sprintf("data \"gateway_sms_price\" \"x\" {\n  to   = %q\n  text = \"hi\"\n}\n", to),
				ExpectError: acctest.ErrorWithoutKey(`No price for this number.*with data.gateway_sms_price.x,.*` +
					acctest.Spaced(`to = "`+to+`"`) + `.*` + acctest.Spaced(`quotes no price for the number in to`) + ` \(it answered price:0(\.00)?\):\s+` + acctest.Spaced(`sending there is not supported`)),
			}},
		})
	}
}

// A national number is refused before any request, with a hint to add the country code.
func TestAccSMSPrice_nationalNumberRefused(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(g.URL) + `data "gateway_sms_price" "x" { to = "050 123 45 67" }`,
			ExpectError: acctest.ErrorWithoutKey(`Invalid phone number.*` + acctest.Spaced(`starts with 0, as a number is written inside its country; write it in international format`)),
		}},
	})
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("a national number reached the gateway: %d requests", n)
	}
}

// hclString writes s as an HCL string literal: every character that is not plain printable
// ASCII as a \u escape, and template sequences escaped.
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xFFFF:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(b.String())
}

// segmentTexts is the shared table of segmentation boundaries as an HCL list, and the check
// that an output listing something of each text, in order, holds the table's answers. (A
// list and count, not a map and for_each: the test framework's state shim refuses for_each.)
func segmentTexts(output func(gatewaytest.SegmentCase) knownvalue.Check) (string, knownvalue.Check) {
	var hcl strings.Builder
	hcl.WriteString("locals {\n  texts = [\n")
	var checks []knownvalue.Check
	for _, tc := range gatewaytest.SegmentCases {
		fmt.Fprintf(&hcl, "    %s, # %s\n", hclString(tc.Text), tc.Name)
		checks = append(checks, output(tc))
	}
	hcl.WriteString("  ]\n}\n")
	return hcl.String(), knownvalue.ListExact(checks)
}

// pricedTexts prices a message of each text of segmentTexts.
const pricedTexts = `
data "gateway_sms_price" "text" {
  count = length(local.texts)
  to    = "+380 50 123 45 67"
  text  = local.texts[count.index]
}
`

// gateway_sms_price counts the parts of every boundary text, on every CLI.
func TestAccSMSPrice_partsOfEveryBoundary(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	texts, parts := segmentTexts(func(tc gatewaytest.SegmentCase) knownvalue.Check { return knownvalue.Int64Exact(int64(tc.Parts)) })
	_, encodings := segmentTexts(func(tc gatewaytest.SegmentCase) knownvalue.Check { return knownvalue.StringExact(tc.Encoding) })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + texts + pricedTexts + `
output "parts" {
  value = data.gateway_sms_price.text[*].parts
}

output "encodings" {
  value = data.gateway_sms_price.text[*].encoding
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("parts", parts),
				statecheck.ExpectKnownOutputValue("encodings", encodings),
			},
		}},
	})
}

// message_price is price × parts, exactly; without text the message fields are null.
func TestAccSMSPrice_messagePrice(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + `
data "gateway_sms_price" "three_parts" {
  to   = "+380 67 123 45 67"
  text = "` + strings.Repeat("ж", 135) + `"
}

data "gateway_sms_price" "no_text" {
  to = "+380 67 123 45 67"
}

output "message_price_text" {
  value = tostring(data.gateway_sms_price.three_parts.message_price)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("message_price_text", knownvalue.StringExact("2.190000000000000003")),
				statecheck.ExpectKnownValue("data.gateway_sms_price.three_parts", tfjsonpath.New("parts"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.gateway_sms_price.three_parts", tfjsonpath.New("encoding"), knownvalue.StringExact("UCS-2")),
				statecheck.ExpectKnownValue("data.gateway_sms_price.no_text", tfjsonpath.New("parts"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.gateway_sms_price.no_text", tfjsonpath.New("encoding"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.gateway_sms_price.no_text", tfjsonpath.New("message_price"), knownvalue.Null()),
			},
		}},
	})
}

// Prices binary cannot carry, times 1 to 10 parts: message_price is the exact decimal product,
// printed as a person writes it, and a budget of exactly N messages counts N, where Terraform's
// own floor(budget / message_price) counts N-1 for some of them.
func TestAccSMSPrice_exactAtEveryBoundary(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "1")
	prices := []string{"0.1", "0.3", "1.1", "0.07", "0.730000000000000001"}
	var hcl strings.Builder
	var wantPrices, wantCounts []knownvalue.Check
	hcl.WriteString("locals {\n  cases = [\n")
	for i, price := range prices {
		prefix := fmt.Sprintf("3809%d", i)
		g.SetPrice(prefix, price, "UAH")
		for parts := 1; parts <= 10; parts++ {
			text := "a"
			if parts > 1 {
				text = strings.Repeat("a", 153*parts)
			}
			for _, n := range []int64{7, 99, 100} {
				each, _ := new(big.Rat).SetString(price)
				each.Mul(each, big.NewRat(int64(parts), 1))
				budget := new(big.Rat).Mul(each, big.NewRat(n, 1))
				fmt.Fprintf(&hcl, "    { to = %q, text = %q, budget = %s },\n", prefix+"1234567", text, decimalText(budget))
				wantPrices = append(wantPrices, knownvalue.StringExact(decimalText(each)))
				wantCounts = append(wantCounts, knownvalue.Int64Exact(n))
			}
		}
	}
	hcl.WriteString("  ]\n}\n")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + hcl.String() + `
data "gateway_sms_price" "case" {
  count  = length(local.cases)
  to     = local.cases[count.index].to
  text   = local.cases[count.index].text
  budget = local.cases[count.index].budget
}

output "message_prices" {
  value = [for p in data.gateway_sms_price.case : tostring(p.message_price)]
}

output "affordable" {
  value = data.gateway_sms_price.case[*].affordable_messages
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("message_prices", knownvalue.ListExact(wantPrices)),
				statecheck.ExpectKnownOutputValue("affordable", knownvalue.ListExact(wantCounts)),
			},
		}},
	})
}

// decimalText prints an exact rational with a finite decimal form as a person writes it.
func decimalText(r *big.Rat) string {
	return strings.TrimSuffix(strings.TrimRight(r.FloatString(40), "0"), ".")
}

// The campaign recipe of the docs, verbatim, at a boundary binary division gets wrong: 100
// three-part messages at 0.1 a part cost exactly 30, and a balance of 30 pays for all of them.
func TestAccRecipe_campaignCountsExactly(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "30")
	g.SetPrice("380", "0.1", "UAH")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: g.URL}),
			ConfigDirectory:          config.StaticDirectory("../../examples/data-sources/gateway_sms_price/campaign"),
			ConfigVariables: config.Variables{
				"batch_size":   config.IntegerVariable(100),
				"message_text": config.StringVariable(strings.Repeat("ж", 135)),
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("affordable_messages", knownvalue.Int64Exact(100)),
			},
		}},
	})
}

// A budget a float64 holds exactly reaches the provider as a float64: just under 0.3, it pays
// for no message at 0.3, though its shortest float64 spelling is 0.3.
func TestAccSMSPrice_budgetAFloat64HoldsIsExact(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "1")
	g.SetPrice("380", "0.3", "UAH")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + `
data "gateway_sms_price" "p" {
  to     = "+380501234567"
  text   = "hi"
  budget = 0.299999999999999988897769753748434595763683319091796875
}

output "affordable_messages" {
  value = data.gateway_sms_price.p.affordable_messages
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("affordable_messages", knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// An errors: field anywhere in a price answer is the gateway's refusal, never a price.
func TestAccSMSPrice_errorsAfterThePriceRefuses(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	for _, body := range []string{"price:1.2 currency:UAH errors:Account blocked", "price:1.2 currency:UAH\rerrors:Account blocked"} {
		g.AlwaysAnswer(gatewaytest.Answer{Body: body})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.Factories(nil),
			Steps: []resource.TestStep{{
				Config:      acctest.ProviderBlock(g.URL) + `data "gateway_sms_price" "x" { to = "+380 50 123 45 67" }`,
				ExpectError: acctest.ErrorWithoutKey(`The gateway rejected the request.*Account blocked`),
			}},
		})
	}
}

// The campaign recipe of the docs, verbatim: 20000 two-part messages at 1.2 a part need 48000.
func TestAccRecipe_campaignCountsMessages(t *testing.T) {
	t.Parallel()
	dir := config.StaticDirectory("../../examples/data-sources/gateway_sms_price/campaign")
	enough := startPricedGateway(t, "48000.5")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: enough.URL}),
			ConfigDirectory:          dir,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("affordable_messages", knownvalue.Int64Exact(20000)),
			},
		}},
	})
	short := startPricedGateway(t, "47999.99")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: short.URL}),
			ConfigDirectory:          dir,
			ExpectError: acctest.ErrorWithoutKey(`Balance below minimum_messages.*` +
				acctest.Spaced(`balance of 47999.99, which pays for 19999 messages at 2.4 each, fewer than the minimum_messages of 20000`)),
		}},
	})
}

// A to set from a variable with no value gets the provider's own error, saying what to write,
// never the framework's "contact the provider developers".
func TestAccSMSPrice_nullToSaysWhatToWrite(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + `
variable "to" {
  type    = string
  default = null
}

data "gateway_sms_price" "x" {
  to = var.to
}
`,
			ExpectError: acctest.ErrorWithoutKey(`Missing phone number.*` + acctest.Spaced(`to has no value: it is left out, or set from a value that is null, such as a variable given none. Set it to the recipient's number in international format, such as "+380501234567".`)),
		}},
	})
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("a null to reached the gateway: %d requests", n)
	}
}
