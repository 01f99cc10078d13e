package webex_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// These tests run the client against the project's fake Webex (design §5) over loopback HTTP.

type fixture struct {
	mock   *mockwebex.Server
	srv    *httptest.Server
	client *webex.Client

	mu    sync.Mutex
	waits []time.Duration
}

func (f *fixture) base() string { return f.srv.URL + "/v1" }

func (f *fixture) recordedWaits() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.waits...)
}

func newFixture(t *testing.T, ts func(f *fixture) oauth2.TokenSource) *fixture {
	t.Helper()
	mock, err := mockwebex.New()
	require.NoError(t, err)
	f := &fixture{mock: mock, srv: httptest.NewServer(mock)}
	t.Cleanup(f.srv.Close)
	src := oauth2.TokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: mock.AdminToken()}))
	if ts != nil {
		src = ts(f)
	}
	f.client, err = webex.New(webex.Config{
		BaseURL:     f.base(),
		HTTPClient:  f.srv.Client(),
		TokenSource: src,
		UserAgent:   "webex-scim/test",
		Sleep: func(ctx context.Context, d time.Duration) error {
			f.mu.Lock()
			f.waits = append(f.waits, d)
			f.mu.Unlock()
			return ctx.Err()
		},
	})
	require.NoError(t, err)
	return f
}

func webexStatus(t *testing.T, err error) int {
	t.Helper()
	var we *webex.Error
	require.ErrorAs(t, err, &we)
	return we.Status
}

func TestMockPeople(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	c := f.client

	require.NoError(t, c.Ping(ctx))
	me, err := c.Me(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"admin@example.com"}, me.Emails)

	// Every person, in pages of 3, each once.
	seen := map[string]bool{}
	next := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 100, "the listing ends")
		page, err := c.ListPeople(ctx, webex.PeopleQuery{Max: 3}, next)
		require.NoError(t, err)
		for _, p := range page.Items {
			assert.False(t, seen[p.ID], "person %s listed twice", p.ID)
			seen[p.ID] = true
		}
		if page.Next == "" {
			break
		}
		next = page.Next
	}
	assert.Len(t, seen, len(f.mock.State().People))

	byEmail, err := c.ListPeople(ctx, webex.PeopleQuery{Email: "Bob.Builder@example.com"}, "")
	require.NoError(t, err)
	require.Len(t, byEmail.Items, 1)
	bob := byEmail.Items[0]
	assert.Equal(t, "Bob Builder", bob.DisplayName)

	byIDs, err := c.ListPeople(ctx, webex.PeopleQuery{IDs: []string{bob.ID, me.ID, "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"}}, "")
	require.NoError(t, err)
	assert.Len(t, byIDs.Items, 2)
	assert.Len(t, byIDs.NotFoundIDs, 1)

	// Full replace keeps what SCIM does not map (WX08): read, change, put back.
	admin, err := c.GetPerson(ctx, me.ID)
	require.NoError(t, err)
	require.Contains(t, admin.Extra, "phoneNumbers")
	require.Contains(t, admin.Extra, "department")
	admin.Timezone = "Europe/Paris"
	updated, err := c.UpdatePerson(ctx, admin.ID, *admin)
	require.NoError(t, err)
	assert.Equal(t, "Europe/Paris", updated.Timezone)
	assert.JSONEq(t, string(admin.Extra["phoneNumbers"]), string(updated.Extra["phoneNumbers"]))
	assert.JSONEq(t, string(admin.Extra["department"]), string(updated.Extra["department"]))
	assert.Equal(t, admin.Roles, updated.Roles)
	assert.Equal(t, admin.Licenses, updated.Licenses)

	// Create (WX09), duplicate (WX14), delete, then the WX07 answers.
	created, err := c.CreatePerson(ctx, webex.Person{Emails: []string{"new.hire@example.com"}, FirstName: "New", LastName: "Hire"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ID)
	assert.Equal(t, "pending", created.Status)
	require.NotNil(t, created.InvitePending)
	assert.True(t, *created.InvitePending)
	assert.False(t, created.Created.IsZero())

	_, err = c.CreatePerson(ctx, webex.Person{Emails: []string{"NEW.HIRE@example.com"}, DisplayName: "Again"})
	assert.Equal(t, http.StatusConflict, webexStatus(t, err))

	_, err = c.CreatePerson(ctx, webex.Person{Emails: []string{"nameless@example.com"}})
	assert.Equal(t, http.StatusBadRequest, webexStatus(t, err), "a name is required (WX09)")

	require.NoError(t, c.DeletePerson(ctx, created.ID))
	_, err = c.GetPerson(ctx, created.ID)
	assert.Equal(t, http.StatusNotFound, webexStatus(t, err))
	err = c.DeletePerson(ctx, created.ID)
	assert.Equal(t, http.StatusForbidden, webexStatus(t, err), "WX07")

	var we *webex.Error
	require.ErrorAs(t, err, &we)
	assert.NotEmpty(t, we.TrackingID, "Webex errors carry a trackingId")
	assert.NotEmpty(t, we.Message)
}

func TestMockTeamsAndMemberships(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	c := f.client
	me, err := c.Me(ctx)
	require.NoError(t, err)

	team, err := c.CreateTeam(ctx, "Client test team")
	require.NoError(t, err)
	assert.Equal(t, "Client test team", team.Name)
	assert.False(t, team.Created.IsZero())

	members, err := c.ListMemberships(ctx, team.ID, 0, "")
	require.NoError(t, err)
	require.Len(t, members.Items, 1)
	assert.Equal(t, me.ID, members.Items[0].PersonID, "the creator is a member (WX11)")
	assert.True(t, members.Items[0].IsModerator)

	bob, err := c.ListPeople(ctx, webex.PeopleQuery{Email: "bob.builder@example.com"}, "")
	require.NoError(t, err)
	require.Len(t, bob.Items, 1)
	m, err := c.CreateMembership(ctx, team.ID, bob.Items[0].ID, false)
	require.NoError(t, err)
	assert.Equal(t, team.ID, m.TeamID)
	assert.False(t, m.IsModerator)
	_, err = c.CreateMembership(ctx, team.ID, bob.Items[0].ID, false)
	assert.Equal(t, http.StatusConflict, webexStatus(t, err), "WX13")

	m, err = c.UpdateMembership(ctx, m.ID, true)
	require.NoError(t, err)
	assert.True(t, m.IsModerator)

	renamed, err := c.UpdateTeam(ctx, team.ID, "Renamed team")
	require.NoError(t, err)
	assert.Equal(t, "Renamed team", renamed.Name)
	got, err := c.GetTeam(ctx, team.ID)
	require.NoError(t, err)
	assert.Equal(t, "Renamed team", got.Name)

	// Teams in pages of 1 (the seed has three, plus this one).
	var names []string
	next := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 100)
		page, err := c.ListTeams(ctx, 1, next)
		require.NoError(t, err)
		for _, tm := range page.Items {
			names = append(names, tm.Name)
		}
		if page.Next == "" {
			break
		}
		next = page.Next
	}
	assert.Contains(t, names, "Renamed team")
	assert.Len(t, names, len(f.mock.State().Teams))

	require.NoError(t, c.DeleteMembership(ctx, m.ID))
	require.NoError(t, c.DeleteTeam(ctx, team.ID))
	_, err = c.GetTeam(ctx, team.ID)
	assert.Equal(t, http.StatusNotFound, webexStatus(t, err))

	_, err = c.ListMemberships(ctx, "", 0, "")
	assert.Equal(t, http.StatusBadRequest, webexStatus(t, err), "teamId is required (WX15)")
}

func TestMockRolesAndLicenses(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	roles, err := f.client.ListRoles(ctx)
	require.NoError(t, err)
	require.Len(t, roles, len(f.mock.State().Roles))
	role, err := f.client.GetRole(ctx, roles[0].ID)
	require.NoError(t, err)
	assert.Equal(t, roles[0], *role)

	lics, err := f.client.ListLicenses(ctx)
	require.NoError(t, err)
	require.Len(t, lics, len(f.mock.State().Licenses))
	lic, err := f.client.GetLicense(ctx, lics[0].ID)
	require.NoError(t, err)
	assert.Equal(t, lics[0], *lic)
	assert.NotEmpty(t, lic.Name)
	assert.Positive(t, lic.TotalUnits)
}

// WX01 against the fake: the echoed cursor is not followed, and the listing is reported cut
// short (issue 15), not ended.
func TestMockCursorEchoEndsTheWalk(t *testing.T) {
	f := newFixture(t, nil)
	page, err := f.client.ListPeople(context.Background(), webex.PeopleQuery{}, f.base()+"/people?max=5&cursor=not-a-cursor")
	require.ErrorIs(t, err, webex.ErrListingCut)
	assert.Empty(t, page.Items)
	assert.Empty(t, page.Next, "WX01: the echoed cursor is not followed")
}

func TestMockFaults(t *testing.T) {
	ctx := context.Background()
	t.Run("rate limit is waited out", func(t *testing.T) {
		f := newFixture(t, nil)
		_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, Path: "/v1/teams", Times: 2, RetryAfter: 2})
		require.NoError(t, err)
		_, err = f.client.CreateTeam(ctx, "after the rate limit")
		require.NoError(t, err)
		assert.Equal(t, []time.Duration{2 * time.Second, 2 * time.Second}, f.recordedWaits())
	})
	t.Run("rate limit for ever comes back with Retry-After", func(t *testing.T) {
		f := newFixture(t, nil)
		_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultRateLimit, RetryAfter: 5})
		require.NoError(t, err)
		_, err = f.client.Me(ctx)
		var we *webex.Error
		require.ErrorAs(t, err, &we)
		assert.Equal(t, http.StatusTooManyRequests, we.Status)
		assert.Equal(t, 5*time.Second, we.RetryAfter)
		assert.Len(t, f.mock.Requests(), webex.DefaultMaxAttempts)
	})
	t.Run("5xx on a read is retried", func(t *testing.T) {
		f := newFixture(t, nil)
		_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 503, Method: "GET", Times: 1})
		require.NoError(t, err)
		_, err = f.client.Me(ctx)
		require.NoError(t, err)
		assert.Equal(t, []time.Duration{100 * time.Millisecond}, f.recordedWaits())
	})
	t.Run("dropped connection on a read is retried", func(t *testing.T) {
		f := newFixture(t, nil)
		_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultDropConnection, Method: "GET", Times: 1})
		require.NoError(t, err)
		_, err = f.client.ListRoles(ctx)
		require.NoError(t, err)
		assert.Equal(t, []time.Duration{100 * time.Millisecond}, f.recordedWaits())
	})
	t.Run("5xx on a create is not retried, and the lookup finds nothing", func(t *testing.T) {
		f := newFixture(t, nil)
		_, err := f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultServerError, Status: 502, Method: "POST", Path: "/v1/people", Times: 1})
		require.NoError(t, err)
		_, err = f.client.CreatePerson(ctx, webex.Person{Emails: []string{"maybe@example.com"}, DisplayName: "Maybe"})
		assert.Equal(t, http.StatusBadGateway, webexStatus(t, err))
		var posts, lookups int
		for _, r := range f.mock.Requests() {
			switch {
			case r.Method == "POST":
				posts++
			case r.Method == "GET" && strings.Contains(r.Query, "email="):
				lookups++
			}
		}
		assert.Equal(t, 1, posts)
		assert.Equal(t, 1, lookups)
	})
}

func TestMockTokenStore(t *testing.T) {
	ctx := context.Background()
	var store *webex.TokenStore
	file := &webex.TokenFile{Path: filepath.Join(t.TempDir(), "webex-token.json")}
	f := newFixture(t, func(f *fixture) oauth2.TokenSource {
		cfg := &oauth2.Config{ClientID: "mock-client-id", ClientSecret: "mock-client-secret",
			Endpoint: webex.Endpoint(f.base()), Scopes: webex.Scopes()}
		store = webex.NewTokenStore(cfg, file, nil, webex.WithTokenHTTPClient(f.srv.Client()))
		return store
	})

	_, err := f.client.Me(ctx)
	assert.ErrorIs(t, err, webex.ErrNoToken, "no consent yet")

	store.SetRefreshToken("not-a-refresh-token")
	_, err = f.client.Me(ctx)
	assert.ErrorIs(t, err, webex.ErrNoToken, "a refused refresh token (WX18) means consent again")

	store.SetRefreshToken(f.mock.AdminRefreshToken())
	me, err := f.client.Me(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"admin@example.com"}, me.Emails)
	saved, err := file.Load()
	require.NoError(t, err)
	assert.NotEmpty(t, saved.AccessToken, "the refreshed token is written back")

	// Webex says the access token expired: the client refreshes once and carries on.
	_, err = f.mock.AddFault(mockwebex.Fault{Name: mockwebex.FaultTokenExpired, Times: 1})
	require.NoError(t, err)
	_, err = f.client.Me(ctx)
	require.NoError(t, err)
	again, err := file.Load()
	require.NoError(t, err)
	assert.NotEqual(t, saved.AccessToken, again.AccessToken)
}
