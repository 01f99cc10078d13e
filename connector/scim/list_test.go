package scim

import (
	"encoding/json"
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
