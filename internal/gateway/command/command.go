// Package command is the gateway's command table: each command's name, the parameters it
// takes, and an answer as the vendor documents it. The client sends from it, the fake gateway
// answers from it, the provider's hints read it, and the tests cover every command in it. A
// new command starts here; the tests then say what else it needs.
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
	// SubjectHint says what the gateway needs of the subject, for a refusal that blames it.
	SubjectHint string
	// Example is a successful answer, as the vendor documents it.
	Example string
}

// The commands the client sends.
var (
	Balance = Command{Name: "balance", Example: "balance:31.168300000000002"}
	Price   = Command{
		Name: "price", Params: []string{"to"}, Subject: "to",
		SubjectHint: "the gateway must deliver to that number, written in international format, country code first",
		Example:     "price:1.2 currency:UAH",
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
