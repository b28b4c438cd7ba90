package main

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// rateLimit is the -rate flag: a gateway limit as REQUESTS/s or REQUESTS/m, such as 5/s.
// Unset, the fake serves every request.
type rateLimit struct {
	text      string
	perSecond float64
}

func (r *rateLimit) String() string { return r.text }

func (r *rateLimit) Set(s string) error {
	count, unit, ok := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.ParseFloat(count, 64)
	seconds := map[string]float64{"s": 1, "m": 60}[unit]
	if !ok || err != nil || seconds == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
		return errors.New("want REQUESTS/s or REQUESTS/m, such as 5/s or 90/m")
	}
	if n <= 0 {
		return errors.New("the rate must be above 0, such as 5/s")
	}
	r.text, r.perSecond = s, n/seconds
	return nil
}

// wrap puts the limit in front of h: a token bucket holding one second's worth of requests
// (at least one), answering 429 with Retry-After past it.
func (r *rateLimit) wrap(h http.Handler) http.Handler {
	if r.perSecond == 0 {
		return h
	}
	return gatewaytest.NewThrottle(h, r.perSecond, max(1, int(r.perSecond)))
}
