package webex

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// seen is one request as the test server received it.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// recorder is an httptest server whose answers a test scripts; it keeps every request.
type recorder struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	requests []seen
	handler  http.HandlerFunc
}

func newRecorder(t *testing.T, h http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{t: t, handler: h}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, seen{req.Method, req.URL.Path, req.URL.RawQuery, req.Header.Clone(), body})
		h := r.handler
		r.mu.Unlock()
		req.Body = io.NopCloser(bytes.NewReader(body))
		h(w, req)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *recorder) seen() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.requests...)
}

func (r *recorder) base() string { return r.srv.URL + "/v1" }

// sleeps records the waits a client asked for and returns at once (no timed tests).
type sleeps struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// logBuffer captures slog output for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

const testToken = "test-access-token-0123456789"

// newTestClient builds a client against r with a static token and recorded sleeps.
func newTestClient(t *testing.T, r *recorder, mod ...func(*Config)) (*Client, *sleeps, *logBuffer) {
	t.Helper()
	sl := &sleeps{}
	logs := &logBuffer{}
	cfg := Config{
		BaseURL:     r.base(),
		HTTPClient:  r.srv.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testToken}),
		UserAgent:   "webex-scim/test",
		Logger:      logs.logger(),
		Sleep:       sl.sleep,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	require.NoError(t, err)
	return c, sl, logs
}

// writeJSON answers status with a JSON body and a trackingid header, as Webex does.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Trackingid", "ROUTER_TEST")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func webexError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, `{"message":"`+msg+`","errors":[{"description":"`+msg+`"}],"trackingId":"ROUTER_`+http.StatusText(status)+`"}`)
}
