# Tests of the apply-time funds gate in main.tf, with the real provider against the fake
# gateway, started beside them with two accounts: one that holds 1000, and one whose balance
# drops to 10 after its first read (a plan's), as if a campaign spent it before the apply.
# `go install github.com/smsgateway/terraform-provider-gateway/internal/cmd/fakegateway@v0.1`
# puts the fake gateway on PATH. Run them with (tofu test for OpenTofu):
#
#   fakegateway -account steady-key-1=1000 -account spent-key-1=1000,10 >gateway.url &
#   trap "kill $!" EXIT
#   until [ -s gateway.url ]; do sleep 0.1; done
#   export GATEWAY_ENDPOINT=$(head -n1 gateway.url)
#   GATEWAY_API_KEY_STEADY=steady-key-1 GATEWAY_API_KEY_SPENT=spent-key-1 terraform test
provider "gateway" {
  api_key_env = "GATEWAY_API_KEY_STEADY"
}

provider "gateway" {
  alias       = "spent"
  api_key_env = "GATEWAY_API_KEY_SPENT"
}

run "enough_funds_pass" {
  command = plan
}

run "too_little_stops_the_plan" {
  command = plan

  variables {
    campaign_budget = 5000
  }

  expect_failures = [terraform_data.campaign]
}

run "spent_before_the_apply_stops_the_apply" {
  command = apply

  providers = {
    gateway = gateway.spent
  }

  expect_failures = [terraform_data.campaign]
}
