package secret

import (
	"io"
	"sync"
)

// Set finds every key it was given: for what one process writes on behalf of several
// configurations, such as Go's own logger. The zero value is ready to use and safe for
// concurrent use.
type Set struct {
	mu      sync.RWMutex
	finders []Finder
	keys    map[string]bool
}

// Add adds a key; an empty one, or one already there, changes nothing.
func (s *Set) Add(key string) {
	if key == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[key] {
		return
	}
	if s.keys == nil {
		s.keys = map[string]bool{}
	}
	s.keys[key] = true
	s.finders = append(s.finders, NewFinder(key))
}

// Redact replaces every key of the set, in any form, in text.
func (s *Set) Redact(text string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, f := range s.finders {
		text = f.Redact(text)
	}
	return text
}

// Writer passes what is written to w with every key of the set redacted. Each Write is one
// message, as Go's log package writes them; it reports the whole of p written.
func (s *Set) Writer(w io.Writer) io.Writer { return setWriter{set: s, w: w} }

type setWriter struct {
	set *Set
	w   io.Writer
}

func (sw setWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(sw.w, sw.set.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
