package gateway

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cockroachdb/apd/v3"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/lazyregexp"
)

// The gateway answers in plain text: `name:value` fields (one a line for balance, several
// separated by spaces for price), or one or more `errors:<message>` lines. PHP gateways add
// noise that is not part of the answer: byte-order marks at the start of a line (a script,
// or each of two included scripts, saved with one), and stray spaces or CRLF line ends.

const (
	errorsPrefix  = "errors:"
	byteOrderMark = "\ufeff"
)

// field is one `name:value` pair of an answer, in the order it came.
type field struct {
	name, value string
}

var fieldName = lazyregexp.New(`^[a-z_]+$`)

// answerText is the answer without the byte-order marks that start any of its lines.
func answerText(body []byte) string {
	text := string(body)
	if !strings.Contains(text, byteOrderMark) {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimLeft(line, byteOrderMark)
	}
	return strings.Join(lines, "\n")
}

// parseFields splits an answer into its fields. An answer with an `errors:` field anywhere
// is an *APIError carrying the gateway's messages; anything else that is not `name:value`
// tokens separated by spaces or line breaks, or that mentions errors: inside another
// field, is a *ProtocolError. Either way no field of a refusal is ever read as an answer.
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
		if !ok || !fieldName.MatchString(name) || value == "" {
			return nil, &ProtocolError{Reason: "expected name:value fields", Excerpt: r.excerpt(body)}
		}
		fields = append(fields, field{name: name, value: value})
	}
	return fields, nil
}

// apiError is the *APIError an answer's `errors:` fields make, or nil when it has none. An
// `errors:` field starts a line or follows white space (a space, a tab, a lone carriage
// return): `price:1.2 currency:UAH errors:blocked` is a refusal. Its message runs to the end
// of the line. At most MaxMessages are kept; the rest are counted.
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

// holdsErrorsField reports whether an answer is a refusal, as apiError reads one, without
// building the error.
func holdsErrorsField(text string) bool {
	for line := range strings.SplitSeq(text, "\n") {
		if errorsField(line) >= 0 {
			return true
		}
	}
	return false
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

// currencyText is a currency code as gateways write it, ISO 4217: UAH, USD, EUR.
var currencyText = lazyregexp.New(`^[A-Za-z]{3}$`)

// CheckCurrency refuses a currency code the client would not read in a price answer.
func CheckCurrency(code string) error {
	if !currencyText.MatchString(code) {
		return fmt.Errorf("the currency %s is not a currency code: write the three letters of an ISO 4217 code, such as UAH", Quote(code))
	}
	return nil
}

// minPrice is the least price that is one: what PHP's float arithmetic leaves of a zero
// (5.551115123125783E-17) is below it, and the smallest real price (a satoshi, 1e-8) above.
var minPrice = Amount{d: *apd.New(1, -12)} // not ParseAmount, which would compile its expression at start-up

// parsePrice reads an answer to the price command: `price:<amount>` and `currency:<code>`,
// in any order, separated by spaces or line breaks. Other fields are ignored. A price of zero
// or below, or below minPrice, is what the gateway quotes where it does not deliver: a
// *NoPriceError. Read as a price, it would make every message look free.
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
	text, ok := seen["price"]
	if !ok {
		return Price{}, &ProtocolError{Reason: "the answer has no price field", Excerpt: r.excerpt(body)}
	}
	amount, err := ParseAmount(text)
	if err != nil {
		return Price{}, &ProtocolError{Reason: "the price " + err.Error(), Excerpt: r.excerpt(body)}
	}
	currency, ok := seen["currency"]
	if !ok {
		return Price{}, &ProtocolError{Reason: "the answer has no currency field", Excerpt: r.excerpt(body)}
	}
	if CheckCurrency(currency) != nil {
		return Price{}, &ProtocolError{Reason: "the currency is not a currency code", Excerpt: r.excerpt(body)}
	}
	if amount.Cmp(minPrice) < 0 {
		return Price{}, &NoPriceError{Number: number, Quoted: r.quoted(text, excerptLimit)}
	}
	return Price{Number: number, Amount: amount, Currency: currency}, nil
}
