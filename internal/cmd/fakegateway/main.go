// Command fakegateway serves the fake SMS gateway on a loopback port, for `make demo`, for
// rehearsing the docs' recipes locally and for tests of a configuration's gate. It prints its
// endpoint URL on the first line of stdout and serves until killed.
//
//	fakegateway -account demo-key=31.168300000000002 -account alerts-key=20 -price 380=1.2:UAH
//
// An account may list several balances, -account demo-key=1000,10: each read of the balance
// gets the next, and the last repeats, so that a plan and the apply of its saved plan see
// the funds drop in between. Its currency is UAH, or the one after a colon: demo-key=31.5:USD.
// The fake serves the HTTP API and the JSON API, which names the currency.
//
//	fakegateway -rate 5/s   # a gateway that throttles: 429 with Retry-After past 5 requests a second
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func main() {
	opts, err := parseOptions(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakegateway:", err)
		os.Exit(2)
	}
	if err := serve(opts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakegateway:", err)
		os.Exit(1)
	}
}

// options are the command's flags, each checked as the provider would check what it stands for.
type options struct {
	addr     string
	accounts accounts
	prices   prices
	lenient  bool
	limit    rateLimit
}

func parseOptions(args []string, output io.Writer) (options, error) {
	opts := options{}
	fs := flag.NewFlagSet("fakegateway", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&opts.addr, "addr", "127.0.0.1:0", "loopback address to listen on, such as 127.0.0.1:8080 or localhost:0")
	fs.Var(&opts.accounts, "account", "an account as KEY=BALANCE[:CURRENCY], such as demo-key=31.168300000000002, or KEY=BALANCE,BALANCE,... for balances read in turn (repeat for more; default demo-key=31.168300000000002, in UAH)")
	fs.Var(&opts.prices, "price", "a price as PREFIX=PRICE:CURRENCY, such as 380=1.2:UAH, for numbers starting with PREFIX (repeat for more)")
	fs.BoolVar(&opts.lenient, "lenient", false, "answer requests without version=http too")
	fs.Var(&opts.limit, "rate", "answer HTTP 429 with Retry-After past this rate, as REQUESTS/s or REQUESTS/m such as 5/s (a second's worth is served at once)")
	if err := fs.Parse(args); err != nil {
		return opts, err
	}
	if fs.NArg() > 0 {
		return opts, fmt.Errorf("unexpected argument %q: every setting is a flag, such as -account demo-key=31.5", fs.Arg(0))
	}
	if err := checkLoopback(opts.addr); err != nil {
		return opts, err
	}
	if len(opts.accounts) == 0 {
		opts.accounts = accounts{{key: "demo-key", balances: []string{"31.168300000000002"}, currency: "UAH"}}
	}
	return opts, nil
}

// checkLoopback accepts a listen address on loopback only: the fake answers any key.
func checkLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err == nil {
		_, err = strconv.ParseUint(port, 10, 16)
	}
	ip := net.ParseIP(host)
	loopback := strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback()
	if err != nil || !loopback {
		return fmt.Errorf("-addr %q: listen on a loopback address and a port, such as 127.0.0.1:8080, localhost:8080, or port 0 for any free one", addr)
	}
	return nil
}

func serve(opts options, stdout io.Writer) error {
	g := gatewaytest.New()
	g.Lenient = opts.lenient
	g.JSON = true
	for _, a := range opts.accounts {
		g.SetBalances(a.key, a.balances...)
		g.SetCurrency(a.key, a.currency)
	}
	for _, p := range opts.prices {
		g.SetPrice(p.prefix, p.price, p.currency)
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())
	srv := &http.Server{Handler: opts.limit.wrap(g), ReadHeaderTimeout: 10 * time.Second}
	return srv.Serve(ln)
}

// account is one -account flag.
type account struct {
	key      string
	balances []string
	currency string
}

type accounts []account

func (a *accounts) String() string { return fmt.Sprint(*a) }

func (a *accounts) Set(s string) error {
	key, list, ok := strings.Cut(s, "=")
	if !ok || key == "" || list == "" {
		return errors.New("write KEY=BALANCE, such as demo-key=31.5")
	}
	list, currency, hasCurrency := strings.Cut(list, ":")
	if !hasCurrency {
		currency = "UAH"
	}
	if err := gateway.CheckCurrency(currency); err != nil {
		return err
	}
	if err := gateway.CheckAPIKey(key); err != nil {
		return fmt.Errorf("the provider would refuse this key: %w", err)
	}
	balances := strings.Split(list, ",")
	for _, b := range balances {
		if _, err := gateway.ParseAmount(b); err != nil {
			return fmt.Errorf("the balance %q %w: write a decimal such as 31.5 or -12.75, or several separated by commas", b, err)
		}
	}
	*a = append(*a, account{key: key, balances: balances, currency: currency})
	return nil
}

// price is one -price flag.
type price struct {
	prefix, price, currency string
}

type prices []price

func (p *prices) String() string { return fmt.Sprint(*p) }

func (p *prices) Set(s string) error {
	prefix, rest, ok := strings.Cut(s, "=")
	amount, currency, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 {
		return errors.New("write PREFIX=PRICE:CURRENCY, such as 380=1.2:UAH")
	}
	if prefix == "" || len(prefix) > 15 || strings.Trim(prefix, "0123456789") != "" {
		return fmt.Errorf("the prefix %q is not the start of a phone number: write 1 to 15 digits, country code first, such as 380", prefix)
	}
	if _, err := gateway.ParseAmount(amount); err != nil {
		return fmt.Errorf("the price %q %w: write a decimal such as 1.2 (0 stands for a destination the gateway does not deliver to)", amount, err)
	}
	if err := gateway.CheckCurrency(currency); err != nil {
		return err
	}
	*p = append(*p, price{prefix: prefix, price: amount, currency: currency})
	return nil
}
