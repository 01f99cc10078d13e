package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Environment variables that choose the SCIM connector under test (design §6). Without
// SCIM_BASE_URL, every scenario that uses SCIM gets a fresh in-process connector in front of a
// fresh fake Webex (internal/embedded), and the Webex steps of that scenario talk to that fake.
const (
	EnvSCIMBaseURL      = "SCIM_BASE_URL"      // e.g. http://127.0.0.1:8080/scim/v2
	EnvSCIMToken        = "SCIM_TOKEN"         // static bearer token
	EnvSCIMTokenURL     = "SCIM_TOKEN_URL"     // OAuth 2.0 client-credentials token endpoint
	EnvSCIMClientID     = "SCIM_CLIENT_ID"     // with SCIM_TOKEN_URL
	EnvSCIMClientSecret = "SCIM_CLIENT_SECRET" // with SCIM_TOKEN_URL
	// EnvReplayEmailDomain, when set, replaces the domain of every email address a fixture
	// replay sends (testuser.com, okta.local… in the vendors' examples): a real Webex
	// organisation may refuse people at domains it does not own, or invite third parties.
	EnvReplayEmailDomain = "SCIM_REPLAY_EMAIL_DOMAIN"
	// EnvRunWIP set to 1 runs the @wip scenarios (known connector bugs), skipped otherwise.
	EnvRunWIP = "WEBEX_SCIM_WIP"
)

// scimSettings are the connector side's settings, read by scimFromOS for EnvFromOS.
type scimSettings struct {
	target       *SCIMTarget // nil: in-process
	replayDomain string
	runWIP       bool
}

// SCIMTarget is an externally started SCIM connector: ours (cmd/webex-scim) or another vendor's.
type SCIMTarget struct {
	BaseURL string // the SCIM base, e.g. http://127.0.0.1:8080/scim/v2; step paths are appended
	Token   string // SCIM_TOKEN; "" when only client credentials are given

	// TokenURL, ClientID and ClientSecret are the client-credentials grant (RFC 6749 §4.4)
	// of connectors that issue their own tokens (Starling's "SCIM Token Endpoint URL").
	TokenURL, ClientID, ClientSecret string

	// tokens fetches and renews client-credentials tokens; shared by concurrent scenarios
	// (clientcredentials' source is a ReuseTokenSource, safe for concurrent use).
	tokens oauth2.TokenSource
}

// HasClientCredentials reports whether the target's token endpoint is known.
func (t *SCIMTarget) HasClientCredentials() bool { return t.TokenURL != "" }

// accessToken is the bearer token scenarios send: SCIM_TOKEN, or else a client-credentials
// token (fetched on first use, renewed when it expires). viaEndpoint (a @client-credentials
// scenario) prefers the client-credentials token when both are configured.
func (t *SCIMTarget) accessToken(viaEndpoint bool) (string, error) {
	if t.Token != "" && (!viaEndpoint || t.tokens == nil) {
		return t.Token, nil
	}
	tok, err := t.tokens.Token()
	if err != nil {
		return "", fmt.Errorf("getting a SCIM token from %s: %w", t.TokenURL, err)
	}
	return tok.AccessToken, nil
}

// emailDomainPattern is a plain email domain for SCIM_REPLAY_EMAIL_DOMAIN.
var emailDomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

// scimFromOS reads the SCIM settings. SCIM_BASE_URL needs SCIM_TOKEN or the three
// client-credentials settings (or both: the static token is then what scenarios send, and the
// @client-credentials scenarios use the token endpoint). The client-credentials settings are
// refused without SCIM_BASE_URL: the in-process connector gets a client of its own
// (startInProcessSCIM).
func scimFromOS(getenv func(string) string, hc *http.Client) (scimSettings, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	t := &SCIMTarget{
		BaseURL:  strings.TrimRight(get(EnvSCIMBaseURL), "/"),
		Token:    get(EnvSCIMToken),
		TokenURL: get(EnvSCIMTokenURL), ClientID: get(EnvSCIMClientID), ClientSecret: get(EnvSCIMClientSecret),
	}
	set := scimSettings{replayDomain: strings.ToLower(get(EnvReplayEmailDomain))}
	if set.replayDomain != "" && !emailDomainPattern.MatchString(set.replayDomain) {
		return scimSettings{}, fmt.Errorf("%w: %s=%q is not a domain name", ErrConfig, EnvReplayEmailDomain, set.replayDomain)
	}
	switch wip := get(EnvRunWIP); wip {
	case "", "0":
	case "1":
		set.runWIP = true
	default:
		return scimSettings{}, fmt.Errorf("%w: %s must be 1, 0 or unset, not %q", ErrConfig, EnvRunWIP, wip)
	}
	cc := t.TokenURL != "" || t.ClientID != "" || t.ClientSecret != ""
	if t.BaseURL == "" {
		if t.Token != "" || cc {
			return scimSettings{}, fmt.Errorf("%w: %s, %s, %s and %s need %s", ErrConfig,
				EnvSCIMToken, EnvSCIMTokenURL, EnvSCIMClientID, EnvSCIMClientSecret, EnvSCIMBaseURL)
		}
		return set, nil
	}
	if err := absoluteHTTP(EnvSCIMBaseURL, t.BaseURL); err != nil {
		return scimSettings{}, err
	}
	if cc {
		if t.TokenURL == "" || t.ClientID == "" || t.ClientSecret == "" {
			return scimSettings{}, fmt.Errorf("%w: %s, %s and %s go together", ErrConfig, EnvSCIMTokenURL, EnvSCIMClientID, EnvSCIMClientSecret)
		}
		if err := absoluteHTTP(EnvSCIMTokenURL, t.TokenURL); err != nil {
			return scimSettings{}, err
		}
		cfg := clientcredentials.Config{ClientID: t.ClientID, ClientSecret: t.ClientSecret, TokenURL: t.TokenURL}
		// The token source keeps this context for every later fetch: it only carries the run's
		// HTTP client (bounded by its timeout), never a deadline of its own.
		t.tokens = cfg.TokenSource(context.WithValue(context.Background(), oauth2.HTTPClient, hc))
	}
	if t.Token == "" && !cc {
		return scimSettings{}, fmt.Errorf("%w: %s needs %s, or %s with %s and %s", ErrConfig,
			EnvSCIMBaseURL, EnvSCIMToken, EnvSCIMTokenURL, EnvSCIMClientID, EnvSCIMClientSecret)
	}
	set.target = t
	return set, nil
}

// absoluteHTTP checks that v is an absolute http(s) URL.
func absoluteHTTP(name, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: %s=%q is not an absolute http(s) URL", ErrConfig, name, v)
	}
	return nil
}
