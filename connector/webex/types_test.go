package webex

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullPerson is the official spec's example person (reference/webex-openapi), with booleans as
// real Webex sends them.
const fullPerson = `{
  "id": "P1", "emails": ["john.andersen@example.com"],
  "phoneNumbers": [{"type": "work", "value": "+1 408 526 7209", "primary": true}],
  "extension": "133", "locationId": "LOC", "displayName": "John Andersen", "nickName": "John",
  "firstName": "John", "lastName": "Andersen", "avatar": "https://example.com/a.png", "orgId": "ORG",
  "roles": ["R1"], "licenses": ["L1", "L2"], "department": "Sales", "manager": "John Duarte",
  "managerId": "M1", "title": "GM",
  "addresses": [{"type": "work", "country": "US", "locality": "Milpitas"}],
  "created": "2015-10-18T14:26:16.000Z", "lastModified": "2026-11-26T09:15:02.123Z",
  "timezone": "America/Denver", "lastActivity": "2015-10-18T14:26:16.028Z",
  "siteUrls": ["mysite.webex.com#attendee"], "sipAddresses": [{"type": "personal-room", "value": "u@x.webex.com", "primary": false}],
  "xmppFederationJid": "user@example.com", "status": "active", "invitePending": false,
  "loginEnabled": true, "type": "person"
}`

func TestPersonReadsEveryWebexField(t *testing.T) {
	var p Person
	require.NoError(t, json.Unmarshal([]byte(fullPerson), &p))
	assert.Equal(t, "P1", p.ID)
	assert.Equal(t, []string{"john.andersen@example.com"}, p.Emails)
	assert.Equal(t, "John Andersen", p.DisplayName)
	assert.Equal(t, "John", p.NickName)
	assert.Equal(t, "Andersen", p.LastName)
	assert.Equal(t, "ORG", p.OrgID)
	assert.Equal(t, []string{"L1", "L2"}, p.Licenses)
	assert.Equal(t, "active", p.Status)
	assert.Equal(t, "person", p.Type)
	require.NotNil(t, p.LoginEnabled)
	assert.True(t, *p.LoginEnabled)
	require.NotNil(t, p.InvitePending)
	assert.False(t, *p.InvitePending)
	assert.Equal(t, time.Date(2026, 11, 26, 9, 15, 2, 123e6, time.UTC), p.LastModified.UTC())
	assert.Equal(t, time.Date(2015, 10, 18, 14, 26, 16, 0, time.UTC), p.Created.UTC())
	for _, k := range []string{"phoneNumbers", "extension", "locationId", "department", "manager", "managerId",
		"title", "addresses", "lastActivity", "siteUrls", "sipAddresses", "xmppFederationJid"} {
		assert.Contains(t, p.Extra, k)
	}
	assert.NotContains(t, p.Extra, "displayName", "typed fields are not duplicated in Extra")
	assert.JSONEq(t, `[{"type": "work", "country": "US", "locality": "Milpitas"}]`, string(p.Extra["addresses"]))
}

func TestPersonFullFormRoundTrips(t *testing.T) {
	var p Person
	require.NoError(t, json.Unmarshal([]byte(fullPerson), &p))
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, fullPerson, string(out))
}

func TestPersonRequestBodyLeavesOutWhatWebexComputes(t *testing.T) {
	var p Person
	require.NoError(t, json.Unmarshal([]byte(fullPerson), &p))
	p.DisplayName = "Johnny"
	body, err := p.RequestBody()
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &m))
	for _, k := range []string{"id", "created", "lastModified", "status", "invitePending", "type", "lastActivity"} {
		assert.NotContains(t, m, k)
	}
	for _, k := range []string{"orgId", "emails", "phoneNumbers", "department", "title", "addresses", "loginEnabled", "roles", "licenses", "siteUrls"} {
		assert.Contains(t, m, k, "a full-replace PUT carries it over (WX08)")
	}
	assert.JSONEq(t, `"Johnny"`, string(m["displayName"]))
}

func TestPersonLeniency(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, p Person)
	}{
		{"string booleans from the official spec's examples", `{"loginEnabled":"true","invitePending":"false"}`, func(t *testing.T, p Person) {
			require.NotNil(t, p.LoginEnabled)
			assert.True(t, *p.LoginEnabled)
			require.NotNil(t, p.InvitePending)
			assert.False(t, *p.InvitePending)
		}},
		{"absent booleans stay nil", `{"id":"x"}`, func(t *testing.T, p Person) {
			assert.Nil(t, p.LoginEnabled)
			assert.Nil(t, p.InvitePending)
			assert.Nil(t, p.Extra)
		}},
		{"plain RFC 3339 times", `{"created":"2026-11-26T09:15:02Z","lastModified":"2026-11-26T10:15:02+01:00"}`, func(t *testing.T, p Person) {
			assert.True(t, p.Created.Equal(time.Date(2026, 11, 26, 9, 15, 2, 0, time.UTC)))
			assert.True(t, p.LastModified.Equal(p.Created))
		}},
		{"null and empty times are zero", `{"created":null,"lastModified":""}`, func(t *testing.T, p Person) {
			assert.True(t, p.Created.IsZero())
			assert.True(t, p.LastModified.IsZero())
		}},
		{"null lists stay nil", `{"roles":null}`, func(t *testing.T, p Person) { assert.Nil(t, p.Roles) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Person
			require.NoError(t, json.Unmarshal([]byte(tt.in), &p))
			tt.check(t, p)
		})
	}
	for _, bad := range []string{`[]`, `null`, `{"loginEnabled":"maybe"}`, `{"created":"yesterday"}`, `{"emails":"a@b"}`} {
		var p Person
		assert.Error(t, json.Unmarshal([]byte(bad), &p), bad)
	}
}

func TestPersonMarshalSkipsUnsetFieldsAndKeepsEmptyLists(t *testing.T) {
	f := false
	p := Person{DisplayName: "A", Roles: []string{}, LoginEnabled: &f,
		Extra: map[string]json.RawMessage{"title": json.RawMessage(`"CTO"`), "displayName": json.RawMessage(`"stale"`)}}
	body, err := p.RequestBody()
	require.NoError(t, err)
	assert.JSONEq(t, `{"displayName":"A","roles":[],"loginEnabled":false,"title":"CTO"}`, string(body),
		"typed fields win over Extra; an empty list is sent to clear it")
}

func TestTeamMembershipLicenseWireForm(t *testing.T) {
	var team Team
	require.NoError(t, json.Unmarshal([]byte(`{"id":"T","name":"Build Squad","description":"d","creatorId":"P","created":"2015-10-18T14:26:16.000Z"}`), &team))
	assert.Equal(t, Team{ID: "T", Name: "Build Squad", Description: "d", CreatorID: "P", Created: time.Date(2015, 10, 18, 14, 26, 16, 0, time.UTC)}, team)
	out, err := json.Marshal(team)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"T","name":"Build Squad","description":"d","creatorId":"P","created":"2015-10-18T14:26:16.000Z"}`, string(out))

	var m Membership
	require.NoError(t, json.Unmarshal([]byte(`{"id":"M","teamId":"T","personId":"P","personEmail":"a@b","personDisplayName":"A","personOrgId":"O","isModerator":true,"created":"2015-10-18T14:26:16.203Z"}`), &m))
	assert.True(t, m.IsModerator)
	assert.Equal(t, 203*time.Millisecond, time.Duration(m.Created.Nanosecond()))
	out, err = json.Marshal(Membership{ID: "M"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"M","isModerator":false}`, string(out), "isModerator is always a boolean (design §5)")

	var l License
	require.NoError(t, json.Unmarshal([]byte(`{"id":"L","name":"Meeting","totalUnits":50,"consumedUnits":5.0,"consumedByUsers":5,"subscriptionId":"S","siteUrl":"x.webex.com","siteType":"Linked site"}`), &l))
	assert.Equal(t, License{ID: "L", Name: "Meeting", TotalUnits: 50, ConsumedUnits: 5, ConsumedByUsers: 5, SubscriptionID: "S", SiteURL: "x.webex.com", SiteType: "Linked site"}, l)
}

func TestFormatTimeIsWebexStyle(t *testing.T) {
	ts := time.Date(2026, 11, 26, 10, 15, 2, 123456789, time.FixedZone("CET", 3600))
	assert.Equal(t, "2026-11-26T09:15:02.123Z", FormatTime(ts))
	back, err := ParseTime(FormatTime(ts))
	require.NoError(t, err)
	assert.True(t, back.Equal(ts.Truncate(time.Millisecond)))
}

func TestLicenseRoundTrips(t *testing.T) {
	in := License{ID: "L", Name: "Calling", SubscriptionID: "S", TotalUnits: 10, ConsumedUnits: 0}
	out, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"L","name":"Calling","subscriptionId":"S","totalUnits":10,"consumedUnits":0,"consumedByUsers":0,"consumedByWorkspaces":0}`, string(out))
	var back License
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, in, back)
}
