package gateway

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// A request every caller gave up on is not kept even once it has ended: the cancellation it
// ended with is no answer, and the next caller asks again.
func TestAbandonedRequestNotKeptAfterItEnds(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "8")
	g.Script(gatewaytest.Answer{Delay: 5 * time.Second, Body: "balance:1"})
	c := newTestClient(t, g)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Balance(ctx)
		done <- err
	}()
	var abandoned *flight[Amount]
	for start := time.Now(); abandoned == nil; { // the request is in flight
		select {
		case err := <-done:
			t.Fatalf("Balance returned (%v) with no request in flight", err)
		case <-time.After(time.Millisecond):
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("no request in flight after 10 s")
		}
		c.balance.mu.Lock()
		abandoned = c.balance.flight
		c.balance.mu.Unlock()
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("the caller that gave up got %v, want context.Canceled", err)
	}
	select {
	case <-abandoned.finished: // its fetch has returned, cancelled
	case <-time.After(10 * time.Second):
		t.Fatal("the abandoned request still runs 10 s after its caller left")
	}

	got, err := c.Balance(context.Background())
	if err != nil || got.String() != "8" {
		t.Fatalf("next read = %v, %v; want a fresh answer", got, err)
	}
}
