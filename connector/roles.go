package connector

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// roleResource maps a Webex role (design §4.3): id ← id, displayName ← name.
func (s *Server) roleResource(r *http.Request, role webex.Role) scim.Resource {
	res := scim.Resource{
		"schemas":     []any{schemaWebexRole},
		"id":          role.ID,
		"displayName": role.Name,
	}
	res["meta"] = s.meta("Role", s.location(r, "Roles", role.ID), time.Time{}, time.Time{}, weakETag(role))
	return res
}

// listRoles is GET /Roles. Webex has a handful of roles: they are read in full and filtered and
// paged here, with the same parameters as /Users.
func (s *Server) listRoles(w http.ResponseWriter, r *http.Request) error {
	p, err := scim.ParseListParams(r.URL.Query(), s.roles, defaultPageSize, maxPageSize)
	if err != nil {
		return err
	}
	roles, err := s.webex.ListRoles(r.Context())
	if err != nil {
		return err
	}
	var matched []scim.Resource
	for _, role := range roles {
		res := s.roleResource(r, role)
		if p.Filter == nil || p.Filter.Match(res) {
			matched = append(matched, res)
		}
	}
	page, err := s.localPage("Roles", p, matched)
	if err != nil {
		return err
	}
	return s.writeList(w, r, p, s.roles, page)
}

// getRole is GET /Roles/{id}.
func (s *Server) getRole(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	role, err := s.webex.GetRole(r.Context(), id)
	if err != nil {
		if webexStatus(err) == http.StatusNotFound {
			return scim.Errorf(http.StatusNotFound, "", "no role %q", id)
		}
		return err
	}
	return s.writeResource(w, r, http.StatusOK, s.roleResource(r, *role), s.roles)
}
