package connector

// The Control Hub groups backend of /Groups (groups_backend.go; WEBEX_GROUP_KIND=groups, design
// §4.7): Groups ↔ Webex Control Hub groups (/v1/groups, scopes identity:groups_rw and
// identity:groups_read), the groups identity providers push to Webex and that licences and
// policies are assigned to. The decisions, for the README:
//
//   - Mapping: id ← group id, displayName ← displayName (required, at most 512 characters),
//     members[].value ← member id (a Webex person id), members[].display ← the member's
//     displayName (read-only), members[].type "User", members[].$ref the member's /Users URL,
//     meta.created ← created and meta.lastModified ← lastModified (plus the datetime offset,
//     design §4.5). Control Hub groups have no externalId (control-hub-groups-facts §4): it is
//     accepted and not stored, as for teams, and /Schemas says so. description is not mapped and
//     is left as Webex has it.
//   - The consenting account is an ordinary person here: Control Hub groups have no moderator,
//     the connector needs no membership to see or change a group, so it is listed, added and
//     removed like anyone else when an identity provider says so.
//   - Writes: a change is planned whole (new members checked with GET /people/{id}, as for
//     teams) and sent as the fewest PATCH /groups/{id} calls: one for up to 500 member changes,
//     the rename in the same call; a PUT or a PATCH replace of members sends the computed
//     difference; a change that changes nothing sends nothing. The PATCH answer is the group as
//     Webex then holds it, so a write costs no read-back (but for groups past 500 members).
//     A create is one POST /groups with up to 500 members, then a PATCH per 500 more.
//   - Failures: the fake applies one PATCH whole or not at all; Webex documents nothing either
//     way, so this is inferred. A refused call (4xx) therefore changed nothing; after a 5xx or no
//     answer Webex may or may not have applied it, and the detail says so (repeating the
//     request is safe: adding a present member or deleting an absent one is a no-op, WX22).
//     When a change takes several calls (more than 500 member changes) and a later one fails,
//     the earlier ones are undone with the inverse PATCH in reverse order and the detail lists
//     what was undone, what could not be, and what was never sent (as for teams, design §3.7).
//     A create whose later PATCH fails deletes its half-made group.
//   - Emptying a group keeps it (WX23): there is no last-member rule (WX05 is for teams).
//   - Filters: `displayName eq` and `displayName sw` (alone) are sent to Webex, which pages
//     them: a list page is one GET /groups (with includeMembers when members are returned), plus
//     one /members walk only for a group past 500 members. `id eq` (alone or and-ed) reads one
//     group. `externalId eq` matches nothing (no group has one) without a Webex call. Any other
//     filter walks GET /groups (1,000 a page, narrowed by an and-ed displayName eq) and is
//     evaluated by the connector; later pages come from the index-paging cache (design §3.4).
//   - excludedAttributes=members reads no members at all; the answer then has no meta.version.
//   - Duplicate names are allowed (WX21): POST with an existing displayName creates another
//     group. A create that fails ambiguously (5xx, no answer) may have happened; the detail
//     says to look for it by name.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/webex-scim/webex-scim/connector/webex"
)

// chGroups is the Control Hub groups backend of /Groups (groups_backend.go).
type chGroups struct{ *Server }

// maxGroupPatchMembers is the most member changes sent in one PATCH /groups/{id}. Webex documents
// no limit; 500 is its limit everywhere else (create body, inline members, /members pages).
const maxGroupPatchMembers = 500

// chCall is one PATCH /groups/{id} of a change, with its inverse and how to name it.
type chCall struct {
	patch, inverse webex.GroupPatch
	todo, done     string
}

// chPlan is what a write asks of a group, worked out before any write: the PATCH calls.
type chPlan struct {
	calls []chCall
}

// plan compares cur with want: a rename and the member differences (new members checked to be
// people; Webex may know a person by several spellings of its id, and its answer is canonical),
// cut into calls of at most maxGroupPatchMembers member changes, the rename in the first.
func (cg *chGroups) plan(ctx context.Context, cur *chState, want groupBody) (*chPlan, error) {
	oldName := cur.group.DisplayName
	var ops []webex.GroupMemberOp
	if want.members != nil {
		current := make(map[string]bool, len(cur.members))
		for _, m := range cur.members {
			current[m.ID] = true
		}
		wanted := map[string]bool{}
		var unknown []string
		for _, id := range want.members {
			if current[id] {
				wanted[id] = true
			} else {
				unknown = append(unknown, id)
			}
		}
		people, err := cg.resolvePeople(ctx, unknown)
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if wanted[p.ID] {
				continue
			}
			wanted[p.ID] = true
			if !current[p.ID] {
				ops = append(ops, webex.GroupMemberOp{ID: p.ID, Operation: webex.GroupMemberAdd})
			}
		}
		for _, m := range cur.members {
			if !wanted[m.ID] {
				ops = append(ops, webex.GroupMemberOp{ID: m.ID, Operation: webex.GroupMemberDelete})
			}
		}
	}
	p := &chPlan{}
	rename := want.displayName != oldName
	for first := true; first || len(ops) > 0; first = false {
		n := min(len(ops), maxGroupPatchMembers)
		c := chCall{patch: webex.GroupPatch{Members: ops[:n:n]}}
		ops = ops[n:]
		var todo, done []string
		if first && rename {
			c.patch.DisplayName, c.inverse.DisplayName = want.displayName, oldName
			todo = append(todo, fmt.Sprintf("rename the group from %q to %q", oldName, want.displayName))
			done = append(done, fmt.Sprintf("renamed the group from %q to %q", oldName, want.displayName))
		}
		if len(c.patch.Members) == 0 && c.patch.DisplayName == "" {
			continue // nothing to send
		}
		adds, dels := 0, 0
		for _, op := range c.patch.Members {
			inv := webex.GroupMemberOp{ID: op.ID, Operation: webex.GroupMemberAdd}
			if op.Operation == webex.GroupMemberAdd {
				inv.Operation = webex.GroupMemberDelete
				adds++
			} else {
				dels++
			}
			c.inverse.Members = append(c.inverse.Members, inv)
		}
		if adds > 0 {
			todo = append(todo, "add "+countOf(adds, "member"))
			done = append(done, "added "+countOf(adds, "member"))
		}
		if dels > 0 {
			todo = append(todo, "remove "+countOf(dels, "member"))
			done = append(done, "removed "+countOf(dels, "member"))
		}
		c.todo, c.done = strings.Join(todo, ", "), strings.Join(done, ", ")
		p.calls = append(p.calls, c)
	}
	return p, nil
}

func countOf(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// create is one POST /groups with the first 500 members, then a PATCH per 500 more; a create
// whose later PATCH fails deletes its half-made group.
func (cg *chGroups) create(r *http.Request, want groupBody) (groupRecord, error) {
	ctx := r.Context()
	people, err := cg.resolvePeople(ctx, want.members)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(people))
	seen := map[string]bool{}
	for _, p := range people {
		if !seen[p.ID] {
			seen[p.ID] = true
			ids = append(ids, p.ID)
		}
	}
	n := min(len(ids), webex.MaxInlineGroupMembers)
	g, err := cg.webex.CreateGroup(ctx, want.displayName, ids[:n])
	if err != nil {
		return nil, cg.createFailed(r, err, want.displayName)
	}
	if n < len(ids) {
		cur := &chState{group: *g, read: true}
		for _, id := range ids[:n] {
			cur.members = append(cur.members, webex.GroupMember{ID: id})
		}
		p, err := cg.plan(ctx, cur, groupBody{displayName: g.DisplayName, members: ids})
		if err != nil {
			return nil, err
		}
		last, err := cg.run(ctx, g.ID, p, false)
		if err != nil {
			return nil, cg.createMembersFailed(r, err, g)
		}
		g = last
	}
	st, err := cg.withAllMembers(ctx, g)
	if err != nil {
		return nil, appliedButUnread(cg.mapError(r, err), "the group was created (id "+g.ID+")")
	}
	return st, nil
}

// createFailed words a failed POST /groups: after a 5xx or no answer Webex may have created the
// group anyway, and names are not unique (WX21), so the connector cannot tell which would be it.
func (cg *chGroups) createFailed(r *http.Request, err error, name string) error {
	if !ambiguousFailure(err) {
		return err
	}
	base := cg.mapError(r, err)
	e := *base
	e.Detail = base.Detail + ". Webex may have created the group anyway; group names are not unique (WX21), so the connector " +
		"cannot tell: look for it with filter=displayName eq \"" + name + "\" before retrying."
	return &e
}

// createMembersFailed deletes the half-made group of a create whose later members could not be
// added, and says what is left.
func (cg *chGroups) createMembersFailed(r *http.Request, err error, g *webex.Group) error {
	undoCtx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), undoTimeout)
	defer cancel()
	derr := cg.webex.DeleteGroup(undoCtx, g.ID)
	var f *changeFailure
	if !errors.As(err, &f) {
		return err
	}
	left := "The half-made group (id " + g.ID + ") was deleted: nothing was created."
	if derr != nil && webexStatus(derr) != http.StatusNotFound {
		left = "Deleting the half-made group failed (" + undoReason(derr) + "): the group " + g.ID +
			" named \"" + g.DisplayName + "\" remains in Webex with the members added so far; delete it with DELETE /Groups/" + g.ID + "."
	}
	base := cg.mapError(r, f.cause)
	e := *base
	e.Detail = "creating the group failed: could not " + f.step + ": " + base.Detail + ". " + left
	return &e
}

// update sends the planned PATCH calls (none when nothing changes) and answers the group as the
// last PATCH answer shows it (members past 500 read from /members).
func (cg *chGroups) update(r *http.Request, cur groupRecord, want groupBody) (groupRecord, error) {
	ctx := r.Context()
	st := cur.(*chState)
	p, err := cg.plan(ctx, st, want)
	if err != nil {
		return nil, err
	}
	if len(p.calls) == 0 {
		return st, nil
	}
	last, err := cg.run(ctx, st.group.ID, p, true)
	if err != nil {
		return nil, cg.writeError(r, err, st.group.ID)
	}
	after, err := cg.withAllMembers(ctx, last)
	if err != nil {
		return nil, appliedButUnread(cg.mapError(r, err), "the change was applied")
	}
	return after, nil
}

// run sends p's calls in order and returns the last answer. On a failure it returns a
// *changeFailure; with rollback the calls already applied are first undone, in reverse order,
// with their inverse PATCH.
func (cg *chGroups) run(ctx context.Context, id string, p *chPlan, rollback bool) (*webex.Group, error) {
	var last *webex.Group
	for i, c := range p.calls {
		g, err := cg.webex.PatchGroup(ctx, id, c.patch)
		if err == nil {
			last = g
			continue
		}
		f := &changeFailure{step: c.todo, cause: err}
		for _, later := range p.calls[i+1:] {
			f.notApplied = append(f.notApplied, later.todo)
		}
		applied := p.calls[:i]
		if !rollback {
			for _, a := range applied {
				f.notUndone = append(f.notUndone, a.done)
			}
			return nil, f
		}
		if len(applied) > 0 {
			cg.log.WarnContext(ctx, "group change failed; undoing the calls applied",
				slog.String("groupId", id), slog.String("step", c.todo), slog.Int("applied", len(applied)))
		}
		undoCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
		for j := len(applied) - 1; j >= 0; j-- {
			a := applied[j]
			if _, uerr := cg.webex.PatchGroup(undoCtx, id, a.inverse); uerr != nil {
				f.notUndone = append(f.notUndone, a.done+" (undo failed: "+undoReason(uerr)+")")
				continue
			}
			f.undone = append(f.undone, a.done)
		}
		cancel()
		return nil, f
	}
	return last, nil
}

// writeError is the SCIM error of a failed change: the status mapError gives the Webex failure
// (so 429 keeps Retry-After, 5xx is 502) and a detail naming the call that failed and what the
// group holds now.
func (cg *chGroups) writeError(r *http.Request, err error, id string) error {
	var f *changeFailure
	if !errors.As(err, &f) {
		return chGroupNotFound(err, id)
	}
	if st := webexStatus(f.cause); st == http.StatusNotFound {
		return chGroupNotFound(f.cause, id)
	}
	base := cg.mapError(r, f.cause)
	e := *base
	report := f.report()
	if ambiguousFailure(f.cause) {
		report = "Webex's answer does not say whether this call was applied: read the group (GET /Groups/" + id +
			") to see; repeating the request is safe (adding a member twice or removing an absent one changes nothing, WX22)."
		if len(f.undone)+len(f.notUndone)+len(f.notApplied) > 0 {
			report = f.report() + " " + report
		}
	} else if len(f.undone)+len(f.notUndone) == 0 {
		report = "Webex applies a group PATCH whole or not at all: " + report
	}
	e.Detail = "could not " + f.step + ": " + base.Detail + ". " + report
	return &e
}

// ambiguousFailure reports a failure after which Webex may have acted: a 5xx, or no answer.
func ambiguousFailure(err error) bool {
	st := webexStatus(err)
	var we *webex.Error
	return st >= 500 || (st == 0 && errors.As(err, &we) && we.Err != nil)
}

// remove deletes the group (DELETE /groups/{id}).
func (cg *chGroups) remove(r *http.Request, id string) error {
	if err := cg.webex.DeleteGroup(r.Context(), id); err != nil {
		return chGroupNotFound(err, id)
	}
	return nil
}
