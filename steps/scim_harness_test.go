package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// externalStack starts a connector in front of a fake Webex the way features-external.sh does
// (reached only by URL), so that a test can look at what the scenarios left in the fake.
func externalStack(t *testing.T) (*mockwebex.Server, *Env) {
	t.Helper()
	stack, err := embedded.Start(context.Background(), embedded.Options{})
	require.NoError(t, err)
	t.Cleanup(stack.Close)
	srv := httptest.NewServer(stack.Connector)
	t.Cleanup(srv.Close)
	env, err := EnvFromOS(getenv(map[string]string{
		EnvWebexBaseURL: stack.WebexURL, EnvWebexAccessToken: stack.WebexAdminToken, EnvWebexMockControl: "1",
		EnvSCIMBaseURL: srv.URL + "/scim/v2", EnvSCIMToken: stack.SCIMToken, EnvRunPrefix: "wxsscim-",
	}))
	require.NoError(t, err)
	t.Cleanup(env.Close)
	return stack.Fake, env
}

func TestAFailedSCIMScenarioStillDeletesWhatItCreated(t *testing.T) {
	fake, env := externalStack(t)
	status := runFeature(t, env, `
Feature: leftovers
  Scenario: creates through SCIM, then fails
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice, bob"
    And I replay "okta/02-create-user.json"
    And I replay "okta/08-create-group.json"
    And I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}plain@example.com", "displayName": "Plain"}
      """
    Then the response status is 500
`)
	assert.Equal(t, 1, status, "the scenario must fail")
	assert.Empty(t, holdsRunData(t, fake, env.RunPrefix))
	assert.Len(t, fake.State().Teams, 3, "the seeded teams are untouched")
}

func TestCleanupReachesAGroupTheConnectorLost(t *testing.T) {
	fake, env := externalStack(t)
	status := runFeature(t, env, `
Feature: WX06 cleanup
  @mock-only
  Scenario: the connector's account is removed from its team
    Given a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "bob"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={bob.id}).id" as "bobs"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "mine"
    And I send "PUT" to Webex "/team/memberships/{bobs}" with body:
      """
      {"isModerator": true}
      """
    And "bob" has a Webex access token
    When I send "DELETE" to Webex "/team/memberships/{mine}" as "bob"
    Then the response status is 204
`)
	assert.Equal(t, 0, status)
	assert.Empty(t, holdsRunData(t, fake, env.RunPrefix), "bob, who still sees the team, deletes it")
}

func TestSCIMAndWebexAssertionsFailWhenTheyShould(t *testing.T) {
	_, env := externalStack(t)
	for name, steps := range map[string]string{
		"a Webex error is not a SCIM error": `
    When I send "GET" to Webex "/people/nope"
    Then the response is a SCIM error`,
		"another scimType": `
    When I send "GET" to SCIM "/Users" with the filter ` + "`userName zz \"x\"`" + `
    Then the SCIM error has scimType "invalidValue"`,
		"a detail that does not mention it": `
    When I send "GET" to SCIM "/Users" with the filter ` + "`userName zz \"x\"`" + `
    Then the SCIM error's detail mentions "no such words"`,
		"members that differ": `
    Given a SCIM user "alice" exists
    And a SCIM user "bob" exists
    And a SCIM group "red" exists with the members "alice"
    Then the Webex team "{red.id}" has exactly the members "{bob.id}" besides the connector's account`,
		"a field that differs": `
    Given a SCIM user "alice" exists
    Then Webex holds the person "{alice.id}" whose firstName is "Somebody"`,
		"a person who is there": `
    Given a SCIM user "alice" exists
    Then Webex holds no person "{alice.id}"`,
		"another instant": `
    Given a SCIM user "alice" exists
    When I send "GET" to SCIM "/Users/{alice.id}"
    Then the response JSON at "meta.created" is the instant "2001-01-01T00:00:00Z"`,
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, 1, runFeature(t, env, "Feature: f\n  Scenario: s"+steps+"\n"))
		})
	}
}

func TestReplayReencodesQueriesAndRewritesEmailDomains(t *testing.T) {
	raw, err := reencodeQuery(`/Users?filter=userName eq "p-Test_User@testuser.com"`, "")
	require.NoError(t, err)
	encoded, err := reencodeQuery(`/Users?filter=userName%20eq%20%22p-Test_User%40testuser.com%22`, "")
	require.NoError(t, err)
	assert.Equal(t, raw, encoded, "Entra's raw and Okta's encoded queries send the same filter")
	u, err := url.Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, `userName eq "p-Test_User@testuser.com"`, u.Query().Get("filter"))
	assert.NotContains(t, raw, " ")

	rewritten, err := reencodeQuery(`/Users?filter=userName%20eq%20%22p-test.user%40okta.local%22&count=100`, "example.org")
	require.NoError(t, err)
	u, err = url.Parse(rewritten)
	require.NoError(t, err)
	assert.Equal(t, `userName eq "p-test.user@example.org"`, u.Query().Get("filter"))
	assert.Equal(t, "100", u.Query().Get("count"))

	body, err := rewriteBodyEmails(`{"userName": "p-jyoung@testuser.com", "emails": [{"value": "p-jyoung@Contoso.com"}], "displayName": "Joy @ work"}`, "example.org")
	require.NoError(t, err)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &v))
	assert.Equal(t, "p-jyoung@example.org", v["userName"])
	assert.Equal(t, "p-jyoung@example.org", v["emails"].([]any)[0].(map[string]any)["value"])
	assert.Equal(t, "Joy @ work", v["displayName"], "only addresses change")

	same, err := rewriteBodyEmails(`{"userName": "p-jyoung@testuser.com"}`, "")
	require.NoError(t, err)
	assert.Equal(t, `{"userName": "p-jyoung@testuser.com"}`, same, "off by default")
}

func TestEveryFixtureLoadsAndExpands(t *testing.T) {
	st := testState(t)
	st.Remember("userId", "U1")
	st.Remember("userId2", "U2")
	st.Remember("groupId", "G1")
	dir, err := fixturesDir()
	require.NoError(t, err)
	for _, vendor := range []string{"entra", "okta"} {
		entries, err := os.ReadDir(filepath.Join(dir, vendor))
		require.NoError(t, err)
		require.NotEmpty(t, entries)
		for _, e := range entries {
			name := e.Name()
			f, err := loadFixture(vendor + "/" + name)
			require.NoError(t, err, name)
			path, err := st.Expand(strings.ReplaceAll(f.Path, "{prefix}", st.Prefix))
			require.NoError(t, err, name)
			_, err = reencodeQuery(path, "")
			require.NoError(t, err, name)
			if string(f.Body) != "null" {
				body, err := st.Expand(strings.ReplaceAll(string(f.Body), "{prefix}", st.Prefix))
				require.NoError(t, err, name)
				assert.True(t, json.Valid([]byte(body)), name)
			}
		}
	}
	_, err = loadFixture("../go.mod")
	assert.Error(t, err, "replays stay inside fixtures/scim")
}

// buggySCIM is a minimal SCIM server whose listing has a defect, to show the paging walkers
// catch it: "twice" lists the first user on every page, "loop" hands out the same cursor.
type buggySCIM struct {
	bug   string
	mu    sync.Mutex
	users []string
}

func (b *buggySCIM) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w.Header().Set("Content-Type", "application/scim+json")
	switch {
	case r.Method == "POST" && r.URL.Path == "/scim/v2/Users":
		var u map[string]any
		_ = json.NewDecoder(r.Body).Decode(&u)
		id := "u" + strconv.Itoa(len(b.users)+1)
		b.users = append(b.users, id)
		u["id"] = id
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(u)
	case r.Method == "DELETE":
		w.WriteHeader(http.StatusNoContent)
	case r.Method == "GET" && r.URL.Path == "/scim/v2/Users":
		q := r.URL.Query()
		count, _ := strconv.Atoi(q.Get("count"))
		start, _ := strconv.Atoi(q.Get("startIndex"))
		if q.Has("cursor") {
			start, _ = strconv.Atoi(strings.TrimPrefix(q.Get("cursor"), "c"))
		}
		start = max(start, 1)
		var page []map[string]string
		for i := start; i < start+count && i <= len(b.users); i++ {
			id := b.users[i-1]
			if b.bug == "twice" && i > 1 && i == start {
				id = b.users[0]
			}
			page = append(page, map[string]string{"id": id})
		}
		out := map[string]any{"totalResults": len(b.users), "startIndex": start, "itemsPerPage": len(page), "Resources": page}
		if q.Has("cursor") && start+count <= len(b.users) {
			out["nextCursor"] = "c" + strconv.Itoa(start+count)
			if b.bug == "loop" {
				out["nextCursor"] = "c1"
			}
		}
		_ = json.NewEncoder(w).Encode(out)
	default:
		http.NotFound(w, r)
	}
}

func TestPagingWalkersCatchAConnectorThatListsWrongly(t *testing.T) {
	walk := func(t *testing.T, bug, mode string) int {
		srv := httptest.NewServer(&buggySCIM{bug: bug})
		t.Cleanup(srv.Close)
		env, err := EnvFromOS(getenv(map[string]string{EnvSCIMBaseURL: srv.URL + "/scim/v2", EnvSCIMToken: "tok"}))
		require.NoError(t, err)
		return runFeature(t, env, fmt.Sprintf(`
Feature: walk
  Scenario: walk
    Given 5 SCIM users exist
    When I page through all SCIM users with count 2 using %s, filtered by my prefix
    Then every user I created is listed exactly once
`, mode))
	}
	assert.Equal(t, 0, walk(t, "", "startIndex"), "a correct listing passes")
	assert.Equal(t, 0, walk(t, "", "cursor"), "a correct listing passes")
	assert.Equal(t, 1, walk(t, "twice", "startIndex"), "a user listed twice and one missing")
	assert.Equal(t, 1, walk(t, "loop", "cursor"), "a cursor served again would loop")
}
