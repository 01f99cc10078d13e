package connector

import (
	"bytes"
	"log/slog"
	"net/http"
	"slices"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// The conditional write of a user across replicas (design §3.10, issue 12 item 1).
//
// Webex's PUT /people/{id} replaces the whole person (WX08) and takes no If-Match, so a PUT or
// PATCH of a user is a read-modify-write. Within one process the user's update lock
// (update_locks.go) makes those take turns, and replicas sharing a lock directory
// (shared_locks.go) take turns too; replicas without one do not share the lock, and
// without more, two replicas that read the same person would each send back the value the other
// one replaced: both answer 200, one change is lost. Webex offers no conditional write, so the
// connector builds the condition from reads around its own write:
//
//  1. compare before the write: right before the PUT the person is read again; if it moved
//     since the read the change was computed from, the change is recomputed from the fresh state
//     (and If-Match checked against it) and the compare repeats;
//  2. check after the write: the person is read back; if a field the request changed does not
//     hold what Webex stored from this request's PUT, another replica wrote after it from a read
//     taken before it, and the request's change is applied again on top of what Webex now holds
//     (a PATCH's operations and a PUT's asserted attributes are idempotent: applying them to a
//     state that holds them changes nothing, which sends nothing);
//  3. after maxUserWriteAttempts rounds that did not settle, 409 with a detail saying so.
//
// What this guarantees, and the window it leaves, are written down in design §3.10.

// maxUserWriteAttempts bounds the rounds of compare-write-check of one request.
const maxUserWriteAttempts = 5

// userChange computes the person a request wants from the person it applies to: a PUT's body
// or a PATCH's operations applied to cur (personFromUser, scim.ApplyPatch). It is called again
// on each fresh state, so it must depend on nothing else that changes.
type userChange func(cur *webex.Person) (webex.Person, error)

// writeUserConditionally runs change on the person cur (read under the user's update lock,
// If-Match checked) and answers 200 with the user as this request left it, following the steps
// above.
func (s *Server) writeUserConditionally(w http.ResponseWriter, r *http.Request, cur *webex.Person, change userChange) error {
	ctx := r.Context()
	written := false // once this request has written, If-Match is no longer checked: its own write moved the version
	for attempt := 1; attempt <= maxUserWriteAttempts; attempt++ {
		want, err := change(cur)
		if err != nil {
			return err
		}
		if personUnchanged(cur, &want) {
			// Nothing to send (user_noop.go): Webex holds what the request asks for, whether
			// before any write or because another replica's write holds it too.
			return s.writeUser(w, r, http.StatusOK, cur, personVersion(cur))
		}
		if err := s.guardSelfUpdate(ctx, cur, want); err != nil {
			return err
		}
		fresh, err := s.webex.GetPerson(ctx, cur.ID)
		if err != nil {
			return userNotFound(err, cur.ID)
		}
		if !samePersonState(cur, fresh) {
			s.log.DebugContext(ctx, "the user changed since it was read; recomputing the change", slog.String("userId", cur.ID), slog.Int("attempt", attempt))
			if !written {
				if err := checkIfMatch(r, personVersion(fresh)); err != nil {
					return err
				}
			}
			cur = fresh
			continue
		}
		updated, err := s.webex.UpdatePerson(ctx, cur.ID, want)
		if err != nil {
			return s.confirmGone(ctx, cur.ID, err)
		}
		written = true
		back, err := s.webex.GetPerson(ctx, cur.ID)
		if err != nil {
			// The write is in Webex; only the check could not be made. Answer what it stored.
			s.log.WarnContext(ctx, "the user was updated but could not be read back to check it", slog.String("userId", cur.ID), slog.String("error", err.Error()))
			return s.writeUser(w, r, http.StatusOK, updated, personVersion(updated))
		}
		if reflectsWrite(cur, &want, updated, back) {
			return s.writeUser(w, r, http.StatusOK, updated, personVersion(updated))
		}
		s.log.InfoContext(ctx, "another write replaced this update of the user; applying it again on top", slog.String("userId", cur.ID), slog.Int("attempt", attempt))
		cur = back
	}
	return scim.Errorf(http.StatusConflict, "",
		"user %q: other writes of this user kept replacing this one (Webex replaces the whole person on every update, WX08); "+
			"after %d attempts its change is not in Webex: read the user and repeat the request (design §3.10)", cur.ID, maxUserWriteAttempts)
}

// samePersonState reports whether two reads of one person show the same state: everything a
// full-replace PUT would send back (personUnchanged, every Extra field included, since a PUT
// carries over what SCIM does not map) and Webex's lastModified.
func samePersonState(a, b *webex.Person) bool {
	return a.LastModified.Equal(b.LastModified) && personUnchanged(a, b)
}

// reflectsWrite reports whether back, read after the PUT of want over cur, still holds this
// request's effect: every field want changed from cur holds what Webex stored from the PUT
// (updated, its answer; compared with it rather than with want, since Webex normalises some
// values and sets nickName itself, WX08). Fields the request did not change are not compared:
// another write of them after this one is a later request in a serial order, not a lost update.
func reflectsWrite(cur, want, updated, back *webex.Person) bool {
	type field struct {
		changed, kept bool
	}
	fields := []field{
		{cur.DisplayName != want.DisplayName, back.DisplayName == updated.DisplayName},
		{cur.NickName != want.NickName, back.NickName == updated.NickName},
		{cur.FirstName != want.FirstName, back.FirstName == updated.FirstName},
		{cur.LastName != want.LastName, back.LastName == updated.LastName},
		{cur.Avatar != want.Avatar, back.Avatar == updated.Avatar},
		{cur.Timezone != want.Timezone, back.Timezone == updated.Timezone},
		{!slices.Equal(cur.Emails, want.Emails), slices.Equal(back.Emails, updated.Emails)},
		{!sameSet(cur.Roles, want.Roles), sameSet(back.Roles, updated.Roles)},
		{!sameSet(cur.Licenses, want.Licenses), sameSet(back.Licenses, updated.Licenses)},
		{!sameBool(cur.LoginEnabled, want.LoginEnabled), sameBool(back.LoginEnabled, updated.LoginEnabled)},
	}
	for _, f := range fields {
		if f.changed && !f.kept {
			return false
		}
	}
	// Of Webex's other fields only those the connector writes (user_directory.go) can be this
	// request's change; the rest (presence, lastActivity…) move on their own.
	for _, k := range [...]string{wxTitle, wxDepartment, wxManagerID, wxPhoneNumbers, wxAddresses} {
		if !bytes.Equal(cur.Extra[k], want.Extra[k]) && !bytes.Equal(back.Extra[k], updated.Extra[k]) {
			return false
		}
	}
	return true
}
