package webex

import (
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// Issue 15, item 2: a 429 or 5xx from Webex's token endpoint is not a refusal. The refresh token
// is kept, Token answers a *RefreshError (not ErrNoToken) with the time until the next attempt,
// the endpoint is not called again before then (backoff: Retry-After, else 1 s doubling), and
// the first attempt after it that works restores service without a new consent.
func TestTokenStoreRefreshBacksOffOnRateLimitAndServerErrors(t *testing.T) {
	var answer atomic.Value // func(http.ResponseWriter)
	var calls atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		answer.Load().(func(http.ResponseWriter))(w)
	})
	ok := func(w http.ResponseWriter) {
		writeJSON(w, 200, `{"access_token":"fresh","expires_in":1209600,"token_type":"Bearer"}`)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	cfg := &oauth2.Config{ClientID: "cid", ClientSecret: "secret", Endpoint: Endpoint(rec.base())}
	s := NewTokenStore(cfg, nil, nil, WithTokenHTTPClient(rec.srv.Client()), WithTokenClock(clock))
	s.SetRefreshToken("good")

	answer.Store(func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "7")
		writeJSON(w, http.StatusTooManyRequests, `{"message":"Too many requests"}`)
	})
	_, err := s.Token()
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNoToken, "a 429 is not a refusal")
	var re *RefreshError
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, http.StatusTooManyRequests, re.Status)
	assert.Equal(t, 7*time.Second, re.RetryAfter, "Webex's Retry-After")
	assert.True(t, s.HasToken(), "consent is kept")

	advance(5 * time.Second)
	_, err = s.Token()
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, 2*time.Second, re.RetryAfter)
	assert.EqualValues(t, 1, calls.Load(), "no call to the token endpoint during the backoff")

	answer.Store(func(w http.ResponseWriter) { webexError(w, http.StatusServiceUnavailable, "down") })
	advance(2 * time.Second)
	_, err = s.Token()
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, http.StatusServiceUnavailable, re.Status)
	assert.Equal(t, 2*time.Second, re.RetryAfter, "the backoff doubles: 1 s, 2 s, …")
	assert.EqualValues(t, 2, calls.Load())
	assert.True(t, s.HasToken())

	answer.Store(ok)
	advance(2 * time.Second)
	tok, err := s.Token()
	require.NoError(t, err)
	assert.Equal(t, "fresh", tok.AccessToken, "the first attempt that works restores service")
	assert.EqualValues(t, 3, calls.Load())
}

// Only invalid_grant / invalid_client / unauthorized_client, or Webex's own 400 or 401 without
// an OAuth error code, mark consent as lost; another 4xx (invalid_request, a proxy's 404) is a
// fault to retry, not a refusal.
func TestTokenStoreRefusalIsOnlyABadGrantOrClient(t *testing.T) {
	for name, tc := range map[string]struct {
		status  int
		body    string
		refused bool
	}{
		"400 invalid_grant":           {400, `{"error":"invalid_grant"}`, true},
		"401 invalid_client":          {401, `{"error":"invalid_client"}`, true},
		"400 unauthorized_client":     {400, `{"error":"unauthorized_client"}`, true},
		"400 Webex envelope":          {400, `{"message":"Invalid refresh token","trackingId":"T"}`, true},
		"429":                         {429, `{"message":"Too many requests"}`, false},
		"500":                         {500, `{"message":"Internal error"}`, false},
		"502 temporarily_unavailable": {502, `{"error":"temporarily_unavailable"}`, false},
		"400 invalid_request":         {400, `{"error":"invalid_request"}`, false},
		"404 from something else":     {404, `not found`, false},
		"403 with no OAuth details":   {403, `{"message":"Forbidden"}`, false},
	} {
		t.Run(name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, tc.status, tc.body) })
			cfg := &oauth2.Config{ClientID: "cid", ClientSecret: "secret", Endpoint: Endpoint(rec.base())}
			s := NewTokenStore(cfg, nil, nil, WithTokenHTTPClient(rec.srv.Client()))
			s.SetRefreshToken("some")
			_, err := s.Token()
			require.Error(t, err)
			assert.Equal(t, tc.refused, errors.Is(err, ErrNoToken), "%v", err)
			assert.Equal(t, !tc.refused, s.HasToken())
		})
	}
}
