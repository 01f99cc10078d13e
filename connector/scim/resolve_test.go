package scim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolve_RFC7644_3_10(t *testing.T) {
	rs := testUserRS()
	tests := []struct {
		path, want string // want: AttrRef.String()
		schema     string
	}{
		{"userName", "userName", ""},
		{"USERNAME", "userName", ""},
		{"name.givenName", "name.givenName", ""},
		{"Name.GivenName", "name.givenName", ""},
		{"emails.value", "emails.value", ""},
		{"urn:ietf:params:scim:schemas:core:2.0:User:userName", "userName", ""},
		{"URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:name.givenName", "name.givenName", ""},
		{"urn:scim:schemas:extension:webex:2.0:User:status", testWebexExt + ":status", testWebexExt},
		// RFC 7643 §3.1 common attributes on every resource.
		{"id", "id", ""},
		{"externalId", "externalId", ""},
		{"meta.lastModified", "meta.lastModified", ""},
		{"meta.resourceType", "meta.resourceType", ""},
		{"schemas", "schemas", ""},
		// RFC 7644 §3.10: extension attributes SHOULD be qualified; one
		// that a single extension defines resolves without its URN.
		{"status", testWebexExt + ":status", testWebexExt},
		{"Code", testKitchen + ":code", testKitchen},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			ref, err := rs.Resolve(tc.path)
			require.NoError(t, err)
			assert.Equal(t, tc.want, ref.String())
			assert.Equal(t, tc.schema, ref.Schema)
		})
	}

	// Common attributes resolve on a schema that does not list them.
	bare := &ResourceSchema{Core: &Schema{ID: "urn:example:Role", Attributes: []*Attribute{{Name: "displayName"}}}}
	for _, p := range []string{"id", "meta.created", "externalId", "urn:example:Role:displayName"} {
		_, err := bare.Resolve(p)
		assert.NoError(t, err, p)
	}
}

func TestResolveUnknown(t *testing.T) {
	rs := testUserRS()
	rs.Extensions = append(rs.Extensions, EnterpriseUserSchema())
	for _, p := range []string{
		"shoeSize", "name.middleName", "name.givenName.x", "userName.x",
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize",
		"urn:example:unknown:2.0:User:userName",
		"urn:scim:schemas:extension:webex:2.0:User:userName", // core attribute under the extension URN
		"urn:scim:schemas:extension:webex:2.0:User:meta",     // common attributes are not the extension's
		"", "urn:", "emails..value",
		"organization", // defined by two extensions: ambiguous without its URN
	} {
		t.Run(p, func(t *testing.T) {
			_, err := rs.Resolve(p)
			se := scimErr(t, err, 400, ScimTypeInvalidPath)
			assert.Contains(t, se.Detail, "unknown attribute")
		})
	}
}

func TestPathAttribute_RFC7644_3_5_2(t *testing.T) {
	tests := []struct{ path, want string }{
		{"title", "title"},
		{"name.formatted", "name.formatted"},
		{`phoneNumbers[type eq "work"].value`, "phoneNumbers.value"},
		{`addresses[type eq "work"].streetAddress`, "addresses.streetAddress"},
		{`emails[value eq "secret@example.com"]`, "emails"},
		{SchemaEnterpriseUser + ":employeeNumber", SchemaEnterpriseUser + ":employeeNumber"},
		{SchemaEnterpriseUser + ":manager.value", SchemaEnterpriseUser + ":manager.value"},
		{SchemaUser + ":name.givenName", SchemaUser + ":name.givenName"},
		{"shoeSize", "shoeSize"}, // syntax only: the schema is the caller's business
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			got, err := PathAttribute(tc.path)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	for _, bad := range []string{"", "emails[type eq]", "emails..value", `emails[type eq "work"`} {
		t.Run("invalid "+bad, func(t *testing.T) {
			_, err := PathAttribute(bad)
			scimErr(t, err, 400, ScimTypeInvalidPath)
		})
	}
}
