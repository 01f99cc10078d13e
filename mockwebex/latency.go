package mockwebex

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// latency.go: a modelled distance to Webex (issue 13). Every /v1 request
// waits Latency plus a jitter drawn uniformly from [0, Jitter] before it is
// served, so benchmarks and features see production's round trips (100–300
// ms) instead of loopback's. Off by default (both zero). The wait ends early
// when the request is cancelled: the request is then not served (a client
// that gave up sees no effect). The control plane (/_mock) is never delayed.
// The jitter comes from an injected random source (WithRandSource) and the
// wait from an injected sleeper (WithSleeper), so tests record the delays
// instead of timing them.

// Sleeper waits d or until ctx is done; it returns ctx's error then.
type Sleeper func(ctx context.Context, d time.Duration) error

// sleepContext is the default Sleeper: a timer, or the request's end.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// jitterSource draws jitters; rand.Rand is not safe for concurrent use.
type jitterSource struct {
	mu sync.Mutex
	r  *rand.Rand
}

// draw returns a duration uniform in [0, max].
func (j *jitterSource) draw(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return time.Duration(j.r.Int64N(int64(max) + 1))
}

// delay waits the configured latency for one /v1 request; it reports false
// when the request was cancelled meanwhile.
func (s *Server) delay(ctx context.Context) bool {
	s.mu.RLock()
	latency, jitter := s.latency, s.jitter
	s.mu.RUnlock()
	if latency <= 0 && jitter <= 0 {
		return true
	}
	d := latency + s.jitterRand.draw(jitter)
	return s.sleep(ctx, d) == nil
}
