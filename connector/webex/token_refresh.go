package webex

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// How a failed refresh of the access token is read (design §3.8, issue 15 item 2). Only an answer
// that says the grant or the client is no good means consent is lost: RFC 6749 §5.2's
// invalid_grant (the refresh token is expired, revoked or unknown; WX18), invalid_client and
// unauthorized_client (the integration's credentials), and a 400 or 401 without any OAuth error
// code (Webex's own error envelope, which it may send instead). Everything else — 429, 5xx, a
// 4xx with another error code (invalid_request, a 404 from a proxy), no answer at all — says
// nothing about the consent: the refresh token is kept and tried again after a backoff (1 s,
// doubling, at most 5 min, or Webex's Retry-After when longer), and until then Token answers a
// *RefreshError at once, without calling the token endpoint, so a rate-limited endpoint is not
// hammered by every SCIM call. The connector answers those calls 503 with Retry-After.

// Backoff between refresh attempts after a failure that is not a refusal.
const (
	firstRefreshBackoff = time.Second
	maxRefreshBackoff   = 5 * time.Minute
)

// RefreshError is a refresh of the access token that failed for a reason that may pass (see
// above). It never wraps ErrNoToken: consent is not lost.
type RefreshError struct {
	Status     int           // the token endpoint's HTTP status; 0 when it did not answer
	Code       string        // the OAuth error code, when it sent one
	RetryAfter time.Duration // until the next refresh attempt
	Err        error         // the failure of the last attempt
}

func (e *RefreshError) Error() string {
	what := "no answer"
	if e.Status != 0 {
		what = fmt.Sprintf("status %d", e.Status)
		if e.Code != "" {
			what += " " + e.Code
		}
	}
	return fmt.Sprintf("webex: refreshing the access token failed (%s); next attempt in %s", what, e.RetryAfter)
}

func (e *RefreshError) Unwrap() error { return e.Err }

// refusedRefresh reports whether err, from the token endpoint, refuses the refresh token or the
// client, i.e. consent must be given again; status and code describe the answer either way.
func refusedRefresh(err error) (status int, code string, refused bool) {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		return 0, "", false
	}
	status, code = re.Response.StatusCode, re.ErrorCode
	switch code {
	case "invalid_grant", "invalid_client", "unauthorized_client":
		return status, code, true
	case "":
		return status, code, status == http.StatusBadRequest || status == http.StatusUnauthorized
	}
	return status, code, false
}

// backOffLocked records a refresh failure that is not a refusal and says when to try again.
// s.mu is held.
func (s *TokenStore) backOffLocked(err error, status int, code string) *RefreshError {
	wait := min(firstRefreshBackoff<<min(s.failures, 16), maxRefreshBackoff)
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		wait = max(wait, min(parseRetryAfter(re.Response.Header.Get("Retry-After"), s.now()), maxRefreshBackoff))
	}
	s.failures++
	s.retryAt = s.now().Add(wait)
	s.lastFailure = &RefreshError{Status: status, Code: code, Err: err}
	s.log.Warn("webex token refresh failed; consent is kept and the refresh is tried again after a backoff",
		"status", status, "error", code, "attempt", s.failures, "retryIn", wait)
	return s.waitingLocked()
}

// waitingLocked is the answer while a backoff runs: the last failure, with the time left.
// s.mu is held.
func (s *TokenStore) waitingLocked() *RefreshError {
	e := *s.lastFailure
	e.RetryAfter = max(s.retryAt.Sub(s.now()), 0)
	return &e
}

// clearBackoffLocked forgets past failures (a refresh worked, or a new token arrived).
// s.mu is held.
func (s *TokenStore) clearBackoffLocked() {
	s.failures, s.retryAt, s.lastFailure = 0, time.Time{}, nil
}
