package gateway

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseBalance: any body yields a balance or a typed error, never a panic; a balance
// only comes from a body of exactly one balance:<decimal> token; no error shows the key.
func FuzzParseBalance(f *testing.F) {
	for _, tc := range bodyCases {
		f.Add(tc.body)
	}
	r := newRedactor(testKey)
	f.Fuzz(func(t *testing.T, body string) {
		amount, err := parseBalance([]byte(body), r)
		if err == nil {
			fields := strings.Fields(strings.TrimPrefix(body, byteOrderMark))
			if amount == nil || len(fields) != 1 || !decimalText.MatchString(strings.TrimPrefix(fields[0], "balance:")) {
				t.Fatalf("parseBalance(%q) = %v without error", body, amount)
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
