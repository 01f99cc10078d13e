package connector

// POST /.search (RFC 7644 §3.4.3): a query whose parameters travel in a SearchRequest body, for
// clients whose filters are too long for a URL. The decisions, for the README:
//
//   - /Users/.search and /Groups/.search answer exactly what GET /Users and GET /Groups answer
//     for the same parameters: the body is turned into the query GET reads and the GET handler
//     runs it, so filters, push-down, projection, both paging methods and the index-paging cache
//     are the same code. sortBy and sortOrder are taken and, like GET's, not applied (sorting
//     is not supported: /ServiceProviderConfig says so).
//   - A filter may be up to 16 KiB (connector/scim checkFilterSize), in a URL as in a body.
//   - POST /.search on the root searches Users and Groups together (RFC 7644 §3.4.2.2: an
//     attribute a resource type does not have is treated as having no value there, so
//     `userName sw "a"` matches no group and `members pr` no user). Users come first, then
//     groups, each in Webex's order; both paging methods are served over that combined list,
//     which a query's first page builds and the index-paging cache keeps for its later pages
//     (paging.go).
//   - The body must list the SearchRequest schema. An attribute RFC 7644 §3.4.3 does not define
//     (a misspelt "filters" would otherwise return everything) and the list parameters in the
//     URL's query (they belong in the body) are 400 invalidSyntax naming them; a value of the
//     wrong type is 400 invalidValue.

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// rootSearchResource names the root search in its cursors and cache keys.
const rootSearchResource = "/.search"

// searchUsers is POST /Users/.search: GET /Users with the body's parameters.
func (s *Server) searchUsers(w http.ResponseWriter, r *http.Request) error {
	return s.searchWith(w, r, s.listUsers)
}

// searchGroups is POST /Groups/.search: GET /Groups with the body's parameters.
func (s *Server) searchGroups(w http.ResponseWriter, r *http.Request) error {
	return s.searchWith(w, r, s.listGroups)
}

// searchWith runs a list handler on the parameters of a SearchRequest body, given to it as the
// query string it reads for GET.
func (s *Server) searchWith(w http.ResponseWriter, r *http.Request, list handlerFunc) error {
	q, err := readSearchRequest(w, r)
	if err != nil {
		return err
	}
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = q.Encode()
	return list(w, r2)
}

// readSearchRequest reads a SearchRequest body (RFC 7644 §3.4.3; cursor from RFC 9865) into
// the query parameters of the equivalent GET. Attribute names match case-insensitively
// (RFC 7643 §2.1); null is absent.
func readSearchRequest(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	for k := range r.URL.Query() {
		if searchParamName(k) != "" {
			return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax,
				"the query parameter %q of a POST /.search belongs in its SearchRequest body (RFC 7644 §3.4.3)", k)
		}
	}
	raw, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	body, err := decodeResource(raw)
	if err != nil {
		return nil, err
	}
	if err := requireMessageSchema(body, scim.SchemaSearchRequest, "RFC 7644 §3.4.3"); err != nil {
		return nil, err
	}
	q := url.Values{}
	for k, v := range body {
		if strings.EqualFold(k, "schemas") || v == nil {
			continue
		}
		name := searchParamName(k)
		switch strings.ToLower(name) {
		case "":
			return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax,
				"a SearchRequest has no attribute %q: RFC 7644 §3.4.3 defines attributes, excludedAttributes, "+
					"filter, sortBy, sortOrder, startIndex and count, and RFC 9865 cursor", truncateDetail(k))
		case "attributes", "excludedattributes":
			list, err := stringList(name, v)
			if err != nil {
				return nil, err
			}
			q.Set(name, strings.Join(list, ","))
		case "startindex", "count":
			n, ok := v.(float64)
			if !ok || n != math.Trunc(n) || math.IsInf(n, 0) {
				return nil, invalidValue("%s must be an integer", name)
			}
			q.Set(name, strconv.FormatFloat(n, 'f', -1, 64))
		default:
			str, ok := v.(string)
			if !ok {
				return nil, invalidValue("%s must be a string", name)
			}
			q.Set(name, str)
		}
	}
	return q, nil
}

// searchParamName is the canonical name of a SearchRequest attribute (and of the GET query
// parameter it stands for), "" when there is none of that name.
func searchParamName(k string) string {
	for _, n := range [...]string{"attributes", "excludedAttributes", "filter", "sortBy", "sortOrder", "startIndex", "count", "cursor"} {
		if strings.EqualFold(k, n) {
			return n
		}
	}
	return ""
}

// stringList reads a multi-valued string attribute (RFC 7644 §3.4.3 attributes and
// excludedAttributes). A single comma-separated string is taken too, as the URL form writes it.
func stringList(name string, v any) ([]string, error) {
	if s, ok := v.(string); ok {
		return scim.ParseAttributes(s), nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, invalidValue("%s must be an array of attribute names", name)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, invalidValue("%s must be an array of attribute names", name)
		}
		out = append(out, s)
	}
	return out, nil
}

// requireMessageSchema checks that a protocol message lists its schema (RFC 7644 §3.4.3, §3.7:
// requests "MUST be identified" by it); 400 invalidSyntax otherwise.
func requireMessageSchema(body scim.Resource, urn, cite string) error {
	v, _ := lookupFold(body, "schemas")
	list, _ := v.([]any)
	for _, e := range list {
		if s, ok := e.(string); ok && strings.EqualFold(s, urn) {
			return nil
		}
	}
	return scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "schemas must contain %q (%s)", urn, cite)
}

// truncateDetail shortens client text quoted in an error detail.
func truncateDetail(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// searchAll is POST /.search on the root: Users and Groups together (see the top of this file).
func (s *Server) searchAll(w http.ResponseWriter, r *http.Request) error {
	q, err := readSearchRequest(w, r)
	if err != nil {
		return err
	}
	p, err := scim.ParseListParams(q, s.rootSearchSchema(), defaultPageSize, maxPageSize)
	if err != nil {
		return err
	}
	matched, err := s.rootMatches(r, p)
	if err != nil {
		return err
	}
	stubs := make([]scim.Resource, len(matched))
	for i := range matched {
		stubs[i] = scim.Resource{"i": i}
	}
	page, err := s.localPage(rootSearchResource, p, stubs)
	if err != nil {
		return err
	}
	var groups []groupRecord
	out := make([]scim.Resource, 0, len(page.Resources))
	for _, stub := range page.Resources {
		m := matched[stub["i"].(int)]
		if m.person != nil {
			res := s.userFromPerson(m.person, s.location(r, "Users", m.person.ID))
			out = append(out, projectList(res, s.users, p))
			continue
		}
		groups = append(groups, m.group)
	}
	// Users come first (rootMatches), so the page's groups are its tail.
	if s.membersShown(p.Attributes, p.Excluded) {
		if groups, err = s.groupStore.complete(r.Context(), groups); err != nil {
			return err
		}
	}
	for _, g := range groups {
		out = append(out, projectList(s.groupStore.resource(r, g), s.groups, p))
	}
	page.Resources = out
	// Each resource is projected with its own schema above; writeList must not project again.
	p.Attributes, p.Excluded = nil, nil
	return s.writeList(w, r, p, nil, page)
}

func projectList(res scim.Resource, rs *scim.ResourceSchema, p scim.ListParams) scim.Resource {
	if len(p.Attributes) == 0 && len(p.Excluded) == 0 {
		return res
	}
	return scim.Project(res, rs, p.Attributes, p.Excluded)
}

// rootMatch is one resource a root search matched: a person (a User) or a group.
type rootMatch struct {
	person *webex.Person
	group  groupRecord
}

// rootMatches is every User, then every Group, the query matches. The first page of a query
// walks Webex; later pages come from the index-paging cache while it holds the query
// (design §3.4), else walk again.
func (s *Server) rootMatches(r *http.Request, p scim.ListParams) ([]rootMatch, error) {
	key := cacheKey(rootSearchResource, p.Filter)
	if p.StartIndex > 1 || (p.Cursor != nil && *p.Cursor != "") {
		if cached, ok := s.pages.get(key); ok {
			return cached.([]rootMatch), nil
		}
	}
	var out []rootMatch
	_, _, err := s.walkPeople(r.Context(), planPeople(p.Filter), webexWalkPage, webexPosition{},
		func(person *webex.Person) bool {
			if p.Filter == nil || p.Filter.Match(s.userFromPerson(person, s.location(r, "Users", person.ID))) {
				cp := *person
				out = append(out, rootMatch{person: &cp})
			}
			return true
		})
	if err != nil {
		return nil, err
	}
	first := p
	first.StartIndex, first.Cursor = 1, nil // the groups of this query, walked now
	groups, err := s.groupStore.match(r, first)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		out = append(out, rootMatch{group: g})
	}
	s.pages.put(key, out)
	return out, nil
}

// rootSearchSchema is what a root filter is resolved against: the User's attributes and
// extension, and the Group's attributes the User has not (members). Each resource is then
// matched on what it holds, so an attribute of the other type has no value (RFC 7644 §3.4.2.2).
func (s *Server) rootSearchSchema() *scim.ResourceSchema {
	core := *s.users.Core
	core.Attributes = append([]*scim.Attribute(nil), s.users.Core.Attributes...)
	for _, ga := range s.groups.Core.Attributes {
		shared := false
		for _, ua := range core.Attributes {
			shared = shared || strings.EqualFold(ua.Name, ga.Name)
		}
		if !shared {
			core.Attributes = append(core.Attributes, ga)
		}
	}
	return &scim.ResourceSchema{Core: &core, Extensions: s.users.Extensions}
}
