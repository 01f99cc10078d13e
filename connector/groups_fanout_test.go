package connector_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// inflightCounter is a mockwebex Sleeper that counts the /v1 requests in flight at the fake. Once
// armed, it lets the first request pass (the listing the fan-out starts from) and holds the next
// ones until want of them are in flight at once; after that every request passes. A connector
// that read one team at a time would never get there: its requests give up at ctx's end (the
// SCIM request's), and the test fails on the peak, not on a clock.
type inflightCounter struct {
	want  int
	armed atomic.Bool

	mu      sync.Mutex
	calls   int
	cur     int
	peak    int
	release chan struct{}
}

func newInflightCounter(want int) *inflightCounter {
	return &inflightCounter{want: want, release: make(chan struct{})}
}

func (c *inflightCounter) sleep(ctx context.Context, _ time.Duration) error {
	if !c.armed.Load() {
		return nil
	}
	c.mu.Lock()
	c.calls++
	first := c.calls == 1
	if !first {
		c.cur++
		c.peak = max(c.peak, c.cur)
		if c.cur == c.want {
			close(c.release)
		}
	}
	c.mu.Unlock()
	if first {
		return nil
	}
	defer func() { c.mu.Lock(); c.cur--; c.mu.Unlock() }()
	select {
	case <-c.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func withFanout(n int) func(*embedded.Options) { return func(o *embedded.Options) { o.Fanout = n } }

func benchTeams(n, members int) map[string]int {
	teams := make(map[string]int, n)
	for i := range n {
		teams[fmt.Sprintf("Fan team %03d", i)] = members
	}
	return teams
}

// issue 13: a page of groups reads its members' lists at most Fanout at a time, counted at the
// fake, and exactly that many at once when there are enough of them.
func TestGroupListReadsMembersConcurrentlyWithinTheBound(t *testing.T) {
	const fanout = 4
	counter := newInflightCounter(fanout)
	tg := newTarget(t, withFanout(fanout), withExtraTeams(t, 3, benchTeams(30, 2)),
		func(o *embedded.Options) {
			o.FakeOptions = append(o.FakeOptions, mockwebex.WithLatency(time.Millisecond, 0), mockwebex.WithSleeper(counter.sleep))
		})
	tg.fake().ClearRequests()
	counter.armed.Store(true)
	r := tg.do(http.MethodGet, "/scim/v2/Groups?count=1000", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, int64(33), r.JSON.Get("totalResults").Int())
	assert.Equal(t, fanout, counter.peak, "the peak of concurrent Webex requests is the bound")
	assert.Equal(t, 1+1+33, tg.calls("GET /v1/"), "GET /teams, GET /people/me and one membership read per team")
}

// issue 13: what a page shows, and in which order, does not depend on the order in which the
// concurrent reads end (jitter shuffles it) or on the bound.
func TestGroupListFanOutKeepsTheAnswer(t *testing.T) {
	page := func(fanout int) (ids, members []string) {
		tg := newTarget(t, withFanout(fanout), withExtraTeams(t, 6, benchTeams(25, 4)),
			func(o *embedded.Options) {
				o.FakeOptions = append(o.FakeOptions, mockwebex.WithLatency(0, 3*time.Millisecond),
					mockwebex.WithRandSource(rand.NewPCG(uint64(fanout), 7)))
			})
		r := tg.do(http.MethodGet, "/scim/v2/Groups?count=20&startIndex=3", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		for _, g := range r.JSON.Get("Resources").Array() {
			ids = append(ids, g.Get("displayName").String())
			members = append(members, g.Get("members.#.display").String())
		}
		return ids, members
	}
	ids1, members1 := page(1)
	ids8, members8 := page(8)
	require.Len(t, ids1, 20)
	assert.Equal(t, ids1, ids8, "the same groups in the same order")
	assert.Equal(t, members1, members8, "each with the same members in the same order")
}

// issue 13: one failed member read fails the page with that failure (nothing half-listed), and
// the other reads stop.
func TestGroupListFanOutError(t *testing.T) {
	tg := newTarget(t, withFanout(4), withExtraTeams(t, 3, benchTeams(30, 2)))
	_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Status: http.StatusNotImplemented,
		Method: http.MethodGet, Path: "/v1/team/memberships", Times: 1})
	require.NoError(t, err)
	r := tg.do(http.MethodGet, "/scim/v2/Groups?count=1000", nil)
	requireSCIMError(t, r, http.StatusBadGateway, "")
	assert.Contains(t, r.JSON.Get("detail").String(), "501")
	r = tg.do(http.MethodGet, "/scim/v2/Groups?count=1000", nil)
	require.Equal(t, http.StatusOK, r.Status, "the next listing reads every team")
}

// issue 13: a client that goes away mid-page cancels the reads in flight; no read outlives the
// request (the fake sees each one end) and no new read starts.
func TestGroupListFanOutClientGone(t *testing.T) {
	counter := newInflightCounter(4)
	tg := newTarget(t, withFanout(4), withExtraTeams(t, 3, benchTeams(30, 2)),
		func(o *embedded.Options) {
			o.FakeOptions = append(o.FakeOptions, mockwebex.WithLatency(time.Hour, 0), mockwebex.WithSleeper(counter.sleep))
		})
	// Every membership read waits until the request ends: the door opens only at 1000 in flight.
	counter.want = 1000
	counter.armed.Store(true)
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tg.url+"/scim/v2/Groups?count=1000", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tg.token)
	done := make(chan error, 1)
	go func() {
		resp, err := tg.srv.Client().Do(req)
		if err == nil {
			_ = resp.Body.Close()
		}
		done <- err
	}()
	require.Eventually(t, func() bool { counter.mu.Lock(); defer counter.mu.Unlock(); return counter.cur == 4 },
		10*time.Second, time.Millisecond, "four reads in flight")
	cancel()
	require.Error(t, <-done)
	require.Eventually(t, func() bool { counter.mu.Lock(); defer counter.mu.Unlock(); return counter.cur == 0 },
		10*time.Second, time.Millisecond, "every read in flight ended with the request")
	counter.mu.Lock()
	defer counter.mu.Unlock()
	assert.Equal(t, 4, counter.peak, "no read started after the client went away")
	assert.Equal(t, 1+4, counter.calls, "GET /teams, then the four reads in flight, and nothing more")
}

// issue 13: a fan-out that meets Webex's 429s does not multiply them. Each rate-limited read
// waits its Retry-After and is retried once (design §3.9), holding its slot meanwhile: Webex
// sees every team's read once, plus one retry per 429, and nothing more.
func TestGroupListFanOutRateLimited(t *testing.T) {
	tg := newTarget(t, withFanout(4), withExtraTeams(t, 3, benchTeams(30, 2)))
	tg.fake().ClearRequests()
	_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfter: 1,
		Method: http.MethodGet, Path: "/v1/team/memberships", Times: 4})
	require.NoError(t, err)
	r := tg.do(http.MethodGet, "/scim/v2/Groups?count=1000", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, int64(33), r.JSON.Get("totalResults").Int())
	assert.Equal(t, 33+4, tg.calls("GET /v1/team/memberships"), "one read per team and one retry per 429")
}
