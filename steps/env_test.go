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
