package e2e

import (
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// An answer Go's HTTP client cannot read is the gateway's answer, not understood, and what the
// plan prints of it is bounded: a header line of 60,000 bytes and a Content-Length of 20,000
// digits printed 60 KB and 20 KB, and a corrupt gzip body was called a connection failure.
func TestUnreadableAnswersNamedAndBounded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, answer, says string }{
		{"a header line of 60,000 bytes", "HTTP/1.1 200 OK\r\n" + strings.Repeat("Zz", 30000) + "\r\n\r\nbalance:1", "its status line or headers could not be read"},
		{"a Content-Length of 20,000 digits", "HTTP/1.1 200 OK\r\nContent-Length: " + strings.Repeat("9", 20000) + "\r\n\r\nbalance:1", "its status line or headers could not be read"},
		{"a corrupt gzip body", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnotgzip!!!", "its compressed body could not be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := planConfig(t, acctest.RequiredProviders+`
provider "gateway" {}

data "gateway_balance" "b" {}
`, map[string]string{"GATEWAY_ENDPOINT": fixedAnswerGateway(t, tc.answer), "GATEWAY_API_KEY": acctest.Key})
			out := acctest.FoldSpaces(res.output)
			if res.err == nil || !strings.Contains(out, "Error: The gateway's answer was not understood") || !strings.Contains(out, tc.says) {
				t.Fatalf("want the answer not understood, saying %q:\n%.3000s", tc.says, res.output)
			}
			if len(res.output) > 3000 {
				t.Fatalf("the plan printed %d bytes for one unreadable answer:\n%.3000s", len(res.output), res.output)
			}
		})
	}
}
