package connector_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
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

// replicaSoak selects the long version of TestReplicasLoseNothing, users included:
// go test ./connector/ -run TestReplicasLoseNothing -args -replicas.soak
var replicaSoak = flag.Bool("replicas.soak", false, "run the long multi-replica soak (many clients, many rounds)")

// replicaRig is several connector instances, each with its own Webex client, token store and
// SCIM server on loopback, in front of ONE fake Webex: replicas behind a load balancer
// (design §3.10). The replicas share nothing but Webex and the consent (the fake's admin grant).
type replicaRig struct {
	fake     *mockwebex.Server
	fsrv     *httptest.Server
	replicas []*httptest.Server
}

// newReplicaRig starts n replicas; wrap, when given, wraps replica i's transport to Webex (for
// tests that make another write happen at a chosen point of a replica's work).
func newReplicaRig(t *testing.T, n int, wrap func(i int, rt http.RoundTripper) http.RoundTripper) *replicaRig {
	t.Helper()
	return newReplicaRigLocked(t, n, wrap, "")
}

// newReplicaRigLocked is newReplicaRig with the replicas sharing the lock directory lockDir
// (connector.Config.LockDir, SCIM_LOCK_DIR); "" shares none.
func newReplicaRigLocked(t *testing.T, n int, wrap func(i int, rt http.RoundTripper) http.RoundTripper, lockDir string) *replicaRig {
	t.Helper()
	fake, err := mockwebex.New()
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	rig := &replicaRig{fake: fake, fsrv: fsrv}
	for i := range n {
		hc := fsrv.Client()
		if wrap != nil {
			c := *hc
			c.Transport = wrap(i, hc.Transport)
			hc = &c
		}
		oc := &oauth2.Config{ClientID: "mock-client-id", ClientSecret: "mock-client-secret", Endpoint: webex.Endpoint(fsrv.URL + "/v1")}
		tokens := webex.NewTokenStore(oc, nil, nil, webex.WithTokenHTTPClient(fsrv.Client()))
		tokens.SetRefreshToken(fake.AdminRefreshToken())
		client, err := webex.New(webex.Config{
			BaseURL: fsrv.URL + "/v1", HTTPClient: hc, TokenSource: tokens,
			Sleep: func(context.Context, time.Duration) error { return nil },
		})
		require.NoError(t, err)
		conn, err := connector.New(connector.Config{Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: scimToken, LockDir: lockDir})
		require.NoError(t, err)
		srv := httptest.NewServer(conn)
		t.Cleanup(srv.Close)
		rig.replicas = append(rig.replicas, srv)
	}
	return rig
}

// scimCall sends one SCIM request to replica i; safe to call from any goroutine (no require).
func (rig *replicaRig) scimCall(i int, method, path string, body any) (int, gjson.Result, error) {
	srv := rig.replicas[i%len(rig.replicas)]
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return 0, gjson.Result{}, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		return 0, gjson.Result{}, err
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/scim+json")
	}
	req.Header.Set("Authorization", "Bearer "+scimToken)
	resp, err := srv.Client().Do(req)
	if err != nil {
		return 0, gjson.Result{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, gjson.Result{}, err
	}
	return resp.StatusCode, gjson.ParseBytes(raw), nil
}

// userSlots are the attributes of a shared user, one per client: each client PATCHes only its
// own, so the final value of each is the value of its client's last successful PATCH, whatever
// the order the replicas ran them in. state is the fake's field for it.
func userSlots() []struct{ path, state string } {
	return []struct{ path, state string }{
		{"title", "title"},
		{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "department"},
		{"displayName", "displayName"},
		{"name.givenName", "firstName"},
		{"name.familyName", "lastName"},
	}
}

func patchOp(op, path string, value any) map[string]any {
	o := map[string]any{"op": op, "path": path}
	if value != nil {
		o["value"] = value
	}
	return map[string]any{"schemas": []string{patchOpURN}, "Operations": []any{o}}
}

// Issue 12 item 1: several replicas lose nothing (design §3.10). Three connector instances on
// one fake, sharing a lock directory (SCIM_LOCK_DIR) as replicas share the token file; dozens of
// SCIM clients, each sent round-robin across the replicas, PATCH their own attribute of a shared
// user (title, department, displayName, givenName, familyName: Webex's PUT replaces the whole
// person, WX08), add and remove their own member of a shared group, and one client per group
// renames it. A fixed number of requests, no timing. A client repeats a request answered 409 (a
// conditional write that could not settle) or 429, as identity providers do; every other answer
// must be 2xx, never 5xx. Afterwards the fake's /_mock/state holds exactly what the last
// successful answer of each client implies, for every user slot and every group.
//
// Without the shared lock directory the user slots lose a value now and then: another replica's
// PUT from a stale read can land after this write was read back and answered (design §3.10);
// group writes are per-member deltas and a name, exact in every interleaving either way.
func TestReplicasLoseNothing(t *testing.T) {
	replicas, clients, rounds := 3, 30, 4
	if *replicaSoak {
		clients, rounds = 60, 20
	}
	rig := newReplicaRigLocked(t, replicas, nil, t.TempDir())
	slots := userSlots()
	users := (clients + len(slots) - 1) / len(slots)
	groups := max(clients/10, 1)

	// Setup, through the replicas: shared users, one member person per client, shared groups.
	create := func(i int, path string, body map[string]any) string {
		st, res, err := rig.scimCall(i, http.MethodPost, path, body)
		require.NoError(t, err)
		require.Equal(t, http.StatusCreated, st, res.Raw)
		return res.Get("id").String()
	}
	sharedUsers := make([]string, users)
	for u := range sharedUsers {
		sharedUsers[u] = create(u, "/scim/v2/Users", map[string]any{"schemas": []string{userSchema},
			"userName": fmt.Sprintf("shared%d@example.com", u), "name": map[string]any{"givenName": "S", "familyName": "U"}})
	}
	memberOf := make([]string, clients)
	for c := range memberOf {
		memberOf[c] = create(c, "/scim/v2/Users", map[string]any{"schemas": []string{userSchema},
			"userName": fmt.Sprintf("member%d@example.com", c), "name": map[string]any{"givenName": "M", "familyName": fmt.Sprint(c)}})
	}
	sharedGroups := make([]string, groups)
	for g := range sharedGroups {
		sharedGroups[g] = create(g, "/scim/v2/Groups", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
			"displayName": fmt.Sprintf("shared group %d", g)})
	}

	// What each client's last successful answer implies.
	type outcome struct {
		slotValue string // the client's attribute of its shared user
		member    bool   // whether its member person is in its group
		groupName string // for a group's owner: the group's name
	}
	outcomes := make([]outcome, clients)
	var (
		mu       sync.Mutex
		failures []string
		retried  = map[int]int{}
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	// send repeats a request answered 409 or 429 (bounded), and reports whether it succeeded.
	send := func(c, n int, method, path string, body any) bool {
		for try := range 20 {
			st, res, err := rig.scimCall(c+n+try, method, path, body)
			switch {
			case err != nil:
				fail("client %d: %s %s: %v", c, method, path, err)
				return false
			case st == http.StatusConflict || st == http.StatusTooManyRequests:
				mu.Lock()
				retried[st]++
				mu.Unlock()
				continue
			case st >= 200 && st < 300:
				return true
			default:
				fail("client %d: %s %s: %d %s", c, method, path, st, res.Raw)
				return false
			}
		}
		fail("client %d: %s %s: still 409/429 after 20 tries", c, method, path)
		return false
	}

	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			user, slot := sharedUsers[c/len(slots)], slots[c%len(slots)]
			group, member := sharedGroups[c%groups], memberOf[c]
			for n := range rounds {
				v := fmt.Sprintf("c%d-r%d", c, n)
				if send(c, n, http.MethodPatch, "/scim/v2/Users/"+user, patchOp("replace", slot.path, v)) {
					outcomes[c].slotValue = v
				}
				add := n%2 == 0
				op := patchOp("add", "members", []any{map[string]any{"value": member}})
				if !add {
					op = patchOp("remove", `members[value eq "`+member+`"]`, nil)
				}
				if send(c, n+1, http.MethodPatch, "/scim/v2/Groups/"+group, op) {
					outcomes[c].member = add
				}
				if c < groups {
					name := "group " + v
					if send(c, n+2, http.MethodPatch, "/scim/v2/Groups/"+group, patchOp("replace", "displayName", name)) {
						outcomes[c].groupName = name
					}
				}
			}
		})
	}
	wg.Wait()
	require.Empty(t, failures, "every answer is 2xx (409 and 429 repeated)")
	t.Logf("%d replicas, %d clients, %d rounds; repeated: %v", replicas, clients, rounds, retried)

	st, body, err := rig.fakeState()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, st)
	for c := range clients {
		user, slot := sharedUsers[c/len(slots)], slots[c%len(slots)]
		person := body.Get(fmt.Sprintf(`people.#(id==%q)`, user))
		require.True(t, person.Exists(), user)
		assert.Equal(t, outcomes[c].slotValue, person.Get(slot.state).String(),
			"client %d's %s of user %s: a replica wrote over it from a stale read", c, slot.path, user)

		group := sharedGroups[c%groups]
		in := body.Get(fmt.Sprintf(`memberships.#(teamId==%q)#.personId`, group)).Array()
		found := false
		for _, m := range in {
			found = found || m.String() == memberOf[c]
		}
		assert.Equal(t, outcomes[c].member, found, "client %d's member of group %s", c, group)
		if c < groups {
			assert.Equal(t, outcomes[c].groupName, body.Get(fmt.Sprintf(`teams.#(id==%q).name`, group)).String(), "group %s's name", group)
		}
	}
}

// fakeState reads the fake's /_mock/state.
func (rig *replicaRig) fakeState() (int, gjson.Result, error) {
	resp, err := rig.fsrv.Client().Get(rig.fsrv.URL + "/_mock/state")
	if err != nil {
		return 0, gjson.Result{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, gjson.ParseBytes(raw), err
}
