package connector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 11 item 3: a PATCH or PUT whose result is what Webex holds sends Webex nothing (the fake's
// request log shows no write), and meta.version and meta.lastModified stay as they were.
func TestUserWriteThatChangesNothingSendsNothing(t *testing.T) {
	tg := newTarget(t)
	roleIDs := stringsOf(tg.do(http.MethodGet, "/scim/v2/Roles", nil).JSON.Get("Resources.#.id").Array())
	boss, _ := tg.personByEmail("bob.builder@example.com")
	r := tg.do(http.MethodPost, "/scim/v2/Users", entraUser("noop@example.com", boss.ID))
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(
		map[string]any{"op": "add", "path": "roles", "value": []any{map[string]any{"value": roleIDs[1]}, map[string]any{"value": roleIDs[2]}}}))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	version, modified := r.JSON.Get("meta.version").String(), r.JSON.Get("meta.lastModified").String()

	for name, ops := range map[string][]map[string]any{
		"the same displayName":            {{"op": "replace", "path": "displayName", "value": "Dana Directory"}},
		"active as Entra's string":        {{"op": "Replace", "path": "active", "value": "True"}},
		"a role already held":             {{"op": "add", "path": "roles", "value": []any{map[string]any{"value": roleIDs[2]}}}},
		"remove what is absent":           {{"op": "remove", "path": "timezone"}, {"op": "remove", "path": "photos"}},
		"the same title and phone number": {{"op": "replace", "path": "title", "value": "Staff Engineer"}, {"op": "add", "path": `phoneNumbers[type eq "mobile"].value`, "value": "+1 408 555 0102"}},
		"the same manager, as Entra":      {{"op": "Add", "path": enterpriseURN + ":manager", "value": boss.ID}},
		"the same department, path-less":  {{"op": "replace", "value": map[string]any{enterpriseURN + ":department": "Platform", "name.givenName": "Dana"}}},
		"only what Webex cannot hold":     {{"op": "replace", "path": "externalId", "value": "x"}},
	} {
		t.Run("PATCH "+name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(ops...))
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			assert.Empty(t, tg.writeRequests(), "no Webex write")
			assert.Equal(t, version, r.JSON.Get("meta.version").String())
			assert.Equal(t, version, r.Header.Get("ETag"))
			assert.Equal(t, modified, r.JSON.Get("meta.lastModified").String())
		})
	}

	// The same PUT twice: the second sends nothing, roles in another order included.
	body := entraUser("noop@example.com", boss.ID)
	body["roles"] = []any{map[string]any{"value": roleIDs[2]}, map[string]any{"value": roleIDs[1]}}
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPut, "/scim/v2/Users/"+id, body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Empty(t, tg.writeRequests(), "the PUT restates what Webex holds")
	assert.Equal(t, version, r.JSON.Get("meta.version").String())

	// Okta's PUT leaves a null nickName out: Webex keeps firstName as the nickName whatever is
	// sent (WX08), so that alone is no change.
	delete(body, "nickName")
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPut, "/scim/v2/Users/"+id, body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Empty(t, tg.writeRequests(), "a PUT without nickName")
	assert.Equal(t, "Dana", r.JSON.Get("nickName").String())

	// A real change still writes once, and moves the version.
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(map[string]any{"op": "replace", "path": "title", "value": "Manager"}))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Len(t, tg.writeRequests(), 1)
	assert.NotEqual(t, version, r.JSON.Get("meta.version").String())
}

// Groups, as Webex teams and as Control Hub groups: a PATCH or PUT with no rename, add or remove
// makes no Webex write, and meta stays; repeated, the same.
func TestGroupWriteThatChangesNothingSendsNothing(t *testing.T) {
	t.Run("teams", func(t *testing.T) { groupNoopWrites(t, newTarget(t)) })
	t.Run("Control Hub groups", func(t *testing.T) { groupNoopWrites(t, newTarget(t, asGroups)) })
}

func groupNoopWrites(t *testing.T, tg *target) {
	a, b := tg.createUser("g.one@example.com", "G", "One"), tg.createUser("g.two@example.com", "G", "Two")
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": "Quiet", "members": []any{map[string]any{"value": a}}})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	patch := patchBody(
		map[string]any{"op": "replace", "value": map[string]any{"id": id, "displayName": "Quiet"}},
		map[string]any{"op": "add", "path": "members", "value": []any{map[string]any{"value": a}, map[string]any{"value": b}}},
	)
	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patch)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	version, modified := r.JSON.Get("meta.version").String(), r.JSON.Get("meta.lastModified").String()
	for i := range 2 {
		tg.fake().ClearRequests()
		r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patch)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Empty(t, tg.writeRequests(), "repeat %d: no Webex write", i+1)
		assert.Equal(t, version, r.JSON.Get("meta.version").String())
		assert.Equal(t, modified, r.JSON.Get("meta.lastModified").String())
	}
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patchBody(map[string]any{"op": "remove", "path": `members[value eq "nobody"]`}))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Empty(t, tg.writeRequests(), "removing an absent member writes nothing")
	assert.Equal(t, version, r.JSON.Get("meta.version").String())
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPut, "/scim/v2/Groups/"+id, map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": "Quiet", "members": []any{map[string]any{"value": b}, map[string]any{"value": a}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Empty(t, tg.writeRequests(), "a PUT of the group as it is writes nothing")
	assert.Equal(t, version, r.JSON.Get("meta.version").String())
}
