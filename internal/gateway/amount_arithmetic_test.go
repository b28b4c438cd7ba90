package gateway

import (
	"math"
	"math/big"
	"strings"
	"testing"
)

func mustAmount(t *testing.T, s string) Amount {
	t.Helper()
	a, err := ParseAmount(s)
	if err != nil {
		t.Fatalf("ParseAmount(%q): %v", s, err)
	}
	return a
}

// Times keeps the sign rule of multiplication, a zero product is never negative, and a product
// is printed without the trailing zeros the multiplication made (0.5 × 2 is 1, not 1.0).
func TestTimesSigns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		amount string
		n      int64
		want   string
	}{
		{"1.5", 3, "4.5"}, {"1.5", -3, "-4.5"}, {"-1.5", 3, "-4.5"}, {"-1.5", -3, "4.5"}, {"-1.5", 0, "0"}, {"0.5", 2, "1"}, {"0.25", 40, "10"},
	} {
		got := mustAmount(t, tc.amount).Times(big.NewInt(tc.n))
		if got.String() != tc.want || got.Sign() != mustAmount(t, tc.want).Sign() {
			t.Errorf("%s × %d = %s (sign %d), want %s", tc.amount, tc.n, got, got.Sign(), tc.want)
		}
	}
}

// Count is the floor of a ÷ per, exact, and zero for a budget of zero or below.
func TestCountWholeTimes(t *testing.T) {
	t.Parallel()
	per := mustAmount(t, "0.3")
	for amount, want := range map[string]int64{"0.9": 3, "0.89": 2, "1e3": 3333, "0": 0, "-0.9": 0} {
		if got := mustAmount(t, amount).Count(per); got.Int64() != want {
			t.Errorf("Count(%s / 0.3) = %s, want %d", amount, got, want)
		}
	}
}

// AmountOf reads a Terraform number back as the shortest decimal it stands for, refusing an
// infinity; Float hands Terraform a number whose shortest decimal is the amount again.
func TestAmountOfAndFloatRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"31.168300000000002", "0.1000000000000000055511151231257827", "-12345678901234567.89", "1e-300"} {
		f := mustAmount(t, s).Float()
		if f.Prec() != 512 {
			t.Errorf("Float(%s) has %d bits, want 512", s, f.Prec())
		}
		back, err := AmountOf(f)
		if err != nil || back.Cmp(mustAmount(t, s)) != 0 {
			t.Errorf("AmountOf(Float(%s)) = %s, %v", s, back, err)
		}
	}
	if _, err := AmountOf(big.NewFloat(math.Inf(1))); err == nil || err.Error() != "+Inf is not an amount" {
		t.Errorf("AmountOf(+Inf) error = %v", err)
	}
}

// A number Terraform sends as a float64 (one a float64 holds exactly) arrives with 53 bits: it
// is read as the number it is, not as its shortest float64 spelling.
func TestAmountOfFloat64IsExact(t *testing.T) {
	t.Parallel()
	for f, want := range map[float64]string{
		0.1:                      "0.1000000000000000055511151231257827021181583404541015625",
		0.3:                      "0.299999999999999988897769753748434595763683319091796875",
		math.Ldexp(1, 70):        "1180591620717411303424",
		100 + math.Ldexp(1, -46): "100.0000000000000142108547152020037174224853515625",
		0.5:                      "0.5",
	} {
		got, err := AmountOf(big.NewFloat(f))
		if err != nil || got.String() != want {
			t.Errorf("AmountOf(float64 %g) = %s, %v; want %s", f, got, err, want)
		}
	}
}

// The exponent bound holds to the unit, on both sides of the decimal point.
func TestAmountExponentBoundToTheUnit(t *testing.T) {
	t.Parallel()
	for s, ok := range map[string]bool{"1e400": true, "9.9e400": true, "1e401": false, "1e-400": true, "1e-401": false} {
		if _, err := ParseAmount(s); (err == nil) != ok {
			t.Errorf("ParseAmount(%s) error = %v, want accepted: %v", s, err, ok)
		}
	}
}

// A Terraform number is bounded as a gateway's text is, to the unit: the error names the
// order, and a number far beyond is refused before it is printed, which would take minutes.
func TestAmountOfBoundToTheUnit(t *testing.T) {
	t.Parallel()
	for s, refused := range map[string]string{
		"9.9e400": "", "1e400": "", "1e-400": "", "0": "", "-9.9e400": "",
		"1e401": "1e401", "-1e401": "1e401", "1e-401": "1e-401", "1e500": "1e499", "1e-500": "1e-501",
	} {
		f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		_, err = AmountOf(f)
		if want := "a number of the order of " + refused + " is beyond"; refused == "" && err != nil || refused != "" && (err == nil || !strings.HasPrefix(err.Error(), want)) {
			t.Errorf("AmountOf(%s) error = %v, want %q", s, err, want)
		}
	}
	huge := new(big.Float).SetMantExp(big.NewFloat(0.5), 1<<30)
	if _, err := AmountOf(huge); err == nil || !strings.Contains(err.Error(), "1e323228496 is beyond") {
		t.Errorf("AmountOf(2^(2^30 - 1)) error = %v", err)
	}
}

// DecimalOrder is exact at a power of two, whose mantissa is one half: the floor of its
// exponent times log10(2).
func TestDecimalOrderOfPowersOfTwo(t *testing.T) {
	t.Parallel()
	for k, want := range map[int]int{0: 0, 3: 0, 4: 1, 10: 3, -3: -1, -4: -2, 1000: 301, -1000: -302} {
		if got := DecimalOrder(new(big.Float).SetMantExp(big.NewFloat(0.5), k+1)); got != want {
			t.Errorf("DecimalOrder(2^%d) = %d, want %d", k, got, want)
		}
	}
	if got := DecimalOrder(new(big.Float)); got != 0 {
		t.Errorf("DecimalOrder(0) = %d, want 0", got)
	}
}

// The least price that is one, 1e-12, is a price; anything below it is the gateway's "no price".
func TestPriceFloorIsAPrice(t *testing.T) {
	t.Parallel()
	if p, err := parsePrice("380501234567", []byte("price:1e-12 currency:UAH"), redactor{}); err != nil || p.Amount.String() != "0.000000000001" {
		t.Errorf("a price of 1e-12 = %v, %v", p.Amount, err)
	}
	if _, err := parsePrice("380501234567", []byte("price:9.99e-13 currency:UAH"), redactor{}); outcome(err) != "noprice" {
		t.Errorf("a price of 9.99e-13: %v, want no price", err)
	}
}

// Sums of budgets are exact: no rounding, whatever the exponents.
func TestPlusIsExact(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ a, b, want string }{
		{"0.1", "0.2", "0.3"},
		{"600", "600", "1200"},
		{"31.168300000000002", "-31.168300000000002", "0"},
		{"1e20", "1e-20", "100000000000000000000.00000000000000000001"},
		{"-5", "2", "-3"},
	} {
		if got := mustAmount(t, tc.a).Plus(mustAmount(t, tc.b)).String(); got != tc.want {
			t.Errorf("%s + %s = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}
