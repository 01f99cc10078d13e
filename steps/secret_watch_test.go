package steps

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The watch of every in-process scenario (issue 12) finds a secret in a log line at any level,
// in an answer's body even when it is written in pieces, and in an answer's header; it names the
// secret and where it was, never the value. Clean output passes.
func TestSecretWatchFindsSecretsInLogsAndAnswers(t *testing.T) {
	newWatch := func() *secretWatch {
		w := newSecretWatch()
		w.add("the SCIM bearer token", "inbound-0123456789")
		w.add("the connector's Webex access token", "webex-abcdefghij")
		w.add("nothing", "")
		return w
	}
	serve := func(w *secretWatch, h http.HandlerFunc) {
		srv := httptest.NewServer(w.answers(h))
		defer srv.Close()
		resp, err := srv.Client().Get(srv.URL + "/scim/v2/Users")
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		require.NoError(t, resp.Body.Close())
	}

	w := newWatch()
	log := slog.New(w.logHandler(slog.DiscardHandler))
	log.Debug("request", "path", "/scim/v2/Users", "status", 200)
	serve(w, func(rw http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(rw, `{"totalResults":0}`) })
	assert.NoError(t, w.err(), "clean output passes")

	w = newWatch()
	slog.New(w.logHandler(slog.DiscardHandler)).Debug("refresh", "token", "webex-abcdefghij")
	err := w.err()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the connector's Webex access token in the connector's log")
	assert.NotContains(t, err.Error(), "webex-abcdefghij")

	w = newWatch()
	serve(w, func(rw http.ResponseWriter, _ *http.Request) {
		rw.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(rw, `{"detail":"Webex failed: inbound-01234`)
		_, _ = io.WriteString(rw, `56789"}`)
	})
	err = w.err()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the SCIM bearer token in the answer to GET /scim/v2/Users (status 502)")

	w = newWatch()
	serve(w, func(rw http.ResponseWriter, _ *http.Request) { rw.Header().Set("Location", "/x?t=webex-abcdefghij") })
	assert.Error(t, w.err(), "a header counts")
}
