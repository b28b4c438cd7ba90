package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// One plan asks the gateway once per account, however many instances read the balance.
func TestOneRequestPerAccountPerPlan(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 10, 200} {
		t.Run(fmt.Sprint(n, " instances"), func(t *testing.T) {
			t.Parallel()
			g := acctest.StartGateway(t, "31.168300000000002")
			res := planConfig(t, acctest.ForEachBalance(n, `provider "gateway" {}`), acctest.GatewayEnv(g))
			if res.err != nil {
				t.Fatalf("plan failed: %v\n%s", res.err, res.output)
			}
			if got := g.RequestCount(); got != 1 {
				t.Fatalf("%d instances made %d gateway requests, want 1", n, got)
			}
			if out := acctest.FoldSpaces(res.output); !strings.Contains(out, `+ distinct_figures = [ + "31.168300000000002", ]`) {
				t.Fatalf("the instances did not all see the one figure:\n%s", res.output)
			}
		})
	}
}

// Two provider configurations (two accounts) keep separate answers: two requests, each
// with its own key, and each instance sees its own account's figure.
func TestAliasesAskSeparately(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount("account-a-key", "100")
	g.SetAccount("account-b-key", "200")
	config := acctest.RequiredProviders + `
provider "gateway" {
  alias   = "a"
  api_key = "account-a-key"
}

provider "gateway" {
  alias   = "b"
  api_key = "account-b-key"
}

data "gateway_balance" "a" {
  provider = gateway.a
  for_each = toset(["1", "2", "3"])
}

data "gateway_balance" "b" {
  provider = gateway.b
  for_each = toset(["1", "2", "3"])
}

output "figures" {
  value = concat(
    distinct([for x in data.gateway_balance.a : tostring(x.balance)]),
    distinct([for x in data.gateway_balance.b : tostring(x.balance)]),
  )
}
`
	res := planConfig(t, config, map[string]string{"GATEWAY_ENDPOINT": g.URL})
	if res.err != nil {
		t.Fatalf("plan failed: %v\n%s", res.err, res.output)
	}
	keys := map[string]int{}
	for _, r := range g.Requests() {
		keys[r.Key]++
	}
	if len(g.Requests()) != 2 || keys["account-a-key"] != 1 || keys["account-b-key"] != 1 {
		t.Fatalf("requests per key = %v, want one for each", keys)
	}
	if out := acctest.FoldSpaces(res.output); !strings.Contains(out, `+ figures = [ + "100", + "200", ]`) {
		t.Fatalf("each alias did not see its own figure:\n%s", res.output)
	}
}

// A failure is shared as well: a gateway that refuses the key is asked once, and every
// instance reports the refusal.
func TestFailureAskedOncePerPlan(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "5")
	g.AlwaysAnswer(gatewaytest.Answer{Body: "errors:Account blocked"})
	res := planConfig(t, acctest.ForEachBalance(20, `provider "gateway" {}`), acctest.GatewayEnv(g))
	// The plan fails with the gateway's refusal as its error; no instance completes its read
	// (with a balance of 0 or any other), none fails on its minimum instead, and the refusal is
	// never a warning.
	if res.err == nil || !strings.Contains(res.output, "Error: The gateway rejected the request") ||
		strings.Contains(res.output, "Read complete") || strings.Contains(res.output, "Balance below minimum") ||
		strings.Contains(res.output, "Warning: The gateway") {
		t.Fatalf("want the gateway's refusal as the plan's error, and no balance read:\n%s", res.output)
	}
	if got := g.RequestCount(); got != 1 {
		t.Fatalf("20 instances made %d requests against a refusing gateway, want 1", got)
	}
}

// Prices are asked once per number in a plan, however many instances ask.
func TestPriceAskedOncePerNumber(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "100")
	g.SetPrice("380", "1.2", "UAH")
	config := acctest.RequiredProviders + `
provider "gateway" {}

data "gateway_sms_price" "recipient" {
  # 40 instances, written three ways, for two numbers.
  for_each = { for i in range(40) : tostring(i) => element(["+380 50 123 45 67", "380-50-123-4567", "380671234567"], i % 3) }
  to       = each.value
}

output "prices" {
  value = distinct([for p in data.gateway_sms_price.recipient : "${p.number}=${p.price}"])
}
`
	res := planConfig(t, config, acctest.GatewayEnv(g))
	if res.err != nil {
		t.Fatalf("plan failed: %v\n%s", res.err, res.output)
	}
	perNumber := map[string]int{}
	for _, r := range g.Requests() {
		perNumber[r.Param("to")]++
	}
	if len(g.Requests()) != 2 || perNumber["380501234567"] != 1 || perNumber["380671234567"] != 1 {
		t.Fatalf("requests per number = %v, want one for each of the two numbers", perNumber)
	}
}
