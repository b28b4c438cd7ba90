package gateway

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"github.com/cockroachdb/apd/v3"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// The gateway answers `name:value` fields separated by spaces or line breaks, or
// `errors:<message>` lines, with PHP's noise: byte-order marks starting lines, stray spaces, CRLF.
const (
	errorsPrefix  = "errors:"
	byteOrderMark = "\ufeff"
	lower         = "abcdefghijklmnopqrstuvwxyz"
	decimalDigits = "0123456789"
)

type field struct{ name, value string }

// onlyOf reports whether s is not empty and holds only bytes of set (ASCII).
func onlyOf(s, set string) bool {
	return s != "" && strings.Trim(s, set) == ""
}

// answerText is the answer without the byte-order marks that start any of its lines.
func answerText(body []byte) string {
	lines := strings.Split(string(body), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimLeft(line, byteOrderMark)
	}
	return strings.Join(lines, "\n")
}

// parseFields splits an answer into its fields. One with an `errors:` field anywhere is an *APIError; anything else
// not of `name:value` tokens, or with errors: inside another field, is a *ProtocolError: no refusal reads as an answer.
func parseFields(command string, body []byte, r redactor) ([]field, error) {
	text := answerText(body)
	if err := apiError(command, text, r); err != nil {
		return nil, err
	}
	if strings.Contains(text, errorsPrefix) {
		return nil, &ProtocolError{Reason: "the answer holds errors: inside another field", Excerpt: r.excerpt(body)}
	}
	tokens := strings.Fields(text)
	if len(tokens) == 0 {
		return nil, &ProtocolError{Reason: "the answer is empty"}
	}
	fields := make([]field, 0, len(tokens))
	for _, token := range tokens {
		name, value, ok := strings.Cut(token, ":")
		if !ok || !onlyOf(name, lower+"_") || value == "" {
			return nil, &ProtocolError{Reason: "expected name:value fields", Excerpt: r.excerpt(body)}
		}
		fields = append(fields, field{name: name, value: value})
	}
	return fields, nil
}

// apiError is the *APIError an answer's `errors:` fields make, or nil. Such a field starts a line or follows white
// space (`price:1.2 errors:blocked` is a refusal); its message runs to the end of the line.
func apiError(command, text string, r redactor) *APIError {
	var e *APIError
	for line := range strings.SplitSeq(text, "\n") {
		at := errorsField(line)
		if at < 0 {
			continue
		}
		if e == nil {
			e = &APIError{Command: command}
		}
		if len(e.Messages) == MaxMessages {
			e.Omitted++
			continue
		}
		e.Messages = append(e.Messages, r.message(line[at+len(errorsPrefix):]))
	}
	if e != nil {
		e.Refusal = refusalOf(e.Messages)
	}
	return e
}

// errorsField is where the first `errors:` field of a line starts, or -1.
func errorsField(line string) int {
	for from := 0; ; {
		i := strings.Index(line[from:], errorsPrefix)
		if i < 0 {
			return -1
		}
		at := from + i
		if before := strings.TrimRightFunc(line[:at], unicode.IsSpace); at == 0 || len(before) < at {
			return at
		}
		from = at + len(errorsPrefix)
	}
}

// parseBalance reads an answer to the balance command: exactly one `balance:<amount>`.
func parseBalance(body []byte, r redactor) (Amount, error) {
	fields, err := parseFields(command.Balance.Name, body, r)
	if err != nil {
		return Amount{}, err
	}
	if len(fields) != 1 || fields[0].name != "balance" {
		return Amount{}, &ProtocolError{Reason: "expected a single balance:<amount> line", Excerpt: r.excerpt(body)}
	}
	amount, err := ParseAmount(fields[0].value)
	if err != nil {
		return Amount{}, &ProtocolError{Reason: "the balance " + err.Error(), Excerpt: r.excerpt(body)}
	}
	return amount, nil
}

// CheckCurrency refuses what is not a currency code as gateways write it, ISO 4217: UAH, USD.
func CheckCurrency(code string) error {
	if len(code) != 3 || !onlyOf(code, lower+strings.ToUpper(lower)) {
		return fmt.Errorf("the currency %s is not a currency code: write the three letters of an ISO 4217 code, such as UAH", Quote(code))
	}
	return nil
}

// minPrice is below the smallest real price (a satoshi, 1e-8), above PHP's leftovers of a zero.
var minPrice = Amount{d: *apd.New(1, -12)}

// parsePrice reads `price:<amount>` and `currency:<code>` in any order, others ignored; below minPrice, *NoPriceError.
func parsePrice(number string, body []byte, r redactor) (Price, error) {
	fields, err := parseFields(command.Price.Name, body, r)
	if err != nil {
		return Price{}, err
	}
	seen := map[string]string{}
	for _, f := range fields {
		if _, dup := seen[f.name]; dup {
			return Price{}, &ProtocolError{Reason: "the field " + r.quoted(f.name, excerptLimit) + " appears twice", Excerpt: r.excerpt(body)}
		}
		seen[f.name] = f.value
	}
	text, currency := seen["price"], seen["currency"] // a value is never empty
	amount, err := ParseAmount(text)
	switch {
	case text == "":
		return Price{}, &ProtocolError{Reason: "the answer has no price field", Excerpt: r.excerpt(body)}
	case err != nil:
		return Price{}, &ProtocolError{Reason: "the price " + err.Error(), Excerpt: r.excerpt(body)}
	case currency == "":
		return Price{}, &ProtocolError{Reason: "the answer has no currency field", Excerpt: r.excerpt(body)}
	case CheckCurrency(currency) != nil:
		return Price{}, &ProtocolError{Reason: "the currency is not a currency code", Excerpt: r.excerpt(body)}
	case amount.Cmp(minPrice) < 0:
		return Price{}, &NoPriceError{Number: number, Quoted: r.quoted(text, excerptLimit)}
	}
	return Price{Number: number, Amount: amount, Currency: currency}, nil
}

// Amount is a sum of money exactly as the gateway wrote it, in decimal, never a binary float.
type Amount struct {
	d apd.Decimal
}

// Bounds on the work an amount can cost, far beyond any float PHP prints (17 digits, 1e±324).
const (
	MaxSignificantDigits = 100 // exact through Terraform's 512-bit numbers
	MaxExponent          = 400 // places of the first significant digit before or after the point
)

// ParseAmount reads an amount exactly, as PHP prints it (-12.5, 5.551115123125783E-17; no plus,
// hex, NaN or INF). Its error follows "the balance" or "the price".
func ParseAmount(s string) (Amount, error) {
	s, negative := strings.CutPrefix(s, "-")
	mantissa, exp, hasExp := strings.Cut(strings.ReplaceAll(s, "E", "e"), "e")
	integer, fraction, hasPoint := strings.Cut(mantissa, ".")
	unsigned := exp
	if exp != "" && (exp[0] == '+' || exp[0] == '-') {
		unsigned = exp[1:]
	}
	if !onlyOf(integer, decimalDigits) || hasPoint && !onlyOf(fraction, decimalDigits) ||
		hasExp && (!onlyOf(unsigned, decimalDigits) || len(unsigned) > 4) {
		return Amount{}, errors.New("is not a decimal number")
	}
	exponent, _ := strconv.Atoi(exp) // "" without an exponent: 0
	digits := strings.TrimLeft(integer+fraction, "0")
	first := len(integer) - (len(integer+fraction) - len(digits)) - 1 + exponent // place of the first significant digit
	digits = strings.TrimRight(digits, "0")
	var a Amount
	if digits == "" {
		return a, nil // zero, "-0" included
	}
	if len(digits) > MaxSignificantDigits {
		return Amount{}, fmt.Errorf("has %d significant digits, more than the %d an amount may have", len(digits), MaxSignificantDigits)
	}
	if first > MaxExponent || first < -MaxExponent {
		return Amount{}, fmt.Errorf("is of the order of 1e%d, beyond the 1e±%d an amount may reach", first, MaxExponent)
	}
	a.d.Coeff.SetString(digits, 10)               // only decimal digits: cannot fail
	a.d.Exponent = int32(first - len(digits) + 1) //nolint:gosec // bounded by MaxExponent and MaxSignificantDigits
	a.d.Negative = negative
	return a, nil
}

// AmountOf is the shortest decimal Terraform reads back as the same number. Beyond 1e±400 it
// fails at once, before a conversion that costs seconds for a number such as 1e10000000.
func AmountOf(f *big.Float) (Amount, error) {
	var a Amount
	if f.IsInf() {
		return a, fmt.Errorf("%s is not an amount", f.Text('g', -1))
	}
	// DecimalOrder may be one less than the true order: near the bound, the decimal decides below.
	if order := DecimalOrder(f); order > MaxExponent || order < -MaxExponent-2 {
		return a, fmt.Errorf("a number of the order of 1e%d is beyond the 1e±%d an amount may reach", order, MaxExponent)
	}
	// Widened: a float64's shortest decimal at 53 bits is another number (2^70 would be 424 less).
	wide := new(big.Float).SetPrec(max(f.Prec(), terraformPrecision)).Set(f)
	if _, _, err := a.d.SetString(wide.Text('g', -1)); err != nil {
		return a, fmt.Errorf("%s is not an amount", f.Text('g', -1))
	}
	if first := int64(a.d.Exponent) + a.d.NumDigits() - 1; first > MaxExponent || first < -MaxExponent { // 0 is "0": first is 0
		return Amount{}, fmt.Errorf("a number of the order of 1e%d is beyond the 1e±%d an amount may reach", first, MaxExponent)
	}
	return a, nil
}

// DecimalOrder is the order of magnitude of a finite number, within one, without printing it.
func DecimalOrder(f *big.Float) int {
	if f.Sign() == 0 {
		return 0
	}
	return int(math.Floor(float64(f.MantExp(nil)-1) * math.Log10(2)))
}

const terraformPrecision = 512 // bits

// String prints the amount as a person writes it: no exponent, no trailing zeros.
func (a Amount) String() string {
	var reduced apd.Decimal
	reduced.Reduce(&a.d)
	if reduced.IsZero() {
		return "0"
	}
	return reduced.Text('f')
}

// Float is the amount as a Terraform number, at its 512 bits.
func (a Amount) Float() *big.Float {
	f, _, _ := big.ParseFloat(a.d.Text('e'), 10, terraformPrecision, big.ToNearestEven) // a decimal: cannot fail
	return f
}

// Sign is -1, 0 or +1.
func (a Amount) Sign() int { return a.d.Sign() }

// Cmp compares two amounts exactly: -1, 0 or +1.
func (a Amount) Cmp(b Amount) int { return a.d.Cmp(&b.d) }

// Times is the amount multiplied by n, exactly.
func (a Amount) Times(n *big.Int) Amount {
	var product Amount
	product.d.Coeff.Mul(&a.d.Coeff, new(apd.BigInt).SetMathBigInt(new(big.Int).Abs(n)))
	product.d.Exponent = a.d.Exponent
	product.d.Negative = a.d.Negative != (n.Sign() < 0) && product.d.Coeff.Sign() != 0
	return product
}

// Plus is the sum of two amounts, exactly.
func (a Amount) Plus(b Amount) Amount {
	var sum Amount
	if _, err := (&apd.Context{MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Traps: apd.DefaultTraps}).Add(&sum.d, &a.d, &b.d); err != nil {
		panic("adding two amounts is exact: " + err.Error())
	}
	return sum
}

// Count is how many whole times per (above zero) fits into a; zero when a is zero or below.
func (a Amount) Count(per Amount) *big.Int {
	if a.Sign() <= 0 {
		return new(big.Int)
	}
	q := new(big.Rat).Quo(a.rat(), per.rat())
	return new(big.Int).Quo(q.Num(), q.Denom()) // both positive: the floor
}

func (a Amount) rat() *big.Rat {
	r, _ := new(big.Rat).SetString(a.d.Text('e')) // a decimal: cannot fail
	return r
}
