package steps

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testState(t *testing.T) *ScenarioState {
	t.Helper()
	env, err := EnvFromOS(getenv(map[string]string{EnvRunPrefix: "wxstest-"}))
	require.NoError(t, err)
	return newScenarioState(env)
}

func TestExpandReplacesReferencesAndLeavesJSONAlone(t *testing.T) {
	st := testState(t)
	st.Remember("alice", "wxs-alice@example.com")
	st.Remember("red.id", "VEVBTQ")

	got, err := st.Expand(`{"teamId": "{red.id}", "personEmail": "{alice|upper}", "x": {}}`)
	require.NoError(t, err)
	assert.Equal(t, `{"teamId": "VEVBTQ", "personEmail": "WXS-ALICE@EXAMPLE.COM", "x": {}}`, got)

	got, err = st.Expand("/people?email={alice}&max=2")
	require.NoError(t, err)
	assert.Equal(t, "/people?email=wxs-alice@example.com&max=2", got)
}

func TestExpandRefusesUnknownReferences(t *testing.T) {
	st := testState(t)
	_, err := st.Expand("/teams/{red.id}")
	assert.ErrorContains(t, err, "red.id", "a typo must not be sent to the target as a literal")
}

func TestScenarioPrefixesAreRunPrefixedAndDistinct(t *testing.T) {
	a, b := testState(t), testState(t)
	assert.Regexp(t, `^wxstest-[0-9a-f]{4}-$`, a.Prefix)
	assert.Equal(t, a.Prefix, a.Vars["prefix"])
	assert.NotEqual(t, a.Prefix, b.Prefix)
}

func TestCleanupsRunByPhaseAndLastRegisteredFirst(t *testing.T) {
	st := testState(t)
	var order []string
	add := func(phase cleanupPhase, what string, err error) {
		st.addCleanup(phase, what, func(context.Context) error { order = append(order, what); return err })
	}
	add(phaseWebexPeople, "person 1", nil)
	add(phaseWebexTeams, "team 1", errors.New("boom"))
	add(phaseWebexPeople, "person 2", nil)
	add(phaseRestore, "faults", nil)
	add(phaseGeneral, "scim user", nil)

	err := st.runCleanups(context.Background())
	assert.Equal(t, []string{"faults", "scim user", "team 1", "person 2", "person 1"}, order,
		"a failing cleanup must not stop the others")
	assert.ErrorContains(t, err, "team 1")
}

func TestNextLinkReadsWebexsLinkHeader(t *testing.T) {
	r := &Response{Header: http.Header{"Link": {`<http://127.0.0.1:1/v1/people?max=2&cursor=abc>; rel="next"`}}}
	assert.Equal(t, "http://127.0.0.1:1/v1/people?max=2&cursor=abc", r.nextLink())

	r = &Response{Header: http.Header{"Link": {`<http://127.0.0.1:1/v1/people?cursor=abc>; rel="prev"`}}}
	assert.Empty(t, r.nextLink())
}

func TestTargetsSendOnlyToTheirOwnHost(t *testing.T) {
	tg := &Target{Name: "Webex", BaseURL: "http://127.0.0.1:1/v1", MockControl: "http://127.0.0.1:1/_mock"}

	got, err := tg.resolve("/people?max=1")
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1/v1/people?max=1", got)

	got, err = tg.resolve("/_mock/state")
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1/_mock/state", got)

	_, err = tg.resolve("http://example.com/v1/people")
	assert.Error(t, err, "a next link to another host must not be followed")

	tg.MockControl = ""
	_, err = tg.resolve("/_mock/state")
	assert.ErrorContains(t, err, mockOnlyTag)
}
