package connector_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// hookTransport runs hook once, the first time a request matching method and path has been
// answered, before the replica sees the answer: another write then lands exactly between two
// steps of this replica's update, whatever the scheduler does.
type hookTransport struct {
	next         http.RoundTripper
	method, path string
	once         sync.Once
	armed        func() bool
	hook         func()
}

func (h *hookTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.next.RoundTrip(r)
	if err == nil && r.Method == h.method && strings.HasSuffix(r.URL.Path, h.path) && h.armed() {
		h.once.Do(h.hook)
	}
	return resp, err
}

// webexCall sends one request to the fake's API with the seeded admin's token.
func (rig *replicaRig) webexCall(t *testing.T, method, path string, body []byte) gjson.Result {
	t.Helper()
	req, err := http.NewRequest(method, rig.fsrv.URL+"/v1"+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+rig.fake.AdminToken())
	req.Header.Set("Content-Type", "application/json")
	resp, err := rig.fsrv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(raw))
	return gjson.ParseBytes(raw)
}

// Design §3.10, the compare before the write: replica 0 reads the user for a PATCH of title;
// before it writes, replica 1 PATCHes department. Replica 0's re-read sees the user moved and
// recomputes its PUT from the fresh state, so Webex ends with both changes. Without the compare,
// replica 0's full-replace PUT (WX08) puts the old department back.
func TestReplicaWriteAfterAStaleReadKeepsTheOtherChange(t *testing.T) {
	var rig *replicaRig
	var user atomic.Pointer[string]
	var armed atomic.Bool
	rig = newReplicaRig(t, 2, func(i int, rt http.RoundTripper) http.RoundTripper {
		if i != 0 {
			return rt
		}
		h := &hookTransport{next: rt, method: http.MethodGet, armed: armed.Load}
		h.hook = func() {
			st, res, err := rig.scimCall(1, http.MethodPatch, "/scim/v2/Users/"+*user.Load(),
				patchOp("replace", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Replica one"))
			assert.NoError(t, err)
			assert.Equal(t, http.StatusOK, st, res.Raw)
		}
		return &pathHook{h: h, user: &user}
	})
	st, res, err := rig.scimCall(0, http.MethodPost, "/scim/v2/Users", map[string]any{"schemas": []string{userSchema},
		"userName": "shared@example.com", "name": map[string]any{"givenName": "Sha", "familyName": "Red"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, st, res.Raw)
	id := res.Get("id").String()
	user.Store(&id)
	armed.Store(true)

	st, res, err = rig.scimCall(0, http.MethodPatch, "/scim/v2/Users/"+id, patchOp("replace", "title", "Replica zero"))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, st, res.Raw)
	assert.Equal(t, "Replica zero", res.Get("title").String())
	assert.Equal(t, "Replica one", res.Get(`urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User.department`).String(),
		"the answer is the user with both changes")

	_, state, err := rig.fakeState()
	require.NoError(t, err)
	p := state.Get(`people.#(id=="` + id + `")`)
	assert.Equal(t, "Replica zero", p.Get("title").String())
	assert.Equal(t, "Replica one", p.Get("department").String(), "replica 1's change survived replica 0's write")
}

// Design §3.10, the check after the write: right after replica 0's PUT of title lands, a writer
// that read the person before it (another replica without the compare, or one whose compare
// came just before replica 0's write) PUTs the whole person back with its own change of
// department, putting the old title back. Replica 0's read-back sees its title gone and applies
// its PATCH again on top: Webex ends with both changes, the order "stale writer, then replica 0".
func TestReplicaWriteLostToAStaleWriterIsAppliedAgain(t *testing.T) {
	var rig *replicaRig
	var user atomic.Pointer[string]
	var stale []byte
	var armed atomic.Bool
	rig = newReplicaRig(t, 1, func(_ int, rt http.RoundTripper) http.RoundTripper {
		h := &hookTransport{next: rt, method: http.MethodPut, armed: armed.Load}
		h.hook = func() { rig.webexCall(t, http.MethodPut, "/people/"+*user.Load(), stale) }
		return &pathHook{h: h, user: &user}
	})
	st, res, err := rig.scimCall(0, http.MethodPost, "/scim/v2/Users", map[string]any{"schemas": []string{userSchema},
		"userName": "shared@example.com", "name": map[string]any{"givenName": "Sha", "familyName": "Red"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, st, res.Raw)
	id := res.Get("id").String()
	user.Store(&id)
	var person map[string]any
	require.NoError(t, json.Unmarshal([]byte(rig.webexCall(t, http.MethodGet, "/people/"+id, nil).Raw), &person))
	person["department"] = "Stale writer"
	stale, err = json.Marshal(person)
	require.NoError(t, err)
	armed.Store(true)

	st, res, err = rig.scimCall(0, http.MethodPatch, "/scim/v2/Users/"+id, patchOp("replace", "title", "Replica zero"))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, st, res.Raw)
	assert.Equal(t, "Replica zero", res.Get("title").String())

	_, state, err := rig.fakeState()
	require.NoError(t, err)
	p := state.Get(`people.#(id=="` + id + `")`)
	assert.Equal(t, "Replica zero", p.Get("title").String(), "replica 0's change, lost to the stale writer, was applied again")
	assert.Equal(t, "Stale writer", p.Get("department").String())
}

// pathHook is hookTransport for requests of one user's /people/{id}, known only once created.
type pathHook struct {
	h    *hookTransport
	user *atomic.Pointer[string]
}

func (p *pathHook) RoundTrip(r *http.Request) (*http.Response, error) {
	if u := p.user.Load(); u == nil || !strings.HasSuffix(r.URL.Path, "/people/"+*u) {
		return p.h.next.RoundTrip(r)
	}
	return p.h.RoundTrip(r)
}

// everyPutHook runs hook after every PUT of one person has been answered, before the replica
// sees the answer.
type everyPutHook struct {
	next http.RoundTripper
	user *atomic.Pointer[string]
	hook func()
}

func (h *everyPutHook) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.next.RoundTrip(r)
	if u := h.user.Load(); err == nil && u != nil && r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/people/"+*u) {
		h.hook()
	}
	return resp, err
}

// Design §3.10, bounded: when every write of replica 0 is undone by a stale writer before its
// check, the request is applied again a bounded number of times, then answered 409 with a detail
// saying its change is not in Webex — never 200 for a change Webex does not hold, never 5xx.
func TestReplicaWriteThatCannotSettleIs409(t *testing.T) {
	var rig *replicaRig
	var user atomic.Pointer[string]
	var stale []byte
	rig = newReplicaRig(t, 1, func(_ int, rt http.RoundTripper) http.RoundTripper {
		return &everyPutHook{next: rt, user: &user, hook: func() { rig.webexCall(t, http.MethodPut, "/people/"+*user.Load(), stale) }}
	})
	st, res, err := rig.scimCall(0, http.MethodPost, "/scim/v2/Users", map[string]any{"schemas": []string{userSchema},
		"userName": "shared@example.com", "name": map[string]any{"givenName": "Sha", "familyName": "Red"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, st, res.Raw)
	id := res.Get("id").String()
	stale = []byte(rig.webexCall(t, http.MethodGet, "/people/"+id, nil).Raw)
	user.Store(&id)

	st, res, err = rig.scimCall(0, http.MethodPatch, "/scim/v2/Users/"+id, patchOp("replace", "title", "Replica zero"))
	require.NoError(t, err)
	assert.Equal(t, http.StatusConflict, st, res.Raw)
	assert.Contains(t, res.Get("detail").String(), "its change is not in Webex")
	puts := 0
	for _, r := range rig.fake.Requests() {
		if r.Method == http.MethodPut && strings.HasSuffix(r.Path, "/people/"+id) {
			puts++
		}
	}
	assert.Equal(t, 2*5, puts, "five rounds, each replica 0's PUT and the stale writer's")
}
