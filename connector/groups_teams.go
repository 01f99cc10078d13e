package connector

// The teams backend of /Groups (groups_backend.go, the default kind): Groups ↔ Webex teams
// (design §3.7, §4.2; vendor page tables 313 and 317, "Connector limitations").
// The decisions, for the README:
//
//   - A SCIM Group is a Webex team; its members are the team's memberships, people only. A member
//     whose value is not a Webex person (GET /people/{id} answers 404 or 400), or whose type is
//     not "User", answers 400 invalidValue and nothing is changed: every new member is checked
//     before the first write.
//   - Mapping (table 317): id ← team id, displayName ← team name (required), members[].value ←
//     membership personId, members[].display ← personDisplayName (read-only), members[].type is
//     "User" and members[].$ref the member's /Users URL, meta.created ← team created plus the
//     datetime offset (design §4.5). Webex keeps no lastModified for teams: meta.lastModified is
//     the latest time Webex keeps, the team's or a membership's created (RFC 7643 §3.1: created
//     until anything changed), and the version covers it, so adding a member moves both; a
//     rename or a removal moves the version only (Webex records no time for them). An answer
//     that reads no members (excludedAttributes=members) shows created; a filter on
//     meta.lastModified reads the members to be evaluated.
//   - The consenting account (the owner of the connector's Webex token, GET /people/me) creates
//     the teams and is their moderator (WX11). It is never listed among members, never removed
//     and never demoted; naming it as a member is accepted and changes nothing. So identity
//     providers see exactly the members they manage, and the connector never locks itself out.
//   - Updates run rename → add → remove → read back (design §3.7), planned and validated before the
//     first write. Adding before removing means replacing every member never empties the team, so
//     Webex never deletes it (WX05). If a step fails, the applied steps are undone in reverse
//     order (rename back, delete added memberships, re-add removed members with their moderator
//     flag) and the error's detail lists what was undone, what could not be, and what was never
//     sent; its status is the one the Webex failure maps to (design §3.9). A failed create deletes
//     its half-made team.
//   - "members": [] in a PUT removes every member but the consenting account.
//   - WX06: once someone demotes the consenting account to a plain member in Webex, Webex refuses
//     the connector's writes to that team. Such a write answers 403 with a detail naming the
//     account and the team and saying how to fix it (a moderator makes the account a moderator
//     again); when the connector can tell beforehand, nothing is sent. Once the account is
//     removed from a team, the team is invisible to it: 404.
//   - Duplicate names are allowed (WX03): POST with an existing displayName creates another team,
//     and displayName eq returns every team of that name. A create that fails ambiguously (5xx,
//     no answer) cannot be checked by name, so the detail says to look for it.
//   - Listing shows only the teams the consenting account belongs to (WX15: Webex lists no
//     others). Filters are evaluated by the connector over that list; "id eq" (alone or and-ed
//     with other terms, as Entra sends it) reads one team instead.
//   - Cost: a list walks GET /teams (1,000 a page) once per query (later pages come from the
//     index-paging cache), plus GET /people/me and one membership walk per group on the page when
//     members are returned, WEBEX_FANOUT of them at a time (fanout.go). With excludedAttributes=members no membership is read at all. A
//     filter on members reads every listed team's members.
//   - DELETE deletes the team (204).

import (
	"context"
	"errors"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// teamGroups is the teams backend of /Groups (groups_backend.go).
type teamGroups struct{ *Server }

func (st *teamState) membersRead() bool { return st.read }
func (st *teamState) version() string   { return groupVersion(st) }

func (tg *teamGroups) schema() *scim.Schema { return scim.GroupSchema() }

func (tg *teamGroups) resourceType() scim.ResourceType {
	return scim.ResourceType{
		ID: "Group", Name: "Group", Endpoint: "/Groups", Schema: scim.SchemaGroup,
		Description: "A Webex team",
	}
}

// read reads a team and, withMembers, the consenting account and the team's memberships; 404
// for a team the connector cannot see (WX06).
func (tg *teamGroups) read(ctx context.Context, id string, withMembers bool) (groupRecord, error) {
	st, _, err := tg.readGroup(ctx, id, withMembers)
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (tg *teamGroups) resource(r *http.Request, g groupRecord) scim.Resource {
	return tg.groupFromTeam(r, g.(*teamState))
}

// create checks the members, creates the team (the consenting account becomes its moderator,
// WX11), adds the members and reads it back. If adding a member fails, the half-made team is
// deleted (design §3.7).
func (tg *teamGroups) create(r *http.Request, want groupBody) (groupRecord, error) {
	ctx := r.Context()
	self, err := tg.webex.Me(ctx)
	if err != nil {
		return nil, err
	}
	empty := &teamState{team: webex.Team{Name: want.displayName}, read: true}
	change, err := tg.planChange(ctx, empty, self, want)
	if err != nil {
		return nil, err
	}
	team, err := tg.webex.CreateTeam(ctx, want.displayName)
	if err != nil {
		return nil, tg.createTeamFailed(r, err, want.displayName)
	}
	change.team = *team
	if err := tg.applyChange(ctx, change, false); err != nil {
		return nil, tg.createMembersFailed(r, err, self, team)
	}
	st, err := tg.readMembers(ctx, team, self.ID)
	if err != nil {
		return nil, appliedButUnread(tg.mapError(r, err), "the group was created (id "+team.ID+")")
	}
	return st, nil
}

// createTeamFailed words a failed POST /teams. After a 5xx or no answer Webex may have created
// the team anyway; names are not unique (WX03), so the connector cannot find out which team would
// be it, and says so.
func (tg *teamGroups) createTeamFailed(r *http.Request, err error, name string) error {
	st := webexStatus(err)
	var we *webex.Error
	ambiguous := st >= 500 || (st == 0 && errors.As(err, &we) && we.Err != nil)
	if !ambiguous {
		return err
	}
	base := tg.mapError(r, err)
	e := *base
	e.Detail = base.Detail + ". Webex may have created the team anyway; team names are not unique (WX03), so the connector " +
		"cannot tell: look for it with filter=displayName eq \"" + name + "\" before retrying."
	return &e
}

// createMembersFailed deletes the half-made team of a create whose members could not all be
// added, and says what is left.
func (tg *teamGroups) createMembersFailed(r *http.Request, err error, self *webex.Person, team *webex.Team) error {
	undoCtx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), undoTimeout)
	defer cancel()
	derr := tg.webex.DeleteTeam(undoCtx, team.ID)
	var f *changeFailure
	if !errors.As(err, &f) {
		return err
	}
	left := "The half-made team (id " + team.ID + ") was deleted: nothing was created."
	if derr != nil && webexStatus(derr) != http.StatusNotFound {
		left = "Deleting the half-made team failed (" + undoReason(derr) + "): the team " + team.ID +
			" named \"" + team.Name + "\" remains in Webex with the members added so far; delete it with DELETE /Groups/" + team.ID + "."
	}
	if webexStatus(f.cause) == http.StatusForbidden {
		return tg.lostModerator(self, *team, "Webex refused to "+f.step+". "+left)
	}
	base := tg.mapError(r, f.cause)
	e := *base
	e.Detail = "creating the group failed: could not " + f.step + ": " + base.Detail + ". " + left
	return &e
}

// update plans, checks and runs a group update (design §3.7), then reads the team back.
func (tg *teamGroups) update(r *http.Request, cur groupRecord, want groupBody) (groupRecord, error) {
	ctx := r.Context()
	st := cur.(*teamState)
	self := st.me
	change, err := tg.planChange(ctx, st, self, want)
	if err != nil {
		return nil, err
	}
	if change.empty() {
		return st, nil
	}
	if demoted(st) {
		return nil, tg.lostModerator(self, st.team, "Nothing was changed.")
	}
	if err := tg.applyChange(ctx, change, true); err != nil {
		return nil, tg.groupWriteError(r, err, self, st.team)
	}
	t, err := tg.readTeam(ctx, st.team.ID)
	if err != nil {
		return nil, appliedButUnread(tg.mapError(r, err), "the change was applied")
	}
	after, err := tg.readMembers(ctx, t, self.ID)
	if err != nil {
		return nil, appliedButUnread(tg.mapError(r, err), "the change was applied")
	}
	after.me = self
	return after, nil
}

// remove deletes the team; a refusal because the consenting account lost its moderator rights
// names the team and the account (WX06).
func (tg *teamGroups) remove(r *http.Request, id string) error {
	ctx := r.Context()
	err := tg.webex.DeleteTeam(ctx, id)
	switch webexStatus(err) {
	case 0:
		return err
	case http.StatusForbidden:
		// WX06: name the team and the account in the answer (best effort: both are reads).
		team := webex.Team{ID: id}
		if t, terr := tg.webex.GetTeam(ctx, id); terr == nil {
			team = *t
		}
		self, merr := tg.webex.Me(ctx)
		if merr != nil {
			self = nil // lostModerator then names "the consenting account"
		}
		return tg.lostModerator(self, team, "The team was not deleted.")
	default:
		return groupNotFound(err, id)
	}
}
