package connector

import (
	"context"
	"net/http"
	"time"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// membershipPage is the Webex page size when a team's memberships are walked: the largest Webex
// serves (WX12 clamps a larger one), so a team of N members costs N/1000 calls.
const membershipPage = 1000

// maxMembershipPages bounds one team's membership walk, so a misbehaving Webex cannot keep the
// connector paging for ever (a million members is far beyond any Webex team).
const maxMembershipPages = 1000

// teamState is a Webex team as the connector reads it for one request: the team, and (when they
// were read) its memberships split into the consenting account's own and everyone else'tg.
type teamState struct {
	team webex.Team
	// read says whether the memberships below were read; answers that leave members out
	// (excludedAttributes=members) do not read them at all.
	read bool
	// me is the consenting account, read with the memberships (nil without them): group writes
	// start from it (design §3.7).
	me *webex.Person
	// self is the consenting account's membership (the token owner, webex Client.Me), nil when
	// it is not a member (possible only when Webex shows it teams it is not in, WX06/WX15 off).
	self *webex.Membership
	// members are the other memberships, in Webex's order: the SCIM Group's members (design §3.7).
	members []webex.Membership
}

// groupFromTeam maps a team to a SCIM Group (design §4.2, vendor page table 317):
//
//	id ← team id                          displayName ← team name
//	members[].value ← personId            members[].display ← personDisplayName (read-only)
//	meta.created ← team created (+ datetime offset, design §4.5)
//	meta.lastModified ← the latest Webex time of the team: its created, or a membership's created
//
// members[].type is "User" and members[].$ref the member's /Users location: Webex teams hold
// people only. The consenting account's own membership is never listed (design §3.7). When the
// memberships were not read, members and meta.version are left out: the version covers the
// members, and computing it would cost the membership walk the caller asked to avoid.
func (tg *teamGroups) groupFromTeam(r *http.Request, st *teamState) scim.Resource {
	t := st.team
	res := scim.Resource{
		"schemas":     []any{scim.SchemaGroup},
		"id":          t.ID,
		"displayName": t.Name,
	}
	version := ""
	if st.read {
		if len(st.members) > 0 {
			members := make([]any, 0, len(st.members))
			for _, m := range st.members {
				e := map[string]any{
					"value": m.PersonID,
					"type":  "User",
					"$ref":  tg.location(r, "Users", m.PersonID),
				}
				putString(e, "display", m.PersonDisplayName)
				members = append(members, e)
			}
			res["members"] = members
		}
		version = groupVersion(st)
	}
	// RFC 7643 §3.1: lastModified is created until the resource changes. Webex keeps no
	// lastModified for teams (design §4.2); the latest time it does keep is when the team was
	// created or a member added (membership created), so that is lastModified, and the version
	// covers it (groupVersion): adding a member moves both. A rename or a removal leaves no time
	// in Webex: it moves the version only. Without the memberships read, created is the only time
	// there is.
	res["meta"] = tg.meta("Group", tg.location(r, "Groups", t.ID), t.Created, teamLastModified(st), version)
	return res
}

// teamLastModified is meta.lastModified of a team (see groupFromTeam): the latest of its created
// and its memberships' created (the consenting account's own included), never before created.
func teamLastModified(st *teamState) time.Time {
	last := st.team.Created
	later := func(m *webex.Membership) {
		if m != nil && m.Created.After(last) {
			last = m.Created
		}
	}
	later(st.self)
	for i := range st.members {
		later(&st.members[i])
	}
	return last
}

// groupVersion is meta.version of a group: a weak ETag over what SCIM shows of it (name, created,
// lastModified, and each member's id and display name), so that any change a client could see
// changes it, and lastModified never moves without it.
func groupVersion(st *teamState) string {
	type member struct{ ID, Display string }
	v := struct {
		ID, Name              string
		Created, LastModified time.Time
		Members               []member
	}{ID: st.team.ID, Name: st.team.Name, Created: st.team.Created, LastModified: teamLastModified(st)}
	for _, m := range st.members {
		v.Members = append(v.Members, member{m.PersonID, m.PersonDisplayName})
	}
	return weakETag(v)
}

// readTeam reads one team. A team Webex does not show the connector is 404 (WX06: a team the
// consenting account left is invisible to it).
func (tg *teamGroups) readTeam(ctx context.Context, id string) (*webex.Team, error) {
	t, err := tg.webex.GetTeam(ctx, id)
	if err != nil {
		return nil, groupNotFound(err, id)
	}
	return t, nil
}

// readMembers walks a team's memberships (Webex pages them; the next links are followed) and
// splits off the consenting account's own, selfID.
func (tg *teamGroups) readMembers(ctx context.Context, t *webex.Team, selfID string) (*teamState, error) {
	ms, err := tg.readMemberships(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	return withMemberships(t, ms, selfID), nil
}

// readMemberships walks a team's memberships, every page.
func (tg *teamGroups) readMemberships(ctx context.Context, teamID string) ([]webex.Membership, error) {
	var all []webex.Membership
	next := ""
	for range maxMembershipPages {
		page, err := tg.webex.ListMemberships(ctx, teamID, membershipPage, next)
		if err != nil {
			return nil, groupNotFound(err, teamID)
		}
		all = append(all, page.Items...)
		if page.Next == "" || page.Next == next {
			return all, nil
		}
		next = page.Next
	}
	return nil, scim.Errorf(http.StatusBadGateway, "",
		"Webex kept paging the memberships of team %q past %d pages", teamID, maxMembershipPages)
}

// withMemberships is team t with its memberships ms, the consenting account's own (selfID)
// split off.
func withMemberships(t *webex.Team, ms []webex.Membership, selfID string) *teamState {
	st := &teamState{team: *t, read: true, members: make([]webex.Membership, 0, len(ms))}
	for i := range ms {
		if ms[i].PersonID == selfID {
			st.self = &ms[i]
			continue
		}
		st.members = append(st.members, ms[i])
	}
	return st
}

// readGroup reads a team and, withMembers, the consenting account (webex Client.Me) and the
// team's memberships: the state every group write starts from. self is nil without members.
func (tg *teamGroups) readGroup(ctx context.Context, id string, withMembers bool) (st *teamState, self *webex.Person, err error) {
	t, err := tg.readTeam(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if !withMembers {
		return &teamState{team: *t}, nil, nil
	}
	if self, err = tg.webex.Me(ctx); err != nil {
		return nil, nil, err
	}
	if st, err = tg.readMembers(ctx, t, self.ID); err != nil {
		return nil, nil, err
	}
	st.me = self
	return st, self, nil
}

// groupNotFound words a Webex 404 (or 400: an id Webex cannot parse) on a team read as a SCIM
// 404 naming the group; other errors pass through to mapError.
func groupNotFound(err error, id string) error {
	switch webexStatus(err) {
	case http.StatusNotFound, http.StatusBadRequest:
		return scim.Errorf(http.StatusNotFound, "",
			"no group %q: Webex shows the connector only teams its consenting account belongs to (WX06, WX15)", id)
	}
	return err
}
