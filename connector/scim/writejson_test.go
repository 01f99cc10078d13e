package scim

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// WriteJSON encodes resources itself instead of through reflection; its bytes must be
// json.Marshal's, escaping and key order included, since clients and ETag comparisons see them.

func checkMarshalsLikeEncodingJSON(t *testing.T, v any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, gotErr := marshalJSON(v)
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("%#v: error %v, json.Marshal's %v", v, gotErr, wantErr)
	}
	if string(got) != string(want) {
		t.Fatalf("%#v:\n got %s\nwant %s", v, got, want)
	}
}

var marshalCases = []any{
	Resource{
		"schemas": []any{SchemaUser}, "id": "Y2lz", "userName": "a@example.com", "active": true,
		"name":   map[string]any{"givenName": "Zoë", "familyName": "O'Brien <admin> & co", "formatted": "tab\there"},
		"emails": []any{map[string]any{"value": "a@example.com", "type": "work", "primary": true}},
		"roles":  []any{}, "photos": nil, "nickName": "line\u2028sep\u2029para", "title": "bad \xff utf8 \xe2\x82",
		"meta": map[string]any{"resourceType": "User", "version": `W/"abc"`, "location": "http://h/scim/v2/Users/x?y=1&z"},
		"urn:ietf:params:scim:schemas:extension:webex:2.0:User": map[string]any{"organization": "ORG"},
		"n": 1.5, "i": 3, "big": 1e21, "small": 1e-7, "t": time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		"nested": []any{[]any{nil, false, "x"}, map[string]any{}}, "typed": []string{"a", "b"},
		"raw": json.RawMessage(`{"b": 1, "a": [ 2 ]}`), "err": &Error{Status: 404, Detail: "no <user>"},
		"\x00ctl": "\x01\x1f\x7f", "": "empty key", "é": "\u00e9\U0001F600",
	},
	[]any{"a", nil, map[string]any(nil), []any(nil)},
	map[string]any(nil), []any{}, map[string]any{},
	ListResponse{TotalResults: 1, Resources: []Resource{{"id": "x"}}},
	map[string]any{"nan": math.NaN()}, []any{func() {}}, map[string]any{"ch": make(chan int)},
}

func TestMarshalJSONIsEncodingJSON(t *testing.T) {
	for _, v := range marshalCases {
		checkMarshalsLikeEncodingJSON(t, v)
	}
}

func TestWriteJSONAnswers500ForAValueJSONCannotHold(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteJSON(rec, http.StatusOK, map[string]any{"nan": math.Inf(1)})
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"internal server error"}`, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteJSON(rec, http.StatusCreated, Resource{"id": "x", "userName": "<b>"})
	assert.Equal(t, http.StatusCreated, rec.Code)
	assert.Equal(t, MediaType, rec.Header().Get("Content-Type"))
	assert.Equal(t, `{"id":"x","userName":"\u003cb\u003e"}`, rec.Body.String())
}

// FuzzMarshalJSON: any JSON document decoded into JSON-shaped values, and any string as a key or a
// value, is written exactly as json.Marshal writes it.
func FuzzMarshalJSON(f *testing.F) {
	for _, s := range []string{
		`{"b":1,"a":[true,null,"x<y>&z"],"c":{"d":"\u2028"}}`, `["\ud800", "\u00e9"]`, `"\xff"`, `{}`, `[]`,
		"tab\there", "\x00", "é", "\xe2\x80\xa8", "\xed\xa0\x80",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMarshalsLikeEncodingJSON(t, map[string]any{"k": s, s: []any{s, map[string]any{s: nil}}})
		var v any
		if json.Unmarshal([]byte(s), &v) == nil {
			checkMarshalsLikeEncodingJSON(t, v)
			checkMarshalsLikeEncodingJSON(t, []any{v, map[string]any{"v": v}})
		}
	})
}

// BenchmarkWriteJSONUser writes a user resource as GET /Users/{id} does, and, for scale, the same
// with json.Marshal.
func BenchmarkWriteJSONUser(b *testing.B) {
	res := marshalCases[0].(Resource)
	user := Resource{}
	for _, k := range []string{"schemas", "id", "userName", "active", "name", "emails", "roles", "meta",
		"urn:ietf:params:scim:schemas:extension:webex:2.0:User"} {
		user[k] = res[k]
	}
	user["name"] = map[string]any{"givenName": "Alice", "familyName": "Admin", "formatted": "Alice Admin"}
	b.Run("marshalJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := marshalJSON(user); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(user); err != nil {
				b.Fatal(err)
			}
		}
	})
}
