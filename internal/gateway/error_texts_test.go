package gateway

import (
	"testing"
	"time"
)

// Each error's text, word for word, with and without each optional part: the troubleshooting
// guide quotes them, and a part that shows when it should not ("after 1 attempts", "(HTTP 0)",
// "(and 0 more)") reads as a fault of its own.
func TestErrorTextsWordForWord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&APIError{Messages: []string{"Invalid key"}}, "the gateway answered with an error: Invalid key"},
		{&APIError{Messages: []string{"Internal", "Busy"}, StatusCode: 500, Omitted: 3},
			"the gateway answered with an error (HTTP 500): Internal; Busy (and 3 more)"},
		{&StatusError{StatusCode: 404, Attempts: 1}, "the gateway answered HTTP 404"},
		{&StatusError{StatusCode: 503, Attempts: 2, Excerpt: `"busy"`}, `the gateway answered HTTP 503 after 2 attempts: "busy"`},
		{&StatusError{StatusCode: 429, Attempts: 1, RetryAfter: 24 * time.Hour}, "the gateway answered HTTP 429 and asked to retry after 24h0m0s"},
		{&ProtocolError{Reason: "the answer is empty"}, "the gateway's answer was not understood: the answer is empty"},
		{&ProtocolError{Reason: "expected name:value fields", Excerpt: `"<html>"`},
			`the gateway's answer was not understood: expected name:value fields: "<html>"`},
		{&TransportError{Kind: KindRefused, Attempts: 1}, "the request to the gateway failed (connection refused)"},
		{&TransportError{Kind: KindTimeout, Attempts: 3, Detail: "i/o timeout"},
			"the request to the gateway failed (timeout) after 3 attempts: i/o timeout"},
		{&RedirectError{StatusCode: 302}, "the gateway answered with a redirect (HTTP 302) without a usable location"},
		{&RedirectError{StatusCode: 301, LocationHost: "https://elsewhere.example"},
			"the gateway answered with a redirect (HTTP 301) to https://elsewhere.example"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%#v:\n got %s\nwant %s", tc.err, got, tc.want)
		}
	}
}
