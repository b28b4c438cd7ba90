# The account's funds, read during every plan.
data "gateway_balance" "current" {}

output "sms_funds" {
  value = data.gateway_balance.current.balance
}
