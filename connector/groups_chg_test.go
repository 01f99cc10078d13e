package connector_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/fixtures"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// Control Hub groups (WEBEX_GROUP_KIND=groups, design §4.7), checked against what the fake holds.

func asGroups(o *embedded.Options) { o.GroupKind = connector.GroupKindGroups }

// chGroup is the Control Hub group id holds in the fake, with all its members.
func (tg *target) chGroup(id string) (mockwebex.Group, bool) {
	tg.t.Helper()
	for _, g := range tg.fake().State().Groups {
		if g.ID == id {
			return g, true
		}
	}
	return mockwebex.Group{}, false
}

func (tg *target) chMemberIDs(id string) []string {
	tg.t.Helper()
	g, ok := tg.chGroup(id)
	require.True(tg.t, ok, "group %s in Webex", id)
	var ids []string
	for _, m := range g.Members {
		ids = append(ids, m.ID)
	}
	return sorted(ids...)
}

// calls counts the fake's requests whose "METHOD /path" starts with prefix.
func (tg *target) calls(prefix string) int {
	n := 0
	for _, r := range tg.webexRequests() {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// The done-when run of issue 10: create with two members, add three, remove one, rename, replace
// all members, filter by displayName, delete — each step checked in Webex, each write one PATCH.
func TestControlHubGroupIdentityProviderRun(t *testing.T) {
	tg := newTarget(t, asGroups)
	p := make([]string, 7)
	for i := range p {
		p[i] = tg.createUser(fmt.Sprintf("chg.%d@example.com", i), "Chg", fmt.Sprint(i))
	}
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{groupSchema}, "displayName": "Chg Sales", "externalId": "entra-1", "members": memberList(p[0], p[1]),
	})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	g, ok := tg.chGroup(id)
	require.True(t, ok, "the group is a Control Hub group")
	assert.Equal(t, "Chg Sales", g.DisplayName)
	assert.Equal(t, sorted(p[0], p[1]), tg.chMemberIDs(id))
	assert.Equal(t, sorted(p[0], p[1]), members(r))
	assert.False(t, r.JSON.Get("externalId").Exists(), "externalId is not stored")
	assert.Equal(t, tg.url+"/scim/v2/Groups/"+id, r.Header.Get("Location"))
	assert.Equal(t, g.Created, r.JSON.Get("meta.created").String())
	assert.Equal(t, g.LastModified, r.JSON.Get("meta.lastModified").String())
	assert.Empty(t, tg.teamsNamed("Chg Sales"), "no team is made")

	step := func(body string, want []string, name string) {
		t.Helper()
		tg.fake().ClearRequests()
		r := tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, body)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, sorted(want...), tg.chMemberIDs(id), body)
		assert.Equal(t, sorted(want...), members(r), body)
		g, _ := tg.chGroup(id)
		assert.Equal(t, name, g.DisplayName)
		assert.Equal(t, 1, tg.calls("PATCH /v1/groups/"), "one PATCH per SCIM write: %v", tg.webexRequests())
	}
	// Entra: add three in one operation.
	step(patch(fmt.Sprintf(`{"op":"Add","path":"members","value":[{"value":%q},{"value":%q},{"value":%q}]}`, p[2], p[3], p[4])),
		[]string{p[0], p[1], p[2], p[3], p[4]}, "Chg Sales")
	// Okta: remove one by filter.
	step(patch(fmt.Sprintf(`{"op":"remove","path":"members[value eq \"%s\"]"}`, p[1])), []string{p[0], p[2], p[3], p[4]}, "Chg Sales")
	// Rename.
	step(patch(`{"op":"replace","path":"displayName","value":"Chg Sales EMEA"}`), []string{p[0], p[2], p[3], p[4]}, "Chg Sales EMEA")
	// Replace all members (Okta's PUT-like replace): the difference, in one call.
	step(patch(fmt.Sprintf(`{"op":"replace","path":"members","value":[{"value":%q},{"value":%q}]}`, p[4], p[5])), []string{p[4], p[5]}, "Chg Sales EMEA")

	// A PATCH that changes nothing makes no Webex write.
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, (patch(fmt.Sprintf(`{"op":"add","path":"members","value":[{"value":%q}]}`, p[4]))))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Zero(t, tg.calls("PATCH "), "nothing to change, nothing sent: %v", tg.webexRequests())

	// Filter by displayName: pushed to Webex, one call.
	tg.fake().ClearRequests()
	r = tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(`displayName eq "chg sales emea"`), nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, int64(1), r.JSON.Get("totalResults").Int())
	assert.Equal(t, id, r.JSON.Get("Resources.0.id").String())
	assert.Equal(t, sorted(p[4], p[5]), members(response{JSON: r.JSON.Get("Resources.0")}))
	assert.Equal(t, []string{"GET /v1/groups?count=100&filter=displayName+eq+%22chg+sales+emea%22&includeMembers=true&startIndex=1"}, tg.webexRequests())

	r = tg.do(http.MethodDelete, "/scim/v2/Groups/"+id, nil)
	require.Equal(t, http.StatusNoContent, r.Status, string(r.Body))
	_, ok = tg.chGroup(id)
	assert.False(t, ok, "deleted in Webex")
	assert.Equal(t, http.StatusNotFound, tg.do(http.MethodGet, "/scim/v2/Groups/"+id, nil).Status)
}

// PUT sends the difference with the rename in the same call; members an unknown person is 400
// and nothing changes.
func TestControlHubGroupPutAndBadMembers(t *testing.T) {
	tg := newTarget(t, asGroups)
	a, b, c := tg.createUser("put.a@example.com", "A", "A"), tg.createUser("put.b@example.com", "B", "B"), tg.createUser("put.c@example.com", "C", "C")
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{groupSchema}, "displayName": "Put", "members": memberList(a, b)})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()

	tg.fake().ClearRequests()
	r = tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{"schemas": []string{groupSchema}, "displayName": "Put 2", "members": memberList(b, c)})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, sorted(b, c), tg.chMemberIDs(id))
	assert.Equal(t, 1, tg.calls("PATCH "), "%v", tg.webexRequests())

	before, _ := tg.chGroup(id)
	r = tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{"schemas": []string{groupSchema}, "displayName": "Put 3",
		"members": memberList(a, "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub2JvZHk")})
	requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
	assert.Contains(t, r.JSON.Get("detail").String(), "not a Webex person")
	after, _ := tg.chGroup(id)
	assert.Equal(t, before, after, "nothing changed")

	// PUT without members keeps them; members [] empties the group, which Webex keeps (WX23).
	r = tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{"schemas": []string{groupSchema}, "displayName": "Put 4"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, sorted(b, c), tg.chMemberIDs(id))
	r = tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{"schemas": []string{groupSchema}, "displayName": "Put 4", "members": []any{}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Empty(t, tg.chMemberIDs(id))
	assert.False(t, r.JSON.Get("members").Exists())
}

// withBigGroups seeds people and Control Hub groups of the given sizes (all named "Big n").
func withBigGroups(t testing.TB, people int, sizes ...int) func(*embedded.Options) {
	var doc mockwebex.SeedDoc
	require.NoError(t, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	for i := range people {
		doc.People = append(doc.People, mockwebex.SeedPerson{
			UUID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			Emails:      []string{fmt.Sprintf("extra.%d@example.com", i)},
			DisplayName: fmt.Sprintf("Extra %d", i),
		})
	}
	for i, n := range sizes {
		g := mockwebex.SeedGroup{UUID: fmt.Sprintf("00000000-0000-4000-a000-%012d", i), DisplayName: fmt.Sprintf("Big %d", i)}
		for j := range min(n, people) {
			g.Members = append(g.Members, fmt.Sprintf("extra.%d@example.com", j))
		}
		doc.Groups = append(doc.Groups, g)
	}
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	return func(o *embedded.Options) { o.FakeOptions = append(o.FakeOptions, mockwebex.WithSeed(raw)) }
}

// A list page is one GET /groups with members inline; only a group past 500 members costs its
// /members pages; excludedAttributes=members reads none.
func TestControlHubGroupListCalls(t *testing.T) {
	tg := newTarget(t, asGroups, withBigGroups(t, 1200, 3, 1200, 0, 5))
	tg.fake().ClearRequests()
	r := tg.do(http.MethodGet, "/scim/v2/Groups?startIndex=1&count=100", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	seeded := len(tg.fake().State().Groups)
	assert.Equal(t, int64(seeded), r.JSON.Get("totalResults").Int())
	var big []string
	for _, g := range r.JSON.Get("Resources").Array() {
		if g.Get("displayName").String() == "Big 1" {
			for _, m := range g.Get("members").Array() {
				big = append(big, m.Get("value").String())
			}
		}
	}
	assert.Len(t, big, 1200, "a group past 500 members is read whole")
	assert.Len(t, slices.Compact(sorted(big...)), 1200, "no member twice")
	assert.Equal(t, 1, tg.calls("GET /v1/groups?"), "%v", tg.webexRequests())
	assert.Equal(t, 2, tg.calls("GET /v1/groups/"), "1200 members: 500 inline, then two /members pages: %v", tg.webexRequests())
	assert.Equal(t, 3, len(tg.webexRequests()))

	tg.fake().ClearRequests()
	r = tg.do(http.MethodGet, "/scim/v2/Groups?excludedAttributes=members&count=2&startIndex=2", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Len(t, r.JSON.Get("Resources").Array(), 2)
	assert.Equal(t, int64(2), r.JSON.Get("startIndex").Int())
	assert.Equal(t, []string{"GET /v1/groups?count=2&startIndex=2"}, tg.webexRequests())
	for _, g := range r.JSON.Get("Resources").Array() {
		assert.False(t, g.Get("members").Exists())
		assert.False(t, g.Get("meta.version").Exists())
	}

	// A single big group: GET reads it whole.
	id := ""
	for _, g := range tg.fake().State().Groups {
		if g.DisplayName == "Big 1" {
			id = g.ID
		}
	}
	r = tg.do(http.MethodGet, "/scim/v2/Groups/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Len(t, r.JSON.Get("members").Array(), 1200)

	// Cursor paging walks Webex by its indices (RFC 9865).
	seen := map[string]bool{}
	next := ""
	for range 10 {
		r = tg.do(http.MethodGet, "/scim/v2/Groups?excludedAttributes=members&count=2&cursor="+url.QueryEscape(next), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		for _, g := range r.JSON.Get("Resources").Array() {
			assert.False(t, seen[g.Get("id").String()])
			seen[g.Get("id").String()] = true
		}
		if next = r.JSON.Get("nextCursor").String(); next == "" {
			break
		}
	}
	assert.Len(t, seen, seeded)
}

// Filters Webex cannot answer are evaluated here; externalId matches nothing without a call;
// members filters read members; id eq reads one group.
func TestControlHubGroupFilters(t *testing.T) {
	tg := newTarget(t, asGroups)
	dave := tg.personID("dave.dubois@example.com")
	q := func(f string) response {
		t.Helper()
		r := tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(f), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		return r
	}
	var withDave []string
	for _, g := range tg.fake().State().Groups {
		for _, m := range g.Members {
			if m.ID == dave {
				withDave = append(withDave, g.ID)
			}
		}
	}
	require.NotEmpty(t, withDave)
	tg.fake().ClearRequests()
	r := q(`externalId eq "x"`)
	assert.Zero(t, r.JSON.Get("totalResults").Int())
	assert.Empty(t, tg.webexRequests())

	r = q(fmt.Sprintf(`members[value eq %q]`, dave))
	var got []string
	for _, g := range r.JSON.Get("Resources").Array() {
		got = append(got, g.Get("id").String())
	}
	assert.Equal(t, sorted(withDave...), sorted(got...))

	tg.fake().ClearRequests()
	r = q(fmt.Sprintf(`id eq %q and members[value eq %q]`, withDave[0], dave))
	assert.Equal(t, int64(1), r.JSON.Get("totalResults").Int())
	assert.Equal(t, 1, len(tg.webexRequests()), "%v", tg.webexRequests())

	r = q(`displayName sw "licensed"`)
	assert.Positive(t, r.JSON.Get("totalResults").Int())
	for _, g := range r.JSON.Get("Resources").Array() {
		assert.True(t, strings.HasPrefix(strings.ToLower(g.Get("displayName").String()), "licensed"))
	}
	r = q(`displayName co "Meetings"`)
	assert.Positive(t, r.JSON.Get("totalResults").Int())
}

// Discovery says what Control Hub groups store; teams mode is unchanged.
func TestControlHubGroupDiscovery(t *testing.T) {
	tg := newTarget(t, asGroups)
	r := tg.do(http.MethodGet, "/scim/v2/ResourceTypes/Group", nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Contains(t, r.JSON.Get("description").String(), "Control Hub group")
	r = tg.do(http.MethodGet, "/scim/v2/Schemas/"+groupSchema, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Contains(t, r.JSON.Get("description").String(), "externalId is accepted and not stored")
	assert.NotContains(t, string(r.Body), "team")

	teams := newTarget(t)
	r = teams.do(http.MethodGet, "/scim/v2/ResourceTypes/Group", nil)
	assert.Equal(t, "A Webex team", r.JSON.Get("description").String())
}

// The consent of this mode asks for the groups scopes (design §4.6): the embedded consent asks
// for them, so the token reaches /v1/groups; without them the fake refuses.
func TestGroupKindScopes(t *testing.T) {
	assert.Contains(t, connector.GroupKindGroups.Scopes(), "identity:groups_rw")
	assert.Contains(t, connector.GroupKindGroups.Scopes(), "identity:groups_read")
	assert.NotContains(t, connector.GroupKindGroups.Scopes(), "spark:teams_write")
	assert.NotContains(t, connector.GroupKindTeams.Scopes(), "identity:groups_rw")
	k, err := connector.ParseGroupKind("Groups")
	require.NoError(t, err)
	assert.Equal(t, connector.GroupKindGroups, k)
	_, err = connector.ParseGroupKind("rooms")
	require.Error(t, err)
}

// A PATCH that fails with a 5xx may or may not have been applied at Webex: the answer names the
// change and says so, and repeating it is safe (WX22).
func TestControlHubGroupWriteFailures(t *testing.T) {
	tg := newTarget(t, asGroups)
	a, b := tg.createUser("fail.a@example.com", "A", "A"), tg.createUser("fail.b@example.com", "B", "B")
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{groupSchema}, "displayName": "Fail", "members": memberList(a)})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()

	body := patch(fmt.Sprintf(`{"op":"add","path":"members","value":[{"value":%q}]}`, b), `{"op":"replace","path":"displayName","value":"Fail 2"}`)
	_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 500, Method: http.MethodPatch, Path: "/v1/groups/", Times: 1})
	require.NoError(t, err)
	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, body)
	assert.Equal(t, http.StatusBadGateway, r.Status, string(r.Body))
	assert.Contains(t, r.JSON.Get("detail").String(), `could not rename the group from "Fail" to "Fail 2", add 1 member: `)
	assert.Contains(t, r.JSON.Get("detail").String(), "does not say whether this call was applied")
	assert.Contains(t, r.JSON.Get("detail").String(), "GET /Groups/"+id)

	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, body)
	require.Equal(t, http.StatusOK, r.Status, "repeating is safe: %s", r.Body)
	assert.Equal(t, sorted(a, b), tg.chMemberIDs(id))
}
