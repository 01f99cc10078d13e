package connector

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Every attribute of the enterprise extension (RFC 7643 §4.3) is either published, because Webex
// holds it (department, manager.value: issue 11), or in the not-stored set, spelt as the set's
// keys are; never both, except readOnly ones the set ignores (manager.displayName), so the
// answer and /Schemas agree.
func TestEnterpriseExtensionIsStoredOrNotStored(t *testing.T) {
	assert.Equal(t, strings.ToLower(scim.SchemaEnterpriseUser), enterpriseKey)
	n := userNotStored()
	rs := userResourceSchema()
	check := func(path string) {
		ref, err := rs.Resolve(path)
		published := err == nil
		readOnly := published && ref.Target().Mutability == scim.MutabilityReadOnly
		switch {
		case readOnly:
		case published:
			assert.False(t, n.match(path), "%s is published and so stored", path)
		default:
			assert.True(t, n.match(path), "%s is neither published nor in the not-stored set", path)
		}
	}
	for _, a := range scim.EnterpriseUserSchema().Attributes {
		path := scim.SchemaEnterpriseUser + ":" + a.Name
		check(path)
		for _, sub := range a.SubAttributes {
			check(path + "." + sub.Name)
		}
	}
	for _, stored := range []string{scim.SchemaEnterpriseUser + ":department", scim.SchemaEnterpriseUser + ":manager.value",
		"title", "phoneNumbers.value", "phoneNumbers.type", "addresses.locality"} {
		assert.False(t, n.match(stored), stored)
	}
	for _, notStored := range []string{scim.SchemaEnterpriseUser + ":employeeNumber", scim.SchemaEnterpriseUser + ":manager.$ref",
		"phoneNumbers.display", "addresses.formatted"} {
		assert.True(t, n.match(notStored), notStored)
	}
	// Mapped attributes are not in it.
	for _, mapped := range []string{"userName", "name.givenName", "emails.value", "emails", "active", "roles", scim.SchemaUser + ":displayName"} {
		assert.False(t, n.match(mapped), mapped)
	}
	assert.True(t, n.match(scim.SchemaUser+":Locale"), "core attributes may be qualified, in any case")
}
