package gateway

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// callCommand sends a command of the table, with its sample parameters, through the client's
// own method for it. A command the switch does not know is named by TestEveryCommandIsCovered.
func callCommand(ctx context.Context, c *Client, cmd command.Command) error {
	switch cmd.Name {
	case command.Balance.Name, jsonBalance.Name:
		_, err := c.Balance(ctx)
		return err
	case command.Price.Name:
		_, err := c.Price(ctx, gatewaytest.Samples[cmd.Name].Params["to"])
		return err
	}
	return fmt.Errorf("callCommand has no case for the %s command: add one that calls its client method", cmd.Name)
}

// parsers read an answer to each command of the table, for the tests that run on every one.
var parsers = map[string]func(body []byte, r redactor) (any, error){
	command.Balance.Name: func(body []byte, r redactor) (any, error) { return parseBalance(body, r) },
	command.Price.Name: func(body []byte, r redactor) (any, error) {
		return parsePrice(gatewaytest.Samples[command.Price.Name].Params["to"], body, r)
	},
}

// balanceField is an amount in an answer written for the balance command.
var balanceField = regexp.MustCompile(`balance:(\S*)`)

// forCommand rewrites an answer written for the balance command as the same answer to cmd, from
// the command table: its documented example with the amount put in its own field, or, for a
// command whose answer holds no amount, the example as it is. The tests' answers are written
// once, and every command is tested with them.
func forCommand(cmd command.Command, body string) string {
	if cmd.Name == command.Balance.Name {
		return body
	}
	if amount, ok := strings.CutPrefix(body, "balance:"); ok && cmd.Name == jsonBalance.Name {
		return `{"success":true,"data":[{"success":true,"data":{"amount":` + amount + `,"currency":"UAH"}}]}`
	}
	return balanceField.ReplaceAllStringFunc(body, func(field string) string {
		if gatewaytest.Samples[cmd.Name].Amount == "" {
			return gatewaytest.Samples[cmd.Name].Example
		}
		amount := strings.TrimPrefix(field, "balance:")
		var b strings.Builder
		for i, token := range strings.Fields(gatewaytest.Samples[cmd.Name].Example) {
			if i > 0 {
				b.WriteByte(' ')
			}
			if strings.HasPrefix(token, gatewaytest.Samples[cmd.Name].Amount+":") {
				token = gatewaytest.Samples[cmd.Name].Amount + ":" + amount
			}
			b.WriteString(token)
		}
		return b.String()
	})
}

// answerFor is forCommand for the command a request names.
func answerFor(name, body string) string {
	cmd, _ := command.Named(name)
	return forCommand(cmd, body)
}

// Every command of the table is sent by the client and covered by the tests' helpers, so that
// the fault matrix, the fuzz target and the protocol tests run for it; each gap is named, with
// the file to edit, and none stops the others from being checked.
func TestEveryCommandIsCovered(t *testing.T) {
	t.Parallel()
	for _, cmd := range command.All {
		for _, p := range cmd.Params {
			if gatewaytest.Samples[cmd.Name].Params[p] == "" {
				t.Errorf("the %s command has no sample value of its parameter %s: add it to Sample in command/command.go", cmd.Name, p)
			}
		}
		example := gatewaytest.Samples[cmd.Name].Example
		if example == "" {
			t.Errorf("the %s command has no example answer: add Example in command/command.go", cmd.Name)
		}
		if gatewaytest.Samples[cmd.Name].Amount != "" && !strings.Contains(example, gatewaytest.Samples[cmd.Name].Amount+":") {
			t.Errorf("the %s command's example %q holds no %s: field, its Amount", cmd.Name, example, gatewaytest.Samples[cmd.Name].Amount)
		}
		c, err := New(testConfig("http://127.0.0.1:9", &logSink{}))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // nothing is sent
		if err := callCommand(ctx, c, cmd); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v", cmd.Name, err)
		}
		parse, ok := parsers[cmd.Name]
		if !ok {
			t.Errorf("parsers in commands_test.go has no entry for the %s command: add its parse function", cmd.Name)
			continue
		}
		if _, err := parse([]byte(gatewaytest.Samples[cmd.Name].Example), newRedactor(testKey)); err != nil {
			t.Errorf("the %s command's example %q does not parse: %v", cmd.Name, gatewaytest.Samples[cmd.Name].Example, err)
		}
	}
}

// The key goes in exactly one place, for every command and both methods: the key parameter
// of the query (GET) or of the form body (POST), once, and in no header, path, other
// parameter, or the other of query and body. Searched with the finder, in any form.
func TestKeyOnlyInItsParameter(t *testing.T) {
	t.Parallel()
	finder := secret.NewFinder(testKey)
	for _, method := range []string{MethodGet, MethodPost} {
		for _, cmd := range command.All {
			g := gatewaytest.Start(t)
			g.SetAccount(testKey, "5")
			cfg := testConfig(g.URL, &logSink{})
			cfg.Method = method
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := callCommand(context.Background(), c, cmd); err != nil {
				t.Fatalf("%s %s: %v", method, cmd.Name, err)
			}
			reqs := g.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%s %s: %d requests", method, cmd.Name, len(reqs))
			}
			r := reqs[0]
			if got := r.Params["key"]; len(got) != 1 || got[0] != testKey {
				t.Errorf("%s %s: key parameter = %q", method, cmd.Name, got)
			}
			carrier, other := r.RawQuery, r.Body
			if method == MethodPost {
				carrier, other = r.Body, r.RawQuery
			}
			if _, _, found := finder.Find(carrier); !found {
				t.Errorf("%s %s: the key is not where it belongs: %q", method, cmd.Name, carrier)
			}
			places := map[string]string{"the path": r.Path, "the other of query and body": other}
			for name, values := range r.Header {
				places["the "+name+" header"] = strings.Join(values, "\n")
			}
			for name, values := range r.Params {
				if name != "key" {
					places["the "+name+" parameter"] = strings.Join(values, "\n")
				}
			}
			for where, text := range places {
				if _, _, found := finder.Find(text); found {
					t.Errorf("%s %s: %s holds the key: %q", method, cmd.Name, where, text)
				}
			}
		}
	}
}

// A client method that sends other parameters than the table lists is a bug, refused before
// anything reaches the gateway.
func TestCallRefusesParametersTheTableDoesNotList(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "5")
	c, err := New(testConfig(g.URL, &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cmd    command.Command
		params url.Values
		want   string
	}{
		{command.Price, nil, `the price command takes the parameters ["to"], not 0`},
		{command.Price, url.Values{"to": {""}}, "the price command needs the parameter to"},
		{command.Price, url.Values{"id": {"7"}}, "the price command needs the parameter to"},
		{command.Balance, url.Values{"to": {"380501234567"}}, `the balance command takes the parameters [], not 1`},
	} {
		if _, err := c.call(context.Background(), tc.cmd, tc.params); err == nil || err.Error() != tc.want {
			t.Errorf("call(%s, %v) = %v, want %q", tc.cmd.Name, tc.params, err, tc.want)
		}
	}
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("%d requests reached the gateway", n)
	}
}
