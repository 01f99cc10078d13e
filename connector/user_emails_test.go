package connector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 11 item 2: Webex holds one email, the userName. A PATCH or PUT whose emails Webex cannot
// hold is 400 mutability and sends nothing; one consistent with userName applies.
func TestUserEmailsApplyOrRefuse(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("mail.one@example.com", "Mai", "Lone")
	work := func(v string) []any { return []any{map[string]any{"value": v, "type": "work", "primary": true}} }

	for name, ops := range map[string][]map[string]any{
		"replace the work value":  {{"op": "replace", "path": `emails[type eq "work"].value`, "value": "other@example.com"}},
		"remove emails":           {{"op": "remove", "path": "emails"}},
		"remove the work email":   {{"op": "remove", "path": `emails[type eq "work"]`}},
		"add a second address":    {{"op": "add", "path": "emails", "value": []any{map[string]any{"value": "home@example.com", "type": "home"}}}},
		"path-less emails":        {{"op": "replace", "value": map[string]any{"emails": work("other@example.com")}}},
		"with a change it blocks": {{"op": "replace", "path": "displayName", "value": "Changed"}, {"op": "replace", "path": "emails", "value": work("other@example.com")}},
		"the address as home":     {{"op": "replace", "path": `emails[type eq "work"].type`, "value": "home"}},
	} {
		t.Run("PATCH "+name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(ops...))
			requireSCIMError(t, r, http.StatusBadRequest, "mutability")
			assert.Contains(t, r.JSON.Get("detail").String(), "userName")
			assert.Empty(t, tg.writeRequests(), "nothing is sent to Webex")
			p, _ := tg.person(id)
			assert.Equal(t, []string{"mail.one@example.com"}, p.Emails)
			assert.Equal(t, "Mai Lone", p.DisplayName)
		})
	}

	put := func(emails any, set bool) response {
		body := map[string]any{"schemas": []string{userSchema}, "userName": "mail.one@example.com", "displayName": "Mai Lone"}
		if set {
			body["emails"] = emails
		}
		return tg.do(http.MethodPut, "/scim/v2/Users/"+id, body)
	}
	for name, emails := range map[string]any{
		"another address": work("other@example.com"),
		"two addresses":   append(work("mail.one@example.com"), map[string]any{"value": "home@example.com", "type": "home"}),
		"none":            []any{},
		"null":            nil,
	} {
		t.Run("PUT "+name, func(t *testing.T) {
			tg.fake().ClearRequests()
			requireSCIMError(t, put(emails, true), http.StatusBadRequest, "mutability")
			assert.Empty(t, tg.writeRequests())
		})
	}

	// What Webex can hold applies: emails left out of a PUT, or naming userName in any case.
	require.Equal(t, http.StatusOK, put(nil, false).Status)
	require.Equal(t, http.StatusOK, put(work("MAIL.ONE@example.com"), true).Status)
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(
		map[string]any{"op": "replace", "path": "userName", "value": "mail.two@example.com"},
		map[string]any{"op": "replace", "path": `emails[type eq "work"].value`, "value": "mail.two@example.com"},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	p, _ := tg.person(id)
	assert.Equal(t, []string{"mail.two@example.com"}, p.Emails)
	r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patchBody(
		map[string]any{"op": "replace", "path": "userName", "value": "mail.three@example.com"},
	))
	require.Equal(t, http.StatusOK, r.Status, "a rename alone leaves emails to follow: %s", r.Body)
	assert.Equal(t, "mail.three@example.com", r.JSON.Get("emails.0.value").String())

	// A POST may be altered (RFC 7644 §3.3): userName decides, and the 201 shows it.
	r = tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{"userName": "upn@example.com", "displayName": "U",
		"emails": work("mail@example.com")})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	assert.Equal(t, "upn@example.com", r.JSON.Get("emails.0.value").String())
}
