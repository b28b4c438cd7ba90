package gateway

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// go-retryablehttp's loop is capped just above the most retries the budgets can grant: every
// failure retry and as many throttled waits of waitMin as fit the time budget. A cap below
// would end a read that still had budget; one far above would bound nothing.
func TestRetryCapFitsTheBudgets(t *testing.T) {
	t.Parallel()
	for _, maxRetries := range []int{1, 2, DefaultMaxRetries, MaxRetriesLimit} {
		c, err := New(Config{Endpoint: "https://gateway.example", APIKey: testKey, MaxRetries: maxRetries,
			WaitMin: 10 * time.Millisecond, WaitMax: 100 * time.Millisecond, ThrottleBudget: 400 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		b := budgetAt(c, &clock, 1)
		b.randN = func(time.Duration) time.Duration { return 0 } // every throttled wait as short as it can be
		granted := 0
		for b.allow(context.Background(), throttleAnswer(http.StatusInternalServerError, -1)) {
			granted++
		}
		for b.allow(context.Background(), throttleAnswer(http.StatusTooManyRequests, 0)) {
			clock = clock.Add(b.wait(0, 0, granted, nil))
			granted++
		}
		if limit := b.maxRetries(); limit < granted || limit > granted+1 {
			t.Errorf("max_retries %d: the loop is capped at %d retries, and the budgets grant %d", maxRetries, limit, granted)
		}
	}
}

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
