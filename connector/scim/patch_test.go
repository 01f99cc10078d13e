package scim

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patchCase runs one PatchOp body against a resource: either the result holds
// want (JSON per top-level key) and lacks absent, or it fails with status and
// scimType and leaves the input untouched.
type patchCase struct {
	name     string
	group    bool   // against typicalGroup (default: typicalUser)
	ops      string // the Operations array
	want     map[string]string
	absent   []string
	status   int
	scimType string
	detail   string
}

func runPatchCases(t *testing.T, cases []patchCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs, src := testUserRS(), typicalUser
			if tc.group {
				rs, src = testGroupRS(), typicalGroup
			}
			r := res(t, src)
			before, err := json.Marshal(r)
			require.NoError(t, err)
			body := fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":%s}`, tc.ops)
			ops, err := ParsePatch([]byte(body))
			if err == nil {
				var got Resource
				got, err = ApplyPatch(r, rs, ops)
				if tc.status == 0 {
					require.NoError(t, err)
					for k, v := range tc.want {
						b, err := json.Marshal(got[k])
						require.NoError(t, err)
						assert.JSONEq(t, v, string(b), "attribute %s", k)
					}
					for _, k := range tc.absent {
						assert.NotContains(t, got, k)
					}
				}
			}
			if tc.status != 0 {
				se := scimErr(t, err, tc.status, tc.scimType)
				if tc.detail != "" {
					assert.Contains(t, se.Detail, tc.detail)
				}
			}
			after, err := json.Marshal(r)
			require.NoError(t, err)
			assert.JSONEq(t, string(before), string(after), "the input resource is never modified")
		})
	}
}

func TestPatchAdd_RFC7644_3_5_2_1(t *testing.T) {
	runPatchCases(t, []patchCase{
		{
			name: "single-valued attribute that exists: replaced",
			ops:  `[{"op":"add","path":"nickName","value":"Barbie"}]`,
			want: map[string]string{"nickName": `"Barbie"`},
		},
		{
			name: "attribute that does not exist: added",
			ops:  `[{"op":"add","path":"externalId","value":"ext-1"}]`,
			want: map[string]string{"externalId": `"ext-1"`},
		},
		{
			name: "complex attribute: the value is a set of sub-attributes, merged",
			ops:  `[{"op":"add","path":"name","value":{"givenName":"Babs"}}]`,
			want: map[string]string{"name": `{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Babs"}`},
		},
		{
			name: "multi-valued attribute: the new value is appended",
			ops:  `[{"op":"add","path":"entitlements","value":[{"value":"lic-messaging"}]}]`,
			want: map[string]string{"entitlements": `[{"value":"lic-meetings"},{"value":"lic-calling"},{"value":"lic-messaging"}]`},
		},
		{
			name: "multi-valued attribute: a lone object is one value",
			ops:  `[{"op":"add","path":"entitlements","value":{"value":"lic-messaging"}}]`,
			want: map[string]string{"entitlements": `[{"value":"lic-meetings"},{"value":"lic-calling"},{"value":"lic-messaging"}]`},
		},
		{
			name: "value already there: no change, success (no duplicate)",
			ops:  `[{"op":"add","path":"entitlements","value":[{"value":"lic-calling"}]}]`,
			want: map[string]string{"entitlements": `[{"value":"lic-meetings"},{"value":"lic-calling"}]`},
		},
		{
			name:  "members: the same member twice is one member",
			group: true,
			ops:   `[{"op":"add","path":"members","value":[{"value":"user-c"},{"value":"user-a"},{"value":"user-c"}]}]`,
			want:  map[string]string{"members": `[{"value":"user-a","display":"Alice","$ref":"https://scim.example.com/scim/v2/Users/user-a","type":"User"},{"value":"user-b","display":"Bob"},{"value":"user-c"}]`},
		},
		{
			name: "no path: the value holds attributes to add",
			ops:  `[{"op":"add","value":{"nickName":"B","emails":[{"value":"babs@home.example","type":"home"}]}}]`,
			want: map[string]string{
				"nickName": `"B"`,
				"emails":   `[{"value":"Barbara.Jensen@Example.com","type":"work","primary":true},{"value":"babs@home.example","type":"home"}]`,
			},
		},
		{
			name: "filter matching nothing: the value is added, seeded from the filter's eq terms",
			ops:  `[{"op":"add","path":"emails[type eq \"home\"].value","value":"babs@home.example"}]`,
			want: map[string]string{"emails": `[{"value":"Barbara.Jensen@Example.com","type":"work","primary":true},{"type":"home","value":"babs@home.example"}]`},
		},
		{
			name: "filter matching a value: its sub-attribute is set",
			ops:  `[{"op":"add","path":"emails[type eq \"work\"].value","value":"babs@example.com"}]`,
			want: map[string]string{"emails": `[{"value":"babs@example.com","type":"work","primary":true}]`},
		},
		{
			name: "filter matching a value, no sub-attribute: the object is merged into it",
			ops:  `[{"op":"add","path":"roles[value eq \"role-admin\"]","value":{"type":"org"}}]`,
			want: map[string]string{"roles": `[{"value":"role-admin","display":"Full Administrator","type":"org"}]`},
		},
		{
			name:     "filter that says nothing about a new value: noTarget",
			ops:      `[{"op":"add","path":"emails[value co \"home\"].type","value":"home"}]`,
			status:   400,
			scimType: ScimTypeNoTarget,
		},
		{
			name: "RFC 7644 §3.5.2: primary true on a new value makes the others false",
			ops:  `[{"op":"add","path":"emails","value":[{"value":"b2@example.com","type":"other","primary":true}]}]`,
			want: map[string]string{"emails": `[{"value":"Barbara.Jensen@Example.com","type":"work","primary":false},{"value":"b2@example.com","type":"other","primary":true}]`},
		},
		{
			name:     "RFC 7643 §2.4: two new primary values at once",
			ops:      `[{"op":"add","path":"emails","value":[{"value":"a@x","primary":true},{"value":"b@x","primary":true}]}]`,
			status:   400,
			scimType: ScimTypeInvalidValue,
			detail:   "primary",
		},
		{
			name:     "add needs a value",
			ops:      `[{"op":"add","path":"nickName"}]`,
			status:   400,
			scimType: ScimTypeInvalidValue,
		},
		{
			name:     "add with null value",
			ops:      `[{"op":"add","path":"nickName","value":null}]`,
			status:   400,
			scimType: ScimTypeInvalidValue,
		},
		{
			name: "RFC 7644 §3.5.2: writing an extension attribute lists the extension in schemas",
			ops:  `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:code","value":"K1"}]`,
			want: map[string]string{
				testKitchen: `{"code":"K1"}`,
				"schemas":   `["urn:ietf:params:scim:schemas:core:2.0:User","urn:scim:schemas:extension:webex:2.0:User","urn:example:params:scim:schemas:kitchen:2.0:User"]`,
			},
		},
		{
			name: "no path: an extension's attributes under its URN",
			ops:  `[{"op":"add","value":{"urn:example:params:scim:schemas:kitchen:2.0:User":{"code":"K2","tags":["x"]}}}]`,
			want: map[string]string{testKitchen: `{"code":"K2","tags":["x"]}`},
		},
		{
			name: "path is an extension URN",
			ops:  `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User","value":{"code":"K3"}}]`,
			want: map[string]string{testKitchen: `{"code":"K3"}`},
		},
	})
}

func TestPatchReplace_RFC7644_3_5_2_3(t *testing.T) {
	runPatchCases(t, []patchCase{
		{
			name: "single-valued attribute",
			ops:  `[{"op":"replace","path":"displayName","value":"Barbara J."}]`,
			want: map[string]string{"displayName": `"Barbara J."`},
		},
		{
			name: "dotted path",
			ops:  `[{"op":"replace","path":"name.givenName","value":"Babs"}]`,
			want: map[string]string{"name": `{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Babs"}`},
		},
		{
			name: "URN-prefixed path",
			ops:  `[{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:userName","value":"babs@example.com"}]`,
			want: map[string]string{"userName": `"babs@example.com"`},
		},
		{
			name: "attribute names are case-insensitive; the stored key keeps its spelling",
			ops:  `[{"op":"replace","path":"DISPLAYNAME","value":"X"},{"op":"replace","path":"Name.GivenName","value":"Y"}]`,
			want: map[string]string{"displayName": `"X"`, "name": `{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Y"}`},
		},
		{
			name: "multi-valued without filter: the whole set is replaced",
			ops:  `[{"op":"replace","path":"entitlements","value":[{"value":"lic-x"}]}]`,
			want: map[string]string{"entitlements": `[{"value":"lic-x"}]`},
		},
		{
			name:  "members without filter: the whole set is replaced (RFC example)",
			group: true,
			ops:   `[{"op":"replace","path":"members","value":[{"value":"user-c","display":"Carol"},{"value":"user-a"}]}]`,
			want:  map[string]string{"members": `[{"value":"user-c"},{"value":"user-a"}]`},
		},
		{
			name:  "members: a replace list naming a member twice holds it once",
			group: true,
			ops:   `[{"op":"replace","path":"members","value":[{"value":"user-c"},{"value":"user-c"}]}]`,
			want:  map[string]string{"members": `[{"value":"user-c"}]`},
		},
		{
			name: "attribute that does not exist: treated as add",
			ops:  `[{"op":"replace","path":"externalId","value":"e-1"}]`,
			want: map[string]string{"externalId": `"e-1"`},
		},
		{
			name: "complex: sub-attributes not given are left unchanged",
			ops:  `[{"op":"replace","path":"name","value":{"familyName":"Smith"}}]`,
			want: map[string]string{"name": `{"formatted":"Barbara Jensen","familyName":"Smith","givenName":"Barbara"}`},
		},
		{
			name: "filter with sub-attribute: the sub-attribute of each match",
			ops:  `[{"op":"replace","path":"emails[type eq \"work\"].value","value":"babs@example.com"}]`,
			want: map[string]string{"emails": `[{"value":"babs@example.com","type":"work","primary":true}]`},
		},
		{
			name: "filter with two terms (and primary eq true)",
			ops:  `[{"op":"replace","path":"emails[type eq \"work\" and primary eq true].value","value":"b3@example.com"}]`,
			want: map[string]string{"emails": `[{"value":"b3@example.com","type":"work","primary":true}]`},
		},
		{
			name: "filter without sub-attribute: each match is replaced",
			ops:  `[{"op":"replace","path":"entitlements[value eq \"lic-calling\"]","value":{"value":"lic-calling-pro"}}]`,
			want: map[string]string{"entitlements": `[{"value":"lic-meetings"},{"value":"lic-calling-pro"}]`},
		},
		{
			name:     "filter matching nothing: noTarget",
			ops:      `[{"op":"replace","path":"emails[type eq \"home\"].value","value":"x@example.com"}]`,
			status:   400,
			scimType: ScimTypeNoTarget,
			detail:   `emails[type eq "home"].value`,
		},
		{
			name:     "members filter matching nothing: noTarget",
			group:    true,
			ops:      `[{"op":"replace","path":"members[value eq \"nobody\"]","value":{"value":"nobody"}}]`,
			status:   400,
			scimType: ScimTypeNoTarget,
		},
		{
			name: "no path: a list of attributes to replace",
			ops:  `[{"op":"replace","value":{"displayName":"B J","active":false,"name":{"givenName":"B"}}}]`,
			want: map[string]string{"displayName": `"B J"`, "active": `false`, "name": `{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"B"}`},
		},
		{
			name: "no path, dotted and URN keys",
			ops:  `[{"op":"replace","value":{"name.familyName":"F","urn:ietf:params:scim:schemas:core:2.0:User:nickName":"N"}}]`,
			want: map[string]string{"nickName": `"N"`, "name": `{"formatted":"Barbara Jensen","familyName":"F","givenName":"Barbara"}`},
		},
		{
			name:   "RFC 7643 §2.5: replace with null unassigns",
			ops:    `[{"op":"replace","path":"nickName","value":null}]`,
			absent: []string{"nickName"},
		},
		{
			name: "RFC 7643 §2.5: a null sub-attribute in a complex value unassigns it",
			ops:  `[{"op":"replace","path":"name","value":{"givenName":null}}]`,
			want: map[string]string{"name": `{"formatted":"Barbara Jensen","familyName":"Jensen"}`},
		},
		{
			name:   "replace of a multi-valued attribute with [] unassigns it",
			ops:    `[{"op":"replace","path":"roles","value":[]}]`,
			absent: []string{"roles"},
		},
		{
			name: "RFC 7644 §3.5.2: primary set on one value clears the others",
			ops:  `[{"op":"add","path":"emails","value":[{"value":"b2@example.com","type":"home"}]},{"op":"replace","path":"emails[value eq \"b2@example.com\"].primary","value":true}]`,
			want: map[string]string{"emails": `[{"value":"Barbara.Jensen@Example.com","type":"work","primary":false},{"value":"b2@example.com","type":"home","primary":true}]`},
		},
		{
			name: "operations apply in order, each on the result of the last",
			ops:  `[{"op":"replace","path":"nickName","value":"one"},{"op":"replace","path":"nickName","value":"two"},{"op":"add","path":"roles","value":[{"value":"r2"}]},{"op":"remove","path":"roles[value eq \"role-admin\"]"}]`,
			want: map[string]string{"nickName": `"two"`, "roles": `[{"value":"r2"}]`},
		},
		{
			name: "emails.value without filter on a user with no emails: one value is added",
			ops:  `[{"op":"remove","path":"emails"},{"op":"replace","path":"emails.value","value":"new@example.com"}]`,
			want: map[string]string{"emails": `[{"value":"new@example.com"}]`},
		},
		{
			name: "emails.type without filter: every value",
			ops:  `[{"op":"add","path":"emails","value":{"value":"2@x"}},{"op":"replace","path":"emails.type","value":"other"}]`,
			want: map[string]string{"emails": `[{"value":"Barbara.Jensen@Example.com","type":"other","primary":true},{"value":"2@x","type":"other"}]`},
		},
	})
}
