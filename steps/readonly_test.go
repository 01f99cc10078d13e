package steps

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A @read-only scenario is safe on a production organisation because the harness refuses its
// writes before they are sent, not because the tag says so.
func TestReadOnlyScenarioCannotWrite(t *testing.T) {
	fake, env := externalFake(t, false)
	before := len(fake.State().Teams)

	status := runFeature(t, env, `
Feature: read-only
  @read-only
  Scenario: tries to create a team
    When I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}should not exist"}
      """
    Then the response status is 200
`)
	assert.Equal(t, 1, status, "a write in a @read-only scenario fails it")
	assert.Len(t, fake.State().Teams, before, "and nothing was sent")
	assert.Empty(t, holdsRunData(t, fake, env.RunPrefix))

	status = runFeature(t, env, `
Feature: read-only
  @read-only
  Scenario: only reads
    When I send "GET" to Webex "/people/me"
    Then the response status is 200
`)
	assert.Equal(t, 0, status, "reads are allowed")
}
