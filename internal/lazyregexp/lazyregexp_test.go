package lazyregexp

import (
	"strings"
	"testing"
)

func TestLazyRegexp(t *testing.T) {
	t.Parallel()
	re := New(`^([a-z]+)-([0-9]+)$`)
	if !re.MatchString("key-42") || re.MatchString("KEY-42") {
		t.Fatal("MatchString")
	}
	if m := re.FindStringSubmatch("key-42"); len(m) != 3 || m[1] != "key" || m[2] != "42" {
		t.Fatalf("FindStringSubmatch = %q", m)
	}
	if got := New(`%[0-9A-F]{2}`).ReplaceAllStringFunc("a%2Fb%7E", strings.ToLower); got != "a%2fb%7e" {
		t.Fatalf("ReplaceAllStringFunc = %q", got)
	}
	first := re.Regexp()
	if re.Regexp() != first || first.String() != `^([a-z]+)-([0-9]+)$` {
		t.Fatal("compiled more than once, or not the expression given")
	}
}

// An invalid expression panics on first use, as regexp.MustCompile would at start-up.
func TestInvalidPanicsOnUse(t *testing.T) {
	t.Parallel()
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	re.MatchString("x")
}
