package scim

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilterMatch_RFC7644_3_4_2_2(t *testing.T) {
	rs := testUserRS()
	user := res(t, typicalUser)
	user[testKitchen] = map[string]any{"count": 3.0, "ratio": 0.5, "since": "2020-02-29T12:00:00+02:00", "flag": "True", "tags": []any{"a", "b"}}
	tests := []struct {
		filter string
		want   bool
	}{
		// eq, with caseExact from the schema.
		{`userName eq "barbara.jensen@example.com"`, true},                         // userName: caseExact false
		{`userName Eq "BARBARA.JENSEN@EXAMPLE.COM"`, true},                         // operators case-insensitive
		{`UserName eq "barbara.jensen@example.com"`, true},                         // attribute names case-insensitive
		{`id eq "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM"`, true},                      // id: caseExact
		{`id eq "y2lzy29zcgfyazovl3vzl1bft1bmrs9hymm"`, false},                     // id: caseExact
		{`urn:ietf:params:scim:schemas:core:2.0:User:userName sw "Barbara"`, true}, // URN-prefixed
		{`displayName eq "Nobody"`, false},
		// ne is "no value equals".
		{`displayName ne "Nobody"`, true},
		{`displayName ne "babs jensen"`, false},
		// co, sw, ew.
		{`name.familyName co "ENS"`, true},
		{`name.givenName sw "barb"`, true},
		{`name.givenName ew "ARA"`, true},
		{`name.givenName sw "Barbara"`, true}, // "satisfied if the two strings are identical"
		{`name.givenName ew "Barbara"`, true},
		{`name.givenName co "xyz"`, false},
		// pr.
		{`nickName pr`, true},
		{`name pr`, true},
		{`externalId pr`, false},
		{`urn:scim:schemas:extension:webex:2.0:User:status pr`, true},
		// gt/ge/lt/le: strings lexicographic, dateTime as instants.
		{`displayName gt "Babs"`, true},
		{`displayName lt "Babs"`, false},
		{`meta.lastModified gt "2024-06-01T09:59:59Z"`, true},
		{`meta.lastModified gt "2024-06-01T12:00:00+02:00"`, false}, // same instant
		{`meta.lastModified ge "2024-06-01T12:00:00+02:00"`, true},  // same instant, other zone
		{`meta.lastModified le "2024-06-01T10:00:00.000Z"`, true},
		{`meta.lastModified lt "2024-06-01T10:00:00.001Z"`, true},
		{`meta.created eq "2024-01-02T03:04:05Z"`, true}, // stored with .000
		{`meta.created lt "2024-01-02T03:04:05"`, false}, // no zone: UTC
		// booleans (stored as bool, or as Entra's string).
		{`active eq true`, true},
		{`active eq false`, false},
		{`active ne false`, true},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:flag eq true`, true},
		// numbers.
		{`urn:example:params:scim:schemas:kitchen:2.0:User:count gt 2`, true},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:count le 2.5`, false},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:ratio eq 0.5`, true},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:since lt "2020-02-29T10:00:01Z"`, true},
		// multi-valued: any value matches; "emails.value" flattens.
		{`emails.value eq "barbara.jensen@example.com"`, true},
		{`emails co "example.com"`, true}, // complex without sub: its value (RFC Figure 2)
		{`emails.type eq "work"`, true},
		{`emails.type eq "home"`, false},
		{`entitlements.value eq "lic-calling"`, true},
		{`entitlements.value ne "lic-calling"`, false},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:tags eq "b"`, true},
		// valuePath: the bracket terms apply to one value.
		{`emails[type eq "work" and value co "@example.com"]`, true},
		{`emails[type eq "home" and value co "@example.com"]`, false},
		{`emails[type eq "work" and primary eq true]`, true},
		{`emails[not (type eq "work")]`, false},
		{`roles[value eq "role-admin"] and entitlements[value sw "lic-"]`, true},
		{`photos[type eq "photo"]`, true},
		// logic and precedence: not > and > or.
		{`userType eq "person" and (emails co "example.com" or emails.value co "example.org")`, true},
		{`userType ne "person" and not (emails co "example.com" or emails.value co "example.org")`, false},
		{`displayName eq "x" or displayName eq "Babs Jensen" and active eq true`, true},
		{`(displayName eq "x" or displayName eq "Babs Jensen") and active eq false`, false},
		{`not (active eq false)`, true},
		// null is unassigned (RFC 7643 §2.5).
		{`externalId eq null`, true},
		{`displayName eq null`, false},
		{`displayName ne null`, true},
		// escapes in string literals are JSON escapes.
		{`displayName eq "Babs\u0020Jensen"`, true},
		{`name.familyName eq "Jen\u0073en"`, true},   // lower-case hex, as encoding/json writes it
		{`name.familyName eq "Jen\\u0073en"`, false}, // an escaped backslash, then "u0073"
		// schemas (RFC 7644 §3.4.2.2, Figure 2).
		{`schemas eq "urn:scim:schemas:extension:webex:2.0:User"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			f, err := ParseFilter(tc.filter, rs)
			require.NoError(t, err)
			assert.Equal(t, tc.want, f.Match(user))
		})
	}
}

func TestFilterMatchGroups(t *testing.T) {
	rs := testGroupRS()
	g := res(t, typicalGroup)
	for filter, want := range map[string]bool{
		`displayName eq "engineering"`:                   true,
		`members.value eq "user-b"`:                      true,
		`members.value eq "USER-B"`:                      false, // members.value is caseExact (an id)
		`members[value eq "user-a"]`:                     true,
		`members[value eq "user-c"]`:                     false,
		`members[display sw "bo"]`:                       true,
		`members.$ref ew "/Users/user-a"`:                true,
		`meta.created ge "2024-01-01T00:00:00Z"`:         true,
		`meta.lastModified pr`:                           false,
		`displayName sw "Eng" and members[value eq "x"]`: false,
	} {
		f, err := ParseFilter(filter, rs)
		require.NoError(t, err, filter)
		assert.Equal(t, want, f.Match(g), filter)
	}
	// A resource without the attribute, or with a malformed value, never panics.
	f, err := ParseFilter(`members[value eq "a"] or members.value eq "a" or meta.created gt "2020-01-01T00:00:00Z"`, rs)
	require.NoError(t, err)
	assert.False(t, f.Match(Resource{}))
	assert.False(t, f.Match(Resource{"members": "oops", "meta": []any{1.0}}))
	assert.False(t, f.Match(Resource{"members": []any{"x", 3.0, nil}, "meta": map[string]any{"created": "yesterday"}}))
}

func TestParseFilterErrors(t *testing.T) {
	rs := testUserRS()
	tests := []struct {
		filter, detail string
	}{
		{`userName eq`, "syntax"},
		{`userName regex "a"`, "syntax"},
		{`(userName eq "a"`, "syntax"},
		{`userName eq "a" and`, "syntax"},
		{`shoeSize eq 9`, `unknown attribute "shoeSize"`},
		{`name.middleName eq "x"`, `unknown attribute "name.middleName"`},
		{`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"`, "unknown attribute"},
		{`emails[shoe eq "x"]`, `unknown attribute "emails.shoe"`},
		{`emails[emails.value eq "x"]`, "sub-attribute"},
		{`userName[value eq "x"]`, "not a complex attribute"},
		{`name.givenName[value eq "x"]`, "not a complex attribute"},
		// RFC 7644 §3.4.2.2 Table 3: gt/ge/lt/le on booleans and binaries fail with invalidFilter.
		{`active gt true`, "boolean"},
		{`active co "t"`, "boolean"},
		{`active eq "yes"`, "true or false"},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:blob lt "AA=="`, "binary"},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:count co 1`, "number"},
		{`urn:example:params:scim:schemas:kitchen:2.0:User:count eq "1"`, "number"},
		{`meta.lastModified gt "last tuesday"`, "dateTime"},
		{`meta.lastModified gt 5`, "dateTime"},
		{`userName eq 5`, "quoted string"},
		{`userName gt null`, "null"},
		{`name eq "x"`, "complex"},
		{`displayName eq "bad \q escape"`, "escape"},
		{``, "empty"},
		{strings.Repeat(`userName eq "x" or `, 900) + `active eq true`, "at most 16384"},
		{strings.Repeat("(", 33) + `userName eq "x"` + strings.Repeat(")", 33), "32 deep"},
		{`   `, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			_, err := ParseFilter(tc.filter, rs)
			se := scimErr(t, err, 400, ScimTypeInvalidFilter)
			assert.Contains(t, se.Detail, tc.detail)
		})
	}
}

func TestFilterString(t *testing.T) {
	rs := testUserRS()
	a, err := ParseFilter(`userName  EQ "x"   AND  active eq true`, rs)
	require.NoError(t, err)
	b, err := ParseFilter(`userName eq "x" and active eq true`, rs)
	require.NoError(t, err)
	assert.Equal(t, b.String(), a.String(), "equal filters, equal strings (cache keys)")
	assert.Equal(t, `userName eq "x" and active eq true`, a.String())

	for in, want := range map[string]string{
		`USERNAME Eq "X"`: `userName eq "X"`,
		`urn:ietf:params:scim:schemas:core:2.0:User:name.GIVENNAME sw "a"`: `name.givenName sw "a"`,
		`urn:scim:schemas:extension:webex:2.0:User:STATUS ne null`:         `urn:scim:schemas:extension:webex:2.0:User:status ne null`,
		`nickName eq "1" or displayName eq "2" and active eq false`:        `nickName eq "1" or displayName eq "2" and active eq false`,
		`(nickName eq "1" or displayName eq "2") and active eq false`:      `(nickName eq "1" or displayName eq "2") and active eq false`,
		`not(nickName pr)`:                                               `not (nickName pr)`,
		`Emails[Type eq "work" and primary eq true]`:                     `emails[type eq "work" and primary eq true]`,
		`displayName eq "tab\there \"q\" <&>"`:                           `displayName eq "tab\there \"q\" <&>"`,
		`urn:example:params:scim:schemas:kitchen:2.0:User:ratio gt 1.50`: `urn:example:params:scim:schemas:kitchen:2.0:User:ratio gt 1.5`,
	} {
		f, err := ParseFilter(in, rs)
		require.NoError(t, err, in)
		assert.Equal(t, want, f.String(), in)
	}
}

// design §3.3: what the connector can push down to Webex.
func TestFilterEqualityAndPrefix(t *testing.T) {
	rs := testUserRS()
	tests := []struct {
		filter string
		paths  []string
		want   string
		ok     bool
	}{
		{`userName eq "a@example.com"`, []string{"userName", "emails.value"}, "a@example.com", true},
		{`USERNAME eq "a@example.com"`, []string{"userName"}, "a@example.com", true},
		{`urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@example.com"`, []string{"userName"}, "a@example.com", true},
		{`userName eq "a@example.com"`, []string{"urn:ietf:params:scim:schemas:core:2.0:User:username"}, "a@example.com", true},
		{`emails.value eq "a@example.com"`, []string{"userName", "emails.value"}, "a@example.com", true},
		{`emails[value eq "a@example.com"]`, []string{"emails.value"}, "a@example.com", true},
		{`emails eq "a@example.com"`, []string{"emails.value"}, "a@example.com", true},
		{`id eq "abc"`, []string{"id"}, "abc", true},
		{`urn:scim:schemas:extension:webex:2.0:User:status eq "active"`, []string{"urn:scim:schemas:extension:webex:2.0:User:status"}, "active", true},
		{`userName eq "a@example.com"`, []string{"id"}, "", false},
		{`userName ne "a@example.com"`, []string{"userName"}, "", false},
		{`userName eq "a" and active eq true`, []string{"userName"}, "", false},
		{`userName eq "a" or userName eq "b"`, []string{"userName"}, "", false},
		{`not (userName eq "a")`, []string{"userName"}, "", false},
		{`emails[type eq "work" and value eq "a"]`, []string{"emails.value"}, "", false},
		{`active eq true`, []string{"active"}, "", false}, // not a string
		{`userName eq null`, []string{"userName"}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			f, err := ParseFilter(tc.filter, rs)
			require.NoError(t, err)
			got, ok := f.Equality(tc.paths...)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}

	f, err := ParseFilter(`displayName sw "Bab"`, rs)
	require.NoError(t, err)
	v, ok := f.Prefix("displayName")
	assert.True(t, ok)
	assert.Equal(t, "Bab", v)
	_, ok = f.Equality("displayName")
	assert.False(t, ok)
	for _, s := range []string{`displayName co "Bab"`, `displayName sw "Bab" and active eq true`, `userName sw "Bab"`} {
		f, err := ParseFilter(s, rs)
		require.NoError(t, err)
		_, ok := f.Prefix("displayName")
		assert.False(t, ok, s)
	}
}
