package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func TestRateFlag(t *testing.T) {
	t.Parallel()
	for text, perSecond := range map[string]float64{"5/s": 5, "10/s": 10, "90/m": 1.5, "0.5/s": 0.5, " 2/s ": 2} {
		var r rateLimit
		if err := r.Set(text); err != nil || r.perSecond != perSecond {
			t.Errorf("-rate %q = %v/s (%v), want %v/s", text, r.perSecond, err, perSecond)
		}
	}
	for text, want := range map[string]string{
		"5":      "want REQUESTS/s or REQUESTS/m, such as 5/s",
		"5/h":    "want REQUESTS/s or REQUESTS/m",
		"five/s": "want REQUESTS/s or REQUESTS/m",
		"NaN/s":  "want REQUESTS/s or REQUESTS/m",
		"Inf/s":  "want REQUESTS/s or REQUESTS/m",
		"":       "want REQUESTS/s or REQUESTS/m",
		"0/s":    "the rate must be above 0, such as 5/s",
		"-5/s":   "the rate must be above 0",
	} {
		var r rateLimit
		if err := r.Set(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("-rate %q: error %v, want one saying %q", text, err, want)
		}
	}
}

// Unset, every request is served; set, the bucket answers 429 past a second's worth.
func TestRateWrap(t *testing.T) {
	t.Parallel()
	g := gatewaytest.New()
	var unset rateLimit
	if unset.wrap(g) != http.Handler(g) {
		t.Fatal("no -rate, yet the fake is throttled")
	}
	var limit rateLimit
	if err := limit.Set("2/s"); err != nil {
		t.Fatal(err)
	}
	h := limit.wrap(g)
	var codes []int
	for range 3 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, gatewaytest.Path, nil))
		codes = append(codes, w.Code)
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 {
		t.Fatalf("statuses %v, want 200 200 429", codes)
	}
}
