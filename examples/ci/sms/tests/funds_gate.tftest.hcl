# Tests of the funds gate in main.tf, with the real provider against the fake gateway, which
# serves three accounts: two that hold enough, and one whose balance drops to 10 after its
# first read (a plan's), as if the day's campaigns spent it before the apply. Mocks cannot stand
# in for an ephemeral resource. The fake gateway is built from the provider's repository, at
# the provider's release tag or its main branch:
# `go install github.com/smsgateway/terraform-provider-gateway/internal/cmd/fakegateway@main`.
# Run them, in infra/sms, with (tofu test for OpenTofu):
#
#   (
#     set -e
#     rm -f gateway.url
#     fakegateway -account marketing-key-1=1000 -account alerts-key-22=5000 -account spent-key-3=1000,10 -price 380=0.5:UAH >gateway.url &
#     fake=$!
#     trap 'kill $fake; rm -f gateway.url' EXIT
#     until [ -s gateway.url ]; do kill -0 $fake; sleep 0.1; done
#     export GATEWAY_ENDPOINT=$(head -n1 gateway.url)
#     export GATEWAY_API_KEY_MARKETING=marketing-key-1 GATEWAY_API_KEY_ALERTS=alerts-key-22 GATEWAY_API_KEY_SPENT=spent-key-3
#     terraform test
#   )
provider "gateway" {
  alias       = "marketing"
  api_key_env = "GATEWAY_API_KEY_MARKETING"
}

provider "gateway" {
  alias       = "alerts"
  api_key_env = "GATEWAY_API_KEY_ALERTS"
}

# The marketing account of a day whose campaigns spend its funds between the plan and the apply.
provider "gateway" {
  alias       = "spent"
  api_key_env = "GATEWAY_API_KEY_SPENT"
}

run "enough_funds_pass" {
  command = plan
}

# 1000 pays for 2000 messages of one part at 0.5: 2001 do not fit.
run "a_campaign_too_big_stops_the_plan" {
  command = plan

  variables {
    campaign_size = 2001
  }

  expect_failures = [terraform_data.campaign]
}

# 5000 pays for 10000 alerts: less than two days of 5001.
run "too_few_alerts_stop_the_plan" {
  command = plan

  variables {
    alerts_per_day = 5001
  }

  expect_failures = [terraform_data.campaign]
}

run "spent_before_the_apply_stops_the_apply" {
  command = apply

  providers = {
    gateway.marketing = gateway.spent
    gateway.alerts    = gateway.alerts
  }

  expect_failures = [terraform_data.campaign]
}
