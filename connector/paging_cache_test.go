package connector_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 15, item 4: an import walks /Users by startIndex while another client makes userName eq
// lookups (an identity provider matching users one by one). The lookups must not push the walk
// out of the index-paging cache: 21 users, count=2, 8 lookups between every two pages cost one
// walk of Webex plus one GET /people?email= per lookup (it used to be a walk per page: 11 walks).
func TestIndexPagingCacheKeepsLookupsOut(t *testing.T) {
	tg := bulkTarget(t, 1) // 21 people
	all := tg.allPeopleIDs()
	require.Len(t, all, 21)
	lookups := []string{
		"admin@example.com", "bob.builder@example.com", "carol.chen@example.com", "dave.dubois@example.com",
		"erin.eriksen@example.com", "frank.fischer@example.com", "grace.garcia@example.com", "heidi.hansen@example.com",
	}
	tg.fake().ClearRequests()
	var got []string
	pages := 0
	for start := 1; start <= 21; start += 2 {
		if pages > 0 {
			for _, email := range lookups {
				r := tg.do(http.MethodGet, "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "`+email+`"`), nil)
				require.Equal(t, http.StatusOK, r.Status, string(r.Body))
				require.Equal(t, int64(1), r.JSON.Get("totalResults").Int(), email)
			}
		}
		r := tg.do(http.MethodGet, "/scim/v2/Users?startIndex="+itoa(start)+"&count=2", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(21), r.JSON.Get("totalResults").Int())
		got = append(got, stringsOf(r.JSON.Get("Resources.#.id").Array())...)
		pages++
	}
	assert.ElementsMatch(t, all, got, "every user exactly once")

	walks, byEmail := 0, 0
	for _, line := range tg.webexRequests() {
		switch {
		case strings.HasPrefix(line, "GET /v1/people?") && strings.Contains(line, "email="):
			byEmail++
		case strings.HasPrefix(line, "GET /v1/people?") || line == "GET /v1/people":
			walks++
		}
	}
	assert.Equal(t, 11, pages)
	assert.Equal(t, 1, walks, "one walk of Webex for the whole listing, lookups or not")
	assert.Equal(t, 8*(pages-1), byEmail, "one Webex call per lookup")
	assert.Len(t, tg.webexRequests(), 1+8*(pages-1), "nothing else")
}
