package connector_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 15, "also check": Webex accepts several spellings of one person id (the base64url id,
// padded or not, and the bare uuid). The per-user update lock is keyed by the canonical id, so
// two PATCHes of one user that spell its id differently still take turns and both land; keyed by
// the client's spelling, the second PUT carried back the value the first one replaced (WX08).
func TestUserUpdatesTakeTurnsWhateverTheIDSpelling(t *testing.T) {
	g := newGate(func(r *http.Request) bool {
		return r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/v1/people/")
	})
	tg, waited := newGatedTarget(t, g)
	id := tg.personID("dave.dubois@example.com")
	raw, err := base64.RawURLEncoding.DecodeString(id)
	require.NoError(t, err)
	bareUUID := string(raw)[strings.LastIndexByte(string(raw), '/')+1:]
	for _, spelling := range []string{id + "=", bareUUID} {
		require.Equal(t, http.StatusOK, tg.do(http.MethodGet, "/scim/v2/Users/"+spelling, nil).Status, "Webex accepts %s", spelling)
	}

	var a, b response
	aDone, bDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(aDone)
		a = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patch(`{"op":"replace","path":"displayName","value":"Dave Renamed"}`))
	}()
	<-g.reached // A has read the person and is sending its PUT
	go func() {
		defer close(bDone)
		b = tg.do(http.MethodPatch, "/scim/v2/Users/"+bareUUID, patch(`{"op":"replace","path":"timezone","value":"Europe/Oslo"}`))
	}()
	select { // B either ran to the end, or waits for A
	case <-bDone:
	case <-waited:
	}
	close(g.release)
	<-aDone
	<-bDone

	require.Equal(t, http.StatusOK, a.Status, string(a.Body))
	require.Equal(t, http.StatusOK, b.Status, string(b.Body))
	p, ok := tg.person(id)
	require.True(t, ok)
	assert.Equal(t, "Dave Renamed", p.DisplayName, "A's change landed")
	assert.Equal(t, "Europe/Oslo", p.Timezone, "B's change landed")
}

// Sibling: DELETE /Users with If-Match checks the version under the user's update lock, so a
// delete sent while a PATCH is half-way answers 412 once the PATCH has changed the user.
func TestUserDeleteIfMatchWaitsForAnUpdateInFlight(t *testing.T) {
	g := newGate(func(r *http.Request) bool {
		return r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/v1/people/")
	})
	tg, waited := newGatedTarget(t, g)
	id := tg.personID("dave.dubois@example.com")
	got := tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil)
	require.Equal(t, http.StatusOK, got.Status)
	version := got.Header.Get("ETag")

	var a, d response
	var wg sync.WaitGroup
	aDone, dDone := make(chan struct{}), make(chan struct{})
	wg.Go(func() {
		defer close(aDone)
		a = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patch(`{"op":"replace","path":"displayName","value":"Dave Renamed"}`))
	})
	<-g.reached
	wg.Go(func() {
		defer close(dDone)
		d = tg.do(http.MethodDelete, "/scim/v2/Users/"+id, nil, "If-Match", version)
	})
	select {
	case <-dDone:
	case <-waited:
	}
	close(g.release)
	wg.Wait()

	require.Equal(t, http.StatusOK, a.Status, string(a.Body))
	requireSCIMError(t, d, http.StatusPreconditionFailed, "")
	_, ok := tg.person(id)
	assert.True(t, ok, "the changed user was not deleted")
}
