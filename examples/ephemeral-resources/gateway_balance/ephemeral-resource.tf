# Read again at apply time: a saved plan applied later is checked against the funds of then.
ephemeral "gateway_balance" "funds" {
  warn_below = 500 # the gate's level: the warning names both figures
}

# The gate, read by the precondition of whatever spends the money: both CLIs open the
# ephemeral resource for it, at plan time and again, before the work, at apply time.
resource "terraform_data" "campaign" {
  input = 500

  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.funds.balance >= 500
      error_message = "The SMS account cannot cover the campaign's 500."
    }
  }
}
