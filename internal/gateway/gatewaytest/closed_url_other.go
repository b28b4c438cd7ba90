//go:build !unix

package gatewaytest

import (
	"net"
	"testing"
)

// ClosedURL is an http:// URL on loopback that refuses connections: a gateway that is down.
// Here the port is closed, not held: a parallel test's server may get it (see the unix file).
func ClosedURL(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		tb.Fatal(err)
	}
	return "http://" + addr
}
