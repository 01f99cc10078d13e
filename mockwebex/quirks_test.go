package mockwebex

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One test per quirk of the catalogue (design §5): each checks the quirk's
// behaviour with the quirk on (the default) and the "sane" behaviour with it
// off, as Catalogue() documents.

func without(id QuirkID) Option { return WithQuirks(AllQuirks().Without(id)) }

func TestWX01_UndecodableCursorIsEchoed(t *testing.T) {
	f := newFake(t)
	for _, path := range []string{"/v1/people", "/v1/teams", "/v1/team/memberships?teamId=" + f.teamID("Sales")} {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		r := f.get(path + sep + "cursor=not-a-cursor")
		r.requireStatus(t, http.StatusOK)
		assert.Empty(t, r.items(t), path)
		next, err := url.Parse(r.next())
		require.NoError(t, err, path)
		assert.Equal(t, "not-a-cursor", next.Query().Get("cursor"), path)
		assert.Equal(t, "fake.test", next.Host)
		// Following it blindly loops: the same answer again.
		again := f.get(next.RequestURI())
		assert.Equal(t, r.hdr.Get("Link"), again.hdr.Get("Link"))
	}

	off := newFake(t, without(WX01))
	off.get("/v1/people?cursor=not-a-cursor").requireStatus(t, http.StatusBadRequest)
}

func TestWX02_ForeignCursorIsNotChecked(t *testing.T) {
	f := newFake(t)
	// A cursor of the teams listing, used on people: the people from position 1.
	teams := f.get("/v1/teams?max=1")
	require.NotEmpty(t, teams.next())
	cur, _ := url.Parse(teams.next())
	c := cur.Query().Get("cursor")
	r := f.get("/v1/people?max=2&cursor=" + c)
	r.requireStatus(t, http.StatusOK)
	items := r.items(t)
	require.Len(t, items, 2)
	assert.Equal(t, "bob.builder@example.com", items[0]["emails"].([]any)[0])
	// A hand-made cursor (decodable, no listing key) works too.
	hand := base64.RawURLEncoding.EncodeToString([]byte(`{"p":5}`))
	r = f.get("/v1/people?max=1&cursor=" + hand)
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, "frank.fischer@example.com", r.items(t)[0]["emails"].([]any)[0])

	off := newFake(t, without(WX02))
	off.get("/v1/people?max=2&cursor="+c).requireStatus(t, http.StatusBadRequest)
	off.get("/v1/people?max=1&cursor="+hand).requireStatus(t, http.StatusBadRequest)
	// Its own cursors still work.
	own := off.get("/v1/people?max=2")
	nu, _ := url.Parse(own.next())
	off.get(nu.RequestURI()).requireStatus(t, http.StatusOK)
}

func TestWX03_DuplicateTeamNames(t *testing.T) {
	f := newFake(t)
	f.do("POST", "/v1/teams", adminTok, map[string]any{"name": "Sales"}).requireStatus(t, http.StatusOK)
	n := 0
	for _, tm := range f.s.State().Teams {
		if tm.Name == "Sales" {
			n++
		}
	}
	assert.Equal(t, 2, n)

	off := newFake(t, without(WX03))
	off.do("POST", "/v1/teams", adminTok, map[string]any{"name": "sales"}).requireStatus(t, http.StatusConflict)
	off.do("PUT", "/v1/teams/"+off.teamID("Support"), adminTok, map[string]any{"name": "Sales"}).requireStatus(t, http.StatusConflict)
	off.do("PUT", "/v1/teams/"+off.teamID("Support"), adminTok, map[string]any{"name": "Support"}).requireStatus(t, http.StatusOK)
}

func TestWX04_LastModeratorCannotLeave(t *testing.T) {
	f := newFake(t)
	team := f.teamID("Engineering") // admin is its only moderator, with 6 other members
	mid := f.membershipOf(team, f.personID("admin@example.com"))
	f.do("DELETE", "/v1/team/memberships/"+mid, adminTok, nil).requireStatus(t, http.StatusConflict)
	f.do("PUT", "/v1/team/memberships/"+mid, adminTok, map[string]any{"isModerator": false}).requireStatus(t, http.StatusConflict)
	// Once another member is promoted, the admin may step down.
	other := f.membershipOf(team, f.personID("carol.chen@example.com"))
	f.do("PUT", "/v1/team/memberships/"+other, adminTok, map[string]any{"isModerator": true}).requireStatus(t, http.StatusOK)
	f.do("PUT", "/v1/team/memberships/"+mid, adminTok, map[string]any{"isModerator": false}).requireStatus(t, http.StatusOK)

	off := newFake(t, without(WX04))
	team = off.teamID("Engineering")
	mid = off.membershipOf(team, off.personID("admin@example.com"))
	off.do("DELETE", "/v1/team/memberships/"+mid, adminTok, nil).requireStatus(t, http.StatusNoContent)
	assert.Len(t, off.s.State().Teams, 3, "the team stays, unmoderated")
}

func TestWX05_LastMemberLeavingDeletesTeam(t *testing.T) {
	f := newFake(t)
	tid := f.do("POST", "/v1/teams", adminTok, map[string]any{"name": "Solo"}).obj(t)["id"].(string)
	mid := f.membershipOf(tid, f.personID("admin@example.com"))
	f.do("DELETE", "/v1/team/memberships/"+mid, adminTok, nil).requireStatus(t, http.StatusNoContent)
	f.get("/v1/teams/"+tid).requireStatus(t, http.StatusNotFound)
	for _, tm := range f.get("/v1/teams").items(t) {
		assert.NotEqual(t, tid, tm["id"])
	}
	for _, tm := range f.s.State().Teams {
		assert.NotEqual(t, tid, tm.ID)
	}

	off := newFake(t, without(WX05))
	tid = off.do("POST", "/v1/teams", adminTok, map[string]any{"name": "Solo"}).obj(t)["id"].(string)
	mid = off.membershipOf(tid, off.personID("admin@example.com"))
	off.do("DELETE", "/v1/team/memberships/"+mid, adminTok, nil).requireStatus(t, http.StatusNoContent)
	found := false
	for _, tm := range off.s.State().Teams {
		found = found || tm.ID == tid
	}
	assert.True(t, found, "the team survives with no members")
}

func TestWX06_RemovedOrDemotedConsentingAccount(t *testing.T) {
	f := newFake(t)
	team := f.teamID("Sales") // moderators: admin and Bob
	bob := f.tokenFor("bob.builder@example.com")
	adminM := f.membershipOf(team, f.personID("admin@example.com"))
	// Bob demotes the admin: the admin's writes now answer 403.
	f.do("PUT", "/v1/team/memberships/"+adminM, bob, map[string]any{"isModerator": false}).requireStatus(t, http.StatusOK)
	f.do("PUT", "/v1/teams/"+team, adminTok, map[string]any{"name": "Renamed"}).requireStatus(t, http.StatusForbidden)
	f.do("POST", "/v1/team/memberships", adminTok, map[string]any{"teamId": team, "personEmail": "trent.tanaka@example.com"}).requireStatus(t, http.StatusForbidden)
	grace := f.membershipOf(team, f.personID("ivan.ivanov@example.com"))
	f.do("DELETE", "/v1/team/memberships/"+grace, adminTok, nil).requireStatus(t, http.StatusForbidden)
	f.do("PUT", "/v1/team/memberships/"+grace, adminTok, map[string]any{"isModerator": true}).requireStatus(t, http.StatusForbidden)
	f.get("/v1/teams/"+team).requireStatus(t, http.StatusOK) // still a member: reads work
	// Bob removes the admin: the team is invisible to it.
	f.do("DELETE", "/v1/team/memberships/"+adminM, bob, nil).requireStatus(t, http.StatusNoContent)
	f.get("/v1/teams/"+team).requireStatus(t, http.StatusNotFound)
	f.get("/v1/team/memberships/"+grace).requireStatus(t, http.StatusNotFound)
	// Other members still see the team as before.
	f.do("GET", "/v1/teams/"+team, bob, nil).requireStatus(t, http.StatusOK)

	off := newFake(t, without(WX06))
	team = off.teamID("Sales")
	bob = off.tokenFor("bob.builder@example.com")
	adminM = off.membershipOf(team, off.personID("admin@example.com"))
	off.do("DELETE", "/v1/team/memberships/"+adminM, bob, nil).requireStatus(t, http.StatusNoContent)
	off.get("/v1/teams/"+team).requireStatus(t, http.StatusOK)
	off.do("PUT", "/v1/teams/"+team, adminTok, map[string]any{"name": "Renamed"}).requireStatus(t, http.StatusOK)
}

func TestWX07_DeletedPersonAnswers403(t *testing.T) {
	f := newFake(t)
	id := f.personID("trent.tanaka@example.com")
	f.do("DELETE", "/v1/people/"+id, adminTok, nil).requireStatus(t, http.StatusNoContent)
	f.do("DELETE", "/v1/people/"+id, adminTok, nil).requireStatus(t, http.StatusForbidden)
	f.do("PUT", "/v1/people/"+id, adminTok, map[string]any{"displayName": "X"}).requireStatus(t, http.StatusForbidden)
	f.get("/v1/people/"+id).requireStatus(t, http.StatusNotFound)

	off := newFake(t, without(WX07))
	id = off.personID("trent.tanaka@example.com")
	off.do("DELETE", "/v1/people/"+id, adminTok, nil).requireStatus(t, http.StatusNoContent)
	off.do("DELETE", "/v1/people/"+id, adminTok, nil).requireStatus(t, http.StatusNotFound)
	off.do("PUT", "/v1/people/"+id, adminTok, map[string]any{"displayName": "X"}).requireStatus(t, http.StatusNotFound)
}

func TestWX08_PutIsAFullReplace(t *testing.T) {
	f := newFake(t)
	id := f.personID("dave.dubois@example.com") // has phoneNumbers, title, department, addresses, extension
	before := f.get("/v1/people/" + id).obj(t)
	require.NotEmpty(t, before["phoneNumbers"])
	f.do("PUT", "/v1/people/"+id, adminTok, map[string]any{"firstName": "Dave"}).requireStatus(t, http.StatusBadRequest)
	r := f.do("PUT", "/v1/people/"+id, adminTok, map[string]any{"displayName": "Dave D", "firstName": "David", "nickName": "Davy"})
	r.requireStatus(t, http.StatusOK)
	after := r.obj(t)
	for _, gone := range []string{"phoneNumbers", "title", "department", "addresses", "extension", "lastName", "timezone", "licenses", "roles"} {
		if v, ok := after[gone]; ok {
			assert.Empty(t, v, "%s is cleared by a full replace", gone)
		}
	}
	assert.Equal(t, "David", after["nickName"], "nickName is set to firstName")
	assert.Equal(t, before["emails"], after["emails"], "emails left out are kept")
	assert.Equal(t, "2026-11-26T09:15:02.123Z", after["lastModified"])

	off := newFake(t, without(WX08))
	id = off.personID("dave.dubois@example.com")
	r = off.do("PUT", "/v1/people/"+id, adminTok, map[string]any{"firstName": "David", "nickName": "Davy"})
	r.requireStatus(t, http.StatusOK)
	merged := r.obj(t)
	assert.Equal(t, before["phoneNumbers"], merged["phoneNumbers"])
	assert.Equal(t, before["title"], merged["title"])
	assert.Equal(t, "Davy", merged["nickName"])
	assert.Equal(t, "Dave Dubois", merged["displayName"])
}

func TestWX09_CreatePersonRulesAndPendingState(t *testing.T) {
	f := newFake(t)
	two := newPersonBody("a@example.com")
	two["emails"] = []string{"a@example.com", "b@example.com"}
	f.do("POST", "/v1/people", adminTok, two).requireStatus(t, http.StatusBadRequest)
	f.do("POST", "/v1/people", adminTok, map[string]any{"displayName": "No Email"}).requireStatus(t, http.StatusBadRequest)
	f.do("POST", "/v1/people", adminTok, map[string]any{"emails": []string{"x@example.com"}}).requireStatus(t, http.StatusBadRequest)
	r := f.do("POST", "/v1/people", adminTok, map[string]any{"emails": []string{"x@example.com"}, "lastName": "X"})
	r.requireStatus(t, http.StatusOK)
	p := r.obj(t)
	assert.Equal(t, "pending", p["status"])
	assert.Equal(t, true, p["invitePending"])
	assert.Equal(t, false, p["loginEnabled"])
	// PUT may enable login.
	r = f.do("PUT", "/v1/people/"+p["id"].(string), adminTok, map[string]any{"displayName": "X", "loginEnabled": true})
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, true, r.obj(t)["loginEnabled"])

	off := newFake(t, without(WX09))
	r = off.do("POST", "/v1/people", adminTok, two)
	r.requireStatus(t, http.StatusCreated)
	p = r.obj(t)
	assert.Equal(t, []any{"a@example.com"}, p["emails"])
	assert.Equal(t, "active", p["status"])
	assert.Equal(t, false, p["invitePending"])
	assert.Equal(t, true, p["loginEnabled"])
	off.do("POST", "/v1/people", adminTok, map[string]any{"emails": []string{"y@example.com"}}).requireStatus(t, http.StatusBadRequest)
}

func TestWX10_PeopleFilters(t *testing.T) {
	f := newFake(t)
	r := f.get("/v1/people?email=ALICE.admin@EXAMPLE.com")
	assert.Empty(t, r.items(t), "email matches exactly")
	r = f.get("/v1/people?email=ADMIN@EXAMPLE.COM")
	require.Len(t, r.items(t), 1, "case-insensitively")
	r = f.get("/v1/people?displayName=gr")
	require.Len(t, r.items(t), 1)
	assert.Equal(t, "Grace Garcia", r.items(t)[0]["displayName"])
	// ids: comma-separated and repeated, with notFoundIds.
	a, b := f.personID("admin@example.com"), f.personID("bob.builder@example.com")
	ghost := makeID(kindPeople, "00000000-0000-4000-8000-000000000000")
	r = f.get("/v1/people?id=" + a + "," + ghost + "&id=" + b)
	r.requireStatus(t, http.StatusOK)
	assert.Len(t, r.items(t), 2)
	assert.Equal(t, []any{ghost}, r.obj(t)["notFoundIds"])
	_, hasStatus := r.items(t)[0]["status"]
	assert.False(t, hasStatus, "no presence with id=")
	ids := make([]string, 86)
	for i := range ids {
		ids[i] = makeID(kindPeople, "00000000-0000-4000-8000-"+strconv.Itoa(100000000000+i))
	}
	f.get("/v1/people?id="+strings.Join(ids, ",")).requireStatus(t, http.StatusBadRequest)
	f.get("/v1/people?id="+strings.Join(ids[:85], ",")).requireStatus(t, http.StatusOK)

	off := newFake(t, without(WX10))
	assert.Empty(t, off.get("/v1/people?displayName=gr").items(t))
	assert.Len(t, off.get("/v1/people?displayName=grace%20GARCIA").items(t), 1)
	off.get("/v1/people?id="+strings.Join(ids, ",")).requireStatus(t, http.StatusOK)
}

func TestWX11_CreatorBecomesModerator(t *testing.T) {
	f := newFake(t)
	tid := f.do("POST", "/v1/teams", adminTok, map[string]any{"name": "New"}).obj(t)["id"].(string)
	ms := f.get("/v1/team/memberships?teamId=" + tid).items(t)
	require.Len(t, ms, 1)
	assert.Equal(t, f.personID("admin@example.com"), ms[0]["personId"])
	assert.Equal(t, true, ms[0]["isModerator"])

	off := newFake(t, without(WX11))
	tid = off.do("POST", "/v1/teams", adminTok, map[string]any{"name": "New"}).obj(t)["id"].(string)
	ms = off.get("/v1/team/memberships?teamId=" + tid).items(t)
	require.Len(t, ms, 1)
	assert.Equal(t, false, ms[0]["isModerator"])
}

func TestWX12_MaxIsClamped(t *testing.T) {
	f := newFake(t)
	f.get("/v1/people?max=5000").requireStatus(t, http.StatusOK)
	f.get("/v1/teams?max=5000").requireStatus(t, http.StatusOK)
	f.get("/v1/team/memberships?max=5000&teamId="+f.teamID("Sales")).requireStatus(t, http.StatusOK)
	f.get("/v1/people?max=0").requireStatus(t, http.StatusBadRequest)
	f.get("/v1/people?max=abc").requireStatus(t, http.StatusBadRequest)
	// Clamped to 50 with locationId: 60 people at one location give a 50-item page.
	for i := range 60 {
		b := newPersonBody("loc" + strconv.Itoa(i) + "@example.com")
		b["locationId"] = "LOC1"
		f.do("POST", "/v1/people", adminTok, b).requireStatus(t, http.StatusOK)
	}
	r := f.get("/v1/people?locationId=LOC1&max=1000")
	assert.Len(t, r.items(t), 50)
	assert.NotEmpty(t, r.next())

	off := newFake(t, without(WX12))
	off.get("/v1/people?max=5000").requireStatus(t, http.StatusBadRequest)
	off.get("/v1/people?max=1000").requireStatus(t, http.StatusOK)
}

func TestWX13_DuplicateMembership(t *testing.T) {
	f := newFake(t)
	body := map[string]any{"teamId": f.teamID("Sales"), "personEmail": "ivan.ivanov@example.com"}
	f.do("POST", "/v1/team/memberships", adminTok, body).requireStatus(t, http.StatusConflict)

	off := newFake(t, without(WX13))
	body["teamId"] = off.teamID("Sales")
	r := off.do("POST", "/v1/team/memberships", adminTok, body)
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, off.membershipOf(off.teamID("Sales"), off.personID("ivan.ivanov@example.com")), r.obj(t)["id"])
}

func TestWX14_DuplicateEmail(t *testing.T) {
	f := newFake(t)
	f.do("POST", "/v1/people", adminTok, newPersonBody("Bob.Builder@example.com")).requireStatus(t, http.StatusConflict)
	id := f.personID("carol.chen@example.com")
	f.do("PUT", "/v1/people/"+id, adminTok, map[string]any{"displayName": "C", "emails": []string{"bob.builder@example.com"}}).requireStatus(t, http.StatusConflict)
	// A deleted person's email is free again.
	f.do("DELETE", "/v1/people/"+f.personID("bob.builder@example.com"), adminTok, nil).requireStatus(t, http.StatusNoContent)
	f.do("POST", "/v1/people", adminTok, newPersonBody("bob.builder@example.com")).requireStatus(t, http.StatusOK)

	off := newFake(t, without(WX14))
	off.do("POST", "/v1/people", adminTok, newPersonBody("bob.builder@example.com")).requireStatus(t, http.StatusBadRequest)
}

func TestWX15_ListsLimitedToCallersTeams(t *testing.T) {
	f := newFake(t)
	trent := f.tokenFor("trent.tanaka@example.com") // member of no team
	assert.Empty(t, f.do("GET", "/v1/teams", trent, nil).items(t))
	assert.Len(t, f.get("/v1/teams").items(t), 3)
	f.get("/v1/team/memberships").requireStatus(t, http.StatusBadRequest)
	f.do("GET", "/v1/team/memberships?teamId="+f.teamID("Sales"), trent, nil).requireStatus(t, http.StatusNotFound)
	// A team the admin is not in is not listed to the admin.
	tid := f.do("POST", "/v1/teams", trent, map[string]any{"name": "Trent's"}).obj(t)["id"].(string)
	for _, tm := range f.get("/v1/teams").items(t) {
		assert.NotEqual(t, tid, tm["id"])
	}
	f.get("/v1/team/memberships?teamId="+tid).requireStatus(t, http.StatusNotFound)

	off := newFake(t, without(WX15))
	trent = off.tokenFor("trent.tanaka@example.com")
	tid = off.do("POST", "/v1/teams", trent, map[string]any{"name": "Trent's"}).obj(t)["id"].(string)
	assert.Len(t, off.get("/v1/teams").items(t), 4, "a full admin lists every team")
	off.get("/v1/team/memberships?teamId="+tid).requireStatus(t, http.StatusOK)
	off.get("/v1/team/memberships").requireStatus(t, http.StatusBadRequest)
	assert.Empty(t, off.do("GET", "/v1/teams", off.tokenFor("sybil.schmidt@example.com"), nil).items(t))
}

func TestWX16_UnauthorizedMessage(t *testing.T) {
	f := newFake(t)
	for _, tok := range []string{"", "nonsense"} {
		r := f.do("GET", "/v1/people/me", tok, nil)
		r.requireStatus(t, http.StatusUnauthorized)
		assert.Equal(t, msgUnauthorized, r.obj(t)["message"])
	}
	f.clock.Advance(accessTokenTTL)
	r := f.get("/v1/people/me")
	r.requireStatus(t, http.StatusUnauthorized)
	assert.Equal(t, "The request requires a valid access token set in the Authorization request header.", r.obj(t)["message"])

	off := newFake(t, without(WX16))
	r = off.do("GET", "/v1/people/me", "", nil)
	r.requireStatus(t, http.StatusUnauthorized)
	assert.Contains(t, r.obj(t)["message"], "No access token")
	off.clock.Advance(accessTokenTTL)
	assert.Contains(t, off.get("/v1/people/me").obj(t)["message"], "expired")
}

func TestWX17_RateLimit(t *testing.T) {
	f := newFake(t, WithRateLimit(2))
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	r := f.get("/v1/people/me")
	r.requireStatus(t, http.StatusTooManyRequests)
	secs, err := strconv.Atoi(r.hdr.Get("Retry-After"))
	require.NoError(t, err, "Retry-After is an integer")
	assert.GreaterOrEqual(t, secs, 1)
	// Another token has its own budget; a second later the budget is back.
	f.do("GET", "/v1/people/me", f.tokenFor("bob.builder@example.com"), nil).requireStatus(t, http.StatusOK)
	f.clock.Advance(time.Second)
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	// The rate_limit fault answers the same way.
	_, err = f.s.AddFault(Fault{Name: FaultRateLimit, RetryAfter: 7, Times: 1})
	require.NoError(t, err)
	r = f.get("/v1/people")
	r.requireStatus(t, http.StatusTooManyRequests)
	assert.Equal(t, "7", r.hdr.Get("Retry-After"))

	off := newFake(t, WithRateLimit(1), without(WX17))
	for range 5 {
		off.get("/v1/people/me").requireStatus(t, http.StatusOK)
	}
}

func TestWX18_TokensExpireAndRefresh(t *testing.T) {
	f := newFake(t)
	f.clock.Advance(accessTokenTTL - time.Second)
	f.get("/v1/people/me").requireStatus(t, http.StatusOK)
	f.clock.Advance(time.Second)
	f.get("/v1/people/me").requireStatus(t, http.StatusUnauthorized)
	tr := f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {f.s.AdminRefreshToken()},
		"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}})
	tr.requireStatus(t, http.StatusOK)
	tok := tr.obj(t)["access_token"].(string)
	f.do("GET", "/v1/people/me", tok, nil).requireStatus(t, http.StatusOK)
	bad := f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"nope"},
		"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}})
	bad.requireStatus(t, http.StatusBadRequest)
	assert.Equal(t, "invalid_grant", bad.obj(t)["error"])
	// Refresh tokens expire too (90 days).
	f.clock.Advance(refreshTokenTTL)
	f.tokenRequest(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {f.s.AdminRefreshToken()},
		"client_id": {"mock-client-id"}, "client_secret": {"mock-client-secret"}}).requireStatus(t, http.StatusBadRequest)

	off := newFake(t, without(WX18))
	off.clock.Advance(365 * 24 * time.Hour)
	off.get("/v1/people/me").requireStatus(t, http.StatusOK)
}

func TestWX19_ListLag(t *testing.T) {
	f := newFake(t, WithListLag(2*time.Second))
	p := f.do("POST", "/v1/people", adminTok, newPersonBody("lag@example.com")).obj(t)
	id := p["id"].(string)
	f.get("/v1/people/"+id).requireStatus(t, http.StatusOK)
	assert.Empty(t, f.get("/v1/people?email=lag@example.com").items(t))
	f.clock.Advance(2 * time.Second)
	assert.Len(t, f.get("/v1/people?email=lag@example.com").items(t), 1)
	// Deletes are seen in lists at once.
	f.do("DELETE", "/v1/people/"+id, adminTok, nil).requireStatus(t, http.StatusNoContent)
	assert.Empty(t, f.get("/v1/people?email=lag@example.com").items(t))

	off := newFake(t, WithListLag(time.Hour), without(WX19))
	off.do("POST", "/v1/people", adminTok, newPersonBody("lag@example.com")).requireStatus(t, http.StatusOK)
	assert.Len(t, off.get("/v1/people?email=lag@example.com").items(t), 1)
}

func TestQuirks_ParseAndCatalogue(t *testing.T) {
	q, err := ParseQuirks("WX01, wx05")
	require.NoError(t, err)
	assert.True(t, q.On(WX01))
	assert.True(t, q.On(WX05))
	assert.False(t, q.On(WX02))
	assert.Equal(t, "WX01,WX05", q.String())
	_, err = ParseQuirks("WX01,WX99")
	require.Error(t, err)
	all, err := ParseQuirks("all")
	require.NoError(t, err)
	assert.Equal(t, AllQuirks(), all)
	assert.Equal(t, "all", all.String())
	none, err := ParseQuirks("none")
	require.NoError(t, err)
	assert.Equal(t, "none", none.String())
	cat := Catalogue()
	require.Len(t, cat, 23)
	for i, k := range cat {
		assert.Equal(t, QuirkID(i+1), k.ID)
		assert.NotEmpty(t, k.Title)
		assert.NotEmpty(t, k.Off)
		assert.NotEmpty(t, k.Source)
		assert.True(t, AllQuirks().On(k.ID))
		if strings.Contains(k.Source, "inferred") {
			assert.True(t, k.Inferred, k.Code)
		}
	}
}
