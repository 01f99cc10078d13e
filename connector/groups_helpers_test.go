package connector_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/fixtures"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

const groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"

// team is what Webex holds for a team id, from the fake's state.
func (tg *target) team(id string) (mockwebex.Team, bool) {
	tg.t.Helper()
	for _, t := range tg.fake().State().Teams {
		if t.ID == id {
			return t, true
		}
	}
	return mockwebex.Team{}, false
}

// teamsNamed are the ids of the live teams with that name.
func (tg *target) teamsNamed(name string) []string {
	var ids []string
	for _, t := range tg.fake().State().Teams {
		if t.Name == name {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// seededTeam is the id of the seeded team with that name (fixtures/seed/default.json).
func (tg *target) seededTeam(name string) string {
	tg.t.Helper()
	ids := tg.teamsNamed(name)
	require.Len(tg.t, ids, 1, "one seeded team %q", name)
	return ids[0]
}

// memberships of a team in the fake's state, by person id.
func (tg *target) memberships(teamID string) map[string]mockwebex.TeamMembership {
	out := map[string]mockwebex.TeamMembership{}
	for _, m := range tg.fake().State().Memberships {
		if m.TeamID == teamID {
			out[m.PersonID] = m
		}
	}
	return out
}

// memberIDs are a team's member person ids in the fake's state, sorted, the admin included.
func (tg *target) memberIDs(teamID string) []string {
	var ids []string
	for id := range tg.memberships(teamID) {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// personID is the id of the person with that email.
func (tg *target) personID(email string) string {
	tg.t.Helper()
	p, ok := tg.personByEmail(email)
	require.True(tg.t, ok, "a person %s", email)
	return p.ID
}

// webexAs calls the fake's API with another person's token (a second Webex client, as a person
// in the Webex app would act), and returns the status and body.
func (tg *target) webexAs(email, method, path string, body any) (int, []byte) {
	tg.t.Helper()
	tok, err := tg.fake().IssueToken(email)
	require.NoError(tg.t, err)
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(tg.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, tg.stack.WebexURL+path, rd)
	require.NoError(tg.t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := tg.srv.Client().Do(req)
	require.NoError(tg.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(tg.t, err)
	return resp.StatusCode, raw
}

// writeRequests are the Webex requests since the last clear that change something.
func (tg *target) writeRequests() []string {
	var out []string
	for _, line := range tg.webexRequests() {
		if !strings.HasPrefix(line, http.MethodGet+" ") {
			out = append(out, line)
		}
	}
	return out
}

// members reads members[].value of a SCIM answer, sorted.
func members(r response) []string {
	var ids []string
	for _, m := range r.JSON.Get("members.#.value").Array() {
		ids = append(ids, m.String())
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// memberList is a SCIM members value for ids.
func memberList(ids ...string) []map[string]any {
	out := []map[string]any{}
	for _, id := range ids {
		out = append(out, map[string]any{"value": id})
	}
	return out
}

// patch is a PatchOp body (RFC 7644 §3.5.2) from raw operations.
func patch(ops ...string) string {
	return `{"schemas":["` + patchOpURN + `"],"Operations":[` + strings.Join(ops, ",") + `]}`
}

// withExtraTeams seeds the default data plus teams: each {name, member count}, created by the
// admin, who moderates each; extra people fill the members (person i is extra.i@example.com).
func withExtraTeams(t testing.TB, people int, teams map[string]int) func(*embedded.Options) {
	var doc mockwebex.SeedDoc
	require.NoError(t, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	for i := range people {
		doc.People = append(doc.People, mockwebex.SeedPerson{
			UUID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			Emails:      []string{fmt.Sprintf("extra.%d@example.com", i)},
			DisplayName: fmt.Sprintf("Extra %d", i),
		})
	}
	names := make([]string, 0, len(teams))
	for name := range teams {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, name := range names {
		team := mockwebex.SeedTeam{
			UUID:    fmt.Sprintf("00000000-0000-4000-9000-%012d", i),
			Name:    name,
			Creator: adminEmail,
			Members: []mockwebex.SeedMember{{Email: adminEmail, IsModerator: true}},
		}
		for j := range min(teams[name], people) {
			team.Members = append(team.Members, mockwebex.SeedMember{Email: fmt.Sprintf("extra.%d@example.com", j)})
		}
		doc.Teams = append(doc.Teams, team)
	}
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	return func(o *embedded.Options) {
		o.FakeOptions = append(o.FakeOptions, mockwebex.WithSeed(raw))
	}
}
