# Several accounts in one plan: one provider configuration per account, each with its own
# key, and a gate on each. The endpoint comes from GATEWAY_ENDPOINT for both.
terraform {
  required_providers {
    gateway = {
      source = "smsgateway/gateway"
    }
  }
}

variable "marketing_api_key" {
  type      = string
  sensitive = true
}

variable "alerts_api_key" {
  type      = string
  sensitive = true
}

provider "gateway" {
  alias   = "marketing"
  api_key = var.marketing_api_key
}

provider "gateway" {
  alias   = "alerts"
  api_key = var.alerts_api_key
}

data "gateway_balance" "marketing" {
  provider = gateway.marketing
  minimum  = 1000
}

# Alerts must never run dry: a higher bar, relative to their volume.
data "gateway_balance" "alerts" {
  provider = gateway.alerts
  minimum  = 100
}

output "sms_funds" {
  value = {
    marketing = data.gateway_balance.marketing.balance
    alerts    = data.gateway_balance.alerts.balance
  }
}
