package secret

import (
	"html"
	"net/url"
	"testing"
)

// Every form a key can take in text is found: lower-case percent escapes and HTML escapes too.
func TestFindEveryEncoding(t *testing.T) {
	t.Parallel()
	const key = "k/y+&<x>Zq81"
	for _, form := range []string{
		key, url.QueryEscape(key), url.PathEscape(key), html.EscapeString(key), "k%2fy%2b%26%3cx%3eZq81",
	} {
		if _, found := Find("a "+form+" b", key); !found {
			t.Errorf("Find missed %q", form)
		}
	}
	if form, found := Find("nothing here", key); found {
		t.Errorf("Find found %q in a text without the key", form)
	}
}

// A key whose raw form is the start of its encoded form ("k3y%" and "k3y%25") comes after it.
func TestFormsLongestFirst(t *testing.T) {
	t.Parallel()
	forms := Forms("k3y%")
	for i := 1; i < len(forms); i++ {
		if len(forms[i]) > len(forms[i-1]) {
			t.Fatalf("forms not longest first: %q", forms)
		}
	}
}
