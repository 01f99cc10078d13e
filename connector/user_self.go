package connector

import (
	"context"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// The consenting account through /Users (issue 15, item 1). The connector works with the token
// of the Webex administrator who consented (design §3.8); GET /people/me is that person. Taking
// its administrator role away, its licences, its login (active) or the person itself through
// SCIM would leave the connector unable to write (Webex answers 403) or to list (400), from the
// next request on, with no way back through SCIM. Groups already keep the account out of reach
// (design §3.7, WX06); /Users does the same:
//
//   - A PUT or PATCH that would change the consenting account's roles, licences or active is
//     refused with 403 and nothing is sent to Webex; the same request without those changes (or
//     with the values the account already has) goes through, so a PUT that repeats them, or
//     leaves them out (not asserted, RFC 7644 §3.5.1), still updates its names and the rest.
//   - DELETE of the consenting account is refused with 403.
//   - The check costs a GET /people/me only when a write would change one of those attributes,
//     or deletes a user, so the ordinary PUT and PATCH of a sync pay nothing for it.
//   - /readyz reads GET /people/me and answers 503 when the account no longer holds an
//     administrator role that lets it manage people (health.go).

// managesPeople reports whether p holds a role that lets it create, change and delete people:
// full or user administrator (Webex role ids are base64url of "ciscospark://<cluster>/ROLE/<key>",
// design §5; the keys are id_full_admin and id_user_admin). A role id that does
// not decode to a role key is given the benefit of the doubt (it may be a role Webex adds later),
// so that /readyz never takes a working connector out of service on a guess; no role at all, or
// only roles known not to manage people (read-only, device, support administrators), is false.
func managesPeople(p *webex.Person) bool {
	for _, id := range p.Roles {
		key, ok := roleKey(id)
		if !ok || key == "id_full_admin" || key == "id_user_admin" {
			return true
		}
	}
	return false
}

// roleKey decodes a Webex role id to its key ("id_full_admin").
func roleKey(id string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		return "", false
	}
	s := string(raw)
	i := strings.LastIndex(s, "/ROLE/")
	if !strings.HasPrefix(s, "ciscospark://") || i < 0 {
		return "", false
	}
	return s[i+len("/ROLE/"):], true
}

// selfChanges names the attributes of the rights-bearing kind (roles, licences, active) in
// which want differs from cur; none: nil.
func selfChanges(cur *webex.Person, want webex.Person) []string {
	var changed []string
	if want.Roles != nil && !sameSet(cur.Roles, want.Roles) {
		changed = append(changed, "roles")
	}
	if want.Licenses != nil && !sameSet(cur.Licenses, want.Licenses) {
		changed = append(changed, "entitlements (licences)")
	}
	if want.LoginEnabled != nil && *want.LoginEnabled != (cur.LoginEnabled == nil || *cur.LoginEnabled) {
		changed = append(changed, "active")
	}
	return changed
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// isSelf reports whether id (any spelling Webex accepts) is the consenting account.
func (s *Server) isSelf(ctx context.Context, id string) (*webex.Person, bool, error) {
	me, err := s.webex.Me(ctx)
	if err != nil {
		return nil, false, err
	}
	return me, lockKey("Users", me.ID) == lockKey("Users", id), nil
}

// guardSelfUpdate refuses a PUT or PATCH that would change the consenting account's roles,
// licences or active (see above); it reads GET /people/me only when the write changes one.
func (s *Server) guardSelfUpdate(ctx context.Context, cur *webex.Person, want webex.Person) error {
	changed := selfChanges(cur, want)
	if len(changed) == 0 {
		return nil
	}
	me, self, err := s.isSelf(ctx, cur.ID)
	if err != nil || !self {
		return err
	}
	return scim.Errorf(http.StatusForbidden, "",
		"user %s is the Webex administrator the connector works as (it consented, design §3.8): changing its %s "+
			"through SCIM could take away the rights the connector needs, so it is refused and nothing was changed. "+
			"Leave these attributes out or send the values it has; change them in Control Hub, after consenting with "+
			"another administrator if need be.", accountName(me), strings.Join(changed, ", "))
}

// guardSelfDelete refuses DELETE of the consenting account.
func (s *Server) guardSelfDelete(ctx context.Context, id string) error {
	me, self, err := s.isSelf(ctx, id)
	if err != nil || !self {
		return err
	}
	return scim.Errorf(http.StatusForbidden, "",
		"user %s is the Webex administrator the connector works as (it consented, design §3.8): deleting it would "+
			"leave the connector without access to Webex, so it is refused and nothing was changed. Consent with "+
			"another administrator first, then delete it.", accountName(me))
}

// accountName is how an answer names a person: its email, else its display name, else its id.
func accountName(p *webex.Person) string {
	switch {
	case len(p.Emails) > 0 && p.Emails[0] != "":
		return p.Emails[0]
	case p.DisplayName != "":
		return p.DisplayName
	default:
		return p.ID
	}
}
