package steps

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Environment variables that choose the targets (design §6). Without WEBEX_BASE_URL every
// scenario gets a fresh in-process fake Webex.
const (
	EnvWebexBaseURL     = "WEBEX_BASE_URL"        // e.g. http://127.0.0.1:9090/v1 or https://webexapis.com/v1
	EnvWebexAccessToken = "WEBEX_ACCESS_TOKEN"    // the account the scenarios act as
	EnvWebexMockControl = "WEBEX_MOCK_CONTROL"    // "1" when that Webex is our fake: @mock-only scenarios run
	EnvRunPrefix        = "WEBEX_SCIM_RUN_PREFIX" // fixed prefix for created data (scripts check leftovers by it)
	EnvWebexListLagWait = "WEBEX_LIST_LAG_WAIT"   // Go duration read-backs of lists may wait (WX19); default 0
	EnvSCIMGroupKind    = "SCIM_GROUP_KIND"       // teams (default) or groups: what the connector's Groups are (scim_group_kind.go)
)

// defaultHTTPTimeout bounds every request a step sends: a hung target fails the step instead of
// the whole test binary's -timeout (10 minutes by default). It is only that safety net, never a
// check of speed (design §7 measures speed with benchmarks), so it sits well above what any
// answer takes: above the connector's own bound on one Webex call (30 s, connector/webex
// DefaultTimeout), so that a connector giving up on Webex is seen as its SCIM error rather than
// as the harness giving up first, and with room for a race-enabled run on a loaded machine.
const defaultHTTPTimeout = 2 * time.Minute

// runPrefixPattern keeps the prefix usable in an email local part and a team name, and
// recognisable in a listing.
var runPrefixPattern = regexp.MustCompile(`^[a-z][a-z0-9]{2,19}-$`)

// ErrConfig is returned by EnvFromOS for an inconsistent environment.
var ErrConfig = errors.New("steps: bad environment")

// Env describes the targets the scenarios run against, for the whole run. It is read-only
// once built, and shared by concurrent scenarios.
type Env struct {
	// Webex is the external Webex API; nil means a fresh in-process fake per scenario.
	Webex *WebexTarget

	// SCIM is the external SCIM connector under test (SCIM_BASE_URL with SCIM_TOKEN or
	// SCIM_TOKEN_URL…, scim_env.go); nil means a fresh in-process connector for each scenario
	// that uses SCIM, when Webex is in-process too (scim_target.go).
	SCIM *SCIMTarget

	// ReplayEmailDomain, when not empty, replaces the domain of every email address a fixture
	// replay sends (SCIM_REPLAY_EMAIL_DOMAIN; scim_replay.go).
	ReplayEmailDomain string

	// RunWIP runs the scenarios tagged @wip (WEBEX_SCIM_WIP=1): they show known connector bugs
	// and are skipped otherwise, with the reason logged (scim_target.go).
	RunWIP bool

	// RunPrefix starts every email and name a scenario creates, so that a run's data can be
	// told apart from anything else the target holds (design §6). Each scenario adds its own
	// random part after it.
	RunPrefix string

	// ListLagWait is how long a read-back of a list may be repeated until it shows what a
	// scenario wrote (WEBEX_LIST_LAG_WAIT; list_lag.go): real Webex lists a new person only
	// after a while (WX19). 0, the default, checks once, so in-process runs never wait.
	ListLagWait time.Duration

	// GroupKind is what the connector under test makes of a SCIM Group (SCIM_GROUP_KIND):
	// "teams" (the default) or "groups", Control Hub groups; the in-process connector is
	// started with it, and the "Webex group" steps read that kind (scim_group_kind.go).
	GroupKind string

	// Logger receives the harness's own diagnostics (skips, cleanup problems).
	Logger *slog.Logger

	// HTTP is the client every step uses: bounded by a timeout, never following redirects
	// (an OAuth redirect is something a scenario asserts, not something to follow).
	HTTP *http.Client

	// skips are the scenarios that did not run against this target, with the reason
	// (skips.go, Skipped).
	skips *skipLog
}

// WebexTarget is an externally started Webex: the real one or cmd/mockwebex.
type WebexTarget struct {
	BaseURL     string // API base, ending in /v1
	AccessToken string // bearer token of the account the scenarios act as ("admin")
	MockControl bool   // the target serves our control plane under /_mock/
}

// External reports whether the Webex target or the SCIM connector is an external one (shared
// between scenarios, so the suite runs them one at a time).
func (e *Env) External() bool { return e.Webex != nil || e.SCIM != nil }

// MockControl reports whether the Webex target serves the control plane: always in-process,
// and externally only when WEBEX_MOCK_CONTROL=1.
func (e *Env) MockControl() bool { return e.Webex == nil || e.Webex.MockControl }

// EnvFromOS builds the Env from environment variables read through getenv (os.Getenv in
// tests). WEBEX_BASE_URL and WEBEX_ACCESS_TOKEN go together; WEBEX_MOCK_CONTROL is "1" or
// unset; WEBEX_SCIM_RUN_PREFIX, when set, replaces the random run prefix; WEBEX_LIST_LAG_WAIT,
// when set, is a non-negative Go duration.
func EnvFromOS(getenv func(string) string) (*Env, error) {
	env := &Env{
		skips:  &skipLog{},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		HTTP: &http.Client{
			Timeout:   defaultHTTPTimeout,
			Transport: newTransport(),
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}

	base, token := strings.TrimSpace(getenv(EnvWebexBaseURL)), strings.TrimSpace(getenv(EnvWebexAccessToken))
	control := strings.TrimSpace(getenv(EnvWebexMockControl))
	switch {
	case base == "" && token == "":
		if control != "" {
			return nil, fmt.Errorf("%w: %s is set without %s", ErrConfig, EnvWebexMockControl, EnvWebexBaseURL)
		}
	case base == "" || token == "":
		return nil, fmt.Errorf("%w: %s and %s must be set together", ErrConfig, EnvWebexBaseURL, EnvWebexAccessToken)
	default:
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%w: %s=%q is not an absolute http(s) URL", ErrConfig, EnvWebexBaseURL, base)
		}
		if control != "" && control != "1" {
			return nil, fmt.Errorf("%w: %s must be 1 or unset, not %q", ErrConfig, EnvWebexMockControl, control)
		}
		env.Webex = &WebexTarget{BaseURL: strings.TrimRight(base, "/"), AccessToken: token, MockControl: control == "1"}
	}

	scimSet, err := scimFromOS(getenv, env.HTTP)
	if err != nil {
		return nil, err
	}
	env.SCIM, env.ReplayEmailDomain, env.RunWIP = scimSet.target, scimSet.replayDomain, scimSet.runWIP

	if env.ListLagWait, err = listLagWaitFromOS(getenv); err != nil {
		return nil, err
	}

	if env.GroupKind, err = groupKindFromOS(getenv); err != nil {
		return nil, err
	}

	env.RunPrefix = strings.TrimSpace(getenv(EnvRunPrefix))
	if env.RunPrefix == "" {
		env.RunPrefix = "wxs" + randomHex(3) + "-"
	} else if !runPrefixPattern.MatchString(env.RunPrefix) {
		return nil, fmt.Errorf("%w: %s=%q must match %s", ErrConfig, EnvRunPrefix, env.RunPrefix, runPrefixPattern)
	}
	return env, nil
}

// WithGroupKind returns a copy of the Env whose connector makes SCIM Groups of kind ("teams" or
// "groups"): TestFeaturesGroupKindGroups runs the group features with both.
func (e *Env) WithGroupKind(kind string) *Env {
	c := *e
	c.GroupKind = kind
	return &c
}

// WithLogger returns a copy of the Env that logs to l.
func (e *Env) WithLogger(l *slog.Logger) *Env {
	c := *e
	c.Logger = l
	return &c
}

// Close releases the idle connections of the shared client.
func (e *Env) Close() { e.HTTP.CloseIdleConnections() }

// newTransport is the run's own transport (not http.DefaultTransport, a process global that
// other code may reconfigure), with enough idle connections per host for concurrent scenarios.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 16
	return t
}

// randomHex returns 2n lowercase hex digits from crypto/rand.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
