// Package embedded starts the fake Webex and the connector in front of it, in-process: the
// embedded mode of cmd/webex-scim (design §2: no WEBEX_CLIENT_ID), and a fresh, isolated target for
// each test or scenario. The fake listens on its own loopback port (so it can be checked over
// HTTP, as a real Webex would be); the connector is returned as an http.Handler for the caller to
// serve. Start is cheap (the default seed and one OAuth round trip) and stacks share nothing, so
// many may run in parallel.
package embedded

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// The default seed's integration and consenting administrator (design §2).
const (
	fakeClientID     = "mock-client-id"
	fakeClientSecret = "mock-client-secret"
	fakeAdminEmail   = "admin@example.com"
)

// Options configures a Stack. Every field is optional.
type Options struct {
	// Now is the clock of the fake, the Webex client and the connector; default time.Now.
	Now func() time.Time
	// Logger receives the connector's logs (one line per request); default discards.
	Logger *slog.Logger
	// FakeOptions are passed to mockwebex.New after the clock (so they may override it).
	FakeOptions []mockwebex.Option
	// Name is the connector's name (design §2 WEBEX_CONNECTOR_NAME: logs, User-Agent, health);
	// default "webex".
	Name string
	// SCIMToken is the inbound bearer token; generated when empty.
	SCIMToken string
	// SCIMClientID and SCIMClientSecret, both set, turn on the connector's client-credentials
	// token endpoint, POST /oauth/token (design §2 SCIM_CLIENT_ID, SCIM_CLIENT_SECRET); the static
	// SCIMToken is accepted as well. Empty: no token endpoint, as in embedded mode by default.
	SCIMClientID, SCIMClientSecret string
	// DatetimeOffset is the instance datetime offset (design §4.5).
	DatetimeOffset time.Duration
	// CursorKey signs cursors; random when empty.
	CursorKey []byte
	// GroupKind is what a SCIM Group is (connector.Config.GroupKind); the consent asks for its
	// scopes (GroupKind.Scopes).
	GroupKind connector.GroupKind
	// PublicURL is the connector's external base URL (meta.location); empty: from each
	// request's Host header.
	PublicURL string
	// Metrics, when set, receives the connector's and its Webex client's Prometheus metrics;
	// MetricsRoute says whether the connector serves them at /metrics (connector.Config).
	Metrics      *prometheus.Registry
	MetricsRoute connector.MetricsRoute
	// Fanout bounds the concurrent Webex reads of one SCIM request (connector.Config.Fanout);
	// 0: connector.DefaultFanout.
	Fanout int
	// AuthFailureBurst is connector.Config.AuthFailureBurst (failed authentications allowed per
	// client address before 429); 0: the connector's default. A benchmark that sends only
	// unauthenticated requests from one address raises it.
	AuthFailureBurst int
}

// Stack is a running fake Webex with a connector consented against it.
type Stack struct {
	Fake            *mockwebex.Server
	WebexURL        string // http://127.0.0.1:P/v1
	WebexAdminToken string // the seeded admin's access token, for checking Webex directly
	Connector       http.Handler
	SCIMToken       string
	// WebexToken is the connector's own Webex credentials from the consent at start-up, for tests
	// that check it is never shown (the connector never logs or answers it).
	WebexToken oauth2.Token

	srv       *http.Server
	transport *http.Transport
}

// Start starts the fake on a loopback port, consents as the seeded admin (authorization-code flow
// against the fake's /v1/authorize with login_hint, then /v1/access_token), and builds the
// connector. ctx bounds the start-up only; Close stops the stack.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	name := opts.Name
	if name == "" {
		name = "webex"
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	fakeOpts := append([]mockwebex.Option{mockwebex.WithClock(clockFunc(now))}, opts.FakeOptions...)
	fake, err := mockwebex.New(fakeOpts...)
	if err != nil {
		return nil, fmt.Errorf("embedded: fake webex: %w", err)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("embedded: listen: %w", err)
	}
	st := &Stack{
		Fake:            fake,
		WebexURL:        "http://" + ln.Addr().String() + "/v1",
		WebexAdminToken: fake.AdminToken(),
		srv:             &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second},
		transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        64,
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     30 * time.Second,
		},
	}
	go func() {
		// Serve returns http.ErrServerClosed after Close; nothing else is expected on loopback.
		if err := st.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("embedded fake webex stopped", "error", err.Error())
		}
	}()
	ok := false
	defer func() {
		if !ok {
			st.Close()
		}
	}()

	hc := &http.Client{
		Transport:     st.transport,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	oauthCfg := &oauth2.Config{
		ClientID:     fakeClientID,
		ClientSecret: fakeClientSecret,
		Endpoint:     webex.Endpoint(st.WebexURL),
		// Any loopback URI is accepted by the fake; nothing is served there: the code is read
		// from the redirect itself.
		RedirectURL: "http://127.0.0.1/consent/callback",
		Scopes:      opts.GroupKind.Scopes(),
	}
	tok, err := consent(ctx, hc, oauthCfg)
	if err != nil {
		return nil, err
	}
	st.WebexToken = *tok
	var wxMetrics *webex.Metrics
	if opts.Metrics != nil {
		if wxMetrics, err = webex.NewMetrics(opts.Metrics); err != nil {
			return nil, fmt.Errorf("embedded: %w", err)
		}
	}
	tokens := webex.NewTokenStore(oauthCfg, nil, logger, webex.WithTokenHTTPClient(hc), webex.WithTokenClock(now),
		webex.WithTokenMetrics(wxMetrics))
	if err := tokens.Set(tok); err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	client, err := webex.New(webex.Config{
		BaseURL:     st.WebexURL,
		HTTPClient:  hc,
		TokenSource: tokens,
		UserAgent:   "webex-scim/" + name,
		Logger:      logger,
		Now:         now,
		Metrics:     wxMetrics,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	if (opts.SCIMClientID == "") != (opts.SCIMClientSecret == "") {
		return nil, errors.New("embedded: SCIMClientID and SCIMClientSecret go together")
	}
	st.SCIMToken = opts.SCIMToken
	if st.SCIMToken == "" {
		if st.SCIMToken, err = RandomToken(); err != nil {
			return nil, err
		}
	}
	conn, err := connector.New(connector.Config{
		Webex:            client,
		WebexURL:         st.WebexURL,
		Name:             name,
		PublicURL:        opts.PublicURL,
		SCIMToken:        st.SCIMToken,
		ClientID:         opts.SCIMClientID,
		ClientSecret:     opts.SCIMClientSecret,
		CursorKey:        opts.CursorKey,
		DatetimeOffset:   opts.DatetimeOffset,
		Metrics:          opts.Metrics,
		MetricsRoute:     opts.MetricsRoute,
		GroupKind:        opts.GroupKind,
		Fanout:           opts.Fanout,
		AuthFailureBurst: opts.AuthFailureBurst,
		Now:              now,
		Logger:           logger,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	st.Connector = conn
	ok = true
	return st, nil
}

// consent runs the authorization-code flow against the fake without a browser: /v1/authorize
// redirects at once for login_hint=admin@example.com (mockwebex/oauth.go), and the code in that
// redirect is exchanged at /v1/access_token.
func consent(ctx context.Context, hc *http.Client, cfg *oauth2.Config) (*oauth2.Token, error) {
	state, err := RandomToken()
	if err != nil {
		return nil, err
	}
	authURL := cfg.AuthCodeURL(state, oauth2.SetAuthURLParam("login_hint", fakeAdminEmail))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return nil, fmt.Errorf("embedded: consent: %w", err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("embedded: consent: %w", err)
	}
	_ = resp.Body.Close() // only the redirect matters
	if resp.StatusCode != http.StatusFound {
		return nil, fmt.Errorf("embedded: consent: the fake's /authorize answered %s, not a redirect", resp.Status)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return nil, fmt.Errorf("embedded: consent: redirect: %w", err)
	}
	if got := loc.Query().Get("state"); got != state {
		return nil, errors.New("embedded: consent: the redirect carries another state")
	}
	code := loc.Query().Get("code")
	if code == "" {
		return nil, errors.New("embedded: consent: the redirect carries no code")
	}
	tok, err := cfg.Exchange(context.WithValue(ctx, oauth2.HTTPClient, hc), code)
	if err != nil {
		return nil, fmt.Errorf("embedded: consent: code exchange: %w", err)
	}
	return tok, nil
}

// Close stops the fake's listener and drops idle connections. It does not wait for requests
// still in flight to the fake.
func (s *Stack) Close() {
	_ = s.srv.Close() // closing a listener only fails if it is already closed
	s.transport.CloseIdleConnections()
}

// RandomToken returns 32 random bytes, base64url: a bearer token or a state value.
func RandomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("embedded: random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// clockFunc adapts a func to mockwebex.Clock.
type clockFunc func() time.Time

func (f clockFunc) Now() time.Time { return f() }
