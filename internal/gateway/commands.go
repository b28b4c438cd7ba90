package gateway

// The gateway's commands, as the `command` parameter names them.
const (
	CommandBalance = "balance"
	CommandPrice   = "price"
)
