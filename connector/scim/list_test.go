package scim

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListResponseJSON(t *testing.T) {
	tests := []struct {
		name string
		in   ListResponse
		want string
	}{
		{
			name: "index page (RFC 7644 §3.4.2.4): totalResults is all matches, not the page",
			in:   ListResponse{TotalResults: 12, StartIndex: 11, Resources: []Resource{{"id": "a"}, {"id": "b"}}},
			want: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":12,"itemsPerPage":2,"startIndex":11,"Resources":[{"id":"a"},{"id":"b"}]}`,
		},
		{
			name: "empty page: Resources is [] not null",
			in:   ListResponse{TotalResults: 0, StartIndex: 1},
			want: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":0,"startIndex":1,"Resources":[]}`,
		},
		{
			name: "cursor page (RFC 9865 §2): no startIndex, nextCursor",
			in:   ListResponse{TotalResults: 3, Resources: []Resource{{"id": "a"}}, NextCursor: "abc"},
			want: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":3,"itemsPerPage":1,"nextCursor":"abc","Resources":[{"id":"a"}]}`,
		},
		{
			name: "last cursor page: nextCursor omitted, previousCursor kept",
			in:   ListResponse{TotalResults: 3, Resources: []Resource{{"id": "c"}}, PreviousCursor: "p"},
			want: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":3,"itemsPerPage":1,"previousCursor":"p","Resources":[{"id":"c"}]}`,
		},
		{
			name: "explicit itemsPerPage wins",
			in:   ListResponse{TotalResults: 5, StartIndex: 1, ItemsPerPage: 7},
			want: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":5,"itemsPerPage":7,"startIndex":1,"Resources":[]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.in)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
		})
	}
}

// listResponseByStruct is how a ListResponse was written before it wrote itself: json.Marshal of
// this struct (and, without totalResults, of the cursor page struct connector/paging.go had).
// Its bytes are what clients have always read, key order included.
func listResponseByStruct(l ListResponse) ([]byte, error) {
	resources := l.Resources
	if resources == nil {
		resources = []Resource{}
	}
	items := l.ItemsPerPage
	if items == 0 {
		items = len(resources)
	}
	var total *int
	if !l.TotalUnknown {
		total = &l.TotalResults
	}
	return json.Marshal(struct {
		Schemas        []string   `json:"schemas"`
		TotalResults   *int       `json:"totalResults,omitempty"`
		ItemsPerPage   int        `json:"itemsPerPage"`
		StartIndex     int        `json:"startIndex,omitempty"`
		NextCursor     string     `json:"nextCursor,omitempty"`
		PreviousCursor string     `json:"previousCursor,omitempty"`
		Resources      []Resource `json:"Resources"`
	}{[]string{SchemaListResponse}, total, items, l.StartIndex, l.NextCursor, l.PreviousCursor, resources})
}

func checkListLikeStruct(t *testing.T, l ListResponse) {
	t.Helper()
	want, wantErr := listResponseByStruct(l)
	for name, write := range map[string]func(ListResponse) ([]byte, error){
		"json.Marshal": func(l ListResponse) ([]byte, error) { return json.Marshal(l) },
		"marshalJSON":  func(l ListResponse) ([]byte, error) { return marshalJSON(l) },
	} {
		got, err := write(l)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%s of %#v: error %v, the struct's %v", name, l, err, wantErr)
		}
		if string(got) != string(want) {
			t.Fatalf("%s of %#v:\n got %s\nwant %s", name, l, got, want)
		}
	}
}

func TestListResponseWritesWhatTheStructWrote(t *testing.T) {
	user := marshalCases[0].(Resource) // every kind of value, numbers and Marshalers included
	for _, l := range []ListResponse{
		{}, {TotalUnknown: true}, {TotalResults: -1, StartIndex: -3, ItemsPerPage: -2},
		{TotalResults: math.MaxInt, StartIndex: 1, Resources: []Resource{user, nil, {}, {"id": "<&>"}}},
		{TotalUnknown: true, TotalResults: 9, NextCursor: "a+b/c=<&>\u2028\xff", PreviousCursor: "\"q\"\n",
			Resources: []Resource{user}},
		{TotalResults: 2, StartIndex: 11, ItemsPerPage: 1, Resources: []Resource{{"members": []any{map[string]any{"value": "x"}}}}},
	} {
		checkListLikeStruct(t, l)
	}
	// A value JSON cannot hold is an error, as it was, and WriteJSON answers 500.
	bad := ListResponse{Resources: []Resource{{"n": math.NaN()}}}
	checkListLikeStruct(t, bad)
	rec := httptest.NewRecorder()
	WriteJSON(rec, http.StatusOK, bad)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)

	rec = httptest.NewRecorder()
	WriteJSON(rec, http.StatusOK, ListResponse{TotalUnknown: true, NextCursor: "c", Resources: []Resource{{"id": "a"}}})
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, MediaType, rec.Header().Get("Content-Type"))
	assert.Equal(t, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"itemsPerPage":1,"nextCursor":"c","Resources":[{"id":"a"}]}`,
		rec.Body.String(), "RFC 9865 §2: totalResults left out when unknown")
}

// FuzzListResponseJSON: any cursor strings, numbers and JSON-shaped resources are written as the
// struct wrote them.
func FuzzListResponseJSON(f *testing.F) {
	f.Add(`{"id":"a","b":[true,null,"x<y>&z"]}`, "next", "", 3, 1, 0, false)
	f.Add(`{"\u2028":{}}`, "\xff<", "p", -1, 0, 7, true)
	f.Fuzz(func(t *testing.T, doc, next, prev string, total, start, items int, unknown bool) {
		l := ListResponse{TotalResults: total, TotalUnknown: unknown, StartIndex: start, ItemsPerPage: items,
			NextCursor: next, PreviousCursor: prev, Resources: []Resource{{"k": doc, doc: []any{next}}}}
		var res Resource
		if json.Unmarshal([]byte(doc), &res) == nil {
			l.Resources = append(l.Resources, res, nil)
		}
		checkListLikeStruct(t, l)
	})
}
