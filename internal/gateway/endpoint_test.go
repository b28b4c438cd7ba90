package gateway

import (
	"context"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	valid := map[string]string{
		"https://alphasms.ua":             "https://alphasms.ua/api/http.php",
		"https://alphasms.ua/":            "https://alphasms.ua/api/http.php",
		" https://alphasms.ua \n":         "https://alphasms.ua/api/http.php",
		"https://gw.example/operator/v1/": "https://gw.example/operator/v1/api/http.php",
		"https://gw.example/a%2Fb":        "https://gw.example/a%2Fb/api/http.php",
		"https://gw.example/api/http.php": "https://gw.example/api/http.php",
		"HTTPS://gw.example:8443":         "https://gw.example:8443/api/http.php",
		"http://localhost:8080":           "http://localhost:8080/api/http.php",
		"http://127.0.0.1:65535":          "http://127.0.0.1:65535/api/http.php",
		"http://[::1]:1":                  "http://[::1]:1/api/http.php",
	}
	for in, want := range valid {
		u, err := ParseEndpoint(in)
		if err != nil || u.String() != want {
			t.Errorf("ParseEndpoint(%q) = %v, %v; want %s", in, u, err, want)
		}
	}
	invalid := map[string]string{
		"":                          "empty",
		"alphasms.ua":               "absolute URL",
		"https://u:p@gw.example":    "credentials",
		"https://gw.example/?key=x": "query",
		"ftp://gw.example":          "https://",
		"http://gw.example":         "clear text",
		"https://gw.example:0":      "port 0",
		"https://gw.example:65536":  "port 65536",
		"http://localhost:99999":    "port 99999",
		"https://gw.example:8x":     "absolute URL",
		"https://gw.example/#":      "fragment",
		"https://gw.example/#top":   "fragment",
		// Loopback spelled as a resolver may read it: refused, saying how to write it.
		"http://127.1:8080":      "written as localhost, 127.0.0.1 or [::1], such as http://127.0.0.1:8080",
		"http://0x7f000001":      "clear text",
		"http://017700000001":    "clear text",
		"http://localhost.:8080": "clear text",
		"http://LOCALHOST.":      "clear text",
		"http://127.0.1":         "clear text",
		"http://2130706433":      "clear text",
		"http://128.1":           "clear text",
		"http://0x80000001":      "clear text",
		"http://127.256.0.1":     "clear text",
	}
	for in, want := range invalid {
		if u, err := ParseEndpoint(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseEndpoint(%q) = %v, %v; want an error about %q", in, u, err, want)
		}
	}
}

// A plain http:// endpoint is dialled only at a loopback address, whatever its name resolved to.
func TestDialLoopbackOnly(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"127.0.0.1:80", "127.8.9.10:1", "[::1]:443"} {
		if err := dialLoopbackOnly("tcp", addr, nil); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	for _, addr := range []string{"10.1.2.3:80", "192.0.2.7:80", "[2001:db8::1]:80", "0.0.0.0:80", "nonsense"} {
		if err := dialLoopbackOnly("tcp", addr, nil); err == nil || transportKind(err) != KindNotLoopback {
			t.Errorf("%s allowed (%v)", addr, err)
		}
	}
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "1")
	c, err := New(Config{Endpoint: strings.Replace(g.URL, "127.0.0.1", "localhost", 1), APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Balance(context.Background()); err != nil {
		t.Fatalf("loopback over http:// refused: %v", err)
	}
}
