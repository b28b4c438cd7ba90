// Package secret finds an API key in text however the text escaped it: raw, percent-encoded
// (by Go, by PHP's urlencode, twice by a proxy), JSON-escaped (by PHP's json_encode, by Go's
// encoding/json), HTML-escaped, or quoted by Go. The client's redaction, the provider's log
// masks and every test that proves "no key here" use it. It has no dependencies, so each of
// them can import it.
//
// It does not list the key's spellings and look for each: it undoes percent, backslash and
// HTML escapes on every run of text that could hold the key, to three layers in any order,
// and looks for the key in what comes out. So a form nobody listed is found too.
package secret

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// CutRun is the shortest run of the key's characters that is never shown where a text is cut
// (an excerpt, a message shortened, a body read only up to its limit): a cut that ends inside
// the key shows at most CutRun-1 of its characters. Keys have at least 8. It is also the
// shortest end of the key found beside a mask (****Nb2V, Zq7W...), the way echoes mask a key.
const CutRun = 4

// EchoRun is the shortest run of the key's characters found wherever it stands, in any case of
// its ASCII letters, for a key of 14 or more letters and digits: a gateway's own echo of the key
// cut or changed (key=Zq7Wx9Kp3Lm5Nb2, ZQ7WX9KP…). A key of digits or hex digits needs a longer
// run to tell as much (EchoBits), and a short key a shorter one (half of it).
const EchoRun = 7

// Marker replaces the key in redacted text.
const Marker = "[redacted]"

// Finder finds one key. The zero value finds nothing.
type Finder struct {
	// targets are the key and the key with its own escapes undone (a key holding "\a" is
	// found where something printed it with a bell): what a view of the text must hold.
	targets [][]byte
	echoes  echoes
	marker  string
}

// NewFinder returns a Finder for key; an empty key is never found.
func NewFinder(key string) Finder {
	if key == "" {
		return Finder{}
	}
	f := Finder{marker: Marker, echoes: echoesOf(key)}
	for i, v := range viewsOf(key) {
		if i == 0 || len(v.text) >= CutRun {
			f.targets = append(f.targets, v.text)
		}
	}
	if _, _, found := f.Find(Marker); found { // a key that is part of the marker itself
		f.marker = "[…]"
	}
	return f
}

// FormsOnly is the finder without the gateway's echoes that a transformation (escaping,
// quoting) can make or unmake: the key in its escaped forms, in base64 and in hex only. A
// redaction before a transformation uses it, so that it cannot take a run of the key out of the
// key's other part, which the transformation is about to make whole (a tab where the key has a
// backslash and a t); the redaction after it finds everything.
func (f Finder) FormsOnly() Finder {
	f.echoes = f.echoes.encodedOnly()
	return f
}

// Marker is what Redact writes in place of the key: Marker, unless the key is part of it.
func (f Finder) Marker() string { return f.marker }

// Find reports where text holds the key in some form: text[lo:hi] is that form.
func (f Finder) Find(text string) (lo, hi int, found bool) {
	for _, run := range f.runs(text) {
		if lo, hi, found := f.findInRun(text[run.lo:run.hi]); found {
			return run.lo + lo, run.lo + hi, true
		}
	}
	return 0, 0, false
}

// Redact replaces every form of the key in text with Marker.
func (f Finder) Redact(text string) string {
	var b strings.Builder
	done := 0
	for _, run := range f.runs(text) {
		b.WriteString(text[done:run.lo])
		b.WriteString(f.redactRun(text[run.lo:run.hi]))
		done = run.hi
	}
	b.WriteString(text[done:])
	return b.String()
}

// RedactCut is Redact for a text that was cut at its end: a start of the key, CutRun
// characters or more in any form or echo (in any case, in groups; in hex, 2×CutRun digits; in
// base64, the characters of CutRun bytes), left at the end by the cut is replaced with Marker
// too, whether the cut fell between two characters or inside an escape.
func (f Finder) RedactCut(text string) string {
	if at, ok := f.echoes.cutStart(text); ok {
		return f.Redact(text[:at]) + f.marker
	}
	text = f.Redact(text)
	runs := candidateRuns(text)
	if len(f.targets) == 0 || len(runs) == 0 || runs[len(runs)-1].hi != len(text) {
		return text
	}
	last := runs[len(runs)-1].lo
	tail := text[last:]
	for partial := 0; partial <= min(len(tail), maxReference+1); partial++ {
		end := len(tail) - partial
		if partial > 0 && !strings.ContainsRune("%\\&", rune(tail[end])) {
			continue // only an escape's start can begin an unfinished escape
		}
		for _, v := range viewsOf(tail[:end]) {
			for _, t := range f.targets {
				for n := len(t) - 1; n >= CutRun; n-- {
					if bytes.HasSuffix(v.text, t[:n]) {
						return text[:last+v.spans[len(v.text)-n].lo] + f.marker
					}
				}
			}
		}
	}
	return text
}

// runs are the candidate runs of text, none when the key cannot be found at all.
func (f Finder) runs(text string) []span {
	if len(f.targets) == 0 {
		return nil
	}
	return candidateRuns(text)
}

// redactRun replaces every form of the key in one run: every stretch of the run that any view
// of it shows to hold a form, overlapping stretches joined, each widened to whole characters.
// The views are made once, and each is searched in one pass, so that a run of many copies costs
// what a run of one does. A last search of the result finds any form the seams made.
func (f Finder) redactRun(run string) string {
	var found []span
	f.eachInRun(run, func(lo, hi int) { found = append(found, span{lo, hi}) })
	if len(found) == 0 {
		return run
	}
	slices.SortFunc(found, func(a, b span) int { return a.lo - b.lo })
	var b strings.Builder
	done := 0
	for i := 0; i < len(found); {
		lo, hi := found[i].lo, found[i].hi
		for i++; i < len(found) && found[i].lo <= hi; i++ {
			hi = max(hi, found[i].hi)
		}
		for lo > done && !utf8.RuneStart(run[lo]) { // never half a character: text stays UTF-8
			lo--
		}
		for hi < len(run) && !utf8.RuneStart(run[hi]) {
			hi++
		}
		b.WriteString(run[done:max(done, lo)])
		b.WriteString(f.marker)
		done = max(done, hi)
	}
	b.WriteString(run[done:])
	if _, _, seam := f.findInRun(b.String()); seam {
		return f.marker // a form only the whole shows: withhold it all
	}
	return b.String()
}

// findInRun finds the leftmost, then longest, form of the key in one run: a JSON form
// "\\k…" is matched whole, not as the raw key after its first backslash.
func (f Finder) findInRun(run string) (lo, hi int, found bool) {
	f.eachInRun(run, func(l, h int) {
		if !found || l < lo || l == lo && h > hi {
			lo, hi, found = l, h, true
		}
	})
	return lo, hi, found
}

// eachInRun calls add with every form of the key in one run, as the span of the run it takes.
func (f Finder) eachInRun(run string, add func(lo, hi int)) {
	views := []view{{text: []byte(run)}}
	if mayBeEscaped(run) {
		views = viewsOf(run)
	}
	for _, v := range views {
		inRun := func(at, end int) {
			if v.spans == nil {
				add(at, end)
				return
			}
			add(v.spans[at].lo, v.spans[end-1].hi)
		}
		for _, t := range f.targets {
			eachIndex(v.text, t, inRun)
		}
		f.echoes.all(v.text, inRun)
	}
}

// candidateRuns splits text where no form of a key can go on: at white space and quotes,
// which keys never hold (gateway.CheckAPIKey refuses them) and no escaping produces.
func candidateRuns(text string) []span {
	var runs []span
	start := -1
	for i := 0; i <= len(text); i++ {
		if i < len(text) && !strings.ContainsRune(" \t\n\r\f\v\"'`", rune(text[i])) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			runs = append(runs, span{start, i})
			start = -1
		}
	}
	return runs
}
