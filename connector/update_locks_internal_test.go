package connector

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// An update waiting for another update of the same user ends with its request: 503, and its
// place in the table is given back; other users are not held up; the table empties when all
// are done.
func TestUpdateLocks(t *testing.T) {
	l := newUpdateLocks()
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
	l := newUpdateLocks()
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
