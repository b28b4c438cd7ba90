package gateway

import "strings"

// How a text is split into billed parts (3GPP TS 23.038, 23.040): GSM-7 when every character
// is in its alphabet, else UCS-2; fewer units per part once split, for the joining header.

// Encodings a text is sent in.
const (
	EncodingGSM7 = "GSM-7"
	EncodingUCS2 = "UCS-2"
)

const (
	gsm7Basic     = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Extension = "\f^{}\\[~]|€"
)

// Segments is how a text is sent.
type Segments struct {
	Encoding string // EncodingGSM7 or EncodingUCS2
	Parts    int    // billed message parts; an empty text is still one message
	Units    int    // septets (GSM-7) or UTF-16 code units (UCS-2) the text takes
}

// Segment counts the parts a text is sent and billed as.
func Segment(text string) Segments {
	encoding, single, perPart := EncodingGSM7, 160, 153 // septets in one message, in each part of several
	if strings.ContainsFunc(text, func(r rune) bool { return !strings.ContainsRune(gsm7Basic+gsm7Extension, r) }) {
		encoding, single, perPart = EncodingUCS2, 70, 67 // UTF-16 code units
	}
	// A GSM-7 extension character takes an escape and itself; a UCS-2 character outside the
	// Basic Multilingual Plane (most emoji), a surrogate pair.
	width := func(r rune) int {
		if encoding == EncodingGSM7 && strings.ContainsRune(gsm7Extension, r) || encoding == EncodingUCS2 && r > 0xFFFF {
			return 2
		}
		return 1
	}
	units := 0
	for _, r := range text {
		units += width(r)
	}
	if units <= single {
		return Segments{Encoding: encoding, Parts: 1, Units: units}
	}
	parts, used := 1, 0
	for _, r := range text {
		if used+width(r) > perPart { // the character does not fit whole: it opens the next part
			parts++
			used = 0
		}
		used += width(r)
	}
	return Segments{Encoding: encoding, Parts: parts, Units: units}
}
