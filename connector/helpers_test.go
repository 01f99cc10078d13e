package connector_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// adminID is the seeded consenting administrator of fixtures/seed/default.json
// (base64url of ciscospark://us/PEOPLE/4cea496d-…).
const (
	adminEmail = "admin@example.com"
	scimToken  = "test-scim-token"
	userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
	patchOpURN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	webexExt   = "urn:scim:schemas:extension:webex:2.0:User"
)

// target is a fresh fake Webex with the connector in front of it, served on loopback.
type target struct {
	t     *testing.T
	stack *embedded.Stack
	srv   *httptest.Server
	url   string // http://127.0.0.1:P (no /scim/v2)
	token string
}

// newTarget starts a stack via internal/embedded; opts adjust its Options.
func newTarget(t *testing.T, opts ...func(*embedded.Options)) *target {
	t.Helper()
	o := embedded.Options{SCIMToken: scimToken, CursorKey: []byte("test cursor key")}
	for _, f := range opts {
		f(&o)
	}
	st, err := embedded.Start(context.Background(), o)
	require.NoError(t, err)
	t.Cleanup(st.Close)
	srv := httptest.NewServer(st.Connector)
	t.Cleanup(srv.Close)
	return &target{t: t, stack: st, srv: srv, url: srv.URL, token: st.SCIMToken}
}

// newManualTarget serves a connector whose Webex client uses ts, in front of a fresh fake: for
// tokens the embedded consent does not give (a non-admin, none at all).
func newManualTarget(t *testing.T, fake *mockwebex.Server, ts oauth2.TokenSource, cfg func(*connector.Config)) *target {
	t.Helper()
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	client, err := webex.New(webex.Config{
		BaseURL: fsrv.URL + "/v1", HTTPClient: fsrv.Client(), TokenSource: ts,
		MaxAttempts: 1, Sleep: func(context.Context, time.Duration) error { return nil },
	})
	require.NoError(t, err)
	c := connector.Config{Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: scimToken}
	if cfg != nil {
		cfg(&c)
	}
	conn, err := connector.New(c)
	require.NoError(t, err)
	srv := httptest.NewServer(conn)
	t.Cleanup(srv.Close)
	return &target{t: t, srv: srv, url: srv.URL, token: scimToken}
}

// response is an answer, its body also parsed with gjson.
type response struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   gjson.Result
}

// do sends a request to the connector with the SCIM token. body is sent as is when it is a
// string or []byte, else JSON-encoded. hdr is pairs of header name and value.
func (tg *target) do(method, path string, body any, hdr ...string) response {
	tg.t.Helper()
	return tg.doAs(tg.token, method, path, body, hdr...)
}

// doAs is do with another bearer token ("" sends none).
func (tg *target) doAs(token, method, path string, body any, hdr ...string) response {
	tg.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(tg.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, tg.url+path, rd)
	require.NoError(tg.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/scim+json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := tg.srv.Client().Do(req)
	require.NoError(tg.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(tg.t, err)
	return response{Status: resp.StatusCode, Header: resp.Header, Body: raw, JSON: gjson.ParseBytes(raw)}
}

// fake is the target's fake Webex.
func (tg *target) fake() *mockwebex.Server { return tg.stack.Fake }

// person is what Webex holds for id, from the fake's state.
func (tg *target) person(id string) (mockwebex.Person, bool) {
	tg.t.Helper()
	for _, p := range tg.fake().State().People {
		if p.ID == id {
			return p, true
		}
	}
	return mockwebex.Person{}, false
}

// personByEmail finds a person in the fake's state.
func (tg *target) personByEmail(email string) (mockwebex.Person, bool) {
	tg.t.Helper()
	for _, p := range tg.fake().State().People {
		if len(p.Emails) > 0 && strings.EqualFold(p.Emails[0], email) {
			return p, true
		}
	}
	return mockwebex.Person{}, false
}

// webexRequests are the requests the fake received since the last clear, as "METHOD /path?query".
func (tg *target) webexRequests() []string {
	var out []string
	for _, r := range tg.fake().Requests() {
		line := r.Method + " " + r.Path
		if r.Query != "" {
			line += "?" + r.Query
		}
		out = append(out, line)
	}
	return out
}

// webexDirect calls the fake's API with the seeded admin's token (as a second Webex client would).
func (tg *target) webexDirect(method, path string) int {
	tg.t.Helper()
	req, err := http.NewRequest(method, tg.stack.WebexURL+path, nil)
	require.NoError(tg.t, err)
	req.Header.Set("Authorization", "Bearer "+tg.stack.WebexAdminToken)
	resp, err := tg.srv.Client().Do(req)
	require.NoError(tg.t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(tg.t, resp.Body.Close())
	return resp.StatusCode
}

// createUser creates a user through SCIM and returns its id.
func (tg *target) createUser(userName, given, family string) string {
	tg.t.Helper()
	r := tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{
		"schemas":  []string{userSchema},
		"userName": userName,
		"name":     map[string]any{"givenName": given, "familyName": family},
	})
	require.Equal(tg.t, http.StatusCreated, r.Status, string(r.Body))
	return r.JSON.Get("id").String()
}

// adminID is the seeded admin's Webex id.
func (tg *target) adminID() string {
	tg.t.Helper()
	p, ok := tg.personByEmail(adminEmail)
	require.True(tg.t, ok)
	return p.ID
}

// settableClock is a clock tests move by hand. Safe for concurrent use.
type settableClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *settableClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// requireSCIMError checks an RFC 7644 §3.12 error answer.
func requireSCIMError(t *testing.T, r response, status int, scimType string) {
	t.Helper()
	require.Equal(t, status, r.Status, string(r.Body))
	require.Equal(t, "urn:ietf:params:scim:api:messages:2.0:Error", r.JSON.Get("schemas.0").String(), string(r.Body))
	require.Equal(t, gjson.String, r.JSON.Get("status").Type, "status is a string (RFC 7644 §3.12)")
	require.Equal(t, strconv.Itoa(status), r.JSON.Get("status").String())
	require.Equal(t, scimType, r.JSON.Get("scimType").String(), string(r.Body))
	require.NotEmpty(t, r.JSON.Get("detail").String())
}

func itoa(n int) string { return strconv.Itoa(n) }
