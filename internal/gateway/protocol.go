package gateway

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/lazyregexp"
)

// The gateway answers in plain text: `name:value` fields (one a line for balance, several
// separated by spaces for price), or one or more `errors:<message>` lines. PHP gateways add
// noise that is not part of the answer: a byte-order mark before it (a script saved with
// one), and stray spaces or CRLF line ends around lines.

const (
	errorsPrefix  = "errors:"
	byteOrderMark = "\ufeff"
)

// field is one `name:value` pair of an answer, in the order it came.
type field struct {
	name, value string
}

var fieldName = lazyregexp.New(`^[a-z_]+$`)

// answerText is the answer without a leading byte-order mark.
func answerText(body []byte) string {
	return strings.TrimPrefix(string(body), byteOrderMark)
}

// parseFields splits an answer into its fields. An answer with any `errors:` line is an
// *APIError carrying them; anything else that is not `name:value` tokens separated by
// spaces or line breaks is a *ProtocolError.
func parseFields(command string, body []byte, r redactor) ([]field, error) {
	if err := apiError(command, body, r); err != nil {
		return nil, err
	}
	tokens := strings.Fields(answerText(body))
	if len(tokens) == 0 {
		return nil, &ProtocolError{Reason: "the answer is empty"}
	}
	fields := make([]field, 0, len(tokens))
	for _, token := range tokens {
		name, value, ok := strings.Cut(token, ":")
		if !ok || !fieldName.MatchString(name) || value == "" {
			return nil, &ProtocolError{Reason: "expected name:value fields", Excerpt: r.excerpt(body)}
		}
		fields = append(fields, field{name: name, value: value})
	}
	return fields, nil
}

// apiError is the *APIError an answer's `errors:` lines make, or nil when it has none. Each
// line is trimmed before it is matched, so a BOM or a stray space does not hide a refusal.
// At most MaxMessages are kept; the rest are counted.
func apiError(command string, body []byte, r redactor) *APIError {
	var e *APIError
	for line := range strings.SplitSeq(answerText(body), "\n") {
		msg, ok := strings.CutPrefix(strings.TrimSpace(line), errorsPrefix)
		if !ok {
			continue
		}
		if e == nil {
			e = &APIError{Command: command}
		}
		if len(e.Messages) == MaxMessages {
			e.Omitted++
			continue
		}
		e.Messages = append(e.Messages, r.message(msg))
	}
	return e
}

// Amounts are decimals as PHP prints them: digits, an optional fraction, an optional leading
// minus (post-paid accounts go below zero), and near zero an exponent (3.552713678800501E-15).
// No sign plus, hex, underscores, NaN or Inf: big.ParseFloat would take some of those.
var decimalText = lazyregexp.New(`^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]{1,4}))?$`)

// Bounds on an amount, counted without leading or trailing zeros: far beyond any balance or
// price, and small enough that no value costs Terraform noticeable time to carry or rounds.
const (
	MaxIntegerDigits  = 30
	MaxFractionDigits = 30
)

// decimalPrecision matches the precision Terraform keeps numbers at, so a long decimal
// such as 31.168300000000002 reaches the state digit for digit.
const decimalPrecision = 512

// parseDecimal reads an amount, exactly. It says why when it cannot.
func parseDecimal(s string) (*big.Float, string) {
	m := decimalText.FindStringSubmatch(s)
	if m == nil {
		return nil, "is not a decimal number"
	}
	sign, digits, point := m[1], m[2]+m[3], len(m[2])
	if m[4] != "" {
		exp, _ := strconv.Atoi(m[4]) // at most four digits: cannot fail
		point += exp
	}
	// Written out as a plain decimal, the exponent moves the point.
	digits = strings.TrimLeft(digits, "0")
	lead := len(m[2]+m[3]) - len(digits) // zeros dropped before the first significant digit
	point -= lead
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		return new(big.Float).SetPrec(decimalPrecision), ""
	}
	integer, fraction := max(point, 0), max(len(digits)-point, 0)
	if integer > MaxIntegerDigits {
		return nil, fmt.Sprintf("has %d integer digits, more than the %d an amount may have", integer, MaxIntegerDigits)
	}
	if fraction > MaxFractionDigits {
		return nil, fmt.Sprintf("has %d decimal places, more than the %d an amount may have", fraction, MaxFractionDigits)
	}
	f, _, err := big.ParseFloat(sign+"0."+digits+"e"+strconv.Itoa(point), 10, decimalPrecision, big.ToNearestEven)
	if err != nil {
		return nil, "is not a decimal number"
	}
	return f, ""
}

// parseBalance reads an answer to the balance command: exactly one `balance:<decimal>`.
func parseBalance(body []byte, r redactor) (*big.Float, error) {
	fields, err := parseFields("balance", body, r)
	if err != nil {
		return nil, err
	}
	if len(fields) != 1 || fields[0].name != "balance" {
		return nil, &ProtocolError{Reason: "expected a single balance:<amount> line", Excerpt: r.excerpt(body)}
	}
	amount, why := parseDecimal(fields[0].value)
	if amount == nil {
		return nil, &ProtocolError{Reason: "the balance " + why, Excerpt: r.excerpt(body)}
	}
	return amount, nil
}

// currencyText is a currency code as gateways write it: UAH, USD, EUR.
var currencyText = lazyregexp.New(`^[A-Za-z]{1,10}$`)

// parsePrice reads an answer to the price command: `price:<decimal>` and `currency:<code>`,
// in any order, separated by spaces or line breaks. Other fields are ignored. A price of zero
// or below is what the gateway quotes where it does not deliver: a *NoPriceError.
func parsePrice(number string, body []byte, r redactor) (Price, error) {
	fields, err := parseFields("price", body, r)
	if err != nil {
		return Price{}, err
	}
	seen := map[string]string{}
	for _, f := range fields {
		if _, dup := seen[f.name]; dup {
			return Price{}, &ProtocolError{Reason: "the field " + f.name + " appears twice", Excerpt: r.excerpt(body)}
		}
		seen[f.name] = f.value
	}
	text, ok := seen["price"]
	if !ok {
		return Price{}, &ProtocolError{Reason: "the answer has no price field", Excerpt: r.excerpt(body)}
	}
	amount, why := parseDecimal(text)
	if amount == nil {
		return Price{}, &ProtocolError{Reason: "the price " + why, Excerpt: r.excerpt(body)}
	}
	currency, ok := seen["currency"]
	if !ok {
		return Price{}, &ProtocolError{Reason: "the answer has no currency field", Excerpt: r.excerpt(body)}
	}
	if !currencyText.MatchString(currency) {
		return Price{}, &ProtocolError{Reason: "the currency is not a currency code", Excerpt: r.excerpt(body)}
	}
	if amount.Sign() <= 0 {
		return Price{}, &NoPriceError{Number: number, Quoted: text}
	}
	return Price{Number: number, Amount: amount, Currency: currency}, nil
}
