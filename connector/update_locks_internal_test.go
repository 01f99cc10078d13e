package connector

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// An update waiting for another update of the same user ends with its request: 503, and its
// place in the table is given back; other users are not held up; the table empties when all
// are done.
func TestUpdateLocks(t *testing.T) {
	l := newUpdateLocks(slog.New(slog.DiscardHandler))
	unlockA, err := l.lock(context.Background(), "Users/a")
	require.NoError(t, err)

	unlockB, err := l.lock(context.Background(), "Users/b")
	require.NoError(t, err, "another user is not held up")
	unlockB()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = l.lock(ctx, "Users/a")
	var se *scim.Error
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, http.StatusServiceUnavailable, se.Status)

	got := make(chan struct{})
	go func() {
		unlock, err := l.lock(context.Background(), "Users/a")
		if err == nil {
			unlock()
		}
		close(got)
	}()
	unlockA()
	<-got
	l.mu.Lock()
	defer l.mu.Unlock()
	assert.Empty(t, l.held)
	assert.Zero(t, l.total)
}

// Past the bound on waiting updates a new one is refused at once (503) instead of queueing
// without end.
func TestUpdateLocksBound(t *testing.T) {
	l := newUpdateLocks(slog.New(slog.DiscardHandler))
	l.limit = 1
	unlock, err := l.lock(context.Background(), "Users/a")
	require.NoError(t, err)
	_, err = l.lock(context.Background(), "Users/b")
	var se *scim.Error
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, http.StatusServiceUnavailable, se.Status)
	unlock()
	unlock, err = l.lock(context.Background(), "Users/b")
	require.NoError(t, err)
	unlock()
}

// Webex accepts several spellings of one id (base64url with or without padding, the standard
// alphabet, a person's bare uuid): each gets the same lock, and different ids different ones.
func TestLockKeyIsCanonical(t *testing.T) {
	const uuid = "4CEA496D-7b2e-587d-beb9-e7a12d906f23"
	raw := "ciscospark://us/PEOPLE/" + uuid
	key := lockKey("Users", base64.RawURLEncoding.EncodeToString([]byte(raw)))
	for _, spelling := range []string{
		base64.URLEncoding.EncodeToString([]byte(raw)),
		base64.StdEncoding.EncodeToString([]byte(raw)),
		base64.RawStdEncoding.EncodeToString([]byte(raw)),
		base64.RawURLEncoding.EncodeToString([]byte("ciscospark://urn:TEAM:eu-central-1_k/PEOPLE/" + uuid)),
		uuid,
		strings.ToLower(uuid),
	} {
		assert.Equal(t, key, lockKey("Users", spelling), spelling)
	}
	assert.NotEqual(t, key, lockKey("Groups", uuid), "kinds are apart")
	assert.NotEqual(t, key, lockKey("Users", base64.RawURLEncoding.EncodeToString([]byte("ciscospark://us/PEOPLE/other"))))
}
