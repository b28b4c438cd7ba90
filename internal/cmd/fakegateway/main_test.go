package main

import (
	"flag"
	"testing"
)

func TestRepeatedPairs(t *testing.T) {
	t.Parallel()
	var accounts pairs
	fs := flag.NewFlagSet("fakegateway", flag.ContinueOnError)
	fs.Var(&accounts, "account", "")
	if err := fs.Parse([]string{"-account", "a-key=1.5", "-account", "b-key=-2"}); err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 2 || accounts[0] != [2]string{"a-key", "1.5"} || accounts[1] != [2]string{"b-key", "-2"} {
		t.Fatalf("accounts = %v", accounts)
	}
	for _, bad := range []string{"no-equals", "=5", "key="} {
		if err := accounts.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}
