package mockwebex

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// maxBody bounds request bodies (a seed of 100,000 people is about 25 MB).
const maxBody = 256 << 20

// call is one API request as a handler sees it: the request, its caller
// and a consistent view of the settings, under s.mu.
type call struct {
	r          *http.Request
	body       []byte
	q          url.Values
	st         *store
	now        time.Time
	quirks     Quirks
	listLag    time.Duration
	caller     *personRec // nil on the OAuth endpoints
	scopes     scopeSet   // the caller's token's scopes
	token      string
	trackingID string
}

// reply is what a handler returns; writeReply is the one adapter that puts
// it on the wire.
type reply struct {
	status      int
	body        any    // encoded as JSON when raw is nil
	raw         []byte // sent as is, with contentType
	contentType string
	header      http.Header
}

func okJSON(v any) *reply { return &reply{status: http.StatusOK, body: v} }

func noContent() *reply { return &reply{status: http.StatusNoContent} }

func (rp *reply) with(key, value string) *reply {
	if rp.header == nil {
		rp.header = http.Header{}
	}
	rp.header.Set(key, value)
	return rp
}

// route says how the adapter treats one endpoint.
type route struct {
	write  bool     // takes the write lock
	public bool     // no bearer token (the OAuth endpoints)
	params []string // the query parameters the endpoint takes; others are refused (strict)
}

type ctxKey int

const (
	ctxTracking ctxKey = iota
	ctxBody
)

func trackingIDOf(r *http.Request) string {
	if v, ok := r.Context().Value(ctxTracking).(string); ok {
		return v
	}
	return ""
}

// api adapts a handler: strict query check, lock, authentication, rate
// limit, then the handler, then one writer for replies and errors.
func (s *Server) api(fn func(*call) (*reply, error), rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tid := trackingIDOf(r)
		rp, err := s.serveCall(fn, rt, r, tid)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				s.log.Error("mockwebex: handler error", "err", err, "trackingId", tid)
				ae = errf(http.StatusInternalServerError, "Internal error of the fake: %v", err)
			}
			writeError(w, tid, ae)
			return
		}
		writeReply(w, rp)
	})
}

func (s *Server) serveCall(fn func(*call) (*reply, error), rt route, r *http.Request, tid string) (*reply, error) {
	// r.URL.Query() drops the pairs it cannot parse (a ';' separator, a bad
	// %-escape) without a word: ?max=1;cursor=x would list 100. Refused
	// below instead (design §5: unsupported parameters get a clear error).
	q, qerr := url.ParseQuery(r.URL.RawQuery)
	body, _ := r.Context().Value(ctxBody).([]byte)
	if rt.write {
		s.mu.Lock()
		defer s.mu.Unlock()
	} else {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	c := &call{r: r, body: body, q: q, st: s.st, now: s.clock.Now(), quirks: s.quirks,
		listLag: s.listLag, trackingID: tid}
	if !rt.public {
		if err := s.authenticate(c); err != nil {
			return nil, err
		}
		if err := s.rateLimited(c, s.rateLimit, s.retryAfterForm); err != nil {
			return nil, err
		}
	}
	// Authentication first (a bad token is 401 whatever else is wrong),
	// then the strict parameter and media type checks.
	if qerr != nil {
		return nil, errBadRequest("Malformed query string: %v (name=value pairs joined by '&', percent-encoded).", qerr)
	}
	for name := range q {
		if !slices.Contains(rt.params, name) {
			return nil, errBadRequest("Unsupported query parameter: %s", name)
		}
	}
	if len(body) > 0 && !rt.public {
		if err := checkJSONContentType(r); err != nil {
			return nil, err
		}
	}
	return fn(c)
}

// checkJSONContentType accepts application/json with any parameters
// (charset=utf-8...), or no Content-Type at all (design §5).
func checkJSONContentType(r *http.Request) *apiError {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errf(http.StatusUnsupportedMediaType, "Unsupported Content-Type %q: send application/json.", ct)
	}
	return nil
}

func writeReply(w http.ResponseWriter, rp *reply) {
	for k, vs := range rp.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	switch {
	case rp.status == http.StatusNoContent || (rp.body == nil && rp.raw == nil):
		w.WriteHeader(rp.status)
	case rp.raw != nil:
		w.Header().Set("Content-Type", rp.contentType)
		w.WriteHeader(rp.status)
		_, _ = w.Write(rp.raw) // the status is sent; a failed write means the client left
	default:
		b, err := json.Marshal(rp.body)
		if err != nil {
			writeError(w, w.Header().Get("trackingid"), errf(http.StatusInternalServerError, "Internal error of the fake: %v", err))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rp.status)
		_, _ = w.Write(append(b, '\n')) // as above
	}
}

// statusWriter remembers the status a handler wrote, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (sw *statusWriter) WriteHeader(code int) {
	if sw.status == 0 {
		sw.status = code
	}
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *statusWriter) Write(b []byte) (int, error) {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	return sw.ResponseWriter.Write(b)
}

func (sw *statusWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }

// middleware wraps every request: a tracking id, a recover that still
// answers in Webex's envelope, the body read once (bounded), and for /v1
// the request log and the armed faults.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tid := s.ids.trackingID()
		isAPI := r.URL.Path == "/v1" || strings.HasPrefix(r.URL.Path, "/v1/")
		if isAPI {
			w.Header().Set("trackingid", tid)
		}
		sw := &statusWriter{ResponseWriter: w}
		var (
			record bool
			body   []byte
			start  time.Time
		)
		defer func() {
			v := recover()
			if v != nil && v != http.ErrAbortHandler { //nolint:errorlint // sentinel compared as net/http does
				s.log.Error("mockwebex: panic", "panic", fmt.Sprint(v), "path", r.URL.Path, "trackingId", tid)
				if sw.status == 0 {
					writeError(sw, tid, errf(http.StatusInternalServerError, "Internal error of the fake (a bug): %v", v))
				}
			}
			if record {
				s.reqlog.add(r, body, sw.status, start)
				s.log.Debug("mockwebex", "method", r.Method, "path", r.URL.Path, "status", sw.status, "trackingId", tid)
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // as above
				panic(v) // drop_connection without a hijackable connection: let net/http abort
			}
		}()
		var err error
		body, err = io.ReadAll(http.MaxBytesReader(sw, r.Body, maxBody))
		if err != nil {
			writeError(sw, tid, errf(http.StatusRequestEntityTooLarge, "The request body could not be read: %v", err))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		ctx := context.WithValue(r.Context(), ctxTracking, tid)
		ctx = context.WithValue(ctx, ctxBody, body)
		r = r.WithContext(ctx)
		if !isAPI {
			next.ServeHTTP(sw, r)
			return
		}
		record, start = true, s.clock.Now()
		if !s.delay(r.Context()) {
			// The client gave up during the modelled latency: nothing is served.
			return
		}
		if s.faults.intercept(sw, r, tid, s.quirksNow(), s.clock.Now(), next) {
			return
		}
		next.ServeHTTP(sw, r)
	})
}

func (s *Server) quirksNow() Quirks {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.quirks
}
