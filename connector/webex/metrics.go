package webex

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the Webex client's Prometheus metrics: every HTTP attempt by endpoint template,
// method and status, the retries and their waits (design §3.9), and the token refreshes (design
// §3.8). Build one per connector with NewMetrics on the registry the connector serves at /metrics,
// and hand it to Config.Metrics and WithTokenMetrics. A nil *Metrics records nothing.
//
// Labels never carry an id, an email address or a query value: an endpoint is a route template
// such as /v1/people/{id} (endpointTemplate), so the series stay few however many people exist.
type Metrics struct {
	requests        *prometheus.CounterVec   // endpoint, method, status
	duration        *prometheus.HistogramVec // endpoint, method
	rateLimited     *prometheus.CounterVec   // endpoint
	retries         *prometheus.CounterVec   // reason
	retryWait       *prometheus.CounterVec   // reason
	refreshes       prometheus.Counter
	refreshFailures *prometheus.CounterVec // reason
}

// The reason labels of webex_scim_webex_retries_total, webex_scim_webex_retry_wait_seconds_total
// and webex_scim_webex_token_refresh_failures_total.
const (
	retryRateLimited  = "rate_limited"
	retryServerError  = "server_error"
	retryTransport    = "transport"
	retryUnauthorized = "unauthorized"
	refreshRefused    = "refused"
	refreshError      = "error"
)

// NewMetrics registers the Webex client's metrics on reg (a registry of one connector: two
// connectors in one process each have their own).
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_webex_requests_total",
			Help: "HTTP requests the connector sent to Webex (each attempt of a retried call counts), by endpoint template, method and status (\"error\": no answer).",
		}, []string{"endpoint", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "webex_scim_webex_request_duration_seconds",
			Help:    "Time from sending a request to Webex to its answer's headers, by endpoint template and method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"endpoint", "method"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_webex_rate_limited_total",
			Help: "Webex answers 429 Too Many Requests, by endpoint template.",
		}, []string{"endpoint"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_webex_retries_total",
			Help: "Webex calls sent again after a failed attempt, by reason: rate_limited (429), server_error (5xx), transport, unauthorized (401, after a token refresh).",
		}, []string{"reason"}),
		retryWait: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_webex_retry_wait_seconds_total",
			Help: "Seconds spent waiting before retrying Webex calls (Retry-After for rate_limited, backoff otherwise), by reason.",
		}, []string{"reason"}),
		refreshes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "webex_scim_webex_token_refreshes_total",
			Help: "Refreshes of the Webex access token, successful or not.",
		}),
		refreshFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_webex_token_refresh_failures_total",
			Help: "Failed refreshes of the Webex access token, by reason: refused (Webex refused the refresh token or the client; an administrator must consent again) or error (429, 5xx, no answer: tried again after a backoff).",
		}, []string{"reason"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.rateLimited, m.retries, m.retryWait, m.refreshes, m.refreshFailures} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// The fixed label values are there from the start at 0, so that a rate or an alert on them
	// has a series before the first retry or failure.
	for _, reason := range []string{retryRateLimited, retryServerError, retryTransport, retryUnauthorized} {
		m.retries.WithLabelValues(reason)
		m.retryWait.WithLabelValues(reason)
	}
	for _, reason := range []string{refreshRefused, refreshError} {
		m.refreshFailures.WithLabelValues(reason)
	}
	return m, nil
}

// WithTokenMetrics counts the store's refreshes and their failures in m.
func WithTokenMetrics(m *Metrics) TokenStoreOption {
	return func(s *TokenStore) { s.metrics = m }
}

// instrument returns a copy of hc whose transport records every request it sends. hc itself is
// left alone: the caller may share it (embedded mode gives the token store the same client, and
// a refresh is counted by tokenRefresh, not as an API call).
func (m *Metrics) instrument(hc *http.Client, base *url.URL, now func() time.Time) *http.Client {
	if m == nil {
		return hc
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport // what a nil Transport means to http.Client
	}
	c := *hc
	c.Transport = &metricsTransport{m: m, next: next, basePath: strings.TrimRight(base.EscapedPath(), "/"), now: now}
	return &c
}

// metricsTransport is the http.RoundTripper that records each request to Webex: the client's
// retries happen above it, so each attempt is counted, as Webex (and the fake's request log)
// sees them.
type metricsTransport struct {
	m        *Metrics
	next     http.RoundTripper
	basePath string // "/v1": the templates are under it
	now      func() time.Time
}

func (t *metricsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := t.now()
	resp, err := t.next.RoundTrip(req)
	endpoint := endpointTemplate(t.basePath, req.URL.EscapedPath())
	t.m.duration.WithLabelValues(endpoint, req.Method).Observe(t.now().Sub(start).Seconds())
	status := "error"
	if err == nil {
		status = strconv.Itoa(resp.StatusCode)
		if resp.StatusCode == http.StatusTooManyRequests {
			t.m.rateLimited.WithLabelValues(endpoint).Inc()
		}
	}
	t.m.requests.WithLabelValues(endpoint, req.Method, status).Inc()
	return resp, err
}

// endpointTemplate is the route template of an escaped request path: /v1/people/{id} for
// /v1/people/Y2lzY29z..., /v1/people/me as it is. A path outside the known routes is "other",
// so that no id ever becomes a label value (each value is a time series kept forever).
func endpointTemplate(basePath, path string) string {
	rest, ok := strings.CutPrefix(path, basePath)
	if !ok {
		return "other"
	}
	// The Webex collections the client calls (people.go, teams.go, memberships.go, roles.go,
	// licenses.go, groups.go), each answering at {collection} and {collection}/{id}; a Control Hub
	// group's members are /groups/{id}/members.
	for _, coll := range [...]string{"/people", "/teams", "/team/memberships", "/roles", "/licenses", "/groups"} {
		tail, ok := strings.CutPrefix(rest, coll)
		if !ok {
			continue
		}
		switch {
		case tail == "" || tail == "/":
			return basePath + coll
		case coll == "/people" && tail == "/me":
			return basePath + "/people/me"
		case len(tail) > 1 && tail[0] == '/' && !strings.Contains(tail[1:], "/"):
			return basePath + coll + "/{id}"
		case coll == "/groups" && len(tail) > len("//members") && tail[0] == '/' &&
			strings.HasSuffix(tail, "/members") && !strings.Contains(tail[1:len(tail)-len("/members")], "/"):
			return basePath + "/groups/{id}/members"
		}
	}
	return "other"
}

// retry records a wait before the next attempt of a call whose attempt failed with status (0:
// no answer), in do.
func (m *Metrics) retry(status int, wait time.Duration) {
	if m == nil {
		return
	}
	reason := retryTransport
	switch {
	case status == http.StatusTooManyRequests:
		reason = retryRateLimited
	case status == http.StatusUnauthorized:
		reason = retryUnauthorized
	case status >= 500:
		reason = retryServerError
	}
	m.retries.WithLabelValues(reason).Inc()
	m.retryWait.WithLabelValues(reason).Add(wait.Seconds())
}

// tokenRefresh records one refresh at Webex's token endpoint and how it ended: err is what
// golang.org/x/oauth2 returned, read as the token store reads it (refusedRefresh).
func (m *Metrics) tokenRefresh(err error) {
	if m == nil {
		return
	}
	m.refreshes.Inc()
	if err == nil {
		return
	}
	if _, _, refused := refusedRefresh(err); refused {
		m.refreshFailures.WithLabelValues(refreshRefused).Inc()
		return
	}
	m.refreshFailures.WithLabelValues(refreshError).Inc()
}
