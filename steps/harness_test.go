package steps

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// externalFake starts a fake Webex the way scripts/features-external.sh does (a server the
// scenarios reach only by URL), so that a test can look at what the scenarios left in it.
func externalFake(t *testing.T, control bool) (*mockwebex.Server, *Env) {
	t.Helper()
	fake, err := mockwebex.New()
	require.NoError(t, err)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	vars := map[string]string{
		EnvWebexBaseURL: srv.URL + "/v1", EnvWebexAccessToken: fake.AdminToken(), EnvRunPrefix: "wxsharness-",
	}
	if control {
		vars[EnvWebexMockControl] = "1"
	}
	env, err := EnvFromOS(getenv(vars))
	require.NoError(t, err)
	t.Cleanup(env.Close)
	return fake, env
}

// runFeature runs one feature's text and returns godog's exit status (0 passed, 1 failed).
func runFeature(t *testing.T, env *Env, feature string) int {
	t.Helper()
	return godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) { InitializeScenario(sc, env) },
		Options: &godog.Options{
			Format: "progress", Output: io.Discard, Strict: true, Concurrency: 1,
			FeatureContents: []godog.Feature{{Name: "harness.feature", Contents: []byte(feature)}},
		},
	}.Run()
}

// holdsRunData reports whether the fake still holds anything named with the run prefix.
func holdsRunData(t *testing.T, fake *mockwebex.Server, prefix string) []string {
	t.Helper()
	var left []string
	st := fake.State()
	for _, p := range st.People {
		for _, e := range p.Emails {
			if strings.HasPrefix(e, prefix) {
				left = append(left, e)
			}
		}
	}
	for _, tm := range st.Teams {
		if strings.HasPrefix(tm.Name, prefix) {
			left = append(left, tm.Name)
		}
	}
	return left
}

func TestAFailedScenarioStillDeletesWhatItCreated(t *testing.T) {
	fake, env := externalFake(t, true)
	status := runFeature(t, env, `
Feature: leftovers
  Scenario: creates, then fails
    Given a Webex person "alice" exists
    And a Webex person "bob" exists
    And a Webex team "red" exists
    And "alice" is a member of the Webex team "red"
    And "bob" is a moderator of the Webex team "red"
    And I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}made by a plain POST"}
      """
    Then the response status is 500
`)
	assert.Equal(t, 1, status, "the scenario must fail")
	assert.Empty(t, holdsRunData(t, fake, env.RunPrefix))
	assert.Len(t, fake.State().Teams, 3, "the seeded teams are untouched")
}

func TestCleanupReachesATeamTheAdminWasRemovedFrom(t *testing.T) {
	fake, env := externalFake(t, true)
	status := runFeature(t, env, `
Feature: WX06 cleanup
  @mock-only
  Scenario: the admin loses the team
    Given a Webex team "red" exists
    And a Webex person "bob" exists
    And "bob" is a moderator of the Webex team "red"
    And "bob" has a Webex access token
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "mine"
    When I send "DELETE" to Webex "/team/memberships/{mine}" as "bob"
    Then the response status is 204
`)
	assert.Equal(t, 0, status)
	assert.Empty(t, holdsRunData(t, fake, env.RunPrefix), "bob, who still sees the team, deletes it")
}

func TestControlPlaneChangesAreUndone(t *testing.T) {
	fake, env := externalFake(t, true)
	before := fake.Clock().Now()
	status := runFeature(t, env, `
Feature: control
  @mock-only
  Scenario: faults, settings and clock
    Given the Webex fake injects the fault:
      """
      {"name": "server_error", "path": "/v1/teams"}
      """
    And the Webex fake runs with the settings:
      """
      {"quirks": "none", "listLag": "1h"}
      """
    And the Webex fake's clock moves forward by "336h"
`)
	require.Equal(t, 0, status)
	assert.Equal(t, mockwebex.AllQuirks(), fake.Settings().Quirks)
	assert.Zero(t, fake.Settings().ListLag)
	assert.WithinDuration(t, before, fake.Clock().Now(), time.Hour, "the clock is set back")

	resp, err := env.HTTP.Do(mustRequest(t, env, "GET", "/teams"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the fault is disarmed and the admin token valid again")
}

func TestMockOnlyScenariosAreSkippedWithoutControlPlane(t *testing.T) {
	_, env := externalFake(t, false)
	status := runFeature(t, env, `
Feature: skip
  @mock-only
  Scenario: would fail if it ran
    Then the response status is 999
`)
	assert.Equal(t, 0, status)
	skips := env.Skipped()
	require.Len(t, skips, 1, "the skip is recorded, so the run reports it as a skip and not as a pass")
	assert.Equal(t, "would fail if it ran", skips[0].Scenario)
	assert.Contains(t, skips[0].Reason, EnvWebexMockControl+"=1", "the reason says what would let it run")
}

func TestControlStepsOutsideMockOnlyFail(t *testing.T) {
	_, env := externalFake(t, false)
	status := runFeature(t, env, `
Feature: untagged
  Scenario: forgets the tag
    Given the Webex fake's clock moves forward by "1h"
`)
	assert.Equal(t, 1, status, "a missing @mock-only tag is a bug in the feature, not a skip")
}

func TestAnErrorNobodyAssertedFailsTheScenario(t *testing.T) {
	_, env := externalFake(t, true)
	status := runFeature(t, env, `
Feature: unasserted
  Scenario: a 404 goes unnoticed
    Given I send "GET" to Webex "/teams/nope"
    When I send "GET" to Webex "/people/me"
    Then the response status is 200
`)
	assert.Equal(t, 1, status)
}

func mustRequest(t *testing.T, env *Env, method, path string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, env.Webex.BaseURL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+env.Webex.AccessToken)
	return req
}
