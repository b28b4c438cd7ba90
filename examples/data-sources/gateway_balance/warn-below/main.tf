# Two thresholds on one read: below warn_below the plan shows a warning and goes on;
# below minimum it fails.
terraform {
  required_providers {
    gateway = {
      source  = "smsgateway/gateway"
      version = "~> 0.1"
    }
  }
}

provider "gateway" {}

data "gateway_balance" "current" {
  minimum    = 50
  warn_below = 200
}
