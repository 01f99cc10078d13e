package connector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// RFC 7643 §5, RFC 9865 §4: the configuration says what the server does.
func TestServiceProviderConfig(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodGet, "/scim/v2/ServiceProviderConfig", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Contains(t, r.Header.Get("Content-Type"), "application/scim+json")
	j := r.JSON
	for path, want := range map[string]any{
		"schemas.0":                          "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
		"patch.supported":                    true,
		"bulk.supported":                     true,
		"bulk.maxOperations":                 float64(100),
		"bulk.maxPayloadSize":                float64(1 << 20),
		"filter.supported":                   true,
		"filter.maxResults":                  float64(1000),
		"changePassword.supported":           false,
		"sort.supported":                     false,
		"etag.supported":                     true,
		"authenticationSchemes.0.type":       "oauthbearertoken",
		"pagination.cursor":                  true,
		"pagination.index":                   true,
		"pagination.defaultPaginationMethod": "index",
		"pagination.defaultPageSize":         float64(100),
		"pagination.maxPageSize":             float64(1000),
		"pagination.cursorTimeout":           float64(3600),
		"meta.resourceType":                  "ServiceProviderConfig",
		"schemas.1":                          "urn:scim:schemas:extension:webex:2.0:ServiceProviderConfig",
		// RFC 7643 §5 has no attribute for POST /.search (RFC 7644 §3.4.3): the extension says it.
		"urn:scim:schemas:extension:webex:2\\.0:ServiceProviderConfig.search.supported": true,
	} {
		assert.Equal(t, want, j.Get(path).Value(), path)
	}
	assert.Equal(t, []any{"/.search", "/Users/.search", "/Groups/.search"},
		j.Get(`urn:scim:schemas:extension:webex:2\.0:ServiceProviderConfig.search.endpoints`).Value())
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/ServiceProviderConfig?filter=x", nil), http.StatusForbidden, "")
}

func TestSchemas(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodGet, "/scim/v2/Schemas", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	ids := stringsOf(r.JSON.Get("Resources.#.id").Array())
	want := []string{
		"urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group",
		enterpriseURN, "urn:scim:schemas:extension:webex:2.0:User", "urn:scim:schemas:extension:webex:2.0:Role",
		"urn:scim:schemas:extension:webex:2.0:Profile",
	}
	assert.ElementsMatch(t, want, ids)
	assert.Equal(t, int64(len(want)), r.JSON.Get("totalResults").Int())

	ext := tg.do(http.MethodGet, "/scim/v2/Schemas/urn:scim:schemas:extension:webex:2.0:User", nil)
	require.Equal(t, http.StatusOK, ext.Status, string(ext.Body))
	for _, name := range []string{"organization", "status"} {
		a := attribute(ext.JSON, name)
		require.True(t, a.Exists(), name)
		assert.Equal(t, "readOnly", a.Get("mutability").String(), name)
	}
	user := tg.do(http.MethodGet, "/scim/v2/schemas/URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER", nil)
	require.Equal(t, http.StatusOK, user.Status, "schema URNs match case-insensitively")
	un := attribute(user.JSON, "userName")
	assert.True(t, un.Get("required").Bool())
	assert.Equal(t, "server", un.Get("uniqueness").String())
	assert.False(t, un.Get("caseExact").Bool())
	assert.Equal(t, "readOnly", attribute(user.JSON, "userType").Get("mutability").String())
	assert.Equal(t, tg.url+"/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", user.JSON.Get("meta.location").String())
	// Webex's directory fields (issue 11): the types Webex holds are the canonical values.
	assert.Equal(t, []string{"work", "mobile", "fax"}, stringsOf(subAttribute(attribute(user.JSON, "phoneNumbers"), "type").Get("canonicalValues").Array()))
	assert.Equal(t, []string{"work"}, stringsOf(subAttribute(attribute(user.JSON, "addresses"), "type").Get("canonicalValues").Array()))
	assert.False(t, subAttribute(attribute(user.JSON, "addresses"), "formatted").Exists(), "Webex has no formatted address")
	assert.Equal(t, "readWrite", attribute(user.JSON, "title").Get("mutability").String())

	// The enterprise extension is published with what Webex holds of it, and nothing else.
	ent := tg.do(http.MethodGet, "/scim/v2/Schemas/"+enterpriseURN, nil)
	require.Equal(t, http.StatusOK, ent.Status, string(ent.Body))
	assert.Equal(t, []string{"department", "manager"}, stringsOf(ent.JSON.Get("attributes.#.name").Array()))
	mgr := attribute(ent.JSON, "manager")
	assert.Equal(t, []string{"value", "displayName"}, stringsOf(mgr.Get("subAttributes.#.name").Array()))
	assert.Equal(t, "readOnly", subAttribute(mgr, "displayName").Get("mutability").String())

	prof := tg.do(http.MethodGet, "/scim/v2/Schemas/urn:scim:schemas:extension:webex:2.0:Profile", nil)
	for _, a := range prof.JSON.Get("attributes").Array() {
		assert.Equal(t, "readOnly", a.Get("mutability").String(), a.Get("name").String())
	}
	assert.Equal(t, "integer", attribute(prof.JSON, "totalUnits").Get("type").String())
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Schemas/urn:nope", nil), http.StatusNotFound, "")
}

func TestResourceTypes(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodGet, "/scim/v2/ResourceTypes", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.ElementsMatch(t, []string{"/Users", "/Groups", "/Roles", "/Profiles"}, stringsOf(r.JSON.Get("Resources.#.endpoint").Array()))
	u := tg.do(http.MethodGet, "/scim/v2/ResourceTypes/user", nil)
	require.Equal(t, http.StatusOK, u.Status, string(u.Body))
	assert.Equal(t, "urn:ietf:params:scim:schemas:core:2.0:User", u.JSON.Get("schema").String())
	assert.Equal(t, []string{enterpriseURN, "urn:scim:schemas:extension:webex:2.0:User"}, stringsOf(u.JSON.Get("schemaExtensions.#.schema").Array()))
	assert.False(t, u.JSON.Get("schemaExtensions.0.required").Bool())
	assert.False(t, u.JSON.Get("schemaExtensions.1.required").Bool())
	p := tg.do(http.MethodGet, "/scim/v2/ResourceTypes/Profile", nil)
	assert.Equal(t, "urn:scim:schemas:extension:webex:2.0:Profile", p.JSON.Get("schema").String())
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/ResourceTypes/Device", nil), http.StatusNotFound, "")
}

func subAttribute(attr gjson.Result, name string) gjson.Result {
	for _, a := range attr.Get("subAttributes").Array() {
		if a.Get("name").String() == name {
			return a
		}
	}
	return gjson.Result{}
}

func attribute(schema gjson.Result, name string) gjson.Result {
	for _, a := range schema.Get("attributes").Array() {
		if a.Get("name").String() == name {
			return a
		}
	}
	return gjson.Result{}
}
