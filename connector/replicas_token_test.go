package connector_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// Issue 12 item 1, tokens: two replicas sharing one consent (one token file, one refresh token)
// refresh without invalidating each other (design §3.10). The fake does what Webex does on a
// refresh (WX18): the refresh token stays the same and the access tokens issued before stay valid
// until they expire. Each replica re-reads the shared file before refreshing, so a token another
// replica wrote is used instead of refreshing again; and a replica whose refresh token Webex
// refuses takes the one a new consent wrote to the file rather than answering "consent lost".
func TestReplicasShareOneConsent(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fakeClock := mockwebex.NewFakeClock(start)
	fake, err := mockwebex.New(mockwebex.WithClock(fakeClock))
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	file := &webex.TokenFile{Path: filepath.Join(t.TempDir(), "webex-token.json")}
	require.NoError(t, file.Save(&oauth2.Token{RefreshToken: fake.AdminRefreshToken()}))

	clock := &settableClock{now: start}
	replica := func() (*target, *webex.TokenStore) {
		oc := &oauth2.Config{ClientID: "mock-client-id", ClientSecret: "mock-client-secret", Endpoint: webex.Endpoint(fsrv.URL + "/v1")}
		tokens := webex.NewTokenStore(oc, file, nil, webex.WithTokenHTTPClient(fsrv.Client()), webex.WithTokenClock(clock.Now))
		require.NoError(t, tokens.LoadFile())
		client, err := webex.New(webex.Config{
			BaseURL: fsrv.URL + "/v1", HTTPClient: fsrv.Client(), TokenSource: tokens,
			Sleep: func(context.Context, time.Duration) error { return nil }, Now: clock.Now,
		})
		require.NoError(t, err)
		conn, err := connector.New(connector.Config{Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: scimToken, Now: clock.Now})
		require.NoError(t, err)
		srv := httptest.NewServer(conn)
		t.Cleanup(srv.Close)
		return &target{t: t, srv: srv, url: srv.URL, token: scimToken}, tokens
	}
	a, _ := replica()
	b, bTokens := replica()
	refreshes := func() int {
		n := 0
		for _, r := range fake.Requests() {
			if r.Path == "/v1/access_token" {
				n++
			}
		}
		return n
	}
	works := func(tg *target, what string) {
		t.Helper()
		r := tg.do(http.MethodGet, "/scim/v2/Users?count=1", nil)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", what, r.Body)
	}

	works(a, "replica A, first call")
	assert.Equal(t, 1, refreshes(), "A refreshed once and wrote the token file")
	works(b, "replica B, first call")
	assert.Equal(t, 1, refreshes(), "B took A's access token from the file instead of refreshing")

	// Both access tokens expire (on both clocks): B refreshes first, A takes B's token; the
	// token A held before still works at Webex until it expires, so nothing was cut off.
	clock.Advance(15 * 24 * time.Hour)
	fakeClock.Advance(15 * 24 * time.Hour)
	works(b, "replica B after expiry")
	assert.Equal(t, 2, refreshes())
	works(a, "replica A after expiry")
	assert.Equal(t, 2, refreshes(), "A took B's refreshed token from the file")
	for range 3 {
		works(a, "replica A")
		works(b, "replica B")
	}
	assert.Equal(t, 2, refreshes(), "no refresh while the shared token is valid")

	// A new consent through another replica wrote a new access token to the file, and Webex
	// stops taking the one both replicas hold before their clocks say it expired: each gets a
	// 401, re-reads the file and goes on with the new token, without refreshing and without
	// "consent lost".
	fakeClock.Advance(15 * 24 * time.Hour)
	fresh, err := fake.IssueToken(adminEmail)
	require.NoError(t, err)
	require.NoError(t, file.Save(&oauth2.Token{AccessToken: fresh, RefreshToken: fake.AdminRefreshToken(), Expiry: clock.Now().Add(time.Hour)}))
	works(a, "replica A after a new consent elsewhere")
	works(b, "replica B after a new consent elsewhere")
	assert.Equal(t, 2, refreshes(), "both took the new access token from the file after the 401")

	// B holds a refresh token Webex no longer accepts (the old grant of a new consent): before
	// refreshing with it, B takes the usable token in the file.
	bTokens.SetRefreshToken("a-refresh-token-webex-revoked")
	works(b, "replica B with a revoked refresh token")
	assert.Equal(t, 2, refreshes(), "B used the file's token instead of the revoked refresh token")
}
