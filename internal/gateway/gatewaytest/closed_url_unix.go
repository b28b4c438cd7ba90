//go:build unix

package gatewaytest

import (
	"fmt"
	"syscall"
	"testing"
)

// ClosedURL is an http:// URL on loopback that refuses connections: a gateway that is down.
//
// The port stays bound, without listening, for the test's lifetime. A port merely closed
// could be handed to a parallel test's server, which would then count this test's retries
// as its own requests.
func ClosedURL(tb testing.TB) string {
	tb.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		tb.Fatal(err)
	}
	addr, err := syscall.Getsockname(fd)
	inet4, ok := addr.(*syscall.SockaddrInet4)
	if err != nil || !ok {
		tb.Fatalf("the bound socket's address: %v, %T", err, addr)
	}
	return fmt.Sprintf("http://127.0.0.1:%d", inet4.Port)
}
