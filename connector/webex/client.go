package webex

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Config configures a Client. Only BaseURL and TokenSource are required.
type Config struct {
	BaseURL      string             // e.g. https://webexapis.com/v1 (no trailing slash needed)
	HTTPClient   *http.Client       // nil: a new client with transport timeouts; redirects are never followed (refuseRedirects)
	TokenSource  oauth2.TokenSource // supplies the bearer token for every call
	UserAgent    string             // e.g. "webex-scim/<name>"; default "webex-scim"
	Logger       *slog.Logger       // nil: discard
	Timeout      time.Duration      // per attempt; default 30s
	MaxAttempts  int                // default 4 (1 = no retry)
	MaxRetryWait time.Duration      // bound on the total time spent waiting between attempts; default 30s
	// Sleep waits between attempts; default waits on a timer or until ctx is done. Tests inject
	// one that records the waits and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time // for Retry-After HTTP dates; default time.Now
	// Metrics, when set, counts every request, retry and wait (metrics.go).
	Metrics *Metrics
}

// Defaults of design §3.9: a few tries, a bounded total wait, a timeout on every call.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxAttempts  = 4
	DefaultMaxRetryWait = 30 * time.Second
	// defaultRetryAfter is the wait after a 429 without a readable Retry-After.
	defaultRetryAfter = time.Second
	// firstBackoff is the first wait before retrying a 5xx or transport failure; it doubles.
	firstBackoff = 100 * time.Millisecond
	// minRetryAfter is the shortest wait a Retry-After can ask for. An HTTP-date has whole
	// seconds, so the time left until it can be a few milliseconds (or nothing, with clocks
	// apart): retrying at once would only meet the same 429 again (design §3.9: never a busy
	// loop).
	minRetryAfter = firstBackoff
	// maxResponseBody bounds a success body read into memory (a people page of 1000 is ~1 MB).
	maxResponseBody = 32 << 20
	// maxErrorBody bounds an error body read for its message.
	maxErrorBody = 64 << 10
)

// Client calls the Webex REST API. It is the only code that knows Webex URLs (ARCHITECTURE.md).
// It is safe for concurrent use.
type Client struct {
	base         *url.URL
	hc           *http.Client
	ts           oauth2.TokenSource
	userAgent    string
	log          *slog.Logger
	timeout      time.Duration
	maxAttempts  int
	maxRetryWait time.Duration
	sleep        func(ctx context.Context, d time.Duration) error
	now          func() time.Time
	metrics      *Metrics // nil: none kept
}

// TokenInvalidator is implemented by token sources that can drop an access token Webex refused
// with 401, so that the next Token call refreshes (TokenStore does). The client then retries the
// call once with the new token; a 401 means Webex did nothing.
type TokenInvalidator interface {
	Invalidate(accessToken string)
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("webex: base URL: %w", err)
	}
	if (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("webex: base URL %q must be an absolute http(s) URL", cfg.BaseURL)
	}
	if base.RawQuery != "" || base.Fragment != "" || base.User != nil {
		return nil, fmt.Errorf("webex: base URL %q must have no query, fragment or user info", cfg.BaseURL)
	}
	if cfg.TokenSource == nil {
		return nil, errors.New("webex: a token source is required")
	}
	c := &Client{
		base:         base,
		hc:           cfg.HTTPClient,
		ts:           cfg.TokenSource,
		userAgent:    cfg.UserAgent,
		log:          cfg.Logger,
		timeout:      cfg.Timeout,
		maxAttempts:  cfg.MaxAttempts,
		maxRetryWait: cfg.MaxRetryWait,
		sleep:        cfg.Sleep,
		now:          cfg.Now,
		metrics:      cfg.Metrics,
	}
	if c.hc == nil {
		c.hc = newHTTPClient()
	} else {
		hc := *c.hc // the caller's client is shared; its redirect policy is not ours to change
		hc.CheckRedirect = refuseRedirects
		c.hc = &hc
	}
	if c.userAgent == "" {
		c.userAgent = "webex-scim"
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.maxAttempts <= 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.maxRetryWait <= 0 {
		c.maxRetryWait = DefaultMaxRetryWait
	}
	if c.sleep == nil {
		c.sleep = sleepContext
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.hc = c.metrics.instrument(c.hc, c.base, c.now)
	return c, nil
}

// newHTTPClient is the default HTTP client: bounded dial and TLS waits (the whole attempt is bounded
// by Config.Timeout through its context), and no redirects (Webex's API does not redirect;
// following one could carry the bearer token elsewhere).
func newHTTPClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   32,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		},
		CheckRedirect: refuseRedirects,
	}
}

// refuseRedirects is the redirect policy of every client the Client uses, its own or the
// caller's: a redirect is never followed, and the 3xx is answered as a failure with its status.
// Webex's API does not redirect, so one comes from something in between (a captive proxy, a
// hijacked name). net/http would forward the Authorization header to the same host or a
// subdomain of it and a POST body to any host on 307/308, and turn a POST into a GET on
// 301-303; none of that may happen with the connector's token or a person's data.
func refuseRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// endpoint builds {base}/{path}?{query}; path segments are escaped by the caller.
func (c *Client) endpoint(path string, q url.Values) *url.URL {
	u := *c.base
	u.Path = c.base.Path + path
	if c.base.RawPath != "" {
		u.RawPath = c.base.RawPath + path
	}
	u.RawQuery = q.Encode()
	return &u
}

// outcome is what one attempt gave.
type outcome struct {
	header http.Header
	err    *Error
	// ambiguous: the request may have reached Webex and been acted on (transport failure after
	// sending, or an unreadable answer). Only idempotent methods are retried after one.
	ambiguous bool
	// final: retrying cannot help (a malformed request, an unusable token, an undecodable 200).
	final bool
	token string // the access token the attempt used, for TokenInvalidator
}

// do sends one logical call with the retry rules of design §3.9:
//   - 429: nothing was done, so every method is retried after Retry-After (1s when absent).
//   - 5xx (but 501, which no retry can change) and transport failures: only idempotent methods
//     (GET, PUT, DELETE) are retried, after 100ms, 200ms, 400ms…; a POST is never retried
//     blindly (design §3.9: a 500 from Webex is often transient, and a create may have happened).
//   - 401 once: the token source is told to drop the token (TokenInvalidator) and the call is
//     retried with a fresh one.
//
// Attempts are bounded by MaxAttempts and the summed waits by MaxRetryWait; a wait that would
// exceed the budget is not started. in is JSON-encoded (or sent as is when []byte); out receives
// the decoded 2xx body when non-nil.
func (c *Client) do(ctx context.Context, method string, u *url.URL, in, out any) (http.Header, error) {
	var body []byte
	switch v := in.(type) {
	case nil:
	case []byte:
		body = v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil, &Error{Method: method, Path: u.RequestURI(), Message: "cannot encode request body", Err: err}
		}
		body = b
	}
	var waited time.Duration
	invalidated := false
	for attempt := 1; ; attempt++ {
		o := c.attempt(ctx, method, u, body, out)
		if o.err == nil {
			return o.header, nil
		}
		e := o.err
		if ctx.Err() != nil || o.final {
			c.logFailure(ctx, e, attempt)
			return nil, e
		}
		wait, retry := c.retryPlan(method, o, &invalidated, attempt)
		if e.Status == http.StatusTooManyRequests && e.RetryAfter == 0 {
			// The connector passes this on to the SCIM client (design §3.9).
			e.RetryAfter = wait
		}
		if !retry || attempt >= c.maxAttempts || waited+wait > c.maxRetryWait {
			c.logFailure(ctx, e, attempt)
			return nil, e
		}
		path, query := logPath(e.Path) // never the query's values (log_redact.go)
		c.log.LogAttrs(ctx, slog.LevelInfo, "webex call failed, retrying",
			slog.String("method", method), slog.String("path", path), slog.String("query", query), slog.Int("status", e.Status),
			slog.String("trackingId", e.TrackingID), slog.Int("attempt", attempt), slog.Duration("wait", wait))
		c.metrics.retry(e.Status, wait)
		if err := c.sleep(ctx, wait); err != nil {
			ce := &Error{Method: method, Path: e.Path, TrackingID: e.TrackingID, Err: err,
				Message: fmt.Sprintf("gave up waiting to retry after status %d %s", e.Status, e.Message)}
			c.logFailure(ctx, ce, attempt)
			return nil, ce
		}
		waited += wait
	}
}

// retryPlan says whether and after how long to retry a failed attempt.
func (c *Client) retryPlan(method string, o outcome, invalidated *bool, attempt int) (time.Duration, bool) {
	e := o.err
	switch {
	case e.Status == http.StatusUnauthorized:
		inv, ok := c.ts.(TokenInvalidator)
		if !ok || *invalidated || o.token == "" {
			return 0, false
		}
		inv.Invalidate(o.token)
		*invalidated = true
		return 0, true
	case e.Status == http.StatusTooManyRequests:
		// Retry-After in seconds or as an HTTP-date; missing, unreadable, zero or past: 1s. A wait
		// past the budget (MaxRetryWait) is not started (do), so nothing waits for hours.
		if e.RetryAfter > 0 {
			return max(e.RetryAfter, minRetryAfter), true
		}
		return defaultRetryAfter, true
	case (e.Status >= 500 && e.Status != http.StatusNotImplemented) || (e.Status == 0 && o.ambiguous):
		if !idempotent(method) {
			return 0, false
		}
		wait := firstBackoff << min(attempt-1, 20)
		return max(wait, e.RetryAfter), true
	}
	return 0, false
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// attempt sends the request once, with its own timeout under the caller's context.
func (c *Client) attempt(ctx context.Context, method string, u *url.URL, body []byte, out any) outcome {
	// The path is only for errors: a success does not build it.
	fail := func(e *Error) *Error { e.Method, e.Path = method, u.RequestURI(); return e }

	tok, err := c.ts.Token()
	if err != nil {
		if errors.Is(err, ErrNoToken) {
			return outcome{err: fail(&Error{Message: "no usable access token", Err: err}), final: true}
		}
		// The refresh itself failed in transit: as retryable as any transport failure.
		return outcome{err: fail(&Error{Message: "cannot obtain an access token", Err: err}), ambiguous: true}
	}
	if tok == nil || tok.AccessToken == "" {
		return outcome{err: fail(&Error{Message: "no usable access token", Err: ErrNoToken}), final: true}
	}

	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, method, u.String(), rd)
	if err != nil {
		return outcome{err: fail(&Error{Message: "cannot build request", Err: err}), final: true}
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.hc.Do(req)
	if err != nil {
		return outcome{err: fail(&Error{Err: err}), ambiguous: true, token: tok.AccessToken}
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody)) // a short read still has the status
		e := parseErrorBody(resp.StatusCode, resp.Header, data, c.now())
		return outcome{header: resp.Header, err: fail(e), token: tok.AccessToken}
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		// Drain so the connection is reused; the body is not needed.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		return outcome{header: resp.Header}
	}
	data, err := readAll(resp.Body, resp.ContentLength)
	if err != nil {
		e := fail(&Error{Message: "reading the response failed", Err: err, TrackingID: resp.Header.Get("Trackingid")})
		return outcome{err: e, ambiguous: true, token: tok.AccessToken}
	}
	if len(data) > maxResponseBody {
		e := fail(&Error{Message: "response body too large", TrackingID: resp.Header.Get("Trackingid")})
		return outcome{err: e, final: true}
	}
	if err := decodeBody(data, out); err != nil {
		e := fail(&Error{
			Message:    "unreadable response body: " + excerpt(data, 80),
			TrackingID: resp.Header.Get("Trackingid"),
			Err:        err,
		})
		return outcome{err: e, final: true}
	}
	return outcome{header: resp.Header}
}

// readAll reads a success body to its end (so the connection goes back to the pool) and at most
// maxResponseBody+1 bytes of it. With a Content-Length the buffer is sized once; io.ReadAll would
// start at 512 bytes and grow it several times for one person.
func readAll(body io.Reader, size int64) ([]byte, error) {
	lr := io.LimitReader(body, maxResponseBody+1)
	if size < 0 || size > maxResponseBody {
		return io.ReadAll(lr)
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead) // room for the last read, the one that finds the end
	_, err := buf.ReadFrom(lr)
	return buf.Bytes(), err
}

// decodeBody decodes a 2xx body into out. A person (GET /people/{id}, the read behind every SCIM
// user read) is handed the bytes directly: json.Unmarshal would scan them twice (validity, then the
// value's extent) only to call Person.UnmarshalJSON, which checks validity itself, with the same
// results and errors.
func decodeBody(data []byte, out any) error {
	switch v := out.(type) {
	case *Person:
		return v.UnmarshalJSON(data)
	case *listEnvelope[Person]:
		return decodePeoplePage(data, v)
	}
	return json.Unmarshal(data, out)
}

// logFailure logs a call that failed for good, at Warn, without the token (design §3.1) and
// without the query's values or e-mail addresses (log_redact.go).
func (c *Client) logFailure(ctx context.Context, e *Error, attempts int) {
	path, query := logPath(e.Path)
	attrs := []slog.Attr{
		slog.String("method", e.Method), slog.String("path", path), slog.String("query", query), slog.Int("status", e.Status),
		slog.String("trackingId", e.TrackingID), slog.Int("attempts", attempts),
	}
	if e.Message != "" {
		attrs = append(attrs, slog.String("message", maskEmails(e.Message)))
	}
	if e.Err != nil {
		attrs = append(attrs, slog.String("error", logCause(e.Err)))
	}
	c.log.LogAttrs(ctx, slog.LevelWarn, "webex call failed", attrs...)
}

// Ping checks that Webex answers and the token is accepted (for /readyz): GET /people/me.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.do(ctx, http.MethodGet, c.endpoint("/people/me", nil), nil, nil)
	return err
}
