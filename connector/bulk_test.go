package connector_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	bulkRequestURN = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
	groupSchemaURN = "urn:ietf:params:scim:schemas:core:2.0:Group"
)

// bulkBody is a BulkRequest of ops; failOnErrors is left out when 0.
func bulkBody(failOnErrors int, ops ...map[string]any) map[string]any {
	b := map[string]any{"schemas": []string{bulkRequestURN}, "Operations": ops}
	if failOnErrors > 0 {
		b["failOnErrors"] = failOnErrors
	}
	return b
}

func postUserOp(bulkID, userName string) map[string]any {
	return map[string]any{"method": "POST", "path": "/Users", "bulkId": bulkID, "data": map[string]any{
		"schemas": []string{userSchema}, "userName": userName, "name": map[string]any{"givenName": bulkID},
	}}
}

func postGroupOp(bulkID, name string, memberValues ...string) map[string]any {
	members := []map[string]any{}
	for _, v := range memberValues {
		members = append(members, map[string]any{"value": v})
	}
	return map[string]any{"method": "POST", "path": "/Groups", "bulkId": bulkID, "data": map[string]any{
		"schemas": []string{groupSchemaURN}, "displayName": name, "members": members,
	}}
}

func statuses(r response) []string {
	var out []string
	for _, s := range r.JSON.Get("Operations.#.status").Array() {
		out = append(out, s.String())
	}
	return out
}

// Issue 16's done-when: one Bulk request creates three users and a group holding them by bulkId,
// then PATCHes the group; Webex holds what one would expect and every outcome is in the answer.
// The group comes first in the request: it waits for the users it references (RFC 7644 §3.7).
func TestBulkCreatesUsersAndGroupByBulkID(t *testing.T) {
	tg := newTarget(t)
	patch := map[string]any{"method": "PATCH", "path": "/Groups/bulkId:g1", "data": map[string]any{
		"schemas": []string{patchOpURN},
		"Operations": []map[string]any{
			{"op": "replace", "path": "displayName", "value": "bulk-renamed"},
			{"op": "remove", "path": `members[value eq "bulkId:u3"]`},
		},
	}}
	r := tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0,
		postGroupOp("g1", "bulk-team", "bulkId:u1", "bulkId:u2", "bulkId:u3"),
		postUserOp("u1", "bulk-u1@example.com"),
		postUserOp("u2", "bulk-u2@example.com"),
		postUserOp("u3", "bulk-u3@example.com"),
		patch,
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, "urn:ietf:params:scim:api:messages:2.0:BulkResponse", r.JSON.Get("schemas.0").String())
	require.Equal(t, []string{"201", "201", "201", "201", "200"}, statuses(r), string(r.Body))
	ops := r.JSON.Get("Operations").Array()
	for i, bulkID := range []string{"g1", "u1", "u2", "u3", ""} {
		assert.Equal(t, bulkID, ops[i].Get("bulkId").String(), "operation %d keeps its bulkId", i)
		assert.Regexp(t, `^W/".+"$`, ops[i].Get("version").String(), "operation %d has its version", i)
		id := ops[i].Get("response.id").String()
		assert.True(t, strings.HasSuffix(ops[i].Get("location").String(), "/scim/v2/"+map[bool]string{true: "Groups", false: "Users"}[i == 0 || i == 4]+"/"+id), "operation %d: %s", i, ops[i])
	}
	u1, u2, u3 := tg.personID("bulk-u1@example.com"), tg.personID("bulk-u2@example.com"), tg.personID("bulk-u3@example.com")
	group := ops[0].Get("response.id").String()
	assert.Equal(t, group, ops[4].Get("response.id").String(), "the PATCH went to the group the POST created")
	assert.Equal(t, ops[4].Get("version").String(), ops[4].Get("response.meta.version").String())
	team, ok := tg.team(group)
	require.True(t, ok)
	assert.Equal(t, "bulk-renamed", team.Name)
	want := []string{tg.adminID(), u1, u2}
	slices.Sort(want)
	assert.Equal(t, want, tg.memberIDs(group), "u3 was added by the POST and removed by the PATCH")
	assert.NotContains(t, tg.memberIDs(group), u3)
}

// failOnErrors 1 with a bad second operation: exactly the first is applied, and the answer lists
// exactly the operations that ran (RFC 7644 §3.7.3).
func TestBulkFailOnErrorsStopsAfterTheFirstError(t *testing.T) {
	tg := newTarget(t)
	bad := map[string]any{"method": "POST", "path": "/Users", "bulkId": "bad", "data": map[string]any{
		"schemas": []string{userSchema}, "name": map[string]any{"givenName": "No userName"},
	}}
	tg.fake().ClearRequests()
	r := tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(1,
		postUserOp("a", "stop-a@example.com"), bad, postUserOp("c", "stop-c@example.com"), postUserOp("d", "stop-d@example.com"),
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, []string{"201", "400"}, statuses(r), string(r.Body))
	assert.Equal(t, "bad", r.JSON.Get("Operations.1.bulkId").String())
	assert.Equal(t, "400", r.JSON.Get("Operations.1.response.status").String())
	assert.Contains(t, r.JSON.Get("Operations.1.response.detail").String(), "userName")
	assert.False(t, r.JSON.Get("Operations.1.location").Exists(), "a failed POST has no location")
	_, ok := tg.personByEmail("stop-a@example.com")
	assert.True(t, ok)
	for _, email := range []string{"stop-c@example.com", "stop-d@example.com"} {
		_, ok := tg.personByEmail(email)
		assert.False(t, ok, "%s was never sent to Webex", email)
	}

	// Without failOnErrors every operation is tried (RFC 7644 §3.7).
	r = tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0,
		postUserOp("e", "go-e@example.com"), bad, postUserOp("f", "go-f@example.com"),
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, []string{"201", "400", "201"}, statuses(r), string(r.Body))
}

// References that cannot be resolved fail their operations with a detail that names them, and
// nothing of them reaches Webex.
func TestBulkReferenceErrors(t *testing.T) {
	tg := newTarget(t)
	tg.fake().ClearRequests()
	r := tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0,
		postGroupOp("ga", "circle-a", "bulkId:gb"),
		postGroupOp("gb", "circle-b", "bulkId:ga"),
		map[string]any{"method": "DELETE", "path": "/Users/bulkId:nobody"},
		map[string]any{"method": "POST", "path": "/Users", "bulkId": "broken", "data": map[string]any{"schemas": []string{userSchema}}},
		postGroupOp("gc", "after-broken", "bulkId:broken"),
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, []string{"409", "409", "400", "400", "409"}, statuses(r), string(r.Body))
	assert.Contains(t, r.JSON.Get("Operations.0.response.detail").String(), "circle")
	assert.Contains(t, r.JSON.Get("Operations.0.response.detail").String(), `"gb"`)
	assert.Contains(t, r.JSON.Get("Operations.2.response.detail").String(), "bulkId:nobody")
	assert.Equal(t, "invalidValue", r.JSON.Get("Operations.2.response.scimType").String())
	assert.Contains(t, r.JSON.Get("Operations.4.response.detail").String(), "Operations[3]")
	assert.Empty(t, tg.writeRequests(), "nothing was written to Webex")
	assert.Empty(t, tg.teamsNamed("circle-a"))
}

// The limits of /ServiceProviderConfig are enforced: 413 naming them, and nothing is run.
func TestBulkLimits(t *testing.T) {
	tg := newTarget(t)
	spc := tg.do(http.MethodGet, "/scim/v2/ServiceProviderConfig", nil)
	maxOps := int(spc.JSON.Get("bulk.maxOperations").Int())
	maxPayload := int(spc.JSON.Get("bulk.maxPayloadSize").Int())
	require.Positive(t, maxOps)
	tg.fake().ClearRequests()

	ops := make([]map[string]any, 0, maxOps+1)
	for i := range maxOps + 1 {
		ops = append(ops, postUserOp("u"+itoa(i), "limit-"+itoa(i)+"@example.com"))
	}
	r := tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0, ops...))
	requireSCIMError(t, r, http.StatusRequestEntityTooLarge, "")
	assert.Contains(t, r.JSON.Get("detail").String(), "maxOperations is "+itoa(maxOps))
	assert.Contains(t, r.JSON.Get("detail").String(), itoa(maxPayload))

	big := bulkBody(0, map[string]any{"method": "DELETE", "path": "/Users/x", "data": map[string]any{"pad": strings.Repeat("x", maxPayload)}})
	r = tg.do(http.MethodPost, "/scim/v2/Bulk", big)
	requireSCIMError(t, r, http.StatusRequestEntityTooLarge, "")
	assert.Contains(t, r.JSON.Get("detail").String(), "maxPayloadSize is "+itoa(maxPayload))
	assert.Empty(t, tg.webexRequests(), "nothing was sent to Webex")

	// Exactly maxOperations is accepted.
	r = tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0, ops[:maxOps]...))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Len(t, statuses(r), maxOps)
	assert.NotContains(t, statuses(r), "500")
}

// Operations that name one resource run in request order, with If-Match from version; the
// others may run at once (this test runs under -race in CI).
func TestBulkSameResourceInOrderAndVersions(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("order@example.com", "Ord", "Er")
	stale := tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil).Header.Get("ETag")
	replace := func(display string) map[string]any {
		return map[string]any{"method": "PATCH", "path": "/Users/" + id, "data": map[string]any{
			"schemas": []string{patchOpURN}, "Operations": []map[string]any{{"op": "replace", "path": "displayName", "value": display}},
		}}
	}
	ops := []map[string]any{replace("first"), replace("second"), replace("third")}
	for i := range 8 {
		ops = append(ops, postUserOp("p"+itoa(i), "par-"+itoa(i)+"@example.com"))
	}
	withVersion := replace("too late")
	withVersion["version"] = stale
	ops = append(ops, withVersion)
	r := tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0, ops...))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	st := statuses(r)
	assert.Equal(t, []string{"200", "200", "200"}, st[:3])
	assert.Equal(t, "412", st[len(st)-1], "a stale version is 412 (RFC 7644 §3.14)")
	assert.Equal(t, slices.Repeat([]string{"201"}, 8), st[3:11], "the independent creates all ran")
	p, ok := tg.person(id)
	require.True(t, ok)
	assert.Equal(t, "third", p.DisplayName, "the PATCHes of one user ran in request order")
	assert.Equal(t, r.JSON.Get("Operations.2.version").String(), tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil).Header.Get("ETag"))
}

// A message that is not a BulkRequest answers 400 as a whole; an unusable operation fails alone.
func TestBulkRequestErrors(t *testing.T) {
	tg := newTarget(t)
	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Bulk", map[string]any{"Operations": []any{}}), 400, "invalidSyntax")
	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0)), 400, "invalidSyntax")
	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Bulk", map[string]any{"schemas": []string{bulkRequestURN}, "failOnErrors": 0,
		"Operations": []any{postUserOp("a", "x@example.com")}}), 400, "invalidValue")
	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Bulk", bulkBody(0, postUserOp("a", "x@example.com"), postUserOp("a", "y@example.com"))), 400, "invalidValue")
	requireSCIMError(t, tg.do(http.MethodPost, "/scim/v2/Bulk", `{"schemas":["`+bulkRequestURN+`"],"Operations":[1]}`), 400, "invalidSyntax")

	tg.fake().ClearRequests()
	r := tg.do(http.MethodPost, "/scim/v2/bulk", bulkBody(0,
		map[string]any{"method": "GET", "path": "/Users/x"},
		map[string]any{"method": "POST", "path": "/Roles", "bulkId": "r", "data": map[string]any{}},
		map[string]any{"method": "PUT", "path": "/Users", "data": map[string]any{}},
		map[string]any{"method": "PATCH", "path": "/Users/x"},
		map[string]any{"method": "POST", "path": "/Users", "data": map[string]any{"userName": "nobulkid@example.com"}},
	))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, []string{"400", "400", "400", "400", "400"}, statuses(r), string(r.Body))
	for i, want := range []string{"GET", "/Roles", "/Users/{id}", "needs data", "bulkId"} {
		assert.Contains(t, r.JSON.Get("Operations."+itoa(i)+".response.detail").String(), want)
	}
	assert.Empty(t, tg.writeRequests())
}
