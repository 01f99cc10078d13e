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
// 412. These tags were computed when the version was narrowed to what SCIM shows and stores
// (issue 15); the golden values pin that stream.
func TestPersonVersionIsStable(t *testing.T) {
	p := versionedPerson()
	assert.Equal(t, `W/"5fb5aaed61e4b8b3d7f24817"`, personVersion(&p))
	assert.Equal(t, `W/"32d3245fad8356a518ec30a4"`, personVersion(&webex.Person{}))

	for name, change := range map[string]func(*webex.Person){
		"displayName":  func(q *webex.Person) { q.DisplayName = "Alice A." },
		"userName":     func(q *webex.Person) { q.Emails = []string{"alice@example.com"} },
		"active":       func(q *webex.Person) { off := false; q.LoginEnabled = &off },
		"roles":        func(q *webex.Person) { q.Roles = []string{"R1"} },
		"entitlements": func(q *webex.Person) { q.Licenses = []string{"L1"} },
		"lastModified": func(q *webex.Person) { q.LastModified = q.LastModified.Add(time.Millisecond) },
		"title":        func(q *webex.Person) { q.Extra["title"] = json.RawMessage(`"CEO"`) },
		"phoneNumbers": func(q *webex.Person) { q.Extra["phoneNumbers"] = json.RawMessage(`[{"type":"work","value":"+1 555"}]`) },
	} {
		changed := versionedPerson()
		change(&changed)
		assert.NotEqual(t, personVersion(&p), personVersion(&changed), "a change of %s changes the version", name)
	}
}

func versionedPerson() webex.Person {
	on, off := true, false
	return webex.Person{ID: "P1", DisplayName: "Alice Admin", FirstName: "Alice", LastName: "Admin", OrgID: "ORG",
		Emails: []string{"admin@example.com"}, Roles: []string{}, Licenses: []string{"L1", "L2"},
		LoginEnabled: &on, InvitePending: &off, Status: "active", Type: "person", Timezone: "Europe/Berlin",
		Created:      time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		LastModified: time.Date(2026, 11, 26, 9, 15, 2, 123e6, time.UTC),
		Extra: map[string]json.RawMessage{
			"title": json.RawMessage(`"CTO"`), "addresses": json.RawMessage(`[{"country":"US"}]`),
			"lastActivity": json.RawMessage(`"2026-11-30T08:00:00.000Z"`),
		}}
}

// Issue 15, item 5: meta.version covers only what the SCIM User shows and stores. The same person
// in two presence states (Webex's status and lastActivity change when the person joins a
// meeting), or with another value in a field SCIM does not map, has one version, so If-Match
// writes do not fail with 412 for no change and If-None-Match hits.
func TestPersonVersionIgnoresPresenceAndUnmappedFields(t *testing.T) {
	p := versionedPerson()
	inMeeting := versionedPerson()
	inMeeting.Status = "meeting"
	inMeeting.Extra["lastActivity"] = json.RawMessage(`"2026-11-30T09:30:00.000Z"`)
	assert.Equal(t, personVersion(&p), personVersion(&inMeeting), "presence is not part of the version")

	other := versionedPerson()
	other.Extra["extension"] = json.RawMessage(`"4711"`)
	other.Extra["siteUrls"] = json.RawMessage(`["example.webex.com#attendee"]`)
	pending := true
	other.InvitePending = &pending
	assert.Equal(t, personVersion(&p), personVersion(&other), "what SCIM neither shows nor stores is not either")
}
