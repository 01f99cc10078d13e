package mockwebex

import (
	cryptorand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/webex-scim/webex-scim/fixtures"
)

// Option configures a Server (functional options).
type Option func(*config)

type config struct {
	clock      Clock         // WithClock; default the system clock
	seed       []byte        // WithSeed; default fixtures.DefaultSeed()
	adminToken string        // WithAdminToken; default a random token
	quirks     *Quirks       // WithQuirks; default AllQuirks()
	listLag    time.Duration // WithListLag (WX19); default 0
	rateLimit  int           // WithRateLimit (WX17); default 0 = off
	retryAfter string        // WithRetryAfterForm; default "seconds"
	latency    time.Duration // WithLatency; default 0 = off
	jitter     time.Duration // WithLatency; default 0
	randSource rand.Source   // WithRandSource; default seeded from crypto/rand
	sleeper    Sleeper       // WithSleeper; default a timer that ends with the request
	logger     *slog.Logger  // WithLogger; default discards
}

// WithClock injects the clock behind every timestamp, expiry and window.
func WithClock(c Clock) Option { return func(cf *config) { cf.clock = c } }

// WithSeed sets the seed document (see SeedDoc). Reset returns to it.
func WithSeed(doc []byte) Option {
	return func(cf *config) { cf.seed = append([]byte(nil), doc...) }
}

// WithAdminToken fixes the access token of the seeded consenting admin.
func WithAdminToken(token string) Option { return func(cf *config) { cf.adminToken = token } }

// WithQuirks sets which quirks are on (default AllQuirks()).
func WithQuirks(q Quirks) Option { return func(cf *config) { cf.quirks = &q } }

// WithListLag delays new people in GET /people lists by d (WX19).
func WithListLag(d time.Duration) Option { return func(cf *config) { cf.listLag = d } }

// WithRateLimit answers 429 past perSecond requests per token per second of
// the fake's clock (WX17); 0 turns it off.
func WithRateLimit(perSecond int) Option { return func(cf *config) { cf.rateLimit = perSecond } }

// WithRetryAfterForm sets the form of Retry-After on the rate limit's 429s
// (retryafter.go: seconds, date, missing, malformed); default seconds.
func WithRetryAfterForm(form string) Option { return func(cf *config) { cf.retryAfter = form } }

// WithLatency delays every /v1 answer by d plus a jitter uniform in
// [0, jitter] (latency.go); both 0 (the default) turn it off.
func WithLatency(d, jitter time.Duration) Option {
	return func(cf *config) { cf.latency, cf.jitter = d, jitter }
}

// WithRandSource sets the random source of the latency's jitter (tests pass
// a seeded one, e.g. rand.NewPCG(1, 2)).
func WithRandSource(src rand.Source) Option { return func(cf *config) { cf.randSource = src } }

// WithSleeper sets how the latency waits (tests record the delays instead).
func WithSleeper(sl Sleeper) Option { return func(cf *config) { cf.sleeper = sl } }

// WithLogger sets the logger (one Debug line per request).
func WithLogger(l *slog.Logger) Option { return func(cf *config) { cf.logger = l } }

// Server is the fake Webex: an http.Handler serving /v1/... and /_mock/....
type Server struct {
	clock   *shiftedClock
	log     *slog.Logger
	ids     idSource
	handler http.Handler

	groupFilter *regexp.Regexp // the one filter shape of /v1/groups (groups.go)

	sleep      Sleeper       // the latency's wait (latency.go)
	jitterRand *jitterSource // the latency's jitter

	adminToken   string // fixed for the server's life
	adminRefresh string

	// mu guards everything below and the store.
	mu             sync.RWMutex
	seedDoc        []byte
	st             *store
	quirks         Quirks
	listLag        time.Duration
	rateLimit      int
	retryAfterForm string
	latency        time.Duration // latency.go
	jitter         time.Duration

	reqlog  requestLog  // own lock: appended to under s.mu's read lock
	faults  faultSet    // own lock
	limiter rateLimiter // own lock
}

// New builds a fake seeded from WithSeed's document or the default seed.
func New(opts ...Option) (*Server, error) {
	cf := config{}
	for _, o := range opts {
		o(&cf)
	}
	if cf.clock == nil {
		cf.clock = systemClock{}
	}
	if cf.seed == nil {
		cf.seed = fixtures.DefaultSeed()
	}
	if cf.logger == nil {
		cf.logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cf.listLag < 0 || cf.rateLimit < 0 || cf.latency < 0 || cf.jitter < 0 {
		return nil, errors.New("mockwebex: list lag, rate limit, latency and jitter cannot be negative")
	}
	if cf.sleeper == nil {
		cf.sleeper = sleepContext
	}
	if cf.randSource == nil {
		var seed [32]byte
		_, _ = cryptorand.Read(seed[:]) // crypto/rand.Read never fails (Go 1.24+)
		cf.randSource = rand.NewChaCha8(seed)
	}
	if err := checkRetryAfterForm(cf.retryAfter); err != nil {
		return nil, fmt.Errorf("mockwebex: %w", err)
	}
	if cf.adminToken == "" {
		cf.adminToken = newSecret()
	} else if strings.ContainsAny(cf.adminToken, " \t\r\n") {
		return nil, errors.New("mockwebex: the admin token cannot contain white space")
	}
	s := &Server{
		clock:        &shiftedClock{base: cf.clock},
		log:          cf.logger,
		adminToken:   cf.adminToken,
		adminRefresh: newSecret(),
		quirks:       AllQuirks(),
		listLag:      cf.listLag,
		rateLimit:    cf.rateLimit,
		sleep:        cf.sleeper,
		groupFilter:  regexp.MustCompile(groupFilterPattern),
		jitterRand:   &jitterSource{r: rand.New(cf.randSource)},
	}
	s.retryAfterForm, s.latency, s.jitter = cf.retryAfter, cf.latency, cf.jitter
	if cf.quirks != nil {
		s.quirks = *cf.quirks
	}
	if err := s.LoadSeed(cf.seed); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP serves the Webex API under /v1 and the control plane under /_mock.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// AdminToken is the access token of the seeded consenting admin.
func (s *Server) AdminToken() string { return s.adminToken }

// AdminRefreshToken is a refresh token of the seeded admin for the seeded
// integration (as if consent had been given already).
func (s *Server) AdminRefreshToken() string { return s.adminRefresh }

// Clock is the fake's clock: the injected one plus POST /_mock/clock's shift.
func (s *Server) Clock() Clock { return s.clock }

// Reset returns to the current seed document: all data, tokens and codes
// are rebuilt, the admin's tokens re-issued with fresh lifetimes; faults
// and the request log are cleared. Settings (quirks, lag, rate) stay.
func (s *Server) Reset() error {
	s.mu.Lock()
	doc := s.seedDoc
	s.mu.Unlock()
	return s.LoadSeed(doc)
}

// LoadSeed replaces the state with a new seed document, which also becomes
// the document Reset returns to. A bad document changes nothing.
func (s *Server) LoadSeed(doc []byte) error {
	now := s.clock.Now()
	st, err := parseSeed(doc, now)
	if err != nil {
		return err
	}
	st.issueAccess(s.adminToken, st.adminUUID, now, allScopes())
	st.issueRefresh(s.adminRefresh, st.adminUUID, st.integration.clientID, now, allScopes())
	s.mu.Lock()
	s.st = st
	s.seedDoc = append([]byte(nil), doc...)
	s.mu.Unlock()
	s.faults.clear()
	s.reqlog.clear()
	s.limiter.clear()
	return nil
}

// State returns a snapshot of the data, rendered as the API renders it.
func (s *Server) State() State {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.snapshot()
}

// Requests returns the /v1 requests received since the last reset or clear.
func (s *Server) Requests() []RecordedRequest { return s.reqlog.list() }

// ClearRequests empties the request log.
func (s *Server) ClearRequests() { s.reqlog.clear() }

// AddFault arms a fault (see Fault); it returns the fault's id.
func (s *Server) AddFault(f Fault) (string, error) { return s.faults.add(f) }

// ClearFaults disarms every fault.
func (s *Server) ClearFaults() { s.faults.clear() }

// IssueToken returns a new access token for any live person, by email,
// with every scope.
func (s *Server) IssueToken(email string) (string, error) {
	tok, _, err := s.issueToken(email, allScopes())
	return tok, err
}

// IssueScopedToken returns a new access token for any live person, by
// email, granted only the given OAuth scopes (e.g. without
// identity:groups_read, to see /v1/groups answer 403).
func (s *Server) IssueScopedToken(email string, scopes ...string) (string, error) {
	tok, _, err := s.issueToken(email, scopeSetOf(scopes))
	return tok, err
}

func (s *Server) issueToken(email string, scopes scopeSet) (token, personID string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.peopleByEmail[emailKey(email)]
	if p == nil {
		return "", "", fmt.Errorf("mockwebex: no person with email %q", email)
	}
	token = newSecret()
	s.st.issueAccess(token, p.uuid, s.clock.Now(), scopes)
	return token, p.id, nil
}

// Settings are the switches that may change while the fake runs.
type Settings struct {
	Quirks    Quirks
	ListLag   time.Duration
	RateLimit int
	// RetryAfterForm is the form of Retry-After on the rate limit's 429s:
	// "" or "seconds", "date", "missing", "malformed" (retryafter.go).
	RetryAfterForm string
	// Latency and Jitter delay every /v1 answer (latency.go); 0 is off.
	Latency, Jitter time.Duration
}

// Settings returns the current switches.
func (s *Server) Settings() Settings {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return Settings{Quirks: s.quirks, ListLag: s.listLag, RateLimit: s.rateLimit, RetryAfterForm: s.retryAfterForm,
		Latency: s.latency, Jitter: s.jitter}
}

// SetSettings changes the switches at once, under the lock.
func (s *Server) SetSettings(v Settings) error {
	if v.ListLag < 0 || v.RateLimit < 0 || v.Latency < 0 || v.Jitter < 0 {
		return errors.New("mockwebex: list lag, rate limit, latency and jitter cannot be negative")
	}
	if err := checkRetryAfterForm(v.RetryAfterForm); err != nil {
		return fmt.Errorf("mockwebex: %w", err)
	}
	s.mu.Lock()
	s.setLocked(v)
	s.mu.Unlock()
	return nil
}

// setLocked stores every switch; s.mu is held.
func (s *Server) setLocked(v Settings) {
	s.quirks, s.listLag, s.rateLimit, s.retryAfterForm = v.Quirks, v.ListLag, v.RateLimit, v.RetryAfterForm
	s.latency, s.jitter = v.Latency, v.Jitter
}
