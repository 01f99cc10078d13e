package scim

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Fuzz targets: whatever a client sends, the library answers with a result or
// a *Error, never a panic. Run one with
// go test -run '^$' -fuzz FuzzParseFilter -fuzztime 20s ./connector/scim/

func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		`userName eq "bjensen"`,
		`urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"`,
		`emails[type eq "work" and value co "@example.com"] or roles[value eq "x"]`,
		`meta.lastModified gt "2011-05-13T04:42:34Z"`,
		`not (active eq true) and displayName pr`,
		`userName eq "a\"b\u00e9"`,
		`urn:scim:schemas:extension:webex:2.0:User:status ne null`,
		`emails co "x"`, `((userName eq "a"))`, `x[y[z eq 1]]`, `a.b.c eq 1`, `userName eq 1e400`,
	} {
		f.Add(s)
	}
	rs := testUserRS()
	user := res(f, typicalUser)
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := ParseFilter(s, rs)
		if err != nil {
			var se *Error
			require.ErrorAs(t, err, &se)
			require.Equal(t, 400, se.Status)
			return
		}
		flt.Match(user)
		flt.Match(Resource{})
		flt.Equality("userName", "emails.value")
		flt.Prefix("displayName")
		// The normalised form is itself a filter that means the same thing.
		again, err := ParseFilter(flt.String(), rs)
		require.NoError(t, err, "String() of %q = %q", s, flt.String())
		require.Equal(t, flt.Match(user), again.Match(user))
	})
}

func FuzzParsePatch(f *testing.F) {
	for _, s := range []string{
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"x@y"}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"name.givenName":"X","active":"False"}}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"a"}]}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"emails","value":[{"value":"a","primary":true}]}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:example:params:scim:schemas:kitchen:2.0:User","value":{"count":1,"tags":["a"]}}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"roles[value eq \"role-admin\"].display"}]}`,
		`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"emails[type eq \"home\" and primary eq true].value","value":"h"}]}`,
		`{}`, `[]`, `null`,
	} {
		f.Add(s)
	}
	rs := testUserRS()
	user := res(f, typicalUser)
	before, err := json.Marshal(user)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, body string) {
		ops, err := ParsePatch([]byte(body))
		if err != nil {
			var se *Error
			require.ErrorAs(t, err, &se)
			require.Equal(t, 400, se.Status)
			return
		}
		got, err := ApplyPatch(user, rs, ops)
		if err != nil {
			var se *Error
			require.ErrorAs(t, err, &se)
			require.Equal(t, 400, se.Status)
		} else {
			_, err := json.Marshal(got)
			require.NoError(t, err, "a patched resource is still JSON")
		}
		after, err := json.Marshal(user)
		require.NoError(t, err)
		require.JSONEq(t, string(before), string(after), "the input is never modified")
	})
}

func FuzzCursorDecode(f *testing.F) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewCursorCodec([]byte("fuzz-key"), time.Hour, clock.now)
	f.Add(c.Encode([]byte("page-2")))
	f.Add(c.Encode(nil))
	f.Add("")
	f.Add("AQ")
	f.Add("not base64 !!")
	f.Fuzz(func(t *testing.T, s string) {
		payload, err := c.Decode(s)
		if err != nil {
			var se *Error
			require.ErrorAs(t, err, &se)
			require.Equal(t, 400, se.Status)
			require.Contains(t, []string{ScimTypeInvalidCursor, ScimTypeExpiredCursor}, se.ScimType)
			return
		}
		// Anything accepted re-encodes to something accepted with the same payload.
		again, err := c.Decode(c.Encode(payload))
		require.NoError(t, err)
		require.Equal(t, payload, again)
	})
}
