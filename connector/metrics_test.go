package connector_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// metricsTarget is a target whose connector keeps metrics and serves them at /metrics.
func metricsTarget(t *testing.T, route connector.MetricsRoute, opts ...func(*embedded.Options)) *target {
	t.Helper()
	return newTarget(t, append([]func(*embedded.Options){func(o *embedded.Options) {
		o.Metrics = prometheus.NewRegistry()
		o.MetricsRoute = route
	}}, opts...)...)
}

// scrape reads /metrics as Prometheus would (token "": none) and parses the text format.
func (tg *target) scrape(token string) map[string]*dto.MetricFamily {
	tg.t.Helper()
	req, err := http.NewRequest(http.MethodGet, tg.url+"/metrics", nil)
	require.NoError(tg.t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := tg.srv.Client().Do(req)
	require.NoError(tg.t, err)
	defer resp.Body.Close()
	require.Equal(tg.t, http.StatusOK, resp.StatusCode)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	require.NoError(tg.t, err)
	return fams
}

// series sums a family's samples (counter values, or histogram sample counts) by the values of
// the labels named, joined with " ".
func series(fams map[string]*dto.MetricFamily, name string, labels ...string) map[string]float64 {
	out := map[string]float64{}
	f, ok := fams[name]
	if !ok {
		return out
	}
	for _, m := range f.GetMetric() {
		var key []string
		for _, l := range labels {
			v := ""
			for _, lp := range m.GetLabel() {
				if lp.GetName() == l {
					v = lp.GetValue()
				}
			}
			key = append(key, v)
		}
		v := m.GetCounter().GetValue()
		if m.GetHistogram() != nil {
			v = float64(m.GetHistogram().GetSampleCount())
		}
		out[strings.Join(key, " ")] += v
	}
	return out
}

// fakeControl calls the fake's control plane (mockwebex/control.go) over HTTP, as the harness
// does.
func (tg *target) fakeControl(method, path string, body any) []byte {
	tg.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(tg.t, err)
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, strings.TrimSuffix(tg.stack.WebexURL, "/v1")+"/_mock"+path, rd)
	require.NoError(tg.t, err)
	resp, err := tg.srv.Client().Do(req)
	require.NoError(tg.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(tg.t, err)
	require.Less(tg.t, resp.StatusCode, 300, string(raw))
	return raw
}

// The connector's metrics after a real sequence of SCIM requests: SCIM requests counted by route
// template, method and status exactly as sent; Webex calls by endpoint template, method and
// status exactly as the fake's request log (GET /_mock/requests) holds them; the 429 and its
// Retry-After wait; the 401 and the token refresh after it, as the log shows them; a paging-cache hit. No label carries an
// id or an email address.
func TestMetricsCountWhatHappened(t *testing.T) {
	for _, kind := range []connector.GroupKind{connector.GroupKindTeams, connector.GroupKindGroups} {
		t.Run(string(kind), func(t *testing.T) { metricsCountWhatHappened(t, kind) })
	}
}

func metricsCountWhatHappened(t *testing.T, kind connector.GroupKind) {
	tg := metricsTarget(t, connector.MetricsOpen, func(o *embedded.Options) { o.GroupKind = kind })
	tg.fakeControl(http.MethodDelete, "/requests", nil) // the consent at start is not the connector's doing

	sent := map[string]float64{} // "route method status"
	send := func(route, method, path string, body any, want int) response {
		t.Helper()
		r := tg.do(method, path, body)
		require.Equal(t, want, r.Status, "%s %s: %s", method, path, r.Body)
		sent[fmt.Sprintf("%s %s %d", route, method, want)]++
		return r
	}
	user := func(name string) map[string]any {
		return map[string]any{"schemas": []string{userSchema}, "userName": name + "@example.com",
			"name": map[string]any{"givenName": name, "familyName": "Metrics"}}
	}
	alice := send("/scim/v2/Users", http.MethodPost, "/scim/v2/Users", user("alice"), http.StatusCreated).JSON.Get("id").String()
	bob := send("/scim/v2/Users", http.MethodPost, "/scim/v2/Users", user("bob"), http.StatusCreated).JSON.Get("id").String()
	send("/scim/v2/Users/{id}", http.MethodGet, "/scim/v2/Users/"+alice, nil, http.StatusOK)
	send("/scim/v2/Users/{id}", http.MethodGet, "/scim/v2/Users/no-such-user", nil, http.StatusNotFound)
	send("/scim/v2/Users/{id}", http.MethodPatch, "/scim/v2/Users/"+alice, map[string]any{
		"schemas":    []string{patchOpURN},
		"Operations": []any{map[string]any{"op": "replace", "path": "displayName", "value": "Alice M"}},
	}, http.StatusOK)
	// Index paging: the second page is served from the cache the first filled (design §3.4).
	send("/scim/v2/Users", http.MethodGet, "/scim/v2/Users?startIndex=1&count=2", nil, http.StatusOK)
	send("/scim/v2/Users", http.MethodGet, "/scim/v2/Users?startIndex=3&count=2", nil, http.StatusOK)
	// One 429 with Retry-After: 1: the client waits and retries (design §3.9).
	tg.fakeControl(http.MethodPost, "/faults", mockwebex.Fault{Name: mockwebex.FaultRateLimit, Method: http.MethodGet, Path: "/v1/people/", Times: 1, RetryAfter: 1})
	send("/scim/v2/Users/{id}", http.MethodGet, "/scim/v2/Users/"+bob, nil, http.StatusOK)
	// Webex refuses the access token once (401, as for an expired one): the client has the
	// token store refresh it and sends the call again.
	tg.fakeControl(http.MethodPost, "/faults", mockwebex.Fault{Name: mockwebex.FaultTokenExpired, Method: http.MethodGet, Path: "/v1/people/", Times: 1})
	send("/scim/v2/Users/{id}", http.MethodGet, "/scim/v2/Users/"+alice, nil, http.StatusOK)
	send("/scim/v2/Groups", http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"}, "displayName": "metrics-team",
		"members": []any{map[string]any{"value": alice}},
	}, http.StatusCreated)
	send("/scim/v2/Users/{id}", http.MethodDelete, "/scim/v2/Users/"+bob, nil, http.StatusNoContent)
	send("unmatched", http.MethodGet, "/scim/v2/Nothing/here", nil, http.StatusNotFound)
	r := tg.doAs("", http.MethodGet, "/scim/v2/Users", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
	sent["/scim/v2/Users GET 401"]++

	fams := tg.scrape("")

	// SCIM: exactly what was sent (the scrape itself is counted once it has been answered).
	assert.Equal(t, sent, series(fams, "webex_scim_requests_total", "route", "method", "status"))
	byRoute := map[string]float64{}
	for k, v := range sent {
		f := strings.Fields(k)
		byRoute[f[0]+" "+f[1]] += v
	}
	assert.Equal(t, byRoute, series(fams, "webex_scim_request_duration_seconds", "route", "method"),
		"one latency observation per request")

	// Webex: exactly what the fake's request log holds.
	var log struct {
		Items []mockwebex.RecordedRequest `json:"items"`
	}
	require.NoError(t, json.Unmarshal(tg.fakeControl(http.MethodGet, "/requests", nil), &log))
	calls, callsByEndpoint := map[string]float64{}, map[string]float64{}
	refreshes, tooMany, refused := 0.0, 0.0, 0.0
	for _, rec := range log.Items {
		if rec.Path == "/v1/access_token" {
			refreshes++
			continue
		}
		// The log's paths by route template, worked out by the fake, apart from the connector's own.
		tmpl := mockwebex.EndpointTemplate(rec.Path)
		calls[fmt.Sprintf("%s %s %d", tmpl, rec.Method, rec.Status)]++
		callsByEndpoint[tmpl+" "+rec.Method]++
		switch rec.Status {
		case http.StatusTooManyRequests:
			tooMany++
		case http.StatusUnauthorized:
			refused++
		}
	}
	assert.Equal(t, calls, series(fams, "webex_scim_webex_requests_total", "endpoint", "method", "status"))
	assert.Equal(t, callsByEndpoint, series(fams, "webex_scim_webex_request_duration_seconds", "endpoint", "method"))
	assert.Equal(t, 1.0, tooMany, "the fault fired once")
	assert.Equal(t, map[string]float64{"/v1/people/{id}": tooMany}, series(fams, "webex_scim_webex_rate_limited_total", "endpoint"))
	assert.Equal(t, 1.0, refused, "the fault fired once")
	assert.Equal(t, map[string]float64{"rate_limited": tooMany, "server_error": 0, "transport": 0, "unauthorized": refused},
		series(fams, "webex_scim_webex_retries_total", "reason"))
	assert.Equal(t, map[string]float64{"rate_limited": 1, "server_error": 0, "transport": 0, "unauthorized": 0},
		series(fams, "webex_scim_webex_retry_wait_seconds_total", "reason"), "Retry-After: 1")
	assert.Equal(t, 1.0, refreshes, "the log holds one refresh")
	assert.Equal(t, map[string]float64{"": refreshes}, series(fams, "webex_scim_webex_token_refreshes_total"))
	assert.Equal(t, map[string]float64{"refused": 0, "error": 0}, series(fams, "webex_scim_webex_token_refresh_failures_total", "reason"))

	// startIndex=3 came from the cache; startIndex=1 always walks and does not look.
	assert.Equal(t, map[string]float64{"Users hit": 1, "Users miss": 0, "Groups hit": 0, "Groups miss": 0, "search hit": 0, "search miss": 0},
		series(fams, "webex_scim_paging_cache_lookups_total", "resource", "result"))

	// No id or email address in any label value.
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				for _, secret := range []string{alice, bob, "@example.com", "no-such-user"} {
					assert.NotContains(t, l.GetValue(), secret, "%s{%s}", f.GetName(), l.GetName())
				}
			}
		}
	}
}

// design §3.1: on a listener others can reach, /metrics needs the SCIM bearer token.
func TestMetricsNeedTheSCIMTokenWhenAuthenticated(t *testing.T) {
	tg := metricsTarget(t, connector.MetricsAuthenticated)
	r := tg.doAs("", http.MethodGet, "/metrics", nil)
	assert.Equal(t, http.StatusUnauthorized, r.Status)
	assert.Equal(t, `Bearer realm="webex-scim"`, r.Header.Get("WWW-Authenticate"))
	r = tg.doAs("wrong", http.MethodGet, "/metrics", nil)
	assert.Equal(t, http.StatusUnauthorized, r.Status)
	fams := tg.scrape(tg.token)
	assert.Equal(t, map[string]float64{"/metrics GET 401": 2}, series(fams, "webex_scim_requests_total", "route", "method", "status"))
}

// Metrics kept but served elsewhere (their own port), or not kept at all: no /metrics here.
func TestMetricsNotServedOnTheSCIMHandler(t *testing.T) {
	for name, opt := range map[string]func(*embedded.Options){
		"elsewhere": func(o *embedded.Options) { o.Metrics = prometheus.NewRegistry() },
		"off":       func(*embedded.Options) {},
	} {
		t.Run(name, func(t *testing.T) {
			tg := newTarget(t, opt)
			assert.Equal(t, http.StatusNotFound, tg.do(http.MethodGet, "/metrics", nil).Status)
		})
	}
	client, err := webex.New(webex.Config{BaseURL: "http://127.0.0.1:1/v1", TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})})
	require.NoError(t, err)
	_, err = connector.New(connector.Config{Webex: client, SCIMToken: "x", MetricsRoute: connector.MetricsOpen})
	assert.ErrorContains(t, err, "registry")
}
