package webex

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNextLinkParsesRFC8288(t *testing.T) {
	req, _ := url.Parse("https://webexapis.com/v1/people?max=2")
	tests := []struct {
		name   string
		values []string
		want   string // "" for none
	}{
		{"Webex's exact form", []string{`<https://webexapis.com/v1/people?max=2&cursor=abc>; rel="next"`}, "https://webexapis.com/v1/people?max=2&cursor=abc"},
		{"rel without quotes", []string{`<https://webexapis.com/v1/people?cursor=abc>;rel=next`}, "https://webexapis.com/v1/people?cursor=abc"},
		{"spaces everywhere", []string{`  <https://webexapis.com/v1/people?cursor=abc>  ;  rel = "next"  `}, "https://webexapis.com/v1/people?cursor=abc"},
		{"next after prev", []string{`<https://webexapis.com/v1/people?cursor=p>; rel="prev", <https://webexapis.com/v1/people?cursor=n>; rel="next"`}, "https://webexapis.com/v1/people?cursor=n"},
		{"several relation types", []string{`<https://webexapis.com/v1/people?cursor=n>; rel="last next"`}, "https://webexapis.com/v1/people?cursor=n"},
		{"relation types are case-insensitive", []string{`<https://webexapis.com/v1/people?cursor=n>; REL="Next"`}, "https://webexapis.com/v1/people?cursor=n"},
		{"other parameters and a quoted comma", []string{`<https://webexapis.com/v1/a>; title="a, b; c"; rel="prev", <https://webexapis.com/v1/b>; type="x"; rel="next"`}, "https://webexapis.com/v1/b"},
		{"escaped quote in a quoted string", []string{`<https://webexapis.com/v1/a>; title="say \"next\", then"; rel="prev", <https://webexapis.com/v1/b>; rel=next`}, "https://webexapis.com/v1/b"},
		{"next in a second header field", []string{`<https://webexapis.com/v1/a>; rel="prev"`, `<https://webexapis.com/v1/b>; rel="next"`}, "https://webexapis.com/v1/b"},
		{"malformed link skipped", []string{`garbage; rel="next", <https://webexapis.com/v1/b>; rel="next"`}, "https://webexapis.com/v1/b"},
		{"first rel parameter wins", []string{`<https://webexapis.com/v1/a>; rel="prev"; rel="next"`}, ""},
		{"relative reference resolved against the request", []string{`</v1/people?cursor=r>; rel="next"`}, "https://webexapis.com/v1/people?cursor=r"},
		{"only prev", []string{`<https://webexapis.com/v1/a>; rel="prev"`}, ""},
		{"nextpage is not next", []string{`<https://webexapis.com/v1/a>; rel="nextpage"`}, ""},
		{"unterminated target", []string{`<https://webexapis.com/v1/a; rel="next"`}, ""},
		{"no header", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := nextLink(tt.values, req)
			if tt.want == "" {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

// pagedServer serves items 0..n-1 of a list under path, size per page, with Webex's Link header
// carrying the original query and a cursor (design §5).
func pagedServer(t *testing.T, path string, n, size int, item func(i int) string) *recorder {
	var r *recorder
	r = newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != path {
			webexError(w, 404, "unknown path")
			return
		}
		start, _ := strconv.Atoi(req.URL.Query().Get("cursor"))
		end := min(start+size, n)
		body := `{"items":[`
		for i := start; i < end; i++ {
			if i > start {
				body += ","
			}
			body += item(i)
		}
		body += `]}`
		if end < n {
			q := req.URL.Query()
			q.Set("cursor", strconv.Itoa(end))
			w.Header().Set("Link", fmt.Sprintf(`<%s%s?%s>; rel="next"`, r.srv.URL, path, q.Encode()))
		}
		writeJSON(w, 200, body)
	})
	return r
}

func TestListingFollowsNextLinksToTheEnd(t *testing.T) {
	r := pagedServer(t, "/v1/people", 5, 2, func(i int) string { return fmt.Sprintf(`{"id":"P%d"}`, i) })
	c, _, _ := newTestClient(t, r)
	var ids []string
	next := ""
	pages := 0
	for {
		page, err := c.ListPeople(context.Background(), PeopleQuery{DisplayName: "A", Max: 2}, next)
		require.NoError(t, err)
		pages++
		for _, p := range page.Items {
			ids = append(ids, p.ID)
		}
		if page.Next == "" {
			break
		}
		next = page.Next
	}
	assert.Equal(t, []string{"P0", "P1", "P2", "P3", "P4"}, ids)
	assert.Equal(t, 3, pages)
	seen := r.seen()
	require.Len(t, seen, 3)
	assert.Equal(t, "displayName=A&max=2", seen[0].RawQuery)
	assert.Equal(t, "cursor=2&displayName=A&max=2", seen[1].RawQuery, "the next URL is followed verbatim")
}

func TestWalkReadsEveryPage(t *testing.T) {
	roles := pagedServer(t, "/v1/roles", 7, 3, func(i int) string { return fmt.Sprintf(`{"id":"R%d","name":"Role %d"}`, i, i) })
	c, _, _ := newTestClient(t, roles)
	got, err := c.ListRoles(context.Background())
	require.NoError(t, err)
	require.Len(t, got, 7)
	assert.Equal(t, Role{ID: "R6", Name: "Role 6"}, got[6])
	assert.Len(t, roles.seen(), 3)

	lic := pagedServer(t, "/v1/licenses", 0, 3, nil)
	c, _, _ = newTestClient(t, lic)
	all, err := c.ListLicenses(context.Background())
	require.NoError(t, err)
	assert.NotNil(t, all)
	assert.Empty(t, all)
}

func TestNextURLsOnAnotherHostAreRefused(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Link", `<https://attacker.example/v1/people?cursor=x>; rel="next"`)
		writeJSON(w, 200, `{"items":[{"id":"P1"}]}`)
	})
	c, _, _ := newTestClient(t, r)
	ctx := context.Background()

	for _, next := range []string{
		"https://attacker.example/v1/people?cursor=x",
		"http://" + r.srv.Listener.Addr().String() + ".attacker.example/v1/people",
		"/v1/people?cursor=x",
		"https://" + r.srv.Listener.Addr().String() + "/v1/people", // scheme differs
		"http://user:pw@" + r.srv.Listener.Addr().String() + "/v1/people",
	} {
		_, err := c.ListPeople(ctx, PeopleQuery{}, next)
		assert.ErrorIs(t, err, ErrForeignNextURL, next)
	}
	assert.Empty(t, r.seen(), "no request, so the token went nowhere")

	_, err := c.ListPeople(ctx, PeopleQuery{}, "")
	assert.ErrorIs(t, err, ErrForeignNextURL, "a Link to another host is refused when it arrives")
}

// WX01: an empty page whose next link repeats the cursor it was read with ends the listing, and
// says so: part-way through a listing it is ErrListingCut (issue 15: a partial list must never
// pass for the whole one); an empty first page linking to itself is an empty listing.
func TestCursorEchoEndsTheListing(t *testing.T) {
	tests := []struct {
		name     string
		items    string
		reqQuery string
		link     string // next URL's query
		wantNext bool
		wantLog  bool
		wantCut  bool
	}{
		{"WX01: empty page repeating the cursor", `[]`, "cursor=bogus&max=2", "cursor=bogus&max=2", false, true, true},
		{"empty page with a new cursor goes on", `[]`, "cursor=a", "cursor=b", true, false, false},
		{"items with the same cursor go on", `[{"id":"P"}]`, "cursor=a", "cursor=a", true, false, false},
		{"empty first page linking to itself", `[]`, "max=2", "max=2", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *recorder
			r = newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
				w.Header().Set("Link", fmt.Sprintf(`<%s/v1/people?%s>; rel="next"`, r.srv.URL, tt.link))
				w.Header().Set("Trackingid", "ROUTER_ECHO")
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"items":` + tt.items + `}`))
			})
			c, _, logs := newTestClient(t, r)
			page, err := c.ListPeople(context.Background(), PeopleQuery{}, r.base()+"/people?"+tt.reqQuery)
			if tt.wantCut {
				require.ErrorIs(t, err, ErrListingCut)
				var we *Error
				require.ErrorAs(t, err, &we)
				assert.Equal(t, "ROUTER_ECHO", we.TrackingID)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantNext, page.Next != "")
			if tt.wantLog {
				assert.Contains(t, logs.String(), `"trackingId":"ROUTER_ECHO"`)
				assert.Contains(t, logs.String(), `WX01`)
			} else {
				assert.NotContains(t, logs.String(), "WX01")
			}
		})
	}
}

func TestPeoplePageCarriesNotFoundIDs(t *testing.T) {
	r := newRecorder(t, ok(`{"items":[{"id":"A"}],"notFoundIds":["B"]}`))
	c, _, _ := newTestClient(t, r)
	page, err := c.ListPeople(context.Background(), PeopleQuery{IDs: []string{"A", "B"}}, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"B"}, page.NotFoundIDs)
	assert.Equal(t, "A", page.Items[0].ID)
	assert.Empty(t, page.Next)
}
