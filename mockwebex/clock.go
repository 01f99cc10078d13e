package mockwebex

import (
	"sync"
	"time"
)

// Clock tells the fake what time it is. Timestamps, token expiry (WX18),
// list lag (WX19) and rate windows (WX17) all read it.
type Clock interface{ Now() time.Time }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// FakeClock is a settable clock for tests. Safe for concurrent use.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a clock stopped at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

// Now returns the clock's current time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *FakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// shiftedClock is the server's view of time: the injected clock plus an
// offset that POST /_mock/clock moves, so a process running on the system
// clock can still be sent 14 days ahead to show token expiry (WX18).
type shiftedClock struct {
	base   Clock
	mu     sync.Mutex
	offset time.Duration
}

func (c *shiftedClock) Now() time.Time {
	c.mu.Lock()
	off := c.offset
	c.mu.Unlock()
	return c.base.Now().Add(off)
}

func (c *shiftedClock) advance(d time.Duration) time.Time {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
	return c.Now()
}

func (c *shiftedClock) set(t time.Time) time.Time {
	c.mu.Lock()
	c.offset = t.Sub(c.base.Now())
	c.mu.Unlock()
	return c.Now()
}

// webexTime renders Webex's timestamp shape: milliseconds and a literal Z
// (design §5, e.g. 2026-11-26T09:15:02.123Z).
func webexTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
