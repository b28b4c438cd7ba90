# The configuration a team's pipeline plans and applies (infra/sms/ in the CI examples): two
# gateway accounts, each with its own key variable, checked when the plan is made and again
# when the approved plan is applied. Keep its state in a backend every job reaches (s3, gcs,
# azurerm, HCP Terraform): a saved plan is applied to the state it was planned against.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

# The endpoint comes from GATEWAY_ENDPOINT; each account's key from its own variable.
provider "gateway" {
  alias       = "marketing"
  api_key_env = "GATEWAY_API_KEY_MARKETING"
}

provider "gateway" {
  alias       = "alerts"
  api_key_env = "GATEWAY_API_KEY_ALERTS"
}

variable "campaign_budget" {
  description = "What the campaign will spend from the marketing account."
  type        = number
  default     = 500
}

variable "alerts_reserve" {
  description = "What the alerts account must keep for the alerts it sends."
  type        = number
  default     = 100
}

ephemeral "gateway_balance" "marketing" {
  provider = gateway.marketing
  minimum  = var.campaign_budget
}

ephemeral "gateway_balance" "alerts" {
  provider = gateway.alerts
  minimum  = var.alerts_reserve
}

# Stands for whatever starts the campaign. Its precondition reads both balances: OpenTofu opens
# an ephemeral resource at apply time only when something reads it.
resource "terraform_data" "campaign" {
  input = var.campaign_budget

  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.marketing.balance >= var.campaign_budget && ephemeral.gateway_balance.alerts.balance >= var.alerts_reserve
      error_message = "The SMS accounts cannot cover the campaign's budget of ${var.campaign_budget} and the alerts' reserve of ${var.alerts_reserve}. Top up, then plan again."
    }
  }
}
