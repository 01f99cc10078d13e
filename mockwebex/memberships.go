package mockwebex

import "net/http"

// memberships.go: /team/memberships and /team/memberships/{id} (spec: Team
// Memberships).

// lastModeratorGuard is WX04: the last moderator of a team cannot leave or be
// demoted while other members remain (spec: "The team membership for the
// last moderator of a team may not be deleted"; vendor page). 409. Off:
// allowed; the team is left unmoderated.
func lastModeratorGuard(q Quirks, m *membershipRec) error {
	t := m.team
	if q.On(WX04) && m.moderator && t.moderators == 1 && len(t.byPerson) > 1 {
		return errf(http.StatusConflict, "The last moderator of a team cannot leave or be demoted while other members remain: promote another member first.")
	}
	return nil
}

// duplicateMember is WX13: adding a person who is already a member answers
// 409 (status inferred). Off: the existing membership, unchanged, with 200.
func duplicateMember(q Quirks, existing *membershipRec) (*membershipRec, error) {
	if q.On(WX13) {
		return nil, errf(http.StatusConflict, "The person is already a member of the team.")
	}
	return existing, nil
}

func (s *Server) listMemberships(c *call) (*reply, error) {
	teamID := first(c.q, "teamId")
	if teamID == "" {
		return nil, errBadRequest("Missing required query parameter 'teamId'.")
	}
	t := c.st.liveTeam(teamID)
	if t == nil || !s.listsTeam(c, t) {
		return nil, errNotFound()
	}
	key := listingKey("memberships", t.uuid)
	pg, err := s.readPage(c, key, maxMemberships)
	if err != nil {
		return nil, err
	}
	if pg.echo {
		return echoReply(c, listBody[TeamMembership]{Items: []TeamMembership{}}, pg), nil
	}
	items, next, more := collect(len(t.members), pg.start, pg.max, func(i int) (TeamMembership, bool) {
		m := t.members[i]
		if m.deleted {
			return TeamMembership{}, false
		}
		return c.st.renderMembership(m), true
	})
	return listReply(c, listBody[TeamMembership]{Items: items}, more, next, key), nil
}

func (s *Server) createMembership(c *call) (*reply, error) {
	b, err := readJSONBody(c)
	if err != nil {
		return nil, err
	}
	teamID, err := b.requireString("teamId")
	if err != nil {
		return nil, err
	}
	personID, hasID, err := b.str("personId")
	if err != nil {
		return nil, err
	}
	personEmail, hasEmail, err := b.str("personEmail")
	if err != nil {
		return nil, err
	}
	moderator, _, err := b.boolean("isModerator")
	if err != nil {
		return nil, err
	}
	if (!hasID || personID == "") && (!hasEmail || personEmail == "") {
		return nil, errBadRequest("One of %s is required.", quoteList("personId", "personEmail"))
	}
	t := c.st.liveTeam(teamID)
	if t == nil {
		return nil, errNotFound()
	}
	if err := s.teamAccess(c, t, writeAccess); err != nil {
		return nil, err
	}
	var p *personRec
	if hasID && personID != "" {
		p = c.st.livePerson(personID)
	} else {
		p = c.st.peopleByEmail[emailKey(personEmail)]
	}
	if p == nil {
		return nil, errf(http.StatusNotFound, "The person could not be found.")
	}
	if existing := t.byPerson[p.uuid]; existing != nil {
		m, err := duplicateMember(c.quirks, existing)
		if err != nil {
			return nil, err
		}
		return okJSON(c.st.renderMembership(m)), nil
	}
	m := c.st.addMembership(t, p, moderator, c.now)
	return okJSON(c.st.renderMembership(m)), nil
}

func (s *Server) membership(c *call) (*membershipRec, error) {
	m := c.st.memberships[pathVar(c.r, "membershipId")]
	if m == nil {
		return nil, errNotFound()
	}
	if err := s.teamAccess(c, m.team, readAccess); err != nil {
		return nil, err
	}
	return m, nil
}

func (s *Server) getMembership(c *call) (*reply, error) {
	m, err := s.membership(c)
	if err != nil {
		return nil, err
	}
	return okJSON(c.st.renderMembership(m)), nil
}

func (s *Server) updateMembership(c *call) (*reply, error) {
	m, err := s.membership(c)
	if err != nil {
		return nil, err
	}
	b, err := readJSONBody(c)
	if err != nil {
		return nil, err
	}
	moderator, ok, err := b.boolean("isModerator")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errBadRequest("Missing required field 'isModerator'.")
	}
	if err := s.teamAccess(c, m.team, writeAccess); err != nil {
		return nil, err
	}
	if !moderator {
		if err := lastModeratorGuard(c.quirks, m); err != nil {
			return nil, err
		}
	}
	c.st.setModerator(m, moderator)
	return okJSON(c.st.renderMembership(m)), nil
}

func (s *Server) deleteMembership(c *call) (*reply, error) {
	m, err := s.membership(c)
	if err != nil {
		return nil, err
	}
	if m.person != c.caller { // anyone may leave; removing others needs moderator rights
		if err := s.teamAccess(c, m.team, writeAccess); err != nil {
			return nil, err
		}
	}
	if err := lastModeratorGuard(c.quirks, m); err != nil {
		return nil, err
	}
	c.st.removeMembership(m)
	s.afterLeave(c, m.team)
	return noContent(), nil
}
