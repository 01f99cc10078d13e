package connector_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// design §3.1: every SCIM path needs the bearer token; 401 with the challenge and a SCIM body.
func TestBearerAuthentication(t *testing.T) {
	tg := newTarget(t)
	for name, token := range map[string]string{"none": "", "wrong": "not-the-token", "prefix": scimToken[:4]} {
		t.Run(name, func(t *testing.T) {
			for _, path := range []string{"/scim/v2/Users", "/scim/v2/ServiceProviderConfig", "/scim/v2/Nope"} {
				r := tg.doAs(token, http.MethodGet, path, nil)
				requireSCIMError(t, r, http.StatusUnauthorized, "")
				assert.Equal(t, `Bearer realm="webex-scim"`, r.Header.Get("WWW-Authenticate"))
			}
		})
	}
	req, err := http.NewRequest(http.MethodGet, tg.url+"/scim/v2/Users", nil)
	require.NoError(t, err)
	req.SetBasicAuth("user", scimToken)
	resp, err := tg.srv.Client().Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "Basic is not a SCIM scheme here")

	assert.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/healthz", nil).Status, "health needs no token")
	assert.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/readyz", nil).Status)
	assert.Equal(t, http.StatusOK, tg.do(http.MethodGet, "/scim/v2/USERS?count=1", nil).Status, "resource segments are case-insensitive")
}

// RFC 7644 §3.12 everywhere under /scim/v2: unknown routes 404, unsupported methods 405.
func TestUnknownRoutesAndMethods(t *testing.T) {
	tg := newTarget(t)
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Devices", nil), http.StatusNotFound, "")
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2", nil), http.StatusNotFound, "")
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Users/a/b", nil), http.StatusNotFound, "")
	requireSCIMError(t, tg.do(http.MethodDelete, "/scim/v2/Users", nil), http.StatusMethodNotAllowed, "")
	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Users/x", "{}"), http.StatusMethodNotAllowed, "")
	requireSCIMError(t, tg.do(http.MethodPut, "/scim/v2/ServiceProviderConfig", "{}"), http.StatusMethodNotAllowed, "")
	assert.Equal(t, http.StatusNotFound, tg.do(http.MethodGet, "/consent", nil).Status, "embedded mode consented at start-up")
	r := tg.do(http.MethodGet, "/not-scim", nil)
	assert.Equal(t, http.StatusNotFound, r.Status)
	assert.False(t, gjson.ValidBytes(r.Body) && r.JSON.Get("schemas").Exists(), "outside /scim/v2 is not SCIM")
}

// design §2: POST /oauth/token, client credentials in the form or HTTP Basic; the issued tokens are
// signed with a key derived from the cursor key, so every replica with the key accepts them.
func TestClientCredentialsTokens(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	clock := &settableClock{now: time.Now()}
	cfg := func(c *connector.Config) {
		c.SCIMToken = ""
		c.ClientID, c.ClientSecret = "okta", "s3cret"
		c.CursorKey = []byte("shared key")
		c.Now = clock.Now
		c.TokenTTL = time.Hour
	}
	tg := newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), cfg)
	replica := newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), cfg)

	post := func(form url.Values, basicUser, basicPass string) (int, gjson.Result, http.Header) {
		req, err := http.NewRequest(http.MethodPost, tg.url+"/oauth/token", strings.NewReader(form.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basicUser != "" {
			req.SetBasicAuth(basicUser, basicPass)
		}
		resp, err := tg.srv.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, gjson.ParseBytes(b), resp.Header
	}
	status, body, hdr := post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"okta"}, "client_secret": {"s3cret"}}, "", "")
	require.Equal(t, http.StatusOK, status, body.Raw)
	assert.Equal(t, "Bearer", body.Get("token_type").String())
	assert.Equal(t, int64(3600), body.Get("expires_in").Int())
	assert.Equal(t, "no-store", hdr.Get("Cache-Control"))
	token := body.Get("access_token").String()
	require.NotEmpty(t, token)
	assert.Equal(t, http.StatusOK, tg.doAs(token, http.MethodGet, "/scim/v2/Users?count=1", nil).Status)
	assert.Equal(t, http.StatusOK, replica.doAs(token, http.MethodGet, "/scim/v2/Users?count=1", nil).Status, "another replica accepts it")

	status, body, _ = post(url.Values{"grant_type": {"client_credentials"}}, "okta", "s3cret")
	require.Equal(t, http.StatusOK, status, "HTTP Basic works too")
	assert.NotEmpty(t, body.Get("access_token").String())

	status, body, hdr = post(url.Values{"grant_type": {"client_credentials"}}, "okta", "wrong")
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_client", body.Get("error").String())
	assert.NotEmpty(t, hdr.Get("WWW-Authenticate"))
	status, body, _ = post(url.Values{"grant_type": {"password"}, "client_id": {"okta"}, "client_secret": {"s3cret"}}, "", "")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "unsupported_grant_type", body.Get("error").String())
	// RFC 6749 §5.2: a missing grant_type is invalid_request, not an unsupported grant; and a
	// client uses one authentication method, not Basic and the form at once (§2.3).
	status, body, _ = post(url.Values{}, "okta", "s3cret")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_request", body.Get("error").String())
	status, body, _ = post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"other"}}, "okta", "s3cret")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_request", body.Get("error").String())

	// A cursor is signed with the same key but is never a token.
	cursor := tg.doAs(token, http.MethodGet, "/scim/v2/Users?count=1&cursor=", nil).JSON.Get("nextCursor").String()
	require.NotEmpty(t, cursor)
	requireSCIMError(t, tg.doAs(cursor, http.MethodGet, "/scim/v2/Users", nil), http.StatusUnauthorized, "")

	clock.Advance(61 * time.Minute)
	r := tg.doAs(token, http.MethodGet, "/scim/v2/Users", nil)
	requireSCIMError(t, r, http.StatusUnauthorized, "")
	assert.Contains(t, r.JSON.Get("detail").String(), "expired")

	// Without client credentials configured the endpoint does not exist.
	plain := newTarget(t)
	resp, err := plain.srv.Client().PostForm(plain.url+"/oauth/token", url.Values{"grant_type": {"client_credentials"}})
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// design §3.1: secrets and tokens never appear in logs; one line per request.
func TestRequestLogsHoldNoSecrets(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tg := newTarget(t, func(o *embedded.Options) { o.Logger = logger })
	tg.do(http.MethodGet, "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "admin@example.com"`), nil)
	tg.doAs("a-wrong-token-value", http.MethodGet, "/scim/v2/Users", nil)
	tg.do(http.MethodGet, "/scim/v2/Users/no-such-id", nil)
	// A lookup that fails upstream (issue 15): Webex's path carries the address as ?email=.
	_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Method: http.MethodGet, Path: "/v1/people", Times: 10})
	require.NoError(t, err)
	failed := tg.do(http.MethodGet, "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "carol.chen@example.com"`), nil)
	require.Equal(t, http.StatusBadGateway, failed.Status, string(failed.Body))
	tg.fake().ClearFaults()
	logs := buf.String()
	assert.Contains(t, logs, "webex call failed", "the failure was logged")
	assert.Contains(t, logs, "method=GET path=/scim/v2/Users status=200")
	assert.Contains(t, logs, "status=401")
	assert.Contains(t, logs, "trackingId=", "upstream failures carry Webex's trackingId")
	for _, secret := range []string{scimToken, "a-wrong-token-value", tg.stack.WebexAdminToken, "Bearer", "admin@example.com",
		"admin%40example.com", "carol.chen@example.com", "carol.chen%40example.com", "carol.chen"} {
		assert.NotContains(t, logs, secret)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
