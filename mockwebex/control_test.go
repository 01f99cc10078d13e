package mockwebex

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/fixtures"
)

// The control plane (design §5; the shapes the harness codes against).

func TestControl_ResetSeedState(t *testing.T) {
	f := newFake(t)
	f.do("POST", "/v1/people", adminTok, newPersonBody("new@example.com")).requireStatus(t, http.StatusOK)
	st := f.do("GET", "/_mock/state", "", nil)
	st.requireStatus(t, http.StatusOK)
	m := st.obj(t)
	for _, k := range []string{"people", "teams", "memberships", "roles", "licenses", "organizations", "groups"} {
		assert.Contains(t, m, k)
	}
	assert.Len(t, m["people"], 21)
	assert.Len(t, m["teams"], 3)
	assert.Len(t, m["groups"], 3)
	assert.Len(t, m["roles"], 8)
	assert.Len(t, m["licenses"], 3)
	for _, ms := range m["memberships"].([]any) {
		assert.Contains(t, ms.(map[string]any), "isModerator")
	}
	f.do("POST", "/_mock/reset", "", nil).requireStatus(t, http.StatusNoContent)
	assert.Len(t, f.s.State().People, 20)
	f.get("/v1/people/me").requireStatus(t, http.StatusOK) // the admin token survives a reset

	// A smaller seed, then a bad one (refused, nothing changes).
	var doc SeedDoc
	require.NoError(t, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	doc.People = doc.People[:1]
	doc.Teams = nil
	doc.Groups = nil
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	f.do("POST", "/_mock/seed", "", raw).requireStatus(t, http.StatusNoContent)
	assert.Len(t, f.s.State().People, 1)
	f.do("POST", "/_mock/seed", "", `{"people":[{"uuid":"x"}]}`).requireStatus(t, http.StatusBadRequest)
	f.do("POST", "/_mock/seed", "", `{"unknownField":1}`).requireStatus(t, http.StatusBadRequest)
	assert.Len(t, f.s.State().People, 1)
	// Reset returns to the last loaded seed.
	f.do("POST", "/v1/people", adminTok, newPersonBody("new@example.com")).requireStatus(t, http.StatusOK)
	require.NoError(t, f.s.Reset())
	assert.Len(t, f.s.State().People, 1)
}

func TestControl_RequestLog(t *testing.T) {
	f := newFake(t)
	f.do("POST", "/v1/teams?", adminTok, map[string]any{"name": "Logged"}).requireStatus(t, http.StatusOK)
	f.get("/v1/people?max=1")
	f.do("GET", "/_mock/state", "", nil)
	f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"secret-refresh"},
		"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}})
	r := f.do("GET", "/_mock/requests", "", nil)
	r.requireStatus(t, http.StatusOK)
	var log struct {
		Items []RecordedRequest `json:"items"`
	}
	require.NoError(t, json.Unmarshal(r.body, &log))
	require.Len(t, log.Items, 3, "control-plane requests are not recorded")
	assert.Equal(t, RecordedRequest{Method: "POST", Path: "/v1/teams", Query: "", Status: 200, Body: `{"name":"Logged"}`,
		Authorization: "Bearer ***", Time: "2026-11-26T09:15:02.123Z"}, log.Items[0])
	assert.Equal(t, "max=1", log.Items[1].Query)
	assert.NotContains(t, log.Items[2].Body, "secret-refresh")
	assert.NotContains(t, log.Items[2].Body, "mock-client-secret")
	f.do("DELETE", "/_mock/requests", "", nil).requireStatus(t, http.StatusNoContent)
	assert.Empty(t, f.s.Requests())
}

func TestControl_Tokens(t *testing.T) {
	f := newFake(t)
	r := f.do("POST", "/_mock/tokens", "", map[string]any{"email": "Carol.Chen@example.com"})
	r.requireStatus(t, http.StatusOK)
	m := r.obj(t)
	assert.Equal(t, float64(1209600), m["expires_in"])
	assert.Equal(t, f.personID("carol.chen@example.com"), m["personId"])
	me := f.do("GET", "/v1/people/me", m["access_token"].(string), nil).obj(t)
	assert.Equal(t, m["personId"], me["id"])
	f.do("POST", "/_mock/tokens", "", map[string]any{"email": "nobody@example.com"}).requireStatus(t, http.StatusNotFound)
	f.do("POST", "/_mock/tokens", "", map[string]any{}).requireStatus(t, http.StatusBadRequest)
}

func TestControl_Faults(t *testing.T) {
	f := newFake(t)
	add := func(body string) *res { return f.do("POST", "/_mock/faults", "", body) }
	add(`{"name":"nonsense"}`).requireStatus(t, http.StatusBadRequest)
	add(`{"name":"server_error","status":404}`).requireStatus(t, http.StatusBadRequest)
	add(`{"name":"latency","typo":1}`).requireStatus(t, http.StatusBadRequest)

	r := add(`{"name":"server_error","method":"GET","path":"/v1/people","times":2,"status":503}`)
	r.requireStatus(t, http.StatusCreated)
	assert.NotEmpty(t, r.obj(t)["id"])
	f.get("/v1/teams").requireStatus(t, http.StatusOK)                                                   // other path
	f.do("POST", "/v1/people", adminTok, newPersonBody("f@example.com")).requireStatus(t, http.StatusOK) // other method
	f.get("/v1/people/me").requireStatus(t, http.StatusServiceUnavailable)
	f.get("/v1/people").requireStatus(t, http.StatusServiceUnavailable)
	f.get("/v1/people").requireStatus(t, http.StatusOK) // used up

	add(`{"name":"token_expired"}`).requireStatus(t, http.StatusCreated)
	r = f.get("/v1/teams")
	r.requireStatus(t, http.StatusUnauthorized)
	assert.Equal(t, msgUnauthorized, r.obj(t)["message"])
	f.do("DELETE", "/_mock/faults", "", nil).requireStatus(t, http.StatusNoContent)
	f.get("/v1/teams").requireStatus(t, http.StatusOK)

	add(`{"name":"rate_limit","retry_after":3,"times":1}`).requireStatus(t, http.StatusCreated)
	r = f.get("/v1/teams")
	r.requireStatus(t, http.StatusTooManyRequests)
	assert.Equal(t, "3", r.hdr.Get("Retry-After"))

	add(`{"name":"latency","ms":50,"times":1}`).requireStatus(t, http.StatusCreated)
	start := time.Now()
	f.get("/v1/teams").requireStatus(t, http.StatusOK)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
}

func TestControl_DropConnection(t *testing.T) {
	f := newFake(t)
	srv := httptest.NewServer(f.s)
	defer srv.Close()
	_, err := f.s.AddFault(Fault{Name: FaultDropConnection, Times: 1})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/v1/people/me", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+adminTok)
	client := srv.Client()
	_, err = client.Do(req)
	require.Error(t, err, "the connection is closed without an answer")
	resp, err := client.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestControl_ClockSettingsHealth(t *testing.T) {
	f := newFake(t)
	r := f.do("POST", "/_mock/clock", "", `{"advance":"336h"}`)
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, "2026-12-10T09:15:02.123Z", r.obj(t)["now"])
	f.get("/v1/people/me").requireStatus(t, http.StatusUnauthorized) // WX18 over HTTP
	f.do("POST", "/_mock/clock", "", `{"advance":"-1h"}`).requireStatus(t, http.StatusBadRequest)
	r = f.do("POST", "/_mock/clock", "", `{"set":"2027-01-01T00:00:00Z"}`)
	assert.Equal(t, "2027-01-01T00:00:00.000Z", r.obj(t)["now"])
	require.NoError(t, f.s.Reset())
	f.get("/v1/people/me").requireStatus(t, http.StatusOK) // reset re-issues the admin token

	r = f.do("POST", "/_mock/settings", "", `{"quirks":"WX01,WX05","listLag":"2s","rateLimit":5}`)
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, map[string]any{"quirks": "WX01,WX05", "listLag": "2s", "rateLimit": float64(5), "retryAfterForm": "seconds", "latency": "0s", "jitter": "0s"}, r.obj(t))
	assert.False(t, f.s.Settings().Quirks.On(WX07))
	r = f.do("POST", "/_mock/settings", "", `{"rateLimit":0}`)
	assert.Equal(t, "WX01,WX05", r.obj(t)["quirks"], "fields left out are kept")
	f.do("POST", "/_mock/settings", "", `{"quirks":"WX99"}`).requireStatus(t, http.StatusBadRequest)
	f.do("POST", "/_mock/settings", "", `{"listLag":"soon"}`).requireStatus(t, http.StatusBadRequest)
	assert.Equal(t, "all", f.do("POST", "/_mock/settings", "", `{"quirks":"all"}`).obj(t)["quirks"])
	f.do("GET", "/_mock/healthz", "", nil).requireStatus(t, http.StatusOK)
	f.do("GET", "/_mock/nothing", "", nil).requireStatus(t, http.StatusNotFound)
}

func TestOAuth_AuthorizationCodeFlow(t *testing.T) {
	f := newFake(t)
	q := url.Values{"client_id": {"mock-client-id"}, "response_type": {"code"}, "redirect_uri": {"http://127.0.0.1:8080/consent/callback"},
		"scope": {"spark:people_read"}, "state": {"xyz"}, "login_hint": {"admin@example.com"}}
	r := f.do("GET", "/v1/authorize?"+q.Encode(), "", nil)
	require.Equal(t, http.StatusFound, r.code, "%s", r.body)
	loc, err := url.Parse(r.hdr.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8080", loc.Host)
	assert.Equal(t, "xyz", loc.Query().Get("state"))
	code := loc.Query().Get("code")
	require.NotEmpty(t, code)

	// Exchange with HTTP Basic client authentication.
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {"http://127.0.0.1:8080/consent/callback"}}
	req := httptest.NewRequest(http.MethodPost, "/v1/access_token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("mock-client-id", "mock-client-secret")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var tok map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &tok))
	assert.Equal(t, float64(1209600), tok["expires_in"])
	assert.Equal(t, float64(7776000), tok["refresh_token_expires_in"])
	assert.Equal(t, "Bearer", tok["token_type"])
	me := f.do("GET", "/v1/people/me", tok["access_token"].(string), nil).obj(t)
	assert.Equal(t, "admin@example.com", me["emails"].([]any)[0])
	// The code is single-use.
	form.Set("client_id", "mock-client-id")
	form.Set("client_secret", "mock-client-secret")
	bad := f.tokenRequest(form)
	bad.requireStatus(t, http.StatusBadRequest)
	assert.Equal(t, "invalid_grant", bad.obj(t)["error"])
	// The refresh token works.
	refreshed := f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok["refresh_token"].(string)},
		"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}})
	refreshed.requireStatus(t, http.StatusOK)
	// Wrong client secret, unknown grant.
	f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "client_id": {"mock-client-id"}, "client_secret": {"x"}}).requireStatus(t, http.StatusUnauthorized)
	f.tokenRequest(url.Values{"grant_type": {"password"}, "client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}}).requireStatus(t, http.StatusBadRequest)
}

func TestOAuth_AuthorizeVariants(t *testing.T) {
	f := newFake(t)
	base := url.Values{"client_id": {"mock-client-id"}, "response_type": {"code"}, "redirect_uri": {"http://localhost:9999/cb"}, "state": {"s"}}
	// The admin's bearer token consents.
	r := f.do("GET", "/v1/authorize?"+base.Encode(), adminTok, nil)
	assert.Equal(t, http.StatusFound, r.code)
	// No consent: a page that asks for a login hint.
	r = f.do("GET", "/v1/authorize?"+base.Encode(), "", nil)
	assert.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, string(r.body), "login_hint")
	for _, mod := range []func(url.Values){
		func(v url.Values) { v.Set("client_id", "other") },
		func(v url.Values) { v.Set("redirect_uri", "https://evil.example/cb") },
		func(v url.Values) { v.Set("response_type", "token") },
	} {
		v := url.Values{}
		for k, vv := range base {
			v[k] = vv
		}
		mod(v)
		f.do("GET", "/v1/authorize?"+v.Encode(), adminTok, nil).requireStatus(t, http.StatusBadRequest)
	}
}
