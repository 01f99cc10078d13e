package mockwebex

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sleepRecorder records the latency's waits instead of waiting (issue 13: no timed assertions).
type sleepRecorder struct {
	mu     sync.Mutex
	delays []time.Duration
	err    error // returned by every sleep (a cancelled request)
}

func (sr *sleepRecorder) sleep(_ context.Context, d time.Duration) error {
	sr.mu.Lock()
	defer sr.mu.Unlock()
	sr.delays = append(sr.delays, d)
	return sr.err
}

func (sr *sleepRecorder) recorded() []time.Duration {
	sr.mu.Lock()
	defer sr.mu.Unlock()
	return append([]time.Duration(nil), sr.delays...)
}

func TestLatency_OffByDefault(t *testing.T) {
	sr := &sleepRecorder{}
	f := newFake(t, WithSleeper(sr.sleep))
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	assert.Empty(t, sr.recorded())
	assert.Zero(t, f.s.Settings().Latency)
}

func TestLatency_FixedPlusJitterFromTheInjectedSource(t *testing.T) {
	sr := &sleepRecorder{}
	f := newFake(t, WithSleeper(sr.sleep), WithLatency(50*time.Millisecond, 10*time.Millisecond), WithRandSource(rand.NewPCG(1, 2)))
	for range 5 {
		f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	}
	f.do("GET", "/_mock/state", "", nil).requireStatus(t, http.StatusOK) // the control plane is not delayed
	// The same source, drawn the same way, gives the same delays.
	want := rand.New(rand.NewPCG(1, 2))
	var expected []time.Duration
	for range 5 {
		expected = append(expected, 50*time.Millisecond+time.Duration(want.Int64N(int64(10*time.Millisecond)+1)))
	}
	got := sr.recorded()
	assert.Equal(t, expected, got)
	for _, d := range got {
		assert.GreaterOrEqual(t, d, 50*time.Millisecond)
		assert.LessOrEqual(t, d, 60*time.Millisecond)
	}
	assert.NotEqual(t, got[0], got[1], "the jitter varies")
}

func TestLatency_ControlPlaneAndFaultsAndErrors(t *testing.T) {
	sr := &sleepRecorder{}
	f := newFake(t, WithSleeper(sr.sleep))
	r := f.do("POST", "/_mock/settings", "", map[string]any{"latency": "50ms"})
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, "50ms", r.obj(t)["latency"])
	assert.Equal(t, "0s", r.obj(t)["jitter"])
	f.do("POST", "/_mock/settings", "", map[string]any{"latency": "-1s"}).requireStatus(t, http.StatusBadRequest)
	f.do("POST", "/_mock/settings", "", map[string]any{"jitter": "soon"}).requireStatus(t, http.StatusBadRequest)
	// Every /v1 answer waits: successes, errors, and injected faults alike.
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	f.do("GET", "/v1/people/me", "", nil).requireStatus(t, http.StatusUnauthorized)
	_, err := f.s.AddFault(Fault{Name: FaultRateLimit, Times: 1})
	require.NoError(t, err)
	f.get("/v1/people/me").requireStatus(t, http.StatusTooManyRequests)
	assert.Equal(t, []time.Duration{50 * time.Millisecond, 50 * time.Millisecond, 50 * time.Millisecond}, sr.recorded())
	// And off again.
	require.NoError(t, f.s.SetSettings(Settings{Quirks: AllQuirks()}))
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	assert.Len(t, sr.recorded(), 3)
	require.Error(t, f.s.SetSettings(Settings{Quirks: AllQuirks(), Jitter: -time.Second}))
}

// A request cancelled during the latency is not served: nothing it asked for happens.
func TestLatency_CancelledRequestIsNotServed(t *testing.T) {
	sr := &sleepRecorder{err: context.Canceled}
	s, err := New(WithAdminToken(adminTok), WithSleeper(sr.sleep), WithLatency(time.Second, 0))
	require.NoError(t, err)
	before := len(s.State().People)
	req := httptest.NewRequest(http.MethodPost, "/v1/people", jsonReader(t, newPersonBody("late@example.com")))
	req.Header.Set("Authorization", "Bearer "+adminTok)
	req.Header.Set("Content-Type", "application/json")
	s.ServeHTTP(httptest.NewRecorder(), req)
	assert.Equal(t, []time.Duration{time.Second}, sr.recorded())
	assert.Len(t, s.State().People, before, "the create did not happen")
}

// The default sleeper ends with the request's context, whatever the delay.
func TestLatency_DefaultSleeperHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, sleepContext(ctx, time.Hour), context.Canceled)
	require.NoError(t, sleepContext(context.Background(), 0))
}

func jsonReader(t *testing.T, v any) *bytes.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return bytes.NewReader(b)
}
