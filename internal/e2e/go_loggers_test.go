package e2e

import (
	"bufio"
	"encoding/pem"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// trailingBytesGateway has no JSON API, and answers the balance after 200 ms and, after the body its
// Content-Length promises, a PHP debug trailer that echoes the key: bytes on an idle
// connection, which net/http reports through Go's standard logger. It answers a price
// (asked beside the balance, on a connection of its own) after 1.5 s, so that the provider
// process is still there when net/http logs.
func trailingBytesGateway(t *testing.T, key string) string {
	return rawGateway(t, func(conn net.Conn, r *bufio.Reader, requestLine string) {
		if strings.Contains(requestLine, "/api/json.php") { // an operator without the JSON API
			_, _ = conn.Write([]byte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
			return
		}
		if strings.Contains(requestLine, "command=price") {
			time.Sleep(1500 * time.Millisecond)
			_, _ = conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\nprice:1.2 currency:UAH"))
		} else {
			time.Sleep(200 * time.Millisecond)
			_, _ = conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nbalance:1000\n<!-- debug: key=" + key + " -->\n"))
		}
		_, _ = r.ReadByte() // until the client hangs up
	})
}

// http2Gateway serves the fake gateway over TLS and HTTP/2, with a certificate the provider
// trusts through SSL_CERT_FILE, which the returned environment sets.
func http2Gateway(t *testing.T, key string) map[string]string {
	t.Helper()
	g := gatewaytest.New()
	g.SetAccount(key, "1000")
	srv := httptest.NewUnstartedServer(g)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	certFile := filepath.Join(t.TempDir(), "gateway.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(certFile, cert, 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"GATEWAY_ENDPOINT": srv.URL, "SSL_CERT_FILE": certFile, "GODEBUG": "http2debug=2"}
}

// Nothing the provider's process writes holds the key, Go's own loggers included: net/http
// quotes an answer's stray bytes through the standard logger, and GODEBUG=http2debug=2 logs
// every HTTP/2 frame there, a GET's :path (with the key) and a POST's body among them. The
// provider's stderr is Terraform's log; it is searched whole, and must show that the logger
// did write (or the test would prove nothing).
func TestGoLoggersNeverHoldTheKey(t *testing.T) {
	t.Parallel()
	const key = acctest.Key
	for _, tc := range []struct {
		name   string
		env    func(t *testing.T) map[string]string
		method string
		wrote  string // what shows that Go's logger wrote
	}{
		{"bytes after the body", func(t *testing.T) map[string]string {
			return map[string]string{"GATEWAY_ENDPOINT": trailingBytesGateway(t, key)}
		}, "GET", "Unsolicited response received on idle HTTP channel"},
		{"GODEBUG=http2debug=2, GET", func(t *testing.T) map[string]string { return http2Gateway(t, key) }, "GET", ":path"},
		{"GODEBUG=http2debug=2, POST", func(t *testing.T) map[string]string { return http2Gateway(t, key) }, "POST", "wrote DATA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := tc.env(t)
			logFile := filepath.Join(t.TempDir(), "trace.log")
			env["GATEWAY_API_KEY"] = key
			env["TF_LOG"] = "trace"
			env["TF_LOG_PATH"] = logFile
			res := planConfig(t, acctest.RequiredProviders+`
provider "gateway" {
  method = "`+tc.method+`"
}

data "gateway_balance" "b" {}

data "gateway_sms_price" "p" {
  to = "380501234567"
}
`, env)
			if res.err != nil {
				t.Fatalf("plan: %v\n%s", res.err, res.output)
			}
			b, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			logs := string(b)
			if !strings.Contains(logs, tc.wrote) {
				t.Fatalf("the log does not show %q: Go's logger wrote nothing this test could check", tc.wrote)
			}
			secrettest.AssertNoKey(t, "the TRACE log", logs, key)
			secrettest.AssertNoKey(t, "the CLI's output", res.output, key)
		})
	}
}
