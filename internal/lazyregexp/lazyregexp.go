// Package lazyregexp is a regular expression compiled on first use rather than at start-up,
// as the Go toolchain's own internal/lazyregexp. Terraform starts the provider three times
// in every plan, and most of those processes never match anything: compiling the package-level
// expressions at start cost each of them about half a millisecond of CPU, more than the rest
// of the provider's own start-up together (measured through Terraform's plans).
package lazyregexp

import (
	"regexp"
	"sync"
	"sync/atomic"
)

// Regexp is a regular expression compiled the first time it is used.
type Regexp struct {
	compiled func() *regexp.Regexp
}

// New returns expr, to be compiled on first use; like regexp.MustCompile, an invalid expr
// panics, then. Every expression is a constant of this repository, and its tests use each.
func New(expr string) *Regexp {
	return &Regexp{compiled: sync.OnceValue(func() *regexp.Regexp {
		compiled.Add(1)
		return regexp.MustCompile(expr)
	})}
}

// compiled counts the expressions compiled so far, for the test that none is at start-up.
var compiled atomic.Int64

// Compiled is how many expressions have been compiled in this process so far.
func Compiled() int64 { return compiled.Load() }

// Regexp returns the compiled expression, for an API that takes one.
func (r *Regexp) Regexp() *regexp.Regexp { return r.compiled() }

func (r *Regexp) MatchString(s string) bool { return r.compiled().MatchString(s) }

func (r *Regexp) FindStringSubmatch(s string) []string { return r.compiled().FindStringSubmatch(s) }

func (r *Regexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	return r.compiled().ReplaceAllStringFunc(s, repl)
}
