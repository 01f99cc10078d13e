package mockwebex

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The closed set of fault names (design §5); any other name is refused.
const (
	FaultRateLimit      = "rate_limit"      // 429 with Retry-After: RetryAfter (default 1)
	FaultServerError    = "server_error"    // Status (default 500, 500-599) in Webex's envelope
	FaultLatency        = "latency"         // wait MS milliseconds, then serve as usual
	FaultDropConnection = "drop_connection" // close the connection without an answer
	FaultTokenExpired   = "token_expired"   // 401 as for an expired token (WX16's message)
	// FaultFailAfterApply serves the request (its effects are kept: a POST
	// /people creates the person) and then answers Status (default 500; 400
	// or 500-599) instead: the created-but-failed answer a client must not
	// turn into a second create.
	FaultFailAfterApply = "fail_after_apply"
)

// faultNames is the closed set, in the order error messages list it.
func faultNames() []string {
	return []string{FaultRateLimit, FaultServerError, FaultLatency, FaultDropConnection, FaultTokenExpired, FaultFailAfterApply}
}

// Fault is an armed fault: it applies to /v1 requests whose method is Method
// (empty: any) and whose path starts with Path (empty: any), Times times
// (0: until cleared).
//
// RetryAfter and RetryAfterForm belong to rate_limit and to server_error with
// status 503 (Retry-After in seconds, default 1 on 429 and none on 503; the
// form: seconds, date, missing or malformed, retryafter.go).
type Fault struct {
	Name           string `json:"name"`
	Method         string `json:"method,omitempty"`
	Path           string `json:"path,omitempty"`
	Times          int    `json:"times,omitempty"`
	RetryAfter     int    `json:"retry_after,omitempty"`
	RetryAfterForm string `json:"retry_after_form,omitempty"`
	Status         int    `json:"status,omitempty"`
	MS             int    `json:"ms,omitempty"`
}

type armedFault struct {
	id   string
	f    Fault
	left int // remaining uses; 0 = unlimited
}

type faultSet struct {
	mu    sync.Mutex
	n     int
	armed []*armedFault
}

func (fs *faultSet) add(f Fault) (string, error) {
	if !slices.Contains(faultNames(), f.Name) {
		return "", fmt.Errorf("unknown fault %q (known: %s)", f.Name, strings.Join(faultNames(), ", "))
	}
	if f.Times < 0 || f.RetryAfter < 0 || f.MS < 0 {
		return "", fmt.Errorf("times, retry_after and ms cannot be negative")
	}
	if f.Name == FaultServerError && f.Status != 0 && (f.Status < 500 || f.Status > 599) {
		return "", fmt.Errorf("server_error status must be 500-599, not %d", f.Status)
	}
	if f.Name == FaultFailAfterApply && f.Status != 0 && f.Status != 400 && (f.Status < 500 || f.Status > 599) {
		return "", fmt.Errorf("fail_after_apply status must be 400 or 500-599, not %d", f.Status)
	}
	if err := checkRetryAfterForm(f.RetryAfterForm); err != nil {
		return "", err
	}
	if f.MS > 60000 {
		return "", fmt.Errorf("latency ms must be at most 60000")
	}
	f.Method = strings.ToUpper(f.Method)
	if err := checkFaultScope(f); err != nil {
		return "", err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.n++
	id := "fault-" + strconv.Itoa(fs.n)
	fs.armed = append(fs.armed, &armedFault{id: id, f: f, left: f.Times})
	return id, nil
}

// checkFaultScope refuses a fault that could never fire, or that carries a
// parameter of another fault (design §5: each named fault takes its own
// parameters: rate_limit retry_after, server_error status, latency ms).
// Such a fault used to arm silently, so a scenario passed without its
// fault. Faults apply to /v1 requests only, matched on the path alone.
func checkFaultScope(f Fault) error {
	switch f.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
	default:
		return fmt.Errorf("unknown method %q (GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS or empty for any)", f.Method)
	}
	if f.Path != "" && f.Path != "/v1" && !strings.HasPrefix(f.Path, "/v1/") {
		return fmt.Errorf("path %q never matches: faults apply to /v1 requests (e.g. /v1/people)", f.Path)
	}
	if strings.ContainsAny(f.Path, "?#") {
		return fmt.Errorf("path %q never matches: the path is matched without its query", f.Path)
	}
	retryAfterOK := f.Name == FaultRateLimit || (f.Name == FaultServerError && f.Status == http.StatusServiceUnavailable)
	for _, p := range []struct {
		set    bool
		param  string
		ok     bool
		owners string
	}{
		{f.RetryAfter != 0, "retry_after", retryAfterOK, "rate_limit and server_error with status 503"},
		{f.RetryAfterForm != "", "retry_after_form", retryAfterOK, "rate_limit and server_error with status 503"},
		{f.Status != 0, "status", f.Name == FaultServerError || f.Name == FaultFailAfterApply, "server_error and fail_after_apply"},
		{f.MS != 0, "ms", f.Name == FaultLatency, "latency"},
	} {
		if p.set && !p.ok {
			return fmt.Errorf("%s is a parameter of %s, not of %s", p.param, p.owners, f.Name)
		}
	}
	return nil
}

func (fs *faultSet) clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.armed = nil
}

// take finds the first armed fault matching r and uses it once.
func (fs *faultSet) take(r *http.Request) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, a := range fs.armed {
		if a.f.Method != "" && a.f.Method != r.Method {
			continue
		}
		if a.f.Path != "" && !strings.HasPrefix(r.URL.Path, a.f.Path) {
			continue
		}
		if a.left > 0 {
			a.left--
			if a.left == 0 {
				fs.armed = append(fs.armed[:i:i], fs.armed[i+1:]...)
			}
		}
		return a.f, true
	}
	return Fault{}, false
}

// intercept applies a matching fault; it reports whether the request was
// answered (or dropped) by it. next serves the request for fail_after_apply.
func (fs *faultSet) intercept(w http.ResponseWriter, r *http.Request, tid string, q Quirks, now time.Time, next http.Handler) bool {
	f, ok := fs.take(r)
	if !ok {
		return false
	}
	switch f.Name {
	case FaultRateLimit:
		e := errf(http.StatusTooManyRequests, msgTooMany)
		secs := f.RetryAfter
		if secs == 0 {
			secs = 1
		}
		e.retryAfter = retryAfterValue(f.RetryAfterForm, secs, now)
		writeError(w, tid, e)
	case FaultServerError:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		e := errf(status, "%s (injected fault)", http.StatusText(status))
		if f.RetryAfter > 0 || f.RetryAfterForm != "" {
			e.retryAfter = retryAfterValue(f.RetryAfterForm, max(f.RetryAfter, 1), now)
		}
		writeError(w, tid, e)
	case FaultFailAfterApply:
		next.ServeHTTP(&discardWriter{header: http.Header{}}, r)
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeError(w, tid, errf(status, "%s (injected fault: the request was applied)", http.StatusText(status)))
	case FaultLatency:
		d := time.Duration(f.MS) * time.Millisecond
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
		}
		return false
	case FaultDropConnection:
		dropConnection(w)
	case FaultTokenExpired:
		writeError(w, tid, unauthorized(q, authExpired))
	}
	return true
}

// dropConnection closes the client's connection without an answer. Where
// the writer cannot be hijacked (HTTP/2, a recorder), it aborts the handler,
// which net/http turns into a reset stream or a closed connection.
func dropConnection(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close() // the point is to close; an error closing changes nothing
		return
	}
	panic(http.ErrAbortHandler)
}

// discardWriter takes the real answer of a request that fail_after_apply
// replaces.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}
