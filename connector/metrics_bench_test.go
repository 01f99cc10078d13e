package connector_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
)

// BenchmarkMetricsOverhead times the connector's handler, in process, on an authenticated request
// that needs no Webex call (GET /ServiceProviderConfig), with metrics off and on: the difference
// is what counting and timing one SCIM request costs (the route template, two label lookups, a
// histogram observation).
func BenchmarkMetricsOverhead(b *testing.B) {
	for _, on := range []bool{false, true} {
		name := map[bool]string{false: "off", true: "on"}[on]
		b.Run(name, func(b *testing.B) {
			var reg *prometheus.Registry // nil: metrics off
			if on {
				reg = prometheus.NewRegistry()
			}
			st, err := embedded.Start(context.Background(), embedded.Options{
				SCIMToken: scimToken, Metrics: reg, MetricsRoute: connector.MetricsElsewhere,
			})
			require.NoError(b, err)
			b.Cleanup(st.Close)
			req := httptest.NewRequest(http.MethodGet, "/scim/v2/ServiceProviderConfig", nil)
			req.Header.Set("Authorization", "Bearer "+scimToken)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				st.Connector.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%d, want 200", w.Code)
				}
			}
		})
	}
}
