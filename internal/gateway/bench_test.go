package gateway

import (
	"context"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func BenchmarkParseBalance(b *testing.B) {
	body := []byte("balance:31.168300000000002\n")
	r := newRedactor(testKey)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseBalance(body, r); err != nil {
			b.Fatal(err)
		}
	}
}

func benchClient(b *testing.B) *Client {
	g := gatewaytest.Start(b)
	g.SetAccount(testKey, "31.168300000000002")
	c, err := New(Config{Endpoint: g.URL, APIKey: testKey})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkFetchBalance is one full request over loopback: build, send, read, parse.
func BenchmarkFetchBalance(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.fetchBalance(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBalanceShared is what every read after the first costs: the shared answer, copied.
func BenchmarkBalanceShared(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	if _, err := c.Balance(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Balance(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
