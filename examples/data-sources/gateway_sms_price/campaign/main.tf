# Gate a campaign on messages, not money: the plan stops unless the account can pay for every
# message of the batch, each counted in the parts its text is sent as, at the current price to
# the campaign's country, in the currency the account is kept in.
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

variable "account_currency" {
  description = "The currency the account is kept in."
  type        = string
  default     = "UAH"
}

data "gateway_sms_price" "campaign" {
  to   = var.sample_recipient
  text = var.message_text

  lifecycle {
    postcondition {
      condition     = self.currency == var.account_currency
      error_message = "The gateway prices messages to ${var.sample_recipient} in ${self.currency}, not in the account's ${var.account_currency}: the balance cannot pay for them by count."
    }
  }
}

# The provider divides the balance by the whole message's price, in decimal, and fails the
# plan when it pays for fewer than the batch, naming both figures.
data "gateway_balance" "current" {
  message_price       = data.gateway_sms_price.campaign.message_price
  minimum_messages    = var.batch_size
  warn_below_messages = var.batch_size * 2
}

output "affordable_messages" {
  value = data.gateway_balance.current.affordable_messages
}
