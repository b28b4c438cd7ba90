package gateway

import (
	"context"
	"math/big"
)

// Balance returns the account's current funds. The amount is exact to the digits the gateway
// sent, and negative on a post-paid account in debt. The gateway is asked once per Client:
// every call, concurrent or later, gets that one answer (or that one error).
func (c *Client) Balance(ctx context.Context) (*big.Float, error) {
	amount, err := c.balance.get(ctx, c.fetchBalance)
	if err != nil {
		return nil, err
	}
	return new(big.Float).Copy(amount), nil // callers may not change the shared value
}

func (c *Client) fetchBalance(ctx context.Context) (*big.Float, error) {
	body, err := c.call(ctx, "balance", nil)
	if err != nil {
		return nil, err
	}
	return parseBalance(body, c.redactor)
}
