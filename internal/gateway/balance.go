package gateway

import (
	"context"
	"math/big"
)

// Balance asks the gateway for the account's current funds. The amount is exact to the
// digits the gateway sent, and negative on a post-paid account in debt.
func (c *Client) Balance(ctx context.Context) (*big.Float, error) {
	body, err := c.call(ctx, "balance", nil)
	if err != nil {
		return nil, err
	}
	return parseBalance(body, c.redactor)
}
