package connector

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// userFromPerson maps a Webex person to a SCIM User (design §4.1, vendor page table 316). Values
// are JSON-shaped (string, bool, []any, map[string]any) so filters, projection and PATCH work on
// them directly. location is meta.location.
//
// Every GET and every listed user goes through here, so it allocates only what the result holds:
// each map is made at its final size (a map grown key by key is rebuilt at 8 entries), each string
// is boxed into an interface once (userName and emails[0].value share one), and the extension is
// built only when it has something to hold. The map per role and per entitlement stays: filters
// (roles[value eq "x"]), projection and PATCH (connector/scim) read each element as a
// map[string]any, and a representation they do not know would silently match nothing.
func (s *Server) userFromPerson(p *webex.Person, location string) scim.Resource {
	hasEmail := len(p.Emails) > 0 && p.Emails[0] != ""
	hasName := p.FirstName != "" || p.LastName != ""
	hasExt := p.OrgID != "" || p.Status != ""
	n := 3 // id, schemas, meta
	for _, present := range [...]bool{hasEmail, hasEmail, hasName, p.DisplayName != "", p.NickName != "",
		p.Timezone != "", p.Type != "", p.LoginEnabled != nil, len(p.Roles) > 0, len(p.Licenses) > 0,
		p.Avatar != "", hasExt} {
		if present {
			n++
		}
	}
	n += directoryMembers(p)
	res := make(scim.Resource, n)
	res["id"] = p.ID
	if hasEmail {
		// userName and emails[0].value are the same Webex field (design §4.1).
		var email any = p.Emails[0]
		res["userName"] = email
		res["emails"] = []any{map[string]any{"value": email, "type": "work", "primary": true}}
	}
	if hasName {
		name := make(map[string]any, 3)
		name["formatted"] = strings.TrimSpace(p.FirstName + " " + p.LastName)
		if p.FirstName != "" {
			name["givenName"] = p.FirstName
		}
		if p.LastName != "" {
			name["familyName"] = p.LastName
		}
		res["name"] = name
	}
	putString(res, "displayName", p.DisplayName)
	putString(res, "nickName", p.NickName)
	putString(res, "timezone", p.Timezone)
	putString(res, "userType", p.Type)
	if p.LoginEnabled != nil {
		res["active"] = *p.LoginEnabled
	}
	if l := valueList(p.Roles); l != nil {
		res["roles"] = l
	}
	if l := valueList(p.Licenses); l != nil {
		res["entitlements"] = l
	}
	if p.Avatar != "" {
		res["photos"] = []any{map[string]any{"value": p.Avatar, "type": "photo", "primary": true}}
	}
	putDirectory(res, p)
	schemas := make([]any, 1, 3)
	schemas[0] = scim.SchemaUser
	if _, ok := res[scim.SchemaEnterpriseUser]; ok {
		schemas = append(schemas, scim.SchemaEnterpriseUser)
	}
	if hasExt {
		ext := make(map[string]any, 2)
		putString(ext, "organization", p.OrgID)
		putString(ext, "status", p.Status)
		res[schemaWebexUser] = ext
		schemas = append(schemas, schemaWebexUser)
	}
	res["schemas"] = schemas
	res["meta"] = s.meta("User", location, p.Created, p.LastModified, personVersion(p))
	return res
}

func putString(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// valueList is roles or entitlements: {"value": id} for each id (RFC 7643 §4.1.2 multi-valued
// attributes of which Webex holds only the value); nil for none.
func valueList(ids []string) []any {
	if len(ids) == 0 {
		return nil
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = map[string]any{"value": id}
	}
	return out
}

// userMode says how attributes a SCIM request leaves out are treated when it is turned into a
// Webex person.
type userMode int

const (
	// modeCreate: POST; what is left out is not sent.
	modeCreate userMode = iota
	// modeReplace: PUT. Plain attributes left out are cleared (RFC 7644 §3.5.1), but roles,
	// entitlements, photos and active are kept as Webex has them: RFC 7644 §3.5.1 lets a provider
	// treat an omitted attribute as "not asserted", and an identity provider that does not manage
	// roles or licences must not strip them from everyone it updates. An explicit [] clears them.
	modeReplace
	// modeComplete: the result of a PATCH, a complete representation: what is absent was removed
	// (except active, which Webex cannot leave unset).
	modeComplete
)

// personFromUser maps a SCIM User body to the Webex person to send (design §4.1). For PUT and PATCH
// it starts from cur, the person as Webex holds it, so that every field SCIM does not map
// (extension, locationId, siteUrls, … — webex.Person.Extra, and orgId) is sent back unchanged:
// Webex's PUT is a full replace (WX08, design §3.2). title, phoneNumbers, addresses, department and
// manager are Webex's directory fields (user_directory.go); the manager's name is filled in by
// resolveManager.
//
// Read-only attributes (id, meta, name.formatted, userType, the Webex extension) are ignored, as
// RFC 7643 §2.2 asks, and so is every attribute not read here (externalId, employeeNumber…,
// not_stored.go). emails follow userName: Webex keeps one address.
// Wrongly typed values and a missing mandatory attribute are 400 invalidValue.
func personFromUser(body scim.Resource, cur *webex.Person, mode userMode) (webex.Person, error) {
	var p webex.Person
	if cur != nil {
		p = *cur
	}
	if err := checkSchemas(body, scim.SchemaUser); err != nil {
		return p, err
	}
	userName, err := stringAttr(body, "userName")
	if err != nil {
		return p, err
	}
	var given, family string
	if nameV, ok := lookupFold(body, "name"); ok && nameV != nil {
		name, ok := nameV.(map[string]any)
		if !ok {
			return p, invalidValue("name must be an object with givenName and familyName")
		}
		if given, err = stringAttr(name, "givenName"); err != nil {
			return p, err
		}
		if family, err = stringAttr(name, "familyName"); err != nil {
			return p, err
		}
	}
	displayName, err := stringAttr(body, "displayName")
	if err != nil {
		return p, err
	}
	nickName, err := stringAttr(body, "nickName")
	if err != nil {
		return p, err
	}
	timezone, err := stringAttr(body, "timezone")
	if err != nil {
		return p, err
	}
	// design §4.1: userName, and one of displayName, name.givenName, name.familyName (Webex needs
	// one of displayName, firstName, lastName, WX09).
	var missing []string
	if strings.TrimSpace(userName) == "" {
		missing = append(missing, "userName")
	}
	if strings.TrimSpace(displayName) == "" && strings.TrimSpace(given) == "" && strings.TrimSpace(family) == "" {
		missing = append(missing, "one of displayName, name.givenName, name.familyName")
	}
	if len(missing) > 0 {
		return p, invalidValue("a User needs %s", strings.Join(missing, " and "))
	}
	p.Emails = []string{strings.TrimSpace(userName)}
	p.FirstName, p.LastName, p.NickName, p.Timezone = given, family, nickName, timezone
	p.DisplayName = displayName
	if p.DisplayName == "" && mode != modeCreate {
		// Webex's PUT requires displayName (WX08); derive it the way Webex does on create.
		p.DisplayName = strings.TrimSpace(given + " " + family)
	}

	if v, ok := lookupFold(body, "active"); ok && v != nil {
		b, err := boolValue("active", v)
		if err != nil {
			return p, err
		}
		p.LoginEnabled = &b
	} else if mode == modeCreate {
		p.LoginEnabled = nil
	}
	for _, l := range []struct {
		attr string
		dst  *[]string
	}{{"roles", &p.Roles}, {"entitlements", &p.Licenses}} {
		v, present := lookupFold(body, l.attr)
		switch {
		case present && v != nil:
			ids, err := valueIDs(l.attr, v)
			if err != nil {
				return p, err
			}
			*l.dst = ids
		case mode == modeComplete || (present && mode == modeReplace):
			*l.dst = []string{} // sent as []: Webex clears it
		case mode == modeCreate:
			*l.dst = nil
		}
	}
	v, present := lookupFold(body, "photos")
	switch {
	case present && v != nil:
		avatar, err := photoURL(v)
		if err != nil {
			return p, err
		}
		p.Avatar = avatar
	case mode == modeComplete || (present && mode == modeReplace), mode == modeCreate:
		p.Avatar = ""
	}
	if err := directoryFromUser(body, &p, mode); err != nil {
		return p, err
	}
	return p, nil
}

// checkSchemas: a body that lists schemas must list its resource's core schema, urn (RFC 7643
// §3: "schemas" holds the core schema and any extensions; §4.1 User, §4.2 Group), else 400
// invalidSyntax. A body with no schemas at all is accepted: several clients leave it out on PUT.
func checkSchemas(body scim.Resource, urn string) error {
	v, ok := lookupFold(body, "schemas")
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		return invalidValue("schemas must be an array of schema URNs")
	}
	for _, s := range list {
		if str, ok := s.(string); ok && strings.EqualFold(str, urn) {
			return nil
		}
	}
	return scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "schemas must include %s", urn)
}

// lookupFold finds an attribute by name, case-insensitively (RFC 7643 §2.1).
func lookupFold(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// stringAttr reads an optional string attribute; absent or null is "".
func stringAttr(m map[string]any, name string) (string, error) {
	v, ok := lookupFold(m, name)
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", invalidValue("%s must be a string", name)
	}
	return s, nil
}

// boolValue accepts a JSON boolean, and the strings "true"/"false" in any case (Entra sends
// "True" and "False", design §3.6).
func boolValue(name string, v any) (bool, error) {
	switch b := v.(type) {
	case bool:
		return b, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(b)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, invalidValue("%s must be a boolean", name)
}

// valueIDs reads roles[].value or entitlements[].value; a bare string element is taken as the
// value. Duplicates are dropped (Webex keeps a set).
func valueIDs(attr string, v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, invalidValue("%s must be an array of objects with a value", attr)
	}
	ids := []string{}
	seen := map[string]bool{}
	for _, e := range list {
		var id string
		switch e := e.(type) {
		case string:
			id = e
		case map[string]any:
			s, err := stringAttr(e, "value")
			if err != nil {
				return nil, invalidValue("%s[].value must be a string", attr)
			}
			id = s
		default:
			return nil, invalidValue("%s must be an array of objects with a value", attr)
		}
		if id = strings.TrimSpace(id); id == "" {
			return nil, invalidValue("%s[].value must not be empty", attr)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// photoURL picks the avatar from photos: the primary entry, else the first (Webex keeps one).
func photoURL(v any) (string, error) {
	list, ok := v.([]any)
	if !ok {
		return "", invalidValue("photos must be an array of objects with a value")
	}
	url := ""
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return "", invalidValue("photos must be an array of objects with a value")
		}
		val, err := stringAttr(m, "value")
		if err != nil {
			return "", invalidValue("photos[].value must be a string")
		}
		primary := false
		if pv, ok := lookupFold(m, "primary"); ok && pv != nil {
			if primary, err = boolValue("photos[].primary", pv); err != nil {
				return "", err
			}
		}
		if url == "" || primary {
			url = val
		}
		if primary {
			break
		}
	}
	return url, nil
}

func invalidValue(format string, args ...any) *scim.Error {
	return &scim.Error{Status: http.StatusBadRequest, ScimType: scim.ScimTypeInvalidValue, Detail: fmt.Sprintf(format, args...)}
}
