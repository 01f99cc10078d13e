package scim

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
		{"path too deep", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"emails[` + strings.Repeat("(", 40) + `type eq \"x\"` + strings.Repeat(")", 40) + `]"}]}`, ScimTypeInvalidPath, "deep"},
		{"too many operations", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[` + strings.Repeat(`{"op":"remove","path":"nickName"},`, 1000) + `{"op":"remove","path":"nickName"}]}`, ScimTypeInvalidValue, "at most 1000"},
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
}
