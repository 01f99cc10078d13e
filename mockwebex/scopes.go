package mockwebex

import (
	"net/http"
	"strings"
)

// scopes.go: the OAuth scopes a token carries, and the rule that /v1/groups
// needs the identity:groups scopes (control-hub-groups-facts §5: managing
// needs identity:groups_rw, searching and viewing identity:groups_read;
// missing scope → 403, the generic Webex table).
//
// Only /v1/groups checks scopes: the other endpoints predate scope
// enforcement in the fake and accept any valid token, so the connector's
// consent (which asks for no groups scope in teams mode) keeps working.
// Tokens the fake hands out itself (the seeded admin's, POST /_mock/tokens
// without "scope", IssueToken) carry every scope; a token from
// /v1/authorize carries exactly the scopes that request asked for, and
// keeps them through refresh.

const (
	scopeGroupsRead = "identity:groups_read"
	scopeGroupsRW   = "identity:groups_rw"
)

// scopeSet is a token's grant. all is true for the fake's own tokens.
type scopeSet struct {
	all bool
	set map[string]bool
}

func allScopes() scopeSet { return scopeSet{all: true} }

func scopeSetOf(scopes []string) scopeSet {
	s := scopeSet{set: map[string]bool{}}
	for _, v := range scopes {
		s.set[v] = true
	}
	return s
}

// parseScopes reads OAuth's space-separated scope list (RFC 6749 §3.3).
func parseScopes(v string) scopeSet { return scopeSetOf(strings.Fields(v)) }

// hasAny reports whether the grant holds one of the scopes.
func (s scopeSet) hasAny(scopes ...string) bool {
	if s.all {
		return true
	}
	for _, v := range scopes {
		if s.set[v] {
			return true
		}
	}
	return false
}

// requireScope answers 403 when the caller's token holds none of scopes.
func requireScope(c *call, scopes ...string) error {
	if c.scopes.hasAny(scopes...) {
		return nil
	}
	return errf(http.StatusForbidden, "The access token lacks the scope this request needs: %s.", strings.Join(scopes, " or "))
}
