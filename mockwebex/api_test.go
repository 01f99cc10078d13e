package mockwebex

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Wire details of design §5 that real Webex clients depend on.

func TestPaging_WalkFollowsLinkToTheEnd(t *testing.T) {
	f := newFake(t)
	var emails []string
	next := "/v1/people?max=3&displayName="
	pages := 0
	for next != "" {
		r := f.get(next)
		r.requireStatus(t, http.StatusOK)
		for _, p := range r.items(t) {
			emails = append(emails, p["emails"].([]any)[0].(string))
		}
		pages++
		link := r.hdr.Get("Link")
		if link == "" {
			break
		}
		require.Regexp(t, `^<http://fake\.test/v1/people\?max=3&displayName=&cursor=[A-Za-z0-9_-]+>; rel="next"$`, link)
		u, err := url.Parse(r.next())
		require.NoError(t, err)
		next = u.RequestURI()
	}
	assert.Len(t, emails, 20)
	assert.Equal(t, 7, pages, "20 people in pages of 3; no Link on the last")
	assert.Equal(t, "admin@example.com", emails[0])
}

func TestPaging_LinkUsesForwardedProtoAndRepeatedFiltersWork(t *testing.T) {
	f := newFake(t)
	req := httptest.NewRequest(http.MethodGet, "/v1/people?max=2", nil)
	req.Host = "proxy.example:8443"
	req.Header.Set("Authorization", "Bearer "+adminTok)
	req.Header.Set("X-Forwarded-Proto", "https")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	require.Equal(t, http.StatusOK, w.Code)
	link := w.Header().Get("Link")
	require.True(t, strings.HasPrefix(link, "<https://proxy.example:8443/v1/people?max=2&cursor="), link)
	// A client that re-adds the original query to the next URL.
	u, _ := url.Parse(strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`))
	r := f.get(u.RequestURI() + "&max=2")
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, "carol.chen@example.com", r.items(t)[0]["emails"].([]any)[0])
	assert.Len(t, r.items(t), 2)
}

func TestPaging_DefaultMaxIs100(t *testing.T) {
	f := newFake(t)
	for i := range 120 {
		f.do("POST", "/v1/people", adminTok, newPersonBody("p"+strconv.Itoa(i)+"@example.com")).requireStatus(t, http.StatusOK)
	}
	r := f.get("/v1/people")
	assert.Len(t, r.items(t), 100)
	assert.NotEmpty(t, r.next())
}

func TestIDs_ShapeAndBareUUID(t *testing.T) {
	f := newFake(t)
	st := f.s.State()
	var ids []string
	for _, p := range st.People {
		ids = append(ids, p.ID)
	}
	for _, tm := range st.Teams {
		ids = append(ids, tm.ID)
	}
	for _, m := range st.Memberships {
		ids = append(ids, m.ID)
	}
	for _, r := range st.Roles {
		ids = append(ids, r.ID)
	}
	for _, l := range st.Licenses {
		ids = append(ids, l.ID)
	}
	ids = append(ids, st.Organizations[0].ID)
	for _, id := range ids {
		assert.False(t, strings.ContainsAny(id, "/+?#%="), id)
		raw, err := base64.RawURLEncoding.DecodeString(id)
		require.NoError(t, err, id)
		assert.Regexp(t, `^ciscospark://us/(PEOPLE|TEAM|TEAM_MEMBERSHIP|ROLE|LICENSE|ORGANIZATION)/`, string(raw))
	}
	full := base64.RawURLEncoding.EncodeToString([]byte("ciscospark://us/ROLE/id_full_admin"))
	assert.Equal(t, "Full Administrator", f.get("/v1/roles/" + full).obj(t)["name"])
	// GET /people/{uuid}
	raw, _ := base64.RawURLEncoding.DecodeString(st.People[1].ID)
	uuid := strings.TrimPrefix(string(raw), "ciscospark://us/PEOPLE/")
	r := f.get("/v1/people/" + uuid)
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, st.People[1].ID, r.obj(t)["id"])
}

func TestWire_TrailingSlashContentTypeTimestamps(t *testing.T) {
	f := newFake(t)
	f.get("/v1/people/").requireStatus(t, http.StatusOK)
	f.get("/v1/teams/").requireStatus(t, http.StatusOK)
	f.get("/v1/people/me/").requireStatus(t, http.StatusOK)
	// Content-Type application/json (with charset) on a GET and a DELETE without body.
	for _, m := range []string{http.MethodGet, http.MethodDelete} {
		target := "/v1/people/me"
		if m == http.MethodDelete {
			target = "/v1/people/" + f.personID("trent.tanaka@example.com")
		}
		req := httptest.NewRequest(m, target, nil)
		req.Header.Set("Authorization", "Bearer "+adminTok)
		req.Header.Set("Content-Type", "application/json;charset=utf-8")
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		assert.Less(t, w.Code, 300, "%s %s: %s", m, target, w.Body)
	}
	p := f.do("POST", "/v1/people", adminTok, newPersonBody("ts@example.com")).obj(t)
	assert.Equal(t, "2026-11-26T09:15:02.123Z", p["created"])
	assert.Regexp(t, regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`), p["lastModified"])
	_, hasNick := p["nickName"]
	assert.False(t, hasNick, "absent rather than empty")
	tm := f.do("POST", "/v1/teams", adminTok, map[string]any{"name": "T"})
	tm.requireStatus(t, http.StatusOK)
	assert.Equal(t, f.personID("admin@example.com"), tm.obj(t)["creatorId"])
}

func TestErrors_EnvelopeEverywhere(t *testing.T) {
	f := newFake(t)
	cases := []struct {
		method, target string
		body           any
		code           int
		contains       string
	}{
		{"GET", "/v1/nothing", nil, 404, "Unknown endpoint"},
		{"GET", "/v1/People", nil, 404, ""},
		{"PATCH", "/v1/people/me", nil, 405, ""},
		{"GET", "/v1/people?bogus=1", nil, 400, "bogus"},
		{"GET", "/v1/people/" + makeID(kindPeople, "00000000-0000-4000-8000-000000000000"), nil, 404, ""},
		{"GET", "/v1/people/not-an-id", nil, 404, ""},
		{"POST", "/v1/people", "{not json", 400, "JSON"},
		{"POST", "/v1/people", "[]", 400, "object"},
		{"POST", "/v1/people", "", 400, "body"},
		{"POST", "/v1/people", map[string]any{"emails": "a@example.com", "displayName": "A"}, 400, "emails"},
		{"POST", "/v1/people", map[string]any{"emails": []string{"not an email"}, "displayName": "A"}, 400, "emails"},
		{"POST", "/v1/people", map[string]any{"emails": []string{"r@example.com"}, "displayName": "A", "roles": []string{"nope"}}, 400, "roles"},
		{"POST", "/v1/people", map[string]any{"emails": []string{"r@example.com"}, "displayName": "A", "licenses": []string{"nope"}}, 400, "licenses"},
		{"POST", "/v1/people", map[string]any{"emails": []string{"r@example.com"}, "displayName": 5}, 400, "displayName"},
		{"POST", "/v1/people", map[string]any{"emails": []string{"r@example.com"}, "displayName": "A", "phoneNumbers": []map[string]any{{"type": "work_extension", "value": "1"}}}, 400, "phoneNumbers"},
		{"PUT", "/v1/people/me", map[string]any{"displayName": "A"}, 404, ""}, // "me" is no person id
		{"POST", "/v1/teams", map[string]any{"description": "no name"}, 400, "name"},
		{"POST", "/v1/teams", map[string]any{"name": 5}, 400, "name"},
		{"POST", "/v1/team/memberships", map[string]any{"teamId": "x"}, 400, "personId"},
		{"PUT", "/v1/team/memberships/x", map[string]any{"isModerator": "yes"}, 404, ""},
		{"GET", "/v1/people?callingData=maybe", nil, 400, "callingData"},
	}
	for _, c := range cases {
		r := f.do(c.method, c.target, adminTok, c.body)
		r.requireStatus(t, c.code)
		if c.contains != "" {
			assert.Contains(t, r.obj(t)["message"], c.contains, "%s %s", c.method, c.target)
		}
	}
	// Content-Type other than JSON on a body.
	req := httptest.NewRequest(http.MethodPost, "/v1/teams", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Authorization", "Bearer "+adminTok)
	req.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	assert.Equal(t, http.StatusUnsupportedMediaType, w.Code)
	// A 401 is never a 403, and comes before any other check.
	f.do("GET", "/v1/teams", "bad", nil).requireStatus(t, http.StatusUnauthorized)
	f.do("GET", "/v1/people?bogus=1", "", nil).requireStatus(t, http.StatusUnauthorized)
}

func TestPermissions_NonAdmins(t *testing.T) {
	f := newFake(t)
	trent := f.tokenFor("trent.tanaka@example.com")
	me := f.do("GET", "/v1/people/me", trent, nil)
	me.requireStatus(t, http.StatusOK)
	_, hasRoles := me.obj(t)["roles"]
	assert.False(t, hasRoles, "admin fields are for admins")
	f.do("GET", "/v1/people", trent, nil).requireStatus(t, http.StatusBadRequest)
	assert.Len(t, f.do("GET", "/v1/people?email=admin@example.com", trent, nil).items(t), 1)
	f.do("POST", "/v1/people", trent, newPersonBody("z@example.com")).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/roles", trent, nil).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/licenses", trent, nil).requireStatus(t, http.StatusForbidden)
	// A read-only admin reads but cannot write.
	carol := f.tokenFor("carol.chen@example.com")
	assert.Len(t, f.do("GET", "/v1/people", carol, nil).items(t), 20)
	f.do("POST", "/v1/people", carol, newPersonBody("z@example.com")).requireStatus(t, http.StatusForbidden)
	// A user admin writes.
	bob := f.tokenFor("bob.builder@example.com")
	f.do("POST", "/v1/people", bob, newPersonBody("z@example.com")).requireStatus(t, http.StatusOK)
	// A deleted person's token dies with it.
	f.do("DELETE", "/v1/people/"+f.personID("trent.tanaka@example.com"), adminTok, nil).requireStatus(t, http.StatusNoContent)
	f.do("GET", "/v1/people/me", trent, nil).requireStatus(t, http.StatusUnauthorized)
}

func TestLicences_CountConsumption(t *testing.T) {
	f := newFake(t)
	lic := f.get("/v1/licenses").items(t)
	require.Len(t, lic, 3)
	msg := lic[0]
	assert.Equal(t, float64(20), msg["consumedByUsers"])
	p := newPersonBody("lic@example.com")
	p["licenses"] = []string{msg["id"].(string)}
	f.do("POST", "/v1/people", adminTok, p).requireStatus(t, http.StatusOK)
	assert.Equal(t, float64(21), f.get("/v1/licenses/" + msg["id"].(string)).obj(t)["consumedUnits"])
	var meetings map[string]any
	for _, l := range lic {
		if l["siteUrl"] != nil {
			meetings = l
		}
	}
	require.NotNil(t, meetings, "the meetings licence has a siteUrl")
	users := f.get("/v1/licenses/" + meetings["id"].(string) + "?includeAssignedTo=user&limit=5").obj(t)["users"].([]any)
	assert.Len(t, users, 5)
}

func TestPeople_ListFilters(t *testing.T) {
	f := newFake(t)
	full := base64.RawURLEncoding.EncodeToString([]byte("ciscospark://us/ROLE/id_full_admin"))
	r := f.get("/v1/people?roles=" + full)
	require.Len(t, r.items(t), 1)
	assert.Equal(t, "admin@example.com", r.items(t)[0]["emails"].([]any)[0])
	f.get("/v1/people?roles=bogus").requireStatus(t, http.StatusBadRequest)
	orgID := f.s.State().Organizations[0].ID
	assert.Len(t, f.get("/v1/people?orgId="+orgID).items(t), 20)
	f.get("/v1/people?orgId=other").requireStatus(t, http.StatusBadRequest)
	_, has := f.get("/v1/people?excludeStatus=true").items(t)[0]["status"]
	assert.False(t, has)
	r = f.do("POST", "/v1/people?minResponse=true", adminTok, newPersonBody("min@example.com"))
	r.requireStatus(t, http.StatusOK)
	assert.Len(t, r.obj(t), 1)
}
