package scim

import (
	"encoding/json"
	"fmt"
	"strings"
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

func TestPatchRemove_RFC7644_3_5_2_2(t *testing.T) {
	runPatchCases(t, []patchCase{
		{
			name:   "single-valued attribute",
			ops:    `[{"op":"remove","path":"nickName"}]`,
			absent: []string{"nickName"},
		},
		{
			name: "sub-attribute",
			ops:  `[{"op":"remove","path":"name.givenName"}]`,
			want: map[string]string{"name": `{"formatted":"Barbara Jensen","familyName":"Jensen"}`},
		},
		{
			name:   "multi-valued without filter: all values",
			ops:    `[{"op":"remove","path":"entitlements"}]`,
			absent: []string{"entitlements"},
		},
		{
			name:   "members without filter: all members",
			group:  true,
			ops:    `[{"op":"remove","path":"members"}]`,
			absent: []string{"members"},
		},
		{
			name:  "filter: the matching values",
			group: true,
			ops:   `[{"op":"remove","path":"members[value eq \"user-a\"]"}]`,
			want:  map[string]string{"members": `[{"value":"user-b","display":"Bob"}]`},
		},
		{
			name:  "filter matching nothing: success, no change (RFC example; SPEC §3.6 idempotent)",
			group: true,
			ops:   `[{"op":"remove","path":"members[value eq \"user-gone\"]"}]`,
			want:  map[string]string{"members": `[{"value":"user-a","display":"Alice","$ref":"https://scim.example.com/scim/v2/Users/user-a","type":"User"},{"value":"user-b","display":"Bob"}]`},
		},
		{
			name:   "the last matching value: the attribute becomes unassigned",
			ops:    `[{"op":"remove","path":"roles[value eq \"role-admin\"]"}]`,
			absent: []string{"roles"},
		},
		{
			name: "filter with sub-attribute: that sub-attribute of the matches",
			ops:  `[{"op":"remove","path":"emails[type eq \"work\"].primary"}]`,
			want: map[string]string{"emails": `[{"value":"Barbara.Jensen@Example.com","type":"work"}]`},
		},
		{
			name:   "absent attribute: success, no change",
			ops:    `[{"op":"remove","path":"externalId"},{"op":"remove","path":"urn:example:params:scim:schemas:kitchen:2.0:User:code"}]`,
			absent: []string{"externalId", testKitchen},
		},
		{
			name:   "last attribute of an extension: the extension goes, and leaves schemas",
			ops:    `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:tags","value":"k"},{"op":"remove","path":"urn:example:params:scim:schemas:kitchen:2.0:User:tags"}]`,
			absent: []string{testKitchen},
			want:   map[string]string{"schemas": `["urn:ietf:params:scim:schemas:core:2.0:User","urn:scim:schemas:extension:webex:2.0:User"]`},
		},
		{
			name:   "an extension by its URN",
			ops:    `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:tags","value":["a"]},{"op":"remove","path":"urn:example:params:scim:schemas:kitchen:2.0:User"}]`,
			absent: []string{testKitchen},
		},
		{
			name:     "no path: noTarget",
			ops:      `[{"op":"remove"}]`,
			status:   400,
			scimType: ScimTypeNoTarget,
		},
		{
			name:     "required attribute: mutability",
			ops:      `[{"op":"remove","path":"userName"}]`,
			status:   400,
			scimType: ScimTypeMutability,
			detail:   "required",
		},
		{
			name:     "required attribute by replace with null: mutability",
			group:    true,
			ops:      `[{"op":"replace","path":"displayName","value":null}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:     "required extension attribute: mutability",
			ops:      `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:code","value":"k"},{"op":"remove","path":"urn:example:params:scim:schemas:kitchen:2.0:User:code"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:     "read-only attribute: mutability",
			ops:      `[{"op":"remove","path":"meta"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:     "read-only sub-attribute: mutability",
			group:    true,
			ops:      `[{"op":"remove","path":"members[value eq \"user-a\"].display"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:     "immutable sub-attribute of an existing value: mutability",
			group:    true,
			ops:      `[{"op":"remove","path":"members[value eq \"user-a\"].value"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:     "read-only extension attribute: mutability",
			ops:      `[{"op":"remove","path":"urn:scim:schemas:extension:webex:2.0:User:status"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:     "the core schema cannot be removed",
			ops:      `[{"op":"remove","path":"urn:ietf:params:scim:schemas:core:2.0:User"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
	})
}

func TestPatchMutabilityAndValues_RFC7643_2(t *testing.T) {
	runPatchCases(t, []patchCase{
		{name: "id is read-only", ops: `[{"op":"replace","path":"id","value":"other"}]`, status: 400, scimType: ScimTypeMutability, detail: "id"},
		{name: "meta is read-only", ops: `[{"op":"add","path":"meta","value":{"created":"2020-01-01T00:00:00Z"}}]`, status: 400, scimType: ScimTypeMutability},
		{name: "meta.lastModified is read-only", ops: `[{"op":"replace","path":"meta.lastModified","value":"2020-01-01T00:00:00Z"}]`, status: 400, scimType: ScimTypeMutability},
		{name: "userType is read-only", ops: `[{"op":"replace","path":"userType","value":"bot"}]`, status: 400, scimType: ScimTypeMutability, detail: "userType"},
		{name: "name.formatted is read-only", ops: `[{"op":"replace","path":"name.formatted","value":"B J"}]`, status: 400, scimType: ScimTypeMutability, detail: "name.formatted"},
		{name: "name.formatted is read-only in a path-less dotted key", ops: `[{"op":"replace","value":{"name.formatted":"B J"}}]`, status: 400, scimType: ScimTypeMutability},
		{name: "members.display is read-only", group: true, ops: `[{"op":"replace","path":"members[value eq \"user-a\"].display","value":"Al"}]`, status: 400, scimType: ScimTypeMutability, detail: "members.display"},
		{name: "read-only extension attribute", ops: `[{"op":"replace","value":{"urn:scim:schemas:extension:webex:2.0:User:status":"inactive"}}]`, status: 400, scimType: ScimTypeMutability},
		{
			name: "read-only attribute given its current value: accepted, no change (Okta echoes id)",
			ops:  `[{"op":"replace","value":{"id":"Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM","userType":"person","name.formatted":"Barbara Jensen"}}]`,
			want: map[string]string{"id": `"Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM"`},
		},
		{
			name: "read-only sub-attributes inside a whole value are server-owned and ignored",
			ops:  `[{"op":"replace","path":"name","value":{"formatted":"Someone Else","givenName":"G"}}]`,
			want: map[string]string{"name": `{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"G"}`},
		},
		{
			name:     "immutable: a member's value cannot be re-pointed",
			group:    true,
			ops:      `[{"op":"replace","path":"members[value eq \"user-a\"].value","value":"user-z"}]`,
			status:   400,
			scimType: ScimTypeMutability,
			detail:   "immutable",
		},
		{
			name:     "immutable: replacing a matched member by another",
			group:    true,
			ops:      `[{"op":"replace","path":"members[value eq \"user-a\"]","value":{"value":"user-z"}}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{
			name:  "immutable: a matched member replaced by itself keeps its server-owned display",
			group: true,
			ops:   `[{"op":"replace","path":"members[value eq \"user-b\"]","value":{"value":"user-b"}}]`,
			want:  map[string]string{"members": `[{"value":"user-a","display":"Alice","$ref":"https://scim.example.com/scim/v2/Users/user-a","type":"User"},{"value":"user-b","display":"Bob"}]`},
		},
		{
			name: "immutable: may be set while it has no value",
			ops:  `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:badge","value":"b-1"},{"op":"replace","path":"urn:example:params:scim:schemas:kitchen:2.0:User:badge","value":"b-1"}]`,
			want: map[string]string{testKitchen: `{"badge":"b-1"}`},
		},
		{
			name:     "immutable: cannot change once set",
			ops:      `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:badge","value":"b-1"},{"op":"replace","path":"urn:example:params:scim:schemas:kitchen:2.0:User:badge","value":"b-2"}]`,
			status:   400,
			scimType: ScimTypeMutability,
		},
		{name: "unknown attribute: invalidPath", ops: `[{"op":"replace","path":"shoeSize","value":"9"}]`, status: 400, scimType: ScimTypeInvalidPath, detail: "shoeSize"},
		{name: "unknown sub-attribute: invalidPath", ops: `[{"op":"replace","path":"name.middleName","value":"Q"}]`, status: 400, scimType: ScimTypeInvalidPath},
		{name: "unknown key in a path-less value: invalidPath", ops: `[{"op":"replace","value":{"password":"hunter2"}}]`, status: 400, scimType: ScimTypeInvalidPath, detail: "password"},
		{name: "unknown sub-attribute inside a value: invalidPath", ops: `[{"op":"add","path":"emails","value":[{"value":"a@x","label":"x"}]}]`, status: 400, scimType: ScimTypeInvalidPath, detail: "emails.label"},
		{name: "unknown extension: invalidPath", ops: `[{"op":"replace","path":"urn:example:other:2.0:User:x","value":"1"}]`, status: 400, scimType: ScimTypeInvalidPath},
		{name: "filter on a single-valued attribute: invalidPath", ops: `[{"op":"replace","path":"name[givenName eq \"x\"].familyName","value":"y"}]`, status: 400, scimType: ScimTypeInvalidPath},
		{name: "filter on a simple attribute: invalidPath", ops: `[{"op":"replace","path":"userName[value eq \"x\"]","value":"y"}]`, status: 400, scimType: ScimTypeInvalidPath},
		{name: "unknown attribute inside a path's filter: invalidFilter", ops: `[{"op":"replace","path":"emails[shoe eq \"x\"].value","value":"y"}]`, status: 400, scimType: ScimTypeInvalidFilter},
		{name: "unknown sub-attribute after a path's filter", ops: `[{"op":"replace","path":"emails[type eq \"work\"].shoe","value":"y"}]`, status: 400, scimType: ScimTypeInvalidPath},
		{name: "string for a boolean: invalidValue naming it", ops: `[{"op":"replace","path":"active","value":"yes"}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "active"},
		{name: "number for a boolean", ops: `[{"op":"replace","path":"active","value":1}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "active"},
		{name: "boolean for a string", ops: `[{"op":"replace","path":"displayName","value":true}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "displayName"},
		{name: "object for a string", ops: `[{"op":"replace","path":"userName","value":{"x":1}}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "userName"},
		{name: "array for a single-valued string", ops: `[{"op":"replace","path":"nickName","value":["a","b"]}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "nickName"},
		{name: "string for a complex attribute", ops: `[{"op":"replace","path":"name","value":"Babs"}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "name"},
		{name: "string for a multi-valued complex attribute", ops: `[{"op":"add","path":"emails","value":"a@example.com"}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "emails"},
		{name: "wrong type inside a value", ops: `[{"op":"add","path":"emails","value":[{"value":"a@x","primary":"maybe"}]}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "emails.primary"},
		{name: "integer", ops: `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:count","value":1.5}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "count"},
		{name: "dateTime", ops: `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:since","value":"yesterday"}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "since"},
		{name: "binary", ops: `[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User:blob","value":"not base64!"}]`, status: 400, scimType: ScimTypeInvalidValue, detail: "blob"},
		{
			name: "integer, decimal, dateTime, binary of the right type",
			ops:  `[{"op":"add","value":{"urn:example:params:scim:schemas:kitchen:2.0:User":{"count":2,"ratio":0.25,"since":"2024-01-01T00:00:00Z","blob":"AAEC"}}}]`,
			want: map[string]string{testKitchen: `{"count":2,"ratio":0.25,"since":"2024-01-01T00:00:00Z","blob":"AAEC"}`},
		},
		{
			name: "Entra's boolean strings, any case (SPEC §3.6)",
			ops:  `[{"op":"Replace","path":"active","value":"False"},{"op":"add","path":"emails","value":[{"value":"x@y","primary":"TRUE"}]}]`,
			want: map[string]string{"active": `false`, "emails": `[{"value":"Barbara.Jensen@Example.com","type":"work","primary":false},{"value":"x@y","primary":true}]`},
		},
		{
			name:   "a failing operation after good ones leaves nothing applied (atomic, RFC 7644 §3.5.2)",
			ops:    `[{"op":"replace","path":"displayName","value":"changed"},{"op":"replace","path":"id","value":"x"}]`,
			status: 400, scimType: ScimTypeMutability,
		},
	})
}

func TestParsePatchErrors(t *testing.T) {
	tests := []struct {
		name, body, scimType, detail string
	}{
		{"not JSON", `{"schemas":`, ScimTypeInvalidSyntax, "not a JSON"},
		{"not an object", `[1,2]`, ScimTypeInvalidSyntax, ""},
		{"no schemas", `{"Operations":[{"op":"add","path":"nickName","value":"x"}]}`, ScimTypeInvalidSyntax, "PatchOp"},
		{"wrong schema", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[{"op":"add","path":"nickName","value":"x"}]}`, ScimTypeInvalidSyntax, "PatchOp"},
		{"no Operations", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}`, ScimTypeInvalidSyntax, "Operations"},
		{"empty Operations", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}`, ScimTypeInvalidSyntax, "Operations"},
		{"operation not an object", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["add"]}`, ScimTypeInvalidSyntax, "Operations[0]"},
		{"no op", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"path":"nickName"}]}`, ScimTypeInvalidSyntax, "no op"},
		{"unknown op (JSON Patch's move)", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"nickName"}]}`, ScimTypeInvalidSyntax, "move"},
		{"bad path syntax", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq"}]}`, ScimTypeInvalidPath, "members[value eq"},
		{"bad path syntax, second op", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"nickName"},{"op":"remove","path":"a b"}]}`, ScimTypeInvalidPath, ""},
		{"remove without path (RFC 7644 §3.5.2.2)", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove"}]}`, ScimTypeNoTarget, "path"},
		{"replace without value", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"nickName"}]}`, ScimTypeInvalidValue, "value"},
		{"path-less add with a non-object", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","value":"x"}]}`, ScimTypeInvalidValue, "object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePatch([]byte(tc.body))
			se := scimErr(t, err, 400, tc.scimType)
			assert.Contains(t, se.Detail, tc.detail)
		})
	}
}

func TestParsePatchNormalises(t *testing.T) {
	ops, err := ParsePatch([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"operations":[
		{"op":"Add","path":" nickName ","value":"x"},
		{"op":"REPLACE","value":{"active":false}},
		{"op":"Remove","path":"members[value eq \"a\"]"},
		{"op":"replace","path":"nickName","value":null}]}`))
	require.NoError(t, err)
	assert.Equal(t, []PatchOp{
		{Op: OpAdd, Path: "nickName", Value: "x"},
		{Op: OpReplace, Value: map[string]any{"active": false}},
		{Op: OpRemove, Path: `members[value eq "a"]`},
		{Op: OpReplace, Path: "nickName"},
	}, ops)
}

// ApplyPatch checks what it is given even when ParsePatch was skipped (the
// connector may build operations itself).
func TestApplyPatchChecksOps(t *testing.T) {
	rs := testUserRS()
	u := res(t, typicalUser)
	for _, op := range []PatchOp{
		{Op: "move", Path: "nickName"},
		{Op: OpRemove},
		{Op: OpAdd, Value: "not an object"},
		{Op: OpAdd, Path: "a b", Value: "x"},
	} {
		_, err := ApplyPatch(u, rs, []PatchOp{op})
		require.Error(t, err, "%+v", op)
		var se *Error
		require.ErrorAs(t, err, &se)
		assert.Equal(t, 400, se.Status)
	}
	got, err := ApplyPatch(nil, rs, []PatchOp{{Op: OpAdd, Path: "userName", Value: "a@b"}})
	require.NoError(t, err)
	assert.Equal(t, Resource{"userName": "a@b"}, got)
	assert.True(t, strings.HasPrefix(OpAdd, "a"))
}
