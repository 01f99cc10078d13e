package connector

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// authenticator checks inbound SCIM callers (design §3.1) and issues client-credentials tokens
// (design §2, POST /oauth/token).
//
// Issued tokens are stateless: the client id and an expiry signed with a key derived from
// SCIM_CURSOR_KEY, so every replica sharing the key accepts every replica's tokens and nothing is
// kept in memory (design §3.10). They cannot be revoked before they expire; rotate the cursor key
// (or the client secret, which stops new ones) to cut them all off.
type authenticator struct {
	static                 string
	clientID, clientSecret string
	tokens                 *scim.CursorCodec
	ttl                    time.Duration
}

// bearerChallenge is the WWW-Authenticate value of every 401 (design §3.1).
const bearerChallenge = `Bearer realm="webex-scim"`

// check accepts the static token or an unexpired token issued by /oauth/token. Both comparisons
// take the same time whatever the token (design §3.1: constant time). A refusal comes with a short
// reason for the log, which never holds what was presented.
func (a *authenticator) check(r *http.Request) (reason string, err *scim.Error) {
	token, ok := bearerToken(r)
	if !ok {
		return "no bearer token", unauthorized("this endpoint needs an Authorization: Bearer token")
	}
	if a.static != "" && equalSecret(token, a.static) {
		return "", nil
	}
	if a.clientID != "" {
		payload, err := a.tokens.Decode(token)
		if err == nil && equalSecret(string(payload), a.clientID) {
			return "", nil
		}
		var se *scim.Error
		if errors.As(err, &se) && se.ScimType == scim.ScimTypeExpiredCursor {
			return "issued token expired", unauthorized("the access token has expired; get a new one at /oauth/token")
		}
	}
	return "token not valid", unauthorized("the bearer token is not valid")
}

// requireBearer guards every /scim/v2 route (authenticate, auth_throttle.go).
func (s *Server) requireBearer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.authenticate(w, r) {
			next.ServeHTTP(w, r)
		}
	})
}

func unauthorized(detail string) *scim.Error {
	return &scim.Error{
		Status: http.StatusUnauthorized,
		Detail: detail,
		Header: http.Header{"Www-Authenticate": []string{bearerChallenge}},
	}
}

// bearerToken reads "Authorization: Bearer <token>"; the scheme is case-insensitive (RFC 9110
// §11.1).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

// equalSecret compares in constant time; hashing first hides the length of the secret too.
func equalSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// deriveKey gives each use of the configured key its own key (HMAC-SHA256 of the label), so that
// something signed for one purpose is never accepted for another.
func deriveKey(key []byte, label string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// issueToken is POST /oauth/token, the OAuth 2.0 client-credentials grant (RFC 6749 §4.4): client
// id and secret in the form body or in HTTP Basic (§2.3.1). Answers follow RFC 6749 §5.1 and
// §5.2, not SCIM: this is an OAuth endpoint.
func (s *Server) issueToken(w http.ResponseWriter, r *http.Request) {
	a := s.auth
	if a.clientID == "" || a.clientSecret == "" {
		http.NotFound(w, r)
		return
	}
	if s.throttled(r, func(e *scim.Error) {
		w.Header().Set("Retry-After", e.Header.Get("Retry-After"))
		oauthError(w, http.StatusTooManyRequests, "invalid_request", e.Detail)
	}) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
		return
	}
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	} else if r.PostForm.Has("client_id") || r.PostForm.Has("client_secret") {
		// RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
		oauthError(w, http.StatusBadRequest, "invalid_request", "send the client credentials in HTTP Basic or in the form, not both")
		return
	}
	gt := r.PostForm.Get("grant_type")
	if gt == "" {
		// RFC 6749 §5.2: a missing required parameter is invalid_request.
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant_type is required (client_credentials)")
		return
	}
	if gt != "client_credentials" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "only grant_type=client_credentials is supported")
		return
	}
	// Evaluate both comparisons: no early exit that tells which one failed, or how fast.
	idOK, secretOK := equalSecret(id, a.clientID), equalSecret(secret, a.clientSecret)
	if !idOK || !secretOK {
		s.authFailed(r, "unknown client or wrong secret")
		if basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="webex-scim"`)
		}
		oauthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
		return
	}
	token := a.tokens.Encode([]byte(a.clientID))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{ // the client went away; nothing left to tell it
		"access_token": token,
		"token_type":   "Bearer",
		"expires_in":   int(a.ttl / time.Second),
	})
}

// oauthError writes an RFC 6749 §5.2 error.
func oauthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}
