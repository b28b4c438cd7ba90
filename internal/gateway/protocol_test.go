package gateway

import (
	"errors"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// testKey is the tests' one key.
const testKey = gatewaytest.Key

// bodyCases is every answer form the tests know; the fuzz target seeds from it too.
var bodyCases = []struct {
	name    string
	body    string
	want    string   // the balance, as Amount.String prints it; "" when an error is expected
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
	{name: "escape codes in an error", body: "errors:\x1b[2J\x1b[32mAll good\x07\rX", apiMsgs: []string{`\x1b[2J\x1b[32mAll good\a\rX`}},
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
	{name: "exponent", body: "balance:1e3", want: "1000"},
	{name: "PHP float near zero", body: "balance:3.552713678800501E-15", want: "0.000000000000003552713678800501"},
	{name: "exponent with plus", body: "balance:-1.5E+2", want: "-150"},
	{name: "byte-order mark", body: "\ufeffbalance:31.1", want: "31.1"},
	{name: "byte-order mark before errors", body: "\ufefferrors:Invalid key", apiMsgs: []string{"Invalid key"}},
	{name: "space before errors", body: " errors:Invalid key\r\n", apiMsgs: []string{"Invalid key"}},
	{name: "30 integer and 30 fraction digits", body: "balance:" + strings.Repeat("9", 30) + "." + strings.Repeat("1", 30), want: strings.Repeat("9", 30) + "." + strings.Repeat("1", 30)},
	{name: "leading and trailing zeros do not count", body: "balance:000" + strings.Repeat("9", 30) + ".5000", want: strings.Repeat("9", 30) + ".5"},
	{name: "100 significant digits", body: "balance:" + strings.Repeat("7", 50) + "." + strings.Repeat("3", 50), want: strings.Repeat("7", 50) + "." + strings.Repeat("3", 50)},
	{name: "101 significant digits", body: "balance:" + strings.Repeat("7", 50) + "." + strings.Repeat("3", 51), reason: "101 significant digits, more than the 100"},
	{name: "65,001 decimal places", body: "balance:0." + strings.Repeat("0", 65000) + "1", reason: "order of 1e-65001"},
	{name: "65,000 digits", body: "balance:" + strings.Repeat("1", 65000), reason: "65000 significant digits"},
	{name: "exponent past the bounds", body: "balance:1e401", reason: "order of 1e401, beyond the 1e±400"},
	{name: "tiny exponent", body: "balance:1E-9999", reason: "order of 1e-9999"},
	// What PHP prints for floats: the shortest form that reads back (serialize_precision -1),
	// in exponent form far from 1, with ".0" on a whole mantissa.
	// Values a float64 cannot carry: read digit for digit.
	{name: "beyond float64's digits", body: "balance:0.1000000000000000055511151231257827", want: "0.1000000000000000055511151231257827"},
	{name: "beyond float64's integers", body: "balance:12345678901234567.89", want: "12345678901234567.89"},
	{name: "PHP remainder after spending it all", body: "balance:5.551115123125783E-17", want: "0.00000000000000005551115123125783"},
	{name: "PHP negative remainder", body: "balance:-2.7755575615628914E-17", want: "-0.000000000000000027755575615628914"},
	{name: "PHP largest float", body: "balance:1.7976931348623157E+308", want: "17976931348623157" + strings.Repeat("0", 292)},
	{name: "PHP smallest float", body: "balance:4.9406564584124654E-324", want: "0." + strings.Repeat("0", 323) + "49406564584124654"},
	{name: "PHP whole mantissa", body: "balance:1.0E+25", want: "1" + strings.Repeat("0", 25)},
	{name: "PHP negative zero", body: "balance:-0", want: "0"},
	{name: "two byte-order marks", body: "\ufeff\ufeffbalance:31.1", want: "31.1"},
	{name: "byte-order mark after a line break", body: "\ufeff\n\ufeffbalance:31.1\n", want: "31.1"},
	{name: "errors: after a field", body: "balance:5 errors:blocked", apiMsgs: []string{"blocked"}},
	{name: "errors: after a carriage return", body: "balance:5\rerrors:blocked", apiMsgs: []string{"blocked"}},
	{name: "errors: inside a field", body: "balance:5 note:errors:blocked", reason: "errors: inside another field"},
	{name: "exponent without digits", body: "balance:1e", reason: "not a decimal"},
	{name: "exponent of five digits", body: "balance:1e10000", reason: "not a decimal"},
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
				if text := got.String(); text != tc.want {
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
