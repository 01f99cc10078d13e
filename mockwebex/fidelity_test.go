package mockwebex

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 11 item 4: organizations, memberships of a deleted person, the
// forms of Retry-After, and a create that fails after it was applied.

func TestOrganizations_ListAndGet(t *testing.T) {
	f := newFake(t)
	r := f.get("/v1/organizations")
	r.requireStatus(t, http.StatusOK)
	items := r.items(t)
	require.Len(t, items, 1)
	assert.Equal(t, "Example Org", items[0]["displayName"])
	assert.Equal(t, "2026-01-05T09:00:00.000Z", items[0]["created"])
	id := items[0]["id"].(string)
	local, ok := parseID(kindOrganization, id)
	require.True(t, ok)
	assert.Equal(t, "c500a458-110e-5e36-aea7-564875a9aa70", local)
	one := f.get("/v1/organizations/" + id)
	one.requireStatus(t, http.StatusOK)
	assert.Equal(t, items[0], one.obj(t))
	f.get("/v1/organizations/"+makeID(kindOrganization, "00000000-0000-4000-8000-000000000000")).requireStatus(t, http.StatusNotFound)
	f.get("/v1/organizations?max=5").requireStatus(t, http.StatusBadRequest)
	trent := f.tokenFor("trent.tanaka@example.com")
	f.do("GET", "/v1/organizations", trent, nil).requireStatus(t, http.StatusForbidden)
	f.do("GET", "/v1/organizations/"+id, trent, nil).requireStatus(t, http.StatusForbidden)
}

func TestDeletedPerson_LeavesEveryTeam(t *testing.T) {
	f := newFake(t)
	dave := f.personID("dave.dubois@example.com")
	eng := f.teamID("Engineering")
	mid := f.membershipOf(eng, dave)
	f.do("DELETE", "/v1/people/"+dave, adminTok, nil).requireStatus(t, http.StatusNoContent)
	f.get("/v1/team/memberships/"+mid).requireStatus(t, http.StatusNotFound)
	for _, m := range f.get("/v1/team/memberships?teamId=" + eng).items(t) {
		assert.NotEqual(t, dave, m["personId"])
	}
	for _, m := range f.s.State().Memberships {
		assert.NotEqual(t, dave, m.PersonID)
	}
}

func TestRetryAfter_FormsOfFaultsAndRateLimit(t *testing.T) {
	f := newFake(t)
	now := f.clock.Now()
	for _, tc := range []struct {
		fault Fault
		want  string // "" = absent
	}{
		{Fault{Name: FaultRateLimit, RetryAfter: 2}, "2"},
		{Fault{Name: FaultRateLimit}, "1"},
		{Fault{Name: FaultRateLimit, RetryAfter: 2, RetryAfterForm: RetryAfterDate}, now.Add(3 * time.Second).Truncate(time.Second).Format(http.TimeFormat)},
		{Fault{Name: FaultRateLimit, RetryAfterForm: RetryAfterMissing}, ""},
		{Fault{Name: FaultRateLimit, RetryAfterForm: RetryAfterMalformed}, "soon"},
		{Fault{Name: FaultServerError, Status: 503, RetryAfter: 4}, "4"},
		{Fault{Name: FaultServerError, Status: 503, RetryAfterForm: RetryAfterDate}, now.Add(2 * time.Second).Truncate(time.Second).Format(http.TimeFormat)},
		{Fault{Name: FaultServerError, Status: 503, RetryAfterForm: RetryAfterMalformed}, "soon"},
		{Fault{Name: FaultServerError, Status: 503}, ""},
	} {
		tc.fault.Times = 1
		_, err := f.s.AddFault(tc.fault)
		require.NoError(t, err)
		r := f.get("/v1/people/me")
		require.GreaterOrEqual(t, r.code, 429, "%+v", tc.fault)
		requireEnvelope(t, r)
		if tc.want == "" {
			assert.NotContains(t, r.hdr, "Retry-After", "%+v", tc.fault)
		} else {
			assert.Equal(t, tc.want, r.hdr.Get("Retry-After"), "%+v", tc.fault)
		}
	}
	for _, bad := range []Fault{
		{Name: FaultRateLimit, RetryAfterForm: "later"},
		{Name: FaultServerError, RetryAfter: 2},             // a 500 carries no Retry-After
		{Name: FaultServerError, RetryAfterForm: "seconds"}, // nor its form
		{Name: FaultLatency, MS: 1, RetryAfterForm: "date"}, // not a parameter of latency
		{Name: FaultFailAfterApply, Status: 404},            // 400 or 5xx only
		{Name: FaultFailAfterApply, RetryAfter: 1},          // no Retry-After there
	} {
		_, err := f.s.AddFault(bad)
		assert.Error(t, err, "%+v", bad)
	}

	// The rate limit's 429s in each form, chosen by the settings.
	for form, check := range map[string]func(string) bool{
		RetryAfterSeconds:   func(v string) bool { return v == "1" },
		RetryAfterDate:      func(v string) bool { _, err := http.ParseTime(v); return err == nil },
		RetryAfterMalformed: func(v string) bool { return v == "soon" },
		RetryAfterMissing:   func(v string) bool { return v == "" },
	} {
		require.NoError(t, f.s.SetSettings(Settings{Quirks: AllQuirks(), RateLimit: 1, RetryAfterForm: form}))
		f.clock.Advance(time.Second)
		f.get("/v1/people/me").requireStatus(t, http.StatusOK)
		r := f.get("/v1/people/me")
		r.requireStatus(t, http.StatusTooManyRequests)
		assert.True(t, check(r.hdr.Get("Retry-After")), "%s: %q", form, r.hdr.Get("Retry-After"))
	}
	require.Error(t, f.s.SetSettings(Settings{Quirks: AllQuirks(), RetryAfterForm: "later"}))
	r := f.do("POST", "/_mock/settings", "", map[string]any{"retryAfterForm": "date"})
	r.requireStatus(t, http.StatusOK)
	assert.Equal(t, "date", r.obj(t)["retryAfterForm"])
	f.do("POST", "/_mock/settings", "", map[string]any{"retryAfterForm": "later"}).requireStatus(t, http.StatusBadRequest)
}

func TestFailAfterApply_CreatesButAnswersAnError(t *testing.T) {
	for _, status := range []int{400, 500, 503} {
		f := newFake(t)
		_, err := f.s.AddFault(Fault{Name: FaultFailAfterApply, Method: "POST", Path: "/v1/people", Times: 1, Status: status})
		require.NoError(t, err)
		r := f.do("POST", "/v1/people", adminTok, newPersonBody("ghostly@example.com"))
		r.requireStatus(t, status)
		assert.Contains(t, string(r.body), "applied")
		// The person was created nonetheless, once.
		found := f.get("/v1/people?email=ghostly@example.com").items(t)
		require.Len(t, found, 1)
		reqs := f.s.Requests()
		var statuses []int
		for _, rq := range reqs {
			if rq.Method == "POST" && rq.Path == "/v1/people" {
				statuses = append(statuses, rq.Status)
			}
		}
		assert.Equal(t, []int{status}, statuses, "the log shows the answer sent")
		// Once used, the fault is gone: a second create of the same email is WX14's 409.
		f.do("POST", "/v1/people", adminTok, newPersonBody("ghostly@example.com")).requireStatus(t, http.StatusConflict)
	}
}
