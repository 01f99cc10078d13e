package connector

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsRoute says whether the connector's own handler serves /metrics, and to whom.
type MetricsRoute int

const (
	// MetricsElsewhere (the zero value): /metrics is not on this handler. The caller serves it on
	// a port of its own (MetricsHandler), or metrics are off.
	MetricsElsewhere MetricsRoute = iota
	// MetricsAuthenticated: /metrics needs the same bearer token as SCIM (design §3.1), because
	// the listener can be reached from other hosts and the counts tell how a tenant is used.
	MetricsAuthenticated
	// MetricsOpen: /metrics answers without authentication; for a connector that listens on
	// loopback only.
	MetricsOpen
)

// MetricsHandler serves the metrics of reg in the Prometheus exposition format (the format is
// negotiated with the scraper). Errors while gathering are counted in reg itself
// (promhttp_metric_handler_errors_total).
func MetricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}

// serverMetrics are the connector's own metrics: the requests it serves and the index-paging
// cache. A nil *serverMetrics records nothing, so each hook is one unconditional call. Labels are
// route templates and fixed words, never ids, filters or email addresses.
type serverMetrics struct {
	requests     *prometheus.CounterVec   // route, method, status
	duration     *prometheus.HistogramVec // route, method
	cacheLookups *prometheus.CounterVec   // resource, result
	now          func() time.Time
}

// unmatchedRoute is the route label of a request no route took (404, 405): its path is not a
// template and may hold anything.
const unmatchedRoute = "unmatched"

func newServerMetrics(reg prometheus.Registerer, now func() time.Time) (*serverMetrics, error) {
	m := &serverMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_requests_total",
			Help: "HTTP requests the connector answered (SCIM and the others), by route template (\"unmatched\": no route), method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "webex_scim_request_duration_seconds",
			Help:    "Time the connector took to answer a request, Webex calls included, by route template and method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
		cacheLookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "webex_scim_paging_cache_lookups_total",
			Help: "Lookups in the index-paging cache (design §3.4) for a page after the first, by resource and result (hit: served without walking Webex again; miss: walked again).",
		}, []string{"resource", "result"}),
		now: now,
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.cacheLookups} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// At 0 from the start, so that a hit ratio has its series before the first lookup.
	for _, resource := range []string{"Users", "Groups", "search"} {
		m.cacheLookups.WithLabelValues(resource, "hit")
		m.cacheLookups.WithLabelValues(resource, "miss")
	}
	return m, nil
}

// instrument counts and times every request that reaches next. It sits outside logRequests, so
// the status it sees is the one the client got, a recovered panic's 500 included; the route
// comes from recordRoute, which runs after mux has chosen it.
func (m *serverMetrics) instrument(next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := m.now()
		rec := &routeRecorder{statusRecorder: statusRecorder{ResponseWriter: w}, route: unmatchedRoute}
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		method := methodLabel(r.Method)
		m.requests.WithLabelValues(rec.route, method, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(rec.route, method).Observe(m.now().Sub(start).Seconds())
	})
}

// recordRoute is a gorilla/mux middleware (mux runs it only for a request a route took): it
// hands that route's template, /scim/v2/Users/{id}, to the routeRecorder of instrument.
func (m *serverMetrics) recordRoute(next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rec := findRouteRecorder(w); rec != nil {
			if route := mux.CurrentRoute(r); route != nil {
				if tmpl, err := route.GetPathTemplate(); err == nil {
					rec.route = tmpl
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// routeRecorder is the writer instrument hands down: the status, and the route recordRoute
// found. Carrying the route in the writer (the handlers below wrap it and unwrap to it) costs
// nothing per request, where a context value would copy the request.
type routeRecorder struct {
	statusRecorder
	route string
}

func findRouteRecorder(w http.ResponseWriter) *routeRecorder {
	for {
		if rec, ok := w.(*routeRecorder); ok {
			return rec
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return nil
		}
		w = u.Unwrap()
	}
}

// methodLabel keeps the method label to the methods HTTP defines: an unmatched request may carry
// any token as its method.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// pageCacheLookup counts one lookup in the index-paging cache; key is a cacheKey, whose resource
// is the part before the first NUL. Only the resources the cache holds become labels, never a
// filter (it may hold an email address).
func (m *serverMetrics) pageCacheLookup(key string, hit bool) {
	if m == nil {
		return
	}
	resource, _, _ := strings.Cut(key, "\x00")
	switch resource {
	case "Users", "Groups":
	case rootSearchResource:
		resource = "search" // POST /.search on the root: Users and Groups together
	default:
		resource = "other"
	}
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cacheLookups.WithLabelValues(resource, result).Inc()
}

// setUpMetrics registers the connector's metrics on reg (nil: none are kept) and decides how
// /metrics is served here. s.auth and s.pages are set.
func (s *Server) setUpMetrics(reg *prometheus.Registry, route MetricsRoute) error {
	if reg != nil {
		m, err := newServerMetrics(reg, s.now)
		if err != nil {
			return fmt.Errorf("connector: metrics: %w", err)
		}
		s.metrics = m
	}
	s.pages.metrics = s.metrics
	switch {
	case route == MetricsElsewhere:
	case reg == nil:
		return errors.New("connector: serving /metrics needs a metrics registry")
	case route == MetricsOpen:
		s.metricsHandler = MetricsHandler(reg)
	case route == MetricsAuthenticated:
		s.metricsHandler = s.requireBearer(MetricsHandler(reg))
	default:
		return fmt.Errorf("connector: unknown metrics route %d", route)
	}
	return nil
}
