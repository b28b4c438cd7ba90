# A configuration whose apply-time funds gate is tested with `terraform test` / `tofu test`
# against the fake gateway (tests/apply_gate.tftest.hcl): mocks cannot stand in for an
# ephemeral resource. The gate the tests prove is the precondition; it reads the ephemeral
# balance, so both CLIs open it again when a plan is applied.
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

# No minimum here: the provider's own error cannot be an expected failure of a test run, and
# the precondition below says the same.
ephemeral "gateway_balance" "funds" {}

# Stands for whatever starts the campaign.
resource "terraform_data" "campaign" {
  input = var.campaign_budget

  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.funds.balance >= var.campaign_budget
      error_message = "The SMS account holds less than the campaign's budget of ${var.campaign_budget}." # no ephemeral value here: OpenTofu would not print the message
    }
  }
}
