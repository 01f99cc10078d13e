package mockwebex

import "regexp"

// endpointTemplates are the Webex API paths this fake serves that a connector calls, with every
// id replaced by {id}; the first that matches names a path. Kept apart from the connector's own
// table (connector/webex/metrics.go) on purpose: tests compare the connector's metrics labels
// with the fake's request log, so the two must be worked out independently.
func endpointTemplates() []struct {
	re       *regexp.Regexp
	template string
} {
	return []struct {
		re       *regexp.Regexp
		template string
	}{
		{regexp.MustCompile(`^/v1/people$`), "/v1/people"},
		{regexp.MustCompile(`^/v1/people/me$`), "/v1/people/me"},
		{regexp.MustCompile(`^/v1/people/[^/]+$`), "/v1/people/{id}"},
		{regexp.MustCompile(`^/v1/teams$`), "/v1/teams"},
		{regexp.MustCompile(`^/v1/teams/[^/]+$`), "/v1/teams/{id}"},
		{regexp.MustCompile(`^/v1/team/memberships$`), "/v1/team/memberships"},
		{regexp.MustCompile(`^/v1/team/memberships/[^/]+$`), "/v1/team/memberships/{id}"},
		{regexp.MustCompile(`^/v1/roles$`), "/v1/roles"},
		{regexp.MustCompile(`^/v1/licenses$`), "/v1/licenses"},
		{regexp.MustCompile(`^/v1/groups$`), "/v1/groups"},
		{regexp.MustCompile(`^/v1/groups/[^/]+$`), "/v1/groups/{id}"},
		{regexp.MustCompile(`^/v1/groups/[^/]+/members$`), "/v1/groups/{id}/members"},
	}
}

// EndpointTemplate is the route template of a path in the request log (RecordedRequest.Path),
// ids as {id}, or "unknown " + path for a path no template matches: how tests group the log to
// compare it with a client's per-endpoint counts.
func EndpointTemplate(path string) string {
	for _, t := range endpointTemplates() {
		if t.re.MatchString(path) {
			return t.template
		}
	}
	return "unknown " + path
}
