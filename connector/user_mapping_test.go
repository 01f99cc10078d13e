package connector

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// userFromPerson's output is what clients read (and hash into nothing else: the ETag is over the
// Webex person), and its Go values are what filters, projection and PATCH walk. Both must stay as
// they are whatever the mapping does to be cheaper.

var (
	mappingOn, mappingOff = true, false
	// mappedPeople: a person with every mapped field (the default seed's admin, plus a nickname, an
	// avatar and an offset), one with none, and one with odd values.
	mappedPeople = []webex.Person{
		{ID: "P1", DisplayName: "Alice Admin", FirstName: "Alice", LastName: "Admin", NickName: "Al", OrgID: "ORG",
			Emails: []string{"admin@example.com"}, Roles: []string{"id_full_admin"},
			Licenses: []string{"messaging", "meetings", "calling"}, LoginEnabled: &mappingOn, InvitePending: &mappingOff,
			Status: "active", Type: "person", Timezone: "Europe/Berlin", Avatar: "https://a/x.png",
			Created:      time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
			LastModified: time.Date(2026, 11, 26, 9, 15, 2, 123e6, time.UTC),
			Extra: map[string]json.RawMessage{"title": json.RawMessage(`"CTO"`), "department": json.RawMessage(`"IT"`),
				"managerId": json.RawMessage(`"P9"`), "manager": json.RawMessage(`"Bob Boss"`), "extension": json.RawMessage(`"100"`),
				"phoneNumbers": json.RawMessage(`[{"type":"work","value":"+1 408 555 1000","primary":true},{"type":"work_extension","value":"8100"},{"type":"mobile","value":"+1 408 555 2000"}]`),
				"addresses":    json.RawMessage(`[{"type":"work","country":"US","locality":"San Jose","region":"California","streetAddress":"100 Main St.","postalCode":"95110"},{"type":"home","locality":"Elsewhere"}]`)}},
		{ID: "P2"},
		{ID: "P3", LastName: " <Zoë> ", Emails: []string{""}, Roles: []string{}, LoginEnabled: &mappingOff, Status: "pending"},
	}
)

func mapPerson(p *webex.Person) scim.Resource {
	return (&Server{offset: time.Hour}).userFromPerson(p, "http://h/scim/v2/Users/"+p.ID)
}

func TestUserFromPersonWritesTheSameJSON(t *testing.T) {
	want := []string{
		`{"active":true,"addresses":[{"country":"US","locality":"San Jose","postalCode":"95110","region":"California","streetAddress":"100 Main St.","type":"work"}],` +
			`"displayName":"Alice Admin","emails":[{"primary":true,"type":"work","value":"admin@example.com"}],` +
			`"entitlements":[{"value":"messaging"},{"value":"meetings"},{"value":"calling"}],"id":"P1",` +
			`"meta":{"created":"2026-01-05T10:00:00.000Z","lastModified":"2026-11-26T10:15:02.123Z","location":"http://h/scim/v2/Users/P1",` +
			`"resourceType":"User","version":"W/\"5ce0c28d48196e5340374388\""},"name":{"familyName":"Admin","formatted":"Alice Admin","givenName":"Alice"},` +
			`"nickName":"Al","phoneNumbers":[{"primary":true,"type":"work","value":"+1 408 555 1000"},{"type":"mobile","value":"+1 408 555 2000"}],` +
			`"photos":[{"primary":true,"type":"photo","value":"https://a/x.png"}],"roles":[{"value":"id_full_admin"}],` +
			`"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","urn:scim:schemas:extension:webex:2.0:User"],` +
			`"timezone":"Europe/Berlin","title":"CTO",` +
			`"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"IT","manager":{"displayName":"Bob Boss","value":"P9"}},` +
			`"urn:scim:schemas:extension:webex:2.0:User":{"organization":"ORG","status":"active"},"userName":"admin@example.com","userType":"person"}`,
		`{"id":"P2","meta":{"location":"http://h/scim/v2/Users/P2","resourceType":"User","version":"W/\"f0f465d8a39ecec7bdcab9c4\""},` +
			`"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}`,
		`{"active":false,"id":"P3","meta":{"location":"http://h/scim/v2/Users/P3","resourceType":"User","version":"W/\"8ed2b219239b4d908ea17047\""},` +
			`"name":{"familyName":" \u003cZoë\u003e ","formatted":"\u003cZoë\u003e"},` +
			`"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:scim:schemas:extension:webex:2.0:User"],` +
			`"urn:scim:schemas:extension:webex:2.0:User":{"status":"pending"}}`,
	}
	for i := range mappedPeople {
		res := mapPerson(&mappedPeople[i])
		b, err := json.Marshal(res)
		require.NoError(t, err)
		assert.Equal(t, want[i], string(b))
		rec := httptest.NewRecorder()
		scim.WriteJSON(rec, http.StatusOK, res)
		assert.Equal(t, want[i], rec.Body.String(), "scim.WriteJSON writes the same bytes")
	}
}

// The values are JSON-shaped (map[string]any, []any, string, bool): filters (roles[value eq
// "x"]), projection (entitlements.value) and PATCH read them by type.
func TestUserFromPersonBuildsJSONShapedValues(t *testing.T) {
	res := mapPerson(&mappedPeople[0])
	assert.Equal(t, []any{map[string]any{"value": "id_full_admin"}}, res["roles"])
	assert.Equal(t, []any{map[string]any{"value": "messaging"}, map[string]any{"value": "meetings"}, map[string]any{"value": "calling"}},
		res["entitlements"])
	assert.Equal(t, []any{map[string]any{"value": "admin@example.com", "type": "work", "primary": true}}, res["emails"])
	assert.Equal(t, []any{map[string]any{"value": "https://a/x.png", "type": "photo", "primary": true}}, res["photos"])
	assert.Equal(t, map[string]any{"givenName": "Alice", "familyName": "Admin", "formatted": "Alice Admin"}, res["name"])
	assert.Equal(t, map[string]any{"organization": "ORG", "status": "active"}, res[schemaWebexUser])
	assert.Equal(t, []any{scim.SchemaUser, scim.SchemaEnterpriseUser, schemaWebexUser}, res["schemas"])
	assert.Equal(t, []any{map[string]any{"type": "work", "value": "+1 408 555 1000", "primary": true},
		map[string]any{"type": "mobile", "value": "+1 408 555 2000"}}, res["phoneNumbers"], "work_extension is Webex's, not shown")
	assert.Equal(t, []any{map[string]any{"type": "work", "country": "US", "locality": "San Jose", "region": "California",
		"streetAddress": "100 Main St.", "postalCode": "95110"}}, res["addresses"], "only work addresses")
	assert.Equal(t, map[string]any{"department": "IT", "manager": map[string]any{"value": "P9", "displayName": "Bob Boss"}},
		res[scim.SchemaEnterpriseUser])
	assert.Equal(t, true, res["active"])

	f, err := scim.ParseFilter(`roles[value eq "id_full_admin"] and entitlements.value eq "meetings"`, userResourceSchema())
	require.NoError(t, err)
	assert.True(t, f.Match(res), "a filter on roles and entitlements reads the mapped values")

	other := mapPerson(&mappedPeople[0])
	other["roles"].([]any)[0].(map[string]any)["value"] = "changed"
	other["name"].(map[string]any)["givenName"] = "changed"
	assert.Equal(t, "id_full_admin", mapPerson(&mappedPeople[0])["roles"].([]any)[0].(map[string]any)["value"],
		"each call builds values of its own: a PATCH of one user's copy changes no other")
	assert.Equal(t, "Alice", res["name"].(map[string]any)["givenName"])
}

// BenchmarkUserFromPerson maps the default seed's admin, as every GET /Users/{id} and every listed
// user does.
func BenchmarkUserFromPerson(b *testing.B) {
	s := &Server{}
	p := &mappedPeople[0]
	b.ReportAllocs()
	for b.Loop() {
		_ = s.userFromPerson(p, "http://h/scim/v2/Users/P1")
	}
}

// appendUserJSON writes single-user answers without building the map; its bytes must be those
// scim.WriteJSON writes for userFromPerson's map, for every combination of fields a person may
// have. randomPerson draws each field independently from values that cover absent, empty and
// present, and strings that need escaping.
func randomPerson(rng *rand.Rand) webex.Person {
	strs := []string{"", "", "a", "Zoë <O'Brien> & co", "tab\there \"q\"", "line\u2028sep", "bad \xff utf8", " spaced "}
	str := func() string { return strs[rng.IntN(len(strs))] }
	list := func() []string {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		case 2:
			return []string{str()}
		}
		return []string{str(), "second", str()}
	}
	boolp := func() *bool {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return &mappingOn
		}
		return &mappingOff
	}
	tm := func() time.Time {
		if rng.IntN(2) == 0 {
			return time.Time{}
		}
		return time.Date(2026, 1, 1+rng.IntN(300), rng.IntN(24), 0, 0, rng.IntN(1000)*1e6, time.UTC)
	}
	return webex.Person{ID: str(), DisplayName: str(), NickName: str(), FirstName: str(), LastName: str(), Avatar: str(),
		OrgID: str(), Timezone: str(), Status: str(), Type: str(), Emails: list(), Roles: list(), Licenses: list(),
		LoginEnabled: boolp(), InvitePending: boolp(), Created: tm(), LastModified: tm(), Extra: randomDirectory(rng, str)}
}

// randomDirectory draws the directory fields of a person (user_directory.go) as Webex may send
// them: each absent, a string that needs escaping, or of the wrong type; phone numbers and
// addresses of mapped and unmapped types, with missing, empty and odd members.
func randomDirectory(rng *rand.Rand, str func() string) map[string]json.RawMessage {
	raw := func(v any) json.RawMessage {
		b, _ := json.Marshal(v) // strings with invalid UTF-8 are written with U+FFFD, as Webex would
		return b
	}
	scalar := func() (json.RawMessage, bool) {
		switch rng.IntN(5) {
		case 0:
			return nil, false
		case 1:
			return json.RawMessage(`null`), true
		case 2:
			return json.RawMessage(`42`), true
		}
		return raw(str()), true
	}
	types := []any{"work", "mobile", "fax", "work_extension", "home", "", nil, 7}
	elem := func(fields ...string) any {
		m := map[string]any{}
		for _, f := range fields {
			if rng.IntN(3) > 0 {
				m[f] = str()
			}
		}
		m["type"] = types[rng.IntN(len(types))]
		if rng.IntN(3) == 0 {
			m["primary"] = rng.IntN(2) == 0
		}
		return m
	}
	array := func(fields ...string) (json.RawMessage, bool) {
		switch rng.IntN(5) {
		case 0:
			return nil, false
		case 1:
			return json.RawMessage(`"not an array"`), true
		}
		l := []any{}
		for range rng.IntN(4) {
			if rng.IntN(8) == 0 {
				l = append(l, "not an object")
				continue
			}
			l = append(l, elem(fields...))
		}
		return raw(l), true
	}
	out := map[string]json.RawMessage{}
	for _, k := range []string{wxTitle, wxDepartment, wxManager, wxManagerID} {
		if v, ok := scalar(); ok {
			out[k] = v
		}
	}
	if v, ok := array("value"); ok {
		out[wxPhoneNumbers] = v
	}
	if v, ok := array("streetAddress", "locality", "region", "postalCode", "country"); ok {
		out[wxAddresses] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func checkUserJSON(t *testing.T, s *Server, p *webex.Person, location string) {
	t.Helper()
	rec := httptest.NewRecorder()
	scim.WriteJSON(rec, http.StatusOK, s.userFromPerson(p, location))
	got := s.appendUserJSON(nil, p, location, personVersion(p))
	if string(got) != rec.Body.String() {
		t.Fatalf("%#v:\n got %s\nwant %s", p, got, rec.Body.String())
	}
}

func TestUserJSONIsTheMappedUser(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 26))
	for _, s := range []*Server{{}, {offset: -90 * time.Minute}} {
		for i := range mappedPeople {
			checkUserJSON(t, s, &mappedPeople[i], "http://h/scim/v2/Users/"+mappedPeople[i].ID)
		}
		checkUserJSON(t, s, &webex.Person{}, "")
		for range 3000 {
			p := randomPerson(rng)
			checkUserJSON(t, s, &p, "https://c.example/scim/v2/Users/"+p.ID+"?<&>")
		}
	}
}

func FuzzUserJSON(f *testing.F) {
	f.Add("P1", "Alice", "Admin", "a@example.com", "role", "<&>\u2028", int64(0), `"CTO"`, `[{"type":"work","value":"1","primary":true}]`)
	f.Add("", "", " ", "", "", "\xff", int64(1e12), `5`, `[{"type":"home","locality":"x"},{"type":"work","country":"\u00e9"}]`)
	f.Fuzz(func(t *testing.T, id, first, last, email, role, other string, unix int64, scalar, list string) {
		at := time.Unix(unix%(1<<40), 0)
		p := webex.Person{ID: id, FirstName: first, LastName: last, DisplayName: other, NickName: other, Avatar: other,
			OrgID: other, Status: other, Timezone: other, Type: other, Emails: []string{email},
			Roles: []string{role, other}, Licenses: []string{other}, LoginEnabled: &mappingOn, Created: at, LastModified: at}
		if json.Valid([]byte(scalar)) && json.Valid([]byte(list)) {
			// Extra holds what Webex sent, which is valid JSON (Person.UnmarshalJSON checks it).
			p.Extra = map[string]json.RawMessage{wxTitle: json.RawMessage(scalar), wxDepartment: json.RawMessage(scalar),
				wxManagerID: json.RawMessage(scalar), wxManager: json.RawMessage(scalar),
				wxPhoneNumbers: json.RawMessage(list), wxAddresses: json.RawMessage(list)}
		}
		checkUserJSON(t, &Server{}, &p, other)
	})
}

// BenchmarkUserJSON writes the admin's answer both ways: the map and scim's encoder (still the
// way with attributes/excludedAttributes, and for listings), and appendUserJSON.
func BenchmarkUserJSON(b *testing.B) {
	s := &Server{}
	p := &mappedPeople[0]
	const location = "http://h/scim/v2/Users/P1"
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			scim.WriteJSON(httptest.NewRecorder(), http.StatusOK, s.userFromPerson(p, location))
		}
	})
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = s.appendUserJSON(make([]byte, 0, 2048), p, location, personVersion(p))
		}
	})
}
