package connector

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// ConsentConfig turns on the administrator consent of real mode (design §3.8).
type ConsentConfig struct {
	// OAuth is the Webex integration: ClientID, ClientSecret, Endpoint (webex.Endpoint) and
	// Scopes (webex.Scopes()). RedirectURL is ignored: it is always PublicURL+/consent/callback.
	OAuth *oauth2.Config
	// Tokens receives the token the callback obtains (and writes it to the token file).
	Tokens *webex.TokenStore
	// HTTPClient makes the code exchange; default a client with a timeout (never
	// http.DefaultClient).
	HTTPClient *http.Client
}

// consent runs the authorization-code flow (RFC 6749 §4.1) for the Webex integration.
//
// The state is stateless and bound to the browser: /consent sets a random nonce in a cookie and
// sends state = the nonce signed with a key derived from SCIM_CURSOR_KEY, valid for ten minutes;
// the callback accepts only a genuine, unexpired state whose nonce is the cookie's (RFC 6749
// §10.12: CSRF). Any replica sharing the key can finish a consent another one started.
type consent struct {
	oauth  oauth2.Config
	tokens *webex.TokenStore
	hc     *http.Client
	states *scim.CursorCodec
}

const (
	consentStateTTL = 10 * time.Minute
	consentCookie   = "webex_scim_consent"
	exchangeTimeout = 30 * time.Second
)

func newConsent(cfg ConsentConfig, key []byte, now func() time.Time) (*consent, error) {
	if cfg.OAuth == nil || cfg.OAuth.ClientID == "" || cfg.Tokens == nil {
		return nil, errors.New("connector: consent needs the Webex OAuth client and a token store")
	}
	c := &consent{oauth: *cfg.OAuth, tokens: cfg.Tokens, hc: cfg.HTTPClient,
		states: scim.NewCursorCodec(key, consentStateTTL, now)}
	if c.hc == nil {
		c.hc = &http.Client{
			Timeout:       exchangeTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return c, nil
}

// startConsent is GET /consent: it redirects the administrator to Webex's authorize page with the
// scopes of design §4.6.
//
// It needs the connector's own credentials (HTTP Basic with the SCIM bearer token as the
// password, or the SCIM client id and secret; or a Bearer header): otherwise anyone who can reach
// the connector could consent with an administrator of another Webex organisation and point the
// connector at it.
func (s *Server) startConsent(w http.ResponseWriter, r *http.Request) {
	if s.consent == nil {
		http.Error(w, "consent is not used in embedded mode: the connector consented against its in-process fake at start-up", http.StatusNotFound)
		return
	}
	if s.throttled(r, func(e *scim.Error) {
		w.Header().Set("Retry-After", e.Header.Get("Retry-After"))
		http.Error(w, e.Detail, http.StatusTooManyRequests)
	}) {
		return
	}
	if !s.auth.consentAllowed(r) {
		if r.Header.Get("Authorization") != "" {
			// A browser's first visit carries no credentials: only a wrong one is a failure.
			s.authFailed(r, "not the connector's credentials")
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="webex-scim consent", charset="UTF-8"`)
		http.Error(w, "sign in with any user name and the connector's SCIM bearer token as the password", http.StatusUnauthorized)
		return
	}
	nonce := make([]byte, 24)
	if _, err := rand.Read(nonce); err != nil {
		http.Error(w, "could not start the consent", http.StatusInternalServerError)
		return
	}
	n := base64.RawURLEncoding.EncodeToString(nonce)
	http.SetCookie(w, &http.Cookie{
		Name: consentCookie, Value: n, Path: "/consent", MaxAge: int(consentStateTTL / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || s.isHTTPS(),
	})
	cfg := s.consent.oauth
	cfg.RedirectURL = s.baseURL(r) + "/consent/callback"
	http.Redirect(w, r, cfg.AuthCodeURL(s.consent.states.Encode([]byte(n))), http.StatusFound)
}

// finishConsent is GET /consent/callback: check the state, exchange the code at Webex's
// access_token endpoint, keep the token (the token file, mode 0600), confirm.
func (s *Server) finishConsent(w http.ResponseWriter, r *http.Request) {
	if s.consent == nil {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		s.log.WarnContext(r.Context(), "webex consent refused", "error", e)
		http.Error(w, fmt.Sprintf("Webex did not grant consent (%s). Start again at /consent.", e), http.StatusBadRequest)
		return
	}
	nonce, err := s.consent.states.Decode(q.Get("state"))
	cookie, cerr := r.Cookie(consentCookie)
	if err != nil || cerr != nil || !equalSecret(string(nonce), cookie.Value) {
		problem := consentStateProblem(err)
		s.log.WarnContext(r.Context(), "webex consent: callback refused", "reason", problem)
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	code := q.Get("code")
	if code == "" {
		http.Error(w, "Webex sent no authorization code; start again at /consent", http.StatusBadRequest)
		return
	}
	cfg := s.consent.oauth
	cfg.RedirectURL = s.baseURL(r) + "/consent/callback"
	ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), oauth2.HTTPClient, s.consent.hc), exchangeTimeout)
	defer cancel()
	tok, err := cfg.Exchange(ctx, code)
	if err != nil {
		s.log.WarnContext(r.Context(), "webex consent: code exchange failed", "error", exchangeError(err))
		http.Error(w, "Webex refused the authorization code ("+exchangeError(err)+"); start again at /consent", http.StatusBadGateway)
		return
	}
	if err := s.consent.tokens.Set(tok); err != nil {
		s.log.ErrorContext(r.Context(), "webex consent: could not keep the token", "error", err.Error())
		http.Error(w, "the token was obtained but could not be stored; check the token file's directory", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: consentCookie, Value: "", Path: "/consent", MaxAge: -1})
	s.log.InfoContext(r.Context(), "webex consent recorded")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = fmt.Fprintf(w, "Consent recorded. The %s connector can now reach Webex; you may close this page.\n", s.name)
}

// consentStateProblem says why a callback's state is refused, in terms of the consent the
// administrator started. The state is signed by a scim.CursorCodec, whose errors speak of paging
// cursors ("the cursor expired…", "use the nextCursor of a previous page"): they are mapped here
// and never shown. err is the state's decoding error; nil means the state is genuine and current
// but the browser's cookie does not hold its nonce.
func consentStateProblem(err error) string {
	var se *scim.Error
	switch {
	case err == nil:
		return "this consent answer is not the one this browser started (its consent cookie is missing or " +
			"different: another browser, or cookies blocked); start again at /consent in this browser"
	case errors.As(err, &se) && se.ScimType == scim.ScimTypeExpiredCursor:
		return fmt.Sprintf("this consent was started more than %d minutes ago and has expired; start again at /consent",
			int(consentStateTTL/time.Minute))
	default:
		return "this consent answer carries a state this connector did not issue, or one that was altered; " +
			"start again at /consent"
	}
}

// exchangeError names an exchange failure without echoing bodies that may hold secrets.
func exchangeError(err error) string {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		if re.ErrorCode != "" {
			return re.ErrorCode
		}
		if re.Response != nil {
			return re.Response.Status
		}
	}
	return "Webex could not be reached"
}

func (s *Server) isHTTPS() bool { return s.publicURL != nil && s.publicURL.Scheme == "https" }

// consentAllowed accepts the connector's own credentials on /consent: a Bearer header as on
// /scim/v2, or HTTP Basic (what a browser can send) with the static token as the password or the
// SCIM client id and secret.
func (a *authenticator) consentAllowed(r *http.Request) bool {
	if _, ok := bearerToken(r); ok {
		_, err := a.check(r)
		return err == nil
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	staticOK := a.static != "" && equalSecret(pass, a.static)
	clientOK := a.clientID != "" && a.clientSecret != "" && equalSecret(user, a.clientID) && equalSecret(pass, a.clientSecret)
	return staticOK || clientOK
}
