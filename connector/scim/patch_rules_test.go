package scim

import "testing"

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
			name:  "filter matching nothing: success, no change (RFC example; design §3.6 idempotent)",
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
			name: "Entra's boolean strings, any case (design §3.6)",
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
