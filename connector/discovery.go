package connector

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// schemaWebexServiceProviderConfig extends /ServiceProviderConfig with what RFC 7643 §5 has no
// attribute for: where POST /.search is served.
const schemaWebexServiceProviderConfig = "urn:scim:schemas:extension:webex:2.0:ServiceProviderConfig"

// getServiceProviderConfig is GET /ServiceProviderConfig (RFC 7643 §5, RFC 9865 §4). It says
// exactly what this server does: PATCH, bulk with its limits (bulk.go), filters (also by POST
// /.search), ETags, both paging methods; no sort, no password change (Webex has no passwords to
// change: users sign in through Webex/SSO).
func (s *Server) getServiceProviderConfig(w http.ResponseWriter, r *http.Request) error {
	if err := refuseDiscoveryFilter(r); err != nil {
		return err
	}
	loc := s.baseURL(r) + scimBasePath + "/ServiceProviderConfig"
	authSchemes := []any{map[string]any{
		"type":        "oauthbearertoken",
		"name":        "OAuth Bearer Token",
		"description": "Authentication with a bearer token: the static SCIM token, or one issued by POST /oauth/token (client credentials)",
		"specUri":     "https://www.rfc-editor.org/info/rfc6750",
		"primary":     true,
	}}
	doc := scim.Resource{
		"schemas":               []any{scim.SchemaServiceProviderConfig, schemaWebexServiceProviderConfig},
		"documentationUri":      "https://github.com/webex-scim/webex-scim",
		"patch":                 map[string]any{"supported": true},
		"bulk":                  map[string]any{"supported": true, "maxOperations": bulkMaxOperations, "maxPayloadSize": bulkMaxPayload},
		"filter":                map[string]any{"supported": true, "maxResults": maxPageSize},
		"changePassword":        map[string]any{"supported": false},
		"sort":                  map[string]any{"supported": false},
		"etag":                  map[string]any{"supported": true},
		"authenticationSchemes": authSchemes,
		// RFC 9865 §4. Index is the default: clients written before cursors expect it.
		"pagination": map[string]any{
			"cursor":                  true,
			"index":                   true,
			"defaultPaginationMethod": "index",
			"defaultPageSize":         defaultPageSize,
			"maxPageSize":             maxPageSize,
			"cursorTimeout":           int(s.cursors.TTL() / time.Second),
		},
		"meta": map[string]any{"resourceType": "ServiceProviderConfig", "location": loc},
		// RFC 7643 §5 has no attribute for POST /.search (RFC 7644 §3.4.3); an extension says
		// where it is served, so a client with long filters can find it.
		schemaWebexServiceProviderConfig: map[string]any{
			"search": map[string]any{
				"supported": true,
				"endpoints": []any{"/.search", "/Users/.search", "/Groups/.search"},
			},
		},
	}
	scim.WriteJSON(w, http.StatusOK, doc)
	return nil
}

// listSchemas is GET /Schemas (RFC 7644 §4): every schema, in a ListResponse.
func (s *Server) listSchemas(w http.ResponseWriter, r *http.Request) error {
	if err := refuseDiscoveryFilter(r); err != nil {
		return err
	}
	var out []scim.Resource
	for _, sc := range s.schemas() {
		out = append(out, sc.Resource(s.schemaLocation(r, sc.ID)))
	}
	scim.WriteJSON(w, http.StatusOK, scim.ListResponse{TotalResults: len(out), StartIndex: 1, Resources: out})
	return nil
}

// getSchema is GET /Schemas/{urn}; the URN matches case-insensitively (RFC 7643 §2.1).
func (s *Server) getSchema(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	for _, sc := range s.schemas() {
		if strings.EqualFold(sc.ID, id) {
			scim.WriteJSON(w, http.StatusOK, sc.Resource(s.schemaLocation(r, sc.ID)))
			return nil
		}
	}
	return scim.Errorf(http.StatusNotFound, "", "no schema %q", id)
}

// listResourceTypes is GET /ResourceTypes (RFC 7644 §4).
func (s *Server) listResourceTypes(w http.ResponseWriter, r *http.Request) error {
	if err := refuseDiscoveryFilter(r); err != nil {
		return err
	}
	var out []scim.Resource
	for _, rt := range s.resourceTypes() {
		out = append(out, rt.Resource(s.baseURL(r)+scimBasePath+"/ResourceTypes/"+rt.ID))
	}
	scim.WriteJSON(w, http.StatusOK, scim.ListResponse{TotalResults: len(out), StartIndex: 1, Resources: out})
	return nil
}

// getResourceType is GET /ResourceTypes/{name}, matched case-insensitively.
func (s *Server) getResourceType(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	for _, rt := range s.resourceTypes() {
		if strings.EqualFold(rt.ID, id) {
			scim.WriteJSON(w, http.StatusOK, rt.Resource(s.baseURL(r)+scimBasePath+"/ResourceTypes/"+rt.ID))
			return nil
		}
	}
	return scim.Errorf(http.StatusNotFound, "", "no resource type %q", id)
}

func (s *Server) schemaLocation(r *http.Request, id string) string {
	return s.baseURL(r) + scimBasePath + "/Schemas/" + url.PathEscape(id)
}

// refuseDiscoveryFilter: RFC 7644 §4 — discovery endpoints ignore paging and sorting, and answer
// a filter with 403 so that a client cannot believe its filter was applied.
func refuseDiscoveryFilter(r *http.Request) error {
	for k := range r.URL.Query() {
		if strings.EqualFold(k, "filter") {
			return scim.Errorf(http.StatusForbidden, "", "discovery endpoints do not support filters (RFC 7644 §4)")
		}
	}
	return nil
}
