package e2e

import (
	"bufio"
	"net"
	"testing"
)

// rawGateway listens on loopback and hands each request, once its head is read, to answer,
// which writes the bytes of its answer itself: for answers no HTTP server writes.
func rawGateway(t *testing.T, answer func(conn net.Conn, r *bufio.Reader, requestLine string)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				requestLine, err := r.ReadString('\n')
				if err != nil {
					return
				}
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					if line == "\r\n" {
						break
					}
				}
				answer(conn, r, requestLine)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// fixedAnswerGateway answers every request with exactly these bytes.
func fixedAnswerGateway(t *testing.T, bytes string) string {
	return rawGateway(t, func(conn net.Conn, _ *bufio.Reader, _ string) {
		_, _ = conn.Write([]byte(bytes))
	})
}
