package gateway

import (
	"fmt"
	"strings"
)

// NormalizeNumber turns a phone number as people write it (+380 50 123 45 67,
// 380-50-123-4567, (380) 50.123.45.67) into the digits the gateway expects. It refuses
// anything else, any length outside the 7 to 15 digits of an international number, and a
// number that starts with 0: a national or trunk prefix, which the gateway would read as
// another country's number.
func NormalizeNumber(s string) (string, error) {
	trimmed := strings.TrimSpace(s)
	rest := strings.TrimPrefix(trimmed, "+")
	var digits strings.Builder
	for _, r := range rest {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", fmt.Errorf("%s is not a phone number: only digits, a leading +, spaces, dashes, dots and parentheses are allowed", Quote(s))
		}
	}
	number := digits.String()
	if n := len(number); n < 7 || n > 15 {
		return "", fmt.Errorf("%s has %d digits; an international number has 7 to 15, country code first (such as 380501234567)", Quote(s), n)
	}
	if number[0] == '0' {
		return "", fmt.Errorf("%s starts with 0, as a number is written inside its country; write it in international format, "+
			"country code first and without the leading 0 or 00 (such as 380501234567 for 0501234567 in Ukraine)", Quote(s))
	}
	return number, nil
}
