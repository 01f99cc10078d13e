package connector_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// Vendor page table 312 "Create User" and design §3.2: 201, Location = meta.location, ETag.
func TestCreateUser(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{
		"schemas":     []string{userSchema},
		"userName":    "New.Person@example.com",
		"name":        map[string]any{"givenName": "New", "familyName": "Person"},
		"displayName": "New Person",
		"active":      true,
	})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	require.NotEmpty(t, id)
	assert.Equal(t, r.JSON.Get("meta.location").String(), r.Header.Get("Location"))
	assert.Equal(t, tg.url+"/scim/v2/Users/"+id, r.Header.Get("Location"))
	assert.Equal(t, r.JSON.Get("meta.version").String(), r.Header.Get("ETag"))
	assert.True(t, strings.HasPrefix(r.Header.Get("ETag"), `W/"`), "a weak ETag")
	assert.Equal(t, "User", r.JSON.Get("meta.resourceType").String())
	assert.Equal(t, "New.Person@example.com", r.JSON.Get("userName").String())
	assert.True(t, r.JSON.Get("active").Bool())

	p, ok := tg.person(id)
	require.True(t, ok, "Webex holds the person")
	assert.Equal(t, []string{"New.Person@example.com"}, p.Emails)
	assert.Equal(t, "New", p.FirstName)
	assert.Equal(t, "Person", p.LastName)
	assert.Equal(t, "New Person", p.DisplayName)
	require.NotNil(t, p.LoginEnabled)
	assert.True(t, *p.LoginEnabled, "active:true is applied although Webex creates people with login disabled (WX09)")
}

// design §4.1: userName, and one of displayName, name.givenName, name.familyName.
func TestCreateUserMandatoryAttributes(t *testing.T) {
	tg := newTarget(t)
	before := len(tg.fake().State().People)
	for name, tc := range map[string]struct {
		body  map[string]any
		names []string
	}{
		"no userName":    {map[string]any{"displayName": "X"}, []string{"userName"}},
		"no name at all": {map[string]any{"userName": "x@example.com"}, []string{"displayName", "name.givenName", "name.familyName"}},
		"nothing":        {map[string]any{}, []string{"userName", "displayName"}},
	} {
		t.Run(name, func(t *testing.T) {
			tc.body["schemas"] = []string{userSchema}
			r := tg.do(http.MethodPost, "/scim/v2/Users", tc.body)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
			for _, n := range tc.names {
				assert.Contains(t, r.JSON.Get("detail").String(), n)
			}
		})
	}
	for _, ok := range []map[string]any{
		{"userName": "g@example.com", "name": map[string]any{"givenName": "G"}},
		{"userName": "f@example.com", "name": map[string]any{"familyName": "F"}},
		{"userName": "d@example.com", "displayName": "D"},
	} {
		r := tg.do(http.MethodPost, "/scim/v2/Users", ok)
		assert.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	}
	assert.Len(t, tg.fake().State().People, before+3, "only the valid users reached Webex")
}

// design §4.1: userName is unique, case-insensitively; Webex's 409 (WX14) answers 409 uniqueness.
func TestCreateUserTakenUserName(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{
		"schemas": []string{userSchema}, "userName": "ADMIN@example.com", "displayName": "Dup",
	})
	requireSCIMError(t, r, http.StatusConflict, "uniqueness")
	assert.Contains(t, r.JSON.Get("detail").String(), "trackingId", "the detail carries Webex's trackingId")
}

// design §4.1: Webex keeps one address; userName decides it and a different emails value is not stored.
func TestCreateUserEmailsOtherThanUserNameAreNotStored(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{
		"schemas": []string{userSchema}, "userName": "upn@example.com", "displayName": "UPN",
		"emails": []any{map[string]any{"value": "mail@example.com", "type": "work", "primary": true}},
	})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	p, ok := tg.person(r.JSON.Get("id").String())
	require.True(t, ok)
	assert.Equal(t, []string{"upn@example.com"}, p.Emails)
	assert.Equal(t, "upn@example.com", r.JSON.Get("emails.0.value").String())
	assert.Equal(t, int64(1), r.JSON.Get("emails.#").Int())
}

func TestCreateUserRejectsBadBodies(t *testing.T) {
	tg := newTarget(t)
	for name, body := range map[string]string{
		"not JSON":         `{"userName":`,
		"an array":         `[{"userName":"a@example.com"}]`,
		"trailing garbage": `{"userName":"a@example.com","displayName":"A"} {}`,
		"wrong schema":     `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"a@example.com","displayName":"A"}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := tg.do(http.MethodPost, "/scim/v2/Users", body)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidSyntax")
		})
	}
	for name, body := range map[string]string{
		"userName a number": `{"userName":5,"displayName":"A"}`,
		"active a string":   `{"userName":"a@example.com","displayName":"A","active":"maybe"}`,
		"roles an object":   `{"userName":"a@example.com","displayName":"A","roles":{"value":"x"}}`,
		"name a string":     `{"userName":"a@example.com","name":"A B"}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := tg.do(http.MethodPost, "/scim/v2/Users", body)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
		})
	}
	_, exists := tg.personByEmail("a@example.com")
	assert.False(t, exists, "nothing reached Webex")
}

// Vendor page table 316, every row, read from a person Webex holds.
func TestUserMappingTable316(t *testing.T) {
	tg := newTarget(t)
	id := tg.adminID()
	roles := tg.do(http.MethodGet, "/scim/v2/Roles", nil).JSON.Get("Resources.#.id").Array()
	// Give the admin a nickName and an avatar, which the seed leaves out.
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id, map[string]any{
		"schemas": []string{patchOpURN},
		"Operations": []any{
			map[string]any{"op": "add", "path": "photos", "value": []any{map[string]any{"value": "https://avatars.example.com/alice.png"}}},
		},
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	p, ok := tg.person(id)
	require.True(t, ok)
	u := tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil)
	require.Equal(t, http.StatusOK, u.Status, string(u.Body))
	j := u.JSON
	rows := []struct{ scim, webex string }{
		{j.Get("id").String(), p.ID},
		{j.Get("userName").String(), p.Emails[0]},
		{j.Get("name.familyName").String(), p.LastName},
		{j.Get("name.givenName").String(), p.FirstName},
		{j.Get("name.formatted").String(), p.FirstName + " " + p.LastName},
		{j.Get("displayName").String(), p.DisplayName},
		{j.Get("nickName").String(), p.NickName},
		{j.Get("emails.0.value").String(), p.Emails[0]},
		{j.Get("timezone").String(), p.Timezone},
		{j.Get("userType").String(), p.Type},
		{j.Get("photos.0.value").String(), p.Avatar},
		{j.Get(jsonPath(webexExt) + ".organization").String(), p.OrgID},
		{j.Get(jsonPath(webexExt) + ".status").String(), p.Status},
		{j.Get("meta.created").String(), p.Created},
		{j.Get("meta.lastModified").String(), p.LastModified},
		// The directory fields (issue 11): the seed's admin has a title, a department, a work
		// phone number and a work address.
		{j.Get("title").String(), p.Title},
		{j.Get(jsonPath(enterpriseURN) + ".department").String(), p.Department},
		{j.Get("phoneNumbers.0.value").String(), p.PhoneNumbers[0].Value},
		{j.Get("phoneNumbers.0.type").String(), p.PhoneNumbers[0].Type},
		{j.Get("addresses.0.type").String(), p.Addresses[0].Type},
		{j.Get("addresses.0.streetAddress").String(), p.Addresses[0].StreetAddress},
		{j.Get("addresses.0.locality").String(), p.Addresses[0].Locality},
		{j.Get("addresses.0.region").String(), p.Addresses[0].Region},
		{j.Get("addresses.0.postalCode").String(), p.Addresses[0].PostalCode},
		{j.Get("addresses.0.country").String(), p.Addresses[0].Country},
	}
	for i, row := range rows {
		assert.Equal(t, row.webex, row.scim, "row %d", i)
		assert.NotEmpty(t, row.scim, "row %d is exercised by this person", i)
	}
	require.NotNil(t, p.LoginEnabled)
	assert.Equal(t, *p.LoginEnabled, j.Get("active").Bool())
	assert.True(t, j.Get("active").Exists())
	assert.Equal(t, p.Roles, stringsOf(j.Get("roles.#.value").Array()))
	assert.Equal(t, p.Licenses, stringsOf(j.Get("entitlements.#.value").Array()))
	assert.NotEmpty(t, p.Licenses)
	assert.Subset(t, stringsOf(roles), p.Roles, "roles[].value are /Roles ids")
	assert.Equal(t, "photo", j.Get("photos.0.type").String())
	assert.True(t, j.Get("emails.0.primary").Bool())
	assert.Equal(t, *p.PhoneNumbers[0].Primary, j.Get("phoneNumbers.0.primary").Bool())
	assert.Equal(t, []string{userSchema, enterpriseURN, webexExt}, stringsOf(j.Get("schemas").Array()))
}

// Vendor page table 316, the write side: each writable SCIM attribute lands in its Webex field.
func TestUserMappingWrites(t *testing.T) {
	tg := newTarget(t)
	roleIDs := stringsOf(tg.do(http.MethodGet, "/scim/v2/Roles", nil).JSON.Get("Resources.#.id").Array())
	licIDs := stringsOf(tg.do(http.MethodGet, "/scim/v2/Profiles", nil).JSON.Get("Resources.#.id").Array())
	id := tg.createUser("writer@example.com", "Wri", "Ter")
	r := tg.do(http.MethodPut, "/scim/v2/Users/"+id, map[string]any{
		"schemas":      []string{userSchema},
		"userName":     "writer2@example.com",
		"name":         map[string]any{"givenName": "Wendy", "familyName": "Writer", "formatted": "ignored"},
		"displayName":  "Wendy W.",
		"nickName":     "Wen",
		"active":       true,
		"timezone":     "Europe/Paris",
		"userType":     "ignored: read-only",
		"roles":        []any{map[string]any{"value": roleIDs[1]}},
		"entitlements": []any{map[string]any{"value": licIDs[0]}, map[string]any{"value": licIDs[1]}},
		"photos":       []any{map[string]any{"value": "https://avatars.example.com/w.png", "type": "photo"}},
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	p, ok := tg.person(id)
	require.True(t, ok)
	assert.Equal(t, []string{"writer2@example.com"}, p.Emails)
	assert.Equal(t, "Wendy", p.FirstName)
	assert.Equal(t, "Writer", p.LastName)
	assert.Equal(t, "Wendy W.", p.DisplayName)
	require.NotNil(t, p.LoginEnabled)
	assert.True(t, *p.LoginEnabled)
	assert.Equal(t, []string{roleIDs[1]}, p.Roles)
	assert.ElementsMatch(t, licIDs[:2], p.Licenses)
	assert.Equal(t, "https://avatars.example.com/w.png", p.Avatar)
	assert.Equal(t, "person", p.Type, "userType is read-only")
	// WX08: Webex sets nickName to firstName on update; the answer shows what Webex holds.
	assert.Equal(t, p.NickName, r.JSON.Get("nickName").String())
	assert.Equal(t, p.Timezone, r.JSON.Get("timezone").String())
	assert.Equal(t, "Wendy Writer", r.JSON.Get("name.formatted").String())
}

// design §3.2 / WX08: a PUT keeps every Webex field SCIM does not map.
func TestReplaceUserKeepsUnmappedWebexFields(t *testing.T) {
	tg := newTarget(t)
	id := tg.adminID()
	before, _ := tg.person(id)
	require.NotEmpty(t, before.PhoneNumbers)
	require.NotEmpty(t, before.Department)
	require.NotEmpty(t, before.Title)
	require.NotEmpty(t, before.Addresses)
	r := tg.do(http.MethodPut, "/scim/v2/Users/"+id, map[string]any{
		"schemas":     []string{userSchema},
		"userName":    adminEmail,
		"name":        map[string]any{"givenName": "Alicia", "familyName": "Admin"},
		"displayName": "Alicia Admin",
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	after, _ := tg.person(id)
	assert.Equal(t, "Alicia", after.FirstName)
	assert.Equal(t, "Alicia Admin", after.DisplayName)
	assert.Equal(t, before.PhoneNumbers, after.PhoneNumbers)
	assert.Equal(t, before.Department, after.Department)
	assert.Equal(t, before.Title, after.Title)
	assert.Equal(t, before.Addresses, after.Addresses)
	assert.Equal(t, before.Extension, after.Extension)
	assert.Equal(t, before.OrgID, after.OrgID)
	// Omitted roles, entitlements and active are not asserted (RFC 7644 §3.5.1): kept.
	assert.Equal(t, before.Roles, after.Roles)
	assert.Equal(t, before.Licenses, after.Licenses)
	assert.Equal(t, before.LoginEnabled, after.LoginEnabled)
}

// An explicit empty list clears roles or licences.
func TestReplaceUserEmptyListClears(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("bob.builder@example.com")
	require.NotEmpty(t, p.Licenses)
	r := tg.do(http.MethodPut, "/scim/v2/Users/"+p.ID, map[string]any{
		"userName": p.Emails[0], "displayName": p.DisplayName, "entitlements": []any{},
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	after, _ := tg.person(p.ID)
	assert.Empty(t, after.Licenses)
	assert.False(t, r.JSON.Get("entitlements").Exists())
}

// Webex answers 400 for an unknown licence id: 400 invalidValue with Webex's trackingId.
func TestReplaceUserUnknownLicence(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("bob.builder@example.com")
	r := tg.do(http.MethodPut, "/scim/v2/Users/"+p.ID, map[string]any{
		"userName": p.Emails[0], "displayName": p.DisplayName,
		"entitlements": []any{map[string]any{"value": "no-such-licence"}},
	})
	requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
	assert.Contains(t, r.JSON.Get("detail").String(), "trackingId")
	after, _ := tg.person(p.ID)
	assert.Equal(t, p.Licenses, after.Licenses)
}

// Vendor page tables 312 "Get User" and "Delete User"; limitation "deleting or updating a deleted
// user results in error 403" (WX07) becomes 404.
func TestGetAndDeleteUser(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("gone@example.com", "Gone", "Soon")
	r := tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, r.JSON.Get("meta.version").String(), r.Header.Get("ETag"))

	r = tg.do(http.MethodDelete, "/scim/v2/Users/"+id, nil)
	require.Equal(t, http.StatusNoContent, r.Status, string(r.Body))
	assert.Empty(t, r.Body)
	_, exists := tg.person(id)
	assert.False(t, exists, "Webex no longer holds the person")

	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil), http.StatusNotFound, "")
	tg.fake().ClearRequests()
	requireSCIMError(t, tg.do(http.MethodDelete, "/scim/v2/Users/"+id, nil), http.StatusNotFound, "")
	assert.Contains(t, tg.webexRequests(), "DELETE /v1/people/"+id, "Webex was asked and said 403 (WX07)")
	assert.Contains(t, tg.webexRequests(), "GET /v1/people/"+id, "the 403 was confirmed with a GET")
}

// WX07 on update: the connector's own read sees the 404 first; either way the client sees 404.
func TestUpdateDeletedUser(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("gone2@example.com", "Gone", "Two")
	require.Equal(t, http.StatusNoContent, tg.webexDirect(http.MethodDelete, "/people/"+id))
	requireSCIMError(t, tg.do(http.MethodPut, "/scim/v2/Users/"+id, map[string]any{"userName": "gone2@example.com", "displayName": "G"}), http.StatusNotFound, "")
	requireSCIMError(t, tg.do(http.MethodPatch, "/scim/v2/Users/"+id, map[string]any{
		"schemas": []string{patchOpURN}, "Operations": []any{map[string]any{"op": "replace", "path": "displayName", "value": "x"}},
	}), http.StatusNotFound, "")
}

func stringsOf(rs []gjson.Result) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.String())
	}
	return out
}

// jsonPath escapes a schema URN for a gjson path (dots and colons are path syntax).
func jsonPath(urn string) string {
	return strings.NewReplacer(".", `\.`, ":", `\:`).Replace(urn)
}

// A user answer without attributes/excludedAttributes is written straight from the Webex person;
// with them it is projected from the mapped resource. An excludedAttributes naming nothing takes
// the second way and must give the same bytes and the same ETag, for every user of the seed.
func TestUserAnswerIsTheSameEitherWay(t *testing.T) {
	tg := newTarget(t)
	for _, p := range tg.fake().State().People {
		direct := tg.do(http.MethodGet, "/scim/v2/Users/"+p.ID, nil)
		require.Equal(t, http.StatusOK, direct.Status, string(direct.Body))
		projected := tg.do(http.MethodGet, "/scim/v2/Users/"+p.ID+"?excludedAttributes=noSuchAttribute", nil)
		require.Equal(t, http.StatusOK, projected.Status, string(projected.Body))
		assert.Equal(t, string(projected.Body), string(direct.Body), "user %s", p.ID)
		assert.Equal(t, projected.Header.Get("ETag"), direct.Header.Get("ETag"))
		assert.Equal(t, projected.Header.Get("Content-Type"), direct.Header.Get("Content-Type"))
		assert.Equal(t, direct.JSON.Get("meta.version").String(), direct.Header.Get("ETag"))
	}
}
