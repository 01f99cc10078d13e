package mockwebex

import (
	"strings"
	"time"
)

// store is the whole mutable state of the fake. It lives behind Server.mu;
// nothing in it locks. Each kind sits in a map for lookups and, where it is
// listed, in a creation-ordered slice whose positions never move (deleted
// entries stay as tombstones), so a page at cursor position k costs
// O(page), not O(N) (design §5 capacity, §7).
type store struct {
	org         orgRec
	integration integration
	adminUUID   string

	roles     []*roleRec
	rolesByID map[string]*roleRec // by Webex id

	licenses     []*licenseRec
	licensesByID map[string]*licenseRec // by Webex id

	people        []*personRec          // creation order, tombstones kept
	peopleByUUID  map[string]*personRec // deleted ones too (WX07)
	peopleByEmail map[string]*personRec // lower-cased email -> live person

	teams       []*teamRec // creation order, tombstones kept
	teamsByUUID map[string]*teamRec
	memberships map[string]*membershipRec // by Webex id, live only

	groups       []*groupRec // Control Hub groups (groups_store.go), creation order, tombstones kept
	groupsByUUID map[string]*groupRec

	tokens  map[string]*accessToken  // access token -> grant
	refresh map[string]*refreshToken // refresh token -> grant
	codes   map[string]*authCode     // authorization code -> grant
}

type orgRec struct {
	uuid, id, displayName string
	created               time.Time
}

type integration struct {
	clientID, clientSecret string
	redirectURIs           []string
}

type roleRec struct {
	key, id, name string
}

type licenseRec struct {
	key, uuid, id        string
	name                 string
	totalUnits           int
	consumedByWorkspaces int
	subscriptionID       string
	siteURL, siteType    string
	users                int // people holding it, kept as people change
}

type personRec struct {
	uuid, id   string
	pos        int
	p          Person // wire fields; id, orgId, timestamps and booleans filled at render
	created    time.Time
	modified   time.Time
	lastActive time.Time
	invite     bool
	login      bool
	listableAt time.Time // WX19: not listed before this instant
	deleted    bool
}

type teamRec struct {
	uuid, id    string
	pos         int
	name        string
	description string
	creatorID   string
	created     time.Time
	deleted     bool
	members     []*membershipRec          // join order, tombstones kept
	byPerson    map[string]*membershipRec // person uuid -> live membership
	moderators  int                       // live moderators
}

type membershipRec struct {
	id        string
	pos       int
	team      *teamRec
	person    *personRec
	moderator bool
	created   time.Time
	deleted   bool
}

func newStore() *store {
	return &store{
		rolesByID:     map[string]*roleRec{},
		licensesByID:  map[string]*licenseRec{},
		peopleByUUID:  map[string]*personRec{},
		peopleByEmail: map[string]*personRec{},
		teamsByUUID:   map[string]*teamRec{},
		memberships:   map[string]*membershipRec{},
		groupsByUUID:  map[string]*groupRec{},
		tokens:        map[string]*accessToken{},
		refresh:       map[string]*refreshToken{},
		codes:         map[string]*authCode{},
	}
}

func emailKey(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// livePerson finds a person who is not deleted, by id or bare uuid.
func (st *store) livePerson(ref string) *personRec {
	p := st.anyPerson(ref)
	if p == nil || p.deleted {
		return nil
	}
	return p
}

// anyPerson finds a person by id or bare uuid, deleted or not.
func (st *store) anyPerson(ref string) *personRec {
	u, ok := parsePersonRef(ref)
	if !ok {
		return nil
	}
	return st.peopleByUUID[u]
}

func (st *store) liveTeam(ref string) *teamRec {
	u, ok := parseID(kindTeam, ref)
	if !ok {
		return nil
	}
	t := st.teamsByUUID[u]
	if t == nil || t.deleted {
		return nil
	}
	return t
}

func (st *store) addPerson(p *personRec) {
	p.pos = len(st.people)
	st.people = append(st.people, p)
	st.peopleByUUID[p.uuid] = p
	if len(p.p.Emails) > 0 {
		st.peopleByEmail[emailKey(p.p.Emails[0])] = p
	}
	st.countLicenses(nil, p.p.Licenses)
}

// countLicenses keeps each licence's consumed count as people change.
func (st *store) countLicenses(before, after []string) {
	for _, id := range before {
		if l := st.licensesByID[id]; l != nil {
			l.users--
		}
	}
	for _, id := range after {
		if l := st.licensesByID[id]; l != nil {
			l.users++
		}
	}
}

func (st *store) addTeam(t *teamRec) {
	t.pos = len(st.teams)
	t.byPerson = map[string]*membershipRec{}
	st.teams = append(st.teams, t)
	st.teamsByUUID[t.uuid] = t
}

func (st *store) addMembership(t *teamRec, p *personRec, moderator bool, now time.Time) *membershipRec {
	m := &membershipRec{
		id:        makeID(kindTeamMembership, p.uuid+":"+t.uuid),
		pos:       len(t.members),
		team:      t,
		person:    p,
		moderator: moderator,
		created:   now,
	}
	t.members = append(t.members, m)
	t.byPerson[p.uuid] = m
	if moderator {
		t.moderators++
	}
	st.memberships[m.id] = m
	return m
}

func (st *store) removeMembership(m *membershipRec) {
	m.deleted = true
	delete(m.team.byPerson, m.person.uuid)
	delete(st.memberships, m.id)
	if m.moderator {
		m.team.moderators--
	}
}

func (st *store) setModerator(m *membershipRec, on bool) {
	if m.moderator == on {
		return
	}
	m.moderator = on
	if on {
		m.team.moderators++
	} else {
		m.team.moderators--
	}
}

func (st *store) deleteTeam(t *teamRec) {
	for _, m := range t.members {
		if !m.deleted {
			st.removeMembership(m)
		}
	}
	t.deleted = true
}

func (st *store) roleByKeyOrID(v string) *roleRec {
	if r := st.rolesByID[v]; r != nil {
		return r
	}
	for _, r := range st.roles {
		if r.key == v {
			return r
		}
	}
	return nil
}

func (st *store) licenseByKeyOrID(v string) *licenseRec {
	if l := st.licensesByID[v]; l != nil {
		return l
	}
	for _, l := range st.licenses {
		if l.key == v {
			return l
		}
	}
	return nil
}
