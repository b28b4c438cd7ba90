package gateway

import "testing"

// UCS-2 texts are counted in UTF-16 units: the last character of the Basic Multilingual Plane
// takes one, the first beyond it (sent as a surrogate pair) two.
func TestSegmentCountsUTF16Units(t *testing.T) {
	t.Parallel()
	for text, units := range map[string]int{"\uffff": 1, "\U00010000": 2, "ж\U0001F600": 3} {
		if got := Segment(text); got.Encoding != EncodingUCS2 || got.Units != units {
			t.Errorf("Segment(%q) = %+v, want %d UCS-2 units", text, got, units)
		}
	}
}
