# A precondition ties the check to the resource that spends the money: the plan stops
# with your own message, naming the resource, when the funds will not cover it.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {}

variable "recipients" {
  description = "How many messages the campaign sends."
  type        = number
  default     = 2000
}

variable "price_per_message" {
  description = "What one message costs, in the account's currency."
  type        = number
  default     = 0.25
}

data "gateway_balance" "current" {}

# Stands for whatever starts the campaign: a job, a function, a queue message.
resource "terraform_data" "campaign" {
  input = var.recipients

  lifecycle {
    precondition {
      condition     = data.gateway_balance.current.balance >= var.recipients * var.price_per_message
      error_message = "The SMS account holds ${data.gateway_balance.current.balance}, less than the ${var.recipients * var.price_per_message} this campaign needs. Top up before deploying."
    }
  }
}
