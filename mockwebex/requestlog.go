package mockwebex

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxRecorded bounds the request log; past it the oldest entries go first.
const maxRecorded = 10000

// maxRecordedBody bounds the body kept per entry: a scenario asserts what a client sent, which
// fits many times over, while 10,000 entries of bodies up to the fake's request limit could
// hold gigabytes. A longer body is kept up to the bound, then marked as cut.
const maxRecordedBody = 64 << 10

// RecordedRequest is one /v1 request as GET /_mock/requests shows it.
// Authorization is redacted to "Bearer ***"; secrets in /access_token forms
// (client_secret, code, refresh_token) are replaced by "***".
type RecordedRequest struct {
	Method        string `json:"method"`
	Path          string `json:"path"`
	Query         string `json:"query"`
	Status        int    `json:"status"`
	Body          string `json:"body"`
	Authorization string `json:"authorization,omitempty"`
	// UserAgent tells the connector's calls ("webex-scim/<name>") from the harness's own checks
	// of Webex, which share one fake in an external run (the metrics test counts them apart).
	UserAgent string `json:"userAgent,omitempty"`
	Time      string `json:"time"`
}

// requestLog keeps the last maxRecorded requests. It grows by append until full and is then a
// ring: each new entry overwrites the oldest, at next. Recording is O(1) however long the fake
// runs; a log that dropped its oldest entry by copying all the others made every request of a
// long run cost a copy of 10,000 entries (BENCHMARKS.md, Connector).
type requestLog struct {
	mu sync.Mutex
	// limit is the bound; 0 is maxRecorded (tests set a small one to see the ring wrap).
	limit int
	items []RecordedRequest
	// next is where the next entry goes once items is full: the oldest entry.
	next int
}

func (l *requestLog) add(r *http.Request, body []byte, status int, at time.Time) {
	rec := RecordedRequest{
		Method:    r.Method,
		Path:      r.URL.Path,
		Query:     r.URL.RawQuery,
		Status:    status,
		Body:      clip(redactForm(r, body), maxRecordedBody),
		UserAgent: r.UserAgent(),
		Time:      webexTime(at),
	}
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, _, _ := strings.Cut(h, " ")
		rec.Authorization = scheme + " ***"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.items) < l.bound() {
		l.items = append(l.items, rec)
		return
	}
	l.items[l.next] = rec
	l.next = (l.next + 1) % len(l.items)
}

func (l *requestLog) bound() int {
	if l.limit > 0 {
		return l.limit
	}
	return maxRecorded
}

// clip keeps at most n bytes of s, marking a cut body so that nobody mistakes it for what was
// sent.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("…(%d bytes in all)", len(s))
}

func redactForm(r *http.Request, body []byte) string {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return string(body)
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return "(unparsable form)"
	}
	for _, k := range []string{"client_secret", "code", "refresh_token"} {
		if v.Has(k) {
			v.Set(k, "***")
		}
	}
	return v.Encode()
}

// list returns a copy of the log, oldest entry first; [] (not nil) when empty, so that
// GET /_mock/requests says "items": [].
func (l *requestLog) list() []RecordedRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]RecordedRequest, 0, len(l.items))
	out = append(out, l.items[l.next:]...)
	return append(out, l.items[:l.next]...)
}

func (l *requestLog) clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.items, l.next = nil, 0
}
