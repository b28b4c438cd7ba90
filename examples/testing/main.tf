# A configuration whose funds gate is unit-tested with `terraform test` / `tofu test`
# (tests/funds_gate.tftest.hcl). The gate the tests prove is the precondition written here.
# The data source's own `minimum` guards the real plan too, but it runs inside the provider,
# which a mocked or overridden data source never calls: under mocks it never fires.
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
  description = "What the campaign will spend, in the account's currency."
  type        = number
  default     = 500
}

data "gateway_balance" "current" {
  minimum    = var.campaign_budget
  warn_below = var.campaign_budget * 2
}

# Stands for whatever starts the campaign.
resource "terraform_data" "campaign" {
  input = var.campaign_budget

  lifecycle {
    precondition {
      condition     = data.gateway_balance.current.balance >= var.campaign_budget
      error_message = "The SMS account holds ${data.gateway_balance.current.balance}, less than the campaign's budget of ${var.campaign_budget}."
    }
  }
}
