# A campaign of 2000 messages, gated by its budget: the plan that adds it, and the apply of that
# plan (a saved plan applied days later included), stop when the account cannot pay for it.
# Once it has run, later plans leave the budget alone.
data "gateway_sms_price" "spring" {
  to   = "+380 50 123 45 67"
  text = "Spring sale: 20% off until Sunday."
}

resource "gateway_budget" "spring" {
  messages      = 2000
  message_price = data.gateway_sms_price.spring.message_price
  triggers      = { campaign = "spring-2027" }
}

# Stands for whatever sends the campaign. It uses the budget's id, so it is created only once
# the budget has passed, and is replaced with it.
resource "terraform_data" "spring_campaign" {
  input = gateway_budget.spring.id
}
