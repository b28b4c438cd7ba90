package lazyregexp_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/lazyregexp"
	_ "github.com/smsgateway/terraform-provider-gateway/internal/provider" // the provider and every package it links, initialised
)

// No expression is compiled while the provider's packages start: not by a package-level
// variable whose value uses one (as ParseAmount would), which the source check in
// TestNoRegexpCompiledAtStart cannot see. Checked before any test runs and compiles its own.
func TestMain(m *testing.M) {
	if n := lazyregexp.Compiled(); n != 0 {
		fmt.Fprintf(os.Stderr, "%d regular expressions were compiled at start-up: a package-level value uses one; compute it otherwise\n", n)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
