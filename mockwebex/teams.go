package mockwebex

import (
	"net/http"
	"strings"
)

// teams.go: /teams and /teams/{id} (spec: Teams), and the team rules that
// memberships share.

type access int

const (
	readAccess access = iota
	writeAccess
)

// teamAccess is WX06. Real Webex gives an organisation's administrators no
// rights over teams: a caller who is not a member does not see the team
// (404), and a plain member of a moderated team may not change it (403)
// (vendor page: the consenting account removed or demoted "fails to update
// the group due to insufficient privileges"). Off: a full administrator of
// the organisation sees and manages every team.
func (s *Server) teamAccess(c *call, t *teamRec, need access) error {
	m := t.byPerson[c.caller.uuid]
	orgAdmin := !c.quirks.On(WX06) && c.st.isFullAdmin(c.caller)
	if m == nil && !orgAdmin {
		return errNotFound()
	}
	if need == writeAccess && t.moderators > 0 && (m == nil || !m.moderator) && !orgAdmin {
		return errf(http.StatusForbidden, "Only a moderator of the team may do this.")
	}
	return nil
}

// listsTeam is WX15: lists show only the caller's teams (spec: "Lists teams
// to which the authenticated user belongs"), and memberships are listed only
// for a member. Off: a full administrator lists every team of the org.
func (s *Server) listsTeam(c *call, t *teamRec) bool {
	if t.byPerson[c.caller.uuid] != nil {
		return true
	}
	return !c.quirks.On(WX15) && c.st.isFullAdmin(c.caller)
}

// teamNameFree is WX03: Webex lets several teams have one name (vendor
// page). Off: a name another live team has answers 409.
func (s *Server) teamNameFree(c *call, name string, self *teamRec) error {
	if c.quirks.On(WX03) {
		return nil
	}
	for _, t := range c.st.teams {
		if !t.deleted && t != self && strings.EqualFold(t.name, name) {
			return errf(http.StatusConflict, "A team named %q already exists.", name)
		}
	}
	return nil
}

// creatorModerates is WX11: the creator of a team becomes its member and
// moderator (spec: "automatically added as a member"; moderator observed).
// Off: a plain member.
func creatorModerates(q Quirks) bool { return q.On(WX11) }

// afterLeave is WX05: when the last member leaves, Webex deletes the team
// (vendor page: "removing the last member of the group removes the entire
// group"). Off: the team survives with no members.
func (s *Server) afterLeave(c *call, t *teamRec) {
	if len(t.byPerson) == 0 && c.quirks.On(WX05) {
		c.st.deleteTeam(t)
	}
}

func (s *Server) listTeams(c *call) (*reply, error) {
	const key = "teams"
	pg, err := s.readPage(c, listingKey(key), maxTeams)
	if err != nil {
		return nil, err
	}
	if pg.echo {
		return echoReply(c, listBody[Team]{Items: []Team{}}, pg), nil
	}
	st := c.st
	items, next, more := collect(len(st.teams), pg.start, pg.max, func(i int) (Team, bool) {
		t := st.teams[i]
		if t.deleted || !s.listsTeam(c, t) {
			return Team{}, false
		}
		return st.renderTeam(t), true
	})
	return listReply(c, listBody[Team]{Items: items}, more, next, listingKey(key)), nil
}

func readTeamBody(c *call) (name, description string, hasDescription bool, err error) {
	b, err := readJSONBody(c)
	if err != nil {
		return "", "", false, err
	}
	if name, err = b.requireString("name"); err != nil {
		return "", "", false, err
	}
	description, hasDescription, err = b.str("description")
	return name, description, hasDescription, err
}

func (s *Server) createTeam(c *call) (*reply, error) {
	name, description, _, err := readTeamBody(c)
	if err != nil {
		return nil, err
	}
	if err := s.teamNameFree(c, name, nil); err != nil {
		return nil, err
	}
	t := &teamRec{uuid: s.ids.next("team"), name: name, description: description,
		creatorID: c.caller.id, created: c.now}
	t.id = makeID(kindTeam, t.uuid)
	c.st.addTeam(t)
	c.st.addMembership(t, c.caller, creatorModerates(c.quirks), c.now)
	return okJSON(c.st.renderTeam(t)), nil
}

func (s *Server) team(c *call, need access) (*teamRec, error) {
	t := c.st.liveTeam(pathVar(c.r, "teamId"))
	if t == nil {
		return nil, errNotFound()
	}
	if err := s.teamAccess(c, t, need); err != nil {
		return nil, err
	}
	return t, nil
}

func (s *Server) getTeam(c *call) (*reply, error) {
	t, err := s.team(c, readAccess)
	if err != nil {
		return nil, err
	}
	return okJSON(c.st.renderTeam(t)), nil
}

func (s *Server) updateTeam(c *call) (*reply, error) {
	t, err := s.team(c, writeAccess)
	if err != nil {
		return nil, err
	}
	name, description, hasDescription, err := readTeamBody(c)
	if err != nil {
		return nil, err
	}
	if err := s.teamNameFree(c, name, t); err != nil {
		return nil, err
	}
	t.name = name
	if hasDescription {
		t.description = description
	}
	return okJSON(c.st.renderTeam(t)), nil
}

func (s *Server) deleteTeam(c *call) (*reply, error) {
	t, err := s.team(c, writeAccess)
	if err != nil {
		return nil, err
	}
	c.st.deleteTeam(t)
	return noContent(), nil
}
