# The configuration `make demo` plans: the provider reads its endpoint and key from
# GATEWAY_ENDPOINT and GATEWAY_API_KEY, which the demo points at a local fake gateway.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {}

variable "minimum" {
  description = "The least balance this configuration needs."
  type        = number
  default     = 10
}

data "gateway_balance" "current" {
  minimum = var.minimum
}

output "sms_funds" {
  value = data.gateway_balance.current.balance
}
