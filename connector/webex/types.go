package webex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Person is a Webex person (GET /people/{id}). The fields the connector maps (SPEC §4.1) are
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

// personKnownKeys are the Webex field names of Person's typed fields; everything else is Extra.
var personKnownKeys = map[string]bool{
	"id": true, "emails": true, "displayName": true, "nickName": true, "firstName": true,
	"lastName": true, "avatar": true, "orgId": true, "roles": true, "licenses": true,
	"timezone": true, "status": true, "type": true, "loginEnabled": true, "invitePending": true,
	"created": true, "lastModified": true,
}

// personReadOnlyKeys are fields Webex computes; a POST or PUT body never carries them. orgId is
// kept: Webex accepts it and it names the organisation the person belongs to.
var personReadOnlyKeys = []string{
	"id", "created", "lastModified", "status", "invitePending", "type", "lastActivity",
}

// UnmarshalJSON reads a Webex person. loginEnabled and invitePending are JSON booleans in real
// responses (SPEC §5) but strings in the official spec's examples, so both are accepted.
func (p *Person) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		return fmt.Errorf("webex: person: not a JSON object")
	}
	var out Person
	str := map[string]*string{
		"id": &out.ID, "displayName": &out.DisplayName, "nickName": &out.NickName,
		"firstName": &out.FirstName, "lastName": &out.LastName, "avatar": &out.Avatar,
		"orgId": &out.OrgID, "timezone": &out.Timezone, "status": &out.Status, "type": &out.Type,
	}
	for k, dst := range str {
		if v, ok := raw[k]; ok && !isNull(v) {
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("webex: person %s: %w", k, err)
			}
		}
	}
	lists := map[string]*[]string{"emails": &out.Emails, "roles": &out.Roles, "licenses": &out.Licenses}
	for k, dst := range lists {
		if v, ok := raw[k]; ok && !isNull(v) {
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("webex: person %s: %w", k, err)
			}
		}
	}
	bools := map[string]**bool{"loginEnabled": &out.LoginEnabled, "invitePending": &out.InvitePending}
	for k, dst := range bools {
		if v, ok := raw[k]; ok && !isNull(v) {
			b, err := lenientBool(v)
			if err != nil {
				return fmt.Errorf("webex: person %s: %w", k, err)
			}
			*dst = &b
		}
	}
	times := map[string]*time.Time{"created": &out.Created, "lastModified": &out.LastModified}
	for k, dst := range times {
		if v, ok := raw[k]; ok {
			t, err := parseTimeJSON(v)
			if err != nil {
				return fmt.Errorf("webex: person %s: %w", k, err)
			}
			*dst = t
		}
	}
	for k, v := range raw {
		if personKnownKeys[k] {
			continue
		}
		if out.Extra == nil {
			out.Extra = make(map[string]json.RawMessage)
		}
		out.Extra[k] = append(json.RawMessage(nil), v...)
	}
	*p = out
	return nil
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

// fields merges Extra and the typed fields into one map; typed fields win over Extra.
func (p Person) fields() (map[string]json.RawMessage, error) {
	m := make(map[string]json.RawMessage, len(p.Extra)+17)
	for k, v := range p.Extra {
		if personKnownKeys[k] || !json.Valid(v) {
			continue
		}
		m[k] = v
	}
	put := func(k string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("webex: person %s: %w", k, err)
		}
		m[k] = b
		return nil
	}
	for k, v := range map[string]string{
		"id": p.ID, "displayName": p.DisplayName, "nickName": p.NickName, "firstName": p.FirstName,
		"lastName": p.LastName, "avatar": p.Avatar, "orgId": p.OrgID, "timezone": p.Timezone,
		"status": p.Status, "type": p.Type,
	} {
		if v != "" {
			if err := put(k, v); err != nil {
				return nil, err
			}
		}
	}
	for k, v := range map[string][]string{"emails": p.Emails, "roles": p.Roles, "licenses": p.Licenses} {
		if v != nil {
			if err := put(k, v); err != nil {
				return nil, err
			}
		}
	}
	for k, v := range map[string]*bool{"loginEnabled": p.LoginEnabled, "invitePending": p.InvitePending} {
		if v != nil {
			if err := put(k, *v); err != nil {
				return nil, err
			}
		}
	}
	for k, v := range map[string]time.Time{"created": p.Created, "lastModified": p.LastModified} {
		if !v.IsZero() {
			if err := put(k, FormatTime(v)); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

// Team is a Webex team (SPEC §4.2).
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

// Membership is a Webex team membership; isModerator is always a JSON boolean (SPEC §5).
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

// Role is a Webex admin role (SPEC §4.3).
type Role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// License is a Webex licence (SPEC §4.4). The unit counts are JSON numbers in the official spec;
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

// webexTimeLayout is how Webex writes timestamps: milliseconds and a literal Z (SPEC §5).
const webexTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// FormatTime writes t the way Webex does, e.g. 2026-11-26T09:15:02.123Z.
func FormatTime(t time.Time) string { return t.UTC().Format(webexTimeLayout) }

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
	if err := json.Unmarshal(v, &s); err != nil {
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
