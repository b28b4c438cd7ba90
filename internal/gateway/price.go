package gateway

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Price is what one message (one part of a longer text) to a number costs.
type Price struct {
	Number   string // the digits asked about, as NormalizeNumber made them
	Amount   Amount // as the gateway wrote it; always above zero
	Currency string // as the gateway sent it, such as "UAH"
}

// Price asks what one message to the number costs. The number may be in any form
// NormalizeNumber accepts. Each number is asked once per Client, like the balance. A price
// of zero or below is a *NoPriceError: the gateway does not deliver there.
func (c *Client) Price(ctx context.Context, to string) (Price, error) {
	number, err := NormalizeNumber(to)
	if err != nil {
		return Price{}, err
	}
	price, err := c.prices.get(ctx, number, func(ctx context.Context) (Price, error) {
		return c.fetchPrice(ctx, number)
	})
	if err == nil {
		err = c.checkCurrency("price", price.Currency)
	}
	if err != nil {
		return Price{}, c.redactor.withPanicRedacted(err)
	}
	return price, nil
}

func (c *Client) fetchPrice(ctx context.Context, number string) (Price, error) {
	body, err := c.call(ctx, command.Price, url.Values{"to": {number}})
	if err != nil {
		return Price{}, err
	}
	return parsePrice(number, body, c.redactor)
}

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
