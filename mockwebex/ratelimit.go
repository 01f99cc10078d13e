package mockwebex

import (
	"net/http"
	"sync"
	"time"
)

// rateLimiter counts requests per token in one-second windows of the fake's
// clock (WX17). A test on a FakeClock sees every request in one window until
// it advances the clock.
type rateLimiter struct {
	mu     sync.Mutex
	window time.Time
	counts map[string]int
}

func (rl *rateLimiter) clear() {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.counts = nil
}

// hit counts a request and reports how many seconds the caller must wait
// (0: allowed).
func (rl *rateLimiter) hit(token string, perSecond int, now time.Time) int {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	w := now.Truncate(time.Second)
	if !w.Equal(rl.window) || rl.counts == nil {
		rl.window, rl.counts = w, map[string]int{}
	}
	rl.counts[token]++
	if rl.counts[token] <= perSecond {
		return 0
	}
	wait := w.Add(time.Second).Sub(now)
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return secs
}

// rateLimited is WX17: past -rate-limit requests per second per token, Webex
// answers 429 with an integer Retry-After (docs: rate limiting). Off: the
// limit is not enforced.
func (s *Server) rateLimited(c *call, perSecond int, form string) error {
	if perSecond <= 0 || !c.quirks.On(WX17) {
		return nil
	}
	if wait := s.limiter.hit(c.token, perSecond, c.now); wait > 0 {
		e := errf(http.StatusTooManyRequests, msgTooMany)
		e.retryAfter = retryAfterValue(form, wait, c.now)
		return e
	}
	return nil
}
