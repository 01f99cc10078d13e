package connector_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/fixtures"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// refuseNthGroupPatch answers the nth PATCH /v1/groups/{id} with a Webex 400 of its own and
// passes everything else to the fake: a change that takes several calls fails half-way.
type refuseNthGroupPatch struct {
	next    http.Handler
	n       int64
	patches atomic.Int64
}

func (h *refuseNthGroupPatch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPatch && h.patches.Add(1) == h.n {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"message":"refused by the test","trackingId":"TEST_1"}`))
		return
	}
	h.next.ServeHTTP(w, r)
}

// newRefusingGroupsTarget is a Control Hub groups connector in front of a fake seeded with
// people extra people, whose nth group PATCH is refused.
func newRefusingGroupsTarget(t *testing.T, people int, n int64) *target {
	t.Helper()
	var doc mockwebex.SeedDoc
	require.NoError(t, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	for i := range people {
		doc.People = append(doc.People, mockwebex.SeedPerson{
			UUID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			Emails:      []string{fmt.Sprintf("extra.%d@example.com", i)},
			DisplayName: fmt.Sprintf("Extra %d", i),
		})
	}
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	fake, err := mockwebex.New(mockwebex.WithSeed(raw))
	require.NoError(t, err)
	fsrv := httptest.NewServer(&refuseNthGroupPatch{next: fake, n: n})
	t.Cleanup(fsrv.Close)
	client, err := webex.New(webex.Config{
		BaseURL: fsrv.URL + "/v1", HTTPClient: fsrv.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}),
		MaxAttempts: 1, Sleep: func(context.Context, time.Duration) error { return nil },
	})
	require.NoError(t, err)
	conn, err := connector.New(connector.Config{
		Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: scimToken, GroupKind: connector.GroupKindGroups,
	})
	require.NoError(t, err)
	srv := httptest.NewServer(conn)
	t.Cleanup(srv.Close)
	st := &embedded.Stack{Fake: fake, WebexURL: fsrv.URL + "/v1", WebexAdminToken: fake.AdminToken()}
	return &target{t: t, stack: st, srv: srv, url: srv.URL, token: scimToken}
}

func extraIDs(tg *target, n int) []string {
	ids := make([]string, n)
	for i := range n {
		ids[i] = tg.personID(fmt.Sprintf("extra.%d@example.com", i))
	}
	return ids
}

// design §4.7: a change of more than 500 members takes several PATCH calls; when a later one is
// refused the earlier ones are undone with the inverse PATCH, and the answer says so.
func TestControlHubGroupChangeUndoneWhenALaterCallFails(t *testing.T) {
	tg := newRefusingGroupsTarget(t, 600, 2)
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{groupSchema}, "displayName": "Undo"})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()

	r = tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{
		"schemas": []string{groupSchema}, "displayName": "Undo 2", "members": memberList(extraIDs(tg, 600)...),
	})
	requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
	detail := r.JSON.Get("detail").String()
	assert.Contains(t, detail, "could not add 100 members: Webex refused the request")
	assert.Contains(t, detail, `Applied, then undone: renamed the group from "Undo" to "Undo 2", added 500 members.`)
	assert.Contains(t, detail, "The group is as it was before the request.")
	g, ok := tg.chGroup(id)
	require.True(t, ok)
	assert.Equal(t, "Undo", g.DisplayName, "the rename was undone")
	assert.Empty(t, g.Members, "the 500 added were removed again")
}

// A create past 500 members whose later PATCH is refused deletes its half-made group.
func TestControlHubGroupCreateUndoneWhenALaterCallFails(t *testing.T) {
	tg := newRefusingGroupsTarget(t, 600, 1)
	before := len(tg.fake().State().Groups)
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{groupSchema}, "displayName": "Half", "members": memberList(extraIDs(tg, 600)...),
	})
	requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
	assert.Contains(t, r.JSON.Get("detail").String(), "creating the group failed: could not add 100 members")
	assert.Contains(t, r.JSON.Get("detail").String(), "was deleted: nothing was created")
	assert.Len(t, tg.fake().State().Groups, before, "no group left behind")
}
