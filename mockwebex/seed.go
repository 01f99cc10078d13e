package mockwebex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// SeedDoc is the seed document (fixtures/seed/default.json; POST /_mock/seed;
// WithSeed). Ids are given as uuids (or role keys) and encoded by the fake;
// people name roles by key ("id_full_admin") or id, and licences by key or
// id; team members are named by email.
type SeedDoc struct {
	// Created is the timestamp of every seeded object that gives none.
	Created      string          `json:"created"`
	Organization SeedOrg         `json:"organization"`
	Integration  SeedIntegration `json:"integration"`
	// Admin is the email of the consenting administrator: the owner of
	// WithAdminToken's token and the login_hint that consents.
	Admin    string        `json:"admin"`
	Roles    []SeedRole    `json:"roles"`
	Licenses []SeedLicense `json:"licenses"`
	People   []SeedPerson  `json:"people"`
	Teams    []SeedTeam    `json:"teams"`
	Groups   []SeedGroup   `json:"groups,omitempty"`
}

// SeedOrg is the organisation.
type SeedOrg struct {
	UUID        string `json:"uuid"`
	DisplayName string `json:"displayName"`
}

// SeedIntegration is the Webex integration app (design §2: mock-client-id).
// Any loopback redirect URI is accepted besides RedirectURIs.
type SeedIntegration struct {
	ClientID     string   `json:"clientId"`
	ClientSecret string   `json:"clientSecret"`
	RedirectURIs []string `json:"redirectUris,omitempty"`
}

// SeedRole is a role; its id is base64url("ciscospark://us/ROLE/" + Key).
type SeedRole struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// SeedLicense is a licence.
type SeedLicense struct {
	Key                  string `json:"key"`
	UUID                 string `json:"uuid"`
	Name                 string `json:"name"`
	TotalUnits           int    `json:"totalUnits"`
	ConsumedByWorkspaces int    `json:"consumedByWorkspaces,omitempty"`
	SubscriptionID       string `json:"subscriptionId,omitempty"`
	SiteURL              string `json:"siteUrl,omitempty"`
	SiteType             string `json:"siteType,omitempty"`
}

// SeedPerson is a person: the Person fields plus uuid and state.
type SeedPerson struct {
	UUID              string        `json:"uuid"`
	Emails            []string      `json:"emails"`
	DisplayName       string        `json:"displayName,omitempty"`
	FirstName         string        `json:"firstName,omitempty"`
	LastName          string        `json:"lastName,omitempty"`
	NickName          string        `json:"nickName,omitempty"`
	PhoneNumbers      []PhoneNumber `json:"phoneNumbers,omitempty"`
	Extension         string        `json:"extension,omitempty"`
	LocationID        string        `json:"locationId,omitempty"`
	Avatar            string        `json:"avatar,omitempty"`
	Roles             []string      `json:"roles,omitempty"`
	Licenses          []string      `json:"licenses,omitempty"`
	Department        string        `json:"department,omitempty"`
	Manager           string        `json:"manager,omitempty"`
	ManagerID         string        `json:"managerId,omitempty"`
	Title             string        `json:"title,omitempty"`
	Addresses         []Address     `json:"addresses,omitempty"`
	Timezone          string        `json:"timezone,omitempty"`
	SiteUrls          []string      `json:"siteUrls,omitempty"`
	XmppFederationJid string        `json:"xmppFederationJid,omitempty"`
	Status            string        `json:"status,omitempty"`        // default "active"
	InvitePending     bool          `json:"invitePending,omitempty"` // default false
	LoginEnabled      *bool         `json:"loginEnabled,omitempty"`  // default true
	Type              string        `json:"type,omitempty"`          // default "person"
	Created           string        `json:"created,omitempty"`
	LastActivity      string        `json:"lastActivity,omitempty"`
}

// SeedTeam is a team and its members.
type SeedTeam struct {
	UUID        string       `json:"uuid"`
	Name        string       `json:"name"`
	Description string       `json:"description,omitempty"`
	Creator     string       `json:"creator"` // email
	Created     string       `json:"created,omitempty"`
	Members     []SeedMember `json:"members"`
}

// SeedMember is a team member, by email.
type SeedMember struct {
	Email       string `json:"email"`
	IsModerator bool   `json:"isModerator"`
}

// SeedGroup is a Control Hub group and its members, by email.
type SeedGroup struct {
	UUID        string   `json:"uuid"`
	DisplayName string   `json:"displayName"`
	Description string   `json:"description,omitempty"`
	Created     string   `json:"created,omitempty"`
	Members     []string `json:"members,omitempty"` // emails
}

// parseSeed decodes and checks a seed document and builds a fresh store from
// it. It changes nothing on failure.
func parseSeed(doc []byte, now time.Time) (*store, error) {
	var sd SeedDoc
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields() // a typo in a seed should not pass silently
	if err := dec.Decode(&sd); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	return buildStore(&sd, now)
}

func parseSeedTime(s string, def time.Time) (time.Time, error) {
	if s == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad timestamp %q: %w", s, err)
	}
	return t.UTC(), nil
}

func checkUUID(what, s string) error {
	if _, err := uuid.Parse(s); err != nil || len(s) != 36 {
		return fmt.Errorf("seed: %s: %q is not a uuid", what, s)
	}
	return nil
}

func buildStore(sd *SeedDoc, now time.Time) (*store, error) {
	st := newStore()
	base, err := parseSeedTime(sd.Created, now)
	if err != nil {
		return nil, fmt.Errorf("seed: created: %w", err)
	}
	if err := checkUUID("organization.uuid", sd.Organization.UUID); err != nil {
		return nil, err
	}
	st.org = orgRec{uuid: sd.Organization.UUID, id: makeID(kindOrganization, sd.Organization.UUID),
		displayName: sd.Organization.DisplayName, created: base}
	if sd.Integration.ClientID == "" || sd.Integration.ClientSecret == "" {
		return nil, fmt.Errorf("seed: integration.clientId and integration.clientSecret are required")
	}
	st.integration = integration{clientID: sd.Integration.ClientID, clientSecret: sd.Integration.ClientSecret,
		redirectURIs: sd.Integration.RedirectURIs}

	for i, r := range sd.Roles {
		if r.Key == "" || r.Name == "" || strings.ContainsAny(r.Key, "/:") {
			return nil, fmt.Errorf("seed: roles[%d]: key and name are required, key without / or :", i)
		}
		rr := &roleRec{key: r.Key, id: makeID(kindRole, r.Key), name: r.Name}
		if st.rolesByID[rr.id] != nil {
			return nil, fmt.Errorf("seed: roles[%d]: duplicate key %q", i, r.Key)
		}
		st.roles = append(st.roles, rr)
		st.rolesByID[rr.id] = rr
	}
	for i, l := range sd.Licenses {
		if err := checkUUID(fmt.Sprintf("licenses[%d].uuid", i), l.UUID); err != nil {
			return nil, err
		}
		if l.Key == "" || l.Name == "" {
			return nil, fmt.Errorf("seed: licenses[%d]: key and name are required", i)
		}
		lr := &licenseRec{key: l.Key, uuid: l.UUID, id: makeID(kindLicense, l.UUID), name: l.Name,
			totalUnits: l.TotalUnits, consumedByWorkspaces: l.ConsumedByWorkspaces,
			subscriptionID: l.SubscriptionID, siteURL: l.SiteURL, siteType: l.SiteType}
		if st.licensesByID[lr.id] != nil {
			return nil, fmt.Errorf("seed: licenses[%d]: duplicate uuid", i)
		}
		st.licenses = append(st.licenses, lr)
		st.licensesByID[lr.id] = lr
	}
	for i := range sd.People {
		p, err := st.seedPerson(i, &sd.People[i], base)
		if err != nil {
			return nil, err
		}
		st.addPerson(p)
	}
	admin := st.peopleByEmail[emailKey(sd.Admin)]
	if admin == nil {
		return nil, fmt.Errorf("seed: admin %q is not among the people", sd.Admin)
	}
	st.adminUUID = admin.uuid
	for i := range sd.Teams {
		if err := st.seedTeam(i, &sd.Teams[i], base); err != nil {
			return nil, err
		}
	}
	for i := range sd.Groups {
		if err := st.seedGroup(i, &sd.Groups[i], base); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func (st *store) seedPerson(i int, sp *SeedPerson, base time.Time) (*personRec, error) {
	where := fmt.Sprintf("people[%d]", i)
	if err := checkUUID(where+".uuid", sp.UUID); err != nil {
		return nil, err
	}
	uid := strings.ToLower(sp.UUID)
	if st.peopleByUUID[uid] != nil {
		return nil, fmt.Errorf("seed: %s: duplicate uuid", where)
	}
	if len(sp.Emails) != 1 || !strings.Contains(sp.Emails[0], "@") {
		return nil, fmt.Errorf("seed: %s: exactly one email is required", where)
	}
	if st.peopleByEmail[emailKey(sp.Emails[0])] != nil {
		return nil, fmt.Errorf("seed: %s: duplicate email %s", where, sp.Emails[0])
	}
	created, err := parseSeedTime(sp.Created, base)
	if err != nil {
		return nil, fmt.Errorf("seed: %s.created: %w", where, err)
	}
	lastActive, err := parseSeedTime(sp.LastActivity, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("seed: %s.lastActivity: %w", where, err)
	}
	p := &personRec{uuid: uid, id: makeID(kindPeople, uid), created: created, modified: created,
		lastActive: lastActive, invite: sp.InvitePending, login: sp.LoginEnabled == nil || *sp.LoginEnabled}
	p.p = Person{
		Emails: []string{sp.Emails[0]}, DisplayName: sp.DisplayName, FirstName: sp.FirstName, LastName: sp.LastName,
		NickName: sp.NickName, PhoneNumbers: sp.PhoneNumbers, Extension: sp.Extension, LocationID: sp.LocationID,
		Avatar: sp.Avatar, Department: sp.Department, Manager: sp.Manager, ManagerID: sp.ManagerID, Title: sp.Title,
		Addresses: sp.Addresses, Timezone: sp.Timezone, SiteUrls: sp.SiteUrls, XmppFederationJid: sp.XmppFederationJid,
		Status: sp.Status, Type: sp.Type,
	}
	if p.p.Status == "" {
		p.p.Status = "active"
	}
	if p.p.Type == "" {
		p.p.Type = "person"
	}
	if p.p.DisplayName == "" && p.p.FirstName == "" && p.p.LastName == "" {
		return nil, fmt.Errorf("seed: %s: one of displayName, firstName, lastName is required", where)
	}
	for _, r := range sp.Roles {
		rr := st.roleByKeyOrID(r)
		if rr == nil {
			return nil, fmt.Errorf("seed: %s: unknown role %q", where, r)
		}
		p.p.Roles = append(p.p.Roles, rr.id)
	}
	for _, l := range sp.Licenses {
		lr := st.licenseByKeyOrID(l)
		if lr == nil {
			return nil, fmt.Errorf("seed: %s: unknown licence %q", where, l)
		}
		p.p.Licenses = append(p.p.Licenses, lr.id)
	}
	return p, nil
}

func (st *store) seedTeam(i int, sdt *SeedTeam, base time.Time) error {
	where := fmt.Sprintf("teams[%d]", i)
	if err := checkUUID(where+".uuid", sdt.UUID); err != nil {
		return err
	}
	if sdt.Name == "" {
		return fmt.Errorf("seed: %s: name is required", where)
	}
	if st.teamsByUUID[strings.ToLower(sdt.UUID)] != nil {
		return fmt.Errorf("seed: %s: duplicate uuid", where)
	}
	created, err := parseSeedTime(sdt.Created, base)
	if err != nil {
		return fmt.Errorf("seed: %s.created: %w", where, err)
	}
	t := &teamRec{uuid: strings.ToLower(sdt.UUID), name: sdt.Name, description: sdt.Description, created: created}
	t.id = makeID(kindTeam, t.uuid)
	if sdt.Creator != "" {
		c := st.peopleByEmail[emailKey(sdt.Creator)]
		if c == nil {
			return fmt.Errorf("seed: %s: creator %q is not among the people", where, sdt.Creator)
		}
		t.creatorID = c.id
	}
	if len(sdt.Members) == 0 {
		return fmt.Errorf("seed: %s: a team needs at least one member", where)
	}
	st.addTeam(t)
	for j, m := range sdt.Members {
		p := st.peopleByEmail[emailKey(m.Email)]
		if p == nil {
			return fmt.Errorf("seed: %s.members[%d]: %q is not among the people", where, j, m.Email)
		}
		if t.byPerson[p.uuid] != nil {
			return fmt.Errorf("seed: %s.members[%d]: %s is listed twice", where, j, m.Email)
		}
		st.addMembership(t, p, m.IsModerator, created)
	}
	return nil
}

func (st *store) seedGroup(i int, sg *SeedGroup, base time.Time) error {
	where := fmt.Sprintf("groups[%d]", i)
	if err := checkUUID(where+".uuid", sg.UUID); err != nil {
		return err
	}
	u := strings.ToLower(sg.UUID)
	if st.groupsByUUID[u] != nil {
		return fmt.Errorf("seed: %s: duplicate uuid", where)
	}
	if strings.TrimSpace(sg.DisplayName) == "" {
		return fmt.Errorf("seed: %s: displayName is required", where)
	}
	created, err := parseSeedTime(sg.Created, base)
	if err != nil {
		return fmt.Errorf("seed: %s.created: %w", where, err)
	}
	g := &groupRec{uuid: u, displayName: sg.DisplayName, description: sg.Description, created: created, modified: created}
	st.addGroup(g)
	for j, email := range sg.Members {
		p := st.peopleByEmail[emailKey(email)]
		if p == nil {
			return fmt.Errorf("seed: %s.members[%d]: %q is not among the people", where, j, email)
		}
		if !g.addMember(p) {
			return fmt.Errorf("seed: %s.members[%d]: %s is listed twice", where, j, email)
		}
	}
	return nil
}
