package gateway

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// apiPath is where the gateway's HTTP API lives below the operator's base URL.
const apiPath = "/api/http.php"

// ParseEndpoint checks a base URL given by the user and returns the API URL requests go to.
//
// The key travels with every request, so the endpoint must be https://; plain http:// is
// accepted only for loopback hosts (a local fake or a tunnel). A path prefix is kept, a
// trailing slash is ignored, and a URL that already ends in /api/http.php is used as it is.
func ParseEndpoint(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("the endpoint is empty")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return nil, errors.New("the endpoint must be an absolute URL such as https://alphasms.ua")
	}
	if u.User != nil {
		return nil, errors.New("the endpoint must not contain user credentials; set api_key instead")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, errors.New("the endpoint must not contain a query or a fragment: the provider adds the API parameters itself")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, errors.New("the endpoint must use https://: over plain http:// the API key would travel in clear text (http:// is accepted only for localhost and loopback addresses)")
		}
	default:
		return nil, errors.New("the endpoint must start with https://")
	}

	api := *u
	api.Scheme = strings.ToLower(u.Scheme)
	path := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(path, apiPath) {
		path += apiPath
	}
	api.Path, api.RawPath = path, ""
	return &api, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
