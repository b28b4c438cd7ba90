package gateway

import (
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func TestSegment(t *testing.T) {
	t.Parallel()
	for _, tc := range gatewaytest.SegmentCases {
		got := Segment(tc.Text)
		if got.Encoding != tc.Encoding || got.Parts != tc.Parts {
			t.Errorf("%s: Segment = %+v, want %s in %d parts", tc.Name, got, tc.Encoding, tc.Parts)
		}
	}
}

func BenchmarkSegment(b *testing.B) {
	text := strings.Repeat("Привіт, світ! ", 40)
	b.ReportAllocs()
	for b.Loop() {
		Segment(text)
	}
}
