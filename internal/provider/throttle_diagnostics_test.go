package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// A read that ended on throttling says so, word for word as the docs' troubleshooting table
// shows it, and says what helps: never "raise max_retries", which does not.
func TestProtocol_throttledDiagnostics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		err  *gateway.StatusError
		want string
	}{
		{"budget spent", &gateway.StatusError{StatusCode: 429, Attempts: 9, Throttled: true, Elapsed: 59700 * time.Millisecond, Excerpt: `"Too Many Requests"`},
			"Could not read the balance: the gateway answered HTTP 429 to all 9 attempts over 1m0s, the longest the provider keeps asking a gateway that throttles. " +
				`The answer began: "Too Many Requests". More requests reach this account at once than the gateway serves, from this run or from others using the same account: ` +
				"run fewer plans at once against it, or try again later."},
		{"503 with Retry-After", &gateway.StatusError{StatusCode: 503, Attempts: 12, Throttled: true, Elapsed: time.Minute},
			"Could not read the balance: the gateway answered HTTP 503 with Retry-After to all 12 attempts over 1m0s, the longest the provider keeps asking a gateway that throttles. " +
				"More requests reach this account at once than the gateway serves, from this run or from others using the same account: " +
				"run fewer plans at once against it, or try again later."},
		{"retries off", &gateway.StatusError{StatusCode: 429, Attempts: 1, Throttled: true, RetriesOff: true},
			"Could not read the balance: the gateway answered HTTP 429, which means too many requests reached it at once. " +
				"Retries are off (max_retries = 0), so the provider did not wait for its turn: remove max_retries or set it to 1 or more, " +
				"or run fewer plans at once against this account."},
		{"Retry-After too long", &gateway.StatusError{StatusCode: 429, Attempts: 1, Throttled: true, RetryAfter: time.Hour},
			"Could not read the balance: the gateway answered HTTP 429 and asked to wait 1h0m0s before trying again, longer than the provider waits between attempts (10s). " +
				"Try again later, or run fewer plans at once against this account."},
	}
	for _, tc := range cases {
		d := clientErrorDiagnostic("read the balance", path.Empty(), "api_key", tc.err)
		if d.Summary() != "The gateway is throttling requests" || d.Detail() != tc.want {
			t.Errorf("%s:\n got %q: %q\nwant %q: %q", tc.name, d.Summary(), d.Detail(), "The gateway is throttling requests", tc.want)
		}
	}
	// The same status without throttling keeps its own words.
	if d := clientErrorDiagnostic("read the balance", path.Empty(), "api_key", &gateway.StatusError{StatusCode: 503, Attempts: 4}); d.Summary() != "The gateway answered HTTP 503" {
		t.Errorf("a 503 without Retry-After reads %q", d.Summary())
	}
}
