package mockwebex

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// Token lifetimes Webex documents (WX18).
const (
	accessTokenTTL  = 14 * 24 * time.Hour // expires_in 1209600
	refreshTokenTTL = 90 * 24 * time.Hour // refresh_token_expires_in 7776000
	authCodeTTL     = 10 * time.Minute
)

type accessToken struct {
	personUUID string
	expires    time.Time
	scopes     scopeSet
}

type refreshToken struct {
	personUUID string
	clientID   string
	expires    time.Time
	scopes     scopeSet
}

type authCode struct {
	personUUID  string
	clientID    string
	redirectURI string
	expires     time.Time
	scopes      scopeSet
}

// newSecret returns an opaque random token (base64url, header-safe).
func newSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// tokenExpired is the one place that decides whether a token or grant has
// expired. WX18: tokens expire on the fake's clock; with WX18 off they never do.
func (s *Server) tokenExpired(q Quirks, expires, now time.Time) bool {
	if !q.On(WX18) {
		return false
	}
	return !now.Before(expires)
}

// issueAccess records a new access token for a person.
// scopes is what the token may do (scopes.go); allScopes for tokens the
// fake hands out itself.
func (st *store) issueAccess(token, personUUID string, now time.Time, scopes scopeSet) {
	st.tokens[token] = &accessToken{personUUID: personUUID, expires: now.Add(accessTokenTTL), scopes: scopes}
}

func (st *store) issueRefresh(token, personUUID, clientID string, now time.Time, scopes scopeSet) {
	st.refresh[token] = &refreshToken{personUUID: personUUID, clientID: clientID, expires: now.Add(refreshTokenTTL), scopes: scopes}
}

type authFailure int

const (
	authMissing authFailure = iota + 1
	authUnknown
	authExpired
)

// unauthorized renders the 401 of a failed bearer check. WX16: Webex answers
// every failure with one verbatim message; with WX16 off the message says
// which failure it was.
func unauthorized(q Quirks, why authFailure) *apiError {
	e := errf(http.StatusUnauthorized, msgUnauthorized)
	if q.On(WX16) {
		return e
	}
	switch why {
	case authMissing:
		e.message = "No access token: send Authorization: Bearer <token>."
	case authExpired:
		e.message = "The access token has expired: refresh it with grant_type=refresh_token."
	default:
		e.message = "The access token is not known to this service."
	}
	return e
}

// bearer extracts the token of an Authorization: Bearer header.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return ""
	}
	return strings.TrimSpace(h[7:])
}

// authenticate finds the caller of a request (under s.mu).
func (s *Server) authenticate(c *call) *apiError {
	tok := bearer(c.r)
	if tok == "" {
		return unauthorized(c.quirks, authMissing)
	}
	at := c.st.tokens[tok]
	if at == nil {
		return unauthorized(c.quirks, authUnknown)
	}
	if s.tokenExpired(c.quirks, at.expires, c.now) {
		return unauthorized(c.quirks, authExpired)
	}
	p := c.st.peopleByUUID[at.personUUID]
	if p == nil || p.deleted {
		// A deleted person's tokens die with it.
		return unauthorized(c.quirks, authUnknown)
	}
	c.token = tok
	c.caller = p
	c.scopes = at.scopes
	return nil
}

// Roles that grant rights, by the role keys Webex uses.
const (
	roleFullAdmin = "id_full_admin"
	roleUserAdmin = "id_user_admin"
)

func (st *store) hasRole(p *personRec, keys ...string) bool {
	for _, id := range p.p.Roles {
		if r := st.rolesByID[id]; r != nil {
			for _, k := range keys {
				if r.key == k {
					return true
				}
			}
		}
	}
	return false
}

// isAdmin: any administrator role lets a caller read the org's people with
// admin fields, roles and licences.
func (st *store) isAdmin(p *personRec) bool { return len(p.p.Roles) > 0 }

// canManagePeople: full and user administrators create, update and delete people.
func (st *store) canManagePeople(p *personRec) bool {
	return st.hasRole(p, roleFullAdmin, roleUserAdmin)
}

// isFullAdmin: the org's full administrator (WX06, WX15 off-behaviour).
func (st *store) isFullAdmin(p *personRec) bool { return st.hasRole(p, roleFullAdmin) }
