package connector

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/webex-scim/webex-scim/connector/webex"
)

// A user's version is the ETag clients send back in If-Match (RFC 7644 §3.14): the same person
// must keep the same tag across releases, or every conditional update after an upgrade fails with
// 412. These tags were computed by the first implementation.
func TestPersonVersionIsStable(t *testing.T) {
	on, off := true, false
	p := webex.Person{ID: "P1", DisplayName: "Alice Admin", FirstName: "Alice", LastName: "Admin", OrgID: "ORG",
		Emails: []string{"admin@example.com"}, Roles: []string{}, Licenses: []string{"L1", "L2"},
		LoginEnabled: &on, InvitePending: &off, Status: "active", Type: "person", Timezone: "Europe/Berlin",
		Created:      time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		LastModified: time.Date(2026, 11, 26, 9, 15, 2, 123e6, time.UTC),
		Extra: map[string]json.RawMessage{
			"title": json.RawMessage(`"CTO"`), "addresses": json.RawMessage(`[{"country":"US"}]`),
		}}
	assert.Equal(t, `W/"0d76867e7071996fb507f8a7"`, personVersion(&p))
	assert.Equal(t, `W/"0563a64957d0accdfaf1d974"`, personVersion(&webex.Person{}))

	changed := p
	changed.Extra = map[string]json.RawMessage{"title": json.RawMessage(`"CEO"`), "addresses": p.Extra["addresses"]}
	assert.NotEqual(t, personVersion(&p), personVersion(&changed), "a field SCIM does not map still changes the version")
	changed = p
	changed.LastModified = p.LastModified.Add(time.Millisecond)
	assert.NotEqual(t, personVersion(&p), personVersion(&changed))
}
