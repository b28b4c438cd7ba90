package gateway

import (
	"errors"
	"math/big"
	"strings"
	"testing"
)

// FuzzParseBalance: any body yields a balance or a typed error, never a panic; a balance
// only comes from a body of exactly one balance:<decimal> token, and is that decimal exactly
// (checked with math/big's exact rationals, not with the parser's own arithmetic); no error
// shows the key.
func FuzzParseBalance(f *testing.F) {
	for _, tc := range bodyCases {
		f.Add(tc.body)
	}
	r := newRedactor(testKey)
	f.Fuzz(func(t *testing.T, body string) {
		amount, err := parseBalance([]byte(body), r)
		if err == nil {
			fields := strings.Fields(answerText([]byte(body)))
			if len(fields) != 1 || !strings.HasPrefix(fields[0], "balance:") {
				t.Fatalf("parseBalance(%q) = %v without error", body, amount)
			}
			exact, ok := new(big.Rat).SetString(strings.TrimPrefix(fields[0], "balance:"))
			if !ok || exact.Cmp(amount.rat()) != 0 {
				t.Fatalf("parseBalance(%q) = %v, not the decimal the gateway sent", body, amount)
			}
			return
		}
		var apiErr *APIError
		var protoErr *ProtocolError
		if !errors.As(err, &apiErr) && !errors.As(err, &protoErr) {
			t.Fatalf("parseBalance(%q) error %T is not a typed error", body, err)
		}
		if strings.Contains(err.Error(), testKey) {
			t.Fatalf("error leaks the key: %v", err)
		}
		if protoErr != nil && len(protoErr.Excerpt) > 4*excerptLimit+64 {
			t.Fatalf("excerpt too long (%d bytes)", len(protoErr.Excerpt))
		}
	})
}
