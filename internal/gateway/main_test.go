package gateway

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
)

// proxyTrap is the proxy every test of this package runs behind (HTTP_PROXY and HTTPS_PROXY
// name it, set before Go reads them once per process). It refuses every CONNECT with 407,
// and records every other request: one reaching it is a key sent in clear text to a proxy.
var proxyTrap struct {
	url      string
	mu       sync.Mutex
	plain    []string // "METHOD URL" of requests sent through it in clear text
	connects []string // hosts it was asked to CONNECT to
}

func TestMain(m *testing.M) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			proxyTrap.mu.Lock()
			defer proxyTrap.mu.Unlock()
			if r.Method == http.MethodConnect {
				proxyTrap.connects = append(proxyTrap.connects, r.Host)
				w.WriteHeader(http.StatusProxyAuthRequired)
				return
			}
			proxyTrap.plain = append(proxyTrap.plain, r.Method+" "+r.URL.String())
			http.Error(w, "the proxy trap", http.StatusBadGateway)
		}))
	}()
	proxyTrap.url = "http://" + ln.Addr().String()
	for name, value := range map[string]string{"HTTP_PROXY": proxyTrap.url, "HTTPS_PROXY": proxyTrap.url, "NO_PROXY": ""} {
		_ = os.Setenv(name, value)
		_ = os.Unsetenv(strings.ToLower(name))
	}
	os.Exit(m.Run())
}

// plainThroughTrap lists the requests that reached the proxy trap in clear text.
func plainThroughTrap() []string {
	proxyTrap.mu.Lock()
	defer proxyTrap.mu.Unlock()
	return append([]string(nil), proxyTrap.plain...)
}
