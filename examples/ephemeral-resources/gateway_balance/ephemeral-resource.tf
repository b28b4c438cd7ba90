# Read again at apply time: a saved plan applied later is checked against the funds of then.
ephemeral "gateway_balance" "funds" {
  minimum = 500
}

# Something must read the balance: OpenTofu opens an ephemeral resource at apply time only when
# something needs its result. The precondition of whatever spends the money does, on both CLIs.
resource "terraform_data" "campaign" {
  input = 500

  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.funds.balance >= 500
      error_message = "The SMS account cannot cover the campaign's 500."
    }
  }
}
