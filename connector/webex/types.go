package webex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Person is a Webex person (GET /people/{id}). The fields the connector maps (design §4.1) are
// typed; every other field Webex returned is kept verbatim in Extra, because PUT /people/{id} is a
// full replace (WX08) and a connector that drops them would wipe phone numbers, titles, addresses…
type Person struct {
	ID, DisplayName, NickName, FirstName, LastName, Avatar, OrgID, Timezone, Status, Type string
	// Emails, Roles, Licenses: nil is left out of a request body, an empty non-nil slice is sent
	// as [] (to clear roles or licences in a full-replace PUT).
	Emails, Roles, Licenses []string
	// LoginEnabled, InvitePending: nil when Webex did not say.
	LoginEnabled, InvitePending *bool
	Created, LastModified       time.Time // zero when absent
	// Extra holds every field Webex returned that is not one of the above (phoneNumbers,
	// department, title, addresses, extension, locationId, manager, managerId, siteUrls,
	// sipAddresses, xmppFederationJid, lastActivity, …), verbatim.
	Extra map[string]json.RawMessage
}

// Person fields by Webex name. personField maps a key to one of them (-1: not a typed field, so
// it goes to Extra); the switch compiles to string compares that allocate nothing, which a map
// built per call (or a package-level one) would not give for free.
const (
	pfID = iota
	pfDisplayName
	pfNickName
	pfFirstName
	pfLastName
	pfAvatar
	pfOrgID
	pfTimezone
	pfStatus
	pfType
	pfEmails
	pfRoles
	pfLicenses
	pfLoginEnabled
	pfInvitePending
	pfCreated
	pfLastModified
	personFieldCount
)

// personFieldNames are the Webex names of the typed fields, indexed by the pf constants.
var personFieldNames = [personFieldCount]string{
	"id", "displayName", "nickName", "firstName", "lastName", "avatar", "orgId", "timezone", "status",
	"type", "emails", "roles", "licenses", "loginEnabled", "invitePending", "created", "lastModified",
}

func personField(key string) int {
	switch key {
	case "id":
		return pfID
	case "displayName":
		return pfDisplayName
	case "nickName":
		return pfNickName
	case "firstName":
		return pfFirstName
	case "lastName":
		return pfLastName
	case "avatar":
		return pfAvatar
	case "orgId":
		return pfOrgID
	case "timezone":
		return pfTimezone
	case "status":
		return pfStatus
	case "type":
		return pfType
	case "emails":
		return pfEmails
	case "roles":
		return pfRoles
	case "licenses":
		return pfLicenses
	case "loginEnabled":
		return pfLoginEnabled
	case "invitePending":
		return pfInvitePending
	case "created":
		return pfCreated
	case "lastModified":
		return pfLastModified
	}
	return -1
}

// personReadOnlyKeys are fields Webex computes; a POST or PUT body never carries them. orgId is
// kept: Webex accepts it and it names the organisation the person belongs to.
var personReadOnlyKeys = []string{
	"id", "created", "lastModified", "status", "invitePending", "type", "lastActivity",
}

// UnmarshalJSON reads a Webex person. loginEnabled and invitePending are JSON booleans in real
// responses (design §5) but strings in the official spec's examples, so both are accepted.
//
// It is on the path of every SCIM read and of every person of a listing, so it walks the object
// once, after one validity check (validJSON, json.Valid's answer), instead of decoding into a map
// of raw messages and then each field again: members are found by scanning the validated bytes
// (objectScanner), plain strings and booleans are read directly, and encoding/json decodes
// anything else (escapes, invalid UTF-8, wrong types), so results and errors are what a map decode
// gave. As with a map, keys match exactly after unescaping and the last of duplicate keys wins.
func (p *Person) UnmarshalJSON(data []byte) error {
	if !validJSON(data) || !isJSONObject(data) {
		// Not JSON, or not an object: the errors encoding/json gives for a map.
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			return err
		}
		return fmt.Errorf("webex: person: not a JSON object")
	}
	var typed [personFieldCount][]byte // the last raw value of each typed field; nil: absent
	type member struct {
		key   string
		value []byte
	}
	var extraBuf [24]member // the unknown members; on the stack for any ordinary person
	extra, extraLen := extraBuf[:0], 0
	sc := objectScanner{data: data}
	for {
		rawKey, value, ok := sc.next()
		if !ok {
			break
		}
		var key string
		f := -1
		if k, plain := plainString(rawKey); plain {
			f = personField(string(k)) // short keys convert on the stack: no allocation
			if f < 0 {
				key = string(k)
			}
		} else {
			var err error
			if key, err = decodeKey(rawKey); err != nil {
				return err
			}
			f = personField(key)
		}
		if f >= 0 {
			typed[f] = value
			continue
		}
		extra = append(extra, member{key, value})
		extraLen += len(value)
	}

	var out Person
	for f := pfID; f <= pfType; f++ {
		if v := typed[f]; v != nil && !isNull(v) {
			if err := decodeString(v, out.stringField(f)); err != nil {
				return fmt.Errorf("webex: person %s: %w", personFieldNames[f], err)
			}
		}
	}
	for f, dst := range [...]*[]string{&out.Emails, &out.Roles, &out.Licenses} {
		if v := typed[pfEmails+f]; v != nil && !isNull(v) {
			if err := decodeStrings(v, dst); err != nil {
				return fmt.Errorf("webex: person %s: %w", personFieldNames[pfEmails+f], err)
			}
		}
	}
	for f, dst := range [...]**bool{&out.LoginEnabled, &out.InvitePending} {
		if v := typed[pfLoginEnabled+f]; v != nil && !isNull(v) {
			b, err := lenientBool(v)
			if err != nil {
				return fmt.Errorf("webex: person %s: %w", personFieldNames[pfLoginEnabled+f], err)
			}
			*dst = &b
		}
	}
	for f, dst := range [...]*time.Time{&out.Created, &out.LastModified} {
		if v := typed[pfCreated+f]; v != nil {
			t, err := parseTimeJSON(v)
			if err != nil {
				return fmt.Errorf("webex: person %s: %w", personFieldNames[pfCreated+f], err)
			}
			*dst = t
		}
	}
	if len(extra) > 0 {
		// One copy for all Extra values; each is capped so that appending to one cannot run
		// into the next.
		buf := make([]byte, 0, extraLen)
		out.Extra = make(map[string]json.RawMessage, len(extra))
		for _, m := range extra {
			start := len(buf)
			buf = append(buf, m.value...)
			out.Extra[m.key] = json.RawMessage(buf[start:len(buf):len(buf)])
		}
	}
	*p = out
	return nil
}

// stringField is the typed string field f (pfID…pfType).
func (p *Person) stringField(f int) *string {
	switch f {
	case pfID:
		return &p.ID
	case pfDisplayName:
		return &p.DisplayName
	case pfNickName:
		return &p.NickName
	case pfFirstName:
		return &p.FirstName
	case pfLastName:
		return &p.LastName
	case pfAvatar:
		return &p.Avatar
	case pfOrgID:
		return &p.OrgID
	case pfTimezone:
		return &p.Timezone
	case pfStatus:
		return &p.Status
	default:
		return &p.Type
	}
}

// MarshalJSON writes the full Webex form, read-only fields included (for fakes, caches, tests).
// Requests use RequestBody.
func (p Person) MarshalJSON() ([]byte, error) {
	m, err := p.fields()
	if err != nil {
		return nil, err
	}
	return json.Marshal(m)
}

// RequestBody is the body of POST /people and PUT /people/{id}: the full form without the fields
// Webex computes (id, created, lastModified, status, invitePending, type, lastActivity). Extra
// fields are carried over, so a PUT built from a GET keeps what SCIM does not map (WX08).
func (p Person) RequestBody() ([]byte, error) {
	m, err := p.fields()
	if err != nil {
		return nil, err
	}
	for _, k := range personReadOnlyKeys {
		delete(m, k)
	}
	return json.Marshal(m)
}

// fields merges Extra and the typed fields into one map (encoding/json then writes its keys in
// order); typed fields win over Extra.
func (p Person) fields() (map[string]json.RawMessage, error) {
	m := make(map[string]json.RawMessage, len(p.Extra)+personFieldCount)
	for k, v := range p.Extra {
		if personField(k) >= 0 || !json.Valid(v) {
			continue
		}
		m[k] = v
	}
	for f := pfID; f <= pfType; f++ {
		if v := *p.stringField(f); v != "" {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("webex: person %s: %w", personFieldNames[f], err)
			}
			m[personFieldNames[f]] = b
		}
	}
	for f, v := range [...][]string{p.Emails, p.Roles, p.Licenses} {
		if v != nil {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("webex: person %s: %w", personFieldNames[pfEmails+f], err)
			}
			m[personFieldNames[pfEmails+f]] = b
		}
	}
	for f, v := range [...]*bool{p.LoginEnabled, p.InvitePending} {
		if v != nil {
			m[personFieldNames[pfLoginEnabled+f]] = json.RawMessage(strconv.FormatBool(*v))
		}
	}
	for f, v := range [...]time.Time{p.Created, p.LastModified} {
		if !v.IsZero() {
			m[personFieldNames[pfCreated+f]] = timeJSON(v)
		}
	}
	return m, nil
}

// Team is a Webex team (design §4.2).
type Team struct {
	ID, Name, Description, CreatorID string
	Created                          time.Time
}

type teamWire struct {
	ID          string          `json:"id,omitempty"`
	Name        string          `json:"name,omitempty"`
	Description string          `json:"description,omitempty"`
	CreatorID   string          `json:"creatorId,omitempty"`
	Created     json.RawMessage `json:"created,omitempty"`
}

// UnmarshalJSON reads a Webex team.
func (t *Team) UnmarshalJSON(data []byte) error {
	var w teamWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	created, err := parseTimeJSON(w.Created)
	if err != nil {
		return fmt.Errorf("webex: team created: %w", err)
	}
	*t = Team{ID: w.ID, Name: w.Name, Description: w.Description, CreatorID: w.CreatorID, Created: created}
	return nil
}

// MarshalJSON writes a team in Webex's form.
func (t Team) MarshalJSON() ([]byte, error) {
	return json.Marshal(teamWire{
		ID: t.ID, Name: t.Name, Description: t.Description, CreatorID: t.CreatorID,
		Created: timeJSON(t.Created),
	})
}

// Membership is a Webex team membership; isModerator is always a JSON boolean (design §5).
type Membership struct {
	ID, TeamID, PersonID, PersonEmail, PersonDisplayName, PersonOrgID string
	IsModerator                                                       bool
	Created                                                           time.Time
}

type membershipWire struct {
	ID                string          `json:"id,omitempty"`
	TeamID            string          `json:"teamId,omitempty"`
	PersonID          string          `json:"personId,omitempty"`
	PersonEmail       string          `json:"personEmail,omitempty"`
	PersonDisplayName string          `json:"personDisplayName,omitempty"`
	PersonOrgID       string          `json:"personOrgId,omitempty"`
	IsModerator       bool            `json:"isModerator"`
	Created           json.RawMessage `json:"created,omitempty"`
}

// UnmarshalJSON reads a Webex team membership.
func (m *Membership) UnmarshalJSON(data []byte) error {
	var w membershipWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	created, err := parseTimeJSON(w.Created)
	if err != nil {
		return fmt.Errorf("webex: membership created: %w", err)
	}
	*m = Membership{
		ID: w.ID, TeamID: w.TeamID, PersonID: w.PersonID, PersonEmail: w.PersonEmail,
		PersonDisplayName: w.PersonDisplayName, PersonOrgID: w.PersonOrgID,
		IsModerator: w.IsModerator, Created: created,
	}
	return nil
}

// MarshalJSON writes a membership in Webex's form.
func (m Membership) MarshalJSON() ([]byte, error) {
	return json.Marshal(membershipWire{
		ID: m.ID, TeamID: m.TeamID, PersonID: m.PersonID, PersonEmail: m.PersonEmail,
		PersonDisplayName: m.PersonDisplayName, PersonOrgID: m.PersonOrgID,
		IsModerator: m.IsModerator, Created: timeJSON(m.Created),
	})
}

// Role is a Webex admin role (design §4.3).
type Role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// License is a Webex licence (design §4.4). The unit counts are JSON numbers in the official spec;
// they are read as numbers and truncated to int.
type License struct {
	ID, Name, SubscriptionID, SiteURL, SiteType                      string
	TotalUnits, ConsumedUnits, ConsumedByUsers, ConsumedByWorkspaces int
}

type licenseWire struct {
	ID                   string   `json:"id,omitempty"`
	Name                 string   `json:"name,omitempty"`
	SubscriptionID       string   `json:"subscriptionId,omitempty"`
	SiteURL              string   `json:"siteUrl,omitempty"`
	SiteType             string   `json:"siteType,omitempty"`
	TotalUnits           *float64 `json:"totalUnits,omitempty"`
	ConsumedUnits        *float64 `json:"consumedUnits,omitempty"`
	ConsumedByUsers      *float64 `json:"consumedByUsers,omitempty"`
	ConsumedByWorkspaces *float64 `json:"consumedByWorkspaces,omitempty"`
}

// UnmarshalJSON reads a Webex licence.
func (l *License) UnmarshalJSON(data []byte) error {
	var w licenseWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	n := func(f *float64) int {
		if f == nil {
			return 0
		}
		return int(*f)
	}
	*l = License{
		ID: w.ID, Name: w.Name, SubscriptionID: w.SubscriptionID, SiteURL: w.SiteURL, SiteType: w.SiteType,
		TotalUnits: n(w.TotalUnits), ConsumedUnits: n(w.ConsumedUnits),
		ConsumedByUsers: n(w.ConsumedByUsers), ConsumedByWorkspaces: n(w.ConsumedByWorkspaces),
	}
	return nil
}

// MarshalJSON writes a licence in Webex's form; unit counts are always present.
func (l License) MarshalJSON() ([]byte, error) {
	f := func(i int) *float64 { v := float64(i); return &v }
	return json.Marshal(licenseWire{
		ID: l.ID, Name: l.Name, SubscriptionID: l.SubscriptionID, SiteURL: l.SiteURL, SiteType: l.SiteType,
		TotalUnits: f(l.TotalUnits), ConsumedUnits: f(l.ConsumedUnits),
		ConsumedByUsers: f(l.ConsumedByUsers), ConsumedByWorkspaces: f(l.ConsumedByWorkspaces),
	})
}

// webexTimeLayout is how Webex writes timestamps: milliseconds and a literal Z (design §5).
const webexTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// FormatTime writes t the way Webex does, e.g. 2026-11-26T09:15:02.123Z.
func FormatTime(t time.Time) string { return t.UTC().Format(webexTimeLayout) }

// AppendTime appends FormatTime(t) to dst.
func AppendTime(dst []byte, t time.Time) []byte { return t.UTC().AppendFormat(dst, webexTimeLayout) }

// ParseTime reads a Webex timestamp: RFC 3339 with or without fractional seconds. An empty string
// is the zero time (Webex leaves timestamps out rather than empty, but be lenient).
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t, nil
}

func parseTimeJSON(v json.RawMessage) (time.Time, error) {
	if len(v) == 0 || isNull(v) {
		return time.Time{}, nil
	}
	var s string
	if err := decodeString(v, &s); err != nil {
		return time.Time{}, err
	}
	return ParseTime(s)
}

func timeJSON(t time.Time) json.RawMessage {
	if t.IsZero() {
		return nil
	}
	return json.RawMessage(strconv.Quote(FormatTime(t)))
}

func isNull(v json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(v), []byte("null")) }

// lenientBool accepts true/false and "true"/"false" (the official spec's examples use strings).
func lenientBool(v json.RawMessage) (bool, error) {
	switch string(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	var b bool
	if err := json.Unmarshal(v, &b); err == nil {
		return b, nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return false, fmt.Errorf("not a boolean: %s", excerpt(v, 40))
	}
	return strconv.ParseBool(s)
}
