# Gate a campaign on messages, not money: the plan stops unless the account can pay for
# every message of the batch, each counted in the parts its text is sent as, at the current
# price to the campaign's country, in the currency the budget is written in.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
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

variable "message_text" {
  description = "The text every recipient gets, exactly as it will be sent."
  type        = string
  default     = "Вітаємо! До неділі знижка 20% на все в наших магазинах. Покажіть це повідомлення на касі."
}

variable "budget_currency" {
  description = "The currency the account and this budget are in."
  type        = string
  default     = "UAH"
}

data "gateway_balance" "current" {}

# budget makes the provider count the messages the balance pays for, exactly in decimal:
# floor(balance / message_price) in the configuration would divide in binary, and at an
# exact boundary (a balance of exactly 100 messages) count 99.
data "gateway_sms_price" "campaign" {
  to     = var.sample_recipient
  text   = var.message_text
  budget = data.gateway_balance.current.balance
}

locals {
  price               = data.gateway_sms_price.campaign
  affordable_messages = local.price.affordable_messages
}

# Stands for whatever starts the campaign.
resource "terraform_data" "campaign" {
  input = var.batch_size

  lifecycle {
    precondition {
      condition     = local.price.currency == var.budget_currency
      error_message = "The gateway prices messages to ${var.sample_recipient} in ${local.price.currency}, not in ${var.budget_currency}: the balance cannot be compared with them."
    }
    precondition {
      condition     = local.price.message_price > 0 && local.affordable_messages >= var.batch_size
      error_message = "The account can pay for ${local.affordable_messages} messages at ${local.price.message_price} ${local.price.currency} each (${local.price.parts} ${local.price.encoding} parts of ${local.price.price}), fewer than the ${var.batch_size} of this batch. Top up before the campaign starts."
    }
  }
}

output "affordable_messages" {
  value = local.affordable_messages
}
