package gateway

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxKeyLength is the longest key accepted: keys are tens of characters, and redaction looks
// for a key within a bounded window of a long answer.
const MaxKeyLength = 256

// MinKeyLength is the shortest key accepted. Redaction replaces every copy of the key in
// text; a key of a letter or two would be "found" inside ordinary words, and where the
// marker lands would tell the reader the key.
const MinKeyLength = 8

// CheckAPIKey refuses a value that cannot be a gateway API key, or that redaction could not
// keep out of errors and logs: too short, not UTF-8 (its bytes would be shown as U+FFFD, a
// form redaction cannot match), or holding spaces, control characters or quotes
// (Go quotes such text in transport errors, and lines are split at line breaks, so the key
// would appear in a form redaction does not look for). The error never quotes the key.
func CheckAPIKey(key string) error {
	if key == "" {
		return errors.New("the API key is empty")
	}
	var problems []string
	n := utf8.RuneCountInString(key)
	if n < MinKeyLength {
		unit := "characters"
		if n == 1 {
			unit = "character"
		}
		problems = append(problems, fmt.Sprintf("it is %d %s long, and a key has at least %d", n, unit, MinKeyLength))
	}
	if n > MaxKeyLength {
		problems = append(problems, fmt.Sprintf("it is %d characters long, and a key has at most %d", n, MaxKeyLength))
	}
	switch {
	case !utf8.ValidString(key):
		problems = append(problems, "it is not valid UTF-8 text")
	case strings.ContainsFunc(key, unicode.IsSpace):
		problems = append(problems, "it holds a space or a line break")
	case strings.ContainsFunc(key, func(r rune) bool { return !unicode.IsGraphic(r) }):
		problems = append(problems, "it holds a control character")
	}
	if strings.ContainsAny(key, "\"'`") {
		problems = append(problems, "it holds a quote")
	}
	if len(problems) > 0 {
		return errors.New("the API key does not look like one: " + strings.Join(problems, "; ") +
			". Copy it again from the gateway's personal cabinet, without surrounding quotes or spaces")
	}
	return nil
}
