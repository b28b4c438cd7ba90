# Continuous traffic, such as one-time passwords: levels in days of messages. The plan fails
# when the account pays for fewer than two days of them, and warns below a week, so that the
# morning alarm asks for a top-up days before a deploy is stopped.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {}

variable "messages_per_day" {
  description = "One-time passwords sent on a usual day (a busy one, to be safe)."
  type        = number
  default     = 1500
}

data "gateway_sms_price" "otp" {
  to   = "+380 50 123 45 67"
  text = "Your code is 123456. It expires in 10 minutes."
}

data "gateway_balance" "otp" {
  message_price       = data.gateway_sms_price.otp.message_price
  minimum_messages    = var.messages_per_day * 2
  warn_below_messages = var.messages_per_day * 7
}

output "days_of_traffic" {
  value = floor(data.gateway_balance.otp.affordable_messages / var.messages_per_day)
}
