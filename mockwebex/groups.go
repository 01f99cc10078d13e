package mockwebex

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// groups.go: /groups, /groups/{id} and /groups/{id}/members (spec: Groups,
// webex-admin; control-hub-groups-facts.md for what the spec leaves out).
// The records and their rules live in groups_store.go.

// groupsList is GET /groups's envelope: the list key is "groups" and there
// is no "schemas" (control-hub-groups-facts §1).
type groupsList struct {
	TotalResults int   `json:"totalResults"`
	StartIndex   int   `json:"startIndex"`
	ItemsPerPage int   `json:"itemsPerPage"`
	Groups       []any `json:"groups"` // Group, or a projection of one (attributes)
}

// groupAccess: reading needs identity:groups_read (or _rw) and any
// administrator role; writing needs identity:groups_rw and a full or user
// administrator (control-hub-groups-facts §5: "the calling user must be an
// org admin").
func (s *Server) groupAccess(c *call, need access) error {
	if need == writeAccess {
		if err := requireScope(c, scopeGroupsRW); err != nil {
			return err
		}
		if !c.st.canManagePeople(c.caller) {
			return errForbidden()
		}
		return nil
	}
	if err := requireScope(c, scopeGroupsRead, scopeGroupsRW); err != nil {
		return err
	}
	if !c.st.isAdmin(c.caller) {
		return errForbidden()
	}
	return nil
}

// groupFilterPattern is the one filter shape /v1/groups takes: displayName
// eq|sw "value" (spec: "filter supports only displayName, with operators eq
// and sw"). The value is a JSON string. Compiled once per server
// (Server.groupFilter).
const groupFilterPattern = `(?i)^\s*(\S+)\s+(\S+)\s+("(?:[^"\\]|\\.)*")\s*$`

// parseGroupFilter turns filter= into a matcher. Matching ignores case (the
// SCIM attribute is caseExact false; inferred, control-hub-groups-facts §4).
// Any other attribute (externalId included) or operator is 400.
func parseGroupFilter(re *regexp.Regexp, raw string) (func(name string) bool, error) {
	if raw == "" {
		return func(string) bool { return true }, nil
	}
	m := re.FindStringSubmatch(raw)
	if m == nil {
		return nil, errBadRequest("Invalid filter %q: only displayName eq \"...\" or displayName sw \"...\" is supported.", raw)
	}
	if !strings.EqualFold(m[1], "displayName") {
		return nil, errBadRequest("Invalid filter %q: only displayName can be filtered on, not %s.", raw, m[1])
	}
	var want string
	if err := json.Unmarshal([]byte(m[3]), &want); err != nil {
		return nil, errBadRequest("Invalid filter %q: the value is not a valid quoted string.", raw)
	}
	want = strings.ToLower(want)
	switch strings.ToLower(m[2]) {
	case "eq":
		return func(name string) bool { return strings.ToLower(name) == want }, nil
	case "sw":
		return func(name string) bool { return strings.HasPrefix(strings.ToLower(name), want) }, nil
	}
	return nil, errBadRequest("Invalid filter %q: the operator must be eq or sw, not %s.", raw, m[2])
}

// groupAttributes are the names attributes= may list (the JSON keys of Group).
func groupAttributes() []string {
	return []string{"id", "displayName", "orgId", "description", "created", "lastModified", "memberSize", "members"}
}

// parseGroupAttributes reads attributes=, a comma-separated list of
// attribute names (case-insensitive). The spec says only "The attributes to
// return": the fake returns id plus those named, as SCIM does (RFC 7644
// §3.9), and refuses a name a group does not have. nil: everything.
func parseGroupAttributes(raw string) ([]string, error) {
	if raw == "" {
		return nil, nil
	}
	names := groupAttributes()
	keep := []string{"id"}
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		i := slices.IndexFunc(names, func(a string) bool { return strings.EqualFold(a, part) })
		if i < 0 {
			return nil, errBadRequest("Invalid attributes: %q is not an attribute of a group (%s).", part, strings.Join(names, ", "))
		}
		keep = append(keep, names[i])
	}
	return keep, nil
}

// project keeps only the named keys of a rendered group.
func project(g Group, keep []string) (any, error) {
	if keep == nil {
		return g, nil
	}
	b, err := json.Marshal(g)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k := range m {
		if !slices.Contains(keep, k) {
			delete(m, k)
		}
	}
	return m, nil
}

// readIndexPage reads startIndex (1-based, default 1) and count (default
// def, clamped at max by WX12: off, 400).
func readIndexPage(c *call, def, max int) (start, count int, err error) {
	start, count = 1, def
	if raw := first(c.q, "startIndex"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			return 0, 0, errBadRequest("Invalid value for startIndex: %q (a positive integer is expected).", raw)
		}
		start = n
	}
	if raw := first(c.q, "count"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return 0, 0, errBadRequest("Invalid value for count: %q (a non-negative integer is expected).", raw)
		}
		if count, err = clampMax(c.quirks, n, max); err != nil {
			return 0, 0, err
		}
	}
	return start, count, nil
}

// nextIndexLink is the Link to the page after [start, start+count) when
// more remain (control-hub-groups-facts §1: clients follow it).
func nextIndexLink(rp *reply, c *call, start, count, total int) *reply {
	if count > 0 && start-1+count < total {
		rp.with("Link", nextLinkWith(c.r, "startIndex", strconv.Itoa(start+count), "count", strconv.Itoa(count)))
	}
	return rp
}

func (s *Server) listGroups(c *call) (*reply, error) {
	if err := s.groupAccess(c, readAccess); err != nil {
		return nil, err
	}
	st := c.st
	if org := first(c.q, "orgId"); org != "" && org != st.org.id {
		return nil, errBadRequest("Invalid orgId: %s", org)
	}
	match, err := parseGroupFilter(s.groupFilter, first(c.q, "filter"))
	if err != nil {
		return nil, err
	}
	keep, err := parseGroupAttributes(first(c.q, "attributes"))
	if err != nil {
		return nil, err
	}
	include, err := parseBoolParam(c.q, "includeMembers")
	if err != nil {
		return nil, err
	}
	start, count, err := readIndexPage(c, defaultGroupsPage, maxGroupsPage)
	if err != nil {
		return nil, err
	}
	var found []*groupRec
	for _, g := range st.groups {
		if !g.deleted && match(g.displayName) {
			found = append(found, g)
		}
	}
	if err := sortGroups(found, first(c.q, "sortBy"), first(c.q, "sortOrder")); err != nil {
		return nil, err
	}
	inline := -1
	if include {
		inline = maxGroupMembersInline
	}
	body := groupsList{TotalResults: len(found), StartIndex: start, Groups: []any{}}
	for i := start - 1; i < len(found) && len(body.Groups) < count; i++ {
		v, err := project(st.renderGroup(found[i], c.quirks, 0, inline), keep)
		if err != nil {
			return nil, err
		}
		body.Groups = append(body.Groups, v)
	}
	body.ItemsPerPage = len(body.Groups)
	return nextIndexLink(okJSON(body), c, start, count, len(found)), nil
}

// sortGroups orders a listing: creation order by default, or by id or
// displayName (case-insensitive, ties in creation order); sortOrder
// ascending (default) or descending (spec: sortBy, sortOrder).
func sortGroups(gs []*groupRec, by, order string) error {
	var cmp func(a, b *groupRec) int
	switch by {
	case "":
		cmp = func(a, b *groupRec) int { return a.pos - b.pos }
	case "id":
		cmp = func(a, b *groupRec) int { return strings.Compare(a.id, b.id) }
	case "displayName":
		cmp = func(a, b *groupRec) int {
			return strings.Compare(strings.ToLower(a.displayName), strings.ToLower(b.displayName))
		}
	default:
		return errBadRequest("Invalid value for sortBy: %q (id or displayName).", by)
	}
	switch order {
	case "", "ascending":
		slices.SortStableFunc(gs, cmp)
	case "descending":
		slices.SortStableFunc(gs, func(a, b *groupRec) int { return cmp(b, a) })
	default:
		return errBadRequest("Invalid value for sortOrder: %q (ascending or descending).", order)
	}
	return nil
}

// group finds the path's group after the access check (an unknown or
// deleted group is 404: control-hub-groups-facts §5).
func (s *Server) group(c *call, need access) (*groupRec, error) {
	if err := s.groupAccess(c, need); err != nil {
		return nil, err
	}
	g := c.st.liveGroup(pathVar(c.r, "groupId"))
	if g == nil {
		return nil, errNotFound()
	}
	return g, nil
}

func (s *Server) getGroup(c *call) (*reply, error) {
	g, err := s.group(c, readAccess)
	if err != nil {
		return nil, err
	}
	include, err := parseBoolParam(c.q, "includeMembers")
	if err != nil {
		return nil, err
	}
	inline := -1
	if include {
		inline = maxGroupMembersInline
	}
	return okJSON(c.st.renderGroup(g, c.quirks, 0, inline)), nil
}

// groupMembers: GET /groups/{id}/members answers the group object with a
// page of members (control-hub-groups-facts §1); memberSize is the total.
func (s *Server) groupMembers(c *call) (*reply, error) {
	g, err := s.group(c, readAccess)
	if err != nil {
		return nil, err
	}
	start, count, err := readIndexPage(c, maxGroupMembersPage, maxGroupMembersPage)
	if err != nil {
		return nil, err
	}
	rp := okJSON(c.st.renderGroup(g, c.quirks, start-1, count))
	return nextIndexLink(rp, c, start, count, len(g.members)), nil
}

// unknownMember is WX20: a member id that is no live person answers 400
// (inferred; the spec is silent). Off: 404.
func unknownMember(q Quirks, id string) error {
	if q.On(WX20) {
		return errBadRequest("Invalid field 'members': %s is not a person of this organization.", id)
	}
	return errf(http.StatusNotFound, "The person %s could not be found.", id)
}

// groupNameFree is WX21: several groups may share a displayName (native SCIM
// Group schema: uniqueness none). Off: a name another live group has is 409.
func groupNameFree(c *call, name string, self *groupRec) error {
	if c.quirks.On(WX21) {
		return nil
	}
	for _, g := range c.st.groups {
		if !g.deleted && g != self && strings.EqualFold(g.displayName, name) {
			return errf(http.StatusConflict, "A group named %q already exists.", name)
		}
	}
	return nil
}

// memberChangeRefused is WX22: adding an existing member or deleting a
// non-member is a no-op (inferred). Off: 409 and 400.
func memberChangeRefused(q Quirks, add bool, id string) error {
	switch {
	case q.On(WX22):
		return nil
	case add:
		return errf(http.StatusConflict, "The person %s is already a member of the group.", id)
	default:
		return errBadRequest("Invalid field 'members': the person %s is not a member of the group.", id)
	}
}

// readDisplayName reads a displayName field: required on create, non-empty
// and at most 512 characters when given.
func readDisplayName(b jsonBody, required bool) (string, bool, error) {
	v, ok, err := b.str("displayName")
	if err != nil {
		return "", false, err
	}
	if !ok && !required {
		return "", false, nil
	}
	if strings.TrimSpace(v) == "" {
		return "", false, errBadRequest("Missing required field 'displayName'.")
	}
	if len([]rune(v)) > maxGroupDisplayName {
		return "", false, errBadRequest("Invalid field 'displayName': at most %d characters.", maxGroupDisplayName)
	}
	return v, true, nil
}

type groupMemberIn struct {
	ID        string `json:"id"`
	Operation string `json:"operation,omitempty"`
}

func (s *Server) createGroup(c *call) (*reply, error) {
	if err := s.groupAccess(c, writeAccess); err != nil {
		return nil, err
	}
	st := c.st
	b, err := readJSONBody(c)
	if err != nil {
		return nil, err
	}
	name, _, err := readDisplayName(b, true)
	if err != nil {
		return nil, err
	}
	description, _, err := b.str("description")
	if err != nil {
		return nil, err
	}
	if org, ok, err := b.str("orgId"); err != nil {
		return nil, err
	} else if ok && org != st.org.id {
		return nil, errBadRequest("Invalid field 'orgId': unknown organization %s.", org)
	}
	var in []struct {
		ID string `json:"id"`
	}
	if _, err := b.into("members", &in, "an array of {id}"); err != nil {
		return nil, err
	}
	if len(in) > maxGroupCreateMembers {
		return nil, errBadRequest("Invalid field 'members': at most %d members on create; add more with PATCH.", maxGroupCreateMembers)
	}
	var members []*personRec
	for _, m := range in {
		p := st.livePerson(m.ID)
		if p == nil {
			return nil, unknownMember(c.quirks, m.ID)
		}
		members = append(members, p)
	}
	if err := groupNameFree(c, name, nil); err != nil {
		return nil, err
	}
	g := &groupRec{uuid: s.ids.next("group"), displayName: name, description: description,
		created: c.now, modified: c.now}
	st.addGroup(g)
	for _, p := range members {
		g.addMember(p) // a person named twice is a member once
	}
	return &reply{status: http.StatusCreated, body: st.renderGroup(g, c.quirks, 0, maxGroupMembersInline)}, nil
}

// patchGroup: PATCH /groups/{id} is a delta, not a SCIM PatchOp: displayName,
// description, and members [{id, operation add|delete}] (add by default),
// applied in order, all or nothing. The answer is the group with its
// members (control-hub-groups-facts §3).
func (s *Server) patchGroup(c *call) (*reply, error) {
	g, err := s.group(c, writeAccess)
	if err != nil {
		return nil, err
	}
	st := c.st
	b, err := readJSONBody(c)
	if err != nil {
		return nil, err
	}
	name, hasName, err := readDisplayName(b, false)
	if err != nil {
		return nil, err
	}
	description, hasDescription, err := b.str("description")
	if err != nil {
		return nil, err
	}
	var in []groupMemberIn
	if _, err := b.into("members", &in, "an array of {id, operation}"); err != nil {
		return nil, err
	}
	// Check every operation against a copy of the membership first, so a
	// refused request changes nothing.
	type op struct {
		p   *personRec
		add bool
	}
	ops := make([]op, 0, len(in))
	after := make(map[string]bool, len(g.byPerson))
	for u := range g.byPerson {
		after[u] = true
	}
	for _, m := range in {
		var add bool
		switch m.Operation {
		case "", "add":
			add = true
		case "delete":
		default:
			return nil, errBadRequest("Invalid field 'members': operation %q (add or delete).", m.Operation)
		}
		p := st.livePerson(m.ID)
		if p == nil {
			return nil, unknownMember(c.quirks, m.ID)
		}
		if after[p.uuid] == add {
			if err := memberChangeRefused(c.quirks, add, m.ID); err != nil {
				return nil, err
			}
		}
		after[p.uuid] = add
		ops = append(ops, op{p: p, add: add})
	}
	if hasName {
		if err := groupNameFree(c, name, g); err != nil {
			return nil, err
		}
	}
	changed := false
	if hasName && name != g.displayName {
		g.displayName, changed = name, true
	}
	if hasDescription && description != g.description {
		g.description, changed = description, true
	}
	for _, o := range ops {
		if o.add {
			changed = g.addMember(o.p) || changed
		} else {
			changed = g.removeMember(o.p) || changed
		}
	}
	if changed {
		g.modified = c.now // WX22: a PATCH that changes nothing leaves lastModified
	}
	return okJSON(st.renderGroup(g, c.quirks, 0, maxGroupMembersInline)), nil
}

func (s *Server) deleteGroup(c *call) (*reply, error) {
	g, err := s.group(c, writeAccess)
	if err != nil {
		return nil, err
	}
	c.st.deleteGroup(g)
	return noContent(), nil
}
