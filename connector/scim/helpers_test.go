package scim

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// Test-only schemas: the product's extension is the connector's, so the tests
// build a look-alike, plus one extension with an attribute of every type and
// characteristic the product schemas do not exercise.
const (
	testWebexExt = "urn:scim:schemas:extension:webex:2.0:User"
	testKitchen  = "urn:example:params:scim:schemas:kitchen:2.0:User"
)

func testUserRS() *ResourceSchema {
	return &ResourceSchema{
		Core: UserSchema(),
		Extensions: []*Schema{
			{
				ID: testWebexExt, Name: "WebexUser",
				Attributes: []*Attribute{
					{Name: "organization", Type: TypeString, Mutability: MutabilityReadOnly, CaseExact: true},
					{Name: "status", Type: TypeString, Mutability: MutabilityReadOnly},
				},
			},
			{
				ID: testKitchen, Name: "Kitchen",
				Attributes: []*Attribute{
					{Name: "count", Type: TypeInteger},
					{Name: "ratio", Type: TypeDecimal},
					{Name: "since", Type: TypeDateTime},
					{Name: "blob", Type: TypeBinary},
					{Name: "flag", Type: TypeBoolean},
					{Name: "badge", Type: TypeString, Mutability: MutabilityImmutable},
					{Name: "secret", Type: TypeString, Mutability: MutabilityWriteOnly, Returned: ReturnedNever},
					{Name: "audit", Type: TypeString, Returned: ReturnedRequest},
					{Name: "code", Type: TypeString, Required: true},
					{Name: "tags", Type: TypeString, MultiValued: true},
				},
			},
		},
	}
}

func testGroupRS() *ResourceSchema { return &ResourceSchema{Core: GroupSchema()} }

// res decodes a JSON resource the way the connector's resources look on the
// wire.
func res(t testing.TB, s string) Resource {
	t.Helper()
	var r Resource
	require.NoError(t, json.Unmarshal([]byte(s), &r))
	return r
}

// typicalUser is a user as the connector renders a Webex person (design §4.1).
const typicalUser = `{
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:scim:schemas:extension:webex:2.0:User"],
  "id": "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM",
  "userName": "Barbara.Jensen@Example.com",
  "name": {"formatted": "Barbara Jensen", "familyName": "Jensen", "givenName": "Barbara"},
  "displayName": "Babs Jensen",
  "nickName": "Babs",
  "emails": [{"value": "Barbara.Jensen@Example.com", "type": "work", "primary": true}],
  "timezone": "Europe/Paris",
  "active": true,
  "userType": "person",
  "roles": [{"value": "role-admin", "display": "Full Administrator"}],
  "entitlements": [{"value": "lic-meetings"}, {"value": "lic-calling"}],
  "photos": [{"value": "https://avatars.example.com/babs.png", "type": "photo"}],
  "urn:scim:schemas:extension:webex:2.0:User": {"organization": "org-1", "status": "active"},
  "meta": {"resourceType": "User", "created": "2024-01-02T03:04:05.000Z", "lastModified": "2024-06-01T10:00:00Z",
           "location": "https://scim.example.com/scim/v2/Users/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM", "version": "W/\"1\""}
}`

const typicalGroup = `{
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  "id": "team-1",
  "displayName": "Engineering",
  "members": [
    {"value": "user-a", "display": "Alice", "$ref": "https://scim.example.com/scim/v2/Users/user-a", "type": "User"},
    {"value": "user-b", "display": "Bob"}
  ],
  "meta": {"resourceType": "Group", "created": "2024-01-02T03:04:05Z"}
}`

// scimErr asserts err is a *Error with the given status and scimType.
func scimErr(t testing.TB, err error, status int, scimType string) *Error {
	t.Helper()
	require.Error(t, err)
	var se *Error
	require.ErrorAs(t, err, &se)
	require.Equal(t, status, se.Status, "status; detail: %s", se.Detail)
	require.Equal(t, scimType, se.ScimType, "scimType; detail: %s", se.Detail)
	require.NotEmpty(t, se.Detail)
	return se
}
