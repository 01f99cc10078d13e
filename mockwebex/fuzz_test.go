package mockwebex

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzPeopleCreate sends arbitrary bodies to POST /v1/people and PUT
// /v1/people/{id}: the fake must answer Webex-shaped errors, never a panic
// or a 500 of its own making, and stay consistent with the spec (the
// validating wrapper checks every exchange).
func FuzzPeopleCreate(f *testing.F) {
	for _, seed := range []string{
		`{"emails":["a@example.com"],"displayName":"A"}`,
		`{"emails":["a@example.com","b@example.com"],"firstName":"A"}`,
		`{"emails":[],"displayName":""}`,
		`{"emails":"a@example.com"}`,
		`{"emails":[1,2],"roles":{"x":1}}`,
		`{"emails":["x@example.com"],"lastName":"L","phoneNumbers":[{"type":"work","value":"1","extra":true}]}`,
		`{"emails":["x@example.com"],"lastName":"L","addresses":[{"country":5}]}`,
		`{"displayName":null,"emails":null}`,
		`[]`, `null`, `"str"`, `{`, ``, `{"a":` + string(bytes.Repeat([]byte("["), 1000)),
	} {
		f.Add([]byte(seed))
	}
	clock := NewFakeClock(testStart)
	s, err := New(WithClock(clock), WithAdminToken(adminTok))
	require.NoError(f, err)
	target := s.State().People[3].ID
	f.Fuzz(func(t *testing.T, body []byte) {
		h := validating(t, s)
		for _, rq := range []struct{ method, path string }{
			{http.MethodPost, "/v1/people"},
			{http.MethodPut, "/v1/people/" + target},
			{http.MethodPost, "/v1/teams"},
			{http.MethodPost, "/v1/team/memberships"},
		} {
			req := httptest.NewRequest(rq.method, rq.path, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+adminTok)
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("%s %s answered %d: %s", rq.method, rq.path, w.Code, w.Body)
			}
			if w.Code >= 400 {
				var env errorEnvelope
				if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil || env.Message == "" || env.TrackingID == "" {
					t.Fatalf("%s %s: %d without Webex's envelope: %s", rq.method, rq.path, w.Code, w.Body)
				}
			}
		}
	})
}
