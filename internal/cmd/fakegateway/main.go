// Command fakegateway serves the fake SMS gateway on a loopback port, for `make demo` and for
// rehearsing the docs' recipes locally. It prints its endpoint URL on the first line of
// stdout and serves until killed.
//
//	fakegateway -account demo-key=31.168300000000002 -account alerts-key=20 -price 380=1.2:UAH
//	fakegateway -rate 5/s   # a gateway that throttles: 429 with Retry-After past 5 requests a second
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// pairs collects a repeated KEY=VALUE flag.
type pairs [][2]string

func (p *pairs) String() string { return fmt.Sprint(*p) }

func (p *pairs) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" || v == "" {
		return fmt.Errorf("want NAME=VALUE, got %q", s)
	}
	*p = append(*p, [2]string{k, v})
	return nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	var accounts, prices pairs
	flag.Var(&accounts, "account", "an account as KEY=BALANCE, such as demo-key=31.168300000000002 (repeat for more; default demo-key=31.168300000000002)")
	flag.Var(&prices, "price", "a price as PREFIX=PRICE:CURRENCY, such as 380=1.2:UAH, for numbers starting with PREFIX (repeat for more)")
	lenient := flag.Bool("lenient", false, "answer requests without version=http too")
	var limit rateLimit
	flag.Var(&limit, "rate", "answer HTTP 429 with Retry-After past this rate, as REQUESTS/s or REQUESTS/m such as 5/s (a second's worth is served at once)")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("fakegateway: -addr must be a loopback address, got %q", *addr)
	}
	if len(accounts) == 0 {
		accounts = pairs{{"demo-key", "31.168300000000002"}}
	}
	g := gatewaytest.New()
	g.Lenient = *lenient
	for _, a := range accounts {
		g.SetAccount(a[0], a[1])
	}
	for _, p := range prices {
		price, currency, ok := strings.Cut(p[1], ":")
		if !ok {
			log.Fatalf("fakegateway: -price %s=%s: want PREFIX=PRICE:CURRENCY, such as 380=1.2:UAH", p[0], p[1])
		}
		g.SetPrice(p[0], price, currency)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("fakegateway: %v", err)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	srv := &http.Server{Handler: limit.wrap(g), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
