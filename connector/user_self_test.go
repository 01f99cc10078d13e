package connector_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 15, item 1: the connector cannot be turned against itself through /Users. Changing the
// consenting administrator's roles, licences or active, or deleting it, is refused with 403 and
// nothing is sent to Webex; the rest of its attributes can still be changed, and every write and
// listing keeps working afterwards.
func TestConsentingAdminCannotBeDisabledThroughUsers(t *testing.T) {
	tg := newTarget(t)
	admin := tg.adminID()
	before, ok := tg.person(admin)
	require.True(t, ok)
	cur := tg.do(http.MethodGet, "/scim/v2/Users/"+admin, nil)
	require.Equal(t, http.StatusOK, cur.Status)
	var full map[string]any
	require.NoError(t, json.Unmarshal(cur.Body, &full))
	withField := func(k string, v any) map[string]any {
		out := map[string]any{}
		for key, val := range full {
			out[key] = val
		}
		out[k] = v
		return out
	}

	for name, req := range map[string]struct {
		method string
		body   any
		names  string
	}{
		"PUT roles []":            {http.MethodPut, withField("roles", []any{}), "roles"},
		"PUT entitlements []":     {http.MethodPut, withField("entitlements", []any{}), "licences"},
		"PUT active false":        {http.MethodPut, withField("active", false), "active"},
		"PATCH remove roles":      {http.MethodPatch, patch(`{"op":"remove","path":"roles"}`), "roles"},
		"PATCH replace active":    {http.MethodPatch, patch(`{"op":"replace","path":"active","value":false}`), "active"},
		"PATCH remove licences":   {http.MethodPatch, patch(`{"op":"remove","path":"entitlements"}`), "licences"},
		"DELETE the admin itself": {http.MethodDelete, nil, "deleting it"},
	} {
		t.Run(name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(req.method, "/scim/v2/Users/"+admin, req.body)
			requireSCIMError(t, r, http.StatusForbidden, "")
			detail := r.JSON.Get("detail").String()
			assert.Contains(t, detail, adminEmail)
			assert.Contains(t, detail, req.names)
			assert.Contains(t, detail, "nothing was changed")
			assert.Empty(t, tg.writeRequests(), "nothing was sent to Webex")
		})
	}
	after, ok := tg.person(admin)
	require.True(t, ok, "the admin still exists")
	assert.Equal(t, before.Roles, after.Roles)
	assert.Equal(t, before.Licenses, after.Licenses)

	t.Run("other attributes of the admin still change", func(t *testing.T) {
		r := tg.do(http.MethodPut, "/scim/v2/Users/"+admin, withField("displayName", "Admin Renamed"))
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, "Admin Renamed", r.JSON.Get("displayName").String())
		r = tg.do(http.MethodPatch, "/scim/v2/Users/"+admin, patch(`{"op":"replace","path":"title","value":"x"}`,
			`{"op":"replace","path":"active","value":true}`))
		require.Equal(t, http.StatusOK, r.Status, "active:true is what it has: %s", r.Body)
	})
	t.Run("another user's rights still change", func(t *testing.T) {
		dave := tg.personID("dave.dubois@example.com")
		r := tg.do(http.MethodPatch, "/scim/v2/Users/"+dave, patch(`{"op":"replace","path":"active","value":false}`))
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.False(t, r.JSON.Get("active").Bool())
	})
	t.Run("Bulk goes through the same refusal", func(t *testing.T) {
		tg.fake().ClearRequests()
		r := tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0,
			map[string]any{"method": "DELETE", "path": "/Users/" + admin},
			map[string]any{"method": "PATCH", "path": "/Users/" + admin, "data": map[string]any{
				"schemas": []string{patchOpURN}, "Operations": []any{map[string]any{"op": "remove", "path": "roles"}}}}))
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, "403", r.JSON.Get("Operations.0.status").String())
		assert.Equal(t, "403", r.JSON.Get("Operations.1.status").String())
		assert.Empty(t, tg.writeRequests(), "nothing was sent to Webex")
	})
	assert.Equal(t, http.StatusOK, tg.do(http.MethodGet, "/scim/v2/Users?count=2", nil).Status, "listings work")
	assert.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/readyz", nil).Status)
}

// Issue 15, item 1: /readyz notices when the consenting account has lost the administrator
// role the connector needs (someone changed it in Control Hub): 503 naming the account and
// what to do, where it used to say ready while every write answered 403.
func TestReadyzNoticesLostAdminRights(t *testing.T) {
	tg := newTarget(t)
	admin := tg.adminID()
	require.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/readyz", nil).Status)

	// Bob, a user administrator, takes the admin's roles away in Webex.
	status, body := tg.webexAs("bob.builder@example.com", http.MethodGet, "/people/"+admin, nil)
	require.Equal(t, http.StatusOK, status, string(body))
	var p map[string]any
	require.NoError(t, json.Unmarshal(body, &p))
	p["roles"] = []any{}
	status, body = tg.webexAs("bob.builder@example.com", http.MethodPut, "/people/"+admin, p)
	require.Equal(t, http.StatusOK, status, string(body))

	r := tg.doAs("", http.MethodGet, "/readyz", nil)
	require.Equal(t, http.StatusServiceUnavailable, r.Status, string(r.Body))
	assert.Equal(t, "not ready", r.JSON.Get("status").String())
	assert.Contains(t, r.JSON.Get("reason").String(), adminEmail)
	assert.Contains(t, r.JSON.Get("reason").String(), "administrator role")
	assert.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/healthz", nil).Status, "still alive")
}
