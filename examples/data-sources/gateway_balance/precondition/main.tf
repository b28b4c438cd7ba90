# A precondition ties the check to the resource that spends the money: the plan stops with
# your own message, naming the resource, when the funds will not cover it. The provider counts
# the messages the balance pays for, at the price of the campaign's own text, in decimal.
# A data source is read when the plan is made; to check again at the apply of a saved plan,
# read the ephemeral resource instead (see the CI funds gate guide).
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

variable "message_text" {
  description = "The text every recipient gets, exactly as it will be sent."
  type        = string
  default     = "Your order is ready for collection."
}

data "gateway_sms_price" "campaign" {
  to   = "+380501234567" # a number in the campaign's country and network
  text = var.message_text
}

data "gateway_balance" "current" {
  message_price = data.gateway_sms_price.campaign.message_price
}

# Stands for whatever starts the campaign: a job, a function, a queue message.
resource "terraform_data" "campaign" {
  input = var.recipients

  lifecycle {
    precondition {
      condition     = data.gateway_balance.current.affordable_messages >= var.recipients
      error_message = "The SMS account holds ${data.gateway_balance.current.balance} ${data.gateway_sms_price.campaign.currency}, enough for ${data.gateway_balance.current.affordable_messages} messages at ${data.gateway_sms_price.campaign.message_price}, fewer than the ${var.recipients} this campaign sends. Top up before deploying."
    }
  }
}
