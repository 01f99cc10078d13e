package connector

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Every attribute of the enterprise extension (RFC 7643 §4.3) is in the not-stored set, spelt as
// the set's keys are.
func TestEnterpriseExtensionIsNotStored(t *testing.T) {
	assert.Equal(t, strings.ToLower(scim.SchemaEnterpriseUser), enterpriseKey)
	n := userNotStored()
	for _, a := range scim.EnterpriseUserSchema().Attributes {
		path := scim.SchemaEnterpriseUser + ":" + a.Name
		assert.True(t, n.match(path), path)
		for _, sub := range a.SubAttributes {
			assert.True(t, n.match(path+"."+sub.Name), path+"."+sub.Name)
		}
	}
	// Mapped attributes are not in it.
	for _, mapped := range []string{"userName", "name.givenName", "emails.value", "emails", "active", "roles", scim.SchemaUser + ":displayName"} {
		assert.False(t, n.match(mapped), mapped)
	}
	assert.True(t, n.match(scim.SchemaUser+":Title"), "core attributes may be qualified, in any case")
}
