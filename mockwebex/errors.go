package mockwebex

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is the fake's single error type. Handlers return it; writeError
// is the one adapter that renders it in Webex's envelope (design §5):
//
//	{"message": "...", "errors": [{"description": "..."}], "trackingId": "ROUTER_..."}
//
// with Content-Type application/json and a trackingid header.
type apiError struct {
	status     int
	message    string
	retryAfter string // the Retry-After header's value, "" for none (429 WX17, 503; retryafter.go)
	oauthCode  string // RFC 6749 §5.2 error code, for /access_token answers (WX18)
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.status, e.message) }

func errf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

func errBadRequest(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, format, args...)
}

// Webex's messages for the common statuses, as its API answers them.
const (
	msgNotFound     = "The requested resource could not be found."
	msgForbidden    = "Authorization failure: the caller is not allowed to do this."
	msgUnauthorized = "The request requires a valid access token set in the Authorization request header." // WX16, verbatim
	msgTooMany      = "Too many requests have been sent in a given amount of time."
)

func errNotFound() *apiError  { return errf(http.StatusNotFound, msgNotFound) }
func errForbidden() *apiError { return errf(http.StatusForbidden, msgForbidden) }

type errorDetail struct {
	Description string `json:"description"`
}

type errorEnvelope struct {
	Message    string        `json:"message"`
	Errors     []errorDetail `json:"errors"`
	TrackingID string        `json:"trackingId"`
	// OAuth answers (/access_token) also carry RFC 6749 §5.2's fields, so
	// golang.org/x/oauth2 reads them.
	OAuthError       string `json:"error,omitempty"`
	OAuthDescription string `json:"error_description,omitempty"`
}

// writeError writes e in Webex's envelope. trackingID is the request's.
func writeError(w http.ResponseWriter, trackingID string, e *apiError) {
	env := errorEnvelope{
		Message:    e.message,
		Errors:     []errorDetail{{Description: e.message}},
		TrackingID: trackingID,
	}
	if e.oauthCode != "" {
		env.OAuthError = e.oauthCode
		env.OAuthDescription = e.message
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("trackingid", trackingID)
	if e.retryAfter != "" {
		h.Set("Retry-After", e.retryAfter)
	}
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(env) // the status is sent; a write error means the client left
}
