package gateway

import (
	"context"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Balance returns the account's funds, exactly as the gateway wrote them: negative on a
// post-paid account in debt. The gateway is asked once per Client: every call, concurrent or
// later, gets that one answer (or that one error).
func (c *Client) Balance(ctx context.Context) (Amount, error) {
	balance, err := c.balance.get(ctx, c.fetchBalance)
	return balance, c.redactor.withPanicRedacted(err)
}

// FreshBalance asks the gateway for the account's funds now: calls made while a request of
// FreshBalance is in flight share it, and a call after it asks again.
func (c *Client) FreshBalance(ctx context.Context) (Amount, error) {
	balance, err := c.freshBalance.get(ctx, c.fetchBalance)
	return balance, c.redactor.withPanicRedacted(err)
}

func (c *Client) fetchBalance(ctx context.Context) (Amount, error) {
	body, err := c.call(ctx, command.Balance, nil)
	if err != nil {
		return Amount{}, err
	}
	return parseBalance(body, c.redactor)
}
