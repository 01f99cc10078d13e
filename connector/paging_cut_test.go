package connector_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// cutWebex is a Webex whose people listing stops part-way: the first page holds two people and
// links to cursor=c2; the page at cursor=c2 is empty and links to itself (WX01, as Webex answers
// a cursor it cannot decode).
func cutWebex(t *testing.T) *target {
	t.Helper()
	var base string
	webexSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Trackingid", "ROUTER_CUT")
		if r.URL.Path != "/v1/people" {
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"message":"not here"}`)
			return
		}
		w.Header().Set("Link", fmt.Sprintf(`<%s/v1/people?cursor=c2&max=%s>; rel="next"`, base, r.URL.Query().Get("max")))
		if r.URL.Query().Get("cursor") == "c2" {
			_, _ = io.WriteString(w, `{"items":[]}`)
			return
		}
		_, _ = io.WriteString(w, `{"items":[{"id":"P1","emails":["a@example.com"],"displayName":"A"},`+
			`{"id":"P2","emails":["b@example.com"],"displayName":"B"}]}`)
	}))
	t.Cleanup(webexSrv.Close)
	base = webexSrv.URL
	client, err := webex.New(webex.Config{
		BaseURL: base + "/v1", HTTPClient: webexSrv.Client(), MaxAttempts: 1,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}),
		Sleep:       func(context.Context, time.Duration) error { return nil },
	})
	require.NoError(t, err)
	conn, err := connector.New(connector.Config{Webex: client, WebexURL: base + "/v1", SCIMToken: scimToken})
	require.NoError(t, err)
	srv := httptest.NewServer(conn)
	t.Cleanup(srv.Close)
	return &target{t: t, srv: srv, url: srv.URL, token: scimToken}
}

// Issue 15, "also check": when Webex repeats its cursor on an empty page part-way through a
// listing (WX01), the listing is not complete. The connector used to end the walk there and
// answer the two people read as the whole directory (totalResults 2), which a reconciling client
// would act on (deprovisioning everyone else). It now answers 502 saying so; a SCIM cursor that
// leads into such a listing is expiredCursor.
func TestListingCutShortByWebexIsNotAnAnswer(t *testing.T) {
	tg := cutWebex(t)
	r := tg.do(http.MethodGet, "/scim/v2/Users", nil)
	requireSCIMError(t, r, http.StatusBadGateway, "")
	assert.Contains(t, r.JSON.Get("detail").String(), "WX01")
	assert.Contains(t, r.JSON.Get("detail").String(), "ROUTER_CUT")

	first := tg.do(http.MethodGet, "/scim/v2/Users?count=2&cursor=", nil)
	require.Equal(t, http.StatusOK, first.Status, string(first.Body))
	require.Equal(t, int64(2), first.JSON.Get("Resources.#").Int())
	next := first.JSON.Get("nextCursor").String()
	require.NotEmpty(t, next, "two people read, and Webex says there are more")
	r = tg.do(http.MethodGet, "/scim/v2/Users?count=2&cursor="+next, nil)
	requireSCIMError(t, r, http.StatusBadRequest, "expiredCursor")

	r = tg.do(http.MethodGet, "/scim/v2/Users?count=5&cursor=", nil)
	requireSCIMError(t, r, http.StatusBadGateway, "")
}
