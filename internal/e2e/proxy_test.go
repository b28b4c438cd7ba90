package e2e

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// trapProxy is a proxy that refuses every CONNECT with 407 and records every request sent
// through it in clear text.
type trapProxy struct {
	URL   string
	mu    sync.Mutex
	plain []string
}

func startTrapProxy(t *testing.T) *trapProxy {
	t.Helper()
	p := &trapProxy{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodConnect {
			w.WriteHeader(http.StatusProxyAuthRequired)
			return
		}
		p.mu.Lock()
		p.plain = append(p.plain, r.Method+" "+r.URL.String())
		p.mu.Unlock()
		http.Error(w, "balance:999999", http.StatusOK) // what a hostile proxy would answer
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// With HTTP_PROXY set, an http:// endpoint on loopback, written in any case, is read directly:
// the proxy never gets the key in clear text, and its answer is never taken as the balance.
func TestPlainHTTPNeverThroughProxy(t *testing.T) {
	t.Parallel()
	proxy := startTrapProxy(t)
	g := acctest.StartGateway(t, "31.5")
	_, port, err := net.SplitHostPort(strings.TrimPrefix(g.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	res := planConfig(t, acctest.ForEachBalance(1, `provider "gateway" {}`), map[string]string{
		"GATEWAY_ENDPOINT": "http://LOCALHOST:" + port, "GATEWAY_API_KEY": acctest.Key,
		"HTTP_PROXY": proxy.URL, "http_proxy": proxy.URL,
	})
	if res.err != nil || !strings.Contains(acctest.FoldSpaces(res.output), `+ distinct_figures = [ + "31.5", ]`) {
		t.Fatalf("plan: %v\n%s", res.err, res.output)
	}
	proxy.mu.Lock()
	defer proxy.mu.Unlock()
	if len(proxy.plain) > 0 {
		t.Fatalf("requests went through HTTP_PROXY in clear text: %q", proxy.plain)
	}
}

// An https:// endpoint goes through HTTPS_PROXY; a proxy that wants credentials is named as
// such, with what to do, rather than blamed on the gateway.
func TestProxyCredentialsHint(t *testing.T) {
	t.Parallel()
	proxy := startTrapProxy(t)
	res := planConfig(t, acctest.ForEachBalance(1, `provider "gateway" {}`), map[string]string{
		"GATEWAY_ENDPOINT": "https://gateway.example", "GATEWAY_API_KEY": acctest.Key,
		"HTTPS_PROXY": proxy.URL, "https_proxy": proxy.URL,
	})
	out := acctest.FoldSpaces(res.output)
	for _, want := range []string{
		"Error: Cannot reach the gateway",
		"the proxy answered HTTP 407 (Proxy Authentication Required) instead of connecting",
		"The proxy that HTTPS_PROXY (or https_proxy) names asks for credentials: put them in its URL",
	} {
		if res.err == nil || !strings.Contains(out, want) {
			t.Errorf("the plan does not say %q: %v\n%s", want, res.err, res.output)
		}
	}
}
