package provider

import (
	"math/big"
	"testing"
)

// A configuration number prints as written up to a line's length, then as Terraform prints it,
// every digit kept.
func TestFormatAmount(t *testing.T) {
	t.Parallel()
	for f, want := range map[*big.Float]string{
		big.NewFloat(12.5):     "12.5",
		big.NewFloat(-1.5e70):  "-1.5e+70",
		big.NewFloat(1.25e300): "1.25e+300",
	} {
		if got := formatAmount(f); got != want {
			t.Errorf("formatAmount(%s) = %s, want %s", f.Text('g', 10), got, want)
		}
	}
}
