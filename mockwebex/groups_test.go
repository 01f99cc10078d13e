package mockwebex

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/fixtures"
)

// groupsOf decodes GET /groups's envelope.
type groupsPage struct {
	TotalResults int              `json:"totalResults"`
	StartIndex   int              `json:"startIndex"`
	ItemsPerPage int              `json:"itemsPerPage"`
	Groups       []map[string]any `json:"groups"`
}

func (r *res) groups(t *testing.T) groupsPage {
	t.Helper()
	var p groupsPage
	require.NoError(t, json.Unmarshal(r.body, &p), "body: %s", r.body)
	return p
}

func names(gs []map[string]any) []string {
	out := make([]string, 0, len(gs))
	for _, g := range gs {
		out = append(out, fmt.Sprint(g["displayName"]))
	}
	return out
}

func memberIDs(g map[string]any) []string {
	ms, _ := g["members"].([]any)
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.(map[string]any)["id"].(string))
	}
	return out
}

func (f *fake) createGroup(name string, memberEmails ...string) map[string]any {
	f.t.Helper()
	members := []map[string]any{}
	for _, e := range memberEmails {
		members = append(members, map[string]any{"id": f.personID(e)})
	}
	r := f.do("POST", "/v1/groups", adminTok, map[string]any{"displayName": name, "members": members})
	r.requireStatus(f.t, http.StatusCreated)
	return r.obj(f.t)
}

func filterQ(expr string) string { return url.QueryEscape(expr) }

func TestGroups_SeedListAndShape(t *testing.T) {
	f := newFake(t)
	r := f.get("/v1/groups")
	r.requireStatus(t, http.StatusOK)
	p := r.groups(t)
	assert.Equal(t, 3, p.TotalResults)
	assert.Equal(t, 1, p.StartIndex)
	assert.Equal(t, 3, p.ItemsPerPage)
	assert.Equal(t, []string{"Licensed Meetings Users", "Support Policy", "Contractors"}, names(p.Groups))
	g := p.Groups[0]
	assert.NotContains(t, g, "members", "members only with includeMembers")
	assert.EqualValues(t, 4, g["memberSize"])
	assert.Equal(t, f.s.State().Organizations[0].ID, g["orgId"])
	// The id is ciscospark://us/SCIM_GROUP/<uuid>:<orgUuid> (facts §1).
	local, ok := parseID(kindGroup, g["id"].(string))
	require.True(t, ok)
	assert.Equal(t, "4f0e2d0a-6a43-5b7e-8c1d-2b6f0c9a7e11:c500a458-110e-5e36-aea7-564875a9aa70", local)

	with := f.get("/v1/groups?includeMembers=true").groups(t)
	assert.Len(t, memberIDs(with.Groups[0]), 4)
	assert.Equal(t, "user", with.Groups[0]["members"].([]any)[0].(map[string]any)["type"])
	assert.Equal(t, "Alice Admin", with.Groups[0]["members"].([]any)[0].(map[string]any)["displayName"])
	assert.NotContains(t, with.Groups[2], "members", "WX23: an empty group has no members key")
	assert.EqualValues(t, 0, with.Groups[2]["memberSize"])
}

func TestGroups_FilterSortAttributesPaging(t *testing.T) {
	f := newFake(t)
	f.createGroup("Sales East")
	f.createGroup("sales west")
	f.createGroup("Salesforce Admins")
	got := f.get("/v1/groups?filter=" + filterQ(`displayName eq "SALES EAST"`)).groups(t)
	assert.Equal(t, []string{"Sales East"}, names(got.Groups), "eq ignores case")
	got = f.get("/v1/groups?filter=" + filterQ(`displayName sw "sales"`) + "&sortBy=displayName").groups(t)
	assert.Equal(t, []string{"Sales East", "sales west", "Salesforce Admins"}, names(got.Groups))
	got = f.get("/v1/groups?filter=" + filterQ(`displayName SW "sales"`) + "&sortBy=displayName&sortOrder=descending").groups(t)
	assert.Equal(t, []string{"Salesforce Admins", "sales west", "Sales East"}, names(got.Groups))
	for _, bad := range []string{`externalId eq "x"`, `displayName co "x"`, `displayName eq x`, `displayName eq "a" or displayName eq "b"`} {
		f.get("/v1/groups?filter="+filterQ(bad)).requireStatus(t, http.StatusBadRequest)
	}
	f.get("/v1/groups?sortBy=created").requireStatus(t, http.StatusBadRequest)
	f.get("/v1/groups?sortOrder=up").requireStatus(t, http.StatusBadRequest)
	f.get("/v1/groups?attributes=nope").requireStatus(t, http.StatusBadRequest)
	f.get("/v1/groups?startIndex=0").requireStatus(t, http.StatusBadRequest)
	f.get("/v1/groups?count=-1").requireStatus(t, http.StatusBadRequest)

	// attributes: id plus the ones named.
	one := f.get("/v1/groups?attributes=displayName,memberSize&count=1").groups(t).Groups[0]
	assert.ElementsMatch(t, []string{"id", "displayName", "memberSize"}, keys(one))

	// Paging: startIndex/count and a Link that carries them.
	r := f.get("/v1/groups?count=2&sortBy=displayName")
	p := r.groups(t)
	assert.Equal(t, 6, p.TotalResults)
	assert.Equal(t, 2, p.ItemsPerPage)
	next := r.next()
	require.NotEmpty(t, next)
	assert.Contains(t, next, "startIndex=3")
	assert.Contains(t, next, "count=2")
	assert.Contains(t, next, "sortBy=displayName")
	var seen []string
	seen = append(seen, names(p.Groups)...)
	for next != "" {
		u, err := url.Parse(next)
		require.NoError(t, err)
		r = f.get(u.RequestURI())
		r.requireStatus(t, http.StatusOK)
		seen = append(seen, names(r.groups(t).Groups)...)
		next = r.next()
	}
	assert.Equal(t, []string{"Contractors", "Licensed Meetings Users", "Sales East", "sales west", "Salesforce Admins", "Support Policy"}, seen)
	past := f.get("/v1/groups?startIndex=50").groups(t)
	assert.Empty(t, past.Groups)
	assert.Equal(t, 6, past.TotalResults)
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestGroups_CreateReadPatchDelete(t *testing.T) {
	f := newFake(t)
	dave, erin, frank := f.personID("dave.dubois@example.com"), f.personID("erin.eriksen@example.com"), f.personID("frank.fischer@example.com")
	g := f.createGroup("Pilot", "dave.dubois@example.com", "erin.eriksen@example.com")
	id := g["id"].(string)
	assert.Equal(t, []string{dave, erin}, memberIDs(g))
	assert.Equal(t, "2026-11-26T09:15:02.123Z", g["created"])

	got := f.get("/v1/groups/" + id)
	got.requireStatus(t, http.StatusOK)
	assert.NotContains(t, got.obj(t), "members")
	assert.Equal(t, []string{dave, erin}, memberIDs(f.get("/v1/groups/"+id+"?includeMembers=true").obj(t)))

	f.clock.Advance(60_000_000_000)
	r := f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{
		"displayName": "Pilot 2", "description": "second wave",
		"members": []map[string]any{{"id": frank}, {"id": dave, "operation": "delete"}},
	})
	r.requireStatus(t, http.StatusOK)
	o := r.obj(t)
	assert.Equal(t, "Pilot 2", o["displayName"])
	assert.Equal(t, "second wave", o["description"])
	assert.Equal(t, []string{erin, frank}, memberIDs(o), "PATCH answers with members")
	assert.Equal(t, "2026-11-26T09:16:02.123Z", o["lastModified"])

	f.do("DELETE", "/v1/groups/"+id, adminTok, nil).requireStatus(t, http.StatusNoContent)
	f.get("/v1/groups/"+id).requireStatus(t, http.StatusNotFound)
	f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusNotFound)
	f.do("DELETE", "/v1/groups/"+id, adminTok, nil).requireStatus(t, http.StatusNotFound)
	assert.NotContains(t, names(f.get("/v1/groups").groups(t).Groups), "Pilot 2")
}

func TestGroups_BadBodiesChangeNothing(t *testing.T) {
	f := newFake(t)
	g := f.createGroup("Keep", "dave.dubois@example.com")
	id := g["id"].(string)
	dave := f.personID("dave.dubois@example.com")
	for _, body := range []any{
		map[string]any{"description": "no name"},
		map[string]any{"displayName": ""},
		map[string]any{"displayName": strings.Repeat("x", 513)},
		map[string]any{"displayName": "x", "members": []map[string]any{{"value": dave}}},
		map[string]any{"displayName": "x", "orgId": "other"},
		"[]",
	} {
		f.do("POST", "/v1/groups", adminTok, body).requireStatus(t, http.StatusBadRequest)
	}
	tooMany := make([]map[string]any, 501)
	for i := range tooMany {
		tooMany[i] = map[string]any{"id": dave}
	}
	f.do("POST", "/v1/groups", adminTok, map[string]any{"displayName": "big", "members": tooMany}).requireStatus(t, http.StatusBadRequest)
	for _, body := range []any{
		map[string]any{"displayName": ""},
		map[string]any{"members": []map[string]any{{"id": dave, "operation": "remove"}}},
		// The second operation is refused: the first is not applied either.
		map[string]any{"displayName": "renamed", "members": []map[string]any{{"id": dave, "operation": "delete"}, {"id": "nobody"}}},
	} {
		f.do("PATCH", "/v1/groups/"+id, adminTok, body).requireStatus(t, http.StatusBadRequest)
	}
	after := f.get("/v1/groups/" + id + "?includeMembers=true").obj(t)
	assert.Equal(t, "Keep", after["displayName"])
	assert.Equal(t, []string{dave}, memberIDs(after))
	assert.Equal(t, 3+1, len(f.s.State().Groups))
}

func TestGroups_DeletingAPersonLeavesEveryGroup(t *testing.T) {
	f := newFake(t)
	p := f.do("POST", "/v1/people", adminTok, newPersonBody("leaver@example.com")).obj(t)
	pid := p["id"].(string)
	dave := f.personID("dave.dubois@example.com")
	a := f.do("POST", "/v1/groups", adminTok, map[string]any{"displayName": "A", "members": []map[string]any{{"id": pid}, {"id": dave}}}).obj(t)
	b := f.do("POST", "/v1/groups", adminTok, map[string]any{"displayName": "B", "members": []map[string]any{{"id": pid}}}).obj(t)
	f.clock.Advance(1_000_000_000)
	f.do("DELETE", "/v1/people/"+pid, adminTok, nil).requireStatus(t, http.StatusNoContent)

	ga := f.get("/v1/groups/" + a["id"].(string) + "?includeMembers=true").obj(t)
	assert.Equal(t, []string{dave}, memberIDs(ga))
	assert.EqualValues(t, 1, ga["memberSize"])
	assert.NotEqual(t, a["lastModified"], ga["lastModified"], "the members changed")
	gb := f.get("/v1/groups/" + b["id"].(string) + "?includeMembers=true").obj(t)
	assert.EqualValues(t, 0, gb["memberSize"], "WX23: the emptied group stays")
	assert.NotContains(t, gb, "members")
	// Adding the deleted person is WX20's unknown id.
	f.do("PATCH", "/v1/groups/"+b["id"].(string), adminTok, map[string]any{"members": []map[string]any{{"id": pid}}}).requireStatus(t, http.StatusBadRequest)
}

func TestGroups_MembersPaged(t *testing.T) {
	f := newFake(t, WithSeed(seedWithGroupOf(t, 1203)))
	id := f.get("/v1/groups?filter=" + filterQ(`displayName eq "Big"`)).groups(t).Groups[0]["id"].(string)
	full := f.get("/v1/groups/" + id + "?includeMembers=true").obj(t)
	assert.Len(t, memberIDs(full), 500, "includeMembers shows at most 500")
	assert.EqualValues(t, 1203, full["memberSize"])
	listed := f.get("/v1/groups?includeMembers=true&filter=" + filterQ(`displayName eq "Big"`)).groups(t).Groups[0]
	assert.Len(t, memberIDs(listed), 500)

	r := f.get("/v1/groups/" + id + "/members")
	r.requireStatus(t, http.StatusOK)
	assert.Len(t, memberIDs(r.obj(t)), 500, "the default page is 500")
	assert.Contains(t, r.next(), "startIndex=501")
	seen := map[string]bool{}
	for _, m := range memberIDs(r.obj(t)) {
		seen[m] = true
	}
	pages := 1
	for next := r.next(); next != ""; next = r.next() {
		u, err := url.Parse(next)
		require.NoError(t, err)
		r = f.get(u.RequestURI())
		r.requireStatus(t, http.StatusOK)
		for _, m := range memberIDs(r.obj(t)) {
			assert.False(t, seen[m], "a member repeats")
			seen[m] = true
		}
		pages++
	}
	assert.Len(t, seen, 1203)
	assert.Equal(t, 3, pages)
	// count is clamped at 500 (WX12); off, 400.
	assert.Len(t, memberIDs(f.get("/v1/groups/"+id+"/Members?count=2000").obj(t)), 500)
	off := newFake(t, WithSeed(seedWithGroupOf(t, 3)), without(WX12))
	oid := off.get("/v1/groups?filter=" + filterQ(`displayName eq "Big"`)).groups(t).Groups[0]["id"].(string)
	off.get("/v1/groups/"+oid+"/members?count=501").requireStatus(t, http.StatusBadRequest)
	assert.Len(t, memberIDs(off.get("/v1/groups/"+oid+"/members?startIndex=2&count=5").obj(t)), 2)
}

// seedWithGroupOf is the default seed plus n people, all in a group "Big".
func seedWithGroupOf(t *testing.T, n int) []byte {
	t.Helper()
	var doc SeedDoc
	require.NoError(t, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	big := SeedGroup{UUID: "00000000-0000-4000-a000-000000000001", DisplayName: "Big"}
	for i := range n {
		email := fmt.Sprintf("member%05d@example.com", i)
		doc.People = append(doc.People, SeedPerson{UUID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			Emails: []string{email}, DisplayName: fmt.Sprintf("Member %05d", i)})
		big.Members = append(big.Members, email)
	}
	doc.Groups = append(doc.Groups, big)
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	return raw
}

func TestGroups_ScopesAndRoles(t *testing.T) {
	f := newFake(t)
	id := f.get("/v1/groups").groups(t).Groups[0]["id"].(string)
	noGroups, err := f.s.IssueScopedToken("admin@example.com", "spark-admin:people_read")
	require.NoError(t, err)
	readOnly, err := f.s.IssueScopedToken("admin@example.com", scopeGroupsRead)
	require.NoError(t, err)
	rw, err := f.s.IssueScopedToken("admin@example.com", scopeGroupsRW)
	require.NoError(t, err)

	f.do("GET", "/v1/groups", noGroups, nil).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/groups/"+id, noGroups, nil).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/people/me", noGroups, nil).requireStatus(t, http.StatusOK)
	f.do("GET", "/v1/groups", readOnly, nil).requireStatus(t, http.StatusOK)
	f.do("GET", "/v1/groups/"+id+"/members", readOnly, nil).requireStatus(t, http.StatusOK)
	f.do("POST", "/v1/groups", readOnly, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusForbidden)
	f.do("PATCH", "/v1/groups/"+id, readOnly, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusForbidden)
	f.do("DELETE", "/v1/groups/"+id, readOnly, nil).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/groups", rw, nil).requireStatus(t, http.StatusOK)
	f.do("POST", "/v1/groups", rw, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusCreated)

	// Roles: a read-only admin reads, a plain person does nothing.
	carol, trent := f.tokenFor("carol.chen@example.com"), f.tokenFor("trent.tanaka@example.com")
	f.do("GET", "/v1/groups", carol, nil).requireStatus(t, http.StatusOK)
	f.do("POST", "/v1/groups", carol, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/groups", trent, nil).requireStatus(t, http.StatusForbidden)

	// The control plane issues scoped tokens too.
	r := f.do("POST", "/_mock/tokens", "", map[string]any{"email": "admin@example.com", "scope": "spark:people_read"})
	r.requireStatus(t, http.StatusOK)
	f.do("GET", "/v1/groups", r.obj(t)["access_token"].(string), nil).requireStatus(t, http.StatusForbidden)
}

func TestGroups_ConsentCarriesScopes(t *testing.T) {
	f := newFake(t)
	for _, tc := range []struct {
		scope string
		want  int
	}{{"spark:people_read identity:groups_read", http.StatusOK}, {"spark:people_read", http.StatusForbidden}} {
		q := url.Values{"client_id": {"mock-client-id"}, "response_type": {"code"}, "redirect_uri": {"http://127.0.0.1/cb"},
			"scope": {tc.scope}, "login_hint": {"admin@example.com"}}
		r := f.do("GET", "/v1/authorize?"+q.Encode(), "", nil)
		require.Equal(t, http.StatusFound, r.code, "body: %s", r.body)
		loc, err := url.Parse(r.hdr.Get("Location"))
		require.NoError(t, err)
		form := url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")},
			"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}}
		tr := f.tokenRequest(form)
		tr.requireStatus(t, http.StatusOK)
		tok := tr.obj(t)
		f.do("GET", "/v1/groups", tok["access_token"].(string), nil).requireStatus(t, tc.want)
		// A refreshed token keeps the grant's scopes.
		rr := f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok["refresh_token"].(string)},
			"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}})
		rr.requireStatus(t, http.StatusOK)
		re := rr.obj(t)
		f.do("GET", "/v1/groups", re["access_token"].(string), nil).requireStatus(t, tc.want)
	}
}

func TestWX20_UnknownGroupMember(t *testing.T) {
	for _, tc := range []struct {
		opts []Option
		want int
	}{{nil, http.StatusBadRequest}, {[]Option{without(WX20)}, http.StatusNotFound}} {
		f := newFake(t, tc.opts...)
		before := len(f.s.State().Groups)
		ghost := makeID(kindPeople, "00000000-0000-4000-8000-00000000dead")
		r := f.do("POST", "/v1/groups", adminTok, map[string]any{"displayName": "G", "members": []map[string]any{{"id": ghost}}})
		r.requireStatus(t, tc.want)
		assert.Contains(t, string(r.body), ghost, "the answer names the id")
		assert.Len(t, f.s.State().Groups, before, "nothing created")
		id := f.get("/v1/groups").groups(t).Groups[0]["id"].(string)
		f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"members": []map[string]any{{"id": ghost}}}).requireStatus(t, tc.want)
	}
}

func TestWX21_DuplicateGroupNames(t *testing.T) {
	f := newFake(t)
	a := f.createGroup("Twins")
	b := f.createGroup("Twins")
	assert.NotEqual(t, a["id"], b["id"])
	assert.Equal(t, 2, f.get("/v1/groups?filter="+filterQ(`displayName eq "twins"`)).groups(t).TotalResults)

	off := newFake(t, without(WX21))
	off.createGroup("Twins")
	off.do("POST", "/v1/groups", adminTok, map[string]any{"displayName": "TWINS"}).requireStatus(t, http.StatusConflict)
	other := off.createGroup("Other")
	off.do("PATCH", "/v1/groups/"+other["id"].(string), adminTok, map[string]any{"displayName": "twins"}).requireStatus(t, http.StatusConflict)
	off.do("PATCH", "/v1/groups/"+other["id"].(string), adminTok, map[string]any{"displayName": "Other"}).requireStatus(t, http.StatusOK)
}

func TestWX22_RepeatedMemberChangesAreNoOps(t *testing.T) {
	f := newFake(t)
	dave, erin := f.personID("dave.dubois@example.com"), f.personID("erin.eriksen@example.com")
	g := f.createGroup("Once", "dave.dubois@example.com")
	id := g["id"].(string)
	f.clock.Advance(5_000_000_000)
	r := f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"displayName": "Once",
		"members": []map[string]any{{"id": dave, "operation": "add"}, {"id": erin, "operation": "delete"}}})
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, []string{dave}, memberIDs(r.obj(t)))
	assert.Equal(t, g["lastModified"], r.obj(t)["lastModified"], "nothing changed: lastModified stays")
	// In one request, an add then a delete of the same person applies both, in order.
	r = f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"members": []map[string]any{{"id": erin}, {"id": erin, "operation": "delete"}}})
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, []string{dave}, memberIDs(r.obj(t)))

	off := newFake(t, without(WX22))
	og := off.createGroup("Once", "dave.dubois@example.com")
	oid := og["id"].(string)
	off.do("PATCH", "/v1/groups/"+oid, adminTok, map[string]any{"members": []map[string]any{{"id": dave}}}).requireStatus(t, http.StatusConflict)
	off.do("PATCH", "/v1/groups/"+oid, adminTok, map[string]any{"displayName": "changed", "members": []map[string]any{{"id": erin, "operation": "delete"}}}).requireStatus(t, http.StatusBadRequest)
	assert.Equal(t, "Once", off.get("/v1/groups/" + oid).obj(t)["displayName"], "nothing changed")
}

func TestWX23_EmptiedGroupKept(t *testing.T) {
	f := newFake(t)
	dave := f.personID("dave.dubois@example.com")
	g := f.createGroup("Short", "dave.dubois@example.com")
	id := g["id"].(string)
	r := f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"members": []map[string]any{{"id": dave, "operation": "delete"}}})
	r.requireStatus(t, http.StatusOK)
	assert.NotContains(t, r.obj(t), "members")
	assert.EqualValues(t, 0, r.obj(t)["memberSize"])
	assert.NotContains(t, f.get("/v1/groups/"+id+"?includeMembers=true").obj(t), "members")
	assert.NotContains(t, f.get("/v1/groups/"+id+"/members").obj(t), "members")

	off := newFake(t, without(WX23))
	og := off.createGroup("Short")
	assert.Equal(t, []any{}, og["members"])
	assert.Equal(t, []any{}, off.get("/v1/groups/" + og["id"].(string) + "?includeMembers=true").obj(t)["members"])
}

func TestGroups_FaultsRateLimitAndStateReset(t *testing.T) {
	f := newFake(t)
	_, err := f.s.AddFault(Fault{Name: FaultServerError, Method: "PATCH", Path: "/v1/groups", Times: 1, Status: 503})
	require.NoError(t, err)
	id := f.get("/v1/groups").groups(t).Groups[0]["id"].(string)
	f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusServiceUnavailable)
	f.do("PATCH", "/v1/groups/"+id, adminTok, map[string]any{"displayName": "x"}).requireStatus(t, http.StatusOK)

	require.NoError(t, f.s.SetSettings(Settings{Quirks: AllQuirks(), RateLimit: 1}))
	f.get("/v1/groups").requireStatus(t, http.StatusOK)
	r := f.get("/v1/groups")
	r.requireStatus(t, http.StatusTooManyRequests)
	assert.NotEmpty(t, r.hdr.Get("Retry-After"))
	require.NoError(t, f.s.SetSettings(Settings{Quirks: AllQuirks()}))

	f.createGroup("Temp", "dave.dubois@example.com")
	st := f.s.State()
	require.Len(t, st.Groups, 4)
	assert.Equal(t, "x", st.Groups[0].DisplayName)
	assert.Len(t, st.Groups[3].Members, 1)
	assert.Equal(t, []GroupMember{}, st.Groups[2].Members, "the state shows an empty group's members as []")
	require.NoError(t, f.s.Reset())
	st = f.s.State()
	require.Len(t, st.Groups, 3)
	assert.Equal(t, "Licensed Meetings Users", st.Groups[0].DisplayName)
}
