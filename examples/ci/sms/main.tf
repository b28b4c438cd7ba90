# A team's SMS configuration (infra/sms/): a marketing account pays for campaigns, an alerts
# account for one-time passwords. Keep its state in a backend every job reaches.
terraform {
  required_providers {
    gateway = {
      # The registry's host written out: one lock file serves Terraform and OpenTofu.
      source  = "registry.terraform.io/smsgateway/gateway"
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

variable "campaign" {
  description = "The name of this deploy's campaign: a new name is new work, checked against the funds."
  type        = string
  default     = "spring-sale"
}

variable "campaign_size" {
  description = "Messages this deploy's campaign sends from the marketing account."
  type        = number
  default     = 500
}

variable "campaign_text" {
  description = "The campaign's text, exactly as it will be sent: its parts are what is billed."
  type        = string
  default     = "Spring sale: 20% off everything until Sunday. Show this message at the till."
}

variable "alerts_per_day" {
  description = "One-time passwords the alerts account sends on a usual day."
  type        = number
  default     = 400
}

variable "recipient" {
  description = "A number in the country most messages go to, to price them."
  type        = string
  default     = "+380 50 123 45 67"
}

# What one message of each kind costs, in all its parts, at today's price.
data "gateway_sms_price" "campaign" {
  provider = gateway.marketing
  to       = var.recipient
  text     = var.campaign_text
}

data "gateway_sms_price" "alert" {
  provider = gateway.alerts
  to       = var.recipient
  text     = "Your code is 123456. It expires in 10 minutes."
}

# The gate: the campaign's cost, checked when it is new, at plan and at apply.
resource "gateway_budget" "marketing" {
  provider = gateway.marketing
  currency = data.gateway_sms_price.campaign.currency
  work = {
    (var.campaign) = {
      messages      = var.campaign_size
      message_price = data.gateway_sms_price.campaign.message_price
    }
  }
}

# Stands for whatever starts the campaign: created only once its budget has passed.
resource "terraform_data" "campaign" {
  input      = { name = var.campaign, size = var.campaign_size }
  depends_on = [gateway_budget.marketing]
}

# The morning alarm's levels: two campaigns, a week of alerts; alerts fail below two days.
data "gateway_balance" "marketing" {
  provider            = gateway.marketing
  currency            = data.gateway_sms_price.campaign.currency
  message_price       = data.gateway_sms_price.campaign.message_price
  warn_below_messages = var.campaign_size * 2
}

data "gateway_balance" "alerts" {
  provider            = gateway.alerts
  currency            = data.gateway_sms_price.alert.currency
  message_price       = data.gateway_sms_price.alert.message_price
  minimum_messages    = var.alerts_per_day * 2
  warn_below_messages = var.alerts_per_day * 7
}

output "sms_funds_low" {
  description = "Whether an account is below its warning level: what the morning alarm reads."
  value       = data.gateway_balance.marketing.low || data.gateway_balance.alerts.low
}

output "sms_messages_affordable" {
  description = "The messages each account pays for, at today's prices."
  value = {
    marketing = data.gateway_balance.marketing.affordable_messages
    alerts    = data.gateway_balance.alerts.affordable_messages
  }
}
