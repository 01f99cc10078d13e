package connector

// The SCIM /Groups endpoints (RFC 7644 §3), the same for every group kind (groups_backend.go):
// each handler parses the request, applies a PATCH with scim.ApplyPatch, takes the group's update
// lock and checks If-Match, then calls the backend chosen in New: Webex teams (groups_teams.go,
// design §4.2) or Control Hub groups (groups_chg.go, design §4.7). Common to both:
//
//   - displayName is required; members are Webex people (type User), each new one checked before
//     the first write; externalId is accepted and not stored (not_stored.go).
//   - meta.version (the ETag) covers the name and the members. An answer without members
//     (excludedAttributes=members, or attributes not naming members) reads no members and so
//     carries no version; If-Match on PUT, PATCH and DELETE is checked against the full version.
//   - Writes of one group (PUT, PATCH, DELETE) take turns within a process (update_locks.go):
//     each holds the group's lock from its read to its read-back, undo included, so a write never
//     plans against, or reports, another one's half-applied change, and an undo only ever removes
//     what its own request added. Across replicas the writes are per-member operations planned
//     against the writer's own read, and a rename sends only the name, so concurrent writes
//     through different replicas end as some serial order of them (design §3.10).
//   - PUT without a members attribute keeps the members (RFC 7644 §3.5.1 lets a provider treat an
//     omitted attribute as not asserted; an identity provider renaming a group must not empty
//     it); "members": [] removes every member.
//   - PATCH (RFC 7644 §3.5.2, design §3.6) is applied in full to the SCIM group with
//     scim.ApplyPatch before any Webex call; the result is diffed against what Webex holds and
//     run as a PUT would be. A replace whose filter matches no member is 400 noTarget; removing
//     an absent member succeeds; a PATCH that changes nothing makes no Webex write.
//   - Duplicate names are allowed (WX03, WX21): displayName is not a key.

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// getGroup is GET /Groups/{id}.
func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) error {
	g, err := s.groupStore.read(r.Context(), mux.Vars(r)["id"], s.membersShown(projectionParams(r)))
	if err != nil {
		return err
	}
	res := s.groupStore.resource(r, g)
	if notModified(r, versionOf(res)) {
		w.Header().Set("ETag", versionOf(res))
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	return s.writeResource(w, r, http.StatusOK, res, s.groups)
}

// listGroups is GET /Groups: filtered, paged (design §3.4) and projected (design §3.5) by the
// backend's list; members are read only when they are returned.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) error {
	p, err := scim.ParseListParams(r.URL.Query(), s.groups, defaultPageSize, maxPageSize)
	if err != nil {
		return err
	}
	page, err := s.groupStore.list(r, p, s.membersShown(p.Attributes, p.Excluded))
	if err != nil {
		return err
	}
	return s.writeList(w, r, p, s.groups, page)
}

// membersShown is membersReturned, without projecting a probe when the request asks for the
// default attribute set (no attributes, no excludedAttributes), where members always are
// (RFC 7643 §4.2: returned "default").
func (s *Server) membersShown(attrs, excluded []string) bool {
	return len(attrs) == 0 && len(excluded) == 0 || s.membersReturned(attrs, excluded)
}

// membersReturned reports whether an answer projected with attributes/excludedAttributes
// (RFC 7644 §3.9) would hold members: if not, members are not read at all (Entra sends
// excludedAttributes=members to spare exactly that cost). The probe member holds every
// sub-attribute a backend writes, so attributes=members.display (or .type, .$ref) also reads
// the members (RFC 7644 §3.9: a sub-attribute named returns its parent with just it).
func (s *Server) membersReturned(attrs, excluded []string) bool {
	probe := scim.Resource{"members": []any{map[string]any{"value": "x", "display": "x", "type": "User", "$ref": "x"}}}
	_, ok := scim.Project(probe, s.groups, attrs, excluded)["members"]
	return ok
}

// createGroup is POST /Groups: 201 with Location and the group as Webex holds it.
func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readResourceFor(w, r, groupNotStored(), s.groups)
	if err != nil {
		return err
	}
	want, err := parseGroup(body)
	if err != nil {
		return err
	}
	g, err := s.groupStore.create(r, want)
	if err != nil {
		return err
	}
	res := s.groupStore.resource(r, g)
	w.Header().Set("Location", res["meta"].(map[string]any)["location"].(string))
	return s.writeResource(w, r, http.StatusCreated, res, s.groups)
}

// replaceGroup is PUT /Groups/{id}: displayName required; members, when given, are the whole
// member list; when absent, the members are kept.
func (s *Server) replaceGroup(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readResourceFor(w, r, groupNotStored(), s.groups)
	if err != nil {
		return err
	}
	want, err := parseGroup(body)
	if err != nil {
		return err
	}
	cur, unlock, err := s.readGroupForUpdate(r)
	if err != nil {
		return err
	}
	defer unlock()
	return s.changeGroup(w, r, cur, want)
}

// patchGroup is PATCH /Groups/{id} (RFC 7644 §3.5.2, design §3.6): the whole patch is applied to
// the SCIM group and validated before anything is sent; the result is then run as a PUT would be.
func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) error {
	// externalId is accepted and not stored (not_stored.go); a patch of nothing else changes
	// nothing and answers the group as it is (the backend plans no change).
	ops, err := s.readPatch(w, r, groupNotStored())
	if err != nil {
		return err
	}
	cur, unlock, err := s.readGroupForUpdate(r)
	if err != nil {
		return err
	}
	defer unlock()
	after, err := scim.ApplyPatch(s.groupStore.resource(r, cur), s.groups, ops)
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
	return s.changeGroup(w, r, cur, want)
}

// changeGroup runs a group update through the backend and answers 200 with the group as Webex
// now holds it.
func (s *Server) changeGroup(w http.ResponseWriter, r *http.Request, cur groupRecord, want groupBody) error {
	after, err := s.groupStore.update(r, cur, want)
	if err != nil {
		return err
	}
	return s.writeResource(w, r, http.StatusOK, s.groupStore.resource(r, after), s.groups)
}

// deleteGroup is DELETE /Groups/{id}: 204.
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
		g, err := s.groupStore.read(ctx, id, true)
		if err != nil {
			return err
		}
		if err := checkIfMatch(r, g.version()); err != nil {
			return err
		}
	}
	if err := s.groupStore.remove(r, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// readGroupForUpdate takes the group's update lock (updateLocks), reads the group a PUT or PATCH
// names, with its members, and checks If-Match against its full version (RFC 7644 §3.14) before
// anything is planned. The caller holds the lock until its change, any undo of it and the
// read-back are done, so that no other write of the group in this process plans against a
// half-applied change or sees its work undone (issue 15).
func (s *Server) readGroupForUpdate(r *http.Request) (groupRecord, func(), error) {
	id := mux.Vars(r)["id"]
	unlock, err := s.updates.lock(r.Context(), lockKey("Groups", id))
	if err != nil {
		return nil, nil, err
	}
	g, err := s.groupStore.read(r.Context(), id, true)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	if err := checkIfMatch(r, g.version()); err != nil {
		unlock()
		return nil, nil, err
	}
	return g, unlock, nil
}

// appliedButUnread is the answer when a write succeeded but the read-back failed: the client
// must not retry blindly (a retried create would make a second group, WX03, WX21).
func appliedButUnread(e *scim.Error, what string) *scim.Error {
	c := *e
	c.Detail = what + " in Webex, but reading the group back failed: " + e.Detail
	return &c
}

// groupBody is what a POST or PUT body (or a patched Group) asks for.
type groupBody struct {
	displayName string
	// members are the requested members' ids in request order, duplicates dropped; nil when
	// the body has no members attribute at all (PUT then keeps the members, see replaceGroup).
	members []string
}

// parseGroup reads a SCIM Group body (RFC 7643 §4.2). displayName is required (vendor page:
// mandatory fields); members are people only (design §3.7). Read-only attributes (id, meta,
// members[].display, members[].$ref) are ignored, as RFC 7643 §2.2 asks.
func parseGroup(body scim.Resource) (groupBody, error) {
	var g groupBody
	if err := checkSchemas(body, scim.SchemaGroup); err != nil {
		return g, err
	}
	name, err := stringAttr(body, "displayName")
	if err != nil {
		return g, err
	}
	if strings.TrimSpace(name) == "" {
		return g, invalidValue("a Group needs a displayName")
	}
	g.displayName = name
	v, ok := lookupFold(body, "members")
	if !ok {
		return g, nil
	}
	g.members = []string{}
	if v == nil {
		return g, nil
	}
	list, ok := v.([]any)
	if !ok {
		return g, invalidValue("members must be an array of objects with a value")
	}
	seen := map[string]bool{}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return g, invalidValue("members must be an array of objects with a value")
		}
		id, err := stringAttr(m, "value")
		if err != nil {
			return g, invalidValue("members[].value must be a string")
		}
		if id = strings.TrimSpace(id); id == "" {
			return g, invalidValue("members[].value must not be empty")
		}
		typ, err := stringAttr(m, "type")
		if err != nil {
			return g, invalidValue("members[].type must be a string")
		}
		if typ != "" && !strings.EqualFold(typ, "User") {
			return g, invalidValue("member %q has type %q: Webex group members are people only, so only type User is accepted (design §3.7)", id, typ)
		}
		if !seen[id] {
			seen[id] = true
			g.members = append(g.members, id)
		}
	}
	return g, nil
}
