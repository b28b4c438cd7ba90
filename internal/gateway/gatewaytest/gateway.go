// Package gatewaytest is a fake SMS gateway that speaks the documented `/api/http.php`
// protocol, for the client's and the provider's tests and for `make demo`. It records every
// request and can be scripted to answer with any status, body, delay or broken connection.
package gatewaytest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Path is where the gateway's API lives below the endpoint.
const Path = "/api/http.php"

// JSONPath is where the vendor's JSON API lives, which the fake serves when JSON is set.
const JSONPath = "/api/json.php"

// Key is the API key of every test's account. It changes under URL and HTML escaping, so
// that every form of it is looked for, and its "~" is a character nothing else in
// Terraform's output holds, so a pattern can prove a whole error is free of it.
const Key = "test~key/+&=Zq81"

// Sample is the tests' and the fake's data for one command of the table: a value of each
// parameter, the answer the vendor documents for them, and the gateway's refusal of any other
// value of the command's subject (sent as an errors: line).
type Sample struct {
	Params   map[string]string
	Example  string
	Unknown  string
	Subject  string // the parameter a refusal can be about (the number a price is for), or ""
	Amount   string // the answer's field that holds an amount of money
	Positive bool   // an amount of zero or below is no answer (a price of 0: no delivery there)
}

// Samples are the samples of every command of the table, by name: what the tests send, and
// what the fake answers when no test set it up otherwise.
var Samples = map[string]Sample{
	command.Balance.Name: {Example: "balance:31.168300000000002", Amount: "balance"},
	command.Price.Name: {Params: map[string]string{"to": "380501234567"}, Example: "price:1.2 currency:UAH",
		Unknown: "Unknown destination", Subject: "to", Amount: "price", Positive: true},
}

// Messages the fake sends in `errors:` lines.
const (
	MsgUnknownCommand = "Unknown command"
	MsgInvalidKey     = "Invalid API key"
	MsgBadNumber      = "Invalid phone number"
	MsgAccessDenied   = "Access denied" // the JSON API's refusal of a key it does not know
)

// Request is what the fake saw of one request, whole: method, path, query, headers and body
// as they came, and the parameters as the gateway reads them (query and form body merged).
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     string
	Params   url.Values // every parameter, key, version and command included

	Version    string // the version parameter; the vendor's clients send "http"
	Command    string
	Key        string
	KeyInQuery bool // the key was part of the URL
	UserAgent  string
}

// Param is one parameter of the command, such as the price command's "to".
func (r Request) Param(name string) string { return r.Params.Get(name) }

// Answer is a scripted reply that replaces the protocol for one request.
type Answer struct {
	Status  int           // 0 means 200
	Body    string        // sent as it is
	Header  http.Header   // added to the reply
	Delay   time.Duration // before the headers are sent
	Trickle time.Duration // pause between each byte of Body
	Reset   bool          // close the connection without an answer
	Cut     bool          // send the headers and Body, then close the connection before the promised length
}

// Gateway is the fake. The zero value is not usable; call New or Start.
type Gateway struct {
	// URL is the endpoint to configure (set by Start, or by the caller of New).
	URL string
	// Lenient makes the fake answer requests without version=http. By default it refuses
	// them with errors:Unknown command, as a gateway that dispatches on the version would,
	// scripted answers included: a client that stops sending it fails every test.
	Lenient bool
	// JSON makes the fake serve the JSON API too, answering the balance with its currency.
	// Without it, /api/json.php is not found (404), as at an operator without that API, and
	// is not recorded.
	JSON bool

	mu       sync.Mutex
	accounts map[string]*account
	prices   map[string]string // number prefix → "price:… currency:…" answer
	script   []Answer
	always   *Answer
	requests []Request
}

// account is a key's balances, as text: each read gets the next, and the last repeats.
type account struct {
	balances []string
	reads    int
	currency string // "UAH" unless SetCurrency said otherwise
	refusal  string // the gateway's words for every request with this key, when set
}

// New returns a fake with no accounts, to serve with any HTTP server.
func New() *Gateway {
	return &Gateway{accounts: map[string]*account{}, prices: map[string]string{}}
}

// Start serves a new fake on a loopback port for the test's lifetime.
func Start(tb testing.TB) *Gateway {
	tb.Helper()
	g := New()
	srv := httptest.NewServer(g)
	tb.Cleanup(srv.Close)
	g.URL = srv.URL
	return g
}

// SetAccount makes key valid, with the balance the gateway reports for it, as text
// (for example "31.168300000000002" or "-12.5").
func (g *Gateway) SetAccount(key, balance string) {
	g.SetBalances(key, balance)
}

// SetBalances makes key valid with balances reported in turn, one a read of the balance; the
// last repeats. A plan and the apply of its saved plan then see the funds change in between.
func (g *Gateway) SetBalances(key string, balances ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.accounts[key] = &account{balances: balances, currency: "UAH"}
}

// SetCurrency sets the currency of key's account, which the JSON API names with its balance.
func (g *Gateway) SetCurrency(key, currency string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.accounts[key].currency = currency
}

// Refuse makes every request with key get the gateway's refusal in words, such as
// "ERR_IP_DENIED": as an errors: line from the HTTP API, as {"success": false, "error": words}
// from the JSON API.
func (g *Gateway) Refuse(key, words string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.accounts[key] == nil {
		g.accounts[key] = &account{balances: []string{"0"}, currency: "UAH"}
	}
	g.accounts[key].refusal = words
}

// SetPrice sets what one message costs to numbers that start with prefix (digits); the
// longest matching prefix wins.
func (g *Gateway) SetPrice(prefix, price, currency string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.prices[prefix] = "price:" + price + " currency:" + currency
}

// Script queues answers for the next requests, in order; the protocol resumes after them.
func (g *Gateway) Script(answers ...Answer) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.script = append(g.script, answers...)
}

// AlwaysAnswer makes every request get a, once the script is used up.
func (g *Gateway) AlwaysAnswer(a Answer) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.always = &a
}

// Requests returns a copy of the requests seen so far.
func (g *Gateway) Requests() []Request {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]Request(nil), g.requests...)
}

// RequestCount is how many requests reached the fake.
func (g *Gateway) RequestCount() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.requests)
}

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == JSONPath && g.JSON {
		g.serveJSON(w, r)
		return
	}
	if r.URL.Path != Path {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	seen := Request{
		Method:     r.Method,
		Path:       r.URL.EscapedPath(),
		RawQuery:   r.URL.RawQuery,
		Header:     r.Header.Clone(),
		Body:       string(body),
		Params:     r.Form,
		Version:    r.Form.Get("version"),
		Command:    r.Form.Get("command"),
		Key:        r.Form.Get("key"),
		KeyInQuery: r.URL.Query().Has("key"),
		UserAgent:  r.UserAgent(),
	}
	cmd, known := command.Named(seen.Command)
	refused := !known || (!g.Lenient && seen.Version != "http") // as a gateway that dispatches on them

	g.mu.Lock()
	var scripted *Answer
	if !refused {
		scripted = g.record(seen)
	} else {
		g.requests = append(g.requests, seen)
	}
	var answer string
	if !refused && scripted == nil {
		answer = g.answer(cmd, seen)
	}
	g.mu.Unlock()

	if scripted != nil {
		scripted.write(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if refused {
		answer = "errors:" + MsgUnknownCommand
	}
	fmt.Fprint(w, answer)
}

// answers are the fake's replies to the commands of the table that keep state, for a valid
// key; the lock is held. Every other command is answered from its row (tableAnswer).
var answers = map[string]func(g *Gateway, a *account, r Request) string{
	command.Balance.Name: func(_ *Gateway, a *account, _ Request) string {
		balance := a.balances[min(a.reads, len(a.balances)-1)]
		a.reads++
		return "balance:" + balance
	},
	command.Price.Name: func(g *Gateway, _ *account, r Request) string {
		to := r.Param("to")
		price := g.priceOf(to)
		switch {
		case strings.Trim(to, "0123456789") != "" || to == "":
			return "errors:" + MsgBadNumber
		case price == "" && to == Samples[command.Price.Name].Params["to"]: // the sample, unless a price was set for it
			return Samples[command.Price.Name].Example
		case price == "":
			return "errors:" + Samples[command.Price.Name].Unknown
		}
		return price
	},
}

// tableAnswer is the reply its row gives a command: its documented example for the row's
// sample parameters, and its refusal of an unknown subject for any other.
func tableAnswer(cmd command.Command, r Request) string {
	sample := Samples[cmd.Name]
	for _, p := range cmd.Params {
		if r.Param(p) != sample.Params[p] {
			return "errors:" + cmp.Or(sample.Unknown, "Invalid "+p)
		}
	}
	return sample.Example
}

// answer is the protocol's reply to a request of a known command; the lock is held.
func (g *Gateway) answer(cmd command.Command, r Request) string {
	a, valid := g.accounts[r.Key]
	if !valid {
		return "errors:" + MsgInvalidKey
	}
	if a.refusal != "" {
		return "errors:" + a.refusal
	}
	if reply, ok := answers[cmd.Name]; ok {
		return reply(g, a, r)
	}
	return tableAnswer(cmd, r)
}

// priceOf is the answer for the longest prefix of number that has a price; the lock is held.
func (g *Gateway) priceOf(number string) string {
	best, answer := -1, ""
	for prefix, a := range g.prices {
		if strings.HasPrefix(number, prefix) && len(prefix) > best {
			best, answer = len(prefix), a
		}
	}
	return answer
}

func (a *Answer) write(w http.ResponseWriter, r *http.Request) {
	if a.Delay > 0 {
		select {
		case <-time.After(a.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if a.Reset || a.Cut {
		hj, ok := w.(http.Hijacker)
		if !ok {
			return
		}
		conn, buf, err := hj.Hijack()
		if err != nil {
			return
		}
		if a.Cut {
			fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", len(a.Body)+64, a.Body)
			_ = buf.Flush()
		}
		_ = conn.Close()
		return
	}
	for name, values := range a.Header {
		w.Header()[name] = values
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	status := a.Status
	if status == 0 {
		status = http.StatusOK
	}
	if a.Trickle == 0 {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(a.Body))
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(a.Body)))
	w.WriteHeader(status)
	flusher, _ := w.(http.Flusher)
	for _, b := range []byte(a.Body) {
		if _, err := w.Write([]byte{b}); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		select {
		case <-time.After(a.Trickle):
		case <-r.Context().Done():
			return
		}
	}
}

// record keeps a request and returns the scripted answer it gets, if any; the lock is held.
func (g *Gateway) record(seen Request) *Answer {
	g.requests = append(g.requests, seen)
	switch {
	case len(g.script) > 0:
		a := &g.script[0]
		g.script = g.script[1:]
		return a
	case g.always != nil:
		return g.always
	}
	return nil
}

// serveJSON answers the JSON API: a POST of {"auth": KEY, "data": [{"type": "balance"}]}
// with Content-Type application/json, answered with HTTP 200 whatever the outcome.
func (g *Gateway) serveJSON(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	var req struct {
		Auth string `json:"auth"`
		Data []struct {
			Type string `json:"type"`
		} `json:"data"`
	}
	parsed := r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") &&
		json.Unmarshal(body, &req) == nil
	seen := Request{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: r.Header.Clone(),
		Body: string(body), Key: req.Auth, UserAgent: r.UserAgent(), Params: url.Values{},
		KeyInQuery: r.URL.Query().Has("auth") || r.URL.Query().Has("key")}
	if len(req.Data) == 1 {
		seen.Command = req.Data[0].Type
	}

	g.mu.Lock()
	scripted := g.record(seen)
	var answer any
	a, valid := g.accounts[req.Auth]
	switch {
	case scripted != nil:
	case !parsed || seen.Command != command.Balance.Name:
		answer = map[string]any{"success": false, "error": "Incorrect document format"}
	case !valid:
		answer = map[string]any{"success": false, "error": MsgAccessDenied}
	case a.refusal != "":
		answer = map[string]any{"success": false, "error": a.refusal}
	default:
		balance := a.balances[min(a.reads, len(a.balances)-1)]
		a.reads++
		answer = map[string]any{"success": true, "data": []any{map[string]any{"success": true,
			"data": map[string]any{"amount": json.Number(balance), "currency": a.currency}}}}
	}
	g.mu.Unlock()

	if scripted != nil {
		scripted.write(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer)
}
