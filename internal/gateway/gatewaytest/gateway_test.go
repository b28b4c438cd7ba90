package gatewaytest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// The fake refuses a request without version=http, as a gateway that dispatches on it would,
// unless it is lenient.
func TestStrictAboutVersion(t *testing.T) {
	t.Parallel()
	g := Start(t)
	g.SetAccount(Key, "7")
	get := func(params url.Values) string {
		t.Helper()
		resp, err := http.Get(g.URL + Path + "?" + params.Encode()) //nolint:noctx // a test of the fake
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	without := url.Values{"key": {Key}, "command": {"balance"}}
	with := url.Values{"key": {Key}, "command": {"balance"}, "version": {"http"}}
	if got := get(without); got != "errors:"+MsgUnknownCommand {
		t.Errorf("without version: %q", got)
	}
	if got := get(with); got != "balance:7" {
		t.Errorf("with version: %q", got)
	}
	g.Lenient = true
	if got := get(without); got != "balance:7" {
		t.Errorf("lenient, without version: %q", got)
	}
}

// An account with several balances reports them in turn, one a read, and the last repeats.
func TestBalancesInTurn(t *testing.T) {
	t.Parallel()
	g := Start(t)
	g.SetBalances(Key, "1000", "10")
	var got []string
	for range 3 {
		resp, err := http.Get(g.URL + Path + "?" + url.Values{"key": {Key}, "command": {"balance"}, "version": {"http"}}.Encode()) //nolint:noctx // a test of the fake
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		got = append(got, string(body))
	}
	if want := []string{"balance:1000", "balance:10", "balance:10"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("balances = %q, want %q", got, want)
	}
}

// The fake answers every command of the table, for a valid key and the row's sample
// parameters, with the row's example, when no test set it up otherwise; and refuses any other
// subject as the gateway does.
func TestFakeAnswersEveryCommand(t *testing.T) {
	t.Parallel()
	g := Start(t)
	g.SetAccount(Key, "7")
	post := func(params url.Values) string {
		resp, err := http.PostForm(g.URL+Path, params) //nolint:noctx // a test of the fake
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	for _, cmd := range command.All {
		params := url.Values{"key": {Key}, "command": {cmd.Name}, "version": {"http"}}
		for _, p := range cmd.Params {
			params.Set(p, Samples[cmd.Name].Params[p])
		}
		body := post(params)
		if strings.HasPrefix(body, "errors:") {
			t.Errorf("%s: the fake refused the row's sample request: %s", cmd.Name, body)
		}
		if _, stateful := answers[cmd.Name]; !stateful && body != Samples[cmd.Name].Example {
			t.Errorf("%s: the fake answered %q, not the row's example", cmd.Name, body)
		}
		if Samples[cmd.Name].Subject != "" {
			params.Set(Samples[cmd.Name].Subject, "1"+Samples[cmd.Name].Params[Samples[cmd.Name].Subject])
			if body := post(params); Samples[cmd.Name].Unknown != "" && body != "errors:"+Samples[cmd.Name].Unknown {
				t.Errorf("%s: another %s got %q, not the row's refusal", cmd.Name, Samples[cmd.Name].Subject, body)
			}
		}
	}
}
