package webex

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 15, item 6: the client's failure log lines (the retry at Info, the final failure at Warn)
// name the Webex path and which query parameters it had, never their values: GET /people?email=
// carries the address looked up, and a transport error repeats the whole URL. Webex's message,
// which may echo what was sent, is logged with addresses masked.
func TestClientFailureLogsHoldNoEmailAddresses(t *testing.T) {
	const email = "carol.chen@example.com"
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		webexError(w, http.StatusInternalServerError, "no person "+email+" right now")
	})
	c, _, logs := newTestClient(t, rec)
	_, err := c.ListPeople(context.Background(), PeopleQuery{Email: email}, "")
	require.Error(t, err)

	// A transport failure: the URL in *url.Error carries the query as well.
	gone := httptest.NewServer(http.NotFoundHandler())
	base := gone.URL + "/v1"
	gone.Close()
	dead, _, deadLogs := newTestClient(t, rec, func(cfg *Config) { cfg.BaseURL = base })
	_, err = dead.ListPeople(context.Background(), PeopleQuery{Email: email}, "")
	require.Error(t, err)

	for name, out := range map[string]string{"Webex answered 500": logs.String(), "no answer": deadLogs.String()} {
		assert.Contains(t, out, "webex call failed", name)
		assert.Contains(t, out, `"path":"/v1/people"`, name)
		assert.Contains(t, out, "email=", name, "the parameter's name is kept")
		for _, leak := range []string{email, url.QueryEscape(email), "carol.chen"} {
			assert.NotContains(t, out, leak, name)
		}
	}
	assert.Contains(t, logs.String(), "retrying", "the retry line is checked too")
	assert.NotContains(t, strings.ToLower(logs.String()), testToken)
}
