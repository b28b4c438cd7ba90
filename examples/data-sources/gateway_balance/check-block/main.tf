# A check block only warns: the plan and apply go on, and the warning shows in every run
# until the account is topped up. Its data source is read on each plan and apply.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {}

check "sms_funds" {
  data "gateway_balance" "current" {}

  assert {
    condition     = data.gateway_balance.current.balance >= 100
    error_message = "The SMS account is down to ${data.gateway_balance.current.balance}; top it up soon."
  }
}
