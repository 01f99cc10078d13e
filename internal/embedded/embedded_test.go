package embedded_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/internal/embedded"
)

func get(t *testing.T, url, token string) (int, gjson.Result) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	c := &http.Client{Timeout: time.Minute} // a safety net only
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, gjson.ParseBytes(b)
}

// Stacks are independent: each has its own fake, consent and token, and they run in parallel.
func TestStacksInParallel(t *testing.T) {
	for i := range 6 {
		t.Run("stack", func(t *testing.T) {
			t.Parallel()
			st, err := embedded.Start(context.Background(), embedded.Options{})
			require.NoError(t, err)
			defer st.Close()
			require.NotEmpty(t, st.SCIMToken, "a token is generated")
			srv := httptest.NewServer(st.Connector)
			defer srv.Close()

			status, body := get(t, srv.URL+"/scim/v2/Users?count=1", st.SCIMToken)
			require.Equal(t, http.StatusOK, status, body.Raw)
			assert.Equal(t, int64(20), body.Get("totalResults").Int(), "the default seed")

			// The fake is reachable directly, as a real Webex would be, with the admin's token.
			status, body = get(t, st.WebexURL+"/people/me", st.WebexAdminToken)
			require.Equal(t, http.StatusOK, status, body.Raw)
			assert.Equal(t, "admin@example.com", body.Get("emails.0").String())

			// Writes through one stack are not seen by the others running at the same time:
			// each sees the seed's 20 people plus its own one.
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/scim/v2/Users", strings.NewReader(
				`{"userName":"only`+strconv.Itoa(i)+`@example.com","displayName":"Only"}`))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+st.SCIMToken)
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())
			require.Equal(t, http.StatusCreated, resp.StatusCode)
			_, body = get(t, srv.URL+"/scim/v2/Users?count=0", st.SCIMToken)
			assert.Equal(t, int64(21), body.Get("totalResults").Int())
		})
	}
}

func TestOptions(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	st, err := embedded.Start(context.Background(), embedded.Options{
		SCIMToken: "fixed", Now: func() time.Time { return at }, PublicURL: "https://scim.example.com",
		DatetimeOffset: time.Hour,
	})
	require.NoError(t, err)
	defer st.Close()
	assert.Equal(t, "fixed", st.SCIMToken)
	srv := httptest.NewServer(st.Connector)
	defer srv.Close()

	req, err := http.NewRequest(http.MethodPost, srv.URL+"/scim/v2/Users",
		strings.NewReader(`{"userName":"clocked@example.com","displayName":"Clocked"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer fixed")
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusCreated, resp.StatusCode, string(b))
	j := gjson.ParseBytes(b)
	assert.Equal(t, "2026-03-01T13:00:00.000Z", j.Get("meta.created").String(), "the fake's clock plus the offset")
	assert.Equal(t, "https://scim.example.com/scim/v2/Users/"+j.Get("id").String(), resp.Header.Get("Location"))
}

// SCIMClientID and SCIMClientSecret turn on the connector's token endpoint (design §2): an issued
// token is served, the static token still is, and a wrong secret is refused.
func TestClientCredentials(t *testing.T) {
	st, err := embedded.Start(context.Background(), embedded.Options{SCIMClientID: "idp", SCIMClientSecret: "s3cret"})
	require.NoError(t, err)
	defer st.Close()
	srv := httptest.NewServer(st.Connector)
	defer srv.Close()

	token := func(secret string) (int, gjson.Result) {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"idp"}, "client_secret": {secret}}
		resp, err := srv.Client().PostForm(srv.URL+"/oauth/token", form)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, gjson.ParseBytes(b)
	}
	status, body := token("s3cret")
	require.Equal(t, http.StatusOK, status, body.Raw)
	issued := body.Get("access_token").String()
	require.NotEmpty(t, issued)
	status, body = get(t, srv.URL+"/scim/v2/Users?count=1", issued)
	assert.Equal(t, http.StatusOK, status, body.Raw)
	status, _ = get(t, srv.URL+"/scim/v2/Users?count=1", st.SCIMToken)
	assert.Equal(t, http.StatusOK, status, "the static token is still accepted")
	status, body = token("wrong")
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_client", body.Get("error").String())

	_, err = embedded.Start(context.Background(), embedded.Options{SCIMClientID: "idp"})
	assert.ErrorContains(t, err, "go together")
}

// Without client credentials there is no token endpoint.
func TestNoClientCredentials(t *testing.T) {
	st, err := embedded.Start(context.Background(), embedded.Options{})
	require.NoError(t, err)
	defer st.Close()
	srv := httptest.NewServer(st.Connector)
	defer srv.Close()
	resp, err := srv.Client().PostForm(srv.URL+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"idp"}, "client_secret": {"x"}})
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}
