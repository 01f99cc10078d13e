package webex

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrNoToken means the connector holds no usable Webex credentials: no token yet, or the refresh
// token was refused (design §3.8). The connector answers 503 and points the administrator at /consent.
var ErrNoToken = errors.New("webex: no usable access token; an administrator must consent at /consent")

// Error is the one error type of the Webex boundary (ARCHITECTURE.md: errors, mapped once per
// boundary). Every failed call returns one; the connector maps it with errors.As.
type Error struct {
	Status       int           // HTTP status; 0 for a transport error
	Message      string        // Webex's "message" (or an excerpt of a non-JSON body)
	Descriptions []string      // errors[].description
	TrackingID   string        // body "trackingId", else header "trackingid"
	RetryAfter   time.Duration // from Retry-After (seconds or HTTP date) on 429/503
	Method, Path string        // the request: method and path with query (never the token)
	Err          error         // underlying transport error, if any
}

// Error says what failed, with Webex's tracking id so support can find the call.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("webex: ")
	if e.Method != "" || e.Path != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.Status == 0 {
		b.WriteString("request failed")
	} else {
		b.WriteString(strconv.Itoa(e.Status))
		if t := http.StatusText(e.Status); t != "" {
			b.WriteByte(' ')
			b.WriteString(t)
		}
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, d := range e.Descriptions {
		if d != "" && d != e.Message {
			b.WriteString("; ")
			b.WriteString(d)
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.TrackingID != "" {
		b.WriteString(" (trackingId ")
		b.WriteString(e.TrackingID)
		b.WriteByte(')')
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Unwrap returns the transport error, so errors.Is(err, context.Canceled) and the like work.
func (e *Error) Unwrap() error { return e.Err }

// errorEnvelope is Webex's error body: {"message", "errors":[{"description"}], "trackingId"}
// (reference/webex-openapi ErrorResponse, design §5).
type errorEnvelope struct {
	Message string `json:"message"`
	Errors  []struct {
		Description string `json:"description"`
	} `json:"errors"`
	TrackingID string `json:"trackingId"`
}

// maxErrorExcerpt bounds how much of a non-JSON error body goes into Message.
const maxErrorExcerpt = 200

// parseErrorBody builds the Error for a non-2xx answer. A body that is not Webex's envelope (a
// proxy's HTML page, plain text) still gives an Error with the status and a short excerpt.
func parseErrorBody(status int, header http.Header, body []byte, now time.Time) *Error {
	e := &Error{Status: status}
	var env errorEnvelope
	if err := json.Unmarshal(body, &env); err == nil {
		e.Message = strings.TrimSpace(env.Message)
		for _, d := range env.Errors {
			if s := strings.TrimSpace(d.Description); s != "" {
				e.Descriptions = append(e.Descriptions, s)
			}
		}
		e.TrackingID = env.TrackingID
	} else {
		e.Message = excerpt(body, maxErrorExcerpt)
	}
	if e.Message == "" && len(e.Descriptions) > 0 {
		e.Message = e.Descriptions[0]
	}
	if e.TrackingID == "" && header != nil {
		e.TrackingID = header.Get("Trackingid")
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		if header != nil {
			e.RetryAfter = parseRetryAfter(header.Get("Retry-After"), now)
		}
	}
	return e
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3). It returns
// 0 when the header is absent or unreadable; callers choose their default.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		// Bound the multiplication; nobody waits for years.
		const maxSeconds = int64(24 * time.Hour / time.Second)
		return time.Duration(min(n, maxSeconds)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, 24*time.Hour)
		}
	}
	return 0
}

// excerpt makes a short, printable, valid-UTF-8 excerpt of a body for messages and logs.
func excerpt(b []byte, limit int) string {
	var sb strings.Builder
	n := 0
	for len(b) > 0 && n < limit {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r == utf8.RuneError && size <= 1:
			r = '?'
		case unicode.IsSpace(r):
			r = ' '
		case !unicode.IsPrint(r):
			r = '?'
		}
		sb.WriteRune(r)
		n++
	}
	s := strings.Join(strings.Fields(sb.String()), " ")
	if len(b) > 0 {
		s += "…"
	}
	return s
}
