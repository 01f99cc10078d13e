package connector_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func patchBody(ops ...map[string]any) map[string]any {
	list := make([]any, 0, len(ops))
	for _, o := range ops {
		list = append(list, o)
	}
	return map[string]any{"schemas": []string{patchOpURN}, "Operations": list}
}

// design §3.6: PATCH for Users, applied to the SCIM representation, then one Webex PUT.
func TestPatchUser(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("carol.chen@example.com")
	roleIDs := stringsOf(tg.do(http.MethodGet, "/scim/v2/Roles", nil).JSON.Get("Resources.#.id").Array())
	tg.fake().ClearRequests()
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+p.ID, patchBody(
		// Entra's shapes: capitalised op, boolean as a string, path-less value with dotted keys.
		map[string]any{"op": "Replace", "path": "active", "value": "False"},
		map[string]any{"op": "replace", "value": map[string]any{"name.givenName": "Caroline", "displayName": "Caroline Chen"}},
		map[string]any{"op": "add", "path": "roles", "value": []any{map[string]any{"value": roleIDs[3]}}},
		map[string]any{"op": "remove", "path": "entitlements"},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	after, _ := tg.person(p.ID)
	require.NotNil(t, after.LoginEnabled)
	assert.False(t, *after.LoginEnabled)
	assert.Equal(t, "Caroline", after.FirstName)
	assert.Equal(t, "Caroline Chen", after.DisplayName)
	assert.Contains(t, after.Roles, roleIDs[3])
	for _, old := range p.Roles {
		assert.Contains(t, after.Roles, old, "add keeps the roles already held")
	}
	assert.Empty(t, after.Licenses)
	assert.Equal(t, p.Department, after.Department, "unmapped fields are kept (WX08)")
	assert.Equal(t, "Caroline", r.JSON.Get("name.givenName").String())
	assert.False(t, r.JSON.Get("active").Bool())
	assert.Equal(t, r.JSON.Get("meta.version").String(), r.Header.Get("ETag"))

	var puts int
	for _, req := range tg.webexRequests() {
		if strings.HasPrefix(req, "PUT ") {
			puts++
		}
	}
	assert.Equal(t, 1, puts, "the whole patch is one Webex PUT")
}

// A patch that cannot apply sends nothing to Webex (design §3.6: atomic).
func TestPatchUserFailureSendsNothing(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("dave.dubois@example.com")
	for name, tc := range map[string]struct {
		body     any
		status   int
		scimType string
	}{
		"second op has no target": {patchBody(
			map[string]any{"op": "replace", "path": "displayName", "value": "Changed"},
			map[string]any{"op": "replace", "path": `emails[type eq "home"].value`, "value": "x@example.com"},
		), http.StatusBadRequest, "noTarget"},
		"unknown attribute": {patchBody(
			map[string]any{"op": "replace", "path": "displayName", "value": "Changed"},
			map[string]any{"op": "replace", "path": "favouriteColour", "value": "blue"},
		), http.StatusBadRequest, "invalidPath"},
		"read-only attribute": {patchBody(
			map[string]any{"op": "remove", "path": "id"},
		), http.StatusBadRequest, "mutability"},
		"removes the mandatory names": {patchBody(
			map[string]any{"op": "remove", "path": "displayName"},
			map[string]any{"op": "remove", "path": "name"},
		), http.StatusBadRequest, "invalidValue"},
		"not a PatchOp": {map[string]any{"Operations": []any{}}, http.StatusBadRequest, "invalidSyntax"},
	} {
		t.Run(name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPatch, "/scim/v2/Users/"+p.ID, tc.body)
			requireSCIMError(t, r, tc.status, tc.scimType)
			for _, req := range tg.webexRequests() {
				assert.False(t, strings.HasPrefix(req, "PUT "), "nothing was written: %s", req)
			}
			after, _ := tg.person(p.ID)
			assert.Equal(t, p.DisplayName, after.DisplayName)
		})
	}
}

// RFC 7644 §3.14: If-Match with a stale version is 412 on PUT, PATCH and DELETE, and nothing
// changes; the current version goes through. If-None-Match on GET gives 304.
func TestIfMatch(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("versioned@example.com", "Vera", "Version")
	v1 := tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil).Header.Get("ETag")
	require.NotEmpty(t, v1)

	r := tg.do(http.MethodPut, "/scim/v2/Users/"+id, map[string]any{"userName": "versioned@example.com", "displayName": "V2"}, "If-Match", v1)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	v2 := r.Header.Get("ETag")
	require.NotEqual(t, v1, v2, "a change gives a new version")

	stale := map[string]response{
		"PUT":    tg.do(http.MethodPut, "/scim/v2/Users/"+id, map[string]any{"userName": "versioned@example.com", "displayName": "V3"}, "If-Match", v1),
		"PATCH":  tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(map[string]any{"op": "replace", "path": "displayName", "value": "V3"}), "If-Match", v1),
		"DELETE": tg.do(http.MethodDelete, "/scim/v2/Users/"+id, nil, "If-Match", v1),
	}
	for method, r := range stale {
		t.Run(method, func(t *testing.T) { requireSCIMError(t, r, http.StatusPreconditionFailed, "") })
	}
	p, ok := tg.person(id)
	require.True(t, ok, "the stale DELETE deleted nothing")
	assert.Equal(t, "V2", p.DisplayName, "the stale writes changed nothing")

	r = tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil, "If-None-Match", v2)
	assert.Equal(t, http.StatusNotModified, r.Status)
	assert.Empty(t, r.Body)
	r = tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil, "If-None-Match", v1)
	assert.Equal(t, http.StatusOK, r.Status)

	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(map[string]any{"op": "replace", "path": "displayName", "value": "V3"}), "If-Match", `"other", `+v2)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = tg.do(http.MethodDelete, "/scim/v2/Users/"+id, nil, "If-Match", r.Header.Get("ETag"))
	assert.Equal(t, http.StatusNoContent, r.Status, string(r.Body))
}

// RFC 7644 §3.9: attributes and excludedAttributes on every answer carrying a user.
func TestUserAttributeSelection(t *testing.T) {
	tg := newTarget(t)
	id := tg.adminID()
	check := func(t *testing.T, r response, present, absent []string) {
		t.Helper()
		require.Less(t, r.Status, 300, string(r.Body))
		res := r.JSON
		if res.Get("Resources").Exists() {
			res = res.Get("Resources.0")
		}
		for _, k := range append([]string{"id", "schemas"}, present...) {
			assert.True(t, res.Get(k).Exists(), "%s is returned", k)
		}
		for _, k := range absent {
			assert.False(t, res.Get(k).Exists(), "%s is not returned", k)
		}
	}
	q := "?attributes=userName,name.givenName"
	only := []string{"displayName", "emails", "meta", "name.familyName", "roles"}
	check(t, tg.do(http.MethodGet, "/scim/v2/Users/"+id+q, nil), []string{"userName", "name.givenName"}, only)
	check(t, tg.do(http.MethodGet, "/scim/v2/Users"+q+"&count=1", nil), []string{"userName", "name.givenName"}, only)
	check(t, tg.do(http.MethodPost, "/scim/v2/Users"+q, map[string]any{"userName": "sel@example.com", "name": map[string]any{"givenName": "S", "familyName": "L"}}),
		[]string{"userName", "name.givenName"}, only)
	check(t, tg.do(http.MethodPut, "/scim/v2/Users/"+id+"?excludedAttributes=roles,entitlements,meta", map[string]any{"userName": adminEmail, "displayName": "Alice Admin"}),
		[]string{"userName", "displayName"}, []string{"roles", "entitlements", "meta"})
	check(t, tg.do(http.MethodPatch, "/scim/v2/Users/"+id+"?ATTRIBUTES=displayName", patchBody(map[string]any{"op": "replace", "path": "displayName", "value": "Al"})),
		[]string{"displayName"}, []string{"userName"})
}
