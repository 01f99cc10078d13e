package connector

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// scimTimeLayout is how meta.created and meta.lastModified are written: RFC 3339 in UTC with
// milliseconds, the precision Webex keeps (RFC 7643 §2.3.5 asks for xsd:dateTime).
const scimTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// scimTime applies the instance datetime offset (design §4.5) to a Webex timestamp. Filters on
// meta.created and meta.lastModified are evaluated by the connector on these shifted values, never
// pushed down to Webex, so comparing a client's date with them is the same as comparing the
// client's date minus the offset with Webex's own.
func (s *Server) scimTime(t time.Time) string {
	return t.Add(s.offset).UTC().Format(scimTimeLayout)
}

// meta builds the meta attribute (RFC 7643 §3.1). Zero times are left out: Webex has none for
// roles and licences, and teams have no lastModified.
func (s *Server) meta(resourceType, location string, created, lastModified time.Time, version string) map[string]any {
	m := make(map[string]any, 5)
	m["resourceType"], m["location"] = resourceType, location
	if !created.IsZero() {
		m["created"] = s.scimTime(created)
	}
	if !lastModified.IsZero() {
		m["lastModified"] = s.scimTime(lastModified)
	}
	if version != "" {
		m["version"] = version
	}
	return m
}

// weakETag is a weak entity tag (RFC 9110 §8.8.3) over v's JSON: any change to what Webex holds
// (the Webex representation, lastModified included) changes it. RFC 7644 §3.14.
func weakETag(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only values JSON cannot hold get here; no version is better than a wrong one.
		return ""
	}
	sum := sha256.Sum256(b)
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`
}

// personVersion is a person's weak ETag: a hash over what the SCIM User shows of the person and
// SCIM stores (design §4.1) — id, userName (emails[0]), the names, displayName, nickName,
// timezone, userType, active, roles, entitlements, the photo, the organisation, the directory
// fields (title, department, manager, phone numbers, addresses) and meta.created /
// meta.lastModified — and nothing else. Webex's presence (status, shown read-only in the Webex
// extension) and its activity fields (lastActivity and the other fields SCIM does not map) change
// whenever the person joins a meeting or signs in; a version over them made If-Match writes fail
// with 412 for no change and If-None-Match never hit (issue 15). Fields SCIM does not map are
// carried over by every PUT from a fresh read under the user's update lock, so leaving them out
// loses no one's change.
//
// It is computed without building the person's JSON, since every listed user needs one: each field
// goes in as its length (8 bytes, big-endian) then its bytes, in one buffer on the stack, hashed
// once. The stream must not change without need: clients hold these tags for If-Match (it changed
// once, for issue 15).
func personVersion(p *webex.Person) string {
	var stack [1024]byte
	b, at := stack[:0], 0
	userName := ""
	if len(p.Emails) > 0 {
		userName = p.Emails[0]
	}
	for _, s := range [...]string{p.ID, userName, p.FirstName, p.LastName, p.DisplayName, p.NickName,
		p.Timezone, p.Type, p.Avatar, p.OrgID} {
		b = appendField(b, s)
	}
	for _, t := range [...]time.Time{p.Created, p.LastModified} {
		b, at = openField(b)
		b = webex.AppendTime(b, t)
		closeField(b, at)
	}
	for _, list := range [...][]string{p.Roles, p.Licenses} {
		b, at = openField(b)
		b = strconv.AppendInt(b, int64(len(list)), 10)
		closeField(b, at)
		for _, s := range list {
			b = appendField(b, s)
		}
	}
	switch {
	case p.LoginEnabled == nil:
		b = appendField(b, "")
	case *p.LoginEnabled:
		b = appendField(b, "t")
	default:
		b = appendField(b, "f")
	}
	// The directory fields SCIM maps (user_directory.go), as Webex sent them; absent and empty
	// differ, as they do in the answer.
	for _, k := range [...]string{wxTitle, wxDepartment, wxManager, wxManagerID, wxPhoneNumbers, wxAddresses} {
		raw, ok := p.Extra[k]
		if !ok {
			b = appendField(b, "")
			continue
		}
		b, at = openField(b)
		b = append(b, 'v')
		b = append(b, raw...)
		closeField(b, at)
	}
	sum := sha256.Sum256(b)
	var tag [len(`W/""`) + 24]byte
	copy(tag[:], `W/"`)
	hex.Encode(tag[3:27], sum[:12])
	tag[27] = '"'
	return string(tag[:])
}

// appendField appends one field of personVersion's stream: its length, then its bytes.
func appendField(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(len(s)))
	return append(b, s...)
}

// openField starts a field whose bytes the caller appends in place; closeField then writes its
// length in front of them.
func openField(b []byte) ([]byte, int) {
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 0)
	return b, len(b)
}

func closeField(b []byte, at int) {
	binary.BigEndian.PutUint64(b[at-8:at], uint64(len(b)-at))
}

// versionOf reads meta.version of a resource built by this package.
func versionOf(res scim.Resource) string {
	if m, ok := res["meta"].(map[string]any); ok {
		if v, ok := m["version"].(string); ok {
			return v
		}
	}
	return ""
}

// checkIfMatch enforces If-Match on PUT, PATCH and DELETE (RFC 7644 §3.14, RFC 9110 §13.1.1):
// when the header is present and none of its tags is the current version, the answer is 412 and
// nothing is sent to Webex. Tags compare weakly (W/ ignored): SCIM versions are weak.
func checkIfMatch(r *http.Request, current string) error {
	h := r.Header.Values("If-Match")
	if len(h) == 0 {
		return nil
	}
	if etagListMatches(h, current) {
		return nil
	}
	return scim.Errorf(http.StatusPreconditionFailed, "",
		"If-Match %s does not match the current version %s: the resource changed since it was read", strings.Join(h, ", "), current)
}

// notModified reports whether If-None-Match names the current version (RFC 7644 §3.14: a
// conditional GET answers 304 with no body).
func notModified(r *http.Request, current string) bool {
	h := r.Header.Values("If-None-Match")
	return len(h) > 0 && etagListMatches(h, current)
}

// etagListMatches reads a list of entity tags (RFC 9110 §8.8.3), "*" matching any current one.
func etagListMatches(values []string, current string) bool {
	cur := opaqueTag(current)
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t == "*" && current != "" {
				return true
			}
			if t != "" && cur != "" && opaqueTag(t) == cur {
				return true
			}
		}
	}
	return false
}

func opaqueTag(t string) string {
	return strings.TrimPrefix(strings.TrimSpace(t), "W/")
}
