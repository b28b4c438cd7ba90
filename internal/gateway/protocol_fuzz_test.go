package gateway

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// FuzzParseAnswer, for every command of the table: any body yields an answer or a typed
// error, never a panic; an answer never comes from a body that mentions errors:, and its
// amount is the decimal the gateway sent, exactly (checked with math/big's exact rationals, not
// with the parser's own arithmetic); no error shows the key.
func FuzzParseAnswer(f *testing.F) {
	for _, cmd := range command.All {
		for _, tc := range bodyCases {
			f.Add(cmd.Name, forCommand(cmd, tc.body))
		}
	}
	r := newRedactor(testKey)
	f.Fuzz(func(t *testing.T, name, body string) {
		parse, ok := parsers[name]
		if !ok {
			return
		}
		answer, err := parse([]byte(body), r)
		if err == nil {
			text := answerText([]byte(body))
			if strings.Contains(text, errorsPrefix) {
				t.Fatalf("%s: %q read as %v, though it holds errors:", name, body, answer)
			}
			cmd, _ := command.Named(name)
			if gatewaytest.Samples[cmd.Name].Amount == "" {
				return
			}
			holder, ok := answer.(interface{ amountHeld() Amount })
			if !ok {
				t.Fatalf("%s: the answer %T holds an amount (the table's Amount) but has no amountHeld method in protocol_fuzz_test.go", name, answer)
			}
			if amount := holder.amountHeld(); !holdsExactly(text, gatewaytest.Samples[cmd.Name].Amount+":", amount) {
				t.Fatalf("%s: %q read as %v, not the decimal the gateway sent", name, body, amount)
			}
			return
		}
		var apiErr *APIError
		var protoErr *ProtocolError
		var noPrice *NoPriceError
		if !errors.As(err, &apiErr) && !errors.As(err, &protoErr) && !errors.As(err, &noPrice) {
			t.Fatalf("%s: %q: error %T is not a typed error", name, body, err)
		}
		if strings.Contains(err.Error(), testKey) {
			t.Fatalf("error leaks the key: %v", err)
		}
		if protoErr != nil && len(protoErr.Excerpt) > 4*excerptLimit+64 {
			t.Fatalf("excerpt too long (%d bytes)", len(protoErr.Excerpt))
		}
	})
}

// The answers that hold an amount, and which amount it is: what FuzzParseAnswer checks.
func (a Amount) amountHeld() Amount { return a }
func (p Price) amountHeld() Amount  { return p.Amount }

// holdsExactly reports whether one of text's fields is field followed by a decimal equal to amount.
func holdsExactly(text, field string, amount Amount) bool {
	for _, token := range strings.Fields(text) {
		if value, ok := strings.CutPrefix(token, field); ok {
			exact, ok := new(big.Rat).SetString(value)
			return ok && exact.Cmp(amount.rat()) == 0
		}
	}
	return false
}
