package webex

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Control Hub groups (/v1/groups; webex-admin spec "Groups", and control-hub-groups-facts for
// what the spec leaves out). Unlike the other Webex lists these page by startIndex and count and
// answer {totalResults, startIndex, itemsPerPage, groups}; a group's members come inline (at most
// MaxInlineGroupMembers, with includeMembers) or a page at a time from /groups/{id}/members.

// MaxInlineGroupMembers is the most members Webex returns inline with includeMembers (list and
// detail) and the largest /groups/{id}/members page (spec: "maximum 500").
const MaxInlineGroupMembers = 500

// Group is a Control Hub group. Members is nil when they were not asked for; MemberSize is
// always the total, so len(Members) < MemberSize means more are to be read by GroupMembers.
type Group struct {
	ID, DisplayName, Description, OrgID string
	Created, LastModified               time.Time
	MemberSize                          int
	Members                             []GroupMember
}

// GroupMember is one member of a group: a person (Type "user"), by its people id.
type GroupMember struct {
	ID          string `json:"id"`
	Type        string `json:"type,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
}

type groupWire struct {
	ID           string          `json:"id"`
	DisplayName  string          `json:"displayName"`
	Description  string          `json:"description"`
	OrgID        string          `json:"orgId"`
	Created      json.RawMessage `json:"created"`
	LastModified json.RawMessage `json:"lastModified"`
	MemberSize   int             `json:"memberSize"`
	Members      []GroupMember   `json:"members"`
}

// UnmarshalJSON reads a Webex group.
func (g *Group) UnmarshalJSON(data []byte) error {
	var w groupWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	created, err := parseTimeJSON(w.Created)
	if err != nil {
		return fmt.Errorf("webex: group created: %w", err)
	}
	modified, err := parseTimeJSON(w.LastModified)
	if err != nil {
		return fmt.Errorf("webex: group lastModified: %w", err)
	}
	*g = Group{ID: w.ID, DisplayName: w.DisplayName, Description: w.Description, OrgID: w.OrgID,
		Created: created, LastModified: modified, MemberSize: w.MemberSize, Members: w.Members}
	return nil
}

// GroupQuery is one page of GET /groups.
type GroupQuery struct {
	// Filter is Webex's filter: only `displayName eq "…"` or `displayName sw "…"` (spec); see
	// GroupNameFilter. "" lists every group.
	Filter string
	// StartIndex is 1-based; Count the page size (0 asks for none, only the total).
	StartIndex, Count int
	// IncludeMembers returns each group's members inline, at most MaxInlineGroupMembers.
	IncludeMembers bool
}

// GroupPage is one page of GET /groups: Total is Webex's totalResults.
type GroupPage struct {
	Groups            []Group
	Total, StartIndex int
}

// GroupNameFilter is Webex's filter for groups named name (op "eq") or whose name starts with
// it (op "sw"); the value is a JSON string, as Webex reads it.
func GroupNameFilter(op, name string) string {
	v, _ := json.Marshal(name) // a string always marshals
	return "displayName " + op + " " + string(v)
}

func groupPath(id string) string { return "/groups/" + url.PathEscape(id) }

func includeMembers(v url.Values, on bool) url.Values {
	if on {
		v.Set("includeMembers", "true")
	}
	return v
}

// ListGroups reads one page of GET /groups.
func (c *Client) ListGroups(ctx context.Context, q GroupQuery) (GroupPage, error) {
	v := url.Values{}
	if q.Filter != "" {
		v.Set("filter", q.Filter)
	}
	v.Set("startIndex", strconv.Itoa(max(q.StartIndex, 1)))
	v.Set("count", strconv.Itoa(max(q.Count, 0)))
	var env struct {
		TotalResults int     `json:"totalResults"`
		StartIndex   int     `json:"startIndex"`
		Groups       []Group `json:"groups"`
	}
	if _, err := c.do(ctx, http.MethodGet, c.endpoint("/groups", includeMembers(v, q.IncludeMembers)), nil, &env); err != nil {
		return GroupPage{}, err
	}
	if env.Groups == nil {
		env.Groups = []Group{}
	}
	return GroupPage{Groups: env.Groups, Total: env.TotalResults, StartIndex: env.StartIndex}, nil
}

// GetGroup reads one group (GET /groups/{id}), with its first MaxInlineGroupMembers members when
// withMembers.
func (c *Client) GetGroup(ctx context.Context, id string, withMembers bool) (*Group, error) {
	var g Group
	u := c.endpoint(groupPath(id), includeMembers(url.Values{}, withMembers))
	if _, err := c.do(ctx, http.MethodGet, u, nil, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// GroupMembers reads one page of a group's members (GET /groups/{id}/members): the group, its
// Members the page from startIndex (1-based), at most count (≤ MaxInlineGroupMembers).
func (c *Client) GroupMembers(ctx context.Context, id string, startIndex, count int) (*Group, error) {
	v := url.Values{}
	v.Set("startIndex", strconv.Itoa(max(startIndex, 1)))
	v.Set("count", strconv.Itoa(count))
	var g Group
	if _, err := c.do(ctx, http.MethodGet, c.endpoint(groupPath(id)+"/members", v), nil, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// CreateGroup creates a group (POST /groups) with at most MaxInlineGroupMembers members (spec:
// more are added with PatchGroup); the answer holds them. Names need not be unique (WX21), so a
// POST is never retried blindly (design §3.9).
func (c *Client) CreateGroup(ctx context.Context, name string, memberIDs []string) (*Group, error) {
	type member struct {
		ID string `json:"id"`
	}
	body := struct {
		DisplayName string   `json:"displayName"`
		Members     []member `json:"members,omitempty"`
	}{DisplayName: name}
	for _, id := range memberIDs {
		body.Members = append(body.Members, member{id})
	}
	var g Group
	if _, err := c.do(ctx, http.MethodPost, c.endpoint("/groups", nil), body, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// The operations of a GroupPatch's members (spec: PatchMemberWithOperation; "delete", not
// "remove").
const (
	GroupMemberAdd    = "add"
	GroupMemberDelete = "delete"
)

// GroupMemberOp adds or deletes one member.
type GroupMemberOp struct {
	ID        string `json:"id"`
	Operation string `json:"operation"`
}

// GroupPatch is the body of PATCH /groups/{id}: a delta, not a SCIM PatchOp. DisplayName ""
// keeps the name; members not named are left alone.
type GroupPatch struct {
	DisplayName string          `json:"displayName,omitempty"`
	Members     []GroupMemberOp `json:"members,omitempty"`
}

// PatchGroup sends one PATCH /groups/{id}; the answer is the group with its members (at most
// MaxInlineGroupMembers of them). It is not retried after a 5xx (design §3.9: only GET, PUT and
// DELETE are).
func (c *Client) PatchGroup(ctx context.Context, id string, p GroupPatch) (*Group, error) {
	var g Group
	if _, err := c.do(ctx, http.MethodPatch, c.endpoint(groupPath(id), nil), p, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// DeleteGroup deletes a group (DELETE /groups/{id}; 204).
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, c.endpoint(groupPath(id), nil), nil, nil)
	return err
}
