package gateway

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// An http:// endpoint never goes through a proxy, whatever the case of its loopback name: the
// proxy would get the key in clear text, and its answer would be taken as the gateway's. Go
// itself skips the proxy only for a lower-case "localhost" and loopback addresses.
func TestPlainHTTPNeverProxied(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "31.5")
	port := g.URL[strings.LastIndex(g.URL, ":"):]
	for _, host := range []string{"LOCALHOST", "LocalHost", "localhost", "127.0.0.1", "[::1]"} {
		endpoint := "http://" + host + port
		if host == "[::1]" {
			continue // the fake listens on IPv4 only
		}
		c, err := New(Config{Endpoint: endpoint, APIKey: testKey})
		if err != nil {
			t.Fatalf("%s: %v", endpoint, err)
		}
		if got, err := c.Balance(context.Background()); err != nil || got.String() != "31.5" {
			t.Errorf("%s: balance = %v, %v; want the gateway's 31.5", endpoint, got, err)
		}
	}
	for _, r := range plainThroughTrap() {
		if strings.Contains(r, port) {
			t.Errorf("a request went through HTTP_PROXY in clear text: %s", r)
		}
	}
}

// New turns both guards of an http:// endpoint on: no proxy, and only loopback addresses
// dialled (in a container without a localhost line in /etc/hosts the name resolves through
// DNS). Dialling 192.0.2.7, a documentation address, is refused before connect().
func TestNewGuardsPlainHTTP(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Endpoint: "http://localhost:8080", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	transport := clientTransport(t, c)
	if transport.Proxy != nil {
		t.Error("an http:// client may use a proxy")
	}
	if _, err := transport.DialContext(context.Background(), "tcp", "192.0.2.7:80"); transportKind(err) != KindNotLoopback {
		t.Errorf("dialling a non-loopback address over http:// gave %v", err)
	}
	secure, err := New(Config{Endpoint: "https://gateway.example", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if clientTransport(t, secure).Proxy == nil {
		t.Error("an https:// client ignores HTTPS_PROXY")
	}
}

// https:// goes through the proxy HTTPS_PROXY names (the key travels inside TLS). A proxy
// that wants credentials is named as the proxy, with its status, not as the gateway.
func TestProxyRefusalNamed(t *testing.T) {
	t.Parallel()
	cfg := testConfig("https://gateway.example", &logSink{})
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Balance(context.Background())
	var te *TransportError
	if !errors.As(err, &te) || te.Kind != KindProxy || te.ProxyStatus != http.StatusProxyAuthRequired || te.Attempts != 1 {
		t.Fatalf("error = %v (%+v), want a proxy error with status 407, not retried", err, te)
	}
	if !strings.Contains(err.Error(), "the proxy answered HTTP 407 (Proxy Authentication Required)") {
		t.Errorf("error = %v", err)
	}
}

func clientTransport(t *testing.T, c *Client) *http.Transport {
	t.Helper()
	held, ok := c.http.Transport.(holdRedirects)
	if !ok {
		t.Fatalf("the client's transport is %T", c.http.Transport)
	}
	transport, ok := held.base.(*http.Transport)
	if !ok {
		t.Fatalf("the client's transport holds %T", held.base)
	}
	return transport
}
