package connector

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// maxGroupMemberPages bounds one group's member walk (GET /groups/{id}/members, 500 a page): a
// Control Hub group holds at most 250,000 members (help.webex.com, Group management), 500 pages.
const maxGroupMemberPages = 1000

// chState is a Control Hub group as the connector reads it for one request.
type chState struct {
	// group is as Webex answered; its Members are nil or partial (inline cap) and not used.
	group webex.Group
	// read says whether members below holds every member.
	read bool
	// members are every member, in Webex's order (read only).
	members []webex.GroupMember
}

func (st *chState) membersRead() bool { return st.read }

// version is meta.version: a weak ETag over what SCIM shows (name, created, lastModified, and
// each member's id and display name), so that any change a client could see changes it.
func (st *chState) version() string {
	type member struct{ ID, Display string }
	v := struct {
		ID, Name          string
		Created, Modified time.Time
		Members           []member
	}{ID: st.group.ID, Name: st.group.DisplayName, Created: st.group.Created, Modified: st.group.LastModified}
	for _, m := range st.members {
		v.Members = append(v.Members, member{m.ID, m.DisplayName})
	}
	return weakETag(v)
}

// resource maps a Control Hub group to a SCIM Group (design §4.7):
//
//	id ← group id                          displayName ← displayName
//	members[].value ← member id            members[].display ← member displayName (read-only)
//	meta.created ← created                 meta.lastModified ← lastModified (+ offset, design §4.5)
//
// members[].type is "User" for Webex's "user" and members[].$ref the member's /Users location.
// Without the members read, members and meta.version are left out.
func (cg *chGroups) resource(r *http.Request, g groupRecord) scim.Resource {
	st := g.(*chState)
	res := scim.Resource{
		"schemas":     []any{scim.SchemaGroup},
		"id":          st.group.ID,
		"displayName": st.group.DisplayName,
	}
	version := ""
	if st.read {
		if len(st.members) > 0 {
			members := make([]any, 0, len(st.members))
			for _, m := range st.members {
				e := map[string]any{"value": m.ID, "type": memberType(m.Type)}
				if e["type"] == "User" {
					e["$ref"] = cg.location(r, "Users", m.ID)
				}
				putString(e, "display", m.DisplayName)
				members = append(members, e)
			}
			res["members"] = members
		}
		version = st.version()
	}
	// RFC 7643 §3.1: a group Webex gives no lastModified for has not changed since created.
	lastModified := st.group.LastModified
	if lastModified.IsZero() {
		lastModified = st.group.Created
	}
	res["meta"] = cg.meta("Group", cg.location(r, "Groups", st.group.ID), st.group.Created, lastModified, version)
	return res
}

// memberType is the SCIM type of a Webex member type: "user" is a User; anything else Webex may
// hold is passed on as Webex names it.
func memberType(t string) string {
	if t == "" || strings.EqualFold(t, "user") {
		return "User"
	}
	return t
}

// withAllMembers completes a group Webex answered with its inline members (at most 500): when
// memberSize says there are more, the rest is read from GET /groups/{id}/members, 500 a page,
// starting after those already held.
func (cg *chGroups) withAllMembers(ctx context.Context, g *webex.Group) (*chState, error) {
	st := &chState{group: *g, read: true, members: append([]webex.GroupMember{}, g.Members...)}
	st.group.Members = nil
	seen := make(map[string]bool, len(st.members))
	for _, m := range st.members {
		seen[m.ID] = true
	}
	for range maxGroupMemberPages {
		if len(st.members) >= g.MemberSize {
			return st, nil
		}
		page, err := cg.webex.GroupMembers(ctx, g.ID, len(st.members)+1, webex.MaxInlineGroupMembers)
		if err != nil {
			return nil, chGroupNotFound(err, g.ID)
		}
		fresh := 0
		for _, m := range page.Members {
			if !seen[m.ID] {
				seen[m.ID] = true
				st.members = append(st.members, m)
				fresh++
			}
		}
		if fresh == 0 || page.MemberSize < g.MemberSize {
			// The group shrank while it was read, or Webex has no more to give: what was read is
			// what it holds now.
			return st, nil
		}
	}
	return nil, scim.Errorf(http.StatusBadGateway, "",
		"Webex kept paging the members of group %q past %d pages", g.ID, maxGroupMemberPages)
}

// read reads one group, with every member when withMembers (one call up to 500 members, then
// one per 500 more).
func (cg *chGroups) read(ctx context.Context, id string, withMembers bool) (groupRecord, error) {
	g, err := cg.webex.GetGroup(ctx, id, withMembers)
	if err != nil {
		return nil, chGroupNotFound(err, id)
	}
	if !withMembers {
		return &chState{group: *g}, nil
	}
	return cg.withAllMembers(ctx, g)
}

// chGroupNotFound words a Webex 404 (or 400: an id Webex cannot parse) on a group read as a SCIM
// 404 naming the group; other errors pass through to mapError.
func chGroupNotFound(err error, id string) error {
	switch webexStatus(err) {
	case http.StatusNotFound, http.StatusBadRequest:
		return scim.Errorf(http.StatusNotFound, "", "no group %q: Webex has no Control Hub group with that id", id)
	}
	return err
}

// schema is the Group schema as Control Hub groups store it (design §4.7).
func (cg *chGroups) schema() *scim.Schema {
	s := scim.GroupSchema()
	s.Description = "Group (a Webex Control Hub group). externalId is accepted and not stored: Control Hub groups have no such field."
	for _, a := range s.Attributes {
		switch a.Name {
		case "displayName":
			a.Description = "A human-readable name for the Group (the Control Hub group's displayName, at most 512 characters). REQUIRED. Not unique: Webex allows duplicate group names."
		case "members":
			a.Description = "A list of members of the Group (the Control Hub group's members; people only). Read in pages of 500."
		}
	}
	return s
}

func (cg *chGroups) resourceType() scim.ResourceType {
	return scim.ResourceType{
		ID: "Group", Name: "Group", Endpoint: "/Groups", Schema: scim.SchemaGroup,
		Description: "A Webex Control Hub group (/v1/groups)",
	}
}
