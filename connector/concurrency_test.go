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
// (SPEC §3.7: add, then remove), so parallel adds and removes of different members all land:
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
