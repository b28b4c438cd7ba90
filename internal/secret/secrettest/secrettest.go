// Package secrettest is the one check every test uses to prove a text holds no API key:
// unit tests of the client, protocol, acceptance, end-to-end and log tests alike. It searches
// the text as it is, with the same finder as the client's redaction, so a key in any escaped
// form is found. Its Encodings are the forms the tests plant the key in.
package secrettest

import (
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// AssertNoKey fails the test when text holds key in any form, and shows where. what names the
// text: "the error", "the TRACE log".
func AssertNoKey(tb testing.TB, what, text, key string) {
	tb.Helper()
	if lo, hi, found := secret.NewFinder(key).Find(text); found {
		tb.Errorf("%s holds the API key (as %q): …%s…", what, text[lo:hi], text[max(0, lo-200):min(len(text), hi+50)])
	}
}
