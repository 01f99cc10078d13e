package connector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// mapError turns any failure of a SCIM handler into the *scim.Error the client sees. This is the
// one place Webex errors are translated (ARCHITECTURE.md: errors mapped once per boundary;
// design §3.9):
//
//	no usable Webex token (webex.ErrNoToken) → 503, "visit /consent"
//	token refresh failing for now (webex.RefreshError: 429, 5xx) → 503 with Retry-After
//	Webex cut a listing short (webex.ErrListingCut, WX01) → 502, no partial list
//	Webex 400 → 400 invalidValue      Webex 404 → 404           Webex 409 → 409 uniqueness
//	Webex 401 → 503 (the connector's credentials, not the caller's)
//	Webex 429 → 429 with Retry-After  Webex 403 → 403           other 5xx, transport → 502
//
// The detail carries Webex's message and trackingId so an administrator can quote them to Cisco.
func (s *Server) mapError(r *http.Request, err error) *scim.Error {
	var se *scim.Error
	if errors.As(err, &se) {
		return se
	}
	if errors.Is(err, webex.ErrNoToken) {
		consentURL := s.baseURL(r) + "/consent"
		return scim.Errorf(http.StatusServiceUnavailable, "",
			"the connector holds no usable Webex credentials: a Webex administrator must visit %s to consent", consentURL)
	}
	if re := (*webex.RefreshError)(nil); errors.As(err, &re) {
		return refreshFailing(re)
	}
	if we := (*webex.Error)(nil); errors.Is(err, webex.ErrListingCut) && errors.As(err, &we) {
		// Issue 15: never a shorter list that a reconciling client would take as the whole one.
		return scim.Errorf(http.StatusBadGateway, "",
			"Webex stopped the listing part-way (WX01: it repeated its cursor on an empty page), so no list is returned "+
				"rather than an incomplete one; retry the request (trackingId %s)", we.TrackingID)
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client went away; nobody reads this answer, but log it as what it is.
		return scim.Errorf(http.StatusServiceUnavailable, "", "the request was cancelled")
	}
	var we *webex.Error
	if !errors.As(err, &we) {
		s.log.ErrorContext(r.Context(), "unexpected failure", slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		return scim.Errorf(http.StatusInternalServerError, "", "internal server error")
	}
	se = webexToSCIM(we, err, s.baseURL(r))
	s.log.WarnContext(r.Context(), "answering a Webex failure",
		slog.String("method", we.Method), slog.String("webexPath", pathOnly(we.Path)),
		slog.Int("webexStatus", we.Status), slog.String("trackingId", we.TrackingID),
		slog.Int("status", se.Status))
	return se
}

// refreshFailing is the answer while the connector cannot refresh its Webex access token for a
// reason that may pass (the token endpoint answered 429 or 5xx, or nothing): consent is not lost
// (issue 15), the refresh is tried again after a backoff, and the client is told when.
func refreshFailing(re *webex.RefreshError) *scim.Error {
	e := scim.Errorf(http.StatusServiceUnavailable, "",
		"the connector cannot renew its Webex access token for now (%s); its consent is kept and it tries again: retry later", re.Error())
	wait := max(re.RetryAfter, time.Second)
	e.Header = http.Header{"Retry-After": []string{strconv.Itoa(int((wait + time.Second - 1) / time.Second))}}
	return e
}

// webexToSCIM is the table of design §3.9.
func webexToSCIM(we *webex.Error, err error, base string) *scim.Error {
	detail := webexDetail(we)
	switch {
	case we.Status == http.StatusBadRequest:
		return scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidValue, "Webex refused the request: %s", detail)
	case we.Status == http.StatusNotFound:
		return scim.Errorf(http.StatusNotFound, "", "Webex has no such resource: %s", detail)
	case we.Status == http.StatusConflict:
		return scim.Errorf(http.StatusConflict, scim.ScimTypeUniqueness, "Webex reports a conflict: %s", detail)
	case we.Status == http.StatusUnauthorized:
		return scim.Errorf(http.StatusServiceUnavailable, "",
			"Webex refused the connector's own credentials (visit %s/consent if this persists): %s", base, detail)
	case we.Status == http.StatusForbidden:
		return scim.Errorf(http.StatusForbidden, "", "Webex does not allow this operation to the consenting account: %s", detail)
	case we.Status == http.StatusTooManyRequests:
		e := scim.Errorf(http.StatusTooManyRequests, "", "Webex is rate-limiting the connector; retry later: %s", detail)
		wait := max(we.RetryAfter, time.Second)
		e.Header = http.Header{"Retry-After": []string{strconv.Itoa(int((wait + time.Second - 1) / time.Second))}}
		return e
	case we.Status == 0 && errors.Is(err, context.DeadlineExceeded):
		return scim.Errorf(http.StatusBadGateway, "", "Webex did not answer in time: %s", detail)
	default:
		return scim.Errorf(http.StatusBadGateway, "", "Webex failed: %s", detail)
	}
}

// webexDetail is what a SCIM client learns of a Webex failure: status, message, descriptions and
// trackingId; never the token, never the raw body.
func webexDetail(we *webex.Error) string {
	var b strings.Builder
	if we.Status != 0 {
		fmt.Fprintf(&b, "%d", we.Status)
	} else {
		b.WriteString("no answer")
	}
	if we.Message != "" {
		b.WriteString(" ")
		b.WriteString(we.Message)
	}
	for _, d := range we.Descriptions {
		if d != "" && d != we.Message {
			b.WriteString("; ")
			b.WriteString(d)
		}
	}
	if we.Status == 0 && we.Err != nil && we.Message == "" {
		b.WriteString(" (")
		b.WriteString(transportReason(we.Err))
		b.WriteString(")")
	}
	if we.TrackingID != "" {
		b.WriteString(" (trackingId ")
		b.WriteString(we.TrackingID)
		b.WriteString(")")
	}
	return b.String()
}

// transportReason names a transport failure without addresses or internals.
func transportReason(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	default:
		return "connection failed"
	}
}

// pathOnly drops the query of a Webex request path for logs (queries hold email addresses).
func pathOnly(p string) string {
	path, _, _ := strings.Cut(p, "?")
	return path
}

// webexStatus is the HTTP status of a Webex failure, 0 when err is not one.
func webexStatus(err error) int {
	var we *webex.Error
	if errors.As(err, &we) && !errors.Is(err, webex.ErrNoToken) {
		return we.Status
	}
	return 0
}
