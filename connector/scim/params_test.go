package scim

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAttributes_RFC7644_3_9(t *testing.T) {
	assert.Nil(t, ParseAttributes(""))
	assert.Nil(t, ParseAttributes(" , ,"))
	assert.Equal(t, []string{"userName", "name.givenName", "urn:scim:schemas:extension:webex:2.0:User:status"},
		ParseAttributes(" userName,name.givenName , urn:scim:schemas:extension:webex:2.0:User:status,"))
}

func TestParseListParams(t *testing.T) {
	rs := testUserRS()
	ptr := func(s string) *string { return &s }
	tests := []struct {
		name  string
		query string
		want  ListParams // Filter checked separately
		hasF  bool
	}{
		{"defaults", "", ListParams{StartIndex: 1, Count: 100}, false},
		{"RFC 7644 §3.4.2.4 startIndex<1 is 1", "startIndex=0&count=10", ListParams{StartIndex: 1, Count: 10}, false},
		{"negative startIndex is 1", "startIndex=-5", ListParams{StartIndex: 1, Count: 100}, false},
		{"RFC 7644 §3.4.2.4 negative count is 0", "count=-3", ListParams{StartIndex: 1, Count: 0}, false},
		{"count 0 asks for totalResults only", "count=0", ListParams{StartIndex: 1, Count: 0}, false},
		{"count above the maximum is lowered (design §3.4: at most 1000)", "count=5000", ListParams{StartIndex: 1, Count: 1000}, false},
		{"an enormous count is still the maximum", "count=99999999999999999999999", ListParams{StartIndex: 1, Count: 1000}, false},
		{"parameter names are case-insensitive", "STARTINDEX=3&Count=2&ATTRIBUTES=userName&excludedattributes=emails", ListParams{StartIndex: 3, Count: 2, Attributes: []string{"userName"}, Excluded: []string{"emails"}}, false},
		{"RFC 9865 first cursor page: empty cursor", "cursor=&count=5", ListParams{Cursor: ptr(""), Count: 5}, false},
		{"RFC 9865 bare cursor", "cursor", ListParams{Cursor: ptr(""), Count: 100}, false},
		{"RFC 9865 next cursor page", "cursor=abc_-1", ListParams{Cursor: ptr("abc_-1"), Count: 100}, false},
		{"filter", `filter=userName eq "bjensen"`, ListParams{StartIndex: 1, Count: 100}, true},
		{"Filter name is case-insensitive", `FILTER=userName eq "bjensen"`, ListParams{StartIndex: 1, Count: 100}, true},
		{"repeated parameter: the first counts", "count=2&count=7", ListParams{StartIndex: 1, Count: 2}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			require.NoError(t, err)
			got, err := ParseListParams(q, rs, 100, 1000)
			require.NoError(t, err)
			assert.Equal(t, tc.hasF, got.Filter != nil)
			got.Filter = nil
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseListParamsErrors(t *testing.T) {
	rs := testUserRS()
	tests := []struct {
		name     string
		query    string
		scimType string
	}{
		{"both paging methods (RFC 9865 §3)", "cursor=&startIndex=1", ScimTypeInvalidValue},
		{"count not a number", "count=ten", ScimTypeInvalidValue},
		{"startIndex not a number", "startIndex=1.5", ScimTypeInvalidValue},
		{"filter syntax", "filter=userName eq", ScimTypeInvalidFilter},
		{"filter unknown attribute", `filter=shoeSize eq "9"`, ScimTypeInvalidFilter},
		{"empty filter (RFC 7644 §3.4.2.2: at least one expression)", "filter=", ScimTypeInvalidFilter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			require.NoError(t, err)
			_, err = ParseListParams(q, rs, 100, 1000)
			scimErr(t, err, 400, tc.scimType)
		})
	}
}
