package connector_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// consentTarget is a connector in real mode (design §3.8) in front of a fresh fake, on a clock the
// test moves.
func consentTarget(t *testing.T, clock *settableClock) *target {
	t.Helper()
	fake, err := mockwebex.New()
	require.NoError(t, err)
	return newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), func(c *connector.Config) {
		oc := &oauth2.Config{ClientID: "mock-client-id", ClientSecret: "mock-client-secret", Endpoint: webex.Endpoint(c.WebexURL), Scopes: webex.Scopes()}
		c.Consent = &connector.ConsentConfig{OAuth: oc, Tokens: webex.NewTokenStore(oc, nil, nil)}
		c.Now = clock.Now
	})
}

// getText sends a GET with c (which follows no redirects) and returns the status and body.
func getText(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// design §3.8: a consent callback whose state is refused says why in terms of the consent the
// administrator started (forged, from another browser, expired), never of paging cursors, though
// the state is signed by the same codec.
func TestConsentStateErrorsSpeakOfConsent(t *testing.T) {
	clock := &settableClock{now: time.Now()}
	tg := consentTarget(t, clock)
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	browser := &http.Client{Jar: jar, CheckRedirect: noRedirect, Timeout: 10 * time.Second}
	other := &http.Client{CheckRedirect: noRedirect, Timeout: 10 * time.Second} // no cookies

	req, err := http.NewRequest(http.MethodGet, tg.url+"/consent", nil)
	require.NoError(t, err)
	req.SetBasicAuth("admin", scimToken)
	resp, err := browser.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusFound, resp.StatusCode)
	authorize, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	state := authorize.Query().Get("state")
	require.NotEmpty(t, state)
	callback := func(state string) string {
		return tg.url + "/consent/callback?" + url.Values{"state": {state}, "code": {"some-code"}}.Encode()
	}

	tests := []struct {
		name   string
		client *http.Client
		state  string
		want   string
	}{
		{"a forged state", browser, "forged", "a state this connector did not issue"},
		{"an altered state", browser, alter(state), "a state this connector did not issue"},
		{"no state", browser, "", "a state this connector did not issue"},
		{"another browser", other, state, "not the one this browser started"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := getText(t, tc.client, callback(tc.state))
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, body, tc.want)
			assert.Contains(t, body, "start again at /consent")
			assert.NotContains(t, body, "cursor")
		})
	}

	t.Run("an expired state", func(t *testing.T) {
		clock.Advance(11 * time.Minute)
		status, body := getText(t, browser, callback(state))
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, "started more than 10 minutes ago and has expired")
		assert.NotContains(t, body, "cursor")
	})
}

// design §3.1, §2: a token from /oauth/token that expired, or was altered, or a paging cursor sent
// as a token (signed by the same kind of codec), is refused in terms of access tokens.
func TestIssuedTokenErrorsSpeakOfTokens(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	clock := &settableClock{now: time.Now()}
	tg := newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), func(c *connector.Config) {
		c.SCIMToken = ""
		c.ClientID, c.ClientSecret = "okta", "s3cret"
		c.Now = clock.Now
	})
	resp, err := tg.srv.Client().PostForm(tg.url+"/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"okta"}, "client_secret": {"s3cret"},
	})
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	token := gjson.GetBytes(b, "access_token").String()
	require.NotEmpty(t, token)
	cursor := tg.doAs(token, http.MethodGet, "/scim/v2/Users?count=1&cursor=", nil).JSON.Get("nextCursor").String()
	require.NotEmpty(t, cursor)

	for name, bad := range map[string]string{"altered": alter(token), "a cursor": cursor, "garbage": "x"} {
		t.Run(name, func(t *testing.T) {
			r := tg.doAs(bad, http.MethodGet, "/scim/v2/Users", nil)
			requireSCIMError(t, r, http.StatusUnauthorized, "")
			assert.Contains(t, r.JSON.Get("detail").String(), "bearer token is not valid")
			assert.NotContains(t, string(r.Body), "cursor")
		})
	}
	t.Run("expired", func(t *testing.T) {
		clock.Advance(61 * time.Minute)
		r := tg.doAs(token, http.MethodGet, "/scim/v2/Users", nil)
		requireSCIMError(t, r, http.StatusUnauthorized, "")
		assert.Contains(t, r.JSON.Get("detail").String(), "access token has expired; get a new one at /oauth/token")
		assert.NotContains(t, string(r.Body), "cursor")
	})
}

// alter changes one character in the middle of a signed value, so its signature no longer fits.
func alter(s string) string {
	b := []byte(s)
	i := len(b) / 2
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}
