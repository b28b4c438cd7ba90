# Unit tests of the funds gate in main.tf: no gateway, no key, no network. The mocked
# provider answers every data source with the values given here, and never runs the
# provider's own checks: `minimum` does not fire below, only the precondition does.
mock_provider "gateway" {}

run "enough_funds_pass" {
  command = plan

  override_data {
    target = data.gateway_balance.current
    values = { balance = 750 }
  }
}

run "exactly_the_budget_passes" {
  command = plan

  override_data {
    target = data.gateway_balance.current
    values = { balance = 500 }
  }
}

run "too_little_stops_the_plan" {
  command = plan

  override_data {
    target = data.gateway_balance.current
    values = { balance = 499.99 }
  }

  expect_failures = [terraform_data.campaign]
}

run "a_bigger_campaign_needs_more" {
  command = plan

  variables {
    campaign_budget = 1000
  }

  override_data {
    target = data.gateway_balance.current
    values = { balance = 750 }
  }

  expect_failures = [terraform_data.campaign]
}
