package connector_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Design §3, RFC 7644 §3.1: a body labelled as something other than JSON is 415 with a SCIM error
// naming the type, and nothing reaches Webex; the SCIM and JSON media types (any parameters, any
// letter case) and a missing Content-Type are read as before.
func TestRequestBodyContentType(t *testing.T) {
	tg := newTarget(t)
	user := func(name string) string {
		return `{"schemas":["` + userSchema + `"],"userName":"` + name + `@example.com","name":{"givenName":"Ct","familyName":"Test"}}`
	}
	id := tg.createUser("ct-patch@example.com", "Ct", "Patch")
	patch := `{"schemas":["` + patchOpURN + `"],"Operations":[{"op":"replace","path":"displayName","value":"Changed"}]}`

	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/scim+xml", "not a media type"} {
		t.Run("refused "+ct, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPost, "/scim/v2/Users", user("ct-refused"), "Content-Type", ct)
			requireSCIMError(t, r, http.StatusUnsupportedMediaType, "")
			assert.Contains(t, r.JSON.Get("detail").String(), ct)
			assert.Contains(t, r.JSON.Get("detail").String(), "application/scim+json")
			requireSCIMError(t, tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patch, "Content-Type", ct), http.StatusUnsupportedMediaType, "")
			requireSCIMError(t, tg.do(http.MethodPut, "/scim/v2/Groups/x", `{}`, "Content-Type", ct), http.StatusUnsupportedMediaType, "")
			assert.Empty(t, tg.webexRequests(), "nothing is sent to Webex")
		})
	}
	_, ok := tg.personByEmail("ct-refused@example.com")
	assert.False(t, ok, "no refused create reached Webex")

	for i, ct := range []string{"application/scim+json", "application/json", "application/scim+json; charset=utf-8", "Application/JSON;charset=UTF-8", ""} {
		name := "ct-ok" + itoa(i)
		r := tg.do(http.MethodPost, "/scim/v2/Users", user(name), "Content-Type", ct)
		require.Equal(t, http.StatusCreated, r.Status, "%q: %s", ct, r.Body)
		r = tg.do(http.MethodPatch, "/scim/v2/Users/"+id, patch, "Content-Type", ct)
		require.Equal(t, http.StatusOK, r.Status, "%q: %s", ct, r.Body)
	}
}

// A body over 1 MiB (a SCIM user is a few kilobytes) is 413 naming the limit; nothing reaches
// Webex.
func TestRequestBodyLimit(t *testing.T) {
	tg := newTarget(t)
	tg.fake().ClearRequests()
	big := `{"schemas":["` + userSchema + `"],"userName":"big@example.com","displayName":"` + strings.Repeat("x", 1<<20) + `"}`
	r := tg.do(http.MethodPost, "/scim/v2/Users", big)
	requireSCIMError(t, r, http.StatusRequestEntityTooLarge, "")
	assert.Contains(t, r.JSON.Get("detail").String(), "1048576 bytes")
	assert.Empty(t, tg.webexRequests())
}
