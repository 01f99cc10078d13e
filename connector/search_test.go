package connector_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const searchRequestURN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"

// longFilter is a filter of at least size bytes matching exactly the given userNames: their
// equalities or-ed with equalities of addresses nobody has.
func longFilter(size int, userNames ...string) string {
	terms := make([]string, 0, 64)
	for _, u := range userNames {
		terms = append(terms, `userName eq "`+u+`"`)
	}
	for i := 0; len(strings.Join(terms, " or ")) < size; i++ {
		terms = append(terms, `userName eq "nobody-`+itoa(i)+`@example.com"`)
	}
	return strings.Join(terms, " or ")
}

func resourceIDs(r response) []string {
	var ids []string
	for _, v := range r.JSON.Get("Resources.#.id").Array() {
		ids = append(ids, v.String())
	}
	return ids
}

// RFC 7644 §3.4.3 (issue 16's done-when): POST /Users/.search with a 10 KB filter answers the
// same resources as the equivalent GET, with both paging methods and projection.
func TestSearchUsersLongFilterAnswersAsGET(t *testing.T) {
	tg := newTarget(t)
	a := tg.createUser("search-a@example.com", "Ann", "A")
	b := tg.createUser("search-b@example.com", "Bea", "B")
	tg.createUser("search-c@example.com", "Cy", "C")
	f := longFilter(10<<10, "search-a@example.com", "search-b@example.com")
	require.GreaterOrEqual(t, len(f), 10<<10)

	get := tg.do(http.MethodGet, "/scim/v2/Users?count=1&attributes=userName&filter="+url.QueryEscape(f), nil)
	require.Equal(t, http.StatusOK, get.Status, string(get.Body))
	post := tg.do(http.MethodPost, "/scim/v2/Users/.search", map[string]any{
		"schemas": []string{searchRequestURN}, "filter": f, "count": 1, "attributes": []string{"userName"},
	})
	require.Equal(t, http.StatusOK, post.Status, string(post.Body))
	assert.JSONEq(t, string(get.Body), string(post.Body))
	assert.Equal(t, int64(2), post.JSON.Get("totalResults").Int())
	assert.False(t, post.JSON.Get("Resources.0.name").Exists(), "attributes=userName is applied")

	// Every page, both ways, holds the same users as GET's.
	var indexIDs []string
	for start := 1; start <= 2; start++ {
		r := tg.do(http.MethodPost, "/scim/v2/Users/.search", map[string]any{
			"schemas": []string{searchRequestURN}, "filter": f, "count": 1, "startIndex": start,
		})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		indexIDs = append(indexIDs, resourceIDs(r)...)
	}
	assert.ElementsMatch(t, []string{a, b}, indexIDs)
	var cursorIDs []string
	cursor := ""
	for range 3 {
		r := tg.do(http.MethodPost, "/scim/v2/Users/.search", map[string]any{
			"schemas": []string{searchRequestURN}, "filter": f, "count": 1, "cursor": cursor,
		})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		cursorIDs = append(cursorIDs, resourceIDs(r)...)
		if cursor = r.JSON.Get("nextCursor").String(); cursor == "" {
			break
		}
	}
	assert.ElementsMatch(t, []string{a, b}, cursorIDs)
}

// POST /Groups/.search is GET /Groups with the body's parameters; the root searches both.
func TestSearchGroupsAndRoot(t *testing.T) {
	tg := newTarget(t)
	alice := tg.createUser("srch-alice@example.com", "Srchalice", "Srch")
	g := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"}, "displayName": "srch-team",
		"members": []map[string]any{{"value": alice}},
	})
	require.Equal(t, http.StatusCreated, g.Status, string(g.Body))
	group := g.JSON.Get("id").String()

	r := tg.do(http.MethodPost, "/scim/v2/Groups/.search", map[string]any{
		"schemas": []string{searchRequestURN}, "filter": `displayName eq "srch-team"`, "excludedAttributes": []string{"members"},
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, []string{group}, resourceIDs(r))
	assert.False(t, r.JSON.Get("Resources.0.members").Exists())

	// The root: an attribute only Users have matches no Group, and the reverse (RFC 7644 §3.4.2.2).
	root := func(filter string) response {
		r := tg.do(http.MethodPost, "/scim/v2/.search", map[string]any{"schemas": []string{searchRequestURN}, "filter": filter})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		return r
	}
	both := root(`displayName sw "Srchalice" or displayName sw "srch-"`)
	assert.Equal(t, []string{alice, group}, resourceIDs(both), "users first, then groups")
	assert.Equal(t, "User", both.JSON.Get("Resources.0.meta.resourceType").String())
	assert.Equal(t, "Group", both.JSON.Get("Resources.1.meta.resourceType").String())
	assert.Equal(t, alice, both.JSON.Get("Resources.1.members.0.value").String())
	assert.Equal(t, []string{alice}, resourceIDs(root(`userName eq "srch-alice@example.com"`)))
	assert.Equal(t, []string{group}, resourceIDs(root(`members.value eq "`+alice+`"`)))

	// Paging the root: index and cursor pages of one each walk the two resources.
	var ids []string
	cursor := ""
	for range 3 {
		r := tg.do(http.MethodPost, "/scim/v2/.search", map[string]any{
			"schemas": []string{searchRequestURN}, "filter": `displayName sw "Srchalice" or displayName sw "srch-"`,
			"count": 1, "cursor": cursor, "attributes": []string{"displayName"},
		})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		ids = append(ids, resourceIDs(r)...)
		assert.False(t, r.JSON.Get("Resources.0.members").Exists(), "attributes applies to each resource")
		if cursor = r.JSON.Get("nextCursor").String(); cursor == "" {
			break
		}
	}
	assert.Equal(t, []string{alice, group}, ids)
	second := tg.do(http.MethodPost, "/scim/v2/.search", map[string]any{
		"schemas": []string{searchRequestURN}, "filter": `displayName sw "Srchalice" or displayName sw "srch-"`,
		"count": 1, "startIndex": 2,
	})
	require.Equal(t, http.StatusOK, second.Status, string(second.Body))
	assert.Equal(t, int64(2), second.JSON.Get("totalResults").Int())
	assert.Equal(t, []string{group}, resourceIDs(second))
}

// A SearchRequest that is not one answers 400 naming the problem.
func TestSearchRequestErrors(t *testing.T) {
	tg := newTarget(t)
	tests := []struct {
		name, path string
		body       any
		scimType   string
		detail     string
	}{
		{"no schema", "/scim/v2/Users/.search", map[string]any{"filter": `userName eq "x"`}, "invalidSyntax", searchRequestURN},
		{"misspelt attribute", "/scim/v2/Users/.search", map[string]any{"schemas": []string{searchRequestURN}, "filters": `userName eq "x"`}, "invalidSyntax", "filters"},
		{"count as text", "/scim/v2/Groups/.search", map[string]any{"schemas": []string{searchRequestURN}, "count": "5"}, "invalidValue", "count"},
		{"fractional startIndex", "/scim/v2/.search", map[string]any{"schemas": []string{searchRequestURN}, "startIndex": 1.5}, "invalidValue", "startIndex"},
		{"attributes of numbers", "/scim/v2/.search", map[string]any{"schemas": []string{searchRequestURN}, "attributes": []int{1}}, "invalidValue", "attributes"},
		{"bad filter", "/scim/v2/.search", map[string]any{"schemas": []string{searchRequestURN}, "filter": `nope eq "x"`}, "invalidFilter", "nope"},
		{"not JSON", "/scim/v2/Users/.search", "filter=x", "invalidSyntax", "JSON"},
		{"parameters in the query", "/scim/v2/Users/.search?filter=x", map[string]any{"schemas": []string{searchRequestURN}}, "invalidSyntax", "body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tg.do(http.MethodPost, tc.path, tc.body)
			requireSCIMError(t, r, http.StatusBadRequest, tc.scimType)
			assert.Contains(t, r.JSON.Get("detail").String(), tc.detail)
		})
	}
}

// A trailing slash on a resource path answers as without it (issue 16), on every method; an
// empty segment before it stays a 404.
func TestTrailingSlashAnswersAsWithout(t *testing.T) {
	tg := newTarget(t)
	created := tg.do(http.MethodPost, "/scim/v2/Users/", map[string]any{
		"schemas": []string{userSchema}, "userName": "slash@example.com", "name": map[string]any{"givenName": "S"},
	})
	require.Equal(t, http.StatusCreated, created.Status, string(created.Body))
	id := created.JSON.Get("id").String()

	for _, path := range []string{"/scim/v2/Users/", "/scim/v2/users/", "/scim/v2/Groups/", "/scim/v2/ServiceProviderConfig/", "/scim/v2/Users/" + id + "/"} {
		with := tg.do(http.MethodGet, path, nil)
		without := tg.do(http.MethodGet, strings.TrimSuffix(path, "/"), nil)
		require.Equal(t, http.StatusOK, with.Status, "%s: %s", path, with.Body)
		assert.JSONEq(t, string(without.Body), string(with.Body), path)
	}
	r := tg.do(http.MethodPatch, "/scim/v2/Users/"+id+"/", map[string]any{
		"schemas":    []string{patchOpURN},
		"Operations": []map[string]any{{"op": "replace", "path": "displayName", "value": "Slashed"}},
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	assert.Equal(t, "Slashed", r.JSON.Get("displayName").String())
	require.Equal(t, http.StatusNoContent, tg.do(http.MethodDelete, "/scim/v2/Users/"+id+"/", nil).Status)
	for _, path := range []string{"/scim/v2/Users//", "/scim/v2//Users/", "/scim/v2/"} {
		assert.Equal(t, http.StatusNotFound, tg.do(http.MethodGet, path, nil).Status, path)
	}
}
