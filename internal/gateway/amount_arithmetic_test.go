package gateway

import (
	"math"
	"math/big"
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
		got := mustAmount(t, tc.amount).Times(tc.n)
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
