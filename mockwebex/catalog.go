package mockwebex

import (
	"slices"
	"strconv"
)

// catalog.go: /roles and /licenses (spec: Roles, Licenses). Read-only;
// administrators only, as Webex asks for the spark-admin scopes.

func (s *Server) requireAdmin(c *call) error {
	if !c.st.isAdmin(c.caller) {
		return errForbidden()
	}
	return nil
}

func (s *Server) listRoles(c *call) (*reply, error) {
	if err := s.requireAdmin(c); err != nil {
		return nil, err
	}
	out := listBody[Role]{Items: []Role{}}
	for _, r := range c.st.roles {
		out.Items = append(out.Items, c.st.renderRole(r))
	}
	return okJSON(out), nil
}

func (s *Server) getRole(c *call) (*reply, error) {
	if err := s.requireAdmin(c); err != nil {
		return nil, err
	}
	r := c.st.rolesByID[pathVar(c.r, "roleId")]
	if r == nil {
		return nil, errNotFound()
	}
	return okJSON(c.st.renderRole(r)), nil
}

func (s *Server) listLicenses(c *call) (*reply, error) {
	if err := s.requireAdmin(c); err != nil {
		return nil, err
	}
	if org := first(c.q, "orgId"); org != "" && org != c.st.org.id {
		return nil, errBadRequest("Invalid orgId: %s", org)
	}
	out := listBody[License]{Items: []License{}}
	for _, l := range c.st.licenses {
		out.Items = append(out.Items, c.st.renderLicense(l))
	}
	return okJSON(out), nil
}

// getLicense: GET /licenses/{id}, with includeAssignedTo=user listing up to
// limit (at most 300, spec) holders. The spec's next-page parameter of that
// list is not modelled and is refused by the strict parameter check.
func (s *Server) getLicense(c *call) (*reply, error) {
	if err := s.requireAdmin(c); err != nil {
		return nil, err
	}
	l := c.st.licensesByID[pathVar(c.r, "licenseId")]
	if l == nil {
		return nil, errNotFound()
	}
	out := c.st.renderLicense(l)
	switch v := first(c.q, "includeAssignedTo"); v {
	case "":
	case "user":
		limit := maxLicenseUsers
		if raw := first(c.q, "limit"); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n > maxLicenseUsers {
				return nil, errBadRequest("Invalid value for limit: %q (0 to %d).", raw, maxLicenseUsers)
			}
			if n > 0 {
				limit = n
			}
		}
		out.Users = []LicenseUser{}
		for _, p := range c.st.people {
			if len(out.Users) >= limit {
				break
			}
			if p.deleted || !slices.Contains(p.p.Licenses, l.id) {
				continue
			}
			out.Users = append(out.Users, LicenseUser{ID: p.id, Type: "INTERNAL", DisplayName: p.p.DisplayName, Email: p.p.Emails[0]})
		}
	default:
		return nil, errBadRequest("Invalid value for includeAssignedTo: %q (user expected).", v)
	}
	return okJSON(out), nil
}
