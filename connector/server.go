package connector

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// Config configures a Server. Webex is required, and at least one way for SCIM clients to
// authenticate: SCIMToken, or ClientID and ClientSecret.
type Config struct {
	// Webex is the client every SCIM operation goes through.
	Webex *webex.Client
	// WebexURL is the base URL Webex was configured with (default https://webexapis.com/v1).
	// Cursors keep only the path and query of Webex's next links and are re-based on it, so a
	// cursor is small and can only ever lead to the configured Webex.
	WebexURL string
	// Name is the connector name (design §2 WEBEX_CONNECTOR_NAME), shown in logs and /readyz.
	Name string
	// PublicURL is the external base URL (http://host:port, no /scim/v2): meta.location,
	// Location headers and the consent redirect URI are built on it. Empty: taken from each
	// request's Host header (fine behind nothing; set it behind a proxy).
	PublicURL string
	// SCIMToken is the static inbound bearer token (design §3.1).
	SCIMToken string
	// ClientID and ClientSecret turn on POST /oauth/token (client credentials, design §2).
	ClientID, ClientSecret string
	// TokenTTL is the lifetime of tokens issued by /oauth/token; default 1h.
	TokenTTL time.Duration
	// CursorKey signs paging cursors and issued tokens (design §3.4, §3.10); replicas of one tenant
	// share it. Empty: a random key (cursors then only work on this process).
	CursorKey []byte
	// CursorTTL is how long a cursor stays valid (RFC 9865 cursorTimeout); default 1h.
	CursorTTL time.Duration
	// DatetimeOffset is added to every Webex timestamp on its way out (design §4.5).
	DatetimeOffset time.Duration
	// GroupKind is what a SCIM Group is in Webex (WEBEX_GROUP_KIND, design §2): GroupKindTeams
	// (the default; "" too) or GroupKindGroups, Control Hub groups (design §4.7).
	GroupKind GroupKind
	// Consent, when set, serves /consent and /consent/callback (real mode, design §3.8).
	Consent *ConsentConfig
	// PageCacheTTL, PageCacheSize (queries) and PageCacheBytes (estimated memory) bound the
	// index-paging cache (design §3.4, paging.go); defaults 60s, 64 queries, 32 MiB.
	PageCacheTTL   time.Duration
	PageCacheSize  int
	PageCacheBytes int64
	// AuthFailureBurst failed authentications are allowed per client address, then one more per
	// AuthFailureInterval; meanwhile the address is answered 429 (auth_throttle.go). Defaults
	// 20 and 3s. AuthThrottleSize bounds the addresses remembered; default 10000.
	AuthFailureBurst    int
	AuthFailureInterval time.Duration
	AuthThrottleSize    int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client, for the
	// throttle and the logs (auth_throttle.go: clientAddress). Empty: the TCP peer is the client.
	TrustedProxies []netip.Prefix
	// Metrics, when set, receives the connector's Prometheus metrics (metrics.go); the Webex
	// client's go on the same registry (webex.NewMetrics). Nil: none are kept.
	Metrics *prometheus.Registry
	// MetricsRoute says whether this handler serves /metrics, and with what authentication.
	MetricsRoute MetricsRoute
	// Fanout bounds the Webex reads one SCIM request makes at once (WEBEX_FANOUT; fanout.go):
	// the member lists of a page of groups, the checks of a write's new members. Default
	// DefaultFanout; 1 makes them one after the other.
	Fanout int
	// LockDir, when set, is a directory shared by all replicas (SCIM_LOCK_DIR): every user and
	// group write also takes an flock on a stripe file there, so that replicas' writes of one
	// resource take turns exactly (shared_locks.go, design §3.10). Empty: per-process locks only.
	// Unix only.
	LockDir string
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger receives one line per request and upstream failures; default discards.
	Logger *slog.Logger
}

// Server is the SCIM 2.0 service provider in front of Webex. It is an http.Handler serving
// /scim/v2/..., /oauth/token, /consent, /consent/callback, /healthz and /readyz (routes.go).
type Server struct {
	webex     *webex.Client
	webexBase *url.URL
	name      string
	publicURL *url.URL // nil: from the request
	offset    time.Duration
	now       func() time.Time
	log       *slog.Logger

	auth    *authenticator
	cursors *scim.CursorCodec
	pages   *pageCache
	fanout  int            // Config.Fanout
	updates *updateLocks   // one user's or one group's updates take turns (update_locks.go)
	consent *consent       // nil outside real mode
	metrics *serverMetrics // nil: none kept
	// metricsHandler serves /metrics on this handler (Config.MetricsRoute); nil: not here.
	metricsHandler http.Handler

	throttle       *authThrottle // failed inbound authentications per client address
	trustedProxies []netip.Prefix

	users, roles, profiles, groups *scim.ResourceSchema
	// groupStore is where Groups live in Webex (groups_backend.go), chosen once from GroupKind.
	groupStore groupBackend

	handler http.Handler
}

// DefaultWebexURL is the Webex API base (design §2 WEBEX_TARGET_URL).
const DefaultWebexURL = "https://webexapis.com/v1"

// Defaults of design §3.4 and RFC 9865.
const (
	defaultPageSize  = 100
	maxPageSize      = 1000
	defaultTokenTTL  = time.Hour
	defaultCursorTTL = time.Hour
	defaultCacheTTL  = 60 * time.Second
	defaultCacheSize = 64
	// defaultCacheBytes holds a walk of some 30,000 people (about 1 KiB each with their
	// unmapped fields), beside the lookups of the groups and search routes.
	defaultCacheBytes = 32 << 20
	// maxBodyBytes bounds a request body: a SCIM user is a few kilobytes.
	maxBodyBytes = 1 << 20
)

// New checks cfg and builds a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Webex == nil {
		return nil, errors.New("connector: a Webex client is required")
	}
	if cfg.SCIMToken == "" && (cfg.ClientID == "" || cfg.ClientSecret == "") {
		return nil, errors.New("connector: a SCIM bearer token or a client id and secret are required")
	}
	s := &Server{
		webex:  cfg.Webex,
		name:   cfg.Name,
		offset: cfg.DatetimeOffset,
		now:    cfg.Now,
		log:    cfg.Logger,
	}
	if s.name == "" {
		s.name = "webex"
	}
	if s.fanout = cfg.Fanout; s.fanout <= 0 {
		s.fanout = DefaultFanout
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	webexURL := cfg.WebexURL
	if webexURL == "" {
		webexURL = DefaultWebexURL
	}
	wb, err := url.Parse(webexURL)
	if err != nil || wb.Host == "" {
		return nil, fmt.Errorf("connector: Webex URL %q must be an absolute URL", webexURL)
	}
	s.webexBase = wb
	if cfg.PublicURL != "" {
		u, err := url.Parse(strings.TrimRight(cfg.PublicURL, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("connector: public URL %q must be an absolute http(s) URL", cfg.PublicURL)
		}
		s.publicURL = u
	}
	key := cfg.CursorKey
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("connector: cursor key: %w", err)
		}
	}
	cursorTTL := cfg.CursorTTL
	if cursorTTL <= 0 {
		cursorTTL = defaultCursorTTL
	}
	// The cursor key signs two kinds of things; each gets its own derived key so that a cursor
	// can never pass for a bearer token or the reverse.
	s.cursors = scim.NewCursorCodec(deriveKey(key, "scim-cursor"), cursorTTL, s.now)
	tokenTTL := cfg.TokenTTL
	if tokenTTL <= 0 {
		tokenTTL = defaultTokenTTL
	}
	s.auth = &authenticator{
		static:       cfg.SCIMToken,
		clientID:     cfg.ClientID,
		clientSecret: cfg.ClientSecret,
		tokens:       scim.NewCursorCodec(deriveKey(key, "oauth-access-token"), tokenTTL, s.now),
		ttl:          tokenTTL,
	}
	burst, every, size := cfg.AuthFailureBurst, cfg.AuthFailureInterval, cfg.AuthThrottleSize
	if burst <= 0 {
		burst = defaultAuthFailureBurst
	}
	if every <= 0 {
		every = defaultAuthFailureInterval
	}
	if size <= 0 {
		size = defaultAuthThrottleSize
	}
	s.throttle = newAuthThrottle(burst, every, size, s.now)
	s.trustedProxies = cfg.TrustedProxies
	cacheTTL, cacheSize := cfg.PageCacheTTL, cfg.PageCacheSize
	if cacheTTL <= 0 {
		cacheTTL = defaultCacheTTL
	}
	if cacheSize <= 0 {
		cacheSize = defaultCacheSize
	}
	cacheBytes := cfg.PageCacheBytes
	if cacheBytes <= 0 {
		cacheBytes = defaultCacheBytes
	}
	s.pages = newPageCache(cacheSize, cacheBytes, cacheTTL, s.now)
	s.updates = newUpdateLocks(s.log)
	if cfg.LockDir != "" {
		if s.updates.shared, err = openSharedLocks(cfg.LockDir); err != nil {
			return nil, err
		}
	}
	if cfg.Consent != nil {
		c, err := newConsent(*cfg.Consent, deriveKey(key, "consent-state"), s.now)
		if err != nil {
			return nil, err
		}
		s.consent = c
	}
	if err := s.setUpMetrics(cfg.Metrics, cfg.MetricsRoute); err != nil {
		return nil, err
	}
	s.users = userResourceSchema()
	if s.groupStore, err = newGroupBackend(s, cfg.GroupKind); err != nil {
		return nil, err
	}
	s.groups = &scim.ResourceSchema{Core: s.groupStore.schema()}
	s.roles = &scim.ResourceSchema{Core: roleSchema()}
	s.profiles = &scim.ResourceSchema{Core: profileSchema()}
	s.handler = s.metrics.instrument(s.logRequests(s.routes()))
	return s, nil
}

// ServeHTTP serves every route of routes.go.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handlerFunc is a SCIM handler: it writes its success answer itself and returns any failure,
// which scimHandler maps once (mapError) and writes as an RFC 7644 §3.12 body.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// scimHandler adapts a handlerFunc. A write (any method but GET and HEAD) runs on a context that
// neither the client hanging up nor the server shutting down cancels: once a change to Webex has
// started it runs to its end (each Webex call is bounded by the client's timeouts, design §3.9),
// and a group change that fails part-way is undone (group_members.go). Cancelling it mid-way
// would leave a Webex call whose outcome nobody knows, and so a change half-applied.
func (s *Server) scimHandler(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			r = r.WithContext(context.WithoutCancel(r.Context()))
		}
		if err := h(w, r); err != nil {
			scim.WriteError(w, s.mapError(r, err))
		}
	})
}

// baseURL is the external base URL for this request: PublicURL, else the request's own host.
func (s *Server) baseURL(r *http.Request) string {
	if s.publicURL != nil {
		return s.publicURL.String()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// location is the meta.location of a resource: {base}/scim/v2/{endpoint}/{id}.
func (s *Server) location(r *http.Request, endpoint, id string) string {
	return s.baseURL(r) + scimBasePath + "/" + endpoint + "/" + url.PathEscape(id)
}
