package scim

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserSchemaCharacteristics_design_4_1(t *testing.T) {
	rs := &ResourceSchema{Core: UserSchema()}
	tests := []struct {
		path                            string
		typ, mutability, returned, uniq string
		multi, required, caseExact      bool
	}{
		{"id", TypeString, MutabilityReadOnly, ReturnedAlways, UniquenessServer, false, false, true},
		{"userName", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessServer, false, true, false},
		{"name", TypeComplex, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"name.formatted", TypeString, MutabilityReadOnly, ReturnedDefault, UniquenessNone, false, false, false},
		{"name.familyName", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"name.givenName", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"displayName", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"nickName", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"emails", TypeComplex, MutabilityReadWrite, ReturnedDefault, UniquenessNone, true, false, false},
		{"emails.value", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"emails.primary", TypeBoolean, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"timezone", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"active", TypeBoolean, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"userType", TypeString, MutabilityReadOnly, ReturnedDefault, UniquenessNone, false, false, false},
		{"roles.value", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"entitlements.display", TypeString, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
		{"photos.value", TypeReference, MutabilityReadWrite, ReturnedDefault, UniquenessNone, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			ref, err := rs.Resolve(tc.path)
			require.NoError(t, err)
			a := ref.Target()
			assert.Equal(t, tc.typ, a.typ())
			assert.Equal(t, tc.mutability, a.mutability())
			assert.Equal(t, tc.returned, a.returned())
			assert.Equal(t, tc.uniq, a.uniqueness())
			assert.Equal(t, tc.multi, a.MultiValued)
			assert.Equal(t, tc.required, a.Required)
			assert.Equal(t, tc.caseExact, a.CaseExact)
		})
	}
	ref, err := rs.Resolve("photos.value")
	require.NoError(t, err)
	assert.Equal(t, []string{"external"}, ref.Sub.ReferenceTypes)
}

func TestGroupSchemaCharacteristics_design_4_2(t *testing.T) {
	rs := testGroupRS()
	for path, want := range map[string]string{
		"displayName":     MutabilityReadWrite,
		"members":         MutabilityReadWrite,
		"members.value":   MutabilityImmutable,
		"members.display": MutabilityReadOnly,
		"members.$ref":    MutabilityReadOnly,
		"members.type":    MutabilityImmutable,
	} {
		ref, err := rs.Resolve(path)
		require.NoError(t, err, path)
		assert.Equal(t, want, ref.Target().mutability(), path)
	}
	ref, err := rs.Resolve("displayName")
	require.NoError(t, err)
	assert.True(t, ref.Attr.Required)
	ref, err = rs.Resolve("members")
	require.NoError(t, err)
	assert.True(t, ref.Attr.MultiValued)
}

// The representation follows RFC 7643 §7; compare with the RFC's own §8.7.1
// for the attributes both have.
func TestSchemaResource_RFC7643_7(t *testing.T) {
	r := UserSchema().Resource("https://scim.example.com/scim/v2/Schemas/" + SchemaUser)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var got struct {
		Schemas    []string         `json:"schemas"`
		ID         string           `json:"id"`
		Name       string           `json:"name"`
		Attributes []map[string]any `json:"attributes"`
		Meta       map[string]any   `json:"meta"`
	}
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, []string{SchemaSchema}, got.Schemas)
	assert.Equal(t, SchemaUser, got.ID)
	assert.Equal(t, "User", got.Name)
	assert.Equal(t, "Schema", got.Meta["resourceType"])
	assert.Equal(t, "https://scim.example.com/scim/v2/Schemas/"+SchemaUser, got.Meta["location"])

	byName := map[string]map[string]any{}
	for _, a := range got.Attributes {
		byName[a["name"].(string)] = a
	}
	assert.Equal(t, map[string]any{
		"name": "userName", "type": "string", "multiValued": false, "required": true, "caseExact": false,
		"mutability": "readWrite", "returned": "default", "uniqueness": "server",
		"description": byName["userName"]["description"],
	}, byName["userName"])
	active := byName["active"]
	assert.NotContains(t, active, "caseExact", "RFC 7643 §7: caseExact is for string types")
	emails := byName["emails"]
	subs := emails["subAttributes"].([]any)
	require.Len(t, subs, 3)
	assert.Equal(t, []any{"work", "home", "other"}, subs[1].(map[string]any)["canonicalValues"])

	for _, a := range got.Attributes {
		assert.NotEmpty(t, a["description"], "every attribute is described: %v", a["name"])
	}
}

func TestResourceTypeResource_RFC7643_6(t *testing.T) {
	rt := ResourceType{
		ID: "User", Name: "User", Endpoint: "/Users", Description: "User Account", Schema: SchemaUser,
		Extensions: []SchemaExtension{{Schema: testWebexExt, Required: false}},
	}
	b, err := json.Marshal(rt.Resource("https://scim.example.com/scim/v2/ResourceTypes/User"))
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
	  "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
	  "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
	  "schemaExtensions": [{"schema": "urn:scim:schemas:extension:webex:2.0:User", "required": false}],
	  "meta": {"resourceType": "ResourceType", "location": "https://scim.example.com/scim/v2/ResourceTypes/User"}
	}`, string(b))

	b, err = json.Marshal(ResourceType{ID: "Group", Name: "Group", Endpoint: "/Groups", Schema: SchemaGroup}.Resource("/x"))
	require.NoError(t, err)
	assert.NotContains(t, string(b), "schemaExtensions")
}

// The URNs are the RFC's, spelled as the RFCs spell them (a typo here would make every client
// refuse our messages).
func TestURNsAreTheRFCs(t *testing.T) {
	for urn, want := range map[string]string{
		SchemaUser:                  "urn:ietf:params:scim:schemas:core:2.0:User",                  // RFC 7643 §4.1
		SchemaGroup:                 "urn:ietf:params:scim:schemas:core:2.0:Group",                 // RFC 7643 §4.2
		SchemaEnterpriseUser:        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",  // RFC 7643 §4.3
		SchemaServiceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", // RFC 7643 §5
		SchemaResourceType:          "urn:ietf:params:scim:schemas:core:2.0:ResourceType",          // RFC 7643 §6
		SchemaSchema:                "urn:ietf:params:scim:schemas:core:2.0:Schema",                // RFC 7643 §7
		SchemaListResponse:          "urn:ietf:params:scim:api:messages:2.0:ListResponse",          // RFC 7644 §3.4.2
		SchemaPatchOp:               "urn:ietf:params:scim:api:messages:2.0:PatchOp",               // RFC 7644 §3.5.2
		SchemaError:                 "urn:ietf:params:scim:api:messages:2.0:Error",                 // RFC 7644 §3.12
	} {
		assert.Equal(t, want, urn)
	}
}
