package gateway

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// A throttled read's error says why it ended: retries turned off, or the time budget spent
// (with how long the read took), so that the diagnostic gives the advice that helps.
func TestThrottledErrorSaysWhy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		maxRetries int
		retriesOff bool
	}{{"retries off", 0, true}, {"budget spent", 2, false}} {
		g := gatewaytest.Start(t)
		g.SetAccount(testKey, "5")
		g.AlwaysAnswer(gatewaytest.Answer{Status: http.StatusTooManyRequests})
		cfg := testConfig(g.URL, &logSink{})
		cfg.MaxRetries, cfg.ThrottleBudget = tc.maxRetries, 50*time.Millisecond
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Balance(context.Background())
		var se *StatusError
		if !errors.As(err, &se) || !se.Throttled || se.RetriesOff != tc.retriesOff || se.Elapsed <= 0 {
			t.Errorf("%s: error = %v (%+v), want a throttled StatusError with RetriesOff %v and the time it took", tc.name, err, se, tc.retriesOff)
		}
	}
}
