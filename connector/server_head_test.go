package connector_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// RFC 9110 §9.3.2: HEAD on a SCIM path answers as GET would (status, authentication, ETag,
// Content-Type, Content-Length) without a body; it used to be 405.
func TestHeadAnswersLikeGetWithoutABody(t *testing.T) {
	tg := newTarget(t)
	id := tg.createUser("head@example.com", "Head", "Request")
	for _, path := range []string{"/scim/v2/Users/" + id, "/scim/v2/Users?count=2", "/scim/v2/Groups", "/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas", "/scim/v2/users/" + id} {
		get := tg.do(http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, get.Status, path)
		head := tg.do(http.MethodHead, path, nil)
		assert.Equal(t, http.StatusOK, head.Status, path)
		assert.Empty(t, head.Body, path)
		assert.Equal(t, get.Header.Get("Content-Type"), head.Header.Get("Content-Type"), path)
		assert.Equal(t, get.Header.Get("ETag"), head.Header.Get("ETag"), path)
		if path == "/scim/v2/Users/"+id {
			assert.Equal(t, strconv.Itoa(len(get.Body)), head.Header.Get("Content-Length"), "the GET's length")
		}
	}
	get := tg.do(http.MethodGet, "/scim/v2/Users/"+id, nil)
	r := tg.do(http.MethodHead, "/scim/v2/Users/"+id, nil, "If-None-Match", get.Header.Get("ETag"))
	assert.Equal(t, http.StatusNotModified, r.Status)

	r = tg.doAs("", http.MethodHead, "/scim/v2/Users/"+id, nil)
	assert.Equal(t, http.StatusUnauthorized, r.Status, "HEAD needs the token as GET does")
	assert.Equal(t, `Bearer realm="webex-scim"`, r.Header.Get("WWW-Authenticate"))
	assert.Empty(t, r.Body)
	r = tg.do(http.MethodHead, "/scim/v2/Users/no-such-id", nil)
	assert.Equal(t, http.StatusNotFound, r.Status)
	assert.Empty(t, r.Body)
	assert.Equal(t, http.StatusOK, tg.do(http.MethodHead, "/healthz", nil).Status)
}
