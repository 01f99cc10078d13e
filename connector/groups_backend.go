package connector

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// GroupKind says what a SCIM Group is in Webex (WEBEX_GROUP_KIND, design §2): a Webex team
// (design §4.2, the default) or a Control Hub group (/v1/groups, design §4.7).
type GroupKind string

// The group kinds.
const (
	GroupKindTeams  GroupKind = "teams"  // the default: a SCIM Group is a Webex team
	GroupKindGroups GroupKind = "groups" // a SCIM Group is a Control Hub group
)

// ParseGroupKind reads a WEBEX_GROUP_KIND value: "teams" (or "") or "groups", any case.
func ParseGroupKind(v string) (GroupKind, error) {
	switch k := GroupKind(strings.ToLower(strings.TrimSpace(v))); k {
	case "", GroupKindTeams:
		return GroupKindTeams, nil
	case GroupKindGroups:
		return k, nil
	}
	return "", fmt.Errorf("group kind %q: want %q or %q", v, GroupKindTeams, GroupKindGroups)
}

// Scopes are the Webex scopes the connector asks for at consent with this kind (design §4.6).
func (k GroupKind) Scopes() []string {
	if k == GroupKindGroups {
		return webex.GroupsScopes()
	}
	return webex.Scopes()
}

// groupBackend is where SCIM Groups live in Webex, chosen once in New from Config.GroupKind:
// teams (groups_teams*.go) or Control Hub groups (groups_chg*.go). The SCIM handlers of
// groups.go are the same for both: they parse the request, apply a PATCH with scim.ApplyPatch,
// take the group's update lock and check If-Match, then call the backend. Only the backend knows
// how a group is stored, read, changed and what a failure left behind.
type groupBackend interface {
	// read reads one group; without members it reads none, and the record then has no version
	// (the version covers the members). A group Webex does not show is a SCIM 404.
	read(ctx context.Context, id string, withMembers bool) (groupRecord, error)
	// list answers one page of GET /Groups (design §3.4), reading members only when showMembers
	// (excludedAttributes=members reads none) or when the filter needs them.
	list(r *http.Request, p scim.ListParams, showMembers bool) (listPage, error)
	// match is every group the filter matches, in Webex's order, for a root search (search.go):
	// members are read only when the filter needs them.
	match(r *http.Request, p scim.ListParams) ([]groupRecord, error)
	// complete reads the members of the records read without them, in order; a group deleted
	// since it was listed is left out.
	complete(ctx context.Context, gs []groupRecord) ([]groupRecord, error)
	// create makes the group want asks for, every new member checked before the first write,
	// and answers it as Webex then holds it.
	create(r *http.Request, want groupBody) (groupRecord, error)
	// update turns cur (read with members, under the group's update lock) into want and answers
	// the group as Webex then holds it. A want that changes nothing makes no Webex write.
	update(r *http.Request, cur groupRecord, want groupBody) (groupRecord, error)
	// remove deletes the group.
	remove(r *http.Request, id string) error
	// resource maps a record to the SCIM Group (design §4.2).
	resource(r *http.Request, g groupRecord) scim.Resource
	// schema and resourceType describe what this kind really stores (RFC 7643 §6, §7).
	schema() *scim.Schema
	resourceType() scim.ResourceType
}

// groupRecord is one group as a backend read it for one request.
type groupRecord interface {
	// membersRead says whether the members were read.
	membersRead() bool
	// version is meta.version over everything SCIM shows of the group, members included; it is
	// meaningful only when membersRead.
	version() string
}

// newGroupBackend is the backend of kind; "" is teams.
func newGroupBackend(s *Server, kind GroupKind) (groupBackend, error) {
	switch kind {
	case "", GroupKindTeams:
		return &teamGroups{Server: s}, nil
	case GroupKindGroups:
		return &chGroups{Server: s}, nil
	}
	return nil, fmt.Errorf("connector: unknown group kind %q", kind)
}
