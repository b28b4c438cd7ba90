// Package command is the gateway's command table: each command's name, the parameters it
// takes with a sample of each, and an answer as the vendor documents it. The client sends from
// it, the fake gateway answers from it, the provider's hints read it, and the tests cover every
// command in it, building their requests from the samples. A new command starts here; the
// tests then say what else it needs.
package command

// Command is one command of the gateway's HTTP API, /api/http.php.
type Command struct {
	// Name is the `command` parameter.
	Name string
	// Params are the parameters it takes besides key, version and command, all required.
	Params []string
	// Sample is a value of each parameter that the gateway answers with Example: what the tests
	// send, and what the fake gateway answers so, when no test set it up otherwise.
	Sample map[string]string
	// Subject is the parameter a refusal of the command can be about (the number a price is
	// asked for), or "" when only the key or the endpoint can be at fault.
	Subject string
	// SubjectHint says what the gateway needs of the subject, for a refusal that blames it.
	SubjectHint string
	// Unknown is the gateway's refusal of a Subject it does not know, such as "Unknown
	// destination": what the fake gateway answers (as errors:Unknown) for any other value than
	// the sample's.
	Unknown string
	// Example is a successful answer, as the vendor documents it.
	Example string
	// Amount is the field of the answer that holds an amount of money ("balance", "price"), or
	// "": the tests of amounts (their bounds, PHP's floats) run for the commands that have one.
	Amount string
	// Positive says that an amount of zero or below is no answer (a price of 0: the gateway
	// does not deliver there).
	Positive bool
}

// The commands the client sends.
var (
	Balance = Command{Name: "balance", Example: "balance:31.168300000000002", Amount: "balance"}
	Price   = Command{
		Name: "price", Params: []string{"to"}, Sample: map[string]string{"to": "380501234567"}, Subject: "to",
		SubjectHint: "the gateway must deliver to that number, written in international format, country code first",
		Unknown:     "Unknown destination", Example: "price:1.2 currency:UAH", Amount: "price", Positive: true,
	}
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
