package connector

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Whether a group answer holds members decides whether memberships are read from Webex at all.
// membersShown skips projecting a probe for the default attribute set; it must answer as the
// projection does for every request.
func TestMembersShownAnswersAsTheProjection(t *testing.T) {
	s := &Server{groups: &scim.ResourceSchema{Core: scim.GroupSchema()}}
	for _, q := range []string{
		"", "?", "?count=5", "?attributes=", "?attributes=displayName", "?attributes=members.value",
		"?Attributes=MEMBERS", "?excludedAttributes=members", "?excludedattributes=members.display",
		"?excludedAttributes=displayName", "?attributes=urn:ietf:params:scim:schemas:core:2.0:Group:members",
		"?attributes=members.display", "?attributes=members.type", "?attributes=members.$ref",
	} {
		attrs, excluded := projectionParams(httptest.NewRequest("GET", "/scim/v2/Groups/x"+q, nil))
		assert.Equal(t, s.membersReturned(attrs, excluded), s.membersShown(attrs, excluded), "query %q", q)
	}
	assert.True(t, s.membersShown(projectionParams(httptest.NewRequest("GET", "/scim/v2/Groups/x", nil))))
	assert.False(t, s.membersShown(projectionParams(httptest.NewRequest("GET", "/scim/v2/Groups/x?excludedAttributes=members", nil))))
	assert.False(t, s.membersShown(projectionParams(httptest.NewRequest("GET", "/scim/v2/Groups/x?attributes=displayName", nil))))
	assert.True(t, s.membersShown(projectionParams(httptest.NewRequest("GET", "/scim/v2/Groups/x?attributes=members.display", nil))))
}

func TestProjectionParams(t *testing.T) {
	for q, want := range map[string][2][]string{
		"":          {nil, nil},
		"?":         {nil, nil},
		"?filter=x": {nil, nil},
		"?attributes=a,%20b,,c&excludedAttributes=d": {{"a", "b", "c"}, {"d"}},
		"?ATTRIBUTES=name.givenName":                 {{"name.givenName"}, nil},
		"?excludedattributes=members":                {nil, {"members"}},
	} {
		attrs, excluded := projectionParams(httptest.NewRequest("GET", "/scim/v2/Users/x"+q, nil))
		assert.Equal(t, want[0], attrs, "attributes of %q", q)
		assert.Equal(t, want[1], excluded, "excludedAttributes of %q", q)
	}
}
