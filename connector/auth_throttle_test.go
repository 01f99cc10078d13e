package connector_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// Design §3.1: failed inbound authentications are throttled per client address. After a burst
// of failures an address is answered 429 with Retry-After and a SCIM error, whatever it sends
// (a right token included), until the injected clock lets it try again; other addresses are
// not affected; IPv6 counts per /64; /oauth/token and /consent share the count. Each failure is
// logged with the address and never with what was presented.
func TestFailedAuthenticationIsThrottledPerAddress(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	clock := &settableClock{now: time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)}
	var logs syncBuffer
	tg := newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), func(c *connector.Config) {
		c.Now = clock.Now
		c.ClientID, c.ClientSecret = "idp", "client-secret-value"
		c.AuthFailureBurst, c.AuthFailureInterval = 3, 10*time.Second
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	h := tg.srv.Config.Handler
	send := func(addr, token, path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = addr
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	const users = "/scim/v2/Users?count=1"
	wrong := []string{"guess-number-one", "guess-number-two", ""}
	for _, w := range wrong {
		assert.Equal(t, http.StatusUnauthorized, send("192.0.2.1:4000", w, users).Code)
	}
	r := send("192.0.2.1:4001", scimToken, users)
	require.Equal(t, http.StatusTooManyRequests, r.Code, "blocked, even with the right token: a guess made now cannot succeed")
	assert.Equal(t, "10", r.Header().Get("Retry-After"))
	body := gjson.Parse(r.Body.String())
	assert.Equal(t, "429", body.Get("status").String())
	assert.Contains(t, body.Get("detail").String(), "too many failed authentications")
	assert.Equal(t, http.StatusTooManyRequests, send("192.0.2.1:4002", "", "/scim/v2/NoSuchEndpoint").Code)

	assert.Equal(t, http.StatusOK, send("192.0.2.2:4000", scimToken, users).Code, "another address is not affected")
	assert.Equal(t, http.StatusUnauthorized, send("192.0.2.2:4000", "nope", users).Code)

	for range 3 {
		send("[2001:db8::1]:4000", "v6-guess", users)
	}
	assert.Equal(t, http.StatusTooManyRequests, send("[2001:db8::2]:4000", scimToken, users).Code, "IPv6 counts per /64")
	assert.Equal(t, http.StatusOK, send("[2001:db8:0:1::1]:4000", scimToken, users).Code)

	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"idp"}, "client_secret": {"client-secret-value"}}
	post := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/oauth/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	r = post("192.0.2.1:4003")
	assert.Equal(t, http.StatusTooManyRequests, r.Code, "the token endpoint shares the count")
	assert.Equal(t, "10", r.Header().Get("Retry-After"))

	clock.Advance(10 * time.Second)
	assert.Equal(t, http.StatusOK, send("192.0.2.1:4004", scimToken, users).Code, "one more try after Retry-After")
	assert.Equal(t, http.StatusOK, post("192.0.2.1:4005").Code)
	assert.Equal(t, http.StatusUnauthorized, send("192.0.2.1:4006", "guess-number-three", users).Code)
	assert.Equal(t, http.StatusTooManyRequests, send("192.0.2.1:4007", scimToken, users).Code, "one failure per interval")

	out := logs.String()
	assert.Contains(t, out, `msg="inbound authentication failed" client=192.0.2.1 method=GET path=/scim/v2/Users`)
	assert.Contains(t, out, `msg="client address throttled after repeated authentication failures" client=192.0.2.1`)
	assert.Contains(t, out, "client=2001:db8::/64")
	for _, secret := range []string{"guess-number", "v6-guess", scimToken, "client-secret-value", "Bearer"} {
		assert.NotContains(t, out, secret)
	}
}

// Behind a reverse proxy listed in TrustedProxies, failures count against the client the proxy
// names in X-Forwarded-For (the rightmost address that is not a trusted proxy), so one client
// failing does not block the others; a client that writes X-Forwarded-For itself gains nothing.
func TestThrottleBehindTrustedProxies(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	var logs syncBuffer
	tg := newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), func(c *connector.Config) {
		c.AuthFailureBurst, c.AuthFailureInterval = 2, time.Minute
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	send := func(peer, xff, token string) int {
		req := httptest.NewRequest(http.MethodGet, "/scim/v2/Users?count=1", nil)
		req.RemoteAddr = peer
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		tg.srv.Config.Handler.ServeHTTP(rec, req)
		return rec.Code
	}
	// The attacker writes a fresh X-Forwarded-For each time; the proxies append what they saw.
	send("10.0.0.1:1", "203.0.113.1, 198.51.100.7", "guess")
	send("10.0.0.2:1", "203.0.113.2, 198.51.100.7, 10.0.0.9", "guess")
	assert.Equal(t, http.StatusTooManyRequests, send("10.0.0.1:1", "203.0.113.3, 198.51.100.7", scimToken), "the client the proxy saw is blocked")
	assert.Equal(t, http.StatusOK, send("10.0.0.1:1", "198.51.100.8", scimToken), "other clients of the same proxy are not")
	assert.Equal(t, http.StatusOK, send("10.0.0.1:1", "", scimToken), "nor the proxy itself")
	assert.Contains(t, logs.String(), "client=198.51.100.7")

	// An untrusted peer's X-Forwarded-For is ignored: it counts as itself.
	send("192.0.2.9:1", "198.51.100.20", "guess")
	send("192.0.2.9:1", "198.51.100.21", "guess")
	assert.Equal(t, http.StatusTooManyRequests, send("192.0.2.9:1", "198.51.100.22", scimToken))
	assert.Equal(t, http.StatusOK, send("10.0.0.1:1", "198.51.100.20", scimToken))
}
