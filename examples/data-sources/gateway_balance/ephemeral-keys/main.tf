# Keys passed as variables, kept out of saved plans: an ephemeral variable is never written
# to a plan file or the state (Terraform 1.10+, OpenTofu 1.11+). Set them from the CI
# system's secret store as TF_VAR_marketing_api_key and TF_VAR_alerts_api_key.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

variable "marketing_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "alerts_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
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
