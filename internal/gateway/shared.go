package gateway

import (
	"context"
	"fmt"
	"sync"
)

// shared makes one fetch serve every caller of one Client: Terraform reads each data source
// instance separately, and a configuration may hold hundreds of them for one account.
//
//   - Concurrent callers wait for the one request in flight.
//   - Later callers get its outcome, failures included (a dead gateway is asked once, not once
//     per instance), for as long as the Client lives; unless fresh is set, when a caller that
//     finds no request in flight starts a new one.
//   - A caller that gives up (its context ends) leaves without affecting the others; the
//     request is cancelled only when no caller is left, and then nothing is kept.
type shared[T any] struct {
	fresh  bool // callers share only the request in flight
	mu     sync.Mutex
	done   bool // value and err are final
	value  T
	err    error
	flight *flight[T]
}

type flight[T any] struct {
	finished chan struct{} // closed once value and err are set
	value    T
	err      error
	waiters  int
	cancel   context.CancelFunc
}

func (s *shared[T]) get(ctx context.Context, fetch func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	if s.done {
		defer s.mu.Unlock()
		return s.value, s.err
	}
	f := s.flight
	if f == nil {
		// The request outlives the caller that started it, as long as any caller waits;
		// it keeps that caller's values (its log masks) but not its cancellation.
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight[T]{finished: make(chan struct{}), cancel: cancel}
		s.flight = f
		go s.run(fctx, f, fetch)
	}
	f.waiters++
	s.mu.Unlock()

	select {
	case <-f.finished:
		return f.value, f.err
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel() // nobody is left to use the answer
			if s.flight == f {
				s.flight = nil
			}
		}
		var zero T
		return zero, ctx.Err()
	}
}

func (s *shared[T]) run(ctx context.Context, f *flight[T], fetch func(context.Context) (T, error)) {
	value, err := recoverFetch(ctx, fetch)
	s.mu.Lock()
	f.value, f.err = value, err
	if s.flight == f { // still wanted: the answer for later callers too, unless they want a fresh one
		s.flight = nil
		s.done, s.value, s.err = !s.fresh, value, err
	}
	s.mu.Unlock()
	f.cancel()
	close(f.finished)
}

// recoverFetch runs fetch on the request's own goroutine, turning a panic (a bug) into the
// read's failure: unrecovered, it would end the process with a message printed as it is.
func recoverFetch[T any](ctx context.Context, fetch func(context.Context) (T, error)) (value T, err error) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			value, err = zero, &panicError{text: fmt.Sprint(r)}
		}
	}()
	return fetch(ctx)
}

// sharedByKey holds one shared answer per key, such as a price per number.
type sharedByKey[T any] struct {
	mu      sync.Mutex
	answers map[string]*shared[T]
}

func (s *sharedByKey[T]) get(ctx context.Context, key string, fetch func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	if s.answers == nil {
		s.answers = map[string]*shared[T]{}
	}
	answer, ok := s.answers[key]
	if !ok {
		answer = &shared[T]{}
		s.answers[key] = answer
	}
	s.mu.Unlock()
	return answer.get(ctx, fetch)
}
