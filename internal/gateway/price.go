package gateway

import (
	"context"
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Price is what one message to a number costs.
type Price struct {
	Number   string     // the digits asked about, as NormalizeNumber made them
	Amount   *big.Float // exact, as the gateway sent it
	Currency string     // as the gateway sent it, such as "UAH"
}

// NormalizeNumber turns a phone number as people write it (+380 50 123 45 67,
// 380-50-123-4567, (380) 50.123.45.67) into the digits the gateway expects. It refuses
// anything else, and any length outside the 7 to 15 digits of an international number.
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
			return "", fmt.Errorf("%q is not a phone number: only digits, a leading +, spaces, dashes, dots and parentheses are allowed", s)
		}
	}
	n := digits.Len()
	if n < 7 || n > 15 {
		return "", fmt.Errorf("%q has %d digits; an international number has 7 to 15, country code first (such as 380501234567)", s, n)
	}
	return digits.String(), nil
}

// Price asks what one message to the number costs. The number may be in any form
// NormalizeNumber accepts. Each number is asked once per Client, like the balance.
func (c *Client) Price(ctx context.Context, to string) (Price, error) {
	number, err := NormalizeNumber(to)
	if err != nil {
		return Price{}, err
	}
	p, err := c.priceFor(number).get(ctx, func(ctx context.Context) (Price, error) {
		return c.fetchPrice(ctx, number)
	})
	if err != nil {
		return Price{}, err
	}
	return Price{Number: number, Amount: new(big.Float).Copy(p.Amount), Currency: p.Currency}, nil
}

// priceCache holds one shared answer per number.
type priceCache struct {
	mu      sync.Mutex
	numbers map[string]*shared[Price]
}

func (c *Client) priceFor(number string) *shared[Price] {
	c.prices.mu.Lock()
	defer c.prices.mu.Unlock()
	if c.prices.numbers == nil {
		c.prices.numbers = map[string]*shared[Price]{}
	}
	s, ok := c.prices.numbers[number]
	if !ok {
		s = &shared[Price]{}
		c.prices.numbers[number] = s
	}
	return s
}

func (c *Client) fetchPrice(ctx context.Context, number string) (Price, error) {
	body, err := c.call(ctx, "price", url.Values{"to": {number}})
	if err != nil {
		return Price{}, err
	}
	return parsePrice(body, c.redactor)
}

// currencyText is a currency code as gateways write it: UAH, USD, EUR.
var currencyText = regexp.MustCompile(`^[A-Za-z]{1,10}$`)

// parsePrice reads an answer to the price command: `price:<decimal>` and `currency:<code>`,
// in any order, separated by spaces or line breaks. Other fields are ignored.
func parsePrice(body []byte, r redactor) (Price, error) {
	fields, err := parseFields(body, r)
	if err != nil {
		return Price{}, err
	}
	seen := map[string]string{}
	for _, f := range fields {
		if _, dup := seen[f.name]; dup {
			return Price{}, &ProtocolError{Reason: "the field " + f.name + " appears twice", Excerpt: r.excerpt(body)}
		}
		seen[f.name] = f.value
	}
	text, ok := seen["price"]
	if !ok {
		return Price{}, &ProtocolError{Reason: "the answer has no price field", Excerpt: r.excerpt(body)}
	}
	amount, ok := parseDecimal(text)
	if !ok {
		return Price{}, &ProtocolError{Reason: "the price is not a decimal number", Excerpt: r.excerpt(body)}
	}
	currency, ok := seen["currency"]
	if !ok {
		return Price{}, &ProtocolError{Reason: "the answer has no currency field", Excerpt: r.excerpt(body)}
	}
	if !currencyText.MatchString(currency) {
		return Price{}, &ProtocolError{Reason: "the currency is not a currency code", Excerpt: r.excerpt(body)}
	}
	return Price{Amount: amount, Currency: currency}, nil
}
