package mockwebex

import (
	"slices"
	"strings"
	"time"
)

// groups_store.go: the Control Hub groups of the store (/v1/groups), kept
// apart from teams: a group is a set of people with a name, not a space with
// moderators. Like the rest of the store it lives behind Server.mu and never
// locks.

// Limits of /v1/groups (control-hub-groups-facts §2).
const (
	maxGroupMembersInline = 500  // includeMembers, list and detail (doc)
	maxGroupMembersPage   = 500  // GET /groups/{id}/members count maximum and default (doc)
	maxGroupCreateMembers = 500  // members in a POST body (doc)
	maxGroupsPage         = 1000 // GET /groups count maximum: undocumented, inferred like teams (WX12)
	defaultGroupsPage     = 100  // GET /groups count default: the native SCIM search's (inferred)
	maxGroupDisplayName   = 512  // the native SCIM Group schema's displayName length
)

type groupRec struct {
	uuid, id    string
	pos         int
	displayName string
	description string
	created     time.Time
	modified    time.Time
	deleted     bool
	members     []*personRec        // join order, live only
	byPerson    map[string]struct{} // person uuid -> member
}

// groupLocal is the local part of a group id: "<groupUuid>:<orgUuid>"
// (control-hub-groups-facts §1: group ids carry the org's uuid, unlike people ids).
func (st *store) groupLocal(u string) string { return u + ":" + st.org.uuid }

// liveGroup finds a group that is not deleted by its id. An id of another
// organisation is unknown here.
func (st *store) liveGroup(ref string) *groupRec {
	local, ok := parseID(kindGroup, ref)
	if !ok {
		return nil
	}
	u, org, ok := strings.Cut(local, ":")
	if !ok || org != st.org.uuid {
		return nil
	}
	g := st.groupsByUUID[strings.ToLower(u)]
	if g == nil || g.deleted {
		return nil
	}
	return g
}

func (st *store) addGroup(g *groupRec) {
	g.id = makeID(kindGroup, st.groupLocal(g.uuid))
	g.pos = len(st.groups)
	if g.byPerson == nil {
		g.byPerson = map[string]struct{}{}
	}
	st.groups = append(st.groups, g)
	st.groupsByUUID[g.uuid] = g
}

func (g *groupRec) has(p *personRec) bool {
	_, ok := g.byPerson[p.uuid]
	return ok
}

// addGroupMember adds p; it reports whether the group changed.
func (g *groupRec) addMember(p *personRec) bool {
	if g.has(p) {
		return false
	}
	g.members = append(g.members, p)
	g.byPerson[p.uuid] = struct{}{}
	return true
}

// removeMember removes p; it reports whether the group changed.
func (g *groupRec) removeMember(p *personRec) bool {
	if !g.has(p) {
		return false
	}
	delete(g.byPerson, p.uuid)
	g.members = slices.DeleteFunc(g.members, func(m *personRec) bool { return m == p })
	return true
}

func (st *store) deleteGroup(g *groupRec) {
	g.deleted = true
	g.members, g.byPerson = nil, map[string]struct{}{}
}

// leaveGroups takes a deleted person out of every group (the same object as
// native SCIM membership, which Webex drops with the user); the group's
// lastModified moves, since its members changed. An emptied group stays
// (WX23).
func (st *store) leaveGroups(p *personRec, now time.Time) {
	for _, g := range st.groups {
		if !g.deleted && g.removeMember(p) {
			g.modified = now
		}
	}
}

// renderGroup renders g as the API does. inline is how many members to
// show: -1 none (no includeMembers), else up to that many from offset.
// memberSize is always the true count. An empty member list is left out
// (WX23) or rendered as [] (WX23 off) when members were asked for.
func (st *store) renderGroup(g *groupRec, q Quirks, offset, inline int) Group {
	n := len(g.members)
	out := Group{
		ID: g.id, DisplayName: g.displayName, OrgID: st.org.id, Description: g.description,
		Created: webexTime(g.created), LastModified: webexTime(g.modified), MemberSize: &n,
	}
	if inline < 0 {
		return out
	}
	page := []GroupMember{}
	for i := offset; i < n && len(page) < inline; i++ {
		p := g.members[i]
		page = append(page, GroupMember{ID: p.id, Type: "user", DisplayName: p.p.DisplayName})
	}
	if len(page) == 0 && q.On(WX23) {
		return out
	}
	out.Members = page
	return out
}
