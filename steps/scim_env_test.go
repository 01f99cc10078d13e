package steps

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnvFromOSReadsTheSCIMConnector(t *testing.T) {
	env, err := EnvFromOS(getenv(map[string]string{
		EnvSCIMBaseURL: "http://127.0.0.1:8080/scim/v2/", EnvSCIMToken: "tok", EnvReplayEmailDomain: "Example.ORG",
	}))
	require.NoError(t, err)
	require.NotNil(t, env.SCIM)
	assert.Equal(t, "http://127.0.0.1:8080/scim/v2", env.SCIM.BaseURL)
	assert.False(t, env.SCIM.HasClientCredentials())
	assert.True(t, env.External(), "an external connector is shared: one scenario at a time")
	assert.Equal(t, "example.org", env.ReplayEmailDomain)
	token, err := env.SCIM.accessToken(false)
	require.NoError(t, err)
	assert.Equal(t, "tok", token)
	token, err = env.SCIM.accessToken(true)
	require.NoError(t, err)
	assert.Equal(t, "tok", token, "without a token endpoint, the static token is all there is")

	env, err = EnvFromOS(getenv(nil))
	require.NoError(t, err)
	assert.Nil(t, env.SCIM, "no SCIM_BASE_URL: an in-process connector per scenario")
	assert.False(t, env.RunWIP)
}

func TestEnvFromOSRefusesInconsistentSCIMSettings(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"url without credentials":   {EnvSCIMBaseURL: "http://127.0.0.1:8080/scim/v2"},
		"token without url":         {EnvSCIMToken: "tok"},
		"relative url":              {EnvSCIMBaseURL: "127.0.0.1:8080/scim/v2", EnvSCIMToken: "tok"},
		"token url without client":  {EnvSCIMBaseURL: "http://127.0.0.1:8080/scim/v2", EnvSCIMTokenURL: "http://127.0.0.1:8080/oauth/token"},
		"client without token url":  {EnvSCIMBaseURL: "http://127.0.0.1:8080/scim/v2", EnvSCIMClientID: "id", EnvSCIMClientSecret: "s"},
		"relative token url":        {EnvSCIMBaseURL: "http://127.0.0.1:8080/scim/v2", EnvSCIMTokenURL: "/oauth/token", EnvSCIMClientID: "id", EnvSCIMClientSecret: "s"},
		"client credentials alone":  {EnvSCIMTokenURL: "http://127.0.0.1:8080/oauth/token", EnvSCIMClientID: "id", EnvSCIMClientSecret: "s"},
		"domain that is not a name": {EnvReplayEmailDomain: "example.org/x"},
		"wip not 1":                 {EnvRunWIP: "yes"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := EnvFromOS(getenv(vars))
			assert.ErrorIs(t, err, ErrConfig)
		})
	}
}

// A connector that issues its own tokens: the scenarios' bearer token comes from its token
// endpoint, fetched once and reused.
func TestSCIMTokenComesFromTheClientCredentialsEndpoint(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		id, secret, ok := r.BasicAuth()
		if err := r.ParseForm(); err != nil || !ok || id != "client" || secret != "secret" ||
			r.PostForm.Get("grant_type") != "client_credentials" {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "issued-1", "token_type": "Bearer", "expires_in": 3600})
	}))
	defer srv.Close()

	env, err := EnvFromOS(getenv(map[string]string{
		EnvSCIMBaseURL: srv.URL + "/scim/v2", EnvSCIMTokenURL: srv.URL + "/oauth/token",
		EnvSCIMClientID: "client", EnvSCIMClientSecret: "secret",
	}))
	require.NoError(t, err)
	require.True(t, env.SCIM.HasClientCredentials())
	for range 3 {
		token, err := env.SCIM.accessToken(false)
		require.NoError(t, err)
		assert.Equal(t, "issued-1", token)
	}
	assert.Equal(t, 1, calls, "the token is reused until it expires")

	env, err = EnvFromOS(getenv(map[string]string{
		EnvSCIMBaseURL: srv.URL + "/scim/v2", EnvSCIMTokenURL: srv.URL + "/oauth/token",
		EnvSCIMClientID: "client", EnvSCIMClientSecret: "wrong",
	}))
	require.NoError(t, err)
	_, err = env.SCIM.accessToken(false)
	assert.ErrorContains(t, err, "getting a SCIM token")

	// Both a static token and a client: scenarios send the static one, and the
	// @client-credentials scenarios one from the endpoint.
	env, err = EnvFromOS(getenv(map[string]string{
		EnvSCIMBaseURL: srv.URL + "/scim/v2", EnvSCIMToken: "static", EnvSCIMTokenURL: srv.URL + "/oauth/token",
		EnvSCIMClientID: "client", EnvSCIMClientSecret: "secret",
	}))
	require.NoError(t, err)
	token, err := env.SCIM.accessToken(false)
	require.NoError(t, err)
	assert.Equal(t, "static", token)
	token, err = env.SCIM.accessToken(true)
	require.NoError(t, err)
	assert.Equal(t, "issued-1", token)
}

// scenario builds a godog scenario (a Gherkin pickle) with tags and step texts.
func scenario(t *testing.T, name string, tags []string, steps ...string) *godog.Scenario {
	t.Helper()
	type named struct {
		Name string `json:"name,omitempty"`
		Text string `json:"text,omitempty"`
	}
	p := struct {
		Name  string  `json:"name"`
		Tags  []named `json:"tags"`
		Steps []named `json:"steps"`
	}{Name: name}
	for _, tag := range tags {
		p.Tags = append(p.Tags, named{Name: tag})
	}
	for _, text := range steps {
		p.Steps = append(p.Steps, named{Text: text})
	}
	var s godog.Scenario
	require.NoError(t, json.Unmarshal([]byte(mustJSON(p)), &s))
	return &s
}

func TestScenariosNeedingAMissingTargetAreSkippedWithTheReason(t *testing.T) {
	webexOnly, err := EnvFromOS(getenv(map[string]string{EnvWebexBaseURL: "http://127.0.0.1:9090/v1", EnvWebexAccessToken: "tok"}))
	require.NoError(t, err)
	scimOnly, err := EnvFromOS(getenv(map[string]string{EnvSCIMBaseURL: "http://127.0.0.1:8080/scim/v2", EnvSCIMToken: "tok"}))
	require.NoError(t, err)
	inProcess, err := EnvFromOS(getenv(nil))
	require.NoError(t, err)

	scimAndWebex := scenario(t, "both", nil, `I send "GET" to SCIM "/Users"`, `Webex holds no person "{x}"`)
	scimAlone := scenario(t, "scim", nil, `I send "GET" to SCIM "/Users"`)
	replay := scenario(t, "replay", nil, `I replay "okta/02-create-user.json"`)
	webexAlone := scenario(t, "webex", nil, `I send "GET" to Webex "/people/me"`)
	tokenEndpoint := scenario(t, "cc", []string{clientCredentialsTag}, `I send "POST" to SCIM "{scim.tokenURL}" with the form:`)
	wip := scenario(t, "wip", []string{wipTag}, `I send "GET" to Webex "/people/me"`)

	assert.Contains(t, webexOnly.skipReason(scimAlone), EnvSCIMBaseURL)
	assert.Contains(t, webexOnly.skipReason(replay), EnvSCIMBaseURL)
	assert.Empty(t, webexOnly.skipReason(webexAlone))
	assert.Contains(t, scimOnly.skipReason(scimAndWebex), EnvWebexBaseURL, "Webex checks need the connector's Webex")
	assert.Empty(t, scimOnly.skipReason(scimAlone))
	assert.Contains(t, scimOnly.skipReason(tokenEndpoint), EnvSCIMTokenURL, "an external connector without a client configured")
	assert.Empty(t, inProcess.skipReason(tokenEndpoint), "the in-process connector has a client of its own")
	assert.Contains(t, webexOnly.skipReason(tokenEndpoint), EnvSCIMBaseURL)
	assert.Empty(t, inProcess.skipReason(scimAndWebex))
	assert.Contains(t, inProcess.skipReason(wip), EnvRunWIP)
	inProcess.RunWIP = true
	assert.Empty(t, inProcess.skipReason(wip))
}
