package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// redactor removes the API key, in any form text can carry it, from whatever the client
// hands out: errors, gateway messages, excerpts and log lines. It redacts after every
// transformation (escaping, quoting, cutting), so that no transformation can make a key, or
// the start of one, appear; before one, it looks for the key's forms only (FormsOnly).
type redactor struct {
	finder secret.Finder
	forms  secret.Finder
}

func newRedactor(key string) redactor {
	f := secret.NewFinder(key)
	return redactor{finder: f, forms: f.FormsOnly()}
}

func (r redactor) redact(s string) string {
	return r.finder.Redact(s)
}

// shown is text from the network as an error or a log line may show it: printable, and
// redacted before and after the escaping, so that an echo of the key with a control character
// where the key has a backslash sequence does not become the key once escaped.
func (r redactor) shown(s string) string {
	return r.redact(printable(r.forms.Redact(s)))
}

// printable makes text from the network safe to show in a terminal: every control or
// invisible character (escape sequences, a lone carriage return, a bell, a direction
// override) is written as its Go escape, such as \x1b, and bytes that are not UTF-8 become
// U+FFFD.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if needsEscape(r) {
			quoted := strconv.QuoteRuneToASCII(r)
			b.WriteString(quoted[1 : len(quoted)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r != ' ' && !unicode.IsGraphic(r)
}

// Limits on what an error quotes of the gateway's words, so that a hostile or broken answer
// cannot flood a CI log.
const (
	MaxMessages      = 10  // errors: lines quoted; the rest are counted
	MaxMessageLength = 500 // characters of each
)

// window is the start of a long text, redacted of the key's forms, for a message or an excerpt
// to show part of once transformed: at most windowBytes of it, which holds many times the
// longest form of a key. cut says it was shortened: its end is then a cut, however short the
// text is once transformed, and must be redacted as one (cut).
func (r redactor) window(s string) (text string, cut bool) {
	if len(s) <= windowBytes {
		return r.forms.Redact(s), false
	}
	end := windowBytes
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return r.forms.RedactCut(s[:end]), true
}

const windowBytes = 16 << 10

// cut shortens text, already redacted, to limit characters, and redacts what a cut left, its
// own or the window's before it (windowCut): a form of the key that escaping made, or the
// start of an echo of it. It reports whether either cut the text.
func (r redactor) cut(text string, limit int, windowCut bool) (string, bool) {
	runes := []rune(text)
	if len(runes) > limit {
		return r.finder.RedactCut(string(runes[:limit])), true
	}
	if windowCut {
		return r.finder.RedactCut(text), true
	}
	return r.redact(text), false
}

// quoted is text from the network for one field of an error or a log line: redacted,
// printable, and at most limit characters, an ellipsis marking a cut. The window comes first,
// so that no text, however long, costs more than the window's work.
func (r redactor) quoted(s string, limit int) string {
	window, windowCut := r.window(s)
	text, cut := r.cut(r.shown(window), limit, windowCut)
	if cut {
		text += "…"
	}
	return text
}

// message is one gateway message as the client hands it out: redacted, printable, bounded.
func (r redactor) message(raw string) string {
	window, windowCut := r.window(strings.TrimSpace(raw))
	msg := r.shown(window)
	if msg == "" {
		return "(the gateway sent no message)"
	}
	shortened, cut := r.cut(msg, MaxMessageLength, windowCut)
	switch n := utf8.RuneCountInString(msg); {
	case n > MaxMessageLength:
		return shortened + fmt.Sprintf("… (%d more characters)", n-MaxMessageLength)
	case cut:
		return shortened + "…"
	}
	return msg
}

// excerptLimit is how much of an unexpected body an error shows: enough to recognise an
// HTML page or a proxy's message, not enough to flood a CI log.
const excerptLimit = 80

// excerpt quotes the start of a body for an error message: escaped, so control characters
// cannot reach a terminal, and shortened.
func (r redactor) excerpt(body []byte) string {
	return r.excerptOf(body, fmt.Sprintf("%d bytes", len(body)))
}

// excerptOf is excerpt for a body that is part of a larger one; size says how large.
func (r redactor) excerptOf(body []byte, size string) string {
	window, windowCut := r.window(strings.ToValidUTF8(string(body), "\uFFFD"))
	text := []rune(window)
	// One character past the limit, so that cut knows the text goes on and redacts what its
	// cut leaves, whatever quoting did to the length.
	quoted := strconv.QuoteToGraphic(string(text[:min(len(text), excerptLimit+1)]))
	inner, cut := r.cut(quoted[1:len(quoted)-1], excerptLimit, windowCut)
	if !cut && len(text) <= excerptLimit {
		return `"` + inner + `"`
	}
	return fmt.Sprintf(`"%s" (first %d of %s)`, inner, excerptLimit, size)
}

// completeLines is a body that was cut at a size limit without its last line, which the cut
// left unfinished: a line cut inside an echoed key would show the key's first characters.
func completeLines(body []byte) []byte {
	end := bytes.LastIndexByte(body, '\n')
	if end < 0 {
		return nil
	}
	return body[:end+1]
}

// withPanicRedacted is err, with the text of a panic the read recovered redacted and bounded.
func (r redactor) withPanicRedacted(err error) error {
	var p *panicError
	if errors.As(err, &p) {
		return &panicError{text: r.quoted(p.text, MaxMessageLength)}
	}
	return err
}
