package gateway

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// Retry-After is read on a 503 as on a 429, and a wait of exactly WaitMax is still waited.
// Outcomes and attempt counts, not timings, are checked.
func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		first   gatewaytest.Answer
		waitMax time.Duration
		waitMin time.Duration
		want    string // the error's text, or "" for success after 2 attempts
	}{
		{"a day on a 503", gatewaytest.Answer{Status: 503, Header: http.Header{"Retry-After": {"86400"}}}, time.Second, time.Millisecond,
			"the gateway answered HTTP 503 and asked to retry after 24h0m0s"},
		{"exactly WaitMax", gatewaytest.Answer{Status: 429, Header: http.Header{"Retry-After": {"1"}}}, time.Second, time.Millisecond, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetAccount(testKey, "7")
			g.Script(tc.first)
			cfg := testConfig(g.URL, &logSink{})
			cfg.WaitMin, cfg.WaitMax = tc.waitMin, tc.waitMax
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := c.Balance(ctx)
			switch {
			case errors.Is(err, context.DeadlineExceeded):
				t.Fatalf("still waiting after 10 s: the Retry-After was not honoured")
			case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
				t.Fatalf("error = %v, want %s", err, tc.want)
			case tc.want == "" && (err != nil || got.String() != "7" || g.RequestCount() != 2):
				t.Fatalf("balance = %s, %v after %d requests; want 7 after 2", got, err, g.RequestCount())
			}
		})
	}
}
