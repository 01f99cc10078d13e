package connector_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/internal/embedded"
)

// BenchmarkListGroups reads one page of 100 groups out of 200 (plus the seeded ones), with their
// members and with excludedAttributes=members as Entra asks, for each group kind (design §4.2,
// §4.7). upstream-req/page is the Webex calls that page costs: teams — GET /teams, plus GET
// /people/me and one membership walk per group on the page with members; Control Hub groups — one
// GET /groups (includeMembers when members are returned), whatever the page holds.
//
//	go test -run '^$' -bench ListGroups -benchmem ./connector/
func BenchmarkListGroups(b *testing.B) {
	const groups, page = 200, 100
	teams := make(map[string]int, groups)
	sizes := make([]int, groups)
	for i := range groups {
		teams[fmt.Sprintf("Bench team %03d", i)] = 5
		sizes[i] = 5
	}
	for _, kind := range []struct {
		name string
		opts func(*embedded.Options)
	}{
		{"teams", withExtraTeams(b, 5, teams)},
		{"groups", func(o *embedded.Options) { asGroups(o); withBigGroups(b, 5, sizes...)(o) }},
	} {
		opts := embedded.Options{SCIMToken: scimToken}
		kind.opts(&opts)
		st, err := embedded.Start(context.Background(), opts)
		require.NoError(b, err)
		b.Cleanup(st.Close)
		srv := httptest.NewServer(st.Connector)
		b.Cleanup(srv.Close)
		want := int64(len(st.Fake.State().Teams))
		if kind.name == "groups" {
			want = int64(len(st.Fake.State().Groups))
		}
		for _, tc := range []struct{ name, query string }{
			{"members", fmt.Sprintf("count=%d", page)},
			{"excludedAttributes=members", fmt.Sprintf("count=%d&excludedAttributes=members", page)},
		} {
			b.Run(kind.name+"/"+tc.name, func(b *testing.B) {
				upstream := 0
				for b.Loop() {
					st.Fake.ClearRequests()
					body := benchGet(b, srv, "/scim/v2/Groups?"+tc.query)
					if n := gjson.GetBytes(body, "totalResults").Int(); n != want {
						b.Fatalf("totalResults %d, want %d", n, want)
					}
					if n := gjson.GetBytes(body, "itemsPerPage").Int(); n != page {
						b.Fatalf("itemsPerPage %d, want %d", n, page)
					}
					upstream += len(st.Fake.Requests())
				}
				b.ReportMetric(float64(upstream)/float64(b.N), "upstream-req/page")
			})
		}
	}
}

func benchGet(b *testing.B, srv *httptest.Server, path string) []byte {
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+scimToken)
	resp, err := srv.Client().Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v %.200s", path, resp.StatusCode, err, body)
	}
	return body
}
