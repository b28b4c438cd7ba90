# What one message to a Ukrainian mobile number costs.
data "gateway_sms_price" "ua" {
  to = "+380 50 123 45 67"
}

output "price_per_message" {
  value = "${data.gateway_sms_price.ua.price} ${data.gateway_sms_price.ua.currency}"
}
