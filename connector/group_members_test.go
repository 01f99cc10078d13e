package connector_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// failNth arms the fake so that the nth request (1-based) of method on path fails with a 501,
// once: the one 5xx the Webex client does not retry (design §3.9), so even a DELETE fails for
// good. The requests before it pass through a zero-length latency fault each: the fake uses the
// first armed fault that matches, so they use those up first.
func failNth(t *testing.T, tg *target, method, path string, n int) {
	t.Helper()
	if n > 1 {
		_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultLatency, Method: method, Path: path, Times: n - 1})
		require.NoError(t, err)
	}
	_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Status: http.StatusNotImplemented, Method: method, Path: path, Times: 1})
	require.NoError(t, err)
}

// design §3.7, WX05: replacing every member adds before it removes, so the team never empties and
// Webex never deletes it; the connector's own membership stays, as moderator.
func TestGroupReplaceAllMembersKeepsTeam(t *testing.T) {
	tg := newTarget(t)
	eng := tg.seededTeam("Engineering")
	admin := tg.adminID()
	ivan, judy := tg.personID("ivan.ivanov@example.com"), tg.personID("judy.jones@example.com")

	tg.fake().ClearRequests()
	r := tg.do(http.MethodPut, "/scim/v2/Groups/"+eng, map[string]any{"displayName": "Engineering", "members": memberList(ivan, judy)})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, sorted(ivan, judy), members(r))
	_, ok := tg.team(eng)
	require.True(t, ok, "the team survives")
	assert.Equal(t, sorted(admin, ivan, judy), tg.memberIDs(eng))
	assert.True(t, tg.memberships(eng)[admin].IsModerator, "the consenting account is still a moderator")

	writes := tg.writeRequests()
	require.Len(t, writes, 2+6, "two adds, six removals")
	for i, w := range writes {
		if i < 2 {
			assert.True(t, strings.HasPrefix(w, "POST /v1/team/memberships"), "adds come first: %v", writes)
		} else {
			assert.True(t, strings.HasPrefix(w, "DELETE /v1/team/memberships/"), "then removals: %v", writes)
		}
	}

	t.Run("members [] leaves the consenting account alone in the team", func(t *testing.T) {
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+eng, map[string]any{"displayName": "Engineering", "members": []any{}})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.False(t, r.JSON.Get("members").Exists())
		_, ok := tg.team(eng)
		require.True(t, ok, "the team survives (WX05 did not fire)")
		assert.Equal(t, []string{admin}, tg.memberIDs(eng))
		assert.True(t, tg.memberships(eng)[admin].IsModerator)
	})
}

// design §3.7: a failing add undoes the rename and the adds before it; the detail says so.
func TestGroupFailedAddIsUndone(t *testing.T) {
	tg := newTarget(t)
	sup := tg.seededTeam("Support")
	before := tg.memberIDs(sup)
	var keep []string
	for _, id := range before {
		if id != tg.adminID() {
			keep = append(keep, id)
		}
	}
	dave, erin, frank := tg.personID("dave.dubois@example.com"), tg.personID("erin.eriksen@example.com"), tg.personID("frank.fischer@example.com")
	failNth(t, tg, http.MethodPost, "/v1/team/memberships", 2)

	r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{
		"displayName": "Renamed", "members": memberList(append(keep, dave, erin, frank)...),
	})
	requireSCIMError(t, r, http.StatusBadGateway, "")
	detail := r.JSON.Get("detail").String()
	assert.Contains(t, detail, "could not add member "+erin)
	assert.Contains(t, detail, "trackingId")
	assert.Contains(t, detail, "Applied, then undone: added member "+dave)
	assert.Contains(t, detail, `renamed the team from "Support" to "Renamed"`)
	assert.Contains(t, detail, "Not applied: add member "+frank)
	assert.Contains(t, detail, "The group is as it was before the request.")

	team, _ := tg.team(sup)
	assert.Equal(t, "Support", team.Name, "the rename was undone")
	assert.Equal(t, before, tg.memberIDs(sup), "the team's members are as before")
}

// design §3.7: a failing removal re-adds the members removed before it and undoes the adds.
func TestGroupFailedRemoveIsUndone(t *testing.T) {
	tg := newTarget(t)
	sup := tg.seededTeam("Support")
	before := tg.memberships(sup)
	beforeIDs := tg.memberIDs(sup)
	dave := tg.personID("dave.dubois@example.com")
	niaj, olivia := tg.personID("niaj.nakamura@example.com"), tg.personID("olivia.okafor@example.com")
	peggy, quentin := tg.personID("peggy.peters@example.com"), tg.personID("quentin.quinn@example.com")
	failNth(t, tg, http.MethodDelete, "/v1/team/memberships/", 2)

	// Keep Peggy and Quentin, drop Niaj and Olivia, add Dave.
	r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{"displayName": "Support", "members": memberList(peggy, quentin, dave)})
	requireSCIMError(t, r, http.StatusBadGateway, "")
	detail := r.JSON.Get("detail").String()
	assert.Contains(t, detail, "could not remove member "+olivia)
	assert.Contains(t, detail, "removed member "+niaj)
	assert.Contains(t, detail, "added member "+dave)
	assert.Contains(t, detail, "The group is as it was before the request.")

	assert.Equal(t, beforeIDs, tg.memberIDs(sup))
	for id, m := range tg.memberships(sup) {
		assert.Equal(t, before[id].IsModerator, m.IsModerator, "moderator flags are as before")
	}

	t.Run("an undo that fails is reported as still applied", func(t *testing.T) {
		tg.fake().ClearFaults()
		// Every DELETE fails: the removal, and then the undo of the add.
		_, err := tg.fake().AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Method: http.MethodDelete, Path: "/v1/team/memberships/"})
		require.NoError(t, err)
		r := tg.do(http.MethodPut, "/scim/v2/Groups/"+sup, map[string]any{"displayName": "Support", "members": memberList(peggy, quentin, olivia, dave)})
		tg.fake().ClearFaults()
		requireSCIMError(t, r, http.StatusBadGateway, "")
		detail := r.JSON.Get("detail").String()
		assert.Contains(t, detail, "could not remove member "+niaj)
		assert.Contains(t, detail, "Applied and NOT undone (still in Webex): added member "+dave)
		assert.Contains(t, detail, "partly changed")
		assert.Contains(t, tg.memberIDs(sup), dave, "what the detail says is what Webex holds")
	})
}

// design §3.7: a create whose members cannot all be added deletes its half-made team.
func TestGroupFailedCreateLeavesNoTeam(t *testing.T) {
	tg := newTarget(t)
	before := len(tg.fake().State().Teams)
	dave, erin := tg.personID("dave.dubois@example.com"), tg.personID("erin.eriksen@example.com")
	failNth(t, tg, http.MethodPost, "/v1/team/memberships", 2)

	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "Half", "members": memberList(dave, erin)})
	requireSCIMError(t, r, http.StatusBadGateway, "")
	detail := r.JSON.Get("detail").String()
	assert.Contains(t, detail, "could not add member "+erin)
	assert.Contains(t, detail, "was deleted: nothing was created")
	assert.Empty(t, tg.teamsNamed("Half"), "no team is left")
	assert.Len(t, tg.fake().State().Teams, before)
}

// design §3.7: members are Webex people only; anything else is 400 invalidValue before any write.
func TestGroupMemberMustBeAPerson(t *testing.T) {
	tg := newTarget(t)
	eng := tg.seededTeam("Engineering")
	sales := tg.seededTeam("Sales")
	dave := tg.personID("dave.dubois@example.com")
	before := tg.memberIDs(eng)
	teams := len(tg.fake().State().Teams)

	for name, req := range map[string]struct {
		method, path string
		body         any
	}{
		"POST with an unknown id":      {http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "X", "members": memberList(dave, "not-a-person")}},
		"PUT with a team as a member":  {http.MethodPut, "/scim/v2/Groups/" + eng, map[string]any{"displayName": "Engineering", "members": memberList(dave, sales)}},
		"PATCH add of an unknown id":   {http.MethodPatch, "/scim/v2/Groups/" + eng, patch(`{"op":"add","path":"members","value":[{"value":"not-a-person"}]}`)},
		"a member of type Group":       {http.MethodPatch, "/scim/v2/Groups/" + eng, patch(`{"op":"add","path":"members","value":[{"value":"` + sales + `","type":"Group"}]}`)},
		"a member with an empty value": {http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "X", "members": []any{map[string]any{"value": ""}}}},
	} {
		t.Run(name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(req.method, req.path, req.body)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
			assert.Empty(t, tg.writeRequests(), "nothing was sent to Webex")
		})
	}
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"displayName": "X", "members": memberList("not-a-person", "nobody")})
	assert.Contains(t, r.JSON.Get("detail").String(), `"not-a-person", "nobody"`, "the detail names every one")
	assert.Equal(t, before, tg.memberIDs(eng))
	assert.Len(t, tg.fake().State().Teams, teams)
}

// WX06 (vendor page: limitations): a consenting account demoted to plain member in the Webex app
// can no longer change the team; the connector answers 403 and says what happened and what to do.
func TestGroupDemotedAccount(t *testing.T) {
	tg := newTarget(t)
	sales := tg.seededTeam("Sales")
	adminMembership := tg.memberships(sales)[tg.adminID()].ID
	// Bob, the other moderator of Sales, demotes the admin in the Webex app.
	status, body := tg.webexAs("bob.builder@example.com", http.MethodPut, "/team/memberships/"+adminMembership, map[string]any{"isModerator": false})
	require.Equal(t, http.StatusOK, status, string(body))
	before := tg.memberIDs(sales)
	dave := tg.personID("dave.dubois@example.com")

	explains := func(t *testing.T, r response) {
		t.Helper()
		requireSCIMError(t, r, http.StatusForbidden, "")
		detail := r.JSON.Get("detail").String()
		assert.Contains(t, detail, adminEmail)
		assert.Contains(t, detail, `"Sales"`)
		assert.Contains(t, detail, "lost moderator rights")
		assert.Contains(t, detail, "moderator again")
	}

	t.Run("PATCH", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodPatch, "/scim/v2/Groups/"+sales, patch(`{"op":"add","path":"members","value":[{"value":"`+dave+`"}]}`))
		explains(t, r)
		assert.Contains(t, r.JSON.Get("detail").String(), "Nothing was changed")
		assert.Empty(t, tg.writeRequests())
	})
	t.Run("PUT", func(t *testing.T) {
		explains(t, tg.do(http.MethodPut, "/scim/v2/Groups/"+sales, map[string]any{"displayName": "Sales 2"}))
	})
	t.Run("DELETE", func(t *testing.T) {
		r := tg.do(http.MethodDelete, "/scim/v2/Groups/"+sales, nil)
		explains(t, r)
		_, ok := tg.team(sales)
		assert.True(t, ok)
	})
	t.Run("reads still work", func(t *testing.T) {
		r := tg.do(http.MethodGet, "/scim/v2/Groups/"+sales, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, "Sales", r.JSON.Get("displayName").String())
	})
	team, _ := tg.team(sales)
	assert.Equal(t, "Sales", team.Name)
	assert.Equal(t, before, tg.memberIDs(sales))
}
