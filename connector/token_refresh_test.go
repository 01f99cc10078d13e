package connector_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// Issue 15, item 2: while Webex's token endpoint answers 429, SCIM calls answer 503 with
// Retry-After and say the consent is kept (not "visit /consent"), /readyz says the same, and the
// first SCIM call after the backoff works again: one rate-limit answer no longer needs a restart
// and a new consent.
func TestTokenEndpointRateLimitIsNotLostConsent(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	clock := &settableClock{now: time.Now()}
	oc := &oauth2.Config{ClientID: "mock-client-id", ClientSecret: "mock-client-secret", Endpoint: webex.Endpoint(fsrv.URL + "/v1")}
	tokens := webex.NewTokenStore(oc, nil, nil, webex.WithTokenHTTPClient(fsrv.Client()), webex.WithTokenClock(clock.Now))
	tokens.SetRefreshToken(fake.AdminRefreshToken())
	client, err := webex.New(webex.Config{
		BaseURL: fsrv.URL + "/v1", HTTPClient: fsrv.Client(), TokenSource: tokens,
		Sleep: func(context.Context, time.Duration) error { return nil }, Now: clock.Now,
	})
	require.NoError(t, err)
	conn, err := connector.New(connector.Config{Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: scimToken, Now: clock.Now})
	require.NoError(t, err)
	srv := httptest.NewServer(conn)
	t.Cleanup(srv.Close)
	tg := &target{t: t, srv: srv, url: srv.URL, token: scimToken}

	_, err = fake.AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfter: 7, Method: http.MethodPost, Path: "/v1/access_token", Times: 1})
	require.NoError(t, err)
	for _, path := range []string{"/scim/v2/Users?count=1", "/scim/v2/Groups"} {
		r := tg.do(http.MethodGet, path, nil)
		requireSCIMError(t, r, http.StatusServiceUnavailable, "")
		assert.Equal(t, "7", r.Header.Get("Retry-After"), path)
		assert.Contains(t, r.JSON.Get("detail").String(), "consent is kept")
		assert.NotContains(t, r.JSON.Get("detail").String(), "/consent")
	}
	ready := tg.doAs("", http.MethodGet, "/readyz", nil)
	assert.Equal(t, http.StatusServiceUnavailable, ready.Status)
	assert.Contains(t, ready.JSON.Get("reason").String(), "consent is kept")
	refreshes := func() int {
		n := 0
		for _, r := range fake.Requests() {
			if r.Path == "/v1/access_token" {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 1, refreshes(), "no refresh during the backoff")

	clock.Advance(8 * time.Second)
	r := tg.do(http.MethodGet, "/scim/v2/Users?count=1", nil)
	require.Equal(t, http.StatusOK, r.Status, "after the backoff the refresh works: %s", r.Body)
	assert.Equal(t, 2, refreshes())
	assert.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/readyz", nil).Status)
}
