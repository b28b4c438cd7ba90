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

// The fake answers every command of the table, for a valid key, as the protocol does: a new
// command without an answer here fails with what to add.
func TestFakeAnswersEveryCommand(t *testing.T) {
	t.Parallel()
	g := Start(t)
	g.SetAccount(Key, "7")
	g.SetPrice("380", "1.2", "UAH")
	samples := map[string]string{"to": "380501234567"}
	for _, cmd := range command.All {
		if _, ok := answers[cmd.Name]; !ok {
			t.Errorf("the fake has no answer for the %s command: add one to answers in gateway.go", cmd.Name)
			continue
		}
		params := url.Values{"key": {Key}, "command": {cmd.Name}, "version": {"http"}}
		for _, p := range cmd.Params {
			sample, ok := samples[p]
			if !ok {
				t.Fatalf("no sample value for the parameter %s: add one to samples", p)
			}
			params.Set(p, sample)
		}
		resp, err := http.PostForm(g.URL+Path, params) //nolint:noctx // a test of the fake
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if strings.HasPrefix(string(body), "errors:") {
			t.Errorf("%s: the fake refused a valid request: %s", cmd.Name, body)
		}
	}
}
