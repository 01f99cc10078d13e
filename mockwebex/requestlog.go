package mockwebex

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxRecorded bounds the request log; the oldest entries go first.
const maxRecorded = 10000

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
	Time          string `json:"time"`
}

type requestLog struct {
	mu    sync.Mutex
	items []RecordedRequest
}

func (l *requestLog) add(r *http.Request, body []byte, status int, at time.Time) {
	rec := RecordedRequest{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.RawQuery,
		Status: status,
		Body:   redactForm(r, body),
		Time:   webexTime(at),
	}
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, _, _ := strings.Cut(h, " ")
		rec.Authorization = scheme + " ***"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.items) >= maxRecorded {
		l.items = append(l.items[:0:0], l.items[len(l.items)-maxRecorded+1:]...)
	}
	l.items = append(l.items, rec)
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

func (l *requestLog) list() []RecordedRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]RecordedRequest{}, l.items...)
}

func (l *requestLog) clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.items = nil
}
