package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// safetyTimeout bounds every wait of these tests on the program (a request, its start, its stop):
// only so that a broken program fails its test rather than the whole binary's -timeout. It is
// never what a test checks, so it is generous: go test -race ./... on a loaded machine runs these
// beside every other package.
const safetyTimeout = time.Minute

// started is a running run(): its output lines and where it listens.
type started struct {
	base  string // http://127.0.0.1:P
	lines []string
	done  chan error
	stop  context.CancelFunc
}

// start runs the program as main would, on a free port, and waits for its "listening" line.
func start(t *testing.T, env map[string]string, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &started{done: make(chan error, 1), stop: cancel}
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, pw)
		_ = pw.CloseWithError(io.EOF)
		s.done <- err
	}()
	listening := regexp.MustCompile(`^webex-scim listening on (http://127\.0\.0\.1:\d+)/scim/v2$`)
	var mu sync.Mutex
	var all []string
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			mu.Lock()
			all = append(all, sc.Text())
			mu.Unlock()
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case s.base = <-found:
	case err := <-s.done:
		t.Fatalf("run ended before listening: %v", err)
	case <-time.After(safetyTimeout):
		t.Fatal("no listening line")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(safetyTimeout):
			t.Error("run did not stop")
		}
	})
	mu.Lock()
	defer mu.Unlock()
	s.lines = append([]string(nil), all...)
	return s
}

func (s *started) line(prefix string) string {
	for _, l := range s.lines {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), prefix); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func get(t *testing.T, c *http.Client, u, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// design §2: with no WEBEX_CLIENT_ID the connector runs on the embedded fake, prints the SCIM URL and
// a generated token, and stops cleanly when its context ends.
func TestRunEmbedded(t *testing.T) {
	s := start(t, map[string]string{})
	token := s.line("SCIM bearer token:")
	require.NotEmpty(t, token, strings.Join(s.lines, "\n"))
	assert.Equal(t, s.base+"/scim/v2", s.line("SCIM base URL:"))
	assert.Contains(t, s.line("embedded mode: the fake Webex runs in-process at"), "http://127.0.0.1:")

	c := &http.Client{Timeout: safetyTimeout}
	status, _ := get(t, c, s.base+"/healthz", "")
	assert.Equal(t, http.StatusOK, status)
	status, _ = get(t, c, s.base+"/readyz", "")
	assert.Equal(t, http.StatusOK, status)
	status, body := get(t, c, s.base+"/scim/v2/Users?filter="+url.QueryEscape(`userName eq "admin@example.com"`), token)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"totalResults":1`)

	s.stop()
	select {
	case err := <-s.done:
		assert.NoError(t, err, "graceful shutdown")
		s.done <- err // for the cleanup
	case <-time.After(safetyTimeout):
		t.Fatal("run did not stop")
	}
}

// design §3.8: real mode. No token: SCIM answers 503 pointing at /consent. An administrator consents
// (authorization code, state checked), the token is stored 0600, SCIM works, and a restart needs
// no new consent.
func TestRunRealModeConsent(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	tokenFile := filepath.Join(t.TempDir(), "webex-token.json")
	env := map[string]string{
		"WEBEX_CLIENT_ID":     "mock-client-id",
		"WEBEX_CLIENT_SECRET": "mock-client-secret",
		"WEBEX_TARGET_URL":    fsrv.URL + "/v1",
		"SCIM_BEARER_TOKEN":   "real-mode-token",
		"WEBEX_TOKEN_FILE":    tokenFile,
	}
	s := start(t, env)
	for _, l := range s.lines {
		assert.NotContains(t, l, "real-mode-token", "real mode never prints the token")
	}
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Timeout: safetyTimeout, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	status, body := get(t, c, s.base+"/scim/v2/Users", "real-mode-token")
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.Contains(t, body, s.base+"/consent")
	status, _ = get(t, c, s.base+"/readyz", "")
	assert.Equal(t, http.StatusServiceUnavailable, status)

	status, _ = get(t, c, s.base+"/consent", "")
	assert.Equal(t, http.StatusUnauthorized, status, "consent needs the connector's credentials")
	req, err := http.NewRequest(http.MethodGet, s.base+"/consent", nil)
	require.NoError(t, err)
	req.SetBasicAuth("admin", "real-mode-token")
	resp, err := c.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusFound, resp.StatusCode)
	authorize, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, fsrv.URL+"/v1/authorize", authorize.Scheme+"://"+authorize.Host+authorize.Path)
	assert.Equal(t, s.base+"/consent/callback", authorize.Query().Get("redirect_uri"))
	assert.Contains(t, authorize.Query().Get("scope"), "spark-admin:people_write")
	assert.NotEmpty(t, authorize.Query().Get("state"))

	// The administrator signs in at Webex, which redirects back with a code.
	q := authorize.Query()
	q.Set("login_hint", "admin@example.com")
	authorize.RawQuery = q.Encode()
	resp, err = c.Get(authorize.String())
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusFound, resp.StatusCode)
	callback := resp.Header.Get("Location")
	require.True(t, strings.HasPrefix(callback, s.base+"/consent/callback?"), callback)

	// A forged state is refused.
	forged, err := url.Parse(callback)
	require.NoError(t, err)
	fq := forged.Query()
	fq.Set("state", "forged")
	forged.RawQuery = fq.Encode()
	status, _ = get(t, c, forged.String(), "")
	assert.Equal(t, http.StatusBadRequest, status)

	status, body = get(t, c, callback, "")
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, "Consent recorded")
	info, err := os.Stat(tokenFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	status, body = get(t, c, s.base+"/scim/v2/Users?count=1", "real-mode-token")
	assert.Equal(t, http.StatusOK, status, body)
	status, _ = get(t, c, s.base+"/readyz", "")
	assert.Equal(t, http.StatusOK, status)

	// A restart reads the token file: no new consent.
	s2 := start(t, env)
	status, body = get(t, c, s2.base+"/scim/v2/Users?count=1", "real-mode-token")
	assert.Equal(t, http.StatusOK, status, body)
}

func TestSettings(t *testing.T) {
	s, err := parseSettings([]string{"-addr", "127.0.0.1:9999", "-datetime-offset", "-02:30"},
		func(k string) string {
			return map[string]string{"SCIM_ADDR": "127.0.0.1:1111", "WEBEX_CONNECTOR_NAME": "acme", "WEBEX_DATETIME_OFFSET": "+05:00"}[k]
		}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:9999", s.addr, "flags win over the environment")
	assert.Equal(t, "acme", s.name, "the environment applies when no flag is given")
	assert.Equal(t, -(2*time.Hour + 30*time.Minute), s.datetimeOffset)
	assert.Equal(t, "https://webexapis.com/v1", s.targetURL)
	assert.Equal(t, "webex-token.json", s.tokenFile)
	assert.Equal(t, connector.GroupKindTeams, s.groupKind, "teams are the default group kind")
	s2, err := parseSettings([]string{"-group-kind", "groups"}, func(string) string { return "" }, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, connector.GroupKindGroups, s2.groupKind)
	_, err = parseSettings(nil, func(k string) string { return map[string]string{"WEBEX_GROUP_KIND": "rooms"}[k] }, io.Discard)
	assert.ErrorContains(t, err, "rooms")

	_, err = parseSettings(nil, func(k string) string {
		return map[string]string{"WEBEX_CLIENT_ID": "id", "WEBEX_CLIENT_SECRET": "secret"}[k]
	}, io.Discard)
	assert.ErrorContains(t, err, "SCIM_BEARER_TOKEN", "real mode needs inbound credentials")

	assert.Equal(t, time.Minute, s.readTimeout)
	assert.Equal(t, 5*time.Minute, s.writeTimeout, "room for the first index page of a large listing")
	assert.Equal(t, 2*time.Minute, s.idleTimeout)
	assert.Equal(t, 30*time.Second, s.shutdownTimeout)
	s, err = parseSettings([]string{"-write-timeout", "10m"}, func(k string) string {
		return map[string]string{"SCIM_WRITE_TIMEOUT": "1m", "SCIM_SHUTDOWN_TIMEOUT": "45s"}[k]
	}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 10*time.Minute, s.writeTimeout)
	assert.Equal(t, 45*time.Second, s.shutdownTimeout)
	for _, bad := range []string{"0s", "-1m", "soon"} {
		_, err = parseSettings([]string{"-read-timeout", bad}, func(string) string { return "" }, io.Discard)
		assert.ErrorContains(t, err, "SCIM_READ_TIMEOUT", bad)
	}

	for in, want := range map[string]time.Duration{
		"0": 0, "": 0, "+01:00": time.Hour, "-00:30": -30 * time.Minute, "05:45": 5*time.Hour + 45*time.Minute, "90m": 90 * time.Minute, "-2h": -2 * time.Hour,
	} {
		got, err := parseOffset(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"1:5", "+25:00", "ab:cd", "soon"} {
		_, err := parseOffset(bad)
		assert.Error(t, err, bad)
	}
}

// design §2: SCIM_CLIENT_ID and SCIM_CLIENT_SECRET turn on POST /oauth/token in embedded mode too,
// and WEBEX_CONNECTOR_NAME names the connector in /healthz; both were once dropped on the way to
// the embedded stack (the token endpoint answered 404).
func TestRunEmbeddedClientCredentialsAndName(t *testing.T) {
	s := start(t, map[string]string{"WEBEX_CONNECTOR_NAME": "acme"},
		"-scim-client-id", "cid", "-scim-client-secret", "csecret")
	c := &http.Client{Timeout: safetyTimeout}

	resp, err := c.PostForm(s.base+"/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"cid"}, "client_secret": {"csecret"}})
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	token := regexp.MustCompile(`"access_token":"([^"]+)"`).FindStringSubmatch(string(b))
	require.Len(t, token, 2, string(b))

	status, body := get(t, c, s.base+"/scim/v2/Users?count=1", token[1])
	assert.Equal(t, http.StatusOK, status, body)

	resp, err = c.PostForm(s.base+"/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"cid"}, "client_secret": {"wrong"}})
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	status, body = get(t, c, s.base+"/healthz", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"name":"acme"`)
}

// Issue 12: the Webex token and client secret never cross the network in clear text. A Webex
// target that is plain http and not loopback is a startup error naming the setting and the way
// out for test rigs (WEBEX_ALLOW_INSECURE_HTTP); loopback and https are accepted.
func TestWebexTargetMustBeHTTPSUnlessLoopback(t *testing.T) {
	real := map[string]string{"WEBEX_CLIENT_ID": "id", "WEBEX_CLIENT_SECRET": "secret", "SCIM_BEARER_TOKEN": "t"}
	envWith := func(target string) func(string) string {
		return func(k string) string {
			if k == "WEBEX_TARGET_URL" {
				return target
			}
			return real[k]
		}
	}
	for _, target := range []string{"http://webex.example.com/v1", "http://10.0.0.5:9090/v1", "http://127.0.0.1.example.com/v1", "ftp://webexapis.com/v1", "webexapis.com/v1"} {
		_, err := parseSettings(nil, envWith(target), io.Discard)
		require.Error(t, err, target)
		assert.Contains(t, err.Error(), "WEBEX_TARGET_URL", target)
	}
	_, err := parseSettings(nil, envWith("http://webex.example.com/v1"), io.Discard)
	assert.ErrorContains(t, err, "WEBEX_ALLOW_INSECURE_HTTP")
	err = run(context.Background(), []string{"-target-url", "http://webex.example.com/v1"}, envWith(""), io.Discard)
	assert.ErrorContains(t, err, "is plain http to a host that is not loopback", "a clear startup error")

	for _, target := range []string{"https://webexapis.com/v1", "http://127.0.0.1:9090/v1", "http://localhost:9090/v1", "http://[::1]:9090/v1", "http://127.8.9.10/v1"} {
		_, err := parseSettings(nil, envWith(target), io.Discard)
		assert.NoError(t, err, target)
	}
	_, err = parseSettings([]string{"-allow-insecure-http"}, envWith("http://webex.test-rig.internal/v1"), io.Discard)
	assert.NoError(t, err, "the explicit flag for test rigs")
	_, err = parseSettings(nil, func(k string) string {
		return map[string]string{"WEBEX_TARGET_URL": "http://10.0.0.5/v1", "WEBEX_ALLOW_INSECURE_HTTP": "true"}[k]
	}, io.Discard)
	assert.NoError(t, err)
}

// Issue 12: a corrupt or unreadable token file stops the start with an error naming the file, and
// the file is left as it was (a restart with a good one needs no consent: TestRunRealModeConsent,
// TestShutdownUnderLoadFinishesGroupChanges).
func TestCorruptTokenFileIsAStartupError(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "webex-token.json")
	require.NoError(t, os.WriteFile(corrupt, []byte(`{"access_token":"a","refresh_tok`), 0o600))
	unreadable := filepath.Join(dir, "a-directory.json")
	require.NoError(t, os.Mkdir(unreadable, 0o700))
	for _, path := range []string{corrupt, unreadable} {
		env := map[string]string{
			"WEBEX_CLIENT_ID": "id", "WEBEX_CLIENT_SECRET": "secret", "SCIM_BEARER_TOKEN": "t",
			"WEBEX_TARGET_URL": "http://127.0.0.1:1/v1", "WEBEX_TOKEN_FILE": path,
		}
		var out strings.Builder
		err := run(context.Background(), []string{"-addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &out)
		require.Error(t, err, path)
		assert.Contains(t, err.Error(), path, "the error names the file")
		assert.NotContains(t, out.String(), "listening", "nothing is served")
	}
	b, err := os.ReadFile(corrupt)
	require.NoError(t, err)
	assert.Equal(t, `{"access_token":"a","refresh_tok`, string(b), "the file is left as it was")
}

// SCIM_LOCK_DIR (design §3.10) that is not a writable directory stops the start with an error
// naming it; nothing is served.
func TestLockDirProblemIsAStartupError(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "a-file")
	require.NoError(t, os.WriteFile(notADir, nil, 0o600))
	for _, path := range []string{notADir, filepath.Join(dir, "missing")} {
		env := map[string]string{
			"WEBEX_CLIENT_ID": "id", "WEBEX_CLIENT_SECRET": "secret", "SCIM_BEARER_TOKEN": "t",
			"WEBEX_TARGET_URL": "http://127.0.0.1:1/v1", "WEBEX_TOKEN_FILE": filepath.Join(dir, "token.json"),
			"SCIM_LOCK_DIR": path,
		}
		var out strings.Builder
		err := run(context.Background(), []string{"-addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &out)
		require.Error(t, err, path)
		assert.Contains(t, err.Error(), path, "the error names the directory")
		assert.NotContains(t, out.String(), "listening", "nothing is served")
	}
}

// WEBEX_GROUP_KIND=groups (design §4.6, §4.7): the consent asks for identity:groups_rw and
// identity:groups_read instead of the teams scopes, and the token it gives reaches /v1/groups,
// which refuses tokens without them.
func TestRunRealModeConsentGroupKind(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	s := start(t, map[string]string{
		"WEBEX_CLIENT_ID":     "mock-client-id",
		"WEBEX_CLIENT_SECRET": "mock-client-secret",
		"WEBEX_TARGET_URL":    fsrv.URL + "/v1",
		"SCIM_BEARER_TOKEN":   "real-mode-token",
		"WEBEX_TOKEN_FILE":    filepath.Join(t.TempDir(), "webex-token.json"),
		"WEBEX_GROUP_KIND":    "groups",
	})
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Timeout: safetyTimeout, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequest(http.MethodGet, s.base+"/consent", nil)
	require.NoError(t, err)
	req.SetBasicAuth("admin", "real-mode-token")
	resp, err := c.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	authorize, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	scopes := strings.Fields(authorize.Query().Get("scope"))
	assert.Contains(t, scopes, "identity:groups_rw")
	assert.Contains(t, scopes, "identity:groups_read")
	assert.NotContains(t, scopes, "spark:teams_write")
	assert.Contains(t, scopes, "spark-admin:people_write")

	q := authorize.Query()
	q.Set("login_hint", "admin@example.com")
	authorize.RawQuery = q.Encode()
	resp, err = c.Get(authorize.String())
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	status, body := get(t, c, resp.Header.Get("Location"), "")
	require.Equal(t, http.StatusOK, status, body)

	status, body = get(t, c, s.base+"/scim/v2/Groups?filter="+url.QueryEscape(`displayName eq "Licensed Meetings Users"`), "real-mode-token")
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, `"totalResults":1`)
	status, body = get(t, c, s.base+"/scim/v2/ResourceTypes/Group", "real-mode-token")
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, "Control Hub group")
}

// SCIM_TRUSTED_PROXIES: addresses and CIDR blocks, separated by commas; anything else is an error
// naming the setting.
func TestTrustedProxiesSetting(t *testing.T) {
	s, err := parseSettings([]string{"-trusted-proxies", " 10.0.0.0/8, 192.168.1.7 ,2001:db8::/32"}, func(string) string { return "" }, io.Discard)
	require.NoError(t, err)
	require.Len(t, s.trustedProxies, 3)
	assert.Equal(t, "10.0.0.0/8", s.trustedProxies[0].String())
	assert.Equal(t, "192.168.1.7/32", s.trustedProxies[1].String())
	assert.Equal(t, "2001:db8::/32", s.trustedProxies[2].String())
	s, err = parseSettings(nil, func(string) string { return "" }, io.Discard)
	require.NoError(t, err)
	assert.Empty(t, s.trustedProxies, "none by default: the TCP peer is the client")
	_, err = parseSettings(nil, func(k string) string { return map[string]string{"SCIM_TRUSTED_PROXIES": "proxy.example.com"}[k] }, io.Discard)
	assert.ErrorContains(t, err, "SCIM_TRUSTED_PROXIES")
}

// WEBEX_FANOUT and -webex-fanout bound the concurrent Webex reads of one request (issue 13).
func TestFanoutSetting(t *testing.T) {
	none := func(string) string { return "" }
	s, err := parseSettings(nil, none, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, connector.DefaultFanout, s.fanout, "the default")
	s, err = parseSettings(nil, func(k string) string { return map[string]string{"WEBEX_FANOUT": "3"}[k] }, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 3, s.fanout)
	s, err = parseSettings([]string{"-webex-fanout", "1"}, func(k string) string { return map[string]string{"WEBEX_FANOUT": "3"}[k] }, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 1, s.fanout, "the flag wins")
	for _, bad := range []string{"0", "-2", "many"} {
		_, err = parseSettings(nil, func(k string) string { return map[string]string{"WEBEX_FANOUT": bad}[k] }, io.Discard)
		assert.ErrorContains(t, err, "WEBEX_FANOUT", bad)
	}
	_, err = parseSettings([]string{"-webex-fanout", "0"}, none, io.Discard)
	assert.ErrorContains(t, err, "-webex-fanout")
}
