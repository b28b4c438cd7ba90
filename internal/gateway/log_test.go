package gateway

import (
	"io"
	"log"
)

// nilLogger silences a test server's own complaints (TLS handshake errors) in test output.
func nilLogger() *log.Logger { return log.New(io.Discard, "", 0) }
