package mockwebex

import (
	"html/template"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// oauth.go: GET /v1/authorize and POST /v1/access_token, Webex's OAuth 2.0
// authorization-code and refresh grants (RFC 6749 §4.1, §6; WX18).
//
// Consent without a browser: /authorize redirects at once when the request
// carries a valid bearer token (the caller consents) or login_hint=<email of
// a live person> (that person consents; admin@example.com in the default
// seed). Otherwise it shows a small page asking for that login hint.

type tokenResponse struct {
	AccessToken           string `json:"access_token"`
	ExpiresIn             int    `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int    `json:"refresh_token_expires_in"`
	TokenType             string `json:"token_type"`
}

// redirectAllowed: the seed's redirect URIs, and any loopback http(s) URI.
func (st *store) redirectAllowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Fragment != "" {
		return false
	}
	if slices.Contains(st.integration.redirectURIs, raw) {
		return true
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) authorize(c *call) (*reply, error) {
	st := c.st
	clientID := first(c.q, "client_id")
	if clientID == "" || clientID != st.integration.clientID {
		return nil, errBadRequest("Invalid client_id.")
	}
	redirect := first(c.q, "redirect_uri")
	if !st.redirectAllowed(redirect) {
		return nil, errBadRequest("Invalid redirect_uri: it must be registered or a loopback URI.")
	}
	if rt := first(c.q, "response_type"); rt != "code" {
		return nil, errBadRequest("Invalid response_type %q: only code is supported.", rt)
	}
	var who *personRec
	if tok := bearer(c.r); tok != "" {
		if at := st.tokens[tok]; at != nil && !s.tokenExpired(c.quirks, at.expires, c.now) {
			who = st.livePerson(makeID(kindPeople, at.personUUID))
		}
	}
	if who == nil {
		if hint := first(c.q, "login_hint"); hint != "" {
			who = st.peopleByEmail[emailKey(hint)]
		}
	}
	if who == nil {
		return consentPage(c)
	}
	code := newSecret()
	st.codes[code] = &authCode{personUUID: who.uuid, clientID: clientID, redirectURI: redirect, expires: c.now.Add(authCodeTTL),
		scopes: parseScopes(first(c.q, "scope"))}
	u, _ := url.Parse(redirect) // checked by redirectAllowed
	q := u.Query()
	q.Set("code", code)
	if state := first(c.q, "state"); state != "" {
		q.Set("state", state)
	}
	u.RawQuery = q.Encode()
	return (&reply{status: http.StatusFound}).with("Location", u.String()), nil
}

const consentHTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Fake Webex: consent</title></head>
<body><h1>Fake Webex: grant access</h1>
<p>Sign in as a person of the seed to let <b>{{.ClientID}}</b> act for them.</p>
<form method="get" action="{{.Action}}">
{{range $k, $v := .Query}}{{range $v}}<input type="hidden" name="{{$k}}" value="{{.}}">{{end}}{{end}}
<label>Email <input name="login_hint" value="admin@example.com"></label>
<button type="submit">Accept</button>
</form></body></html>
`

func consentPage(c *call) (*reply, error) {
	t, err := template.New("consent").Parse(consentHTML)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	for k, v := range c.q {
		if k != "login_hint" {
			q[k] = v
		}
	}
	var b strings.Builder
	if err := t.Execute(&b, map[string]any{"ClientID": first(c.q, "client_id"), "Action": c.r.URL.Path, "Query": q}); err != nil {
		return nil, err
	}
	return &reply{status: http.StatusOK, raw: []byte(b.String()), contentType: "text/html; charset=utf-8"}, nil
}

func oauthError(status int, code, msg string) *apiError {
	e := errf(status, "%s", msg)
	e.oauthCode = code
	return e
}

func (s *Server) accessToken(c *call) (*reply, error) {
	st := c.st
	if ct := c.r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil, oauthError(http.StatusBadRequest, "invalid_request", "The token request must be application/x-www-form-urlencoded.")
	}
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		return nil, oauthError(http.StatusBadRequest, "invalid_request", "The form body could not be parsed.")
	}
	clientID, secret := form.Get("client_id"), form.Get("client_secret")
	if id, sec, ok := c.r.BasicAuth(); ok {
		clientID, secret = id, sec
	}
	if clientID != st.integration.clientID || secret != st.integration.clientSecret {
		return nil, oauthError(http.StatusUnauthorized, "invalid_client", "Invalid client_id or client_secret.")
	}
	var (
		personUUID, refresh string
		scopes              scopeSet
	)
	switch gt := form.Get("grant_type"); gt {
	case "authorization_code":
		code := st.codes[form.Get("code")]
		if code == nil || s.tokenExpired(c.quirks, code.expires, c.now) || code.clientID != clientID {
			return nil, oauthError(http.StatusBadRequest, "invalid_grant", "The authorization code is invalid or has expired.")
		}
		if ru := form.Get("redirect_uri"); ru != "" && ru != code.redirectURI {
			return nil, oauthError(http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the authorization request.")
		}
		delete(st.codes, form.Get("code")) // single use
		personUUID, scopes = code.personUUID, code.scopes
		refresh = newSecret()
		st.issueRefresh(refresh, personUUID, clientID, c.now, scopes)
	case "refresh_token":
		refresh = form.Get("refresh_token")
		rt := st.refresh[refresh]
		if rt == nil || s.tokenExpired(c.quirks, rt.expires, c.now) || rt.clientID != clientID {
			// WX18: a bad refresh token answers 400 invalid_grant (RFC 6749 §5.2).
			return nil, oauthError(http.StatusBadRequest, "invalid_grant", "The refresh token is invalid or has expired.")
		}
		personUUID, scopes = rt.personUUID, rt.scopes
	case "":
		return nil, oauthError(http.StatusBadRequest, "invalid_request", "grant_type is required.")
	default:
		return nil, oauthError(http.StatusBadRequest, "unsupported_grant_type", "Unsupported grant_type "+gt+".")
	}
	if p := st.peopleByUUID[personUUID]; p == nil || p.deleted {
		return nil, oauthError(http.StatusBadRequest, "invalid_grant", "The person of this grant no longer exists.")
	}
	access := newSecret()
	st.issueAccess(access, personUUID, c.now, scopes)
	return okJSON(tokenResponse{
		AccessToken:           access,
		ExpiresIn:             int(accessTokenTTL / time.Second),
		RefreshToken:          refresh,
		RefreshTokenExpiresIn: int(st.refresh[refresh].expires.Sub(c.now) / time.Second),
		TokenType:             "Bearer",
	}).with("Cache-Control", "no-store"), nil
}
