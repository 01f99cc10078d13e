package webex

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrorBody(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   Error
	}{
		{"Webex envelope", 400, hdr("Trackingid", "HEADER_ID"),
			`{"message":"Invalid email","errors":[{"description":"Invalid email"},{"description":"second"}],"trackingId":"BODY_ID"}`,
			Error{Status: 400, Message: "Invalid email", Descriptions: []string{"Invalid email", "second"}, TrackingID: "BODY_ID"}},
		{"tracking id from the header when the body has none", 404, hdr("Trackingid", "HEADER_ID"),
			`{"message":"Not found"}`, Error{Status: 404, Message: "Not found", TrackingID: "HEADER_ID"}},
		{"message from the first description", 409, nil,
			`{"errors":[{"description":"already a member"}]}`,
			Error{Status: 409, Message: "already a member", Descriptions: []string{"already a member"}}},
		{"HTML from a proxy", 502, hdr("Content-Type", "text/html"),
			"<html>\n<body>Bad   Gateway</body></html>", Error{Status: 502, Message: "<html> <body>Bad Gateway</body></html>"}},
		{"empty body", 500, nil, "", Error{Status: 500}},
		{"429 Retry-After in seconds", 429, hdr("Retry-After", "7"), `{"message":"Too many"}`,
			Error{Status: 429, Message: "Too many", RetryAfter: 7 * time.Second}},
		{"503 Retry-After as an HTTP date", 503, hdr("Retry-After", now.Add(90*time.Second).Format(http.TimeFormat)), `{}`,
			Error{Status: 503, RetryAfter: 90 * time.Second}},
		{"Retry-After ignored on a 400", 400, hdr("Retry-After", "7"), `{}`, Error{Status: 400}},
		{"negative Retry-After", 429, hdr("Retry-After", "-3"), `{}`, Error{Status: 429}},
		{"Retry-After date in the past", 429, hdr("Retry-After", now.Add(-time.Hour).Format(http.TimeFormat)), `{}`, Error{Status: 429}},
		{"huge Retry-After is bounded", 429, hdr("Retry-After", "99999999999999"), `{}`, Error{Status: 429, RetryAfter: 24 * time.Hour}},
		{"JSON that is not an object", 400, nil, `["x"]`, Error{Status: 400, Message: `["x"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseErrorBody(tt.status, tt.header, []byte(tt.body), now)
			assert.Equal(t, tt.want, *got)
		})
	}
}

func TestErrorBodyExcerptIsShortAndPrintable(t *testing.T) {
	body := strings.Repeat("é\x00\xff", 500)
	e := parseErrorBody(502, nil, []byte(body), time.Now())
	assert.LessOrEqual(t, len([]rune(e.Message)), maxErrorExcerpt+1)
	assert.True(t, strings.HasSuffix(e.Message, "…"))
	assert.NotContains(t, e.Message, "\x00")
}

func TestErrorMessageNamesTheCallAndTrackingID(t *testing.T) {
	e := &Error{Status: 409, Message: "conflict", Descriptions: []string{"conflict", "already a member"},
		TrackingID: "ROUTER_1", Method: "POST", Path: "/v1/team/memberships"}
	assert.Equal(t, "webex: POST /v1/team/memberships: 409 Conflict: conflict; already a member (trackingId ROUTER_1)", e.Error())

	cause := fmt.Errorf("dial: %w", context.DeadlineExceeded)
	te := &Error{Method: "GET", Path: "/v1/people/me", Err: cause}
	assert.Equal(t, "webex: GET /v1/people/me: request failed: dial: context deadline exceeded", te.Error())
	assert.ErrorIs(t, te, context.DeadlineExceeded)

	var target *Error
	require.True(t, errors.As(fmt.Errorf("wrapped: %w", e), &target))
	assert.Equal(t, 409, target.Status)

	rl := &Error{Status: 429, RetryAfter: 2 * time.Second}
	assert.Contains(t, rl.Error(), "retry after 2s")
}

func TestWebexErrorsComeBackTyped(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Trackingid", "HDR")
		writeJSON(w, 409, `{"message":"User is already a member","errors":[{"description":"User is already a member"}],"trackingId":"ROUTER_X"}`)
	})
	c, _, _ := newTestClient(t, r)
	_, err := c.CreateMembership(context.Background(), "T1", "P1", false)
	var we *Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, 409, we.Status)
	assert.Equal(t, "User is already a member", we.Message)
	assert.Equal(t, "ROUTER_X", we.TrackingID)
	assert.Equal(t, "POST", we.Method)
	assert.Equal(t, "/v1/team/memberships", we.Path)
	assert.Len(t, r.seen(), 1, "a 409 is not ambiguous: no lookup")
}
