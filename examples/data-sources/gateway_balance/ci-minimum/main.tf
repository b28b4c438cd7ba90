# A CI funds gate: `terraform plan` fails, before anything is applied, when the account
# holds less than tonight's campaign needs. Endpoint and key come from GATEWAY_ENDPOINT
# and GATEWAY_API_KEY, set from the CI system's secret store.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {}

variable "campaign_budget" {
  description = "What the deploy is expected to spend, in the account's currency."
  type        = number
  default     = 500
}

data "gateway_balance" "current" {
  minimum = var.campaign_budget
}

output "sms_funds" {
  value = data.gateway_balance.current.balance
}
