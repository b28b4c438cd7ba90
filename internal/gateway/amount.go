package gateway

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"github.com/smsgateway/terraform-provider-gateway/internal/lazyregexp"
)

// Amount is a sum of money exactly as the gateway wrote it. It is parsed, multiplied,
// compared and printed in decimal; a binary float never touches it. Float hands Terraform
// the number, whose shortest decimal form is the amount again, digit for digit.
type Amount struct {
	d apd.Decimal
}

// Bounds on an amount. They bound the work an answer can cost, never which real answer is
// read: PHP prints a float with at most 17 significant digits (serialize_precision -1), or as
// many as its precision setting asks, and a float64 lies between 1e-324 and 1.8e308.
const (
	// MaxSignificantDigits keeps every amount exact through Terraform: its numbers carry 512
	// bits, which round-trip any decimal of up to 153 significant digits.
	MaxSignificantDigits = 100
	// MaxExponent bounds the magnitude: the first significant digit stands at most this many
	// places before or after the decimal point.
	MaxExponent = 400
)

// amountText is an amount as PHP prints it: digits, an optional fraction, an optional
// leading minus (post-paid accounts go below zero), and far from 1 an exponent
// (5.551115123125783E-17, 1.0E+25). No sign plus, hex, underscores, NaN or INF.
var amountText = lazyregexp.New(`^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]{1,4}))?$`)

// ParseAmount reads an amount exactly. Its error says what is wrong with the text, to follow
// "the balance" or "the price".
func ParseAmount(s string) (Amount, error) {
	m := amountText.FindStringSubmatch(s)
	if m == nil {
		return Amount{}, fmt.Errorf("is not a decimal number")
	}
	negative, integer, fraction := m[1] == "-", m[2], m[3]
	exponent := 0
	if m[4] != "" {
		exponent, _ = strconv.Atoi(m[4]) // at most four digits: cannot fail
	}
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
	if _, ok := a.d.Coeff.SetString(digits, 10); !ok {
		return Amount{}, fmt.Errorf("is not a decimal number")
	}
	a.d.Exponent = int32(first - len(digits) + 1) //nolint:gosec // bounded by MaxExponent and MaxSignificantDigits
	a.d.Negative = negative
	return a, nil
}

// AmountOf is the decimal a Terraform number stands for: the shortest decimal that Terraform,
// at its 512 bits, reads back as the same number, which is what was written in the
// configuration or what the provider sent. Its digits are not bounded (a third of a budget has
// many), its magnitude is, as a gateway's amount's: beyond 1e±400 it fails at once, before
// the conversion, which costs seconds for a number such as 1e10000000. It fails for an
// infinity too.
func AmountOf(f *big.Float) (Amount, error) {
	var a Amount
	if f.IsInf() {
		return a, fmt.Errorf("%s is not an amount", f.Text('g', -1))
	}
	// The order DecimalOrder gives is the true one or one less: past these it is surely beyond
	// the bound; nearer, the decimal's own exponent decides below, and the error names it.
	if order := DecimalOrder(f); order > MaxExponent || order < -MaxExponent-2 {
		return a, fmt.Errorf("a number of the order of 1e%d is beyond the 1e±%d an amount may reach", order, MaxExponent)
	}
	// A number that a float64 holds exactly reaches the provider as one, with 53 bits. Its
	// shortest decimal at 53 bits is another number: 2^70 would be 1.1805916207174113e+21,
	// 424 less than it is.
	wide := new(big.Float).SetPrec(max(f.Prec(), terraformPrecision)).Set(f)
	if _, _, err := a.d.SetString(wide.Text('g', -1)); err != nil {
		return a, fmt.Errorf("%s is not an amount", f.Text('g', -1))
	}
	if first := int64(a.d.Exponent) + a.d.NumDigits() - 1; first > MaxExponent || first < -MaxExponent { // 0 is "0": first is 0
		return Amount{}, fmt.Errorf("a number of the order of 1e%d is beyond the 1e±%d an amount may reach", first, MaxExponent)
	}
	return a, nil
}

// DecimalOrder is the power of ten nearest below a finite number's magnitude, within one:
// what an error may say of a number too large to print, which f.Text would take seconds to.
func DecimalOrder(f *big.Float) int {
	if f.Sign() == 0 {
		return 0
	}
	return int(math.Floor(float64(f.MantExp(nil)-1) * math.Log10(2)))
}

// terraformPrecision is the precision, in bits, of Terraform's numbers.
const terraformPrecision = 512

// String prints the amount as a person writes it: no exponent, no trailing zeros.
func (a Amount) String() string {
	var reduced apd.Decimal
	reduced.Reduce(&a.d)
	if reduced.IsZero() {
		return "0"
	}
	return reduced.Text('f')
}

// Float is the amount as a Terraform number (512 bits, as Terraform keeps numbers).
func (a Amount) Float() *big.Float {
	f, _, err := big.ParseFloat(a.d.Text('e'), 10, terraformPrecision, big.ToNearestEven)
	if err != nil {
		panic("an amount always parses as a float: " + err.Error())
	}
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
	// An exact context: addition never rounds at unlimited precision.
	if _, err := (&apd.Context{MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Traps: apd.DefaultTraps}).Add(&sum.d, &a.d, &b.d); err != nil {
		panic("adding two amounts is exact: " + err.Error())
	}
	return sum
}

// Count is how many whole times per fits into a, exactly; zero when a is zero or below.
// per must be above zero.
func (a Amount) Count(per Amount) *big.Int {
	if a.Sign() <= 0 {
		return new(big.Int)
	}
	q := new(big.Rat).Quo(a.rat(), per.rat())
	return new(big.Int).Quo(q.Num(), q.Denom()) // both positive: the floor
}

func (a Amount) rat() *big.Rat {
	r, ok := new(big.Rat).SetString(a.d.Text('e'))
	if !ok {
		panic("an amount always parses as a fraction: " + a.d.Text('e'))
	}
	return r
}
