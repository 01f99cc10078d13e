package mockwebex

// organizations.go: /organizations and /organizations/{id} (Webex admin API:
// Organizations). "This organizations resource can be accessed only by an
// admin" (developer.webex.com, Organizations): any administrator role reads
// the one organisation of the seed; other callers get 403. The Webex SDKs
// read it at start-up.

func (s *Server) listOrganizations(c *call) (*reply, error) {
	if err := s.requireAdmin(c); err != nil {
		return nil, err
	}
	return okJSON(listBody[Organization]{Items: []Organization{c.st.renderOrganization()}}), nil
}

func (s *Server) getOrganization(c *call) (*reply, error) {
	if err := s.requireAdmin(c); err != nil {
		return nil, err
	}
	if pathVar(c.r, "orgId") != c.st.org.id {
		return nil, errNotFound()
	}
	return okJSON(c.st.renderOrganization()), nil
}

func (st *store) renderOrganization() Organization {
	return Organization{ID: st.org.id, DisplayName: st.org.displayName, Created: webexTime(st.org.created)}
}
