package gateway

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// After its retries, the client says how many attempts it made and what the last answer said,
// and logs one line per retry and one for the outcome, each with its attempt number.
func TestAttemptsCountedInErrorsAndLogs(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.JSON = true
	g.SetAccount(testKey, "1")
	g.AlwaysAnswer(gatewaytest.Answer{Status: http.StatusServiceUnavailable, Body: "Service busy"})
	logs := &logSink{}
	c, err := New(testConfig(g.URL, logs)) // two retries
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Balance(context.Background())
	if want := `the gateway answered HTTP 503 after 3 attempts: "Service busy"`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	want := []string{
		"gateway request failed, retryingmap[attempts:1 ",
		"gateway request failed, retryingmap[attempts:2 ",
		"gateway request donemap[attempts:3 ",
	}
	lines := strings.Split(logs.text(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("log lines:\n%s\nwant %d", logs.text(), len(want))
	}
	for i, line := range lines {
		if !strings.HasPrefix(line, want[i]) {
			t.Errorf("log line %d = %s, want it to start %q", i+1, line, want[i])
		}
		if retrying := i < len(lines)-1; strings.Contains(line, " wait:") != retrying {
			t.Errorf("log line %d = %s: a retry's line, and only it, names its wait", i+1, line)
		}
	}
}
