# Re-check funds when a saved plan is applied: CI plans at 09:00, someone approves, and the
# plan is applied at 17:00 after the day's campaigns spent the money. A data source was read
# at 09:00 only; this ephemeral resource is opened again by the apply, which stops when the
# account no longer covers the work. Needs Terraform 1.10+ or OpenTofu 1.11+.
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

# warn_below at the gate's own level: its warning names the balance and the budget, which no
# CLI prints in a precondition's message about an ephemeral value.
ephemeral "gateway_balance" "funds" {
  warn_below = var.campaign_budget
}

# Stands for whatever starts the campaign. The precondition is the gate, which terraform test
# can hold; it reads the ephemeral balance, so both CLIs open it at apply time, before the work.
resource "terraform_data" "campaign" {
  input = var.campaign_budget

  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.funds.balance >= var.campaign_budget
      error_message = "The SMS account cannot cover the campaign's budget of ${var.campaign_budget}. Top up before applying."
    }
  }
}
