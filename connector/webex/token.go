package webex

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// Scopes are the Webex scopes asked for at consent (design §4.6). A new slice on every call.
func Scopes() []string {
	return []string{
		"spark-admin:people_read", "spark-admin:people_write", "spark-admin:roles_read",
		"spark-admin:licenses_read", "spark:people_read", "spark:teams_read", "spark:teams_write",
		"spark:team_memberships_read", "spark:team_memberships_write",
	}
}

// GroupsScopes are the scopes asked for at consent when SCIM Groups are Control Hub groups
// (design §4.6, §4.7): the people, roles and licence scopes of Scopes, and identity:groups_rw and
// identity:groups_read (control-hub-groups-facts §5) in place of the teams and team memberships
// scopes, which that mode never uses. A new slice on every call.
func GroupsScopes() []string {
	return []string{
		"spark-admin:people_read", "spark-admin:people_write", "spark-admin:roles_read",
		"spark-admin:licenses_read", "spark:people_read", "identity:groups_rw", "identity:groups_read",
	}
}

// Endpoint is Webex's OAuth endpoint under baseURL: {base}/authorize and {base}/access_token
// (design §3.8). Webex reads client_id and client_secret from the form body, not Basic auth.
func Endpoint(baseURL string) oauth2.Endpoint {
	base := strings.TrimRight(baseURL, "/")
	return oauth2.Endpoint{
		AuthURL:   base + "/authorize",
		TokenURL:  base + "/access_token",
		AuthStyle: oauth2.AuthStyleInParams,
	}
}

// TokenFile is where consent results are kept between restarts (WEBEX_TOKEN_FILE, design §2).
type TokenFile struct{ Path string }

// Load reads the token file. An absent file gives an error that wraps os.ErrNotExist. Any other
// problem (unreadable, not JSON, no token in it) is an error that names the file and says what
// to do: the connector refuses to start rather than run without the consent the file should hold
// and later overwrite it (issue 12).
func (f TokenFile) Load() (*oauth2.Token, error) {
	data, err := os.ReadFile(f.Path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("webex: token file %s cannot be read (%w); give the connector's user read and write access to it, "+
			"or remove it and consent again at /consent", f.Path, err)
	}
	var t oauth2.Token
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("webex: token file %s is not a token file the connector wrote (%w); restore it from a backup, "+
			"or remove it and consent again at /consent", f.Path, err)
	}
	if t.AccessToken == "" && t.RefreshToken == "" {
		return nil, fmt.Errorf("webex: token file %s holds no token; remove it and consent again at /consent", f.Path)
	}
	return &t, nil
}

// Save writes t atomically (a temporary file in the same directory, synced, renamed over the
// file, then the directory synced), mode 0600: a crash or a full disk mid-write never leaves a
// torn or empty file, only the old one or the new one, and only the connector's user can read
// the secrets. A token with neither an access nor a refresh token is refused before anything is
// written, so the file is never replaced by something that cannot be used.
func (f TokenFile) Save(t *oauth2.Token) error {
	if t == nil || (t.AccessToken == "" && t.RefreshToken == "") {
		return fmt.Errorf("webex: token file %s: no token to save; the file is left as it was", f.Path)
	}
	data, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	dir := filepath.Dir(f.Path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	if err := os.Rename(name, f.Path); err != nil {
		return fmt.Errorf("webex: token file %s: %w", f.Path, err)
	}
	ok = true
	// The rename is durable only once the directory is: without this a power cut could bring
	// back the old file, whose refresh token Webex may have retired.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // not every file system syncs directories; the file itself is in place
		_ = d.Close()
	}
	return nil
}

// tokenExpiryDelta refreshes a little before expiry, so a token does not expire in flight.
const tokenExpiryDelta = time.Minute

// refreshTimeout bounds one refresh at the token endpoint.
const refreshTimeout = 30 * time.Second

// TokenStore holds the connector's current Webex credentials (design §3.8). It is an
// oauth2.TokenSource for Client, refreshes through golang.org/x/oauth2 when the access token has
// expired, and writes a refreshed token back to the token file. Safe for concurrent use; one
// refresh runs at a time.
type TokenStore struct {
	cfg  *oauth2.Config
	file *TokenFile
	log  *slog.Logger
	hc   *http.Client
	now  func() time.Time

	mu  sync.Mutex
	tok *oauth2.Token // nil: nothing yet; never changed in place once set (a new one replaces it)
	// published is tok for Token's lock-free read: every Webex call asks for the token, and while
	// it is usable none of them needs the lock, which is then held only to install or refresh one.
	published atomic.Pointer[oauth2.Token]
	// rejected is the last access token Webex refused with 401 (Invalidate): a token file still
	// holding it is not taken back (token_shared.go).
	rejected string
	// refused is a refresh token the token endpoint refused (invalid_grant, invalid_client:
	// token_refresh.go); it is not tried again until a new token arrives, so a revoked consent does
	// not hammer Webex on every SCIM call.
	refused string
	// failures, retryAt and lastFailure are the backoff after refreshes that failed without a
	// refusal (429, 5xx, no answer; token_refresh.go): none is tried before retryAt.
	failures    int
	retryAt     time.Time
	lastFailure *RefreshError

	metrics *Metrics // WithTokenMetrics; nil: none kept
}

// TokenStoreOption configures a TokenStore.
type TokenStoreOption func(*TokenStore)

// WithTokenHTTPClient sets the HTTP client used for refreshes (default: a client with transport
// timeouts; never http.DefaultClient). Embedded mode passes one that reaches the in-process fake.
func WithTokenHTTPClient(hc *http.Client) TokenStoreOption {
	return func(s *TokenStore) {
		if hc != nil {
			s.hc = hc
		}
	}
}

// WithTokenClock sets the clock used to decide that an access token has expired.
func WithTokenClock(now func() time.Time) TokenStoreOption {
	return func(s *TokenStore) {
		if now != nil {
			s.now = now
		}
	}
}

// NewTokenStore builds a store that refreshes through cfg (cfg.Endpoint: see Endpoint). file may
// be nil (embedded mode: nothing is persisted). The store starts empty: call LoadFile,
// SetRefreshToken or Set.
func NewTokenStore(cfg *oauth2.Config, file *TokenFile, logger *slog.Logger, opts ...TokenStoreOption) *TokenStore {
	s := &TokenStore{cfg: cfg, file: file, log: logger, now: time.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for _, o := range opts {
		o(s)
	}
	if s.hc == nil {
		s.hc = newHTTPClient()
	}
	return s
}

// LoadFile reads the token file at start. An absent file (or no file configured) is not an
// error: there is no token yet and an administrator must consent.
func (s *TokenStore) LoadFile() error {
	if s.file == nil {
		return nil
	}
	t, err := s.file.Load()
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info, err := os.Stat(s.file.Path); err == nil && info.Mode().Perm()&0o077 != 0 {
		// Saved 0600; someone widened it. Not refused (it works), but the secrets are exposed.
		s.log.Warn("the webex token file can be read by other users: chmod 600 it", "path", s.file.Path,
			"mode", info.Mode().Perm().String())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setLocked(t)
	return nil
}

// SetRefreshToken installs a refresh token obtained elsewhere (WEBEX_REFRESH_TOKEN). The first call
// then refreshes. If the store already holds a token with the same refresh token (loaded from the
// file), that token, access token included, is kept. Nothing is written until the refresh.
func (s *TokenStore) SetRefreshToken(refresh string) {
	if refresh == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.RefreshToken == refresh {
		return
	}
	s.setLocked(&oauth2.Token{RefreshToken: refresh})
}

// Set installs a token obtained at consent, and persists it to the token file when there is one.
func (s *TokenStore) Set(t *oauth2.Token) error {
	if t == nil || (t.AccessToken == "" && t.RefreshToken == "") {
		return errors.New("webex: token store: the token holds neither an access nor a refresh token")
	}
	c := *t
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setLocked(&c)
	if s.file == nil {
		return nil
	}
	return s.file.Save(&c)
}

// HasToken reports whether the store holds something it can use or refresh.
func (s *TokenStore) HasToken() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok != nil && (s.usable(s.tok) || (s.tok.RefreshToken != "" && s.tok.RefreshToken != s.refused && s.cfg != nil))
}

// Invalidate drops accessToken if it is the current one (Webex refused it with 401), so that the
// next Token call refreshes. It implements TokenInvalidator.
func (s *TokenStore) Invalidate(accessToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.AccessToken != "" && s.tok.AccessToken == accessToken {
		s.rejected = accessToken
		c := *s.tok
		c.AccessToken = ""
		s.tok = &c
		s.published.Store(s.tok)
	}
}

// setLocked installs a new token (consent, the token file, a refresh token from the environment):
// the refused refresh token, if any, is forgotten. s.mu is held.
func (s *TokenStore) setLocked(t *oauth2.Token) {
	s.tok, s.refused = t, ""
	s.clearBackoffLocked()
	s.published.Store(t)
}

func (s *TokenStore) usable(t *oauth2.Token) bool {
	return t.AccessToken != "" && (t.Expiry.IsZero() || s.now().Add(tokenExpiryDelta).Before(t.Expiry))
}

// Token returns a usable access token, refreshing it when expired; it implements
// oauth2.TokenSource. With nothing usable (no token, no refresh token, or a refresh token Webex
// refused) the error wraps ErrNoToken. A refresh that fails for another reason (Webex unreachable,
// a 429, a 5xx) is a *RefreshError without ErrNoToken: it is an upstream fault, not missing
// consent, and the refresh is tried again after a backoff (token_refresh.go).
func (s *TokenStore) Token() (*oauth2.Token, error) {
	if t := s.published.Load(); t != nil && s.usable(t) {
		c := *t
		return &c, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok == nil && !s.adoptFileLocked() {
		return nil, ErrNoToken
	}
	if t, ok := s.usableToken(); ok {
		return t, nil
	}
	// Another replica sharing the token file may have refreshed, or consent been given again,
	// since this store last read it (token_shared.go).
	if s.adoptFileLocked() {
		if t, ok := s.usableToken(); ok {
			return t, nil
		}
	}
	switch {
	case s.tok.RefreshToken == "":
		return nil, fmt.Errorf("%w (the access token expired and there is no refresh token)", ErrNoToken)
	case s.tok.RefreshToken == s.refused:
		return nil, fmt.Errorf("%w (Webex refused the refresh token)", ErrNoToken)
	case s.cfg == nil:
		return nil, fmt.Errorf("%w (no OAuth configuration to refresh with)", ErrNoToken)
	case s.lastFailure != nil && s.now().Before(s.retryAt):
		return nil, s.waitingLocked()
	}
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), oauth2.HTTPClient, s.hc), refreshTimeout)
	defer cancel()
	// A token with only the refresh token is never valid, so the source refreshes at once; it
	// keeps the old refresh token when Webex sends none back.
	nt, err := s.cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: s.tok.RefreshToken}).Token()
	s.metrics.tokenRefresh(err)
	if err != nil {
		status, code, refused := refusedRefresh(err)
		if !refused {
			return nil, s.backOffLocked(err, status, code)
		}
		s.refused = s.tok.RefreshToken
		s.clearBackoffLocked()
		if s.adoptFileLocked() {
			// A new consent through another replica: try once with the refresh token it wrote.
			s.mu.Unlock()
			defer s.mu.Lock()
			return s.Token()
		}
		s.log.Warn("webex refused the refresh token; an administrator must consent again at /consent",
			"status", status, "error", code)
		return nil, fmt.Errorf("%w (Webex refused the refresh token: %d %s)", ErrNoToken, status, code)
	}
	s.clearBackoffLocked()
	s.tok = nt
	s.published.Store(nt)
	s.log.Info("webex access token refreshed", "expiry", nt.Expiry)
	if s.file != nil {
		if err := s.file.Save(nt); err != nil {
			// The token works in memory; a restart will refresh again from the old file.
			s.log.Warn("could not write the refreshed webex token to the token file", "path", s.file.Path, "error", err.Error())
		}
	}
	c := *nt
	return &c, nil
}
