package connector_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/embedded"
)

const enterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

// newLoggedTarget is newTarget with the connector's log, at Debug, in buf.
func newLoggedTarget(t *testing.T, buf *syncBuffer) *target {
	return newTarget(t, func(o *embedded.Options) {
		o.Logger = slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
}

// Entra's default attribute mapping (fixtures/scim/entra/09, 10, and its documented defaults):
// what Webex holds (title, phone numbers, the work address, department, manager: issue 11) is
// stored, the standard attributes Webex cannot hold are accepted and not stored, and the log
// names what was dropped without its values (doc.go).
func TestPatchUserEntraDefaultMappingIsAccepted(t *testing.T) {
	var buf syncBuffer
	tg := newLoggedTarget(t, &buf)
	p, _ := tg.personByEmail("carol.chen@example.com")
	boss, _ := tg.personByEmail("bob.builder@example.com")
	tg.fake().ClearRequests()

	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+p.ID, patchBody(
		map[string]any{"op": "Replace", "path": "displayName", "value": "Pvlo"},
		map[string]any{"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
		map[string]any{"op": "Replace", "path": "externalId", "value": "Eqpj-external"},
		map[string]any{"op": "Replace", "path": "title", "value": "Chief Secret Officer"},
		map[string]any{"op": "Replace", "path": "name.formatted", "value": "Gtfd Chen"},
		map[string]any{"op": "Replace", "path": "preferredLanguage", "value": "nb-NO"},
		map[string]any{"op": "Replace", "path": "locale", "value": "nb-NO"},
		map[string]any{"op": "Add", "path": `phoneNumbers[type eq "work"].value`, "value": "+1 555 0100"},
		map[string]any{"op": "Add", "path": `phoneNumbers[type eq "mobile"].value`, "value": "+1 555 0199"},
		map[string]any{"op": "Add", "path": `addresses[type eq "work"].streetAddress`, "value": "1 Secret Street"},
		map[string]any{"op": "Replace", "path": enterpriseURN + ":employeeNumber", "value": "Eqpj-number"},
		// Entra sends the manager's id as the value itself.
		map[string]any{"op": "Add", "path": enterpriseURN + ":manager", "value": boss.ID},
		// Entra's newer format: one path-less replace with dotted and qualified keys.
		map[string]any{"op": "replace", "value": map[string]any{
			"name.familyName":                                  "Pkqf",
			"name.formatted":                                   "Gtfd Pkqf",
			enterpriseURN + ":department":                      "Secret Department",
			enterpriseURN + ":costCenter":                      "CC-1",
			enterpriseURN + ":organization":                    "Org",
			enterpriseURN + ":division":                        "Div",
			"urn:ietf:params:scim:schemas:core:2.0:User:title": "Also Secret",
		}},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, "Pvlo", r.JSON.Get("displayName").String())
	assert.Equal(t, "Gtfd", r.JSON.Get("name.givenName").String())
	assert.Equal(t, "Pkqf", r.JSON.Get("name.familyName").String())
	assert.Equal(t, "Gtfd Pkqf", r.JSON.Get("name.formatted").String(), "derived from the names Webex holds")
	assert.Equal(t, "Also Secret", r.JSON.Get("title").String())
	assert.JSONEq(t, `[{"type":"work","value":"+1 555 0100"},{"type":"mobile","value":"+1 555 0199"}]`, r.JSON.Get("phoneNumbers").Raw)
	assert.JSONEq(t, `[{"type":"work","streetAddress":"1 Secret Street"}]`, r.JSON.Get("addresses").Raw)
	ent := jsonPath(enterpriseURN)
	assert.JSONEq(t, `{"department":"Secret Department","manager":{"value":"`+boss.ID+`","displayName":"`+boss.DisplayName+`"}}`,
		r.JSON.Get(ent).Raw, "employeeNumber, costCenter, organization and division are not stored")
	for _, absent := range []string{"externalId", "preferredLanguage", "locale"} {
		assert.False(t, r.JSON.Get(absent).Exists(), "%s is not stored, so not answered", absent)
	}

	after, _ := tg.person(p.ID)
	assert.Equal(t, "Pvlo", after.DisplayName)
	assert.Equal(t, "Gtfd", after.FirstName)
	assert.Equal(t, "Pkqf", after.LastName)
	assert.Equal(t, "Also Secret", after.Title)
	assert.Equal(t, "Secret Department", after.Department)
	assert.Equal(t, boss.ID, after.ManagerID)
	assert.Equal(t, boss.DisplayName, after.Manager)
	require.Len(t, after.PhoneNumbers, 2)
	assert.Equal(t, "+1 555 0199", after.PhoneNumbers[1].Value)
	assert.Equal(t, "mobile", after.PhoneNumbers[1].Type)
	require.Len(t, after.Addresses, 1)
	assert.Equal(t, "1 Secret Street", after.Addresses[0].StreetAddress)
	assert.Len(t, tg.writeRequests(), 1, "one Webex PUT")

	log := buf.String()
	assert.Contains(t, log, "attributes not stored")
	assert.Contains(t, log, "level=DEBUG")
	for _, name := range []string{"externalId", "name.formatted", "locale", enterpriseURN + ":employeeNumber", enterpriseURN + ":costCenter"} {
		assert.Contains(t, log, name)
	}
	for _, value := range []string{"Eqpj", "Secret", "+1 555", "nb-NO", "CC-1", "mobile"} {
		assert.NotContains(t, log, value, "values are never logged")
	}
}

// The enterprise extension as an object (a path-less key, or the path itself), and the derived
// name.formatted inside a "name" value, are dropped the same way.
func TestPatchUserNotStoredInsideValues(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("carol.chen@example.com")
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+p.ID, patchBody(
		map[string]any{"op": "add", "value": map[string]any{
			enterpriseURN: map[string]any{"employeeNumber": "7", "manager": map[string]any{"value": "x", "displayName": "Boss"}},
			"name":        map[string]any{"givenName": "Cara", "formatted": "Somebody Else", "middleName": "M"},
		}},
		map[string]any{"op": "replace", "path": enterpriseURN, "value": map[string]any{"department": "D"}},
		map[string]any{"op": "remove", "path": enterpriseURN},
		map[string]any{"op": "add", "path": "emails", "value": []any{map[string]any{"value": p.Emails[0], "type": "work", "display": "Work"}}},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, "Cara", r.JSON.Get("name.givenName").String())
	assert.Equal(t, "Cara "+p.LastName, r.JSON.Get("name.formatted").String())
	after, _ := tg.person(p.ID)
	assert.Equal(t, "Cara", after.FirstName)
}

// A patch of nothing but attributes Webex cannot hold answers the user as it is and sends
// nothing to Webex.
func TestPatchUserOnlyNotStoredSendsNothing(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("carol.chen@example.com")
	tg.fake().ClearRequests()
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+p.ID, patchBody(
		map[string]any{"op": "replace", "path": "externalId", "value": "e-1"},
		map[string]any{"op": "replace", "path": enterpriseURN + ":employeeNumber", "value": "1"},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, p.ID, r.JSON.Get("id").String())
	assert.Equal(t, r.JSON.Get("meta.version").String(), r.Header.Get("ETag"))
	assert.Empty(t, tg.writeRequests())
}

// What RFC 7643 does not define is still 400 invalidPath, and nothing of the patch is applied:
// a typo must not pass silently.
func TestPatchUserUnknownAttributeIsInvalidPath(t *testing.T) {
	tg := newTarget(t)
	p, _ := tg.personByEmail("carol.chen@example.com")
	valid := map[string]any{"op": "replace", "path": "displayName", "value": "Changed"}
	standard := map[string]any{"op": "replace", "path": enterpriseURN + ":employeeNumber", "value": "1"}
	for name, bad := range map[string]map[string]any{
		"core":                            {"op": "replace", "path": "shoeSize", "value": "42"},
		"enterprise":                      {"op": "replace", "path": enterpriseURN + ":shoeSize", "value": "42"},
		"sub-attribute of one not stored": {"op": "add", "path": `phoneNumbers[type eq "work"].valeu`, "value": "1"},
		"sub-attribute of name":           {"op": "replace", "path": "name.nickname", "value": "x"},
		"path-less key":                   {"op": "replace", "value": map[string]any{"title": "T", "shoeSize": "42"}},
		"in the extension object":         {"op": "replace", "value": map[string]any{enterpriseURN: map[string]any{"department": "D", "shoeSize": "42"}}},
		"in the extension's manager":      {"op": "replace", "path": enterpriseURN, "value": map[string]any{"manager": map[string]any{"valeu": "x"}}},
		"inside a value dropped whole":    {"op": "add", "path": "phoneNumbers", "value": []any{map[string]any{"valeu": "1", "type": "work"}}},
		"another extension":               {"op": "replace", "path": "urn:example:params:scim:schemas:extension:acme:2.0:User:badge", "value": "x"},
	} {
		t.Run(name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPatch, "/scim/v2/Users/"+p.ID, patchBody(valid, standard, bad))
			requireSCIMError(t, r, http.StatusBadRequest, "invalidPath")
			assert.Empty(t, tg.writeRequests(), "nothing is sent to Webex")
			after, _ := tg.person(p.ID)
			assert.Equal(t, p.DisplayName, after.DisplayName)
		})
	}
}

// POST and PUT ignore what Webex cannot hold, as before, and store what it holds; the log names
// what was ignored, never its values.
// Okta's create sends password (fixtures/scim/okta/02).
func TestCreateAndReplaceUserIgnoreNotStored(t *testing.T) {
	var buf syncBuffer
	tg := newLoggedTarget(t, &buf)
	body := map[string]any{
		"schemas":     []string{userSchema, enterpriseURN},
		"userName":    "okta.user@example.com",
		"name":        map[string]any{"givenName": "Okta", "familyName": "User", "formatted": "ignored"},
		"password":    "hunter2-secret",
		"title":       "Boss",
		"locale":      "en-US",
		"profileUrl":  "https://example.com/okta",
		"nickName":    "Okie",
		"externalId":  "00u1",
		enterpriseURN: map[string]any{"employeeNumber": "E-1", "department": "Sales"},
	}
	r := tg.do(http.MethodPost, "/scim/v2/Users", body)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	assert.False(t, r.JSON.Get("password").Exists())
	assert.False(t, r.JSON.Get("externalId").Exists())
	log := buf.String()
	for _, name := range []string{"password", "locale", "profileUrl", "externalId", "name.formatted", enterpriseURN + ":employeeNumber"} {
		assert.Contains(t, log, name)
	}
	assert.NotContains(t, log, "title", "Webex holds the title (issue 11)")
	assert.NotContains(t, log, enterpriseURN+":department", "and the department")
	assert.Equal(t, "Boss", r.JSON.Get("title").String())
	assert.Equal(t, "Sales", r.JSON.Get(jsonPath(enterpriseURN)+".department").String())
	assert.False(t, r.JSON.Get(jsonPath(enterpriseURN)+".employeeNumber").Exists())
	assert.NotContains(t, log, "hunter2")
	assert.NotContains(t, log, "Sales")
	assert.NotContains(t, log, "unknown=", "every attribute of that body is standard")

	// An attribute SCIM does not define is ignored by PUT as before, and logged at Info.
	body["shoeSize"] = 42
	r = tg.do(http.MethodPut, "/scim/v2/Users/"+id, body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Contains(t, buf.String(), "level=INFO msg=\"attributes not stored\"")
	assert.Contains(t, buf.String(), "unknown=[shoeSize]")
}

// Groups: externalId (Okta and Entra send it) is accepted and not stored on create and PATCH.
func TestGroupExternalIDIsNotStored(t *testing.T) {
	tg := newTarget(t)
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"}, "displayName": "Pushed", "externalId": "00g1",
	})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	assert.False(t, r.JSON.Get("externalId").Exists())

	tg.fake().ClearRequests()
	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patchBody(
		map[string]any{"op": "replace", "path": "externalId", "value": "00g2"},
		map[string]any{"op": "replace", "value": map[string]any{"externalId": "00g3"}},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, "Pushed", r.JSON.Get("displayName").String())
	assert.False(t, r.JSON.Get("externalId").Exists())
	assert.Empty(t, tg.writeRequests(), "nothing to change in Webex")

	r = tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, patchBody(
		map[string]any{"op": "replace", "path": "externalId", "value": "00g2"},
		map[string]any{"op": "replace", "path": "title", "value": "not a Group attribute"},
	))
	requireSCIMError(t, r, http.StatusBadRequest, "invalidPath")
}
