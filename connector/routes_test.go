package connector_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The route table answers by method and path, whatever order its routes are registered in
// (routes.go puts the reads a sync makes most first): a method a path does not serve is 405 and
// a path no route has is 404 (RFC 7644 §3.12); every served pair reaches its handler. HEAD is
// served wherever GET is (server_head.go).
func TestRouteTableMethods(t *testing.T) {
	tg := newTarget(t)
	served := map[string][]string{
		"/healthz":                       {http.MethodGet, http.MethodHead},
		"/readyz":                        {http.MethodGet, http.MethodHead},
		"/oauth/token":                   {http.MethodPost},
		"/consent":                       {http.MethodGet},
		"/consent/callback":              {http.MethodGet},
		"/scim/v2/ServiceProviderConfig": {http.MethodGet, http.MethodHead},
		"/scim/v2/Schemas":               {http.MethodGet, http.MethodHead},
		"/scim/v2/Schemas/x":             {http.MethodGet, http.MethodHead},
		"/scim/v2/ResourceTypes":         {http.MethodGet, http.MethodHead},
		"/scim/v2/ResourceTypes/x":       {http.MethodGet, http.MethodHead},
		"/scim/v2/Users":                 {http.MethodGet, http.MethodHead, http.MethodPost},
		"/scim/v2/Users/x":               {http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete},
		"/scim/v2/users/x":               {http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete},
		"/scim/v2/Groups":                {http.MethodGet, http.MethodHead, http.MethodPost},
		"/scim/v2/Groups/":               {http.MethodGet, http.MethodHead, http.MethodPost}, // as without the slash (issue 16)
		"/scim/v2/Users/.search":         {http.MethodPost, http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete},
		"/scim/v2/Groups/.search":        {http.MethodPost, http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete},
		"/scim/v2/.search":               {http.MethodPost},
		"/scim/v2/Bulk":                  {http.MethodPost},
		"/scim/v2/bulk/":                 {http.MethodPost},
		"/scim/v2/Groups/x":              {http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete},
		"/scim/v2/Roles":                 {http.MethodGet, http.MethodHead},
		"/scim/v2/Roles/x":               {http.MethodGet, http.MethodHead},
		"/scim/v2/Profiles":              {http.MethodGet, http.MethodHead},
		"/scim/v2/Profiles/x":            {http.MethodGet, http.MethodHead},
	}
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	for path, allowed := range served {
		for _, m := range methods {
			r := tg.do(m, path, "{}")
			if slices.Contains(allowed, m) {
				assert.NotEqual(t, http.StatusMethodNotAllowed, r.Status, "%s %s is served", m, path)
				assert.NotContains(t, string(r.Body), "no SCIM endpoint", "%s %s is served", m, path)
			} else {
				assert.Equal(t, http.StatusMethodNotAllowed, r.Status, "%s %s: %s", m, path, r.Body)
			}
		}
	}
	for _, path := range []string{"/scim/v2", "/scim/v2/", "/scim/v2/Devices", "/scim/v2/Users/x/y", "/scim/v2/Groups//", "/nope", "/healthz/x"} {
		for _, m := range methods {
			assert.Equal(t, http.StatusNotFound, tg.do(m, path, "{}").Status, "%s %s", m, path)
		}
	}
}

// A path with an empty or dot segment is not an endpoint: it answers a SCIM 404 after
// authentication, never gorilla/mux's redirect to the cleaned path (a 301 without a SCIM body,
// before authentication, that turns a client's PATCH into a GET when followed).
func TestUncleanPathsAreNotRedirected(t *testing.T) {
	tg := newTarget(t)
	for _, path := range []string{"/scim/v2//Users", "/scim/v2/./Users", "/scim/v2/Users/../Groups", "/scim/v2/Users//x"} {
		r := tg.do(http.MethodPatch, path, "{}")
		assert.Equal(t, http.StatusNotFound, r.Status, "%s: %s", path, r.Body)
		assert.Equal(t, "404", r.JSON.Get("status").String(), "%s answers a SCIM error body", path)
		assert.Equal(t, http.StatusUnauthorized, tg.doAs("", http.MethodGet, path, nil).Status, "%s needs a token first", path)
	}
}
