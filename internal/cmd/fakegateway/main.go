// Command fakegateway serves the fake SMS gateway on a loopback port, for `make demo`. It
// prints its endpoint URL on the first line of stdout and serves until killed.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	key := flag.String("key", "demo-key", "the API key the fake accepts")
	balance := flag.String("balance", "31.168300000000002", "the balance it reports for that key")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("fakegateway: -addr must be a loopback address, got %q", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("fakegateway: %v", err)
	}

	g := gatewaytest.New()
	g.SetAccount(*key, *balance)
	fmt.Printf("http://%s\n", ln.Addr())
	srv := &http.Server{Handler: g, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
