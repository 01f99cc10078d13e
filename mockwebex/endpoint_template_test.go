package mockwebex_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/webex-scim/webex-scim/mockwebex"
)

func TestEndpointTemplate(t *testing.T) {
	for path, want := range map[string]string{
		"/v1/people":                "/v1/people",
		"/v1/people/me":             "/v1/people/me",
		"/v1/people/Y2lzY29zcGFyaw": "/v1/people/{id}",
		"/v1/team/memberships/abc":  "/v1/team/memberships/{id}",
		"/v1/groups/g1/members":     "/v1/groups/{id}/members",
		"/v1/groups/g1":             "/v1/groups/{id}",
		"/v1/people/x/y":            "unknown /v1/people/x/y",
		"/_mock/requests":           "unknown /_mock/requests",
	} {
		assert.Equal(t, want, mockwebex.EndpointTemplate(path), path)
	}
}
