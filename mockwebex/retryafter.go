package mockwebex

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryafter.go: the forms of Retry-After the fake sends on 429 and 503.
// Webex documents delay-seconds ("Retry-After: 60"), RFC 9110 §10.2.3 also
// allows an HTTP-date, and clients meet answers with no Retry-After at all or
// with a value neither form parses (proxies and gateways in front of the API
// send them). A client must cope with each: bounded waits, no busy retry loop.
// The form is chosen per fault (retry_after_form) and for the per-token rate
// limit (settings retryAfterForm).

// The Retry-After forms.
const (
	RetryAfterSeconds   = "seconds"   // "2" (default)
	RetryAfterDate      = "date"      // "Sat, 05 Dec 2026 20:44:28 GMT": now + the delay, on the fake's clock
	RetryAfterMissing   = "missing"   // no header
	RetryAfterMalformed = "malformed" // "soon": neither delay-seconds nor an HTTP-date
)

func retryAfterForms() []string {
	return []string{RetryAfterSeconds, RetryAfterDate, RetryAfterMissing, RetryAfterMalformed}
}

// checkRetryAfterForm accepts "" (seconds) and the four forms.
func checkRetryAfterForm(form string) error {
	if form == "" {
		return nil
	}
	for _, f := range retryAfterForms() {
		if f == form {
			return nil
		}
	}
	return fmt.Errorf("unknown Retry-After form %q (known: %s)", form, strings.Join(retryAfterForms(), ", "))
}

// retryAfterValue renders a delay of secs seconds in the given form; ""
// means no header.
func retryAfterValue(form string, secs int, now time.Time) string {
	switch form {
	case RetryAfterDate:
		// An HTTP-date has whole seconds: round up, so the date is never
		// earlier than the delay asks for.
		at := now.Add(time.Duration(secs) * time.Second)
		if at.Truncate(time.Second) != at {
			at = at.Truncate(time.Second).Add(time.Second)
		}
		return at.UTC().Format(http.TimeFormat)
	case RetryAfterMissing:
		return ""
	case RetryAfterMalformed:
		return "soon"
	}
	return strconv.Itoa(secs)
}
