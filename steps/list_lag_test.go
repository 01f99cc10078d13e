package steps

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingTransport counts the requests a run sends, by method and by what the URL holds.
type countingTransport struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []string // "GET /v1/people?email=…"
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.seen = append(c.seen, req.Method+" "+req.URL.RequestURI())
	c.mu.Unlock()
	return c.next.RoundTrip(req)
}

// count returns how many requests started with method and path (query included).
func (c *countingTransport) count(methodAndPrefix string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.seen {
		if strings.HasPrefix(s, methodAndPrefix) {
			n++
		}
	}
	return n
}

// countRequests makes env's client count what it sends.
func countRequests(env *Env) *countingTransport {
	c := &countingTransport{next: env.HTTP.Transport}
	env.HTTP.Transport = c
	return c
}

// runFeatureOutput is runFeature that also returns what godog printed (the failed steps'
// messages).
func runFeatureOutput(t *testing.T, env *Env, feature string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	status := godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) { InitializeScenario(sc, env) },
		Options: &godog.Options{
			Format: "progress", Output: &out, Strict: true, Concurrency: 1, NoColors: true,
			FeatureContents: []godog.Feature{{Name: "list_lag.feature", Contents: []byte(feature)}},
		},
	}.Run()
	return status, out.String()
}

// listLagFeature creates a person with the fake lagging its lists by lag, then checks they are
// listed, after the extra steps (e.g. the scenario's wait).
func listLagFeature(lag, extra, check string) string {
	return `
Feature: list lag
  @mock-only
  Scenario: a new person read back from the lagging list
    Given the Webex fake runs with the settings:
      """
      {"listLag": "` + lag + `"}
      """
` + extra + `
    And a Webex person "alice" exists
` + check
}

const heldByEmail = `    Then Webex holds a person with email "{alice}" whose firstName is "Alice"
`

func TestAListReadBackWithoutAWaitFailsOnTheLag(t *testing.T) {
	_, env := externalFake(t, true)
	counter := countRequests(env)
	status, out := runFeatureOutput(t, env, listLagFeature("1s", "", heldByEmail))
	assert.Equal(t, 1, status, "without a wait, the person is not listed yet: the check must fail")
	assert.Contains(t, out, "Webex holds 0 people with email")
	assert.NotContains(t, out, "after waiting", "no wait, no waiting")
	assert.Equal(t, 1, counter.count("GET /v1/people?email="), "one read, as before")
}

func TestAListReadBackWaitsOutTheLagWithFewReads(t *testing.T) {
	_, env := externalFake(t, true)
	counter := countRequests(env)
	status, out := runFeatureOutput(t, env, listLagFeature("1s",
		`    And read-backs may wait up to "3s" for Webex's lists`, heldByEmail))
	require.Equal(t, 0, status, out)
	reads := counter.count("GET /v1/people?email=")
	// Backoff 250 ms, 500 ms, 1 s, then 1.25 s to the deadline: at most 5 reads in 3 s.
	assert.GreaterOrEqual(t, reads, 2, "the first read came before the lag passed")
	assert.LessOrEqual(t, reads, 5)
	assert.Equal(t, 1, counter.count("POST /v1/people"), "only reads are repeated")
}

func TestTheWaitComesFromTheEnvironment(t *testing.T) {
	_, env := externalFake(t, true)
	env.ListLagWait = 3 * time.Second
	status, out := runFeatureOutput(t, env, listLagFeature("1s", "", heldByEmail))
	assert.Equal(t, 0, status, out)
}

func TestAnExpiredWaitSaysWhatItLastSawAndHowLongItWaited(t *testing.T) {
	_, env := externalFake(t, true)
	counter := countRequests(env)
	status, out := runFeatureOutput(t, env, listLagFeature("1h",
		`    And read-backs may wait up to "1s" for Webex's lists`, `
    When I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And eventually the response JSON at "items.#" is 1
`))
	assert.Equal(t, 1, status)
	assert.Contains(t, out, `JSON at "items.#" is 0, want 1`, "what was last seen")
	assert.Regexp(t, `after waiting [\d.]+s for Webex's lists, \d reads; the scenario's wait is 1s`, out)
	// The step's own GET, then reads after 250 ms, 750 ms and 1 s (fewer if reads are slow).
	reads := counter.count("GET /v1/people?email=")
	assert.GreaterOrEqual(t, reads, 2)
	assert.LessOrEqual(t, reads, 4)
}

func TestOnlyAGetIsSentAgain(t *testing.T) {
	_, env := externalFake(t, true)
	counter := countRequests(env)
	status, out := runFeatureOutput(t, env, `
Feature: writes are never repeated
  Scenario: eventually after a POST
    Given read-backs may wait up to "3s" for Webex's lists
    When I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}red"}
      """
    Then the response status is 200
    And eventually the response JSON at "name" is "another name"
`)
	assert.Equal(t, 1, status)
	assert.Contains(t, out, "only a GET is sent again")
	assert.Equal(t, 1, counter.count("POST /v1/teams"))
}

func TestTooManyEntriesAreNotWaitedFor(t *testing.T) {
	_, env := externalFake(t, true)
	counter := countRequests(env)
	// A lagging list hides new entries and never adds any, so too many is a failure at once
	// (teams, since WX14 keeps two people from sharing an email).
	status, out := runFeatureOutput(t, env, `
Feature: too many is not lag
  Scenario: two teams with one name, one wanted
    Given read-backs may wait up to "3s" for Webex's lists
    And I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}twins"}
      """
    And I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}twins"}
      """
    Then Webex holds 1 team named "{prefix}twins"
`)
	assert.Equal(t, 1, status)
	assert.Contains(t, out, `Webex holds 2 teams named`)
	assert.NotContains(t, out, "after waiting")
	assert.Equal(t, 1, counter.count("GET /v1/teams?max=1000"), "a lagging list never adds entries: no second read")
}

func TestWebexListLagWaitIsAGoDuration(t *testing.T) {
	env, err := EnvFromOS(getenv(map[string]string{EnvWebexListLagWait: "30s"}))
	require.NoError(t, err)
	assert.Equal(t, 30*time.Second, env.ListLagWait)

	env, err = EnvFromOS(getenv(nil))
	require.NoError(t, err)
	assert.Zero(t, env.ListLagWait, "no wait unless asked: in-process runs stay as fast as before")

	for _, bad := range []string{"30", "-1s", "soon"} {
		_, err := EnvFromOS(getenv(map[string]string{EnvWebexListLagWait: bad}))
		assert.ErrorIs(t, err, ErrConfig, bad)
	}
}
