package gateway

import (
	"context"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Balance returns the account's current funds, exactly as the gateway wrote them: negative on
// a post-paid account in debt. The gateway is asked once until ForgetBalance: every call,
// concurrent or later, gets that one answer (or that one error).
func (c *Client) Balance(ctx context.Context) (Amount, error) {
	balance, err := c.balance.get(ctx, c.fetchBalance)
	return balance, c.redactor.withPanicRedacted(err)
}

// ForgetBalance drops the answer Balance keeps, so that the next call asks the gateway again;
// the answer to a request still in flight is given to those waiting for it and not kept. The
// provider calls it when a phase ends in a client that lives on (Terraform's test command keeps
// one configured provider for a plan and its apply): the apply must not gate on the plan's
// figure.
func (c *Client) ForgetBalance() {
	c.balance.forget()
}

func (c *Client) fetchBalance(ctx context.Context) (Amount, error) {
	body, err := c.call(ctx, command.Balance, nil)
	if err != nil {
		return Amount{}, err
	}
	return parseBalance(body, c.redactor)
}
