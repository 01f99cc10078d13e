package steps

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func getenv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestEnvFromOSDefaultsToInProcess(t *testing.T) {
	env, err := EnvFromOS(getenv(nil))
	require.NoError(t, err)
	assert.False(t, env.External())
	assert.True(t, env.MockControl(), "an in-process fake always has its control plane")
	assert.Regexp(t, `^wxs[0-9a-f]{6}-$`, env.RunPrefix)
	assert.NotZero(t, env.HTTP.Timeout, "every request must be bounded")
}

func TestEnvFromOSExternalWebex(t *testing.T) {
	env, err := EnvFromOS(getenv(map[string]string{
		EnvWebexBaseURL: "http://127.0.0.1:9090/v1/", EnvWebexAccessToken: "tok", EnvWebexMockControl: "1",
		EnvRunPrefix: "wxsci01-",
	}))
	require.NoError(t, err)
	require.True(t, env.External())
	assert.Equal(t, "http://127.0.0.1:9090/v1", env.Webex.BaseURL)
	assert.Equal(t, "tok", env.Webex.AccessToken)
	assert.True(t, env.MockControl())
	assert.Equal(t, "wxsci01-", env.RunPrefix)

	env, err = EnvFromOS(getenv(map[string]string{EnvWebexBaseURL: "https://webexapis.com/v1", EnvWebexAccessToken: "tok"}))
	require.NoError(t, err)
	assert.False(t, env.MockControl(), "real Webex has no control plane unless told")
}

func TestEnvFromOSRefusesInconsistentSettings(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"url without token":   {EnvWebexBaseURL: "http://127.0.0.1:9090/v1"},
		"token without url":   {EnvWebexAccessToken: "tok"},
		"relative url":        {EnvWebexBaseURL: "127.0.0.1:9090/v1", EnvWebexAccessToken: "tok"},
		"control without url": {EnvWebexMockControl: "1"},
		"control not 1":       {EnvWebexBaseURL: "http://127.0.0.1:9090/v1", EnvWebexAccessToken: "tok", EnvWebexMockControl: "yes"},
		"prefix with @":       {EnvRunPrefix: "wx@s-"},
		"prefix without dash": {EnvRunPrefix: "wxsabc"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := EnvFromOS(getenv(vars))
			assert.ErrorIs(t, err, ErrConfig)
		})
	}
}

// SCIM_GROUP_KIND (issue 10): teams by default, groups on request, anything else refused; a
// scenario tagged for one kind is skipped under the other, with the reason.
func TestEnvGroupKind(t *testing.T) {
	env, err := EnvFromOS(getenv(nil))
	require.NoError(t, err)
	assert.Equal(t, "teams", env.GroupKind)
	env, err = EnvFromOS(getenv(map[string]string{EnvSCIMGroupKind: "Groups"}))
	require.NoError(t, err)
	assert.Equal(t, "groups", env.GroupKind)
	_, err = EnvFromOS(getenv(map[string]string{EnvSCIMGroupKind: "rooms"}))
	require.ErrorIs(t, err, ErrConfig)

	teams, groups := env.WithGroupKind("teams"), env.WithGroupKind("groups")
	assert.Empty(t, teams.groupKindSkipOf("moderators", true, false))
	assert.Contains(t, groups.groupKindSkipOf("moderators", true, false), "@teams-only")
	assert.Empty(t, groups.groupKindSkipOf("state", false, true))
	assert.Contains(t, teams.groupKindSkipOf("state", false, true), "SCIM_GROUP_KIND=groups")
	assert.Empty(t, groups.groupKindSkipOf("both", false, false))
}
