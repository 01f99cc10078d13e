package connector_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// gate holds the first Webex request that matches until the test releases it, so that a test
// can send a second SCIM request while the first is half-way through (no sleeps, no timing).
type gate struct {
	match   func(*http.Request) bool
	once    sync.Once
	reached chan struct{} // closed when the matching request arrives
	release chan struct{} // closed by the test to let it through
}

func newGate(match func(*http.Request) bool) *gate {
	return &gate{match: match, reached: make(chan struct{}), release: make(chan struct{})}
}

func (g *gate) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.match(r) {
			held := false
			g.once.Do(func() { held = true })
			if held {
				close(g.reached)
				<-g.release
			}
		}
		next.ServeHTTP(w, r)
	})
}

// logSignal is a slog.Handler that closes a channel the first time a record whose message
// contains want is logged.
type logSignal struct {
	want string
	once *sync.Once
	seen chan struct{}
}

func (h logSignal) Enabled(context.Context, slog.Level) bool { return true }
func (h logSignal) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, h.want) {
		h.once.Do(func() { close(h.seen) })
	}
	return nil
}
func (h logSignal) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h logSignal) WithGroup(string) slog.Handler      { return h }

// newGatedTarget is a connector in front of a fresh fake whose requests pass through g; its
// logger signals waited when an update has to wait for another update of the same resource.
func newGatedTarget(t *testing.T, g *gate) (tg *target, waited <-chan struct{}) {
	t.Helper()
	fake, err := mockwebex.New()
	require.NoError(t, err)
	fsrv := httptest.NewServer(g.wrap(fake))
	t.Cleanup(fsrv.Close)
	client, err := webex.New(webex.Config{
		BaseURL: fsrv.URL + "/v1", HTTPClient: fsrv.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}),
		MaxAttempts: 1, Sleep: func(context.Context, time.Duration) error { return nil },
	})
	require.NoError(t, err)
	sig := logSignal{want: "waits for another update", once: &sync.Once{}, seen: make(chan struct{})}
	conn, err := connector.New(connector.Config{
		Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: scimToken, Logger: slog.New(sig),
	})
	require.NoError(t, err)
	srv := httptest.NewServer(conn)
	t.Cleanup(srv.Close)
	st := &embedded.Stack{Fake: fake, WebexURL: fsrv.URL + "/v1", WebexAdminToken: fake.AdminToken()}
	return &target{t: t, stack: st, srv: srv, url: srv.URL, token: scimToken}, sig.seen
}

// Issue 15, item 3: a group {Y}; request A "add X, remove Y" fails at the removal and is undone;
// request B "add X", sent while A is half-way, answers 200 with X. B's reported change must
// still be in Webex afterwards: A's undo removes only what A added, and B must not build its
// answer on A's half-applied state. Within one process, writes of one group take turns
// (updateLocks), undo included.
func TestGroupUndoNeverRemovesAnotherRequestsAdd(t *testing.T) {
	g := newGate(func(r *http.Request) bool {
		return r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/v1/team/memberships/")
	})
	tg, waited := newGatedTarget(t, g)
	x, y := tg.personID("dave.dubois@example.com"), tg.personID("erin.eriksen@example.com")
	created := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "Isolation", "members": memberList(y)})
	require.Equal(t, http.StatusCreated, created.Status, string(created.Body))
	id := created.JSON.Get("id").String()
	// A's removal of Y fails with a 501, which the client does not retry (design §3.9).
	_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Status: http.StatusNotImplemented,
		Method: http.MethodDelete, Path: "/v1/team/memberships/", Times: 1})
	require.NoError(t, err)

	var a, b response
	aDone, bDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(aDone)
		a = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patch(
			`{"op":"add","path":"members","value":[{"value":"`+x+`"}]}`,
			`{"op":"remove","path":"members[value eq \"`+y+`\"]"}`))
	}()
	<-g.reached // A has added X and is about to remove Y
	go func() {
		defer close(bDone)
		b = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patch(`{"op":"add","path":"members","value":[{"value":"`+x+`"}]}`))
	}()
	select { // B either ran to the end, or waits for A
	case <-bDone:
	case <-waited:
	}
	close(g.release)
	<-aDone
	<-bDone

	requireSCIMError(t, a, http.StatusBadGateway, "")
	assert.Contains(t, a.JSON.Get("detail").String(), "Applied, then undone: added member "+x)
	require.Equal(t, http.StatusOK, b.Status, string(b.Body))
	assert.Equal(t, sorted(x, y), members(b), "B reports X added")
	assert.Equal(t, sorted(x, y, tg.adminID()), tg.memberIDs(id), "what B reported is what Webex holds")
	assert.Equal(t, sorted(x, y), members(tg.do(http.MethodGet, "/scim/v2/Groups/"+id, nil)))
}

// Sibling of item 3: DELETE with If-Match checks the version under the group's update lock, so a
// delete sent while a PATCH is half-way answers 412 once the PATCH has changed the group, instead
// of deleting a group whose version it checked against a state about to change (RFC 7644 §3.14).
func TestGroupDeleteIfMatchWaitsForAWriteInFlight(t *testing.T) {
	g := newGate(func(r *http.Request) bool {
		return r.Method == http.MethodPost && r.URL.Path == "/v1/team/memberships"
	})
	tg, waited := newGatedTarget(t, g)
	x := tg.personID("dave.dubois@example.com")
	created := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "Versioned"})
	require.Equal(t, http.StatusCreated, created.Status, string(created.Body))
	id, version := created.JSON.Get("id").String(), created.Header.Get("ETag")
	require.NotEmpty(t, version)

	var a, d response
	aDone, dDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(aDone)
		a = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patch(`{"op":"add","path":"members","value":[{"value":"`+x+`"}]}`))
	}()
	<-g.reached // A is adding X
	go func() {
		defer close(dDone)
		d = tg.do(http.MethodDelete, "/scim/v2/Groups/"+id, nil, "If-Match", version)
	}()
	select {
	case <-dDone:
	case <-waited:
	}
	close(g.release)
	<-aDone
	<-dDone

	require.Equal(t, http.StatusOK, a.Status, string(a.Body))
	requireSCIMError(t, d, http.StatusPreconditionFailed, "")
	_, ok := tg.team(id)
	assert.True(t, ok, "the changed group was not deleted")
}
