# Gate a campaign on messages, not money: the plan stops unless the account can pay for
# every message of the batch at the current price to the campaign's country.
terraform {
  required_providers {
    gateway = {
      source = "smsgateway/gateway"
    }
  }
}

provider "gateway" {}

variable "batch_size" {
  description = "How many messages tonight's campaign sends."
  type        = number
  default     = 20000
}

variable "sample_recipient" {
  description = "A number in the campaign's country and network, to price one message."
  type        = string
  default     = "+380 50 123 45 67"
}

data "gateway_balance" "current" {}

data "gateway_sms_price" "campaign" {
  to = var.sample_recipient
}

locals {
  affordable_messages = floor(data.gateway_balance.current.balance / data.gateway_sms_price.campaign.price)
}

# Stands for whatever starts the campaign.
resource "terraform_data" "campaign" {
  input = var.batch_size

  lifecycle {
    precondition {
      condition     = local.affordable_messages >= var.batch_size
      error_message = "The account can pay for ${local.affordable_messages} messages at ${data.gateway_sms_price.campaign.price} ${data.gateway_sms_price.campaign.currency} each, fewer than the ${var.batch_size} of this batch. Top up before the campaign starts."
    }
  }
}

output "affordable_messages" {
  value = local.affordable_messages
}
