package provider

import (
	"math/big"
	"strings"
	"testing"
)

// A configuration number prints as written up to a line's length, then as Terraform prints it,
// every digit kept.
func TestFormatAmount(t *testing.T) {
	t.Parallel()
	for f, want := range map[*big.Float]string{
		big.NewFloat(12.5):     "12.5",
		big.NewFloat(1e20):     "100000000000000000000",
		exact("1e63"):          "1" + strings.Repeat("0", 63), // 64 characters, a line's worth
		big.NewFloat(-1.5e70):  "-1.5e+70",
		big.NewFloat(1.25e300): "1.25e+300",
	} {
		if got := formatAmount(f); got != want {
			t.Errorf("formatAmount(%s) = %s, want %s", f.Text('g', 10), got, want)
		}
	}
}

// exact is a number as Terraform reads it from the configuration: 512 bits.
func exact(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return f
}
