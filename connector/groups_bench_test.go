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

// BenchmarkListGroups lists 200 groups (plus the 3 seeded) in one page, with their members and
// with excludedAttributes=members as Entra asks. upstream-req/op is the Webex calls one listing
// costs: with members, GET /teams plus GET /people/me plus one membership walk per group; without,
// GET /teams alone.
//
//	go test -run '^$' -bench ListGroups -benchmem ./connector/
func BenchmarkListGroups(b *testing.B) {
	const groups = 200
	teams := make(map[string]int, groups)
	for i := range groups {
		teams[fmt.Sprintf("Bench team %03d", i)] = 5
	}
	opts := embedded.Options{SCIMToken: scimToken}
	withExtraTeams(b, 5, teams)(&opts)
	st, err := embedded.Start(context.Background(), opts)
	require.NoError(b, err)
	b.Cleanup(st.Close)
	srv := httptest.NewServer(st.Connector)
	b.Cleanup(srv.Close)

	for _, tc := range []struct{ name, query string }{
		{"members", "count=1000"},
		{"excludedAttributes=members", "count=1000&excludedAttributes=members"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			upstream := 0
			for b.Loop() {
				st.Fake.ClearRequests()
				body := benchGet(b, srv, "/scim/v2/Groups?"+tc.query)
				if n := gjson.GetBytes(body, "totalResults").Int(); n != groups+3 {
					b.Fatalf("totalResults %d, want %d", n, groups+3)
				}
				upstream += len(st.Fake.Requests())
			}
			b.ReportMetric(float64(upstream)/float64(b.N), "upstream-req/op")
		})
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
