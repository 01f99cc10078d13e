package connector

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// profileResource maps a Webex licence (design §4.4): id, displayName ← name, and the read-only
// unit counts and site details.
func (s *Server) profileResource(r *http.Request, l webex.License) scim.Resource {
	res := scim.Resource{
		"schemas":              []any{schemaWebexProfile},
		"id":                   l.ID,
		"displayName":          l.Name,
		"totalUnits":           l.TotalUnits,
		"consumedUnits":        l.ConsumedUnits,
		"consumedByUsers":      l.ConsumedByUsers,
		"consumedByWorkspaces": l.ConsumedByWorkspaces,
	}
	putString(res, "subscriptionId", l.SubscriptionID)
	putString(res, "siteUrl", l.SiteURL)
	putString(res, "siteType", l.SiteType)
	res["meta"] = s.meta("Profile", s.location(r, "Profiles", l.ID), time.Time{}, time.Time{}, weakETag(l))
	return res
}

// listProfiles is GET /Profiles: every licence of the organisation, filtered and paged here
// (a small set), with the same parameters as /Users.
func (s *Server) listProfiles(w http.ResponseWriter, r *http.Request) error {
	p, err := scim.ParseListParams(r.URL.Query(), s.profiles, defaultPageSize, maxPageSize)
	if err != nil {
		return err
	}
	licenses, err := s.webex.ListLicenses(r.Context())
	if err != nil {
		return err
	}
	var matched []scim.Resource
	for _, l := range licenses {
		res := s.profileResource(r, l)
		if p.Filter == nil || p.Filter.Match(res) {
			matched = append(matched, res)
		}
	}
	page, err := s.localPage("Profiles", p, matched)
	if err != nil {
		return err
	}
	return s.writeList(w, r, p, s.profiles, page)
}

// getProfile is GET /Profiles/{id}.
func (s *Server) getProfile(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	l, err := s.webex.GetLicense(r.Context(), id)
	if err != nil {
		if webexStatus(err) == http.StatusNotFound {
			return scim.Errorf(http.StatusNotFound, "", "no profile (licence) %q", id)
		}
		return err
	}
	return s.writeResource(w, r, http.StatusOK, s.profileResource(r, *l), s.profiles)
}
