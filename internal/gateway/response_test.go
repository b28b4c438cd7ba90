package gateway

import (
	"errors"
	"strings"
	"testing"
)

const testKey = "s3cr3t-KEY/+="

// bodyCases is every answer form the tests know; the fuzz target seeds from it too.
var bodyCases = []struct {
	name    string
	body    string
	want    string   // the balance, as Text('f', -1) prints it; "" when an error is expected
	apiMsgs []string // expected *APIError messages
	reason  string   // expected *ProtocolError reason (substring)
}{
	{name: "documented example", body: "balance:31.168300000000002", want: "31.168300000000002"},
	{name: "integer", body: "balance:50", want: "50"},
	{name: "negative", body: "balance:-12.75", want: "-12.75"},
	{name: "zero", body: "balance:0", want: "0"},
	{name: "trailing newline", body: "balance:7.5\n", want: "7.5"},
	{name: "trailing CRLF", body: "balance:7.5\r\n", want: "7.5"},
	{name: "long decimal", body: "balance:123456789012345678901234567890.000000000000000000001", want: "123456789012345678901234567890.000000000000000000001"},
	{name: "unknown command", body: "errors:Unknown command", apiMsgs: []string{"Unknown command"}},
	{name: "two error lines", body: "errors:Invalid key\nerrors:Account blocked\n", apiMsgs: []string{"Invalid key", "Account blocked"}},
	{name: "error echoing the key", body: "errors:Invalid key " + testKey, apiMsgs: []string{"Invalid key [redacted]"}},
	{name: "empty error", body: "errors:", apiMsgs: []string{"(the gateway sent no message)"}},
	{name: "empty", body: "", reason: "empty"},
	{name: "blank lines", body: "\n \n", reason: "empty"},
	{name: "html", body: "<html><body>502 Bad Gateway</body></html>", reason: "name:value"},
	{name: "not a number", body: "balance:abc", reason: "not a decimal"},
	{name: "NaN", body: "balance:NaN", reason: "not a decimal"},
	{name: "Inf", body: "balance:Inf", reason: "not a decimal"},
	{name: "negative Inf", body: "balance:-Inf", reason: "not a decimal"},
	{name: "hex", body: "balance:0x1F", reason: "not a decimal"},
	{name: "underscore", body: "balance:1_000", reason: "not a decimal"},
	{name: "leading plus", body: "balance:+5", reason: "not a decimal"},
	{name: "exponent", body: "balance:1e3", reason: "not a decimal"},
	{name: "bare dot", body: "balance:5.", reason: "not a decimal"},
	{name: "space after colon", body: "balance: 5", reason: "name:value"},
	{name: "empty value", body: "balance:", reason: "name:value"},
	{name: "two balance lines", body: "balance:1\nbalance:2", reason: "single balance"},
	{name: "other field", body: "price:1.2", reason: "single balance"},
	{name: "extra field", body: "balance:1 currency:UAH", reason: "single balance"},
	{name: "capitalised name", body: "Balance:1", reason: "name:value"},
	{name: "key echoed in garbage", body: "<p>" + testKey + "</p>", reason: "name:value"},
}

func TestParseBalance(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	for _, tc := range bodyCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseBalance([]byte(tc.body), r)
			switch {
			case tc.want != "":
				if err != nil {
					t.Fatalf("parseBalance(%q) error: %v", tc.body, err)
				}
				if text := got.Text('f', -1); text != tc.want {
					t.Fatalf("parseBalance(%q) = %s, want %s", tc.body, text, tc.want)
				}
			case tc.apiMsgs != nil:
				var apiErr *APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("parseBalance(%q) error = %v, want *APIError", tc.body, err)
				}
				if strings.Join(apiErr.Messages, "|") != strings.Join(tc.apiMsgs, "|") {
					t.Fatalf("messages = %q, want %q", apiErr.Messages, tc.apiMsgs)
				}
			default:
				var protoErr *ProtocolError
				if !errors.As(err, &protoErr) {
					t.Fatalf("parseBalance(%q) = %v, %v; want *ProtocolError", tc.body, got, err)
				}
				if !strings.Contains(protoErr.Reason, tc.reason) {
					t.Fatalf("reason = %q, want it to contain %q", protoErr.Reason, tc.reason)
				}
			}
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Fatalf("error leaks the key: %v", err)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	long := strings.Repeat("x", 200)
	cases := map[string]string{
		"":                        `""`,
		"plain":                   `"plain"`,
		"bell\a and \x1b[31m":     `"bell\a and \x1b[31m"`,
		"key=" + testKey:          `"key=[redacted]"`,
		"enc=s3cr3t-KEY%2F%2B%3D": `"enc=[redacted]"`,
		long:                      `"` + long[:excerptLimit] + `" (first 80 of 200 bytes)`,
	}
	for body, want := range cases {
		if got := r.excerpt([]byte(body)); got != want {
			t.Errorf("excerpt(%q) = %s, want %s", body, got, want)
		}
	}
}

// A key whose raw form is the start of its encoded form ("k3y%" and "k3y%25") is redacted
// whole in both: the longer form goes first, or "[redacted]25" would be left behind.
func TestRedactLongestFormFirst(t *testing.T) {
	t.Parallel()
	r := newRedactor("k3y%")
	if got := r.redact("a=k3y%25&b=k3y%"); got != "a=[redacted]&b=[redacted]" {
		t.Fatalf("redact = %q", got)
	}
}
