package connector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// entraUser is the User an Entra default attribute mapping sends (issue 11): title, department,
// manager, a work and a mobile phone number, a work address, and nickName; plus what Webex cannot
// hold (a home number, employeeNumber).
func entraUser(userName, managerID string) map[string]any {
	return map[string]any{
		"schemas":     []string{userSchema, enterpriseURN},
		"userName":    userName,
		"name":        map[string]any{"givenName": "Dana", "familyName": "Directory"},
		"displayName": "Dana Directory",
		"nickName":    "Dana",
		"active":      true,
		"title":       "Staff Engineer",
		"phoneNumbers": []any{
			map[string]any{"type": "work", "value": "+1 408 555 0101", "primary": true},
			map[string]any{"type": "mobile", "value": "+1 408 555 0102"},
			map[string]any{"type": "home", "value": "+1 408 555 0103"},
		},
		"addresses": []any{map[string]any{"type": "work", "streetAddress": "1 Infinite Loop", "locality": "Cupertino",
			"region": "CA", "postalCode": "95014", "country": "US", "formatted": "1 Infinite Loop, Cupertino"}},
		enterpriseURN: map[string]any{"department": "Platform", "manager": map[string]any{"value": managerID}, "employeeNumber": "E-7"},
	}
}

// requireEntraShape checks a User answer against entraUser's values, as Webex holds them.
func requireEntraShape(t *testing.T, r response, manager mockwebex.Person, title, dept string) {
	t.Helper()
	require.Equal(t, title, r.JSON.Get("title").String(), string(r.Body))
	assert.JSONEq(t, `[{"type":"work","value":"+1 408 555 0101","primary":true},{"type":"mobile","value":"+1 408 555 0102"}]`,
		r.JSON.Get("phoneNumbers").Raw, "the home number is not stored")
	assert.JSONEq(t, `[{"type":"work","streetAddress":"1 Infinite Loop","locality":"Cupertino","region":"CA","postalCode":"95014","country":"US"}]`,
		r.JSON.Get("addresses").Raw)
	assert.JSONEq(t, `{"department":"`+dept+`","manager":{"value":"`+manager.ID+`","displayName":"`+manager.DisplayName+`"}}`,
		r.JSON.Get(jsonPath(enterpriseURN)).Raw)
	assert.Equal(t, "Dana", r.JSON.Get("nickName").String())
	assert.Contains(t, r.JSON.Get("schemas").String(), enterpriseURN)
}

// requireEntraHeld checks that the fake holds entraUser's values.
func requireEntraHeld(t *testing.T, tg *target, id string, manager mockwebex.Person, title, dept string) {
	t.Helper()
	p, ok := tg.person(id)
	require.True(t, ok)
	assert.Equal(t, title, p.Title)
	assert.Equal(t, dept, p.Department)
	assert.Equal(t, manager.ID, p.ManagerID)
	assert.Equal(t, manager.DisplayName, p.Manager)
	assert.Equal(t, "Dana", p.NickName)
	require.Len(t, p.PhoneNumbers, 2)
	assert.Equal(t, []string{"work", "mobile"}, []string{p.PhoneNumbers[0].Type, p.PhoneNumbers[1].Type})
	assert.Equal(t, []string{"+1 408 555 0101", "+1 408 555 0102"}, []string{p.PhoneNumbers[0].Value, p.PhoneNumbers[1].Value})
	require.Len(t, p.Addresses, 1)
	assert.Equal(t, mockwebex.Address{Type: "work", StreetAddress: "1 Infinite Loop", Locality: "Cupertino", Region: "CA",
		PostalCode: "95014", Country: "US"}, p.Addresses[0])
}

// Issue 11, done-when: an Entra-shaped user created, read, PATCHed and PUT reads back the same
// values, and Webex holds them.
func TestEntraShapedUserRoundTrips(t *testing.T) {
	tg := newTarget(t)
	boss, _ := tg.personByEmail("bob.builder@example.com")
	body := entraUser("dana.directory@example.com", boss.ID)

	r := tg.do(http.MethodPost, "/scim/v2/Users", body)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	requireEntraShape(t, r, boss, "Staff Engineer", "Platform")
	requireEntraHeld(t, tg, id, boss, "Staff Engineer", "Platform")

	r = tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status)
	requireEntraShape(t, r, boss, "Staff Engineer", "Platform")
	r = tg.do(http.MethodGet, "/scim/v2/Users/"+id+"?attributes=title,phoneNumbers,addresses,"+enterpriseURN, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "Staff Engineer", r.JSON.Get("title").String(), "projection reads the mapped map")
	assert.Equal(t, "Platform", r.JSON.Get(jsonPath(enterpriseURN)+".department").String())

	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(
		map[string]any{"op": "Replace", "path": "title", "value": "Principal Engineer"},
		map[string]any{"op": "Replace", "path": enterpriseURN + ":department", "value": "Infrastructure"},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	requireEntraShape(t, r, boss, "Principal Engineer", "Infrastructure")
	requireEntraHeld(t, tg, id, boss, "Principal Engineer", "Infrastructure")

	r = tg.do(http.MethodPut, "/scim/v2/Users/"+id, body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	requireEntraShape(t, r, boss, "Staff Engineer", "Platform")
	requireEntraHeld(t, tg, id, boss, "Staff Engineer", "Platform")
}

// Each directory field is cleared by a PATCH remove, and a PUT that leaves them out keeps them
// ("not asserted", RFC 7644 §3.5.1, as for roles), while null clears.
func TestUserDirectoryFieldsClearAndKeep(t *testing.T) {
	tg := newTarget(t)
	boss, _ := tg.personByEmail("bob.builder@example.com")
	body := entraUser("clear.me@example.com", boss.ID)
	r := tg.do(http.MethodPost, "/scim/v2/Users", body)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()

	bare := map[string]any{"schemas": []string{userSchema}, "userName": "clear.me@example.com", "displayName": "Dana Directory",
		"name": map[string]any{"givenName": "Dana", "familyName": "Directory"}, "nickName": "Dana"}
	r = tg.do(http.MethodPut, "/scim/v2/Users/"+id, bare)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	requireEntraHeld(t, tg, id, boss, "Staff Engineer", "Platform")

	bare["title"] = nil
	bare["phoneNumbers"] = []any{}
	bare[enterpriseURN] = map[string]any{"department": nil}
	r = tg.do(http.MethodPut, "/scim/v2/Users/"+id, bare)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.False(t, r.JSON.Get("title").Exists())
	assert.False(t, r.JSON.Get("phoneNumbers").Exists())
	assert.Equal(t, boss.ID, r.JSON.Get(jsonPath(enterpriseURN)+".manager.value").String(), "an extension object without manager asserts none")
	p, _ := tg.person(id)
	assert.Empty(t, p.Title)
	assert.Empty(t, p.PhoneNumbers)
	assert.Empty(t, p.Department)
	assert.Len(t, p.Addresses, 1)

	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(
		map[string]any{"op": "remove", "path": enterpriseURN + ":manager"},
		map[string]any{"op": "remove", "path": `addresses[type eq "work"]`},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.False(t, r.JSON.Get(jsonPath(enterpriseURN)).Exists())
	assert.NotContains(t, r.JSON.Get("schemas").String(), enterpriseURN)
	p, _ = tg.person(id)
	assert.Empty(t, p.ManagerID)
	assert.Empty(t, p.Manager, "the manager's name goes with the id")
	assert.Empty(t, p.Addresses)
}

// A manager.value that is no Webex person is 400 invalidValue, and nothing is created or changed.
func TestUserManagerMustBeAUser(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodPost, "/scim/v2/Users", entraUser("orphan@example.com", "no-such-person"))
	requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
	assert.Contains(t, r.JSON.Get("detail").String(), "manager.value")
	_, exists := tg.personByEmail("orphan@example.com")
	assert.False(t, exists)

	carol, _ := tg.personByEmail("carol.chen@example.com")
	tg.fake().ClearRequests()
	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+carol.ID, patchBody(
		map[string]any{"op": "add", "path": enterpriseURN + ":manager", "value": map[string]any{"value": "no-such-person"}},
	))
	requireSCIMError(t, r, http.StatusBadRequest, "invalidValue")
	assert.Empty(t, tg.writeRequests())
}

// Phone numbers of types Webex does not hold (home, pager, other) are not stored; an entry without
// a type is a work number; /Schemas lists the types Webex holds.
func TestUserPhoneNumberTypes(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("phones@example.com", "Pho", "Nes")
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(
		map[string]any{"op": "add", "path": "phoneNumbers", "value": []any{
			map[string]any{"value": "+47 1"},
			map[string]any{"type": "fax", "value": "+47 2"},
			map[string]any{"type": "pager", "value": "+47 3"},
			map[string]any{"type": "other", "value": "+47 4"},
		}},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.JSONEq(t, `[{"type":"work","value":"+47 1"},{"type":"fax","value":"+47 2"}]`, r.JSON.Get("phoneNumbers").Raw)
	p, _ := tg.person(id)
	require.Len(t, p.PhoneNumbers, 2)
	assert.Equal(t, "fax", p.PhoneNumbers[1].Type)
}

// The manager as Entra and Okta send it: an object with value, or the id alone, on the path, as a
// path-less qualified key, or inside the extension's object. Each case changes the manager.
func TestUserManagerShapes(t *testing.T) {
	tg := newTarget(t)
	boss, _ := tg.personByEmail("bob.builder@example.com")
	other, _ := tg.personByEmail("dave.dubois@example.com")
	id := tg.createUser("managed@example.com", "Man", "Aged")
	for _, c := range []struct {
		name string
		op   map[string]any
		want mockwebex.Person
	}{
		{"path, id alone", map[string]any{"op": "Add", "path": enterpriseURN + ":manager", "value": boss.ID}, boss},
		{"path-less qualified key", map[string]any{"op": "replace", "value": map[string]any{enterpriseURN + ":manager": other.ID}}, other},
		{"extension object, id", map[string]any{"op": "replace", "value": map[string]any{enterpriseURN: map[string]any{"manager": boss.ID}}}, boss},
		{"extension path, object", map[string]any{"op": "replace", "path": enterpriseURN, "value": map[string]any{"manager": map[string]any{"value": other.ID, "$ref": "../Users/x"}}}, other},
		{"sub-attribute path", map[string]any{"op": "replace", "path": enterpriseURN + ":manager.value", "value": boss.ID}, boss},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(c.op))
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			assert.Equal(t, c.want.ID, r.JSON.Get(jsonPath(enterpriseURN)+".manager.value").String())
			assert.Equal(t, c.want.DisplayName, r.JSON.Get(jsonPath(enterpriseURN)+".manager.displayName").String())
			p, _ := tg.person(id)
			assert.Equal(t, c.want.ID, p.ManagerID)
			assert.Equal(t, c.want.DisplayName, p.Manager)
		})
	}
}
