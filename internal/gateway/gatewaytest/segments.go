package gatewaytest

import "strings"

// SegmentCase is one text and how the gateway sends it.
type SegmentCase struct {
	Name     string
	Text     string
	Encoding string // "GSM-7" or "UCS-2"
	Parts    int
}

// SegmentCases are the boundaries of SMS segmentation, with the parts a gateway bills for
// each. The client's tests and the provider's (the sms_parts function and gateway_sms_price's
// parts, through the CLI) all check against this one table.
var SegmentCases = []SegmentCase{
	{"empty text", "", "GSM-7", 1},
	{"one character", "a", "GSM-7", 1},
	{"160 Latin", strings.Repeat("a", 160), "GSM-7", 1},
	{"161 Latin", strings.Repeat("a", 161), "GSM-7", 2},
	{"153×2 Latin", strings.Repeat("a", 306), "GSM-7", 2},
	{"153×2+1 Latin", strings.Repeat("a", 307), "GSM-7", 3},
	{"GSM accents stay GSM-7", strings.Repeat("é", 160), "GSM-7", 1},
	{"80 extension characters fill one message", strings.Repeat("€", 80), "GSM-7", 1},
	{"81 extension characters", strings.Repeat("€", 81), "GSM-7", 2},
	{"extension character at a part boundary", strings.Repeat("a", 152) + "€" + strings.Repeat("a", 8), "GSM-7", 2},
	{"extension character pushed to the next part", strings.Repeat("a", 152) + "€" + strings.Repeat("a", 153), "GSM-7", 3},
	{"one Cyrillic letter makes it UCS-2", "Привіт", "UCS-2", 1},
	{"70 Cyrillic", strings.Repeat("ж", 70), "UCS-2", 1},
	{"71 Cyrillic", strings.Repeat("ж", 71), "UCS-2", 2},
	{"67×2 Cyrillic", strings.Repeat("ж", 134), "UCS-2", 2},
	{"67×2+1 Cyrillic", strings.Repeat("ж", 135), "UCS-2", 3},
	{"161 Latin and one Cyrillic", strings.Repeat("a", 160) + "ї", "UCS-2", 3},
	{"35 emoji fill one message", strings.Repeat("😀", 35), "UCS-2", 1},
	{"emoji at a part boundary", strings.Repeat("ж", 66) + "😀" + strings.Repeat("ж", 5), "UCS-2", 2},
	{"emoji pushed to the next part", strings.Repeat("ж", 66) + "😀" + strings.Repeat("ж", 66), "UCS-2", 3},
	{"c with cedilla is not GSM-7", "ç", "UCS-2", 1},
}
