package connector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// adminTarget is a connector whose Webex client makes one attempt per call (no retries), with
// the seeded admin's token, in front of fake.
func adminTarget(t *testing.T) (*target, *mockwebex.Server) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	return newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()}), nil), fake
}

// design §3.9: Webex failures map once to SCIM errors; the detail carries Webex's trackingId.
func TestWebexFailuresMapToSCIMErrors(t *testing.T) {
	tg, fake := adminTarget(t)
	cases := []struct {
		name     string
		fault    mockwebex.Fault
		status   int
		scimType string
	}{
		{"5xx", mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 503}, http.StatusBadGateway, ""},
		{"500", mockwebex.Fault{Name: mockwebex.FaultServerError}, http.StatusBadGateway, ""},
		{"connection dropped", mockwebex.Fault{Name: mockwebex.FaultDropConnection}, http.StatusBadGateway, ""},
		{"401 is the connector's problem", mockwebex.Fault{Name: mockwebex.FaultTokenExpired}, http.StatusServiceUnavailable, ""},
		{"429", mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfter: 7}, http.StatusTooManyRequests, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake.ClearFaults()
			tc.fault.Path = "/v1/people"
			_, err := fake.AddFault(tc.fault)
			require.NoError(t, err)
			r := tg.do(http.MethodGet, "/scim/v2/Users?count=5", nil)
			requireSCIMError(t, r, tc.status, tc.scimType)
			if tc.fault.Name != mockwebex.FaultDropConnection {
				assert.Contains(t, r.JSON.Get("detail").String(), "trackingId")
			}
			if tc.status == http.StatusTooManyRequests {
				assert.Equal(t, "7", r.Header.Get("Retry-After"))
			}
			fake.ClearFaults()
		})
	}
	assert.Equal(t, http.StatusOK, tg.do(http.MethodGet, "/scim/v2/Users?count=5", nil).Status, "healthy again")
}

// design §3.8: without a usable Webex token, SCIM calls answer 503 pointing at /consent, and
// /readyz says why; /healthz stays 200.
func TestNoWebexTokenAnswers503(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	empty := webex.NewTokenStore(&oauth2.Config{ClientID: "mock-client-id"}, nil, nil)
	tg := newManualTarget(t, fake, empty, nil)
	r := tg.do(http.MethodGet, "/scim/v2/Users", nil)
	requireSCIMError(t, r, http.StatusServiceUnavailable, "")
	assert.Contains(t, r.JSON.Get("detail").String(), tg.url+"/consent")
	r = tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{"userName": "x@example.com", "displayName": "X"})
	requireSCIMError(t, r, http.StatusServiceUnavailable, "")

	ready := tg.doAs("", http.MethodGet, "/readyz", nil)
	assert.Equal(t, http.StatusServiceUnavailable, ready.Status)
	assert.Contains(t, ready.JSON.Get("reason").String(), "/consent")
	assert.Equal(t, http.StatusOK, tg.doAs("", http.MethodGet, "/healthz", nil).Status)
}

// WX07's translation only applies to deleted people: a real 403 (a consenting account that may
// not manage people) stays 403.
func TestRealForbiddenStaysForbidden(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	tok, err := fake.IssueToken("heidi.hansen@example.com") // no admin role in the seed
	require.NoError(t, err)
	tg := newManualTarget(t, fake, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok}), nil)
	var carol mockwebex.Person
	for _, p := range fake.State().People {
		if p.Emails[0] == "carol.chen@example.com" {
			carol = p
		}
	}
	require.NotEmpty(t, carol.ID)
	requireSCIMError(t, tg.do(http.MethodDelete, "/scim/v2/Users/"+carol.ID, nil), http.StatusForbidden, "")
	r := tg.do(http.MethodPut, "/scim/v2/Users/"+carol.ID, map[string]any{"userName": carol.Emails[0], "displayName": "Hacked"})
	requireSCIMError(t, r, http.StatusForbidden, "")
	var still bool
	for _, p := range fake.State().People {
		if p.ID == carol.ID {
			still = true
			assert.Equal(t, carol.DisplayName, p.DisplayName)
		}
	}
	assert.True(t, still)
}

// A create whose follow-up PUT (active:true, WX09) fails says the user exists, and names it.
func TestCreateUserFollowUpFailure(t *testing.T) {
	tg, fake := adminTarget(t)
	_, err := fake.AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Method: http.MethodPut, Path: "/v1/people/"})
	require.NoError(t, err)
	r := tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{"userName": "half@example.com", "displayName": "Half", "active": true})
	requireSCIMError(t, r, http.StatusBadGateway, "")
	var id string
	for _, p := range fake.State().People {
		if p.Emails[0] == "half@example.com" {
			id = p.ID
		}
	}
	require.NotEmpty(t, id, "the person was created")
	assert.Contains(t, r.JSON.Get("detail").String(), "was created in Webex (id "+id+")")
	fake.ClearFaults()
	r = tg.do(http.MethodPost, "/scim/v2/Users", map[string]any{"userName": "half@example.com", "displayName": "Half", "active": true})
	requireSCIMError(t, r, http.StatusConflict, "uniqueness")
}
