package mockwebex

import "slices"

// personView says what a caller may see of a person.
type personView struct {
	admin    bool // an administrator of the org sees roles, licences, invitePending, loginEnabled
	presence bool // status and lastActivity; left out on GET /people?id= and with excludeStatus
}

func boolPtr(b bool) *bool { return &b }

// renderPerson renders p as the API does for a caller with view v.
func (st *store) renderPerson(p *personRec, v personView) Person {
	out := p.p
	out.ID = p.id
	out.OrgID = st.org.id
	out.Emails = slices.Clone(p.p.Emails)
	out.Created = webexTime(p.created)
	out.LastModified = webexTime(p.modified)
	if v.presence {
		out.LastActivity = webexTime(p.lastActive)
	} else {
		out.Status = ""
		out.LastActivity = ""
	}
	if v.admin {
		// Webex renders an admin's view with both arrays, empty or not.
		out.Roles = append([]string{}, p.p.Roles...)
		out.Licenses = append([]string{}, p.p.Licenses...)
		// Booleans, not the strings the spec says (SOURCE.md: known spec error).
		out.InvitePending = boolPtr(p.invite)
		out.LoginEnabled = boolPtr(p.login)
	} else {
		out.Roles, out.Licenses = nil, nil
	}
	return out
}

func (st *store) renderTeam(t *teamRec) Team {
	return Team{ID: t.id, Name: t.name, Description: t.description, CreatorID: t.creatorID, Created: webexTime(t.created)}
}

func (st *store) renderMembership(m *membershipRec) TeamMembership {
	out := TeamMembership{
		ID:                m.id,
		TeamID:            m.team.id,
		PersonID:          m.person.id,
		PersonDisplayName: m.person.p.DisplayName,
		PersonOrgID:       st.org.id,
		IsModerator:       m.moderator,
		Created:           webexTime(m.created),
	}
	if len(m.person.p.Emails) > 0 {
		out.PersonEmail = m.person.p.Emails[0]
	}
	return out
}

func (st *store) renderRole(r *roleRec) Role { return Role{ID: r.id, Name: r.name} }

func (st *store) renderLicense(l *licenseRec) License {
	return License{
		ID: l.id, Name: l.name, TotalUnits: l.totalUnits,
		ConsumedUnits: l.users + l.consumedByWorkspaces, ConsumedByUsers: l.users,
		ConsumedByWorkspaces: l.consumedByWorkspaces,
		SubscriptionID:       l.subscriptionID, SiteURL: l.siteURL, SiteType: l.siteType,
	}
}

// snapshot renders the whole state (GET /_mock/state, Server.State).
func (st *store) snapshot() State {
	s := State{
		People: []Person{}, Teams: []Team{}, Memberships: []TeamMembership{},
		Roles: []Role{}, Licenses: []License{}, Groups: []Group{},
		Organizations: []Organization{st.renderOrganization()},
	}
	for _, p := range st.people {
		if !p.deleted {
			s.People = append(s.People, st.renderPerson(p, personView{admin: true, presence: true}))
		}
	}
	for _, t := range st.teams {
		if t.deleted {
			continue
		}
		s.Teams = append(s.Teams, st.renderTeam(t))
		for _, m := range t.members {
			if !m.deleted {
				s.Memberships = append(s.Memberships, st.renderMembership(m))
			}
		}
	}
	for _, g := range st.groups {
		if !g.deleted {
			s.Groups = append(s.Groups, st.renderGroup(g, NoQuirks(), 0, len(g.members)))
		}
	}
	for _, r := range st.roles {
		s.Roles = append(s.Roles, st.renderRole(r))
	}
	for _, l := range st.licenses {
		s.Licenses = append(s.Licenses, st.renderLicense(l))
	}
	return s
}
