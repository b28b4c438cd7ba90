package main

import (
	"io"
	"strings"
	"testing"
)

// Every flag is checked as the provider would check what it stands for, with an error that
// says what to write: a fake the provider cannot talk to would make the plan blame the endpoint.
func TestFlagsRefusedWithWhatToWrite(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-account", "demo-key-1=abc"}, `the balance "abc" is not a decimal number: write a decimal such as 31.5`},
		{[]string{"-account", "short=5"}, "the provider would refuse this key: the API key does not look like one: it is 5 characters long"},
		{[]string{"-account", "demo key=5"}, "it holds a space"},
		{[]string{"-account", "no-equals"}, "write KEY=BALANCE, such as demo-key=31.5"},
		{[]string{"-account", "demo-key=1000,"}, `the balance "" is not a decimal number`},
		{[]string{"-price", "380=1.2:"}, `the currency "" is not a currency code: write the three letters of an ISO 4217 code, such as UAH`},
		{[]string{"-account", "demo-key=5:dollars"}, `the currency "dollars" is not a currency code`},
		{[]string{"-price", "abc=1.2:UAH"}, `the prefix "abc" is not the start of a phone number: write 1 to 15 digits`},
		{[]string{"-price", "380=free:UAH"}, `the price "free" is not a decimal number`},
		{[]string{"-price", "380"}, "write PREFIX=PRICE:CURRENCY, such as 380=1.2:UAH"},
		{[]string{"-addr", "0.0.0.0:8080"}, "listen on a loopback address"},
		{[]string{"-addr", "localhost"}, "listen on a loopback address and a port"},
		{[]string{"stray"}, `unexpected argument "stray"`},
	} {
		_, err := parseOptions(tc.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("fakegateway %s: error = %v, want it to say %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}

func TestFlagsAccepted(t *testing.T) {
	t.Parallel()
	opts, err := parseOptions([]string{"-addr", "LocalHost:0", "-account", "a-key-123=1.5", "-account", "b-key-123=1000,10:USD",
		"-price", "380=1.2:UAH", "-price", "44=0:GBP"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.accounts) != 2 || opts.accounts[1].key != "b-key-123" || strings.Join(opts.accounts[1].balances, "|") != "1000|10" || opts.accounts[1].currency != "USD" ||
		len(opts.prices) != 2 || opts.prices[1] != (price{"44", "0", "GBP"}) {
		t.Fatalf("options = %+v", opts)
	}
	defaults, err := parseOptions(nil, io.Discard)
	if err != nil || len(defaults.accounts) != 1 || defaults.accounts[0].key != "demo-key" {
		t.Fatalf("defaults = %+v, %v", defaults, err)
	}
}
