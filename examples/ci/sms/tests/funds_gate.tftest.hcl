# Tests of main.tf's gate with the mocked provider: no gateway, no key, no network. They hold
# what the budget counts, a campaign's messages at its text's price, which is what the provider
# checks against the funds when the campaign is new; the provider's own tests hold the check.
# terraform test cannot expect a provider's error, only a custom condition's. Run them, in
# infra/sms, with (tofu test for OpenTofu):
#
#   terraform test
mock_provider "gateway" {
  alias = "marketing"
}

mock_provider "gateway" {
  alias = "alerts"
}

override_data {
  target = data.gateway_sms_price.campaign
  values = { message_price = 0.5, currency = "UAH" }
}

override_data {
  target = data.gateway_sms_price.alert
  values = { message_price = 0.5, currency = "UAH" }
}

run "the_campaign_is_budgeted_whole" {
  command = plan

  assert {
    condition     = gateway_budget.marketing.work[var.campaign].messages == var.campaign_size
    error_message = "The budget does not count every message of the campaign."
  }

  assert {
    condition     = gateway_budget.marketing.work[var.campaign].message_price == data.gateway_sms_price.campaign.message_price
    error_message = "The budget does not price the campaign's messages at its text's price."
  }
}

run "a_bigger_campaign_is_a_bigger_budget" {
  command = plan

  variables {
    campaign_size = 2001
  }

  assert {
    condition     = gateway_budget.marketing.work[var.campaign].messages == 2001
    error_message = "The budget does not follow the campaign's size."
  }
}
