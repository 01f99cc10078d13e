package main

import (
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector"
)

// The README's first command, then curl /metrics: the metrics are there, with non-zero counts
// once a request was made. The connector listens on loopback, so /metrics needs no token.
func TestRunServesMetrics(t *testing.T) {
	s := start(t, map[string]string{})
	token := s.line("SCIM bearer token:")
	assert.Equal(t, s.base+"/metrics", s.line("webex-scim metrics on"))
	c := &http.Client{Timeout: safetyTimeout}
	status, body := get(t, c, s.base+"/scim/v2/Users?count=1", token)
	require.Equal(t, http.StatusOK, status, body)

	status, body = get(t, c, s.base+"/metrics", "")
	require.Equal(t, http.StatusOK, status, body)
	for _, want := range []string{
		`webex_scim_requests_total{method="GET",route="/scim/v2/Users",status="200"} 1`,
		`webex_scim_webex_requests_total{endpoint="/v1/people",method="GET",status="200"} 1`,
		`webex_scim_webex_token_refreshes_total 0`,
		`webex_scim_paging_cache_lookups_total{resource="Users",result="hit"} 0`,
		`webex_scim_webex_retries_total{reason="rate_limited"} 0`,
		"go_goroutines ",
	} {
		assert.Contains(t, body, want)
	}
	assert.Regexp(t, regexp.MustCompile(`(?m)^webex_scim_request_duration_seconds_count\{method="GET",route="/scim/v2/Users"\} 1$`), body)
}

// SCIM_METRICS_ADDR gives /metrics a port of its own (no authentication there, and none on the
// SCIM port); "off" turns metrics off.
func TestRunMetricsAddr(t *testing.T) {
	c := &http.Client{Timeout: safetyTimeout}

	s := start(t, map[string]string{"SCIM_METRICS_ADDR": "127.0.0.1:0"})
	own := s.line("webex-scim metrics on")
	require.Regexp(t, `^http://127\.0\.0\.1:\d+/metrics$`, own)
	require.NotEqual(t, s.base+"/metrics", own)
	status, body := get(t, c, s.base+"/scim/v2/Users?count=1", s.line("SCIM bearer token:"))
	require.Equal(t, http.StatusOK, status, body)
	status, _ = get(t, c, s.base+"/metrics", "")
	assert.Equal(t, http.StatusNotFound, status, "not on the SCIM port")
	status, body = get(t, c, own, "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `webex_scim_requests_total{method="GET",route="/scim/v2/Users",status="200"} 1`)

	off := start(t, nil, "-metrics-addr", "off")
	assert.Empty(t, off.line("webex-scim metrics on"))
	status, _ = get(t, c, off.base+"/metrics", "")
	assert.Equal(t, http.StatusNotFound, status)
}

// A metrics address already taken stops the start with a message that says what to do.
func TestRunMetricsAddrInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = run(t.Context(), []string{"-addr", "127.0.0.1:0", "-metrics-addr", ln.Addr().String()}, func(string) string { return "" }, &strings.Builder{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-metrics-addr")
}

// addrListener is a net.Listener that only tells its address.
type addrListener struct {
	net.Listener
	addr net.Addr
}

func (l addrListener) Addr() net.Addr { return l.addr }

// On the SCIM port, /metrics is open on loopback only; elsewhere it takes the SCIM token.
func TestMetricsRoute(t *testing.T) {
	on := func(ip string) net.Listener { return addrListener{addr: &net.TCPAddr{IP: net.ParseIP(ip), Port: 8080}} }
	assert.Equal(t, connector.MetricsOpen, metricsRoute("", on("127.0.0.1")))
	assert.Equal(t, connector.MetricsOpen, metricsRoute("", on("::1")))
	assert.Equal(t, connector.MetricsAuthenticated, metricsRoute("", on("0.0.0.0")))
	assert.Equal(t, connector.MetricsAuthenticated, metricsRoute("", on("10.1.2.3")))
	assert.Equal(t, connector.MetricsElsewhere, metricsRoute("127.0.0.1:9464", on("10.1.2.3")))
	assert.Equal(t, connector.MetricsElsewhere, metricsRoute("off", on("127.0.0.1")))
}
