package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/fixtures"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// issue 13: a walk certain to reach the end (index paging) asks Webex for the next page while it
// is still working through the current one. fn holds the first person of the first page until
// the fake has received the second page's request: a walk that read the next page only after
// finishing this one would never get there, and the test fails on ctx's deadline, not a clock.
// The people come in Webex's order, each once, and nothing outlives the walk.
func TestWalkAllPeopleReadsAhead(t *testing.T) {
	var doc mockwebex.SeedDoc
	require.NoError(t, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	for i := range 45 {
		doc.People = append(doc.People, mockwebex.SeedPerson{
			UUID:   fmt.Sprintf("00000000-0000-4000-b000-%012d", i),
			Emails: []string{fmt.Sprintf("walk.%d@example.com", i)}, DisplayName: fmt.Sprintf("Walk %d", i)})
	}
	seed, err := json.Marshal(doc)
	require.NoError(t, err)
	var mu sync.Mutex
	requests := 0
	second := make(chan struct{})
	fake, err := mockwebex.New(mockwebex.WithSeed(seed), mockwebex.WithLatency(time.Nanosecond, 0),
		mockwebex.WithSleeper(func(context.Context, time.Duration) error {
			mu.Lock()
			defer mu.Unlock()
			if requests++; requests == 2 {
				close(second)
			}
			return nil
		}))
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	client, err := webex.New(webex.Config{BaseURL: fsrv.URL + "/v1", HTTPClient: fsrv.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fake.AdminToken()})})
	require.NoError(t, err)
	s, err := New(Config{Webex: client, WebexURL: fsrv.URL + "/v1", SCIMToken: "t"})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var got []string
	err = s.walkAllPeople(ctx, peoplePlan{}, 10, func(p *webex.Person) {
		if len(got) == 0 {
			select {
			case <-second:
			case <-ctx.Done():
				t.Error("the second page was not asked for while the first was being read")
			}
		}
		got = append(got, p.ID)
	})
	require.NoError(t, err)

	var want []string
	_, _, err = s.walkPeople(context.Background(), peoplePlan{}, 10, webexPosition{}, func(p *webex.Person) bool {
		want = append(want, p.ID)
		return true
	})
	require.NoError(t, err)
	assert.Len(t, want, 65)
	assert.Equal(t, want, got, "the same people in the same order as the plain walk")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2*7, requests, "seven pages each way, none read twice")
}
