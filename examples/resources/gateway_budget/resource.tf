# An account's campaigns, each at its cost: the plan that adds one, and the apply of that plan
# (a saved plan applied days later included), stop when the account cannot pay for what is new.
# Once a campaign has run, later plans leave it alone.
data "gateway_sms_price" "spring" {
  to   = "+380 50 123 45 67"
  text = "Spring sale: 20% off until Sunday."
}

resource "gateway_budget" "marketing" {
  work = {
    "spring-2027" = {
      messages      = 2000
      message_price = data.gateway_sms_price.spring.message_price
    }
    "flyers-2027" = { cost = 150 }
  }
}

# Stands for whatever sends the campaigns: created only once the budget has passed.
resource "terraform_data" "campaigns" {
  input      = keys(gateway_budget.marketing.work)
  depends_on = [gateway_budget.marketing]
}
