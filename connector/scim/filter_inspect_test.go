package scim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilterAndEquality(t *testing.T) {
	groups := &ResourceSchema{Core: GroupSchema()}
	tests := []struct {
		filter, path string
		want         string
		ok           bool
	}{
		{`id eq "g1"`, "id", "g1", true},
		{`ID EQ "g1"`, "id", "g1", true},
		{`urn:ietf:params:scim:schemas:core:2.0:Group:id eq "g1"`, "id", "g1", true},
		{`id eq "g1"`, SchemaGroup + ":id", "g1", true},
		// Entra's membership check.
		{`id eq "g1" and members[value eq "u1"]`, "id", "g1", true},
		{`members[value eq "u1"] and id eq "g1"`, "id", "g1", true},
		{`displayName sw "A" and (members pr and id eq "g1")`, "id", "g1", true},
		{`id eq "g1" and id eq "g2"`, "id", "g1", true}, // the leftmost; the filter still decides
		{`members[value eq "u1"]`, "members.value", "u1", true},
		{`displayName eq "x" and members.value eq "u1"`, "members.value", "u1", true},
		// Not required by the whole filter.
		{`id eq "g1" or displayName eq "x"`, "id", "", false},
		{`not (id eq "g1")`, "id", "", false},
		{`displayName eq "x" and (id eq "g1" or id eq "g2")`, "id", "", false},
		{`id ne "g1"`, "id", "", false},
		{`id sw "g1"`, "id", "", false},
		{`displayName eq "g1"`, "id", "", false},
		{`members[value eq "u1" and type eq "User"]`, "members.value", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.filter+" / "+tc.path, func(t *testing.T) {
			f, err := ParseFilter(tc.filter, groups)
			require.NoError(t, err)
			got, ok := f.AndEquality(tc.path)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}

	users := testUserRS()
	f, err := ParseFilter(`active eq true and userName eq "a@example.com"`, users)
	require.NoError(t, err)
	_, ok := f.AndEquality("active")
	assert.False(t, ok, "only string values count")
	v, ok := f.AndEquality("USERNAME")
	assert.True(t, ok)
	assert.Equal(t, "a@example.com", v)
}

func TestFilterReferences(t *testing.T) {
	groups := &ResourceSchema{Core: GroupSchema()}
	tests := []struct {
		filter, path string
		want         bool
	}{
		{`members pr`, "members", true},
		{`members.value eq "u1"`, "members", true},
		{`members[value eq "u1"]`, "members", true},
		{`Members[Value eq "u1"]`, "members", true},
		{`urn:ietf:params:scim:schemas:core:2.0:Group:members.value eq "u1"`, "members", true},
		{`displayName eq "x" or not (members[type eq "User"])`, "members", true},
		{`id eq "g1" and members[value eq "u1"]`, "members", true},
		{`members[value eq "u1"]`, "members.value", true},
		{`members[type eq "User"]`, "members.value", false},
		{`members[type eq "User"]`, SchemaGroup + ":members", true},
		{`id eq "g1"`, "members", false},
		{`displayName sw "members"`, "members", false},
		{`displayName eq "x" and meta.created gt "2024-01-01T00:00:00Z"`, "members", false},
		{`displayName eq "x"`, "display", false}, // a prefix of the name is not the attribute
		{`meta.created gt "2024-01-01T00:00:00Z"`, "meta", true},
	}
	for _, tc := range tests {
		t.Run(tc.filter+" / "+tc.path, func(t *testing.T) {
			f, err := ParseFilter(tc.filter, groups)
			require.NoError(t, err)
			assert.Equal(t, tc.want, f.References(tc.path))
		})
	}
}
