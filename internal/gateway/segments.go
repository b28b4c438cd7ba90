package gateway

import "strings"

// How the gateway splits a text into billed message parts (3GPP TS 23.038 and 23.040).
// A text written only in the GSM 03.38 alphabet is sent as GSM-7: 160 septets in a single
// message, 153 per part once it is split (the rest of each part carries the header that
// joins them). Any other character makes the whole text UCS-2: 70 UTF-16 code units single,
// 67 per part. A character is never split across two parts.

// Encodings a text is sent in.
const (
	EncodingGSM7 = "GSM-7"
	EncodingUCS2 = "UCS-2"
)

// Limits per part, in septets (GSM-7) or UTF-16 code units (UCS-2).
const (
	gsm7Single    = 160
	gsm7PerPart   = 153
	ucs2Single    = 70
	ucs2PerPart   = 67
	gsm7Basic     = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Extension = "\f^{}\\[~]|€" // each takes two septets: an escape, then the character
)

// Segments is how a text is sent.
type Segments struct {
	Encoding string // EncodingGSM7 or EncodingUCS2
	Parts    int    // billed message parts; an empty text is still one message
	Units    int    // septets (GSM-7) or UTF-16 code units (UCS-2) the text takes
}

// Segment counts the parts a text is sent and billed as.
func Segment(text string) Segments {
	widths, encoding := gsm7Widths(text)
	single, perPart := gsm7Single, gsm7PerPart
	if widths == nil {
		widths, encoding = ucs2Widths(text), EncodingUCS2
		single, perPart = ucs2Single, ucs2PerPart
	}
	units := 0
	for _, w := range widths {
		units += w
	}
	if units <= single {
		return Segments{Encoding: encoding, Parts: 1, Units: units}
	}
	parts, used := 1, 0
	for _, w := range widths {
		if used+w > perPart { // the character does not fit whole: it opens the next part
			parts++
			used = 0
		}
		used += w
	}
	return Segments{Encoding: encoding, Parts: parts, Units: units}
}

// gsm7Widths is the septets of each character, or nil when the text is not all GSM-7.
func gsm7Widths(text string) ([]int, string) {
	widths := make([]int, 0, len(text))
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsm7Basic, r):
			widths = append(widths, 1)
		case strings.ContainsRune(gsm7Extension, r):
			widths = append(widths, 2)
		default:
			return nil, ""
		}
	}
	return widths, EncodingGSM7
}

// ucs2Widths is the UTF-16 code units of each character: two for one outside the Basic
// Multilingual Plane (most emoji), which is sent as a surrogate pair.
func ucs2Widths(text string) []int {
	widths := make([]int, 0, len(text))
	for _, r := range text {
		if r > 0xFFFF {
			widths = append(widths, 2)
		} else {
			widths = append(widths, 1)
		}
	}
	return widths
}
