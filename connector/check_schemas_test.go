package connector

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// RFC 7643 §3: a body that lists schemas lists its resource's core schema; one check serves
// Users and Groups.
func TestCheckSchemas(t *testing.T) {
	tests := []struct {
		name     string
		body     scim.Resource
		urn      string
		scimType string // "" when accepted
	}{
		{"user", scim.Resource{"schemas": []any{scim.SchemaUser}}, scim.SchemaUser, ""},
		{"user with an extension", scim.Resource{"schemas": []any{scim.SchemaEnterpriseUser, scim.SchemaUser}}, scim.SchemaUser, ""},
		{"any case, any key case", scim.Resource{"Schemas": []any{"URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:GROUP"}}, scim.SchemaGroup, ""},
		{"absent", scim.Resource{"displayName": "x"}, scim.SchemaGroup, ""},
		{"null", scim.Resource{"schemas": nil}, scim.SchemaUser, ""},
		{"a group body sent to /Users", scim.Resource{"schemas": []any{scim.SchemaGroup}}, scim.SchemaUser, scim.ScimTypeInvalidSyntax},
		{"a user body sent to /Groups", scim.Resource{"schemas": []any{scim.SchemaUser}}, scim.SchemaGroup, scim.ScimTypeInvalidSyntax},
		{"empty", scim.Resource{"schemas": []any{}}, scim.SchemaGroup, scim.ScimTypeInvalidSyntax},
		{"not an array", scim.Resource{"schemas": scim.SchemaUser}, scim.SchemaUser, scim.ScimTypeInvalidValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checkSchemas(tc.body, tc.urn)
			if tc.scimType == "" {
				assert.NoError(t, err)
				return
			}
			var se *scim.Error
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Equal(t, 400, se.Status)
			assert.Equal(t, tc.scimType, se.ScimType)
			if tc.scimType == scim.ScimTypeInvalidSyntax {
				assert.Contains(t, se.Detail, tc.urn, "the detail names the schema the body must list")
			}
		})
	}
}
