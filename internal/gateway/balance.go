package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Price is what one message (one part of a longer text) to a number costs.
type Price struct {
	Number   string // the digits asked about, as NormalizeNumber made them
	Amount   Amount // as the gateway wrote it; always above zero
	Currency string // as the gateway sent it, such as "UAH"
}

// Funds is an account's balance in its currency.
type Funds struct {
	Amount   Amount // exactly as the gateway wrote it: negative on a post-paid account in debt
	Currency string // as the gateway names it, such as "UAH"; "" when it names none (the HTTP API)
}

// Balance returns the account's funds, asked once per Client: every call gets that one answer.
func (c *Client) Balance(ctx context.Context) (Funds, error) {
	funds, err := c.balance.get(ctx, c.fetchBalance)
	return checked(c, "balance", funds, funds.Currency, err)
}

// FreshBalance asks for the account's funds now; calls while its request is in flight share it.
func (c *Client) FreshBalance(ctx context.Context) (Funds, error) {
	funds, err := c.freshBalance.get(ctx, c.fetchBalance)
	return checked(c, "balance", funds, funds.Currency, err)
}

// Price asks what one message to the number (any form NormalizeNumber accepts) costs, once per
// number and Client. A price of zero is a *NoPriceError: the gateway does not deliver there.
func (c *Client) Price(ctx context.Context, to string) (Price, error) {
	number, err := NormalizeNumber(to)
	if err != nil {
		return Price{}, err
	}
	answer, _ := c.prices.LoadOrStore(number, &shared[Price]{})
	price, err := answer.(*shared[Price]).get(ctx, func(ctx context.Context) (Price, error) { //nolint:forcetypeassert // only these are stored
		body, err := c.call(ctx, command.Price, url.Values{"to": {number}})
		if err != nil {
			return Price{}, err
		}
		return parsePrice(number, body, c.redactor)
	})
	return checked(c, "price", price, price.Currency, err)
}

// checked is a read's outcome as the Client hands it out: in Config.Currency, a panic redacted.
func checked[T any](c *Client, of string, value T, currency string, err error) (T, error) {
	if err == nil && c.cfg.Currency != "" && !strings.EqualFold(currency, c.cfg.Currency) {
		err = &CurrencyError{Of: of, Got: currency, Want: c.cfg.Currency}
	}
	if err != nil {
		var zero T
		return zero, c.redactor.withPanicRedacted(err)
	}
	return value, nil
}

// fetchBalance asks the JSON API, which names the currency; once it is not found, the HTTP API.
func (c *Client) fetchBalance(ctx context.Context) (Funds, error) {
	if !c.noJSON.Load() {
		payload, _ := json.Marshal(map[string]any{"auth": c.cfg.APIKey, "data": []map[string]string{{"type": "balance"}}}) // strings: cannot fail
		body, err := c.send(ctx, request{command: command.Balance.Name, method: MethodPost, url: c.jsonURL, body: payload,
			contentType: "application/json", accept: "application/json"}) // the vendor refuses a request without the type
		var statusErr *StatusError
		switch {
		case errors.As(err, &statusErr) && statusErr.StatusCode == http.StatusNotFound:
			c.noJSON.Store(true)
		case err != nil:
			return Funds{}, err
		default:
			return parseJSONBalance(body, c.redactor)
		}
	}
	body, err := c.call(ctx, command.Balance, nil)
	if err != nil {
		return Funds{}, err
	}
	amount, err := parseBalance(body, c.redactor)
	return Funds{Amount: amount}, err
}

// jsonAnswer is the JSON API's answer (HTTP 200 either way): {"success": true, "data": [{"success":
// true, "data": {"amount": 31.1683, "currency": "UAH"}}]}, or {"success": false, "error": "..."}.
type jsonAnswer struct {
	Success json.RawMessage `json:"success"` // a boolean, or 1 or 0
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
	err := json.Unmarshal(bytes.TrimLeft(body, byteOrderMark), &a)
	switch {
	case err != nil:
		return Funds{}, &ProtocolError{Reason: "expected the JSON API's answer", Excerpt: r.excerpt(body)}
	case !succeeded(a.Success):
		return Funds{}, refusal(a.Error, r)
	case len(a.Data) != 1:
		return Funds{}, &ProtocolError{Reason: "expected one result for one request", Excerpt: r.excerpt(body)}
	case !succeeded(a.Data[0].Success):
		return Funds{}, refusal(a.Data[0].Error, r)
	}
	result := a.Data[0]
	amount, err := ParseAmount(result.Data.Amount.String())
	switch {
	case err != nil:
		return Funds{}, &ProtocolError{Reason: "the balance " + err.Error(), Excerpt: r.excerpt(body)}
	case CheckCurrency(result.Data.Currency) != nil:
		return Funds{}, &ProtocolError{Reason: "the balance has no currency code", Excerpt: r.excerpt(body)}
	}
	return Funds{Amount: amount, Currency: result.Data.Currency}, nil
}

// refusal is the JSON API's refusal: one of the vendor's, or "Access denied" (the key, the API
// switch or the IP allow-list alike).
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
	return strings.TrimSpace(f.Amount.String() + " " + f.Currency)
}

// shared makes one fetch serve every caller of a Client (a configuration may hold hundreds of
// data sources for one account): concurrent callers wait for the request in flight, later ones
// get its outcome, failures included, unless fresh. A caller whose context ends leaves alone;
// the request is cancelled when no caller is left, and then nothing is kept.
type shared[T any] struct {
	fresh  bool
	mu     sync.Mutex
	done   bool // value and err are final
	value  T
	err    error
	flight *flight[T]
}

type flight[T any] struct {
	finished chan struct{} // closed once value and err are set
	value    T
	err      error
	waiters  int
	cancel   context.CancelFunc
}

func (s *shared[T]) get(ctx context.Context, fetch func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	if s.done {
		defer s.mu.Unlock()
		return s.value, s.err
	}
	f := s.flight
	if f == nil {
		// The request outlives its first caller while anyone waits: its values, not its cancellation.
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight[T]{finished: make(chan struct{}), cancel: cancel}
		s.flight = f
		go s.run(fctx, f, fetch)
	}
	f.waiters++
	s.mu.Unlock()

	select {
	case <-f.finished:
		return f.value, f.err
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel() // nobody is left to use the answer
			if s.flight == f {
				s.flight = nil
			}
		}
		var zero T
		return zero, ctx.Err()
	}
}

func (s *shared[T]) run(ctx context.Context, f *flight[T], fetch func(context.Context) (T, error)) {
	defer func() {
		// A bug: unrecovered, it would end the process and print its message as it is.
		if r := recover(); r != nil {
			f.err = &panicError{text: fmt.Sprint(r)}
		}
		s.mu.Lock()
		if s.flight == f { // still wanted: the answer for later callers too, unless they want a fresh one
			s.flight = nil
			s.done, s.value, s.err = !s.fresh, f.value, f.err
		}
		s.mu.Unlock()
		f.cancel()
		close(f.finished)
	}()
	f.value, f.err = fetch(ctx)
}
