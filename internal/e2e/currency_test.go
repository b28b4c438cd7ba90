package e2e

import (
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// The account's currency, through the CLI: a balance shows it and keeps all 17 digits of a
// JSON amount; money in two currencies is never compared; a currency the provider expects
// fails closed; the vendor's refusals print what to do. The key travels only in a JSON body.
func TestCurrencyAndRefusals(t *testing.T) {
	t.Parallel()
	const priced = `
data "gateway_sms_price" "p" {
  to   = "+380501234567"
  text = "Hello"
}
`
	for _, tc := range []struct {
		name     string
		setup    func(g *gatewaytest.Gateway)
		provider string
		config   string
		want     []string // in the output, spaces folded
	}{
		{
			name: "a balance shows its currency and every digit",
			config: `
data "gateway_balance" "b" {}
output "balance" { value = data.gateway_balance.b.balance }
output "currency" { value = data.gateway_balance.b.currency }
`,
			want: []string{`balance = 31.168300000000002`, `currency = "UAH"`},
		},
		{
			name:  "a price in another currency stops the message gate",
			setup: func(g *gatewaytest.Gateway) { g.SetPrice("380", "0.05", "USD") },
			config: priced + `
data "gateway_balance" "b" {
  currency         = data.gateway_sms_price.p.currency
  message_price    = data.gateway_sms_price.p.message_price
  minimum_messages = 10
}
`,
			want: []string{"Error: Balance in another currency", "a balance of 31.168300000000002 UAH", "amounts here are in USD"},
		},
		{
			name:  "a budget in another currency stops the work",
			setup: func(g *gatewaytest.Gateway) { g.SetPrice("380", "0.05", "USD") },
			config: priced + `
resource "gateway_budget" "sms" {
  currency = data.gateway_sms_price.p.currency
  work = {
    spring = { messages = 10, message_price = data.gateway_sms_price.p.message_price }
  }
}
`,
			want: []string{"Error: Balance in another currency", "31.168300000000002 UAH", "amounts here are in USD"},
		},
		{
			name:     "an account in another currency than the provider's fails closed",
			provider: `currency = "USD"`,
			config:   `data "gateway_balance" "b" {}`,
			want:     []string{"Error: Account in another currency", "the balance in UAH, and the provider's currency is USD"},
		},
		{
			name:     "a balance without a currency fails closed where one is expected",
			setup:    func(g *gatewaytest.Gateway) { g.JSON = false },
			provider: `currency = "UAH"`,
			config:   `data "gateway_balance" "b" {}`,
			want:     []string{"Error: Currency unknown", "does not name the currency of the balance"},
		},
		{
			name:   "the IP allow-list",
			setup:  func(g *gatewaytest.Gateway) { g.Refuse(acctest.Key, "ERR_IP_DENIED") },
			config: `data "gateway_balance" "b" {}`,
			want:   []string{"ERR_IP_DENIED", "Allow this runner's address in the cabinet's API settings, or use a runner with a fixed address"},
		},
		{
			name:   "the API switched off",
			setup:  func(g *gatewaytest.Gateway) { g.Refuse(acctest.Key, "API disabled by user") },
			config: `data "gateway_balance" "b" {}`,
			want:   []string{"API disabled by user", "switch it on (Activate API)"},
		},
		{
			name:   "Access denied, with HTTP 200",
			setup:  func(g *gatewaytest.Gateway) { g.SetAccount("another-key-1", "5") }, // and not acctest.Key
			config: `data "gateway_balance" "b" {}`,
			want:   []string{"Access denied", "Check the GATEWAY_API_KEY environment variable", "the API must be switched on"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.JSON = true
			if tc.name != "Access denied, with HTTP 200" {
				g.SetAccount(acctest.Key, "31.168300000000002")
			}
			if tc.setup != nil {
				tc.setup(g)
			}
			res := planConfig(t, acctest.RequiredProviders+"provider \"gateway\" {\n"+tc.provider+"\n}\n"+tc.config, acctest.GatewayEnv(g))
			out := acctest.FoldSpaces(res.output)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("the plan's output lacks %q:\n%s", w, res.output)
				}
			}
			if strings.Contains(res.output, "~") {
				t.Errorf("the output holds a form of the key:\n%s", res.output)
			}
			for _, r := range g.Requests() {
				if r.KeyInQuery || strings.Contains(r.RawQuery, "Zq81") {
					t.Errorf("the key was in a URL: %s %s", r.Path, r.RawQuery)
				}
			}
		})
	}
}
