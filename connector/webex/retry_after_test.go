package webex_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// The waits the client chooses for each form of Retry-After the fake sends (issue 11 item 4,
// design §3.9): bounded, never a busy loop, never hours. The fake and the client share one
// fake clock and the sleeper only records, so nothing here depends on time passing.

// retryFixture is a client against the fake with a shared fake clock and a recording sleeper.
type retryFixture struct {
	mock   *mockwebex.Server
	client *webex.Client
	mu     sync.Mutex
	waits  []time.Duration
}

// skew puts the client's clock ahead of the fake's.
func newRetryFixture(t *testing.T, skew time.Duration) *retryFixture {
	t.Helper()
	clock := mockwebex.NewFakeClock(time.Date(2026, 12, 5, 20, 0, 0, 250_000_000, time.UTC))
	mock, err := mockwebex.New(mockwebex.WithClock(clock))
	require.NoError(t, err)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	f := &retryFixture{mock: mock}
	f.client, err = webex.New(webex.Config{
		BaseURL:     srv.URL + "/v1",
		HTTPClient:  srv.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: mock.AdminToken()}),
		Now:         func() time.Time { return mock.Clock().Now().Add(skew) },
		Sleep: func(ctx context.Context, d time.Duration) error {
			f.mu.Lock()
			f.waits = append(f.waits, d)
			f.mu.Unlock()
			return ctx.Err()
		},
	})
	require.NoError(t, err)
	return f
}

func (f *retryFixture) recorded() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.waits...)
}

func TestRetryAfterForms(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault mockwebex.Fault
		want  []time.Duration
	}{
		{"429 seconds", mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfter: 2}, []time.Duration{2 * time.Second}},
		// The date is now+2s rounded up to a whole second (the clock is at .250): 2.75s.
		{"429 HTTP date", mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfter: 2, RetryAfterForm: mockwebex.RetryAfterDate}, []time.Duration{2750 * time.Millisecond}},
		{"429 missing", mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfterForm: mockwebex.RetryAfterMissing}, []time.Duration{time.Second}},
		{"429 malformed", mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfterForm: mockwebex.RetryAfterMalformed}, []time.Duration{time.Second}},
		{"503 seconds", mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 503, RetryAfter: 2}, []time.Duration{2 * time.Second}},
		{"503 HTTP date", mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 503, RetryAfter: 2, RetryAfterForm: mockwebex.RetryAfterDate}, []time.Duration{2750 * time.Millisecond}},
		{"503 missing: backoff", mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 503, RetryAfterForm: mockwebex.RetryAfterMissing}, []time.Duration{100 * time.Millisecond}},
		{"503 malformed: backoff", mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 503, RetryAfterForm: mockwebex.RetryAfterMalformed}, []time.Duration{100 * time.Millisecond}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newRetryFixture(t, 0)
			tc.fault.Method, tc.fault.Path, tc.fault.Times = "GET", "/v1/people/me", 1
			_, err := f.mock.AddFault(tc.fault)
			require.NoError(t, err)
			me, err := f.client.Me(context.Background())
			require.NoError(t, err)
			assert.Equal(t, "admin@example.com", me.Emails[0])
			assert.Equal(t, tc.want, f.recorded())
		})
	}
}

// A Retry-After that keeps failing is retried a bounded number of times, each wait at least
// 100ms (no busy loop), and the 429 comes back with its Retry-After for the SCIM client.
func TestRetryAfterKeepsFailing(t *testing.T) {
	for _, form := range []string{mockwebex.RetryAfterMissing, mockwebex.RetryAfterMalformed, mockwebex.RetryAfterDate} {
		t.Run(form, func(t *testing.T) {
			f := newRetryFixture(t, 0)
			_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, Path: "/v1/people/me", RetryAfter: 1, RetryAfterForm: form})
			require.NoError(t, err)
			_, err = f.client.Me(context.Background())
			var we *webex.Error
			require.ErrorAs(t, err, &we)
			assert.Equal(t, 429, we.Status)
			assert.GreaterOrEqual(t, we.RetryAfter, 100*time.Millisecond)
			waits := f.recorded()
			assert.Len(t, waits, webex.DefaultMaxAttempts-1)
			for _, w := range waits {
				assert.GreaterOrEqual(t, w, 100*time.Millisecond, "never a busy loop")
				assert.LessOrEqual(t, w, 2*time.Second)
			}
		})
	}
}

// Hours asked for are not waited: the 429 (or 503) comes back at once, with the wait asked for.
func TestRetryAfterOfHoursIsNotWaited(t *testing.T) {
	for _, tc := range []mockwebex.Fault{
		{Name: mockwebex.FaultRateLimit, RetryAfter: 7200},
		{Name: mockwebex.FaultRateLimit, RetryAfter: 7200, RetryAfterForm: mockwebex.RetryAfterDate},
		{Name: mockwebex.FaultServerError, Status: 503, RetryAfter: 7200},
	} {
		f := newRetryFixture(t, 0)
		tc.Path, tc.Times = "/v1/people/me", 1
		_, err := f.mock.AddFault(tc)
		require.NoError(t, err)
		_, err = f.client.Me(context.Background())
		var we *webex.Error
		require.ErrorAs(t, err, &we, "%+v", tc)
		assert.InDelta(t, float64(2*time.Hour), float64(we.RetryAfter), float64(time.Second), "%+v", tc)
		assert.Empty(t, f.recorded(), "%+v: no wait started", tc)
	}
}

// A date already past (the client's clock a minute ahead of Webex's) is not a reason to retry at
// once: 1s, as for no Retry-After.
func TestRetryAfterDateInThePast(t *testing.T) {
	f := newRetryFixture(t, time.Minute)
	_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, Path: "/v1/people/me", Times: 1, RetryAfter: 1, RetryAfterForm: mockwebex.RetryAfterDate})
	require.NoError(t, err)
	_, err = f.client.Me(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{time.Second}, f.recorded())
}

// A date a few milliseconds away (whole seconds, clocks a little apart) waits at least 100ms,
// not a few milliseconds: the retry would meet the same 429.
func TestRetryAfterDateMillisecondsAway(t *testing.T) {
	// The fake's clock is at :00.250, so now+2s is sent as :03; the client's clock is 2.74s
	// ahead, at :02.990, 10ms before that date.
	f := newRetryFixture(t, 2740*time.Millisecond)
	_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, Path: "/v1/people/me", Times: 1, RetryAfter: 2, RetryAfterForm: mockwebex.RetryAfterDate})
	require.NoError(t, err)
	_, err = f.client.Me(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{100 * time.Millisecond}, f.recorded())
}
