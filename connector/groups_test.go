package connector_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// Vendor page table 317 and design §4.2, row by row, checked against what Webex holds.
func TestGroupMapping(t *testing.T) {
	clock := &settableClock{now: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)}
	tg := newTarget(t, func(o *embedded.Options) {
		o.Now = clock.Now
		o.DatetimeOffset = 90 * time.Minute
	})
	dave, erin := tg.personID("dave.dubois@example.com"), tg.personID("erin.eriksen@example.com")
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas":     []string{groupSchema},
		"displayName": "Mapping",
		"members":     memberList(dave, erin),
	})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	team, ok := tg.team(id)
	require.True(t, ok, "id ← team id")
	assert.Equal(t, "Mapping", team.Name, "displayName → team name")
	assert.Equal(t, "Mapping", r.JSON.Get("displayName").String(), "displayName ← team name")

	webexMembers := tg.memberships(id)
	assert.Equal(t, sorted(dave, erin), members(r), "members[].value ← personId (the admin's own membership is not listed)")
	for _, m := range r.JSON.Get("members").Array() {
		wm := webexMembers[m.Get("value").String()]
		assert.Equal(t, wm.PersonDisplayName, m.Get("display").String(), "members[].display ← personDisplayName")
		assert.NotEmpty(t, m.Get("display").String())
		assert.Equal(t, "User", m.Get("type").String())
		assert.Equal(t, tg.url+"/scim/v2/Users/"+wm.PersonID, m.Get("$ref").String())
		assert.False(t, wm.IsModerator, "members are added as plain members")
	}
	admin, ok := webexMembers[tg.adminID()]
	require.True(t, ok, "the consenting account is a member of its team (WX11)")
	assert.True(t, admin.IsModerator)

	created, err := time.Parse(time.RFC3339Nano, team.Created)
	require.NoError(t, err)
	assert.Equal(t, created.Add(90*time.Minute).UTC().Format("2006-01-02T15:04:05.000Z07:00"), r.JSON.Get("meta.created").String(),
		"meta.created ← team created + the datetime offset (design §4.5)")
	assert.Equal(t, "2024-05-01T11:30:00.000Z", r.JSON.Get("meta.created").String())
	assert.Equal(t, r.JSON.Get("meta.created").String(), r.JSON.Get("meta.lastModified").String(),
		"a new team: lastModified is created (RFC 7643 §3.1; Webex keeps none for teams)")
	assert.Equal(t, "Group", r.JSON.Get("meta.resourceType").String())
	assert.Equal(t, tg.url+"/scim/v2/Groups/"+id, r.JSON.Get("meta.location").String())
	assert.Equal(t, r.JSON.Get("meta.location").String(), r.Header.Get("Location"))
	assert.Equal(t, r.JSON.Get("meta.version").String(), r.Header.Get("ETag"))

	t.Run("members[].display is read-only: a different value sent is ignored", func(t *testing.T) {
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{
			"displayName": "Mapping",
			"members":     []map[string]any{{"value": dave, "display": "Someone Else"}, {"value": erin}},
		})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, tg.memberships(id)[dave].PersonDisplayName, r.JSON.Get(`members.#(value=="`+dave+`").display`).String())
	})
}

func TestGetGroup(t *testing.T) {
	tg := newTarget(t)
	eng := tg.seededTeam("Engineering")

	r := tg.do(http.MethodGet, "/scim/v2/Groups/"+eng, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, "Engineering", r.JSON.Get("displayName").String())
	assert.Equal(t, []string{groupSchema}, []string{r.JSON.Get("schemas.0").String()})
	want := tg.memberIDs(eng)
	want = slicesDelete(want, tg.adminID())
	assert.Equal(t, want, members(r), "every member but the consenting account")
	etag := r.Header.Get("ETag")
	require.NotEmpty(t, etag)

	t.Run("If-None-Match with the current version is 304", func(t *testing.T) {
		r := tg.do(http.MethodGet, "/scim/v2/Groups/"+eng, nil, "If-None-Match", etag)
		assert.Equal(t, http.StatusNotModified, r.Status)
	})

	t.Run("excludedAttributes=members reads no memberships", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodGet, "/scim/v2/Groups/"+eng+"?excludedAttributes=members", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.False(t, r.JSON.Get("members").Exists())
		assert.Equal(t, "Engineering", r.JSON.Get("displayName").String())
		assert.Equal(t, []string{"GET /v1/teams/" + eng}, tg.webexRequests())
	})

	t.Run("unknown id is 404", func(t *testing.T) {
		requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Groups/no-such-team", nil), http.StatusNotFound, "")
	})

	t.Run("a team the consenting account was removed from is 404 (WX06)", func(t *testing.T) {
		sales := tg.seededTeam("Sales")
		adminMembership := tg.memberships(sales)[tg.adminID()].ID
		// Bob, the other moderator of Sales, removes the admin in the Webex app.
		status, body := tg.webexAs("bob.builder@example.com", http.MethodDelete, "/team/memberships/"+adminMembership, nil)
		require.Equal(t, http.StatusNoContent, status, string(body))
		r := tg.do(http.MethodGet, "/scim/v2/Groups/"+sales, nil)
		requireSCIMError(t, r, http.StatusNotFound, "")
		assert.Contains(t, r.JSON.Get("detail").String(), sales)
	})
}

func slicesDelete(ids []string, id string) []string {
	var out []string
	for _, v := range ids {
		if v != id {
			out = append(out, v)
		}
	}
	return out
}

// design §3.2, §3.7; vendor page table 313 "Create Group" and mandatory field displayName.
func TestCreateGroup(t *testing.T) {
	tg := newTarget(t)

	t.Run("without members", func(t *testing.T) {
		r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{groupSchema}, "displayName": "Empty"})
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		id := r.JSON.Get("id").String()
		assert.False(t, r.JSON.Get("members").Exists())
		assert.Equal(t, []string{tg.adminID()}, tg.memberIDs(id), "the team holds the consenting account only")
	})

	t.Run("displayName is required", func(t *testing.T) {
		before := len(tg.fake().State().Teams)
		for _, body := range []map[string]any{
			{"schemas": []string{groupSchema}},
			{"schemas": []string{groupSchema}, "displayName": "  "},
			{"schemas": []string{groupSchema}, "displayName": 7},
		} {
			r := tg.do(http.MethodPost, "/scim/v2/Groups", body)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
		}
		assert.Len(t, tg.fake().State().Teams, before, "no team was created")
	})

	t.Run("a body for another resource type is refused", func(t *testing.T) {
		r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{userSchema}, "displayName": "X"})
		requireSCIMError(t, r, http.StatusBadRequest, "invalidSyntax")
	})

	t.Run("a create Webex fails ambiguously says the team may exist (names are not unique, WX03)", func(t *testing.T) {
		_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Method: http.MethodPost, Path: "/v1/teams", Times: 1})
		require.NoError(t, err)
		r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "Maybe"})
		requireSCIMError(t, r, http.StatusBadGateway, "")
		assert.Contains(t, r.JSON.Get("detail").String(), "may have created the team anyway")
		assert.Contains(t, r.JSON.Get("detail").String(), `displayName eq "Maybe"`)
	})

	t.Run("a displayName that exists still creates a team (WX03), and displayName eq finds both", func(t *testing.T) {
		first := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "Twins"})
		second := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "Twins"})
		require.Equal(t, http.StatusCreated, first.Status, string(first.Body))
		require.Equal(t, http.StatusCreated, second.Status, string(second.Body))
		assert.NotEqual(t, first.JSON.Get("id").String(), second.JSON.Get("id").String())
		assert.Len(t, tg.teamsNamed("Twins"), 2)

		r := tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(`displayName eq "twins"`), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(2), r.JSON.Get("totalResults").Int())
		assert.ElementsMatch(t, []string{first.JSON.Get("id").String(), second.JSON.Get("id").String()},
			[]string{r.JSON.Get("Resources.0.id").String(), r.JSON.Get("Resources.1.id").String()})
	})
}

// design §3.3–§3.5 for /Groups; WX15: only the consenting account's teams are listed.
func TestListGroups(t *testing.T) {
	tg := newTarget(t)
	eng := tg.seededTeam("Engineering")

	t.Run("all groups, with members", func(t *testing.T) {
		r := tg.do(http.MethodGet, "/scim/v2/Groups", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(3), r.JSON.Get("totalResults").Int())
		assert.Equal(t, int64(3), r.JSON.Get("itemsPerPage").Int())
		g := r.JSON.Get(`Resources.#(displayName=="Engineering")`)
		require.True(t, g.Exists())
		assert.Len(t, g.Get("members").Array(), 6, "seven memberships, less the consenting account")
		assert.NotContains(t, r.JSON.Get("Resources.#.members.#.value").String(), tg.adminID())
	})

	t.Run("a team the consenting account is not in is not listed (WX15)", func(t *testing.T) {
		status, body := tg.webexAs("bob.builder@example.com", http.MethodPost, "/teams", map[string]any{"name": "Bob's own"})
		require.Equal(t, http.StatusOK, status, string(body))
		r := tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(`displayName eq "Bob's own"`), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(0), r.JSON.Get("totalResults").Int())
	})

	t.Run("excludedAttributes=members reads no memberships at all", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodGet, "/scim/v2/Groups?excludedAttributes=members", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(3), r.JSON.Get("totalResults").Int())
		assert.Empty(t, r.JSON.Get("Resources.#.members").Array())
		assert.Equal(t, []string{"GET /v1/teams?max=1000"}, tg.webexRequests())
	})

	t.Run("attributes=displayName reads no memberships either", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodGet, "/scim/v2/Groups?attributes=displayName", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, "Engineering", r.JSON.Get(`Resources.#(id=="`+eng+`").displayName`).String())
		assert.Equal(t, []string{"GET /v1/teams?max=1000"}, tg.webexRequests())
	})

	t.Run("Entra's membership check: id eq and members[value eq] reads one team", func(t *testing.T) {
		dave := tg.personID("dave.dubois@example.com")
		ivan := tg.personID("ivan.ivanov@example.com")
		tg.fake().ClearRequests()
		f := `id eq "` + eng + `" and members[value eq "` + dave + `"]`
		r := tg.do(http.MethodGet, "/scim/v2/Groups?excludedAttributes=members&filter="+url.QueryEscape(f), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(1), r.JSON.Get("totalResults").Int())
		assert.Equal(t, eng, r.JSON.Get("Resources.0.id").String())
		assert.False(t, r.JSON.Get("Resources.0.members").Exists())
		for _, line := range tg.webexRequests() {
			assert.False(t, strings.HasPrefix(line, "GET /v1/teams?"), "no team listing: %s", line)
		}

		f = `id eq "` + eng + `" and members[value eq "` + ivan + `"]`
		r = tg.do(http.MethodGet, "/scim/v2/Groups?excludedAttributes=members&filter="+url.QueryEscape(f), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(0), r.JSON.Get("totalResults").Int(), "Ivan is in Sales, not Engineering")
	})

	t.Run("id eq an unknown id matches nothing", func(t *testing.T) {
		r := tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(`id eq "nope"`), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(0), r.JSON.Get("totalResults").Int())
	})

	t.Run("a filter on members reads the members of every team", func(t *testing.T) {
		carol := tg.personID("carol.chen@example.com")
		r := tg.do(http.MethodGet, "/scim/v2/Groups?attributes=displayName&filter="+url.QueryEscape(`members.value eq "`+carol+`"`), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(1), r.JSON.Get("totalResults").Int())
		assert.Equal(t, "Engineering", r.JSON.Get("Resources.0.displayName").String())
	})

	t.Run("a bad filter is 400 invalidFilter", func(t *testing.T) {
		requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(`nickName eq "x"`), nil), http.StatusBadRequest, "invalidFilter")
	})

	t.Run("index paging", func(t *testing.T) {
		seen := map[string]bool{}
		for start := 1; start <= 3; start++ {
			r := tg.do(http.MethodGet, "/scim/v2/Groups?count=1&startIndex="+strconv.Itoa(start), nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			assert.Equal(t, int64(3), r.JSON.Get("totalResults").Int())
			assert.Equal(t, int64(start), r.JSON.Get("startIndex").Int())
			require.Len(t, r.JSON.Get("Resources").Array(), 1)
			seen[r.JSON.Get("Resources.0.id").String()] = true
		}
		assert.Len(t, seen, 3)
	})

	t.Run("cursor paging", func(t *testing.T) {
		seen := map[string]bool{}
		cursor := ""
		for range 5 {
			r := tg.do(http.MethodGet, "/scim/v2/Groups?count=2&cursor="+url.QueryEscape(cursor), nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			for _, g := range r.JSON.Get("Resources.#.id").Array() {
				seen[g.String()] = true
			}
			cursor = r.JSON.Get("nextCursor").String()
			if cursor == "" {
				break
			}
		}
		assert.Len(t, seen, 3)
	})
}

// Webex pages a team's memberships: a team of more than one page is read whole (design §5: follow
// the Link next URL).
func TestGroupMembersArePaged(t *testing.T) {
	tg := newTarget(t, withExtraTeams(t, 1050, map[string]int{"Big": 1050}))
	big := tg.seededTeam("Big")
	tg.fake().ClearRequests()
	r := tg.do(http.MethodGet, "/scim/v2/Groups/"+big, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Len(t, r.JSON.Get("members").Array(), 1050)
	var pages int
	for _, line := range tg.webexRequests() {
		if strings.HasPrefix(line, "GET /v1/team/memberships") {
			pages++
		}
	}
	assert.Equal(t, 2, pages, "1,051 memberships are two Webex pages of 1,000")
}

// design §3.2: PUT replaces the SCIM-visible attributes; §3.7 for the members.
func TestReplaceGroup(t *testing.T) {
	tg := newTarget(t)
	sup := tg.seededTeam("Support")
	admin := tg.adminID()
	dave, ivan := tg.personID("dave.dubois@example.com"), tg.personID("ivan.ivanov@example.com")
	niaj := tg.personID("niaj.nakamura@example.com")

	t.Run("rename and new members", func(t *testing.T) {
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{
			"schemas": []string{groupSchema}, "displayName": "Customer Support", "members": memberList(niaj, dave, ivan),
		})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, "Customer Support", r.JSON.Get("displayName").String())
		assert.Equal(t, sorted(niaj, dave, ivan), members(r))
		team, _ := tg.team(sup)
		assert.Equal(t, "Customer Support", team.Name)
		assert.Equal(t, sorted(admin, niaj, dave, ivan), tg.memberIDs(sup))
	})

	t.Run("without members, the members are kept", func(t *testing.T) {
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{"displayName": "Support"})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, sorted(niaj, dave, ivan), members(r))
		assert.Equal(t, sorted(admin, niaj, dave, ivan), tg.memberIDs(sup))
	})

	t.Run("naming the consenting account as a member changes nothing", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{"displayName": "Support", "members": memberList(admin, niaj, dave, ivan)})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, sorted(niaj, dave, ivan), members(r))
		assert.Empty(t, tg.writeRequests())
	})

	t.Run("a stale If-Match is 412 and changes nothing", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{"displayName": "Stale"}, "If-Match", `W/"0000"`)
		requireSCIMError(t, r, http.StatusPreconditionFailed, "")
		assert.Empty(t, tg.writeRequests())
		cur := tg.do(http.MethodGet, "/scim/v2/Groups/"+sup, nil)
		r = tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{"displayName": "Fresh"}, "If-Match", cur.Header.Get("ETag"))
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.NotEqual(t, cur.Header.Get("ETag"), r.Header.Get("ETag"), "the rename changed the version")
	})

	t.Run("unknown group is 404", func(t *testing.T) {
		requireSCIMError(t, tg.do(http.MethodPut, "/scim/v2/Groups/nope", map[string]any{"displayName": "X"}), http.StatusNotFound, "")
	})
}

// Vendor page table 313 "Delete Group".
func TestDeleteGroup(t *testing.T) {
	tg := newTarget(t)
	eng := tg.seededTeam("Engineering")

	r := tg.do(http.MethodDelete, "/scim/v2/Groups/"+eng, nil, "If-Match", `W/"0000"`)
	requireSCIMError(t, r, http.StatusPreconditionFailed, "")
	_, ok := tg.team(eng)
	require.True(t, ok)

	r = tg.do(http.MethodDelete, "/scim/v2/Groups/"+eng, nil)
	require.Equal(t, http.StatusNoContent, r.Status, string(r.Body))
	_, ok = tg.team(eng)
	assert.False(t, ok, "the team is deleted")
	requireSCIMError(t, tg.do(http.MethodDelete, "/scim/v2/Groups/"+eng, nil), http.StatusNotFound, "")
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Groups/"+eng, nil), http.StatusNotFound, "")
}

// RFC 7644 §3.9: attributes=members.display (or .type, .$ref) asks for the members with just that
// sub-attribute; the members must be read and returned, not dropped because the connector's probe
// for "are members returned" held only a value.
func TestGroupMembersSubAttributeSelection(t *testing.T) {
	tg := newTarget(t)
	id := tg.seededTeam("Engineering")
	want := len(tg.memberIDs(id)) - 1 // the consenting account is not listed
	require.Positive(t, want)
	for _, sub := range []string{"display", "type", "$ref", "value"} {
		r := tg.do(http.MethodGet, "/scim/v2/Groups/"+id+"?attributes=members."+url.QueryEscape(sub), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		ms := r.JSON.Get("members").Array()
		require.Len(t, ms, want, "attributes=members.%s: %s", sub, r.Body)
		for _, m := range ms {
			assert.Len(t, m.Map(), 1, "only %s: %s", sub, m.Raw)
			assert.NotEmpty(t, m.Get(strings.ReplaceAll(sub, "$", `\$`)).String(), sub)
		}
		l := tg.do(http.MethodGet, "/scim/v2/Groups?filter="+url.QueryEscape(`id eq "`+id+`"`)+"&attributes=members."+url.QueryEscape(sub), nil)
		require.Equal(t, http.StatusOK, l.Status, string(l.Body))
		assert.Len(t, l.JSON.Get("Resources.0.members").Array(), want, "list, attributes=members.%s: %s", sub, l.Body)
	}
}
