package connector_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Identity providers send membership changes to one group in parallel (Okta and Entra both
// do). Each PATCH is planned against the members it read and sends only its own difference
// (design §3.7: add, then remove), so parallel adds and removes of different members all land:
// none is lost, none undone by another's read-modify-write, and the answers are all 200. Run with
// -race, this is also the connector's data-race check on concurrent writes.
func TestParallelMembershipPatchesLoseNothing(t *testing.T) {
	const adds, removes = 12, 4
	tg := newTarget(t, withExtraTeams(t, adds+removes, map[string]int{"Parallel": removes}))
	id := tg.seededTeam("Parallel")
	var departing, joining []string
	for i := range removes {
		departing = append(departing, tg.personID(fmt.Sprintf("extra.%d@example.com", i)))
	}
	for i := removes; i < removes+adds; i++ {
		joining = append(joining, tg.personID(fmt.Sprintf("extra.%d@example.com", i)))
	}
	require.Len(t, members(tg.do(http.MethodGet, "/scim/v2/Groups/"+id, nil)), removes)

	var wg sync.WaitGroup
	statuses := make([]int, adds+removes)
	for i, p := range append(append([]string{}, joining...), departing...) {
		op := `{"op":"add","path":"members","value":[{"value":"` + p + `"}]}`
		if i >= adds {
			op = `{"op":"remove","path":"members[value eq \"` + p + `\"]"}`
		}
		wg.Go(func() {
			statuses[i] = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patch(op)).Status
		})
	}
	wg.Wait()
	for i, st := range statuses {
		assert.Equal(t, http.StatusOK, st, "PATCH %d", i)
	}
	assert.Equal(t, sorted(joining...), members(tg.do(http.MethodGet, "/scim/v2/Groups/"+id, nil)),
		"every added member is there and every removed one gone")
	assert.ElementsMatch(t, append(sorted(joining...), tg.adminID()), tg.memberIDs(id),
		"Webex holds the same, and the consenting account is still a member")
}

// Webex's PUT /people/{id} is a full replace (WX08), so every PATCH of a user is a read, a
// change and a PUT of the whole person. Two PATCHes of different attributes of one user sent at
// the same time (an identity provider's profile sync and its group push, or two workers) must
// both land: each is an independent partial change (RFC 7644 §3.5.2), and the later PUT must not
// carry back the value the earlier one replaced.
func TestParallelPatchesOfOneUserLoseNothing(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("parallel@example.com", "Par", "Allel")
	ops := map[string]string{
		"displayName":    "Parallel Person",
		"timezone":       "Europe/Paris",
		"name.givenName": "Para",
		"nickName":       "Para", // Webex sets nickName to firstName (WX08)
	}
	for round := range 4 {
		var wg sync.WaitGroup
		for path, v := range ops {
			v := fmt.Sprintf("%s %d", v, round)
			wg.Go(func() {
				r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id,
					patch(`{"op":"replace","path":"`+path+`","value":"`+v+`"}`))
				assert.Equal(t, http.StatusOK, r.Status, string(r.Body))
			})
		}
		wg.Wait()
		p, ok := tg.person(id)
		require.True(t, ok)
		assert.Equal(t, fmt.Sprintf("Parallel Person %d", round), p.DisplayName, "round %d", round)
		assert.Equal(t, fmt.Sprintf("Europe/Paris %d", round), p.Timezone, "round %d", round)
		assert.Equal(t, fmt.Sprintf("Para %d", round), p.FirstName, "round %d", round)
	}
}
