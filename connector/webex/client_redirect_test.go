package webex

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// Issue 12: a redirect from "Webex" is never followed, so the bearer token and the request body
// never reach the host it points at, whether the Client built its own HTTP client or was given
// one that follows redirects (as http.Client does by default). The 3xx is a failure with its
// status, never retried.
func TestRedirectsAreNotFollowed(t *testing.T) {
	elsewhere := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		webex := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.srv.URL+r.URL.Path, status)
		})
		for name, hc := range map[string]*http.Client{"own client": nil, "caller's client": {}, "httptest client": webex.srv.Client()} {
			c, err := New(Config{
				BaseURL: webex.base(), HTTPClient: hc, MaxAttempts: 3,
				TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "webex-secret-token"}),
			})
			require.NoError(t, err)
			_, err = c.GetPerson(context.Background(), "p1")
			var we *Error
			require.True(t, errors.As(err, &we), "%d %s: %v", status, name, err)
			assert.Equal(t, status, we.Status, name)
			_, err = c.CreatePerson(context.Background(), Person{Emails: []string{"a@example.com"}, DisplayName: "A"})
			require.Error(t, err, name)
			if hc != nil {
				assert.Nil(t, hc.CheckRedirect, "the caller's client is left as it was")
			}
		}
		assert.Len(t, webex.seen(), 6, "each call sent once: a redirect is not retried")
	}
	assert.Empty(t, elsewhere.seen(), "nothing reached the host the redirect pointed at")
}
