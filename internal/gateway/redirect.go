package gateway

import (
	"net/http"
)

// heldLocation is where a redirect's Location waits for classify. Under its own name, Go's
// client parses it before asking whether to follow it, and a location that does not parse
// becomes an error quoting it, cut wherever the parser stopped: an echoed key with a '#' in it
// would be shown up to that character, where no redaction can recognise it.
const heldLocation = "X-Gateway-Held-Location"

// holdRedirects hides the Location of every 3xx answer from the http.Client; redirects are
// never followed anyway.
type holdRedirects struct {
	base http.RoundTripper
}

func (h holdRedirects) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.base.RoundTrip(r)
	if resp != nil && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc := resp.Header.Values("Location"); len(loc) > 0 {
			resp.Header.Del("Location")
			resp.Header[heldLocation] = loc
		}
	}
	return resp, err
}

// locationHost names where a redirect points, without user, path or query (which could carry
// a key; the caller redacts the host too, and escapes what a terminal would obey). It is ""
// when the redirect has no location, or one that is not a URL.
func locationHost(resp *http.Response) string {
	loc := resp.Header.Get(heldLocation)
	if loc == "" || resp.Request == nil {
		return ""
	}
	u, err := resp.Request.URL.Parse(loc)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
