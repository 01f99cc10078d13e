package webex

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestNewRefusesUnusableConfig(t *testing.T) {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})
	tests := []struct {
		name string
		cfg  Config
	}{
		{"empty base URL", Config{TokenSource: ts}},
		{"relative base URL", Config{BaseURL: "/v1", TokenSource: ts}},
		{"not http", Config{BaseURL: "ftp://webexapis.com/v1", TokenSource: ts}},
		{"query in base URL", Config{BaseURL: "https://webexapis.com/v1?x=1", TokenSource: ts}},
		{"user info in base URL", Config{BaseURL: "https://u:p@webexapis.com/v1", TokenSource: ts}},
		{"no token source", Config{BaseURL: "https://webexapis.com/v1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			require.Error(t, err)
		})
	}
}

func TestEveryCallSendsTheWebexHeaders(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		switch {
		case req.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case strings.HasSuffix(req.URL.Path, "/people") && req.Method == http.MethodGet,
			strings.HasSuffix(req.URL.Path, "/teams") && req.Method == http.MethodGet,
			strings.HasSuffix(req.URL.Path, "/team/memberships") && req.Method == http.MethodGet,
			strings.HasSuffix(req.URL.Path, "/roles"), strings.HasSuffix(req.URL.Path, "/licenses"):
			writeJSON(w, 200, `{"items":[]}`)
		default:
			writeJSON(w, 200, `{"id":"X"}`)
		}
	})
	c, _, _ := newTestClient(t, r, func(cfg *Config) { cfg.BaseURL = r.base() + "/" })
	ctx := context.Background()
	tests := []struct {
		name      string
		call      func() error
		method    string
		path      string
		query     string
		body      string // JSON expected, "" for none
		assertion func(t *testing.T, s seen)
	}{
		{"me", func() error { _, err := c.Me(ctx); return err }, "GET", "/v1/people/me", "", "", nil},
		{"ping", func() error { return c.Ping(ctx) }, "GET", "/v1/people/me", "", "", nil},
		{"get person", func() error { _, err := c.GetPerson(ctx, "P1"); return err }, "GET", "/v1/people/P1", "", "", nil},
		{"list people by email", func() error {
			_, err := c.ListPeople(ctx, PeopleQuery{Email: "a+b@example.com", Max: 50}, "")
			return err
		}, "GET", "/v1/people", "email=a%2Bb%40example.com&max=50", "", nil},
		{"list people by ids and name", func() error {
			_, err := c.ListPeople(ctx, PeopleQuery{DisplayName: "Jo", IDs: []string{"A", "B"}}, "")
			return err
		}, "GET", "/v1/people", "displayName=Jo&id=A%2CB", "", nil},
		{"create person", func() error {
			_, err := c.CreatePerson(ctx, Person{Emails: []string{"a@example.com"}, DisplayName: "A", ID: "ignored", Status: "active"})
			return err
		}, "POST", "/v1/people", "", `{"emails":["a@example.com"],"displayName":"A"}`, nil},
		{"update person", func() error {
			_, err := c.UpdatePerson(ctx, "P1", Person{Emails: []string{"a@example.com"}, DisplayName: "A", Roles: []string{}})
			return err
		}, "PUT", "/v1/people/P1", "", `{"emails":["a@example.com"],"displayName":"A","roles":[]}`, nil},
		{"delete person", func() error { return c.DeletePerson(ctx, "P1") }, "DELETE", "/v1/people/P1", "", "", nil},
		{"list teams", func() error { _, err := c.ListTeams(ctx, 10, ""); return err }, "GET", "/v1/teams", "max=10", "", nil},
		{"get team", func() error { _, err := c.GetTeam(ctx, "T1"); return err }, "GET", "/v1/teams/T1", "", "", nil},
		{"create team", func() error { _, err := c.CreateTeam(ctx, "Build Squad"); return err }, "POST", "/v1/teams", "", `{"name":"Build Squad"}`, nil},
		{"update team", func() error { _, err := c.UpdateTeam(ctx, "T1", "New"); return err }, "PUT", "/v1/teams/T1", "", `{"name":"New"}`, nil},
		{"delete team", func() error { return c.DeleteTeam(ctx, "T1") }, "DELETE", "/v1/teams/T1", "", "", nil},
		{"list memberships", func() error { _, err := c.ListMemberships(ctx, "T1", 0, ""); return err }, "GET", "/v1/team/memberships", "teamId=T1", "", nil},
		{"create membership", func() error { _, err := c.CreateMembership(ctx, "T1", "P1", true); return err },
			"POST", "/v1/team/memberships", "", `{"teamId":"T1","personId":"P1","isModerator":true}`, nil},
		{"update membership", func() error { _, err := c.UpdateMembership(ctx, "M1", false); return err },
			"PUT", "/v1/team/memberships/M1", "", `{"isModerator":false}`, nil},
		{"delete membership", func() error { return c.DeleteMembership(ctx, "M1") }, "DELETE", "/v1/team/memberships/M1", "", "", nil},
		{"list roles", func() error { _, err := c.ListRoles(ctx); return err }, "GET", "/v1/roles", "", "", nil},
		{"get role", func() error { _, err := c.GetRole(ctx, "R1"); return err }, "GET", "/v1/roles/R1", "", "", nil},
		{"list licenses", func() error { _, err := c.ListLicenses(ctx); return err }, "GET", "/v1/licenses", "", "", nil},
		{"get license", func() error { _, err := c.GetLicense(ctx, "L1"); return err }, "GET", "/v1/licenses/L1", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(r.seen())
			require.NoError(t, tt.call())
			all := r.seen()
			require.Len(t, all, before+1, "exactly one request")
			s := all[before]
			assert.Equal(t, tt.method, s.Method)
			assert.Equal(t, tt.path, s.Path)
			assert.Equal(t, tt.query, s.RawQuery)
			assert.Equal(t, "Bearer "+testToken, s.Header.Get("Authorization"))
			assert.Equal(t, "application/json", s.Header.Get("Accept"))
			assert.Equal(t, "webex-scim/test", s.Header.Get("User-Agent"))
			if tt.body == "" {
				assert.Empty(t, s.Body)
				assert.Empty(t, s.Header.Get("Content-Type"))
			} else {
				assert.JSONEq(t, tt.body, string(s.Body))
				assert.Equal(t, "application/json", s.Header.Get("Content-Type"))
			}
		})
	}
}

// script answers requests in order from a list of handlers; the last one repeats.
func script(steps ...http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	i := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := steps[min(i, len(steps)-1)]
		i++
		mu.Unlock()
		h(w, r)
	}
}

func status(code int, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		webexError(w, code, "status "+http.StatusText(code))
	}
}

func ok(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, body) }
}

// hangUp closes the connection without an answer: a transport error for the client.
func hangUp(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestRetryRules(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	get := func(c *Client) error { _, err := c.GetTeam(context.Background(), "T1"); return err }
	put := func(c *Client) error { _, err := c.UpdateTeam(context.Background(), "T1", "n"); return err }
	del := func(c *Client) error { return c.DeleteTeam(context.Background(), "T1") }
	post := func(c *Client) error { _, err := c.CreateTeam(context.Background(), "n"); return err }
	tests := []struct {
		name        string
		handler     http.HandlerFunc
		call        func(*Client) error
		cfg         func(*Config)
		wantCalls   int
		wantWaits   []time.Duration
		wantErr     bool
		wantStatus  int           // of the returned Error (0: transport failure)
		wantRetryAf time.Duration // of the returned Error
	}{
		{"429 then success on a POST waits Retry-After", script(status(429, "Retry-After", "2"), ok(`{"id":"T"}`)), post, nil,
			2, []time.Duration{2 * time.Second}, false, 0, 0},
		{"429 without Retry-After waits 1s", script(status(429), ok(`{"id":"T"}`)), get, nil,
			2, []time.Duration{time.Second}, false, 0, 0},
		{"429 with garbage Retry-After waits 1s", script(status(429, "Retry-After", "soon"), ok(`{"id":"T"}`)), put, nil,
			2, []time.Duration{time.Second}, false, 0, 0},
		{"429 with an HTTP-date Retry-After", script(status(429, "Retry-After", now.Add(5*time.Second).Format(http.TimeFormat)), ok(`{}`)), del, nil,
			2, []time.Duration{5 * time.Second}, false, 0, 0},
		{"429 for ever stops after MaxAttempts with RetryAfter", status(429, "Retry-After", "3"), post, nil,
			4, []time.Duration{3 * time.Second, 3 * time.Second, 3 * time.Second}, true, 429, 3 * time.Second},
		{"429 for ever without Retry-After reports 1s", status(429), get, nil,
			4, []time.Duration{time.Second, time.Second, time.Second}, true, 429, time.Second},
		{"429 longer than the wait budget is not waited for", status(429, "Retry-After", "60"), get, nil,
			1, nil, true, 429, 60 * time.Second},
		{"429 waits stop at the budget", status(429, "Retry-After", "4"), get, func(c *Config) { c.MaxRetryWait = 10 * time.Second; c.MaxAttempts = 10 },
			3, []time.Duration{4 * time.Second, 4 * time.Second}, true, 429, 4 * time.Second},
		{"GET retried after 502, 503, 504 with doubling backoff", script(status(502), status(503), status(504), ok(`{"id":"T"}`)), get, nil,
			4, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}, false, 0, 0},
		{"PUT retried after 503", script(status(503), ok(`{"id":"T"}`)), put, nil,
			2, []time.Duration{100 * time.Millisecond}, false, 0, 0},
		{"DELETE retried after 502", script(status(502), func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }), del, nil,
			2, []time.Duration{100 * time.Millisecond}, false, 0, 0},
		{"503 Retry-After longer than the backoff wins", script(status(503, "Retry-After", "2"), ok(`{}`)), get, nil,
			2, []time.Duration{2 * time.Second}, false, 0, 0},
		{"POST is never retried after a 503", status(503), post, nil, 1, nil, true, 503, 0},
		{"POST is never retried after a 502", status(502), post, nil, 1, nil, true, 502, 0},
		{"GET retried after a 500 (design §3.9: 5xx on a read)", script(status(500), ok(`{"id":"T"}`)), get, nil,
			2, []time.Duration{100 * time.Millisecond}, false, 0, 0},
		{"POST is never retried after a 500", status(500), post, nil, 1, nil, true, 500, 0},
		{"501 is not retried", status(501), get, nil, 1, nil, true, 501, 0},
		{"404 is not retried", status(404), get, nil, 1, nil, true, 404, 0},
		{"400 is not retried", status(400), put, nil, 1, nil, true, 400, 0},
		{"MaxAttempts 1 means no retry", status(503), get, func(c *Config) { c.MaxAttempts = 1 }, 1, nil, true, 503, 0},
		{"GET retried after a dropped connection", script(hangUp, ok(`{"id":"T"}`)), get, nil,
			2, []time.Duration{100 * time.Millisecond}, false, 0, 0},
		{"POST not retried after a dropped connection", hangUp, post, nil, 1, nil, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecorder(t, tt.handler)
			c, sl, _ := newTestClient(t, r, func(cfg *Config) {
				cfg.Now = func() time.Time { return now }
				if tt.cfg != nil {
					tt.cfg(cfg)
				}
			})
			err := tt.call(c)
			assert.Len(t, r.seen(), tt.wantCalls, "requests sent")
			assert.Equal(t, tt.wantWaits, sl.all(), "waits between attempts")
			if !tt.wantErr {
				require.NoError(t, err)
				return
			}
			var we *Error
			require.ErrorAs(t, err, &we)
			assert.Equal(t, tt.wantStatus, we.Status)
			assert.Equal(t, tt.wantRetryAf, we.RetryAfter)
		})
	}
}

func TestPerAttemptTimeoutIsRetriedForReads(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) { <-req.Context().Done() })
	c, sl, _ := newTestClient(t, r, func(cfg *Config) { cfg.Timeout = 20 * time.Millisecond; cfg.MaxAttempts = 2 })
	_, err := c.GetPerson(context.Background(), "P1")
	var we *Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, 0, we.Status)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Len(t, r.seen(), 2)
	assert.Len(t, sl.all(), 1)
}

func TestCallerCancellationStopsRetrying(t *testing.T) {
	r := newRecorder(t, status(503))
	ctx, cancel := context.WithCancel(context.Background())
	c, _, _ := newTestClient(t, r, func(cfg *Config) {
		cfg.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	})
	_, err := c.GetPerson(ctx, "P1")
	assert.ErrorIs(t, err, context.Canceled)
	assert.Len(t, r.seen(), 1)

	_, err = c.GetPerson(ctx, "P1") // already cancelled: nothing is sent
	assert.ErrorIs(t, err, context.Canceled)
	assert.Len(t, r.seen(), 1)
}

// rotatingSource hands out "old" until told to invalidate it, then "new".
type rotatingSource struct {
	mu          sync.Mutex
	current     string
	invalidated []string
}

func (s *rotatingSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &oauth2.Token{AccessToken: s.current}, nil
}

func (s *rotatingSource) Invalidate(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalidated = append(s.invalidated, tok)
	s.current = "new"
}

func TestA401RefreshesTheTokenOnce(t *testing.T) {
	tests := []struct {
		name      string
		accept    string // the token the server accepts
		wantCalls int
		wantErr   bool
	}{
		{"refreshed token accepted", "Bearer new", 2, false},
		{"refreshed token refused too", "Bearer never", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
				if req.Header.Get("Authorization") != tt.accept {
					webexError(w, 401, "The request requires a valid access token set in the Authorization request header.")
					return
				}
				writeJSON(w, 200, `{"id":"T"}`)
			})
			src := &rotatingSource{current: "old"}
			c, _, _ := newTestClient(t, r, func(cfg *Config) { cfg.TokenSource = src })
			_, err := c.CreateTeam(context.Background(), "n")
			assert.Len(t, r.seen(), tt.wantCalls)
			assert.Equal(t, []string{"old"}, src.invalidated)
			if tt.wantErr {
				var we *Error
				require.ErrorAs(t, err, &we)
				assert.Equal(t, 401, we.Status)
			} else {
				require.NoError(t, err)
			}
		})
	}
}

type failingSource struct{ err error }

func (s failingSource) Token() (*oauth2.Token, error) { return nil, s.err }

func TestTokenSourceFailures(t *testing.T) {
	tests := []struct {
		name       string
		src        oauth2.TokenSource
		wantNoTok  bool
		wantCalls  int
		wantWaited bool
	}{
		{"no token", failingSource{ErrNoToken}, true, 0, false},
		{"refused refresh", failingSource{errors.Join(ErrNoToken, errors.New("invalid_grant"))}, true, 0, false},
		{"empty access token", oauth2.StaticTokenSource(&oauth2.Token{}), true, 0, false},
		{"refresh endpoint unreachable", failingSource{errors.New("dial tcp: connection refused")}, false, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecorder(t, ok(`{}`))
			c, sl, _ := newTestClient(t, r, func(cfg *Config) { cfg.TokenSource = tt.src })
			_, err := c.GetPerson(context.Background(), "P1")
			require.Error(t, err)
			assert.Equal(t, tt.wantNoTok, errors.Is(err, ErrNoToken))
			var we *Error
			require.ErrorAs(t, err, &we)
			assert.Equal(t, "GET", we.Method)
			assert.Len(t, r.seen(), tt.wantCalls)
			assert.Equal(t, tt.wantWaited, len(sl.all()) > 0)
		})
	}
}

func TestFailedCallsAreLoggedWithoutTheToken(t *testing.T) {
	r := newRecorder(t, status(404))
	c, _, logs := newTestClient(t, r)
	_, err := c.GetPerson(context.Background(), "P1")
	require.Error(t, err)
	out := logs.String()
	assert.Contains(t, out, `"level":"WARN"`)
	assert.Contains(t, out, `"trackingId":"ROUTER_Not Found"`)
	assert.Contains(t, out, `"path":"/v1/people/P1"`)
	assert.Contains(t, out, `"status":404`)
	assert.NotContains(t, out, testToken)
	assert.NotContains(t, err.Error(), testToken)
}

func TestAnUnreadableSuccessBodyIsAnErrorNotRetried(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Trackingid", "T-1")
		_, _ = w.Write([]byte("<html>surprise</html>"))
	})
	c, _, _ := newTestClient(t, r)
	_, err := c.GetPerson(context.Background(), "P1")
	var we *Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, 0, we.Status)
	assert.Equal(t, "T-1", we.TrackingID)
	assert.Contains(t, we.Message, "surprise")
	assert.Len(t, r.seen(), 1)
}

func TestTheDefaultHTTPClientFollowsNoRedirect(t *testing.T) {
	elsewhere := newRecorder(t, ok(`{}`))
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, elsewhere.srv.URL+"/steal", http.StatusFound)
	})
	c, _, _ := newTestClient(t, r, func(cfg *Config) { cfg.HTTPClient = nil })
	_, err := c.GetPerson(context.Background(), "P1")
	var we *Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, http.StatusFound, we.Status)
	assert.Empty(t, elsewhere.seen())
}

func TestDefaultSleepStopsWithTheContext(t *testing.T) {
	require.NoError(t, sleepContext(context.Background(), 0))
	require.NoError(t, sleepContext(context.Background(), time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, sleepContext(ctx, time.Hour), context.Canceled)
	assert.ErrorIs(t, sleepContext(ctx, 0), context.Canceled)
}
