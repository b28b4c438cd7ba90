package gateway

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

func newTestClient(t *testing.T, g *gatewaytest.Gateway) *Client {
	t.Helper()
	cfg := testConfig(g.URL, &logSink{})
	cfg.Timeout = 10 * time.Second // these tests count requests: no retry after a slow answer on a busy machine
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Many concurrent reads, then many later ones: one request, one figure for all.
func TestBalanceAskedOncePerClient(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "42.5")
	g.Script(gatewaytest.Answer{Delay: 100 * time.Millisecond, Body: "balance:42.5"})
	c := newTestClient(t, g)

	var wg sync.WaitGroup
	var wrong atomic.Int32
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.Balance(context.Background())
			if err != nil || got.String() != "42.5" {
				wrong.Add(1)
			}
		}()
	}
	wg.Wait()
	for range 10 {
		if _, err := c.Balance(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if wrong.Load() != 0 {
		t.Errorf("%d of 200 concurrent reads got another answer", wrong.Load())
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("the gateway was asked %d times, want 1", n)
	}
}

// A failure is shared too, and is never turned into a balance.
func TestBalanceFailureKeptAsFailure(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "10")
	g.Script(gatewaytest.Answer{Body: "errors:Invalid key"})
	c := newTestClient(t, g)
	for i := range 3 {
		got, err := c.Balance(context.Background())
		var apiErr *APIError
		if !errors.As(err, &apiErr) || got.String() != "0" {
			t.Fatalf("read %d = %v, %v; want the gateway's error", i, got, err)
		}
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("the gateway was asked %d times, want 1", n)
	}
}

// A caller that gives up does not take the others' answer with it.
func TestBalanceCancelledCallerDoesNotPoisonOthers(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "7")
	// Long enough for both callers to join on a busy machine; nobody waits it out but the patient.
	g.Script(gatewaytest.Answer{Delay: 2 * time.Second, Body: "balance:7"})
	c := newTestClient(t, g)

	impatient, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	go func() {
		_, err := c.Balance(impatient)
		errs <- err
	}()
	waitForWaiters(t, &c.balance, 1) // the impatient caller started the request
	type read struct {
		got Funds
		err error
	}
	patient := make(chan read, 1)
	go func() {
		got, err := c.Balance(context.Background())
		patient <- read{got, err}
	}()
	waitForWaiters(t, &c.balance, 2) // the patient caller waits on the same request
	cancel()

	if r := <-patient; r.err != nil || r.got.String() != "7" {
		t.Fatalf("patient read = %v, %v", r.got, r.err)
	}
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Fatalf("impatient read error = %v, want context.Canceled", err)
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("the gateway was asked %d times, want 1", n)
	}
}

// When every caller gives up, the request stops and nothing is kept, not even once the
// request has ended: the cancellation it ended with is no answer, and the next caller asks again.
func TestBalanceAbandonedRequestNotKept(t *testing.T) {
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
	// Wait until the gateway holds the request (and has taken the scripted answer): cancelled
	// any earlier, it would never arrive, and the next read would get the scripted answer.
	for start := time.Now(); g.RequestCount() == 0; {
		select {
		case err := <-done:
			t.Fatalf("Balance returned (%v) before its request reached the gateway", err)
		case <-time.After(time.Millisecond):
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("no request reached the gateway in 10 s")
		}
	}
	c.balance.mu.Lock()
	abandoned := c.balance.flight
	c.balance.mu.Unlock()
	if abandoned == nil {
		t.Fatal("the gateway holds a request, but the client has none in flight")
	}
	cancel()
	start := time.Now()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("the caller that gave up got %v, want context.Canceled", err)
	}
	if time.Since(start) > 3*time.Second { // the answer comes at 5 s
		t.Fatalf("the caller waited %s after it gave up", time.Since(start))
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
	if n := g.RequestCount(); n != 2 {
		t.Fatalf("the gateway was asked %d times, want 2", n)
	}
}

// waitForWaiters waits until n callers wait on the request in flight: a test that acts sooner
// would test another order of events than the one it names.
func waitForWaiters(t *testing.T, s *shared[Funds], n int) {
	t.Helper()
	for start := time.Now(); ; time.Sleep(time.Millisecond) {
		s.mu.Lock()
		waiting := s.flight != nil && s.flight.waiters == n
		s.mu.Unlock()
		if waiting {
			return
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("%d callers did not come to wait on one request in 10 s", n)
		}
	}
}

// FreshBalance shares a request only while it is in flight: the callers that came while it
// was asked get its answer, and the next caller asks again.
func TestFreshBalanceSharedOnlyInFlight(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "8")
	g.Script(gatewaytest.Answer{Delay: 500 * time.Millisecond, Body: "balance:1"})
	c := newTestClient(t, g)

	done := make(chan string, 3)
	for range 3 {
		go func() {
			got, err := c.FreshBalance(context.Background())
			if err != nil {
				done <- err.Error()
				return
			}
			done <- got.String()
		}()
	}
	waitForWaiters(t, &c.freshBalance, 3)
	for range 3 {
		if got := <-done; got != "1" {
			t.Fatalf("a caller that came while the request was in flight got %s, want its answer, 1", got)
		}
	}
	got, err := c.FreshBalance(context.Background())
	if err != nil || got.String() != "8" {
		t.Fatalf("the next read = %v, %v; want a fresh answer, 8", got, err)
	}
	if got, err := c.Balance(context.Background()); err != nil || got.String() != "8" {
		t.Fatalf("Balance = %v, %v; want its own request's answer, 8", got, err)
	}
	if n := g.RequestCount(); n != 3 {
		t.Fatalf("the gateway was asked %d times, want 3: one shared in flight, one fresh, one for Balance", n)
	}
}

// panickingTransport panics as a bug in the request path would, with the key in its message.
type panickingTransport struct{ key string }

func (p panickingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	panic("unexpected state of key=" + p.key)
}

// A read that panics fails, and the failure's words hold no key: unrecovered, the panic would
// end the process and its message would be printed as it is.
func TestReadThatPanicsFailsWithoutTheKey(t *testing.T) {
	t.Parallel()
	cfg := testConfig("http://127.0.0.1:9", &logSink{})
	cfg.Transport = panickingTransport{key: testKey}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, read := range []func() error{
		func() error { _, err := c.Balance(context.Background()); return err },
		func() error { _, err := c.Price(context.Background(), "380501234567"); return err },
	} {
		err := read()
		if err == nil || !strings.Contains(err.Error(), "the client failed unexpectedly: unexpected state of key=") {
			t.Fatalf("a read that panicked returned %v", err)
		}
		secrettest.AssertNoKey(t, "the error of a panic", err.Error(), testKey)
	}
}
