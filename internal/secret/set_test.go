package secret

import (
	"errors"
	"strings"
	"testing"
)

// A zero Set redacts every key added to it, each found once however often it was added; an
// empty key adds nothing.
func TestSetRedactsEveryKeyAdded(t *testing.T) {
	t.Parallel()
	var s Set
	for _, key := range []string{"", "Zq7Wx9Kp3Lm5Nb2V", "Kq8v-Zr3m-Xw5p", "Zq7Wx9Kp3Lm5Nb2V"} {
		s.Add(key)
	}
	if len(s.finders) != 2 {
		t.Errorf("%d finders for two keys", len(s.finders))
	}
	const text = "a=Zq7Wx9Kp3Lm5Nb2V b=Kq8v-Zr3m-Xw5p c=ordinary"
	if got, want := s.Redact(text), "a="+Marker+" b="+Marker+" c=ordinary"; got != want {
		t.Errorf("Redact(%q) = %q, want %q", text, got, want)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// The Set's Writer writes each message redacted and reports the whole message written, as Go's
// log package expects; the error of the writer below is passed on, with nothing written.
func TestSetWriter(t *testing.T) {
	t.Parallel()
	var s Set
	s.Add("Zq7Wx9Kp3Lm5Nb2V")
	msg := []byte("denied: key=Zq7Wx9Kp3Lm5Nb2V\n")
	var b strings.Builder
	if n, err := s.Writer(&b).Write(msg); n != len(msg) || err != nil {
		t.Errorf("Write = %d, %v; want %d, nil", n, err, len(msg))
	}
	if got, want := b.String(), "denied: key="+Marker+"\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
	broken := errors.New("disk full")
	if n, err := s.Writer(failingWriter{broken}).Write(msg); n != 0 || !errors.Is(err, broken) {
		t.Errorf("Write to a failing writer = %d, %v; want 0, %v", n, err, broken)
	}
}
