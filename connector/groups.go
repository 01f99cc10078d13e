package connector

// Groups ↔ Webex teams (design §3.7, §4.2; vendor page tables 313 and 317, "Connector limitations").
// The decisions, for the README:
//
//   - A SCIM Group is a Webex team; its members are the team's memberships, people only. A member
//     whose value is not a Webex person (GET /people/{id} answers 404 or 400), or whose type is
//     not "User", answers 400 invalidValue and nothing is changed: every new member is checked
//     before the first write.
//   - Mapping (table 317): id ← team id, displayName ← team name (required), members[].value ←
//     membership personId, members[].display ← personDisplayName (read-only), members[].type is
//     "User" and members[].$ref the member's /Users URL, meta.created ← team created plus the
//     datetime offset (design §4.5). Webex keeps no lastModified for teams, so meta.lastModified is
//     left out (not set to created, which would tell a sync engine a changed group never
//     changed); a filter on meta.lastModified never matches a group.
//   - meta.version (the ETag) covers the name and the members. An answer without members
//     (excludedAttributes=members, or attributes not naming members) reads no memberships and so
//     carries no version; If-Match on PUT, PATCH and DELETE is checked against the full version.
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
//   - Writes of one group (PUT, PATCH, DELETE) take turns within a process (update_locks.go):
//     each holds the group's lock from its read to its read-back, undo included, so a write never
//     plans against, or reports, another one's half-applied change, and an undo only ever removes
//     what its own request added. Across replicas they can still interleave; send If-Match to
//     be sure (design §3.10).
//   - PUT without a members attribute keeps the members (RFC 7644 §3.5.1 lets a provider treat an
//     omitted attribute as not asserted; an identity provider renaming a group must not empty
//     it); "members": [] removes every member but the consenting account.
//   - PATCH (RFC 7644 §3.5.2, design §3.6) is applied in full to the SCIM group with
//     scim.ApplyPatch before any Webex call; the result is diffed against the team and run as
//     above. A replace whose filter matches no member is 400 noTarget; removing an absent member
//     succeeds.
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
//     members are returned. With excludedAttributes=members no membership is read at all. A
//     filter on members reads every listed team's members.
//   - DELETE deletes the team (204).

import (
	"context"
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// getGroup is GET /Groups/{id}: 404 for a team the connector cannot see (WX06).
func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) error {
	st, _, err := s.readGroup(r.Context(), mux.Vars(r)["id"], s.membersShown(projectionParams(r)))
	if err != nil {
		return err
	}
	res := s.groupFromTeam(r, st)
	if notModified(r, versionOf(res)) {
		w.Header().Set("ETag", versionOf(res))
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	return s.writeResource(w, r, http.StatusOK, res, s.groups)
}

// membersShown is membersReturned, without projecting a probe when the request asks for the
// default attribute set (no attributes, no excludedAttributes), where members always are
// (RFC 7643 §4.2: returned "default").
func (s *Server) membersShown(attrs, excluded []string) bool {
	return len(attrs) == 0 && len(excluded) == 0 || s.membersReturned(attrs, excluded)
}

// createGroup is POST /Groups: check the members, create the team (the consenting account
// becomes its moderator, WX11), add the members, read it back; 201 with Location. If adding a
// member fails, the half-made team is deleted (design §3.7).
func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readResourceFor(w, r, groupNotStored(), s.groups)
	if err != nil {
		return err
	}
	want, err := parseGroup(body)
	if err != nil {
		return err
	}
	ctx := r.Context()
	self, err := s.webex.Me(ctx)
	if err != nil {
		return err
	}
	empty := &teamState{team: webex.Team{Name: want.displayName}, membersRead: true}
	change, err := s.planChange(ctx, empty, self, want)
	if err != nil {
		return err
	}
	team, err := s.webex.CreateTeam(ctx, want.displayName)
	if err != nil {
		return s.createTeamFailed(r, err, want.displayName)
	}
	change.team = *team
	if err := s.applyChange(ctx, change, false); err != nil {
		return s.createMembersFailed(r, err, self, team)
	}
	st, err := s.readMembers(ctx, team, self.ID)
	if err != nil {
		return appliedButUnread(s.mapError(r, err), "the group was created (id "+team.ID+")")
	}
	w.Header().Set("Location", s.location(r, "Groups", team.ID))
	return s.writeResource(w, r, http.StatusCreated, s.groupFromTeam(r, st), s.groups)
}

// createTeamFailed words a failed POST /teams. After a 5xx or no answer Webex may have created
// the team anyway; names are not unique (WX03), so the connector cannot find out which team would
// be it, and says so.
func (s *Server) createTeamFailed(r *http.Request, err error, name string) error {
	st := webexStatus(err)
	var we *webex.Error
	ambiguous := st >= 500 || (st == 0 && errors.As(err, &we) && we.Err != nil)
	if !ambiguous {
		return err
	}
	base := s.mapError(r, err)
	e := *base
	e.Detail = base.Detail + ". Webex may have created the team anyway; team names are not unique (WX03), so the connector " +
		"cannot tell: look for it with filter=displayName eq \"" + name + "\" before retrying."
	return &e
}

// createMembersFailed deletes the half-made team of a create whose members could not all be
// added, and says what is left.
func (s *Server) createMembersFailed(r *http.Request, err error, self *webex.Person, team *webex.Team) error {
	undoCtx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), undoTimeout)
	defer cancel()
	derr := s.webex.DeleteTeam(undoCtx, team.ID)
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
		return s.lostModerator(self, *team, "Webex refused to "+f.step+". "+left)
	}
	base := s.mapError(r, f.cause)
	e := *base
	e.Detail = "creating the group failed: could not " + f.step + ": " + base.Detail + ". " + left
	return &e
}

// replaceGroup is PUT /Groups/{id}: displayName required; members, when given, are the whole
// member list (the consenting account aside); when absent, the members are kept.
func (s *Server) replaceGroup(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readResourceFor(w, r, groupNotStored(), s.groups)
	if err != nil {
		return err
	}
	want, err := parseGroup(body)
	if err != nil {
		return err
	}
	st, self, unlock, err := s.readGroupForUpdate(r)
	if err != nil {
		return err
	}
	defer unlock()
	return s.changeGroup(w, r, st, self, want)
}

// patchGroup is PATCH /Groups/{id} (RFC 7644 §3.5.2, design §3.6): the whole patch is applied to
// the SCIM group and validated before anything is sent; the result is then run as a PUT would be.
func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) error {
	// externalId is accepted and not stored (not_stored.go); a patch of nothing else changes
	// nothing and answers the group as it is (changeGroup plans no change).
	ops, err := s.readPatch(w, r, groupNotStored())
	if err != nil {
		return err
	}
	st, self, unlock, err := s.readGroupForUpdate(r)
	if err != nil {
		return err
	}
	defer unlock()
	after, err := scim.ApplyPatch(s.groupFromTeam(r, st), s.groups, ops)
	if err != nil {
		return err
	}
	want, err := parseGroup(after)
	if err != nil {
		return err
	}
	if want.members == nil {
		want.members = []string{} // a patched group is complete: no members attribute, no members
	}
	return s.changeGroup(w, r, st, self, want)
}

// changeGroup plans, checks and runs a group update, then answers 200 with the group as Webex
// now holds it.
func (s *Server) changeGroup(w http.ResponseWriter, r *http.Request, st *teamState, self *webex.Person, want groupBody) error {
	ctx := r.Context()
	change, err := s.planChange(ctx, st, self, want)
	if err != nil {
		return err
	}
	if change.empty() {
		return s.writeResource(w, r, http.StatusOK, s.groupFromTeam(r, st), s.groups)
	}
	if demoted(st) {
		return s.lostModerator(self, st.team, "Nothing was changed.")
	}
	if err := s.applyChange(ctx, change, true); err != nil {
		return s.groupWriteError(r, err, self, st.team)
	}
	t, err := s.readTeam(ctx, st.team.ID)
	if err != nil {
		return appliedButUnread(s.mapError(r, err), "the change was applied")
	}
	after, err := s.readMembers(ctx, t, self.ID)
	if err != nil {
		return appliedButUnread(s.mapError(r, err), "the change was applied")
	}
	return s.writeResource(w, r, http.StatusOK, s.groupFromTeam(r, after), s.groups)
}

// deleteGroup is DELETE /Groups/{id}: the team is deleted; 204.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := mux.Vars(r)["id"]
	// Under the group's update lock, so that If-Match is checked against the version the delete
	// removes, not one a write in flight is about to change (RFC 7644 §3.14).
	unlock, err := s.updates.lock(ctx, lockKey("Groups", id))
	if err != nil {
		return err
	}
	defer unlock()
	if len(r.Header.Values("If-Match")) > 0 {
		st, _, err := s.readGroup(ctx, id, true)
		if err != nil {
			return err
		}
		if err := checkIfMatch(r, groupVersion(st)); err != nil {
			return err
		}
	}
	err = s.webex.DeleteTeam(ctx, id)
	switch webexStatus(err) {
	case 0:
		if err != nil {
			return err
		}
	case http.StatusForbidden:
		// WX06: name the team and the account in the answer (best effort: both are reads).
		team := webex.Team{ID: id}
		if t, terr := s.webex.GetTeam(ctx, id); terr == nil {
			team = *t
		}
		self, merr := s.webex.Me(ctx)
		if merr != nil {
			self = nil // lostModerator then names "the consenting account"
		}
		return s.lostModerator(self, team, "The team was not deleted.")
	default:
		return groupNotFound(err, id)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// appliedButUnread is the answer when a write succeeded but the read-back failed: the client
// must not retry blindly (a retried create would make a second team, WX03).
func appliedButUnread(e *scim.Error, what string) *scim.Error {
	c := *e
	c.Detail = what + " in Webex, but reading the group back failed: " + e.Detail
	return &c
}

// readGroupForUpdate takes the group's update lock (updateLocks), reads the group a PUT or PATCH
// names, with its members, and checks If-Match against its full version (RFC 7644 §3.14) before
// anything is planned. The caller holds the lock until its change, any undo of it and the
// read-back are done, so that no other write of the group in this process plans against a
// half-applied change or sees its work undone (issue 15).
func (s *Server) readGroupForUpdate(r *http.Request) (*teamState, *webex.Person, func(), error) {
	id := mux.Vars(r)["id"]
	unlock, err := s.updates.lock(r.Context(), lockKey("Groups", id))
	if err != nil {
		return nil, nil, nil, err
	}
	st, self, err := s.readGroup(r.Context(), id, true)
	if err != nil {
		unlock()
		return nil, nil, nil, err
	}
	if err := checkIfMatch(r, groupVersion(st)); err != nil {
		unlock()
		return nil, nil, nil, err
	}
	return st, self, unlock, nil
}
