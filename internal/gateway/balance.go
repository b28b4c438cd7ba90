package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Funds is an account's balance in its currency.
type Funds struct {
	Amount   Amount // exactly as the gateway wrote it: negative on a post-paid account in debt
	Currency string // as the gateway names it, such as "UAH"; "" when it names none (the HTTP API)
}

// Balance returns the account's funds. The gateway is asked once per Client: every call,
// concurrent or later, gets that one answer (or that one error).
func (c *Client) Balance(ctx context.Context) (Funds, error) {
	funds, err := c.balance.get(ctx, c.fetchBalance)
	return c.checked(funds, err)
}

// FreshBalance asks the gateway for the account's funds now: calls made while a request of
// FreshBalance is in flight share it, and a call after it asks again.
func (c *Client) FreshBalance(ctx context.Context) (Funds, error) {
	funds, err := c.freshBalance.get(ctx, c.fetchBalance)
	return c.checked(funds, err)
}

func (c *Client) checked(funds Funds, err error) (Funds, error) {
	if err == nil {
		err = c.checkCurrency("balance", funds.Currency)
	}
	if err != nil {
		return Funds{}, c.redactor.withPanicRedacted(err)
	}
	return funds, nil
}

// fetchBalance asks the JSON API, which names the currency, with one request. An operator
// without it (404) is asked through the HTTP API's balance command from then on.
func (c *Client) fetchBalance(ctx context.Context) (Funds, error) {
	if !c.noJSON.Load() {
		funds, err := c.fetchJSONBalance(ctx)
		var statusErr *StatusError
		if !errors.As(err, &statusErr) || statusErr.StatusCode != http.StatusNotFound {
			return funds, err
		}
		c.noJSON.Store(true)
	}
	body, err := c.call(ctx, command.Balance, nil)
	if err != nil {
		return Funds{}, err
	}
	amount, err := parseBalance(body, c.redactor)
	return Funds{Amount: amount}, err
}

// jsonPath is the vendor's JSON API below the operator's base URL.
const jsonPath = "/api/json.php"

func (c *Client) fetchJSONBalance(ctx context.Context) (Funds, error) {
	payload, err := json.Marshal(map[string]any{"auth": c.key, "data": []map[string]string{{"type": "balance"}}})
	if err != nil {
		return Funds{}, err
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.jsonURL.String(), payload)
	if err != nil {
		return Funds{}, errors.New("the request to the gateway could not be built")
	}
	req.Header.Set("Content-Type", "application/json") // the vendor refuses a request without it
	c.setHeaders(req, "application/json")
	body, err := c.send(ctx, command.Balance.Name, req)
	if err != nil {
		return Funds{}, err
	}
	return parseJSONBalance(body, c.redactor)
}

// jsonAnswer is the JSON API's answer: {"success": true, "data": [{"success": true, "data":
// {"amount": 31.1683, "currency": "UAH"}}]}, or {"success": false, "error": "Access denied"},
// sent with HTTP 200. success is a boolean, or 1 or 0 (the vendor's page calls it an integer).
type jsonAnswer struct {
	Success json.RawMessage `json:"success"`
	Error   string          `json:"error"`
	Data    []struct {
		Success json.RawMessage `json:"success"`
		Error   string          `json:"error"`
		Data    struct {
			Amount   json.Number `json:"amount"` // the number's own text: never a float64
			Currency string      `json:"currency"`
		} `json:"data"`
	} `json:"data"`
}

func succeeded(v json.RawMessage) bool {
	return string(v) == "true" || string(v) == "1"
}

// parseJSONBalance reads the JSON API's answer to one balance request.
func parseJSONBalance(body []byte, r redactor) (Funds, error) {
	var a jsonAnswer
	if err := json.Unmarshal(bytes.TrimLeft(body, byteOrderMark), &a); err != nil {
		return Funds{}, &ProtocolError{Reason: "expected the JSON API's answer", Excerpt: r.excerpt(body)}
	}
	if !succeeded(a.Success) {
		return Funds{}, refusal(a.Error, r)
	}
	if len(a.Data) != 1 {
		return Funds{}, &ProtocolError{Reason: "expected one result for one request", Excerpt: r.excerpt(body)}
	}
	result := a.Data[0]
	if !succeeded(result.Success) {
		return Funds{}, refusal(result.Error, r)
	}
	amount, err := ParseAmount(result.Data.Amount.String())
	if err != nil {
		return Funds{}, &ProtocolError{Reason: "the balance " + err.Error(), Excerpt: r.excerpt(body)}
	}
	if CheckCurrency(result.Data.Currency) != nil {
		return Funds{}, &ProtocolError{Reason: "the balance has no currency code", Excerpt: r.excerpt(body)}
	}
	return Funds{Amount: amount, Currency: result.Data.Currency}, nil
}

// refusal is the JSON API's refusal: one of the vendor's, or its "Access denied", which stands
// for the key, the API switch or the IP allow-list alike.
func refusal(message string, r redactor) *APIError {
	e := &APIError{Command: command.Balance.Name, Messages: []string{r.message(message)}}
	e.Refusal = refusalOf(e.Messages)
	if e.Refusal == "" && strings.EqualFold(strings.TrimSpace(message), "access denied") {
		e.Refusal = RefusalAccessDenied
	}
	return e
}

// String is the amount, and the currency when the gateway named one: "31.1683 UAH".
func (f Funds) String() string {
	if f.Currency == "" {
		return f.Amount.String()
	}
	return f.Amount.String() + " " + f.Currency
}
