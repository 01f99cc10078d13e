package webex

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestScopesAndEndpoint(t *testing.T) {
	assert.Equal(t, []string{
		"spark-admin:people_read", "spark-admin:people_write", "spark-admin:roles_read",
		"spark-admin:licenses_read", "spark:people_read", "spark:teams_read", "spark:teams_write",
		"spark:team_memberships_read", "spark:team_memberships_write",
	}, Scopes())
	s := Scopes()
	s[0] = "changed"
	assert.Equal(t, "spark-admin:people_read", Scopes()[0], "callers cannot change the scopes")

	e := Endpoint("https://webexapis.com/v1/")
	assert.Equal(t, "https://webexapis.com/v1/authorize", e.AuthURL)
	assert.Equal(t, "https://webexapis.com/v1/access_token", e.TokenURL)
	assert.Equal(t, oauth2.AuthStyleInParams, e.AuthStyle)
}

func TestTokenFile(t *testing.T) {
	dir := t.TempDir()
	f := TokenFile{Path: filepath.Join(dir, "webex-token.json")}

	_, err := f.Load()
	assert.ErrorIs(t, err, os.ErrNotExist)

	expiry := time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)
	require.NoError(t, f.Save(&oauth2.Token{AccessToken: "a1", RefreshToken: "r1", TokenType: "Bearer", Expiry: expiry}))
	require.NoError(t, f.Save(&oauth2.Token{AccessToken: "a2", RefreshToken: "r1", TokenType: "Bearer", Expiry: expiry}))
	got, err := f.Load()
	require.NoError(t, err)
	assert.Equal(t, "a2", got.AccessToken)
	assert.Equal(t, "r1", got.RefreshToken)
	assert.True(t, got.Expiry.Equal(expiry))

	info, err := os.Stat(f.Path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")

	require.NoError(t, os.WriteFile(f.Path, []byte("not json"), 0o600))
	_, err = f.Load()
	assert.Error(t, err)
	require.NoError(t, os.WriteFile(f.Path, []byte(`{}`), 0o600))
	_, err = f.Load()
	assert.Error(t, err, "a file without any token is not a token")

	assert.Error(t, TokenFile{Path: filepath.Join(dir, "missing-dir", "t.json")}.Save(&oauth2.Token{AccessToken: "x"}))
}

// tokenEndpoint is a fake Webex /access_token: it refreshes refresh token "good" (answering a
// numbered access token) and refuses any other with 400 invalid_grant (WX18).
type tokenEndpoint struct {
	*recorder
	calls  atomic.Int32
	status atomic.Int32 // when non-zero, answer this status instead
}

func newTokenEndpoint(t *testing.T) *tokenEndpoint {
	te := &tokenEndpoint{}
	te.recorder = newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		n := te.calls.Add(1)
		if s := te.status.Load(); s != 0 {
			webexError(w, int(s), "token endpoint trouble")
			return
		}
		if req.Method != http.MethodPost || req.URL.Path != "/v1/access_token" ||
			req.FormValue("grant_type") != "refresh_token" || req.FormValue("client_id") != "cid" ||
			req.FormValue("client_secret") != "secret" {
			writeJSON(w, 400, `{"error":"invalid_request"}`)
			return
		}
		if req.FormValue("refresh_token") != "good" {
			writeJSON(w, 400, `{"error":"invalid_grant","error_description":"bad refresh token"}`)
			return
		}
		writeJSON(w, 200, `{"access_token":"access-`+string(rune('0'+n))+`","expires_in":1209600,"token_type":"Bearer","refresh_token_expires_in":7776000}`)
	})
	return te
}

func (te *tokenEndpoint) config() *oauth2.Config {
	return &oauth2.Config{ClientID: "cid", ClientSecret: "secret", Endpoint: Endpoint(te.base()), Scopes: Scopes()}
}

func TestTokenStoreRefreshesAndWritesBack(t *testing.T) {
	te := newTokenEndpoint(t)
	file := &TokenFile{Path: filepath.Join(t.TempDir(), "token.json")}
	s := NewTokenStore(te.config(), file, nil, WithTokenHTTPClient(te.srv.Client()))

	require.NoError(t, s.LoadFile(), "an absent file is not an error")
	assert.False(t, s.HasToken())
	_, err := s.Token()
	assert.ErrorIs(t, err, ErrNoToken)
	assert.Zero(t, te.calls.Load())

	s.SetRefreshToken("good")
	assert.True(t, s.HasToken())
	tok, err := s.Token()
	require.NoError(t, err)
	assert.Equal(t, "access-1", tok.AccessToken)
	again, err := s.Token()
	require.NoError(t, err)
	assert.Equal(t, "access-1", again.AccessToken, "a valid token is reused")
	assert.EqualValues(t, 1, te.calls.Load())

	saved, err := file.Load()
	require.NoError(t, err)
	assert.Equal(t, "access-1", saved.AccessToken, "the refreshed token is written back")
	assert.Equal(t, "good", saved.RefreshToken, "Webex sent no new refresh token: the old one is kept")

	// A restart reads the file and needs no refresh.
	restarted := NewTokenStore(te.config(), file, nil, WithTokenHTTPClient(te.srv.Client()))
	require.NoError(t, restarted.LoadFile())
	restarted.SetRefreshToken("good") // the same refresh token from the environment keeps the file's access token
	tok, err = restarted.Token()
	require.NoError(t, err)
	assert.Equal(t, "access-1", tok.AccessToken)
	assert.EqualValues(t, 1, te.calls.Load())
}

func TestTokenStoreRefreshesWhenExpiredOrRefused(t *testing.T) {
	te := newTokenEndpoint(t)
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := NewTokenStore(te.config(), nil, nil, WithTokenHTTPClient(te.srv.Client()), WithTokenClock(clock))
	require.NoError(t, s.Set(&oauth2.Token{AccessToken: "consented", RefreshToken: "good", Expiry: now.Add(time.Hour)}))

	tok, err := s.Token()
	require.NoError(t, err)
	assert.Equal(t, "consented", tok.AccessToken)

	mu.Lock()
	now = now.Add(time.Hour - 30*time.Second) // inside the expiry margin
	mu.Unlock()
	tok, err = s.Token()
	require.NoError(t, err)
	assert.Equal(t, "access-1", tok.AccessToken)

	s.Invalidate("someone-else") // not the current token: nothing happens
	tok, err = s.Token()
	require.NoError(t, err)
	assert.Equal(t, "access-1", tok.AccessToken)
	s.Invalidate("access-1")
	tok, err = s.Token()
	require.NoError(t, err)
	assert.Equal(t, "access-2", tok.AccessToken)
}

func TestTokenStoreRefreshFailures(t *testing.T) {
	te := newTokenEndpoint(t)
	s := NewTokenStore(te.config(), nil, nil, WithTokenHTTPClient(te.srv.Client()))

	s.SetRefreshToken("revoked")
	_, err := s.Token()
	assert.ErrorIs(t, err, ErrNoToken, "invalid_grant means consent is needed again")
	assert.False(t, s.HasToken())
	_, err = s.Token()
	assert.ErrorIs(t, err, ErrNoToken)
	assert.EqualValues(t, 1, te.calls.Load(), "a refused refresh token is not tried again")

	s.SetRefreshToken("good")
	_, err = s.Token()
	require.NoError(t, err)

	te.status.Store(503)
	s.Invalidate("access-2")
	_, err = s.Token()
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNoToken, "Webex being down is not missing consent")
	assert.True(t, s.HasToken())

	assert.Error(t, s.Set(nil))
	assert.Error(t, s.Set(&oauth2.Token{}))

	expired := NewTokenStore(nil, nil, nil)
	require.NoError(t, expired.Set(&oauth2.Token{AccessToken: "old", Expiry: time.Now().Add(-time.Hour)}))
	_, err = expired.Token()
	assert.ErrorIs(t, err, ErrNoToken, "expired with no refresh token")
}

func TestTokenStoreRefreshesOnceUnderConcurrency(t *testing.T) {
	te := newTokenEndpoint(t)
	s := NewTokenStore(te.config(), &TokenFile{Path: filepath.Join(t.TempDir(), "t.json")}, nil, WithTokenHTTPClient(te.srv.Client()))
	s.SetRefreshToken("good")
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			tok, err := s.Token()
			assert.NoError(t, err)
			assert.Equal(t, "access-1", tok.AccessToken)
		})
	}
	wg.Wait()
	assert.EqualValues(t, 1, te.calls.Load())
}

func TestClientWithTokenStoreRecoversFromARevokedAccessToken(t *testing.T) {
	te := newTokenEndpoint(t)
	api := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Authorization") != "Bearer access-1" {
			webexError(w, 401, "The request requires a valid access token set in the Authorization request header.")
			return
		}
		writeJSON(w, 200, `{"id":"ME","emails":["admin@example.com"]}`)
	})
	file := &TokenFile{Path: filepath.Join(t.TempDir(), "t.json")}
	s := NewTokenStore(te.config(), file, nil, WithTokenHTTPClient(te.srv.Client()))
	require.NoError(t, s.Set(&oauth2.Token{AccessToken: "revoked-by-webex", RefreshToken: "good", Expiry: time.Now().Add(time.Hour)}))
	c, _, logs := newTestClient(t, api, func(cfg *Config) { cfg.TokenSource = s })

	me, err := c.Me(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ME", me.ID)
	saved, err := file.Load()
	require.NoError(t, err)
	assert.Equal(t, "access-1", saved.AccessToken)
	assert.NotContains(t, logs.String(), "revoked-by-webex")
	assert.NotContains(t, logs.String(), "access-1")

	raw, err := os.ReadFile(file.Path)
	require.NoError(t, err)
	var onDisk map[string]any
	require.NoError(t, json.Unmarshal(raw, &onDisk))
	assert.Equal(t, "good", onDisk["refresh_token"])
}
