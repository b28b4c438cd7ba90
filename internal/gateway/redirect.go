package gateway

import (
	"net/http"
	"strings"
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

// locationHost names where a redirect points, without user, path or query, redacted; it is
// "" when the redirect has no location, or one that is not a URL. The location is redacted
// before it is parsed: the parser cuts it at a '/', '#', '?' or '@', which a key may hold, and
// no redaction recognises a key cut in two. The marker stands in as a host name while parsing.
func locationHost(resp *http.Response, r redactor) string {
	loc := resp.Header.Get(heldLocation)
	if loc == "" || resp.Request == nil {
		return ""
	}
	marker := r.finder.Marker()
	u, err := resp.Request.URL.Parse(strings.ReplaceAll(r.redact(loc), marker, markerHost))
	if err != nil {
		return ""
	}
	host, cut := r.cut(strings.ReplaceAll(u.Scheme+"://"+u.Host, markerHost, marker), maxHostText, false)
	if cut {
		host += "…"
	}
	return host
}

// maxHostText bounds a redirect's scheme and host as an error names them: a DNS name has at
// most 253 characters.
const maxHostText = 270

// markerHost is the marker as a URL parser accepts it in a host name.
const markerHost = "redacted.invalid"
