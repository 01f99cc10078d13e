package webex

import (
	"context"
	"net/http"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestEndpointTemplate(t *testing.T) {
	for path, want := range map[string]string{
		"/v1/people":                      "/v1/people",
		"/v1/people/":                     "/v1/people",
		"/v1/people/me":                   "/v1/people/me",
		"/v1/people/Y2lzY29zcGFyazovL3Vz": "/v1/people/{id}",
		"/v1/people/a%2Fb":                "/v1/people/{id}",
		"/v1/teams/T1":                    "/v1/teams/{id}",
		"/v1/teams":                       "/v1/teams",
		"/v1/team/memberships":            "/v1/team/memberships",
		"/v1/team/memberships/M1":         "/v1/team/memberships/{id}",
		"/v1/roles/R1":                    "/v1/roles/{id}",
		"/v1/licenses":                    "/v1/licenses",
		"/v1/licenses/L1":                 "/v1/licenses/{id}",
		"/v1/people/P1/extra":             "other",
		"/v1/teamsX":                      "other",
		"/v1/organizations/O1":            "other",
		"/v2/people/P1":                   "other",
		"/v1/access_token":                "other",
	} {
		assert.Equal(t, want, endpointTemplate("/v1", path), path)
	}
	assert.Equal(t, "/people/{id}", endpointTemplate("", "/people/P1"), "a base URL without a path")
}

// design §3.9: each attempt is counted with its status, each retry with its reason and wait.
func TestMetricsCountAttemptsRetriesAndWaits(t *testing.T) {
	answers := []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusOK}
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusInternalServerError)
		case len(answers) > 0:
			status := answers[0]
			answers = answers[1:]
			if status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "7")
			}
			w.WriteHeader(status)
			if status == http.StatusOK {
				_, _ = w.Write([]byte(`{"id":"P1","emails":["a@example.com"]}`))
			}
		}
	})
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	require.NoError(t, err)
	var sl sleeps
	c, err := New(Config{BaseURL: rec.base(), TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}),
		Sleep: sl.sleep, Metrics: m})
	require.NoError(t, err)

	_, err = c.GetPerson(context.Background(), "P1")
	require.NoError(t, err)
	_, err = c.CreatePerson(context.Background(), Person{Emails: []string{"b@example.com"}})
	require.Error(t, err, "a create is not retried after a 500")

	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues("/v1/people/{id}", "GET", "503")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues("/v1/people/{id}", "GET", "429")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues("/v1/people/{id}", "GET", "200")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues("/v1/people", "POST", "500")))
	// After an ambiguous create, the client looks the person up by email (design §3.9).
	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues("/v1/people", "GET", "200")))
	assert.Equal(t, 5, testutil.CollectAndCount(m.requests), "no other series")
	assert.Equal(t, 1.0, testutil.ToFloat64(m.rateLimited.WithLabelValues("/v1/people/{id}")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.retries.WithLabelValues("server_error")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.retries.WithLabelValues("rate_limited")))
	assert.Equal(t, 0.0, testutil.ToFloat64(m.retries.WithLabelValues("transport")))
	assert.Equal(t, sl.all()[0].Seconds(), testutil.ToFloat64(m.retryWait.WithLabelValues("server_error")))
	assert.Equal(t, 7.0, testutil.ToFloat64(m.retryWait.WithLabelValues("rate_limited")), "Retry-After: 7")
	assert.Len(t, rec.seen(), 5)
}

// design §3.8: refreshes are counted, and a failed one by why it failed.
func TestMetricsCountTokenRefreshes(t *testing.T) {
	status := http.StatusOK
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		if status == http.StatusOK {
			_, _ = w.Write([]byte(`{"access_token":"new","token_type":"Bearer","expires_in":3600,"refresh_token":"r2"}`))
			return
		}
		if status == http.StatusBadRequest {
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		_, _ = w.Write([]byte(`{"message":"try again later"}`))
	})
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	require.NoError(t, err)
	store := NewTokenStore(&oauth2.Config{ClientID: "c", ClientSecret: "s", Endpoint: Endpoint(rec.base())}, nil, nil,
		WithTokenHTTPClient(rec.srv.Client()), WithTokenMetrics(m))

	for _, st := range []int{http.StatusOK, http.StatusBadGateway, http.StatusBadRequest} {
		status = st
		store.SetRefreshToken("r-" + http.StatusText(st))
		_, _ = store.Token()
	}
	_, err = store.Token()
	require.Error(t, err, "refused: no new attempt")
	assert.Equal(t, 3.0, testutil.ToFloat64(m.refreshes))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.refreshFailures.WithLabelValues("error")), "502: Webex failing")
	assert.Equal(t, 1.0, testutil.ToFloat64(m.refreshFailures.WithLabelValues("refused")), "400 invalid_grant")
	assert.Len(t, rec.seen(), 3)
}

// Two connectors in one process keep their own metrics; one registry cannot take them twice.
func TestNewMetricsPerRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	_, err := NewMetrics(reg)
	require.NoError(t, err)
	_, err = NewMetrics(prometheus.NewRegistry())
	require.NoError(t, err)
	_, err = NewMetrics(reg)
	assert.Error(t, err)
}
