# Several accounts in one plan: one provider configuration per account, each reading its key
# from its own environment variable, and a gate on each. No key is ever a Terraform value, so
# none can reach a saved plan. The endpoint comes from GATEWAY_ENDPOINT for both.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {
  alias       = "marketing"
  api_key_env = "GATEWAY_API_KEY_MARKETING"
}

provider "gateway" {
  alias       = "alerts"
  api_key_env = "GATEWAY_API_KEY_ALERTS"
}

data "gateway_balance" "marketing" {
  provider   = gateway.marketing
  minimum    = 1000
  warn_below = 2000
}

# Alerts must never run dry: a higher bar, relative to their volume.
data "gateway_balance" "alerts" {
  provider   = gateway.alerts
  minimum    = 100
  warn_below = 300
}

output "sms_funds" {
  value = {
    marketing = data.gateway_balance.marketing.balance
    alerts    = data.gateway_balance.alerts.balance
  }
}
