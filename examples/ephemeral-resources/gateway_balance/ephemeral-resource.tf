# Read again at apply time: a saved plan applied later is checked against the funds of then.
ephemeral "gateway_balance" "funds" {
  minimum = 500
}
