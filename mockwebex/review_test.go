package mockwebex

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Deviations from design §5 found by the adversarial review, each held by a
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
	f.get("/v1/people?max=-"+huge).requireStatus(t, http.StatusBadRequest)
	// WX12 off: refused, as any max above the maximum.
	off := newFake(t, without(WX12))
	off.get("/v1/people?max="+huge).requireStatus(t, http.StatusBadRequest)
}

// design §5: "a closed set of named faults scoped by method and path". A fault
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

// "wrong body field types ... 400 naming the field" (doc.go, design §5): a null
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
// list). design §5: unknown endpoints get a clear error in Webex's envelope.
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

// apiRoutes lists one request per route of design §5 (ids need not exist: a
// bad token must be 401 before anything else is looked at).
func apiRoutes(f *fake) []struct{ method, path string } {
	person, team := f.personID("bob.builder@example.com"), f.teamID("Sales")
	m := f.membershipOf(team, f.personID("admin@example.com"))
	role, lic := f.s.State().Roles[0].ID, f.s.State().Licenses[0].ID
	return []struct{ method, path string }{
		{"GET", "/v1/people"}, {"POST", "/v1/people"}, {"GET", "/v1/people/me"},
		{"GET", "/v1/people/" + person}, {"PUT", "/v1/people/" + person}, {"DELETE", "/v1/people/" + person},
		{"GET", "/v1/roles"}, {"GET", "/v1/roles/" + role}, {"GET", "/v1/licenses"}, {"GET", "/v1/licenses/" + lic},
		{"GET", "/v1/teams"}, {"POST", "/v1/teams"}, {"GET", "/v1/teams/" + team}, {"PUT", "/v1/teams/" + team},
		{"DELETE", "/v1/teams/" + team}, {"GET", "/v1/team/memberships?teamId=" + team}, {"POST", "/v1/team/memberships"},
		{"GET", "/v1/team/memberships/" + m}, {"PUT", "/v1/team/memberships/" + m}, {"DELETE", "/v1/team/memberships/" + m},
	}
}

// design §5 and WX16/WX18: a bad token is 401, never 403, on every endpoint
// and with or without a trailing slash; that includes a token the control
// plane issued and the admin's own, once expired on the fake's clock.
func TestReview_BadTokensAre401Everywhere(t *testing.T) {
	f := newFake(t)
	issued := f.do("POST", "/_mock/tokens", "", `{"email":"trent.tanaka@example.com"}`).obj(t)["access_token"].(string)
	routes := apiRoutes(f)
	f.clock.Advance(accessTokenTTL)
	for _, rt := range routes {
		withSlash := rt.path + "/"
		if i := strings.IndexByte(rt.path, '?'); i >= 0 {
			withSlash = rt.path[:i] + "/" + rt.path[i:]
		}
		for _, path := range []string{rt.path, withSlash} {
			for _, tok := range []string{"", "unknown", issued, adminTok} {
				r := f.do(rt.method, path, tok, `{"name":"x"}`)
				r.requireStatus(t, http.StatusUnauthorized)
				assert.Equal(t, msgUnauthorized, r.obj(t)["message"], "%s %s", rt.method, path)
			}
		}
	}
}

// design §5: "GET, POST and PUT answer 200 (never 201); DELETE answers 204";
// a 204 has no body and no Content-Type; every /v1 answer has a trackingid.
func TestReview_StatusesBodiesAndTrackingIDs(t *testing.T) {
	f := newFake(t)
	seen := map[string]bool{}
	check := func(r *res, code int, what string) {
		t.Helper()
		r.requireStatus(t, code)
		tid := r.hdr.Get("trackingid")
		assert.True(t, strings.HasPrefix(tid, "ROUTER_"), "%s: trackingid %q", what, tid)
		assert.False(t, seen[tid], "%s: trackingid %s reused", what, tid)
		seen[tid] = true
		if code == http.StatusNoContent {
			assert.Empty(t, r.body, what)
			assert.Empty(t, r.hdr.Get("Content-Type"), what)
		}
	}
	p := f.do("POST", "/v1/people", adminTok, newPersonBody("st@example.com"))
	check(p, http.StatusOK, "POST /people")
	pid := p.obj(t)["id"].(string)
	check(f.do("PUT", "/v1/people/"+pid+"/", adminTok, map[string]any{"displayName": "S T"}), http.StatusOK, "PUT /people")
	tm := f.do("POST", "/v1/teams/", adminTok, map[string]any{"name": "Status"})
	check(tm, http.StatusOK, "POST /teams")
	tid := tm.obj(t)["id"].(string)
	check(f.do("PUT", "/v1/teams/"+tid, adminTok, map[string]any{"name": "Status 2"}), http.StatusOK, "PUT /teams")
	m := f.do("POST", "/v1/team/memberships", adminTok, map[string]any{"teamId": tid, "personId": pid})
	check(m, http.StatusOK, "POST /team/memberships")
	mid := m.obj(t)["id"].(string)
	check(f.do("PUT", "/v1/team/memberships/"+mid, adminTok, map[string]any{"isModerator": true}), http.StatusOK, "PUT membership")
	check(f.do("DELETE", "/v1/team/memberships/"+mid+"/", adminTok, nil), http.StatusNoContent, "DELETE membership")
	check(f.do("DELETE", "/v1/teams/"+tid, adminTok, nil), http.StatusNoContent, "DELETE /teams")
	check(f.do("DELETE", "/v1/people/"+pid, adminTok, nil), http.StatusNoContent, "DELETE /people")
	for _, rt := range apiRoutes(f) {
		if rt.method == "GET" {
			check(f.get(rt.path), http.StatusOK, rt.path)
		}
	}
	check(f.get("/v1/nothing"), http.StatusNotFound, "unknown endpoint")
	check(f.do("PATCH", "/v1/teams", adminTok, nil), http.StatusMethodNotAllowed, "PATCH /teams")
	r := f.do("GET", "/v1/authorize?client_id=mock-client-id&response_type=code&redirect_uri=http://127.0.0.1/cb&login_hint=admin@example.com", "", nil)
	check(r, http.StatusFound, "authorize")
}

// concurrentClient is a goroutine-safe caller of a live fake: it returns
// errors instead of failing the test from a goroutine.
type concurrentClient struct {
	base string
	hc   *http.Client
}

func (c concurrentClient) call(method, path string, body any, want int, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+adminTok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	if link := resp.Header.Get("Link"); link != "" && out != nil {
		if l, ok := out.(*pageOut); ok {
			l.next = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`), c.base)
		}
	}
	return nil
}

type pageOut struct {
	Items []struct {
		ID string `json:"id"`
	} `json:"items"`
	next string
}

// Concurrent writers and readers (run with -race): 50 clients each create a
// person holding a licence, a team and a membership, walk the people list
// page by page while the others write, then undo it all. No request fails,
// no walk sees a person twice, and afterwards the state and the licence
// counts are exactly the seed's (no lost update).
func TestReview_ConcurrentWritesAndListsStayConsistent(t *testing.T) {
	f := newFake(t)
	srv := httptest.NewServer(f.s)
	defer srv.Close()
	c := concurrentClient{base: srv.URL, hc: srv.Client()}
	before := f.s.State()
	lic := before.Licenses[0]

	const workers = 50
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- func() error {
				var p, tm, m struct {
					ID string `json:"id"`
				}
				body := newPersonBody(fmt.Sprintf("conc%02d@example.com", i))
				body["licenses"] = []string{lic.ID}
				if err := c.call("POST", "/v1/people", body, http.StatusOK, &p); err != nil {
					return err
				}
				if err := c.call("POST", "/v1/teams", map[string]any{"name": fmt.Sprintf("C%02d", i)}, http.StatusOK, &tm); err != nil {
					return err
				}
				if err := c.call("POST", "/v1/team/memberships", map[string]any{"teamId": tm.ID, "personId": p.ID}, http.StatusOK, &m); err != nil {
					return err
				}
				seen := map[string]bool{}
				for next := "/v1/people?max=7"; next != ""; {
					var pg pageOut
					if err := c.call("GET", next, nil, http.StatusOK, &pg); err != nil {
						return err
					}
					for _, it := range pg.Items {
						if seen[it.ID] {
							return fmt.Errorf("worker %d: person %s listed twice in one walk", i, it.ID)
						}
						seen[it.ID] = true
					}
					next = pg.next
				}
				if !seen[p.ID] {
					return fmt.Errorf("worker %d: its own person is missing from the walk", i)
				}
				if err := c.call("GET", "/v1/teams?max=3", nil, http.StatusOK, &pageOut{}); err != nil {
					return err
				}
				if err := c.call("PUT", "/v1/people/"+p.ID, map[string]any{"displayName": "Done", "licenses": []string{lic.ID}}, http.StatusOK, nil); err != nil {
					return err
				}
				for _, del := range []string{"/v1/team/memberships/" + m.ID, "/v1/people/" + p.ID} {
					if err := c.call("DELETE", del, nil, http.StatusNoContent, nil); err != nil {
						return err
					}
				}
				// The admin, its creator, is still its member and moderator (WX11).
				return c.call("DELETE", "/v1/teams/"+tm.ID, nil, http.StatusNoContent, nil)
			}()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	after := f.s.State()
	assert.Len(t, after.People, len(before.People))
	assert.Len(t, after.Teams, len(before.Teams))
	assert.Len(t, after.Memberships, len(before.Memberships))
	assert.Equal(t, before.Licenses, after.Licenses, "licence counts back to the seed's")
}

// design §5: "unsupported parameters get a clear error (strict by default)".
// A query pair net/url cannot parse (a ';' separator, a bad %-escape) was
// dropped without a word: ?max=1;cursor=x answered a full page of 100, as if
// max had not been sent. Refused with 400 instead (after the token check).
func TestReview_MalformedQueryIsRefused(t *testing.T) {
	f := newFake(t)
	for _, target := range []string{
		"/v1/people?max=1;cursor=x",
		"/v1/people?a;b=1",
		"/v1/people?%zz=1",
		"/v1/people?email=%zz",
		"/v1/teams?max=2&cursor=%",
	} {
		r := f.get(target)
		r.requireStatus(t, http.StatusBadRequest)
		assert.Contains(t, r.obj(t)["message"], "query", target)
		f.do("GET", target, "bad", nil).requireStatus(t, http.StatusUnauthorized)
	}
}

// The next link is absolute on the request's own host, with the scheme a
// proxy reports in X-Forwarded-Proto (design §5 paging; doc.go). A value that
// is no web scheme (a misconfigured or hostile header) made the fake write
// Link: <javascript://...>; only http and https are taken from it.
func TestReview_ForwardedProtoOnlyHTTPOrHTTPS(t *testing.T) {
	f := newFake(t)
	for proto, want := range map[string]string{
		"https":         "https://fake.test/",
		"HTTPS, http":   "https://fake.test/",
		"http":          "http://fake.test/",
		"javascript":    "http://fake.test/",
		"ftp":           "http://fake.test/",
		"https://x.org": "http://fake.test/",
	} {
		req := httptest.NewRequest(http.MethodGet, "/v1/people?max=2", nil)
		req.Host = "fake.test"
		req.Header.Set("Authorization", "Bearer "+adminTok)
		req.Header.Set("X-Forwarded-Proto", proto)
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		require.Equal(t, http.StatusOK, w.Code)
		assert.True(t, strings.HasPrefix(w.Header().Get("Link"), "<"+want+"v1/people?max=2&cursor="), "%q: %s", proto, w.Header().Get("Link"))
	}
}
