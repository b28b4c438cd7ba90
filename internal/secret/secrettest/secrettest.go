// Package secrettest is the one check every test uses to prove a text holds no API key:
// unit tests of the client, protocol, acceptance, end-to-end and log tests alike.
package secrettest

import (
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// AssertNoKey fails the test when text holds key in any form secret.Forms knows, and shows
// where. what names the text: "the error", "the TRACE log".
func AssertNoKey(tb testing.TB, what, text, key string) {
	tb.Helper()
	form, found := secret.Find(text, key)
	if !found {
		return
	}
	for i := 0; i+len(form) <= len(text); i++ {
		if text[i:i+len(form)] == form {
			tb.Errorf("%s holds the API key (as %q): …%s…", what, form, text[max(0, i-200):min(len(text), i+len(form)+50)])
			return
		}
	}
}
