package mockwebex

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testStart is the fake clock's start in every test.
var testStart = time.Date(2026, 11, 26, 9, 15, 2, 123_000_000, time.UTC)

const adminTok = "admin-token"

// fake is a Server under test. Every request goes through the OpenAPI
// validator (openapi_test.go), so every test also checks fidelity to the
// official spec.
type fake struct {
	t     *testing.T
	s     *Server
	h     http.Handler
	clock *FakeClock
}

func newFake(t *testing.T, opts ...Option) *fake {
	t.Helper()
	clock := NewFakeClock(testStart)
	all := append([]Option{WithClock(clock), WithAdminToken(adminTok)}, opts...)
	s, err := New(all...)
	require.NoError(t, err)
	return &fake{t: t, s: s, h: validating(t, s), clock: clock}
}

type res struct {
	code int
	hdr  http.Header
	body []byte
}

// do sends a request. body: nil (none), string or []byte (raw), else JSON.
func (f *fake) do(method, target, token string, body any) *res {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(f.t, err)
		rd = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, target, rd)
	req.Host = "fake.test"
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	return &res{code: w.Code, hdr: w.Header(), body: w.Body.Bytes()}
}

func (f *fake) get(target string) *res {
	f.t.Helper()
	return f.do(http.MethodGet, target, adminTok, nil)
}

// obj decodes a JSON object answer.
func (r *res) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), "body: %s", r.body)
	return m
}

// items decodes a list answer's items.
func (r *res) items(t *testing.T) []map[string]any {
	t.Helper()
	var l struct {
		Items []map[string]any `json:"items"`
	}
	require.NoError(t, json.Unmarshal(r.body, &l), "body: %s", r.body)
	return l.Items
}

// next returns the URL of the Link rel="next" header, or "".
func (r *res) next() string {
	l := r.hdr.Get("Link")
	if l == "" {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(l, "<"), `>; rel="next"`)
}

// requireStatus checks the status and, for errors, Webex's envelope.
func (r *res) requireStatus(t *testing.T, code int) {
	t.Helper()
	require.Equal(t, code, r.code, "body: %s", r.body)
	if code >= 400 {
		requireEnvelope(t, r)
	}
}

func requireEnvelope(t *testing.T, r *res) {
	t.Helper()
	require.Equal(t, "application/json", r.hdr.Get("Content-Type"))
	tid := r.hdr.Get("trackingid")
	require.True(t, strings.HasPrefix(tid, "ROUTER_"), "trackingid header %q", tid)
	var env struct {
		Message string `json:"message"`
		Errors  []struct {
			Description string `json:"description"`
		} `json:"errors"`
		TrackingID string `json:"trackingId"`
	}
	require.NoError(t, json.Unmarshal(r.body, &env), "body: %s", r.body)
	require.NotEmpty(t, env.Message)
	require.Len(t, env.Errors, 1)
	require.NotEmpty(t, env.Errors[0].Description)
	require.Equal(t, tid, env.TrackingID)
}

// person finds a seeded person's id by email.
func (f *fake) personID(email string) string {
	f.t.Helper()
	r := f.get("/v1/people?email=" + email)
	r.requireStatus(f.t, http.StatusOK)
	items := r.items(f.t)
	require.Len(f.t, items, 1, "person %s", email)
	return items[0]["id"].(string)
}

// tokenFor issues a token for a seeded person.
func (f *fake) tokenFor(email string) string {
	f.t.Helper()
	tok, err := f.s.IssueToken(email)
	require.NoError(f.t, err)
	return tok
}

// teamByName finds a seeded team's id.
func (f *fake) teamID(name string) string {
	f.t.Helper()
	for _, tm := range f.s.State().Teams {
		if tm.Name == name {
			return tm.ID
		}
	}
	f.t.Fatalf("no team %q", name)
	return ""
}

// membershipOf finds the membership of a person in a team.
func (f *fake) membershipOf(teamID, personID string) string {
	f.t.Helper()
	for _, m := range f.s.State().Memberships {
		if m.TeamID == teamID && m.PersonID == personID {
			return m.ID
		}
	}
	f.t.Fatalf("no membership of %s in %s", personID, teamID)
	return ""
}

func newPersonBody(email string) map[string]any {
	return map[string]any{"emails": []string{email}, "displayName": "New Person", "firstName": "New", "lastName": "Person"}
}

// tokenRequest posts a form to /v1/access_token.
func (f *fake) tokenRequest(form url.Values) *res {
	f.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/v1/access_token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	return &res{code: w.Code, hdr: w.Header(), body: w.Body.Bytes()}
}
