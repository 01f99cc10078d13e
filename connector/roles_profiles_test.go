package connector_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Vendor page table 314 (Get Role, Get Roles) and design §4.3.
func TestRoles(t *testing.T) {
	tg := newTarget(t)
	webexRoles := tg.fake().State().Roles
	require.NotEmpty(t, webexRoles)

	r := tg.do(http.MethodGet, "/scim/v2/Roles", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, int64(len(webexRoles)), r.JSON.Get("totalResults").Int())
	for i, role := range webexRoles {
		res := r.JSON.Get("Resources." + itoa(i))
		assert.Equal(t, role.ID, res.Get("id").String())
		assert.Equal(t, role.Name, res.Get("displayName").String())
		assert.Equal(t, "urn:scim:schemas:extension:webex:2.0:Role", res.Get("schemas.0").String())
		assert.Equal(t, "Role", res.Get("meta.resourceType").String())
		assert.Equal(t, tg.url+"/scim/v2/Roles/"+role.ID, res.Get("meta.location").String())
	}

	one := tg.do(http.MethodGet, "/scim/v2/Roles/"+webexRoles[1].ID, nil)
	require.Equal(t, http.StatusOK, one.Status, string(one.Body))
	assert.Equal(t, webexRoles[1].Name, one.JSON.Get("displayName").String())
	assert.Equal(t, one.JSON.Get("meta.version").String(), one.Header.Get("ETag"))
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Roles/no-such-role", nil), http.StatusNotFound, "")

	f := tg.do(http.MethodGet, "/scim/v2/Roles?filter="+url.QueryEscape(`displayName co "read-only"`), nil)
	require.Equal(t, http.StatusOK, f.Status, string(f.Body))
	assert.Equal(t, int64(2), f.JSON.Get("totalResults").Int())

	// Paging like /Users, both ways.
	p := tg.do(http.MethodGet, "/scim/v2/Roles?startIndex=3&count=2&attributes=displayName", nil)
	assert.Equal(t, int64(len(webexRoles)), p.JSON.Get("totalResults").Int())
	assert.Equal(t, webexRoles[2].ID, p.JSON.Get("Resources.0.id").String())
	assert.False(t, p.JSON.Get("Resources.0.meta").Exists(), "attributes applies")
	var ids []string
	cursor := ""
	for range len(webexRoles) {
		c := tg.do(http.MethodGet, "/scim/v2/Roles?count=3&cursor="+url.QueryEscape(cursor), nil)
		require.Equal(t, http.StatusOK, c.Status, string(c.Body))
		ids = append(ids, stringsOf(c.JSON.Get("Resources.#.id").Array())...)
		if !c.JSON.Get("nextCursor").Exists() {
			break
		}
		cursor = c.JSON.Get("nextCursor").String()
	}
	assert.Len(t, ids, len(webexRoles))

	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Roles", map[string]any{"displayName": "x"}), http.StatusMethodNotAllowed, "")
	requireSCIMError(t, tg.do(http.MethodDelete, "/scim/v2/Roles/"+webexRoles[0].ID, nil), http.StatusMethodNotAllowed, "")
}

// Vendor page table 315 (Get Profile, Get Profiles) and design §4.4.
func TestProfiles(t *testing.T) {
	tg := newTarget(t)
	lics := tg.fake().State().Licenses
	require.NotEmpty(t, lics)
	r := tg.do(http.MethodGet, "/scim/v2/Profiles", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, int64(len(lics)), r.JSON.Get("totalResults").Int())
	for i, l := range lics {
		res := r.JSON.Get("Resources." + itoa(i))
		assert.Equal(t, l.ID, res.Get("id").String())
		assert.Equal(t, l.Name, res.Get("displayName").String())
		assert.Equal(t, int64(l.TotalUnits), res.Get("totalUnits").Int())
		assert.Equal(t, int64(l.ConsumedUnits), res.Get("consumedUnits").Int())
		assert.Equal(t, int64(l.ConsumedByUsers), res.Get("consumedByUsers").Int())
		assert.Equal(t, int64(l.ConsumedByWorkspaces), res.Get("consumedByWorkspaces").Int())
		assert.Equal(t, l.SubscriptionID, res.Get("subscriptionId").String())
		assert.Equal(t, l.SiteURL, res.Get("siteUrl").String())
		assert.Equal(t, l.SiteType, res.Get("siteType").String())
		assert.Equal(t, "Profile", res.Get("meta.resourceType").String())
	}
	one := tg.do(http.MethodGet, "/scim/v2/profiles/"+lics[0].ID, nil)
	require.Equal(t, http.StatusOK, one.Status, string(one.Body))
	assert.Equal(t, lics[0].Name, one.JSON.Get("displayName").String())
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Profiles/no-such-licence", nil), http.StatusNotFound, "")

	f := tg.do(http.MethodGet, "/scim/v2/Profiles?filter="+url.QueryEscape(`totalUnits gt 0 and displayName sw "Meeting"`), nil)
	require.Equal(t, http.StatusOK, f.Status, string(f.Body))
	assert.Equal(t, int64(1), f.JSON.Get("totalResults").Int())
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Profiles?filter="+url.QueryEscape(`colour eq "x"`), nil), http.StatusBadRequest, "invalidFilter")
}
