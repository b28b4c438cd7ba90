package gateway

import (
	"context"
	"net/url"

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
