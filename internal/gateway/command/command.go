// Package command is the gateway's HTTP API command table: each command's name, the parameters
// it takes, the parameter a refusal can be about, and the field of its answer that holds an
// amount. The client sends from it; the fake gateway answers from it, with the samples of
// gatewaytest.Samples; the tests cover every command in it. A new command starts here; the
// tests then say what else it needs.
package command

// Command is one command of the gateway's HTTP API, /api/http.php.
type Command struct {
	// Name is the `command` parameter.
	Name string
	// Params are the parameters it takes besides key, version and command, all required.
	Params []string
	// Subject is the parameter a refusal of the command can be about (the number a price is
	// asked for), or "" when only the key or the endpoint can be at fault.
	Subject string
	// Amount is the field of the answer that holds an amount of money ("balance", "price"), or
	// "": the tests of amounts (their bounds, PHP's floats) run for the commands that have one.
	Amount string
	// Positive says that an amount of zero or below is no answer (a price of 0: the gateway
	// does not deliver there).
	Positive bool
}

// The commands the client sends.
var (
	Balance = Command{Name: "balance", Amount: "balance"}
	Price   = Command{Name: "price", Params: []string{"to"}, Subject: "to", Amount: "price", Positive: true}
)

// All lists every command of the table.
var All = []Command{Balance, Price}

// Named finds a command of the table by its name.
func Named(name string) (Command, bool) {
	for _, c := range All {
		if c.Name == name {
			return c, true
		}
	}
	return Command{}, false
}
