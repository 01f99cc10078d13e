package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/cucumber/godog"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// answered counts the requests a handler answered, by method and status, as the SCIM client saw
// them.
type answered struct {
	next http.Handler
	mu   sync.Mutex
	n    map[string]float64 // "METHOD status"
}

func (a *answered) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	a.next.ServeHTTP(rec, r)
	if r.URL.Path != "/metrics" {
		a.mu.Lock()
		a.n[fmt.Sprintf("%s %d", r.Method, rec.Code)]++
		a.mu.Unlock()
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// issue 14: after a run of real features against a connector (Okta's and Entra's request
// sequences, paging, Retry-After), /metrics counts every SCIM request the harness sent, by
// method and status, and every Webex call exactly as the fake's request log holds the
// connector's calls (told from the harness's own Webex checks by the User-Agent), by endpoint
// template, method and status; the 429s and retries are those of the log.
func TestMetricsAfterAFeatureRun(t *testing.T) {
	reg := prometheus.NewRegistry()
	stack, err := embedded.Start(context.Background(), embedded.Options{Metrics: reg, MetricsRoute: connector.MetricsOpen})
	require.NoError(t, err)
	t.Cleanup(stack.Close)
	counted := &answered{next: stack.Connector, n: map[string]float64{}}
	srv := httptest.NewServer(counted)
	t.Cleanup(srv.Close)
	env, err := EnvFromOS(getenv(map[string]string{
		EnvWebexBaseURL: stack.WebexURL, EnvWebexAccessToken: stack.WebexAdminToken, EnvWebexMockControl: "1",
		EnvSCIMBaseURL: srv.URL + "/scim/v2", EnvSCIMToken: stack.SCIMToken, EnvRunPrefix: "wxsmetrics-",
	}))
	require.NoError(t, err)
	t.Cleanup(env.Close)

	status := godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) { InitializeScenario(sc, env) },
		Options: &godog.Options{
			Format: "progress", Output: io.Discard, Strict: true, Concurrency: 1,
			Paths: []string{"../features/e2e", "../features/scim/paging.feature", "../features/scim/retry_after.feature"},
		},
	}.Run()
	require.Equal(t, 0, status, "the features pass")
	require.NotEmpty(t, counted.n)

	resp, err := srv.Client().Get(srv.URL + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	require.NoError(t, err)

	// SCIM: every request the harness sent, and only route templates as labels.
	byMethodStatus := map[string]float64{}
	template := regexp.MustCompile(`^(/scim/v2(/\.search|/[A-Za-z]+(/\.search|/\{id\})?)?|/healthz|/readyz|/oauth/token|/consent(/callback)?|unmatched)$`)
	for _, m := range fams["webex_scim_requests_total"].GetMetric() {
		l := labels(m)
		assert.Regexp(t, template, l["route"])
		byMethodStatus[l["method"]+" "+l["status"]] += m.GetCounter().GetValue()
	}
	assert.Equal(t, counted.n, byMethodStatus)

	// Webex: the connector's calls in the fake's log (GET /_mock/requests).
	req, err := http.NewRequest(http.MethodGet, strings.TrimSuffix(stack.WebexURL, "/v1")+"/_mock/requests", nil)
	require.NoError(t, err)
	lresp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer lresp.Body.Close()
	var log struct {
		Items []mockwebex.RecordedRequest `json:"items"`
	}
	require.NoError(t, json.NewDecoder(lresp.Body).Decode(&log))
	calls := map[string]float64{}
	tooMany := 0.0
	for _, rec := range log.Items {
		if !strings.HasPrefix(rec.UserAgent, "webex-scim/") {
			continue // the harness checking Webex itself, or the consent at start
		}
		tmpl := mockwebex.EndpointTemplate(rec.Path) // the fake's grouping, apart from the connector's
		calls[fmt.Sprintf("%s %s %d", tmpl, rec.Method, rec.Status)]++
		if rec.Status == http.StatusTooManyRequests {
			tooMany++
		}
	}
	require.Less(t, len(log.Items), 10000, "the log kept everything (it holds the last 10,000)")
	got := map[string]float64{}
	for _, m := range fams["webex_scim_webex_requests_total"].GetMetric() {
		l := labels(m)
		got[l["endpoint"]+" "+l["method"]+" "+l["status"]] += m.GetCounter().GetValue()
	}
	assert.Equal(t, calls, got)
	assert.Positive(t, tooMany, "retry_after.feature has Webex answer 429")
	rateLimited := 0.0
	for _, m := range fams["webex_scim_webex_rate_limited_total"].GetMetric() {
		rateLimited += m.GetCounter().GetValue()
	}
	assert.Equal(t, tooMany, rateLimited)
}

// labels are a sample's labels by name.
func labels(m *dto.Metric) map[string]string {
	out := map[string]string{}
	for _, lp := range m.GetLabel() {
		out[lp.GetName()] = lp.GetValue()
	}
	return out
}
