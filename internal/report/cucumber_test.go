package report

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readTestdata(t *testing.T, name string) []Scenario {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	sc, err := ReadCucumber(f)
	require.NoError(t, err)
	return sc
}

func byKey(sc []Scenario) map[string]Scenario {
	out := map[string]Scenario{}
	for _, s := range sc {
		out[s.Key()] = s
	}
	return out
}

// TestReadCucumber reads a real run of four quirk features against a fake started with
// -quirks none and without its control plane: failures, skipped @mock-only scenarios, and the
// tracking ids of Webex's error bodies.
func TestReadCucumber(t *testing.T) {
	sc := byKey(readTestdata(t, "webex-quirks-off.cucumber.json"))
	require.Len(t, sc, 12)

	dup := sc["webex/quirks/wx03_duplicate_team_names.feature:6"]
	assert.Equal(t, Fail, dup.Status)
	assert.Contains(t, dup.Tags, "@WX03")
	assert.Equal(t, "Then the response status is 200", dup.FailedStep)
	assert.Contains(t, dup.Message, "status 409, want 200")
	assert.Equal(t, "ROUTER_A2FAA908-2077-5FB4-AB40-033800CFB3B9", dup.TrackingID)

	// @mock-only without WEBEX_MOCK_CONTROL: every step skipped, so not run (godog says passed).
	demoted := sc["webex/quirks/wx06_consenting_account_locked_out.feature:17"]
	assert.Equal(t, NotRun, demoted.Status)
	assert.Empty(t, demoted.Message)

	// A failure whose message carries no tracking id.
	created := sc["webex/quirks/wx07_deleted_person_403.feature:11"]
	assert.Equal(t, Fail, created.Status)
	assert.Empty(t, created.TrackingID)
}

func TestReadCucumberPassedAndOutline(t *testing.T) {
	sc := readTestdata(t, "fake.cucumber.json")
	var outline []Scenario
	for _, s := range sc {
		assert.Equal(t, Pass, s.Status, s.Key())
		if strings.HasPrefix(s.Name, "User creation needs one of") {
			outline = append(outline, s)
		}
	}
	require.Len(t, outline, 3, "one scenario per example row")
	assert.NotEqual(t, outline[0].Key(), outline[1].Key())
}

func TestReadCucumberRefusesOtherJSON(t *testing.T) {
	_, err := ReadCucumber(strings.NewReader(`{"testsuites": []}`))
	assert.Error(t, err)
}

func TestTrackingID(t *testing.T) {
	for msg, want := range map[string]string{
		`status 404; body: {"message":"x","trackingId":"ROUTER_5F8A2B11-0000-4C1D-9E2A-1234567890AB"}`: "ROUTER_5F8A2B11-0000-4C1D-9E2A-1234567890AB",
		`detail: Webex has no such resource: Not found (trackingId ROUTER_ABCDEF12-3456)`:              "ROUTER_ABCDEF12-3456",
		"header trackingid: WEBEX_abc123456789":                                                        "WEBEX_abc123456789",
		"no trackingId in the body":                                                                    "",
		"status 500, want 200":                                                                         "",
	} {
		assert.Equal(t, want, TrackingID(msg), msg)
	}
}
