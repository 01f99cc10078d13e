package connector_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// bulkTarget is a stack whose fake holds the 20 seeded people and n more.
func bulkTarget(t *testing.T, n int, opts ...func(*embedded.Options)) *target {
	seed := seedWithPeople(t, n)
	return newTarget(t, append([]func(*embedded.Options){func(o *embedded.Options) {
		o.FakeOptions = append(o.FakeOptions, mockwebex.WithSeed(seed))
	}}, opts...)...)
}

func (tg *target) allPeopleIDs() []string {
	var ids []string
	for _, p := range tg.fake().State().People {
		ids = append(ids, p.ID)
	}
	return ids
}

// peopleListCalls counts GET /v1/people list calls the fake received.
func (tg *target) peopleListCalls() int {
	n := 0
	for _, r := range tg.webexRequests() {
		if strings.HasPrefix(r, "GET /v1/people?") || r == "GET /v1/people" {
			n++
		}
	}
	return n
}

// design §3.4: index paging returns every user exactly once, totalResults is the number of matches,
// and the whole listing costs one upstream walk.
func TestListUsersIndexPaging(t *testing.T) {
	tg := bulkTarget(t, 33) // 53 people: not a multiple of the page size
	want := tg.allPeopleIDs()
	require.Len(t, want, 53)
	tg.fake().ClearRequests()
	var got []string
	for start := 1; ; start += 10 {
		r := tg.do(http.MethodGet, "/scim/v2/Users?startIndex="+itoa(start)+"&count=10", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.Equal(t, int64(53), r.JSON.Get("totalResults").Int())
		assert.Equal(t, int64(start), r.JSON.Get("startIndex").Int())
		n := r.JSON.Get("Resources.#").Int()
		assert.Equal(t, n, r.JSON.Get("itemsPerPage").Int())
		assert.False(t, r.JSON.Get("nextCursor").Exists())
		if n == 0 {
			break
		}
		got = append(got, stringsOf(r.JSON.Get("Resources.#.id").Array())...)
	}
	assert.ElementsMatch(t, want, got, "every user exactly once")
	assert.Equal(t, 1, tg.peopleListCalls(), "one walk of Webex for the whole listing (design §3.4 cost)")

	r := tg.do(http.MethodGet, "/scim/v2/Users?startIndex=1&count=0", nil)
	assert.Equal(t, int64(53), r.JSON.Get("totalResults").Int())
	assert.Equal(t, int64(0), r.JSON.Get("Resources.#").Int())
	r = tg.do(http.MethodGet, "/scim/v2/Users?count=5000", nil)
	assert.Equal(t, int64(53), r.JSON.Get("itemsPerPage").Int(), "count is capped at maxPageSize, here by the total")
	r = tg.do(http.MethodGet, "/scim/v2/Users", nil)
	assert.Equal(t, int64(53), r.JSON.Get("Resources.#").Int(), "default count 100")
	requireSCIMError(t, tg.do(http.MethodGet, "/scim/v2/Users?count=ten", nil), http.StatusBadRequest, "invalidValue")
}

// RFC 9865: cursor paging returns every user exactly once, nextCursor on every page but the last,
// and each page costs O(count) upstream.
func TestListUsersCursorPaging(t *testing.T) {
	tg := bulkTarget(t, 33)
	want := tg.allPeopleIDs()
	tg.fake().ClearRequests()
	var got []string
	cursor, pages := "", 0
	for {
		r := tg.do(http.MethodGet, "/scim/v2/Users?count=10&cursor="+url.QueryEscape(cursor), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		pages++
		ids := stringsOf(r.JSON.Get("Resources.#.id").Array())
		got = append(got, ids...)
		assert.False(t, r.JSON.Get("startIndex").Exists(), "no startIndex in cursor mode")
		next := r.JSON.Get("nextCursor")
		if !next.Exists() {
			break
		}
		assert.Len(t, ids, 10, "every page but the last is full")
		assert.False(t, r.JSON.Get("totalResults").Exists(), "Webex gives no totals: left out (RFC 9865 §2)")
		assert.NotEqual(t, cursor, next.String())
		cursor = next.String()
		require.Less(t, pages, 20, "the listing ends")
	}
	assert.Equal(t, 6, pages)
	assert.ElementsMatch(t, want, got, "every user exactly once")
	assert.LessOrEqual(t, tg.peopleListCalls(), pages+1, "one Webex page per SCIM page (design §3.4 cost)")
}

func TestListUsersCursorWithFilter(t *testing.T) {
	tg := bulkTarget(t, 33)
	var got []string
	cursor := ""
	filter := url.QueryEscape(`name.familyName sw "User 0000" or userName eq "admin@example.com"`)
	for i := 0; i < 10; i++ {
		r := tg.do(http.MethodGet, "/scim/v2/Users?count=4&filter="+filter+"&cursor="+url.QueryEscape(cursor), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		got = append(got, stringsOf(r.JSON.Get("Resources.#.userName").Array())...)
		if !r.JSON.Get("nextCursor").Exists() {
			break
		}
		cursor = r.JSON.Get("nextCursor").String()
	}
	assert.Len(t, got, 11) // user00000-00009 and the admin
	assert.Contains(t, got, adminEmail)
	assert.Contains(t, got, "user00009@bulk.example.com")
}

// RFC 9865 §2.1: a cursor this service did not issue, or an altered one, is invalidCursor; one
// used with another filter too; an expired one is expiredCursor.
func TestListUsersBadCursors(t *testing.T) {
	clock := &settableClock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	tg := bulkTarget(t, 5, func(o *embedded.Options) { o.Now = clock.Now })
	r := tg.do(http.MethodGet, "/scim/v2/Users?count=10&cursor=", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	cursor := r.JSON.Get("nextCursor").String()
	require.NotEmpty(t, cursor)

	tampered := []byte(cursor)
	tampered[len(tampered)/2] ^= 0x01
	if tampered[len(tampered)/2] == '-' || tampered[len(tampered)/2] == '_' {
		tampered[len(tampered)/2] = 'A'
	}
	for name, c := range map[string]string{
		"tampered":       string(tampered),
		"garbage":        "not-a-cursor",
		"another server": otherServerCursor(t),
	} {
		t.Run(name, func(t *testing.T) {
			r := tg.do(http.MethodGet, "/scim/v2/Users?count=10&cursor="+url.QueryEscape(c), nil)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidCursor")
		})
	}
	r = tg.do(http.MethodGet, "/scim/v2/Users?count=10&filter="+url.QueryEscape(`active eq true`)+"&cursor="+url.QueryEscape(cursor), nil)
	requireSCIMError(t, r, http.StatusBadRequest, "invalidCursor")
	r = tg.do(http.MethodGet, "/scim/v2/Roles?count=10&cursor="+url.QueryEscape(cursor), nil)
	requireSCIMError(t, r, http.StatusBadRequest, "invalidCursor")

	clock.Advance(2 * time.Hour)
	r = tg.do(http.MethodGet, "/scim/v2/Users?count=10&cursor="+url.QueryEscape(cursor), nil)
	requireSCIMError(t, r, http.StatusBadRequest, "expiredCursor")
}

// otherServerCursor is a genuine cursor from a connector with another cursor key.
func otherServerCursor(t *testing.T) string {
	other := newTarget(t, func(o *embedded.Options) { o.CursorKey = []byte("another key") })
	r := other.do(http.MethodGet, "/scim/v2/Users?count=3&cursor=", nil)
	c := r.JSON.Get("nextCursor").String()
	require.NotEmpty(t, c)
	return c
}

// design §3.10: replicas sharing SCIM_CURSOR_KEY accept each other's cursors.
func TestCursorValidOnAnotherReplica(t *testing.T) {
	seed := seedWithPeople(t, 10)
	opt := func(o *embedded.Options) { o.FakeOptions = []mockwebex.Option{mockwebex.WithSeed(seed)} }
	a := newTarget(t, opt)
	b := newTarget(t, opt) // same seed, same key: the same Webex for this purpose
	r := a.do(http.MethodGet, "/scim/v2/Users?count=25&cursor=", nil)
	require.Equal(t, http.StatusOK, r.Status)
	r2 := b.do(http.MethodGet, "/scim/v2/Users?count=25&cursor="+url.QueryEscape(r.JSON.Get("nextCursor").String()), nil)
	require.Equal(t, http.StatusOK, r2.Status, string(r2.Body))
	assert.Equal(t, int64(5), r2.JSON.Get("Resources.#").Int())
	assert.False(t, r2.JSON.Get("nextCursor").Exists())
}

// design §3.3: filters, pushed down where Webex answers exactly, evaluated locally otherwise.
func TestListUsersFilters(t *testing.T) {
	tg := bulkTarget(t, 33)
	bob, _ := tg.personByEmail("bob.builder@example.com")
	cases := []struct {
		filter   string
		want     []string // userNames, any order
		pushdown string   // a query the Webex request must carry; "" for none
	}{
		{`userName eq "BOB.builder@example.com"`, []string{"bob.builder@example.com"}, "email=BOB.builder%40example.com"},
		{`emails.value eq "bob.builder@example.com"`, []string{"bob.builder@example.com"}, "email="},
		{`emails[value eq "bob.builder@example.com"]`, []string{"bob.builder@example.com"}, "email="},
		{`USERNAME EQ "nobody@example.com"`, nil, "email="},
		{`id eq "` + bob.ID + `"`, []string{"bob.builder@example.com"}, ""},
		{`id eq "no-such-id"`, nil, ""},
		{`userName eq "bob.builder@example.com" and active eq true`, []string{"bob.builder@example.com"}, "email=bob.builder%40example.com"},
		{`active eq false and userName eq "bob.builder@example.com"`, nil, "email=bob.builder%40example.com"},
		{`id eq "` + bob.ID + `" and active eq true`, []string{"bob.builder@example.com"}, ""},
		{`displayName sw "Bulk User 0001"`, tenBulk(10), "displayName=Bulk"},
		{`active eq false`, []string{"rupert.rossi@example.com", "sybil.schmidt@example.com", "trent.tanaka@example.com"}, ""},
		{`name.familyName co "User 0002" and active eq true`, tenBulk(20), ""},
		{`userName eq "bob.builder@example.com" or userName eq "carol.chen@example.com"`, []string{"bob.builder@example.com", "carol.chen@example.com"}, ""},
		{`not (userName sw "user") and urn:scim:schemas:extension:webex:2.0:User:status eq "inactive"`, []string{"trent.tanaka@example.com"}, ""},
		{`meta.lastModified gt "2100-01-01T00:00:00Z"`, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.filter, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodGet, "/scim/v2/Users?count=100&filter="+url.QueryEscape(tc.filter), nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			got := stringsOf(r.JSON.Get("Resources.#.userName").Array())
			if tc.want == nil {
				assert.Empty(t, got)
			} else {
				assert.ElementsMatch(t, tc.want, got)
			}
			assert.Equal(t, int64(len(tc.want)), r.JSON.Get("totalResults").Int())
			reqs := strings.Join(tg.webexRequests(), "\n")
			if tc.pushdown != "" {
				assert.Contains(t, reqs, tc.pushdown)
			}
			if strings.HasPrefix(tc.pushdown, "email=") {
				for _, line := range tg.webexRequests() {
					if strings.Contains(line, "GET /v1/people?") {
						assert.Contains(t, line, "email=", "a pushed-down filter walks no unfiltered listing")
					}
				}
			}
			if strings.HasPrefix(tc.filter, "id eq") {
				assert.Contains(t, reqs, "GET /v1/people/")
				assert.NotContains(t, reqs, "GET /v1/people?")
			}
		})
	}
	for _, bad := range []string{`favouriteColour eq "blue"`, `userName eq`, `userName xx "a"`, `(userName eq "a"`} {
		t.Run(bad, func(t *testing.T) {
			r := tg.do(http.MethodGet, "/scim/v2/Users?filter="+url.QueryEscape(bad), nil)
			requireSCIMError(t, r, http.StatusBadRequest, "invalidFilter")
		})
	}
}

func tenBulk(from int) []string {
	var out []string
	for i := from; i < from+10; i++ {
		out = append(out, "user"+pad5(i)+"@bulk.example.com")
	}
	return out
}

func pad5(i int) string {
	s := itoa(i)
	return strings.Repeat("0", 5-len(s)) + s
}

// design §4.5: the datetime offset shifts meta times out, and filters compare with shifted times.
func TestDatetimeOffset(t *testing.T) {
	tg := newTarget(t, func(o *embedded.Options) { o.DatetimeOffset = 2 * time.Hour })
	p, _ := tg.personByEmail(adminEmail)
	r := tg.do(http.MethodGet, "/scim/v2/Users/"+p.ID, nil)
	created, err := time.Parse(time.RFC3339, p.Created)
	require.NoError(t, err)
	assert.Equal(t, created.Add(2*time.Hour).Format("2006-01-02T15:04:05.000Z"), r.JSON.Get("meta.created").String())

	// The client's date minus the offset is compared with Webex's time.
	between := created.Add(time.Hour).Format(time.RFC3339)
	r = tg.do(http.MethodGet, "/scim/v2/Users?filter="+url.QueryEscape(`userName eq "admin@example.com" and meta.created gt "`+between+`"`), nil)
	assert.Equal(t, int64(1), r.JSON.Get("totalResults").Int(), string(r.Body))
	later := created.Add(3 * time.Hour).Format(time.RFC3339)
	r = tg.do(http.MethodGet, "/scim/v2/Users?filter="+url.QueryEscape(`meta.created gt "`+later+`" and userName eq "admin@example.com"`), nil)
	assert.Equal(t, int64(0), r.JSON.Get("totalResults").Int(), string(r.Body))
}
