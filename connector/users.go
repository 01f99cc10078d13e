package connector

import (
	"context"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// getUser is GET /Users/{id}.
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	p, err := s.webex.GetPerson(r.Context(), id)
	if err != nil {
		return userNotFound(err, id)
	}
	version := personVersion(p)
	if notModified(r, version) {
		w.Header().Set("ETag", version)
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	return s.writeUser(w, r, http.StatusOK, p, version)
}

// createUser is POST /Users (design §3.2): 201, the user, Location = meta.location.
//
// Webex's POST /people takes no loginEnabled and makes every new person pending with login
// disabled (WX09); when the client asks for active:true, one PUT follows. nickName is readOnly
// (accepted and not stored, not_stored.go): Webex's people spec says it "cannot be overwritten and
// instead will be set to the firstName automatically in update requests" (WX08), so no write could
// keep a nickName that differs from the first name. If that PUT fails, the person exists: the
// error says so and names it, and the client's retry finds it by userName (409 uniqueness, then a
// lookup).
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readResourceFor(w, r, userNotStored(), s.users)
	if err != nil {
		return err
	}
	want, err := personFromUser(body, nil, modeCreate)
	if err != nil {
		return err
	}
	if err := s.resolveManager(r.Context(), &want, nil); err != nil {
		return err
	}
	created, err := s.webex.CreatePerson(r.Context(), want)
	if err != nil {
		return err
	}
	if want.LoginEnabled != nil && (created.LoginEnabled == nil || *created.LoginEnabled != *want.LoginEnabled) {
		fix := *created
		fix.LoginEnabled = want.LoginEnabled
		updated, err := s.webex.UpdatePerson(r.Context(), created.ID, fix)
		if err != nil {
			se := *s.mapError(r, err)
			se.Detail = "the user was created in Webex (id " + created.ID + ") but setting active failed: " + se.Detail
			return &se
		}
		created = updated
	}
	w.Header().Set("Location", s.location(r, "Users", created.ID))
	return s.writeUser(w, r, http.StatusCreated, created, personVersion(created))
}

// replaceUser is PUT /Users/{id} (design §3.2): read the person, check If-Match, carry over what
// SCIM does not map, one Webex PUT; from the read to the PUT no other update of the user runs
// in this process (updateLocks), and the conditional write (user_conditional.go, design §3.10)
// keeps writes through other replicas from being lost.
func (s *Server) replaceUser(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	body, err := s.readResourceFor(w, r, userNotStored(), s.users)
	if err != nil {
		return err
	}
	cur, unlock, err := s.readForUpdate(r, id)
	if err != nil {
		return err
	}
	defer unlock()
	if err := checkReplacedEmails(body); err != nil {
		return err
	}
	// The PUT's asserted attributes, applied to whatever state the conditional write works on
	// (user_conditional.go: a fresh read when another replica moved the user).
	return s.writeUserConditionally(w, r, cur, func(cur *webex.Person) (webex.Person, error) {
		want, err := personFromUser(body, cur, modeReplace)
		if err != nil {
			return want, err
		}
		return want, s.resolveManager(r.Context(), &want, cur)
	})
}

// patchUser is PATCH /Users/{id} (RFC 7644 §3.5.2, design §3.6): the whole patch is applied to the
// SCIM representation and validated before one Webex PUT; a patch that cannot apply sends
// nothing. Like a PUT it holds the user's update lock from the read to the PUT (updateLocks) and
// writes conditionally (user_conditional.go, design §3.10).
// Operations on standard attributes Webex cannot hold (externalId, employeeNumber…,
// not_stored.go) are dropped first; a patch of nothing else, or one whose result is what Webex
// holds (user_noop.go), sends nothing and answers the user as it is. An emails Webex cannot hold
// is refused (user_emails.go).
func (s *Server) patchUser(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	ops, err := s.readPatch(w, r, userNotStored())
	if err != nil {
		return err
	}
	ops = managerAsObject(ops)
	cur, unlock, err := s.readForUpdate(r, id)
	if err != nil {
		return err
	}
	defer unlock()
	if len(ops) == 0 {
		return s.writeResource(w, r, http.StatusOK, s.userFromPerson(cur, s.location(r, "Users", cur.ID)), s.users)
	}
	// The operations, applied to whatever state the conditional write works on
	// (user_conditional.go): PATCH operations are idempotent, so applying them again on top of
	// another replica's write keeps both changes.
	return s.writeUserConditionally(w, r, cur, func(cur *webex.Person) (webex.Person, error) {
		before := s.userFromPerson(cur, s.location(r, "Users", cur.ID))
		after, err := scim.ApplyPatch(before, s.users, ops)
		if err != nil {
			return webex.Person{}, err
		}
		if err := checkPatchedEmails(before, after); err != nil {
			return webex.Person{}, err
		}
		want, err := personFromUser(after, cur, modeComplete)
		if err != nil {
			return want, err
		}
		return want, s.resolveManager(r.Context(), &want, cur)
	})
}

// deleteUser is DELETE /Users/{id}: 204; 404 for a person Webex already deleted (WX07); 403
// for the consenting account (user_self.go). It holds the user's update lock, like PUT and PATCH.
func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	// Under the user's update lock, so that If-Match is checked against the version the delete
	// removes, not one an update in flight is about to replace (RFC 7644 §3.14).
	unlock, err := s.updates.lock(r.Context(), lockKey("Users", id))
	if err != nil {
		return err
	}
	defer unlock()
	if len(r.Header.Values("If-Match")) > 0 {
		cur, err := s.webex.GetPerson(r.Context(), id)
		if err != nil {
			return userNotFound(err, id)
		}
		if err := checkIfMatch(r, personVersion(cur)); err != nil {
			return err
		}
	}
	if err := s.guardSelfDelete(r.Context(), id); err != nil {
		return err
	}
	if err := s.webex.DeletePerson(r.Context(), id); err != nil {
		return s.confirmGone(r.Context(), id, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// confirmGone handles WX07: Webex answers PUT or DELETE of a deleted person with 403, and GET with
// 404. On a 403 the person is read; if Webex says 404 the answer is 404, otherwise the 403 was
// real and stays.
func (s *Server) confirmGone(ctx context.Context, id string, err error) error {
	if webexStatus(err) != http.StatusForbidden {
		return err
	}
	if _, gerr := s.webex.GetPerson(ctx, id); webexStatus(gerr) == http.StatusNotFound {
		return scim.Errorf(http.StatusNotFound, "", "no user %q (Webex reports it deleted)", id)
	}
	return err
}

// userNotFound words a Webex 404 on a person read as a SCIM 404 naming the user; other errors
// pass through to mapError.
func userNotFound(err error, id string) error {
	if webexStatus(err) == http.StatusNotFound {
		return scim.Errorf(http.StatusNotFound, "", "no user %q", id)
	}
	return err
}

// writeUser answers with the user p maps to (userFromPerson); version is personVersion(p), the
// ETag. Without attributes/excludedAttributes, as most requests come, the JSON is written
// straight from p (appendUserJSON, the same bytes): building the map only to write it was the
// largest cost of a GET after the Webex call itself (BENCHMARKS.md, Connector).
func (s *Server) writeUser(w http.ResponseWriter, r *http.Request, status int, p *webex.Person, version string) error {
	location := s.location(r, "Users", p.ID)
	if attrs, excluded := projectionParams(r); len(attrs) > 0 || len(excluded) > 0 {
		return s.writeResource(w, r, status, s.userFromPerson(p, location), s.users)
	}
	w.Header().Set("ETag", version)
	body := s.appendUserJSON(make([]byte, 0, 2048), p, location, version)
	w.Header().Set("Content-Type", scim.MediaType)
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client went away; nothing left to tell it
	return nil
}

// writeResource answers with one resource: ETag header from meta.version (RFC 7644 §3.14), then
// attributes/excludedAttributes applied (RFC 7644 §3.9).
func (s *Server) writeResource(w http.ResponseWriter, r *http.Request, status int, res scim.Resource, rs *scim.ResourceSchema) error {
	if v := versionOf(res); v != "" {
		w.Header().Set("ETag", v)
	}
	scim.WriteJSON(w, status, project(r, res, rs))
	return nil
}

// project applies attributes and excludedAttributes (RFC 7644 §3.9). Without either, the
// resource goes out as built: the mappers only put attributes whose "returned" is default or
// always, which is what Project would keep, so the copy is skipped.
func project(r *http.Request, res scim.Resource, rs *scim.ResourceSchema) scim.Resource {
	attrs, excluded := projectionParams(r)
	if len(attrs) == 0 && len(excluded) == 0 {
		return res
	}
	return scim.Project(res, rs, attrs, excluded)
}

// projectionParams reads attributes and excludedAttributes, names matched case-insensitively.
// Most reads carry no query at all: then nothing is parsed (url.URL.Query builds a map per call).
func projectionParams(r *http.Request) (attrs, excluded []string) {
	if r.URL.RawQuery == "" {
		return nil, nil
	}
	for k, v := range r.URL.Query() {
		if len(v) == 0 {
			continue
		}
		switch {
		case strings.EqualFold(k, "attributes"):
			attrs = scim.ParseAttributes(v[0])
		case strings.EqualFold(k, "excludedAttributes"):
			excluded = scim.ParseAttributes(v[0])
		}
	}
	return attrs, excluded
}

// readForUpdate takes the user's update lock (updateLocks: Webex's PUT replaces the whole person,
// WX08, so a read-change-write must not interleave with another one; keyed by the canonical id,
// since Webex accepts several spellings of one), reads the person and
// checks If-Match against it (RFC 7644 §3.14). The caller holds the lock until its PUT is done.
func (s *Server) readForUpdate(r *http.Request, id string) (*webex.Person, func(), error) {
	unlock, err := s.updates.lock(r.Context(), lockKey("Users", id))
	if err != nil {
		return nil, nil, err
	}
	cur, err := s.webex.GetPerson(r.Context(), id)
	if err != nil {
		unlock()
		return nil, nil, userNotFound(err, id)
	}
	if err := checkIfMatch(r, personVersion(cur)); err != nil {
		unlock()
		return nil, nil, err
	}
	return cur, unlock, nil
}
