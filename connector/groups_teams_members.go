package connector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// The safe membership update of design §3.7: every group write (POST, PUT, PATCH) is planned in
// full — new members checked to be Webex people — before the first Webex call, then run in the
// order rename → add → remove, then the team is read back. Adding before removing means a
// replacement of every member never empties the team, so Webex's "last member leaves → team
// deleted" (WX05, vendor page: limitations) cannot fire; the connector's own membership is never
// part of a plan, so it is never removed or demoted (WX06). When a step fails, the steps already
// applied are undone in reverse order where Webex allows it, and the error's detail says what was
// applied, what was undone and what was not applied.

// groupChange is what one SCIM write asks of a team, worked out before any write.
type groupChange struct {
	team   webex.Team         // the team as read before the change (for create: as created)
	rename string             // the new name; "" keeps the name
	add    []webex.Person     // people to add as plain members, each checked with GetPerson
	remove []webex.Membership // memberships to delete; never the connector's own
}

func (c *groupChange) empty() bool {
	return c.rename == "" && len(c.add) == 0 && len(c.remove) == 0
}

// planChange compares cur with what the client wants and resolves every new member. want.members
// nil keeps the members as they are. A requested member that is the consenting account itself is
// accepted and ignored: it is a member and moderator already, and is not listed (design §3.7).
func (tg *teamGroups) planChange(ctx context.Context, cur *teamState, self *webex.Person, want groupBody) (*groupChange, error) {
	c := &groupChange{team: cur.team}
	if want.displayName != cur.team.Name {
		c.rename = want.displayName
	}
	if want.members == nil {
		return c, nil
	}
	current := make(map[string]bool, len(cur.members))
	for _, m := range cur.members {
		current[m.PersonID] = true
	}
	wanted := map[string]bool{}
	var unknown []string
	for _, id := range want.members {
		switch {
		case id == self.ID:
		case current[id]:
			wanted[id] = true
		default:
			unknown = append(unknown, id)
		}
	}
	people, err := tg.resolvePeople(ctx, unknown)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		// Webex may know a person by more than one spelling of its id; its answer is canonical.
		if p.ID == self.ID || wanted[p.ID] {
			continue
		}
		wanted[p.ID] = true
		if !current[p.ID] {
			c.add = append(c.add, p)
		}
	}
	for _, m := range cur.members {
		if !wanted[m.PersonID] {
			c.remove = append(c.remove, m)
		}
	}
	// With WX06/WX15 off Webex may show the connector a team it is not in: removing every
	// member of such a team would make Webex delete it (WX05). Refuse before any write.
	if cur.self == nil && len(cur.members) > 0 && len(c.remove) == len(cur.members) && len(c.add) == 0 {
		return nil, invalidValue("removing every member of team %q would make Webex delete the team (WX05), "+
			"because the connector's own account is not a member of it; nothing was changed", cur.team.Name)
	}
	return c, nil
}

// changeStep is one Webex write of a change, with how to undo it.
type changeStep struct {
	todo string // what the step does, as "add member …"
	done string // the same in the past tense, as "added member …"
	do   func(ctx context.Context) error
	// undo reverses the step; set by do (nil: nothing to undo, e.g. the member was already there).
	undo func(ctx context.Context) error
}

// applyChange runs c in design §3.7 order: rename, add, remove. On a failure it returns a
// *changeFailure; with rollback, the steps already applied are first undone in reverse order
// (a create passes rollback false and deletes the whole team instead).
func (tg *teamGroups) applyChange(ctx context.Context, c *groupChange, rollback bool) error {
	steps := tg.changeSteps(c)
	for i, st := range steps {
		err := st.do(ctx)
		if err == nil {
			continue
		}
		f := &changeFailure{step: st.todo, cause: err}
		for _, later := range steps[i+1:] {
			f.notApplied = append(f.notApplied, later.todo)
		}
		applied := steps[:i]
		if !rollback {
			for _, a := range applied {
				f.notUndone = append(f.notUndone, a.done)
			}
			return f
		}
		tg.log.WarnContext(ctx, "group change failed; undoing the steps applied",
			slog.String("teamId", c.team.ID), slog.String("step", st.todo), slog.Int("applied", len(applied)))
		undoCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
		for j := len(applied) - 1; j >= 0; j-- {
			a := applied[j]
			if a.undo == nil {
				continue // nothing was changed by it (the member was there already, or gone)
			}
			if uerr := a.undo(undoCtx); uerr != nil {
				tg.log.WarnContext(ctx, "could not undo a group change step",
					slog.String("teamId", c.team.ID), slog.String("step", a.done), slog.String("error", uerr.Error()))
				f.notUndone = append(f.notUndone, a.done+" (undo failed: "+undoReason(uerr)+")")
				continue
			}
			f.undone = append(f.undone, a.done)
		}
		cancel()
		return f
	}
	return nil
}

// changeSteps lists the Webex writes of c, each with its undo.
func (tg *teamGroups) changeSteps(c *groupChange) []*changeStep {
	teamID, oldName := c.team.ID, c.team.Name
	var steps []*changeStep
	if c.rename != "" {
		st := &changeStep{
			todo: fmt.Sprintf("rename the team from %q to %q", oldName, c.rename),
			done: fmt.Sprintf("renamed the team from %q to %q", oldName, c.rename),
		}
		st.do = func(ctx context.Context) error {
			if _, err := tg.webex.UpdateTeam(ctx, teamID, c.rename); err != nil {
				return err
			}
			st.undo = func(ctx context.Context) error {
				_, err := tg.webex.UpdateTeam(ctx, teamID, oldName)
				return err
			}
			return nil
		}
		steps = append(steps, st)
	}
	for _, p := range c.add {
		st := &changeStep{todo: "add member " + personLabel(p.ID, p.DisplayName), done: "added member " + personLabel(p.ID, p.DisplayName)}
		st.do = func(ctx context.Context) error {
			m, err := tg.webex.CreateMembership(ctx, teamID, p.ID, false)
			if webexStatus(err) == http.StatusConflict {
				return nil // WX13: someone added the person meanwhile; the goal is met and not ours to undo
			}
			if err != nil {
				return err
			}
			st.undo = func(ctx context.Context) error { return ignoreNotFound(tg.webex.DeleteMembership(ctx, m.ID)) }
			return nil
		}
		steps = append(steps, st)
	}
	for _, m := range c.remove {
		label := personLabel(m.PersonID, m.PersonDisplayName)
		st := &changeStep{todo: "remove member " + label, done: "removed member " + label}
		st.do = func(ctx context.Context) error {
			err := tg.webex.DeleteMembership(ctx, m.ID)
			if webexStatus(err) == http.StatusNotFound {
				return nil // gone already: the goal is met and there is nothing of ours to undo
			}
			if err != nil {
				return err
			}
			// Re-adding restores the member with the moderator flag it had; the membership
			// gets a new id and created time, which SCIM does not show.
			st.undo = func(ctx context.Context) error {
				_, err := tg.webex.CreateMembership(ctx, teamID, m.PersonID, m.IsModerator)
				if webexStatus(err) == http.StatusConflict {
					return nil
				}
				return err
			}
			return nil
		}
		steps = append(steps, st)
	}
	return steps
}

// groupWriteError is the SCIM error for a failed group write: a *changeFailure gets the status
// mapError gives its cause (so 429 keeps Retry-After, 5xx is 502) and a detail naming the step
// that failed and what was and was not applied; a Webex 403 becomes the WX06 explanation.
func (tg *teamGroups) groupWriteError(r *http.Request, err error, self *webex.Person, t webex.Team) error {
	var f *changeFailure
	if !errors.As(err, &f) {
		if webexStatus(err) == http.StatusForbidden {
			return tg.lostModerator(self, t, "Nothing was changed.")
		}
		return err
	}
	if webexStatus(f.cause) == http.StatusForbidden {
		return tg.lostModerator(self, t, "Webex refused to "+f.step+". "+f.report())
	}
	base := tg.mapError(r, f.cause)
	e := *base
	e.Detail = "could not " + f.step + ": " + base.Detail + ". " + f.report()
	return &e
}

// lostModerator is the answer when Webex refuses the connector a write on a team because its
// consenting account is no longer a moderator there (WX06; vendor page: limitations — the
// account "has been assigned as a normal member but not a moderator through the Webex Teams User
// Interface"). Webex lets only moderators change a moderated team; the connector never demotes
// itself, so a person did it in Webex, and a person must undo it there.
func (tg *teamGroups) lostModerator(self *webex.Person, t webex.Team, what string) *scim.Error {
	account := "the consenting account"
	if self != nil {
		account = accountName(self)
	}
	name := t.Name
	if name == "" {
		name = t.ID
	}
	return scim.Errorf(http.StatusForbidden, "",
		"the connector's Webex account %s has lost moderator rights on the Webex team %q (id %s): someone demoted it "+
			"in Webex (WX06), and Webex lets only a team's moderators change it. To fix it, a moderator of that team "+
			"makes %s a moderator again in Webex (the connector never demotes or removes its own membership). %s",
		account, name, t.ID, account, what)
}

// demoted reports whether the consenting account is a plain member of a moderated team: every
// write would be refused with 403 (WX06), so a write is refused before anything is sent.
func demoted(st *teamState) bool {
	if st.self == nil || st.self.IsModerator {
		return false
	}
	for _, m := range st.members {
		if m.IsModerator {
			return true
		}
	}
	return false
}
