package webex

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreatePersonAfterAnAmbiguousFailure(t *testing.T) {
	tests := []struct {
		name      string
		post      http.HandlerFunc
		lookup    string // GET /people?email= answer
		wantID    string // "" when the error comes back
		wantCalls []string
	}{
		{"503 but Webex created it", status(503), `{"items":[{"id":"P9","emails":["New.Person@example.com"],"displayName":"New"}]}`, "P9",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
		{"dropped connection but Webex created it", hangUp, `{"items":[{"id":"P9","emails":["new.person@example.com"],"displayName":"New"}]}`, "P9",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
		{"503 and nothing was created", status(503), `{"items":[]}`, "",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
		{"lookup finds someone else", status(502), `{"items":[{"id":"P8","emails":["other@example.com"]}]}`, "",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
		{"409 is not ambiguous", status(409), ``, "", []string{"POST /v1/people"}},
		// Webex has answered 400 to a create it applied (issue 11): one lookup, which finds nobody
		// after a genuine 400.
		{"400 but Webex created it", status(400), `{"items":[{"id":"P9","emails":["new.person@example.com"],"displayName":"New"}]}`, "P9",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
		{"400 and nothing was created", status(400), `{"items":[]}`, "",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
		// A person who had the email already (other names) is not taken for the new one.
		{"the email's owner is someone else", status(500), `{"items":[{"id":"P7","emails":["new.person@example.com"],"displayName":"Old"}]}`, "",
			[]string{"POST /v1/people", "GET /v1/people?email=new.person%40example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
				if req.Method == http.MethodPost {
					tt.post(w, req)
					return
				}
				writeJSON(w, 200, tt.lookup)
			})
			c, _, _ := newTestClient(t, r)
			p, err := c.CreatePerson(context.Background(), Person{Emails: []string{"new.person@example.com"}, DisplayName: "New"})
			var calls []string
			for _, s := range r.seen() {
				call := s.Method + " " + s.Path
				if s.RawQuery != "" {
					call += "?" + s.RawQuery
				}
				calls = append(calls, call)
			}
			assert.Equal(t, tt.wantCalls, calls, "the POST is sent once, never retried")
			if tt.wantID != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.wantID, p.ID)
				return
			}
			var we *Error
			require.ErrorAs(t, err, &we)
			assert.Equal(t, "POST", we.Method, "the original error comes back")
		})
	}
}

func TestCreateMembershipAfterAnAmbiguousFailure(t *testing.T) {
	var r *recorder
	r = newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		switch {
		case req.Method == http.MethodPost:
			webexError(w, 504, "gateway timeout")
		case req.URL.Query().Get("cursor") == "":
			w.Header().Set("Link", `<`+r.srv.URL+`/v1/team/memberships?teamId=T1&cursor=2>; rel="next"`)
			writeJSON(w, 200, `{"items":[{"id":"M0","teamId":"T1","personId":"P0","isModerator":true}]}`)
		default:
			writeJSON(w, 200, `{"items":[{"id":"M1","teamId":"T1","personId":"P1","isModerator":false}]}`)
		}
	})
	c, _, _ := newTestClient(t, r)
	m, err := c.CreateMembership(context.Background(), "T1", "P1", false)
	require.NoError(t, err)
	assert.Equal(t, "M1", m.ID)
	assert.Len(t, r.seen(), 3, "one POST, then the two pages of the team's memberships")

	_, err = c.CreateMembership(context.Background(), "T1", "P7", false)
	var we *Error
	require.ErrorAs(t, err, &we)
	assert.Equal(t, 504, we.Status)
}

func TestUpdatePersonSendsTheFullReplaceBody(t *testing.T) {
	r := newRecorder(t, ok(fullPerson))
	c, _, _ := newTestClient(t, r)
	current, err := c.GetPerson(context.Background(), "P1")
	require.NoError(t, err)
	current.FirstName = "Jon"
	updated, err := c.UpdatePerson(context.Background(), current.ID, *current)
	require.NoError(t, err)
	assert.Equal(t, "P1", updated.ID)
	put := r.seen()[1]
	assert.Equal(t, "PUT", put.Method)
	assert.Contains(t, string(put.Body), `"phoneNumbers"`)
	assert.Contains(t, string(put.Body), `"firstName":"Jon"`)
	assert.NotContains(t, string(put.Body), `"lastActivity"`)
}
