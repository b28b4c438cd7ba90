// Package command is the gateway's HTTP API command table. The client sends from it, the fake
// gateway answers from it (with gatewaytest.Samples, the tests' data of each), and the tests cover every command in it:
// a new command starts here.
package command

// Command is one command of the gateway's HTTP API, /api/http.php.
type Command struct {
	Name   string   // the `command` parameter
	Params []string // the parameters it takes besides key, version and command, all required
}

// The commands the client sends.
var (
	Balance = Command{Name: "balance"}
	Price   = Command{Name: "price", Params: []string{"to"}}
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
