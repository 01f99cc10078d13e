package scim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The PATCH bodies Microsoft Entra ID and Okta send, as their documentation
// prints them (sources in fixtures/scim/README.md: E1 = Entra "Develop and plan
// provisioning for a SCIM endpoint", E2 = Entra "Known issues … SCIM 2.0
// protocol compliance" with and without aadOptscim062020, O = Okta "Okta and
// SCIM Version 2.0"). Ids are the documented ones where the resource needs
// them to match.
func TestPatchIdentityProviders(t *testing.T) {
	userRS := testUserRS()
	userRS.Extensions = append(userRS.Extensions, EnterpriseUserSchema())
	groupRS := testGroupRS()

	group := func() Resource {
		return res(t, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"a99962b9f99d4c4fac67","displayName":"Test SCIMv2",
			"members":[{"value":"89bb1940-b905-4575-9e7f-6f887cfb368e","display":"old.member@okta.local"},{"value":"u1091","display":"U"}]}`)
	}
	tests := []struct {
		name  string
		group bool
		body  string
		check func(t *testing.T, got Resource)
	}{
		{
			name: "Entra E1 update user multi-valued: Replace emails[type eq \"work\"].value and name.familyName",
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				{"op":"Replace","path":"emails[type eq \"work\"].value","value":"updatedEmail@microsoft.com"},
				{"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, "updatedEmail@microsoft.com", got["emails"].([]any)[0].(map[string]any)["value"])
				assert.Equal(t, "updatedFamilyName", got["name"].(map[string]any)["familyName"])
			},
		},
		{
			name: "Entra E1 update user single-valued: Replace userName",
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com", got["userName"])
			},
		},
		{
			name:  "Entra E2 add single-value string attribute, default format (\"Add\")",
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}`,
			check: func(t *testing.T, got Resource) { assert.Equal(t, "Babs", got["nickName"]) },
		},
		{
			name: "Entra forum: Add emails[type eq \"work\"].value (Entra sends Add for a changed email)",
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"nickName","value":"tester"},{"op":"Add","path":"emails[type eq \"work\"].value","value":"joe@joe.com"}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, []any{map[string]any{"value": "joe@joe.com", "type": "work", "primary": true}}, got["emails"])
			},
		},
		{
			name: "Entra E2 replace multiple attributes, default format (one op each, externalId and enterprise employeeNumber)",
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				{"op":"Replace","path":"displayName","value":"Pvlo"},
				{"op":"Replace","path":"emails[type eq \"work\"].value","value":"TestBcwqnm@test.microsoft.com"},
				{"op":"Replace","path":"name.givenName","value":"Gtfd"},
				{"op":"Replace","path":"name.familyName","value":"Pkqf"},
				{"op":"Replace","path":"externalId","value":"Eqpj"},
				{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eqpj"}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, "Pvlo", got["displayName"])
				assert.Equal(t, map[string]any{"formatted": "Barbara Jensen", "givenName": "Gtfd", "familyName": "Pkqf"}, got["name"])
				assert.Equal(t, "Eqpj", got["externalId"])
				assert.Equal(t, map[string]any{"employeeNumber": "Eqpj"}, got[SchemaEnterpriseUser])
				assert.Contains(t, got["schemas"], SchemaEnterpriseUser)
			},
		},
		{
			name: "Entra E2 replace multiple attributes, aadOptscim062020: path-less value with dotted and URN keys",
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				{"op":"replace","path":"emails[type eq \"work\"].value","value":"TestMhvaes@test.microsoft.com"},
				{"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom","name.familyName":"Unua",
				 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, "Bjfe", got["displayName"])
				assert.Equal(t, map[string]any{"formatted": "Barbara Jensen", "givenName": "Kkom", "familyName": "Unua"}, got["name"])
				assert.Equal(t, map[string]any{"employeeNumber": "Aklq"}, got[SchemaEnterpriseUser])
				assert.Equal(t, "TestMhvaes@test.microsoft.com", got["emails"].([]any)[0].(map[string]any)["value"])
			},
		},
		{
			name: "Entra path-less replace with a boolean active",
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom","active":false}}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, false, got["active"])
				assert.Equal(t, "Bjfe", got["displayName"])
			},
		},
		{
			name:  "Entra E1 disable user: Replace active false",
			body:  `{"Operations":[{"op":"Replace","path":"active","value":false}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}`,
			check: func(t *testing.T, got Resource) { assert.Equal(t, false, got["active"]) },
		},
		{
			name:  "Entra E2 disable user, default format: the string \"False\"",
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}`,
			check: func(t *testing.T, got Resource) { assert.Equal(t, false, got["active"]) },
		},
		{
			name:  "Entra E1 rename group",
			group: true,
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName", got["displayName"])
			},
		},
		{
			name:  "Entra E1 add member: Add members [{\"$ref\":null,\"value\":…}]",
			group: true,
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, []string{"89bb1940-b905-4575-9e7f-6f887cfb368e", "u1091", "f648f8d5ea4e4cd38e9c"}, memberIDs(got))
			},
		},
		{
			name:  "Entra E1 remove member: Remove members with a value list removes only those",
			group: true,
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"u1091"}]}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, []string{"89bb1940-b905-4575-9e7f-6f887cfb368e"}, memberIDs(got))
			},
		},
		{
			name:  "Entra E2 remove member, default format, member already absent: success",
			group: true,
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"not-a-member"}]}]}`,
			check: func(t *testing.T, got Resource) { assert.Len(t, memberIDs(got), 2) },
		},
		{
			name:  "Entra E2 remove member, aadOptscim062020: members[value eq …]",
			group: true,
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"u1091\"]"}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, []string{"89bb1940-b905-4575-9e7f-6f887cfb368e"}, memberIDs(got))
			},
		},
		{
			name:  "Okta deactivate user: path-less replace {active:false}",
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`,
			check: func(t *testing.T, got Resource) { assert.Equal(t, false, got["active"]) },
		},
		{
			name:  "Okta rename group: path-less replace {id, displayName} (id echoed unchanged)",
			group: true,
			body:  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"a99962b9f99d4c4fac67","displayName":"Test SCIMv20"}}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, "Test SCIMv20", got["displayName"])
				assert.Equal(t, "a99962b9f99d4c4fac67", got["id"])
			},
		},
		{
			name:  "Okta update group membership: remove members[value eq …] then add with display",
			group: true,
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				{"op":"remove","path":"members[value eq \"89bb1940-b905-4575-9e7f-6f887cfb368e\"]"},
				{"op":"add","path":"members","value":[{"value":"23a35c27-23d3-4c03-b4c5-6443c09e7173","display":"test.user@okta.local"}]}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, []string{"u1091", "23a35c27-23d3-4c03-b4c5-6443c09e7173"}, memberIDs(got))
			},
		},
		{
			name:  "Okta full push: replace members",
			group: true,
			body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"members","value":[
				{"value":"23a35c27-23d3-4c03-b4c5-6443c09e7173","display":"test.user@okta.local"},{"value":"u1091","display":"test.user@okta.local"}]}]}`,
			check: func(t *testing.T, got Resource) {
				assert.Equal(t, []string{"23a35c27-23d3-4c03-b4c5-6443c09e7173", "u1091"}, memberIDs(got))
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ops, err := ParsePatch([]byte(tc.body))
			require.NoError(t, err)
			rs, r := userRS, res(t, typicalUser)
			if tc.group {
				rs, r = groupRS, group()
			}
			got, err := ApplyPatch(r, rs, ops)
			require.NoError(t, err)
			tc.check(t, got)
		})
	}

	t.Run("without the enterprise extension, Entra's employeeNumber is an unknown attribute", func(t *testing.T) {
		ops, err := ParsePatch([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eqpj"}]}`))
		require.NoError(t, err)
		_, err = ApplyPatch(res(t, typicalUser), testUserRS(), ops)
		scimErr(t, err, 400, ScimTypeInvalidPath)
	})
}

func memberIDs(g Resource) []string {
	var out []string
	members, _ := g["members"].([]any)
	for _, m := range members {
		out = append(out, m.(map[string]any)["value"].(string))
	}
	return out
}

// Every PATCH kept under fixtures/scim (the replayed identity-provider shapes)
// parses and applies, placeholders bound to the ids the resource holds.
func TestPatchFixtureShapes(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "scim", "*", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs, "fixtures/scim holds the identity providers' request shapes")
	userRS := testUserRS()
	userRS.Extensions = append(userRS.Extensions, EnterpriseUserSchema())
	seen := 0
	for _, file := range dirs {
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		var shape struct {
			Method string          `json:"method"`
			Path   string          `json:"path"`
			Body   json.RawMessage `json:"body"`
		}
		require.NoError(t, json.Unmarshal(b, &shape), file)
		if shape.Method != "PATCH" {
			continue
		}
		seen++
		body := strings.NewReplacer("{prefix}", "run1-", "{userId}", "user-a", "{userId2}", "user-b", "{groupId}", "team-1").Replace(string(shape.Body))
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			ops, err := ParsePatch([]byte(body))
			require.NoError(t, err)
			rs, r := userRS, res(t, typicalUser)
			if strings.HasPrefix(shape.Path, "/Groups") {
				rs, r = testGroupRS(), res(t, typicalGroup)
			}
			_, err = ApplyPatch(r, rs, ops)
			require.NoError(t, err)
		})
	}
	assert.Positive(t, seen)
}
