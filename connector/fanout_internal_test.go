package connector

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fanOut keeps index order whatever order the calls end in, and never has more than limit calls
// running: the first limit calls are held until all of them are running at once, so a fan-out
// that ran them one by one would never get there (and the test would fail, not hang: see gate).
func TestFanOutOrderAndBound(t *testing.T) {
	const n, limit = 50, 5
	var running, peak atomic.Int32
	g := newGate(limit)
	out := make([]int, n)
	err := fanOut(context.Background(), limit, n, func(ctx context.Context, i int) error {
		now := running.Add(1)
		defer running.Add(-1)
		for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
		}
		if !g.wait(ctx) {
			return errors.New("the first calls never ran together")
		}
		out[i] = i * i
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, int32(limit), peak.Load(), "limit calls ran at once, never more")
	for i := range n {
		assert.Equal(t, i*i, out[i])
	}
}

// The first failure stops the fan-out: no call starts after it, the calls in flight are
// cancelled, and the failure returned is the one with the lowest index, not a cancellation.
func TestFanOutError(t *testing.T) {
	boom3, boom1 := errors.New("boom 3"), errors.New("boom 1")
	var started atomic.Int32
	err := fanOut(context.Background(), 4, 100, func(ctx context.Context, i int) error {
		started.Add(1)
		switch i {
		case 3:
			return boom3
		case 1:
			<-ctx.Done() // fails after 3 did, and after cancellation
			return boom1
		default:
			<-ctx.Done()
			return ctx.Err()
		}
	})
	assert.ErrorIs(t, err, boom1, "the lowest index that really failed")
	assert.LessOrEqual(t, started.Load(), int32(4), "nothing started after the failure")

	err = fanOut(context.Background(), 1, 5, func(ctx context.Context, i int) error {
		if i == 2 {
			return boom3
		}
		return nil
	})
	assert.ErrorIs(t, err, boom3, "one at a time fails the same way")
}

// A client that goes away cancels the calls in flight, starts no more, and fanOut returns only
// once every call it started has returned: no goroutine outlives the request.
func TestFanOutCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var running, started atomic.Int32
	g := newGate(3)
	err := fanOut(ctx, 3, 100, func(ctx context.Context, i int) error {
		started.Add(1)
		running.Add(1)
		defer running.Add(-1)
		if g.wait(ctx) {
			cancel() // the client hangs up while three calls are in flight
		}
		<-ctx.Done()
		return ctx.Err()
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int32(0), running.Load(), "every call had returned")
	assert.LessOrEqual(t, started.Load(), int32(3), "no call started after the cancellation")
}

// gate holds its first n waiters until all n wait at once; later waiters pass. A waiter gives
// up (false) only when ctx ends, so a fan-out that never runs n calls at once fails its test
// through the test's own deadline rather than passing.
type gate struct {
	mu      sync.Mutex
	n       int
	waiting int
	open    chan struct{}
}

func newGate(n int) *gate { return &gate{n: n, open: make(chan struct{})} }

func (g *gate) wait(ctx context.Context) bool {
	g.mu.Lock()
	g.waiting++
	if g.waiting == g.n {
		close(g.open)
	}
	g.mu.Unlock()
	select {
	case <-g.open:
		return true
	case <-ctx.Done():
		return false
	}
}
