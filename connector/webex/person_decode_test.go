package webex

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Person.UnmarshalJSON scans the object once instead of decoding it into a map of raw messages
// and then every field again. mapDecodePerson is that earlier decoder, verbatim, kept here as the
// reference: the scanning one must give the same person, and fail on the same inputs.

func mapDecodePerson(data []byte) (Person, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Person{}, err
	}
	if raw == nil {
		return Person{}, fmt.Errorf("webex: person: not a JSON object")
	}
	var out Person
	str := map[string]*string{
		"id": &out.ID, "displayName": &out.DisplayName, "nickName": &out.NickName,
		"firstName": &out.FirstName, "lastName": &out.LastName, "avatar": &out.Avatar,
		"orgId": &out.OrgID, "timezone": &out.Timezone, "status": &out.Status, "type": &out.Type,
	}
	for k, dst := range str {
		if v, ok := raw[k]; ok && !isNull(v) {
			if err := json.Unmarshal(v, dst); err != nil {
				return Person{}, fmt.Errorf("webex: person %s: %w", k, err)
			}
		}
	}
	lists := map[string]*[]string{"emails": &out.Emails, "roles": &out.Roles, "licenses": &out.Licenses}
	for k, dst := range lists {
		if v, ok := raw[k]; ok && !isNull(v) {
			if err := json.Unmarshal(v, dst); err != nil {
				return Person{}, fmt.Errorf("webex: person %s: %w", k, err)
			}
		}
	}
	bools := map[string]**bool{"loginEnabled": &out.LoginEnabled, "invitePending": &out.InvitePending}
	for k, dst := range bools {
		if v, ok := raw[k]; ok && !isNull(v) {
			b, err := mapDecodeBool(v)
			if err != nil {
				return Person{}, fmt.Errorf("webex: person %s: %w", k, err)
			}
			*dst = &b
		}
	}
	times := map[string]*time.Time{"created": &out.Created, "lastModified": &out.LastModified}
	for k, dst := range times {
		if v, ok := raw[k]; ok {
			t, err := mapDecodeTime(v)
			if err != nil {
				return Person{}, fmt.Errorf("webex: person %s: %w", k, err)
			}
			*dst = t
		}
	}
	for k, v := range raw {
		if personField(k) >= 0 {
			continue
		}
		if out.Extra == nil {
			out.Extra = make(map[string]json.RawMessage)
		}
		out.Extra[k] = append(json.RawMessage(nil), v...)
	}
	return out, nil
}

func mapDecodeBool(v json.RawMessage) (bool, error) {
	var b bool
	if err := json.Unmarshal(v, &b); err == nil {
		return b, nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return false, fmt.Errorf("not a boolean: %s", excerpt(v, 40))
	}
	return strconv.ParseBool(s)
}

func mapDecodeTime(v json.RawMessage) (time.Time, error) {
	if len(v) == 0 || isNull(v) {
		return time.Time{}, nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return time.Time{}, err
	}
	return ParseTime(s)
}

// mockPerson is a person as the fake answers GET /people/{id} (the benchmark's admin).
const mockPerson = `{"id":"Y2lzY29zcGFyazovL3VzL1BFT1BMRS80Y2VhNDk2ZC03YjJlLTU4N2QtYmViOS1lN2ExMmQ5MDZmMjM","emails":["admin@example.com"],"phoneNumbers":[{"type":"work","value":"+1 408 555 1000","primary":true}],"extension":"100","displayName":"Alice Admin","firstName":"Alice","lastName":"Admin","orgId":"Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9jNTAwYTQ1OC0xMTBlLTVlMzYtYWVhNy01NjQ4NzVhOWFhNzA","roles":["Y2lzY29zcGFyazovL3VzL1JPTEUvaWRfZnVsbF9hZG1pbg"],"licenses":["Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvNjAxOTFmNTUtNTBmMC01ZTE1LTk5ODUtMWJkZjZiZmJlMDBj","Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvNWJlNDFlNmQtMmM1YS01NTlmLTk4ZTQtNzNlMWUyYzc0Y2Vl","Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvOWI2NDcyZjctMDViOS01MTJkLWI5NDQtY2Q2YjNlMDljYzVl"],"department":"IT","title":"Administrator","addresses":[{"type":"work","country":"US","locality":"San Jose","region":"California","streetAddress":"100 Main St.","postalCode":"95110"}],"created":"2026-01-05T09:00:00.000Z","lastModified":"2026-01-05T09:00:00.000Z","timezone":"Europe/Berlin","status":"active","invitePending":false,"loginEnabled":true,"type":"person"}`

// personDecodeCases are the shapes where a scanner could part from a map decode.
var personDecodeCases = []string{
	fullPerson, mockPerson,
	`{}`, ` { } `, "{\n\t\"id\" :\r\n \"x\" ,\"title\" : \"CTO\" \n}",
	`{"id":"a","id":"b"}`, `{"id":"a","id":null}`, `{"title":"a","title":{"b":1}}`,
	`{"\u0069d":"escaped key","id":"plain"}`, `{"id":"plain","\u0069d":"escaped key"}`,
	`{"ti\"tle":"q","x\\y":[1,"]}"],"z\u00e9":"é"}`,
	`{"displayName":"A \"quoted\" \\ name \u00e9 \ud83d\ude00","nickName":"tab\there"}`,
	"{\"displayName\":\"bad \xff utf8\",\"k\xfe\":\"v\"}",
	`{"emails":[],"roles":[ ],"licenses":["a" , "b"]}`, `{"emails":["a",null,"b"]}`, `{"emails":["\u0061"]}`,
	`{"emails":null,"roles":null,"avatar":null,"created":null}`,
	`{"loginEnabled":"true","invitePending":"FALSE"}`, `{"loginEnabled":"1"}`, `{"loginEnabled":"\u0074rue"}`,
	`{"created":"2026-11-26T09:15:02Z","lastModified":"2026-11-26T10:15:02.5+01:00"}`, `{"created":""}`,
	`{"extension":100,"flag":true,"none":null,"n":-1.5e+3,"deep":{"a":[{"b":["}"]}]}}`,
	`[]`, `null`, `"person"`, `12`, `true`, `{`, `{"id":}`, `{"id":"x"} x`, ``, `  `,
	`{"loginEnabled":"maybe"}`, `{"created":"yesterday"}`, `{"emails":"a@b"}`, `{"id":5}`,
	`{"roles":[1]}`, `{"invitePending":0}`, `{"created":5}`,
}

func checkSameAsMapDecode(t *testing.T, in string) {
	t.Helper()
	want, wantErr := mapDecodePerson([]byte(in))
	var got Person
	gotErr := got.UnmarshalJSON([]byte(in))
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("%q: error %v, the map decode's %v", in, gotErr, wantErr)
	}
	if gotErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", in, got, want)
	}
}

func TestPersonDecodeIsTheMapDecode(t *testing.T) {
	for _, in := range personDecodeCases {
		checkSameAsMapDecode(t, in)
	}
}

func TestPersonDecodeErrorsNameTheField(t *testing.T) {
	for in, field := range map[string]string{
		`{"id":5}`: "id", `{"roles":[1]}`: "roles", `{"invitePending":0}`: "invitePending",
		`{"created":"yesterday"}`: "created", `{"emails":"a@b"}`: "emails",
	} {
		var p Person
		err := json.Unmarshal([]byte(in), &p)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "webex: person "+field+":", in)
	}
	var p Person
	assert.EqualError(t, p.UnmarshalJSON([]byte(`null`)), "webex: person: not a JSON object")
	_, wantErr := mapDecodePerson([]byte(`[1]`))
	assert.EqualError(t, p.UnmarshalJSON([]byte(`[1]`)), wantErr.Error())
}

func TestPersonExtraValuesAreIndependentCopies(t *testing.T) {
	data := []byte(`{"title":"CTO","department":"IT","extension":"100"}`)
	var p Person
	require.NoError(t, json.Unmarshal(data, &p))
	copy(data, strings.Repeat("x", len(data)))
	p.Extra["title"] = append(p.Extra["title"], ' ')
	assert.Equal(t, `"IT"`, string(p.Extra["department"]), "growing one value must not write into the next")
	assert.Equal(t, `"100"`, string(p.Extra["extension"]))
}

// FuzzPersonDecode: on any input the scanning decoder and the map decode agree, whether the input
// is the whole body, a member value, a list element or a key.
func FuzzPersonDecode(f *testing.F) {
	for _, in := range personDecodeCases {
		f.Add(in)
	}
	for _, in := range []string{`"x"`, `"a\"b"`, `[1,{"a":"]"}]`, `"\u00e9"`, `true`, `"2026-11-26T09:15:02Z"`} {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSameAsMapDecode(t, in)
		for _, k := range []string{"id", "emails", "loginEnabled", "created", "title"} {
			checkSameAsMapDecode(t, `{"`+k+`":`+in+`,"department":"IT"}`)
		}
		checkSameAsMapDecode(t, `{"roles":["a",`+in+`]}`)
		checkSameAsMapDecode(t, `{`+in+`:"v","id":"x"}`)
	})
}

// BenchmarkPersonDecode reads the fake's person (1 KB, 9 typed fields and 5 others): as the client
// does for GET /people/{id} (the bytes handed to UnmarshalJSON), as json.Unmarshal does for each
// person of a page, with the earlier map decode, and, for scale, into a plain map[string]any.
func BenchmarkPersonDecode(b *testing.B) {
	data := []byte(mockPerson)
	for _, bm := range []struct {
		name   string
		decode func() error
	}{
		{"GetPerson", func() error { var p Person; return p.UnmarshalJSON(data) }},
		{"json.Unmarshal", func() error { var p Person; return json.Unmarshal(data, &p) }},
		{"map-decode-reference", func() error { _, err := mapDecodePerson(data); return err }},
		{"map[string]any", func() error { var m map[string]any; return json.Unmarshal(data, &m) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := bm.decode(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
