package mockwebex

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Deviations from SPEC §5 found by the adversarial review, each held by a
// test written before its fix.

// WX12: "above an endpoint's maximum it is clamped, not refused". A max
// beyond the range of an integer is still only above the maximum.
func TestReview_MaxBeyondIntRangeIsClamped(t *testing.T) {
	f := newFake(t)
	huge := "99999999999999999999999"
	for _, target := range []string{
		"/v1/people?max=" + huge,
		"/v1/teams?max=" + huge,
		"/v1/team/memberships?teamId=" + f.teamID("Sales") + "&max=" + huge,
	} {
		r := f.get(target)
		r.requireStatus(t, http.StatusOK)
		assert.NotEmpty(t, r.items(t), target)
		assert.Empty(t, r.next(), "%s: one clamped page holds the whole seed", target)
	}
	// Negative numbers, whatever their size, are still not a max.
	f.get("/v1/people?max=-" + huge).requireStatus(t, http.StatusBadRequest)
	// WX12 off: refused, as any max above the maximum.
	off := newFake(t, without(WX12))
	off.get("/v1/people?max=" + huge).requireStatus(t, http.StatusBadRequest)
}

// SPEC §5: "a closed set of named faults scoped by method and path". A fault
// whose scope can never match a /v1 request (a method no client sends, a
// path without /v1, a query in the path) or that carries a parameter of
// another fault would arm silently and never fire, so a scenario would
// pass without its fault: refused, like an unknown name.
func TestReview_FaultScopeAndParametersAreValidated(t *testing.T) {
	f := newFake(t)
	add := func(body string) *res { return f.do("POST", "/_mock/faults", "", body) }
	for _, bad := range []string{
		`{"name":"server_error","method":"FETCH"}`,
		`{"name":"server_error","method":"GET /v1/people"}`,
		`{"name":"server_error","path":"/people"}`,
		`{"name":"server_error","path":"v1/people"}`,
		`{"name":"server_error","path":"/v1/people?max=1"}`,
		`{"name":"rate_limit","status":503}`,
		`{"name":"server_error","retry_after":3}`,
		`{"name":"drop_connection","ms":10}`,
		`{"name":"latency","ms":10} {"name":"rate_limit"}`,
		`{"name":"latency","times":-1}`,
	} {
		add(bad).requireStatus(t, http.StatusBadRequest)
	}
	_, err := f.s.AddFault(Fault{Name: FaultServerError, Path: "/people"})
	require.Error(t, err, "the Go API validates as the control plane does")
	// What the features and connector tests arm stays valid.
	for _, good := range []string{
		`{"name":"server_error","method":"get","path":"/v1/people","status":503,"times":1}`,
		`{"name":"rate_limit","path":"/v1","retry_after":2}`,
		`{"name":"latency","method":"PATCH","ms":5}`,
		`{"name":"token_expired","method":"DELETE","path":"/v1/team/memberships/"}`,
		`{"name":"drop_connection"}`,
	} {
		add(good).requireStatus(t, http.StatusCreated)
	}
}

// "wrong body field types ... 400 naming the field" (doc.go, SPEC §5): a null
// entry in an array is not a string nor an object; it was stored as "" or {}
// and rendered as an empty entry.
func TestReview_NullArrayEntriesAreRefused(t *testing.T) {
	f := newFake(t)
	target := f.personID("bob.builder@example.com")
	for field, value := range map[string]string{
		"addresses":    `[null]`,
		"phoneNumbers": `[{"type":"work","value":"1"},null]`,
		"siteUrls":     `[null]`,
		"emails":       `["n@example.com",null]`,
	} {
		body := `{"emails":["n@example.com"],"displayName":"N","` + field + `":` + value + `}`
		if field == "emails" {
			body = `{"emails":` + value + `,"displayName":"N"}`
		}
		for _, rq := range []struct{ method, path string }{{"POST", "/v1/people"}, {"PUT", "/v1/people/" + target}} {
			r := f.do(rq.method, rq.path, adminTok, body)
			r.requireStatus(t, http.StatusBadRequest)
			assert.Contains(t, r.obj(t)["message"], field, "%s %s", rq.method, body)
		}
	}
}

// Paths that are not clean (//, /./, /../) were answered by gorilla/mux with
// a 301 to the cleaned path, outside Webex's envelope and unauthenticated;
// a client that follows it turns a POST into a GET (a create answered by a
// list). SPEC §5: unknown endpoints get a clear error in Webex's envelope.
func TestReview_UncleanPathsAreUnknownEndpoints(t *testing.T) {
	f := newFake(t)
	teams := len(f.s.State().Teams)
	for _, rq := range []struct{ method, path string }{
		{"GET", "/v1//people"},
		{"POST", "/v1/./teams"},
		{"GET", "/v1/teams/../people"},
		{"GET", "/_mock/../v1/people"},
	} {
		req := httptest.NewRequest(rq.method, "/", strings.NewReader(`{"name":"x"}`))
		req.URL.Path = rq.path // as sent on the wire (httptest would not keep it)
		req.Header.Set("Authorization", "Bearer "+adminTok)
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		r := &res{code: w.Code, hdr: w.Header(), body: w.Body.Bytes()}
		r.requireStatus(t, http.StatusNotFound)
		assert.Contains(t, r.obj(t)["message"], "Unknown endpoint", rq.path)
	}
	assert.Len(t, f.s.State().Teams, teams, "nothing was created")
}
