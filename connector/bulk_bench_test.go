package connector_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// BenchmarkBulkCreateUsers creates 20 users in one Bulk request against a fake Webex that takes
// 20 ms per call (about a real Webex round trip): without failOnErrors independent operations
// run 4 at a time (bulkFanOut); with failOnErrors one at a time, so that the stop is exact.
//
//	go test -run '^$' -bench BulkCreateUsers -benchtime 5x ./connector/
func BenchmarkBulkCreateUsers(b *testing.B) {
	for _, mode := range []struct {
		name         string
		failOnErrors int
	}{{"concurrent", 0}, {"failOnErrors", 20}} {
		b.Run(mode.name, func(b *testing.B) {
			st, err := embedded.Start(context.Background(), embedded.Options{SCIMToken: scimToken})
			require.NoError(b, err)
			b.Cleanup(st.Close)
			srv := httptest.NewServer(st.Connector)
			b.Cleanup(srv.Close)
			_, err = st.Fake.AddFault(mockwebex.Fault{Name: mockwebex.FaultLatency, MS: 20})
			require.NoError(b, err)
			n := 0
			for b.Loop() {
				ops := make([]map[string]any, 0, 20)
				for range 20 {
					n++
					ops = append(ops, postUserOp("u"+itoa(n), "bench-"+itoa(n)+"@example.com"))
				}
				body := benchPost(b, srv, "/scim/v2/Bulk", bulkBody(mode.failOnErrors, ops...))
				if got := gjson.GetBytes(body, `Operations.#(status=="201")#`).Array(); len(got) != 20 {
					b.Fatalf("not every create succeeded: %s", body)
				}
			}
		})
	}
}

func benchPost(b *testing.B, srv *httptest.Server, path string, v any) []byte {
	raw, err := json.Marshal(v)
	require.NoError(b, err)
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(raw))
	require.NoError(b, err)
	req.Header.Set("Authorization", "Bearer "+scimToken)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := srv.Client().Do(req)
	require.NoError(b, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(b, err)
	return body
}
