//go:build unix

package connector

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// stripeIsFree reports whether a third opener could take key's stripe right now.
func stripeIsFree(t *testing.T, l *sharedLocks, key string) bool {
	t.Helper()
	f, err := os.OpenFile(l.stripe(key), os.O_RDWR|os.O_CREATE, 0o600)
	require.NoError(t, err)
	defer f.Close()
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if err == nil {
		require.NoError(t, unix.Flock(int(f.Fd()), unix.LOCK_UN))
		return true
	}
	require.ErrorIs(t, err, unix.EWOULDBLOCK)
	return false
}

// Design §3.10, SCIM_LOCK_DIR: two openers of one lock directory (two replicas) exclude each
// other on a key; the second one's wait ends with its context, and it gets the lock once the
// first releases it; the stripe file is 0600.
func TestSharedLocksExcludeAnotherOpener(t *testing.T) {
	dir := t.TempDir()
	a, err := openSharedLocks(dir)
	require.NoError(t, err)
	b, err := openSharedLocks(dir)
	require.NoError(t, err)
	key := lockKey("Users", "someone")

	unlockA, err := a.lock(context.Background(), key)
	require.NoError(t, err)
	assert.False(t, stripeIsFree(t, a, key), "held by a")
	fi, err := os.Stat(a.stripe(key))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = b.lock(cancelled, key)
	require.ErrorIs(t, err, context.Canceled, "b does not get a held stripe")

	type result struct {
		unlock func()
		err    error
	}
	got := make(chan result, 1)
	go func() {
		unlockB, err := b.lock(context.Background(), key)
		got <- result{unlockB, err}
	}()
	unlockA()
	r := <-got
	require.NoError(t, r.err, "b gets the stripe once a released it")
	assert.False(t, stripeIsFree(t, a, key), "held by b")
	r.unlock()
	assert.True(t, stripeIsFree(t, a, key), "released on b's unlock")
}

// A wait for a busy stripe ends when the request's context does, never blocking for ever.
func TestSharedLockWaitEndsWithTheContext(t *testing.T) {
	l, err := openSharedLocks(t.TempDir())
	require.NoError(t, err)
	unlock, err := l.lock(context.Background(), "Groups/g")
	require.NoError(t, err)
	defer unlock()

	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() {
		_, err := l.lock(ctx, "Groups/g")
		got <- err
	}()
	cancel()
	require.ErrorIs(t, <-got, context.Canceled)

	// Through updateLocks: a 503 naming the other replica's update, and this process's lock on the
	// key is given back.
	u := newUpdateLocks(slog.New(slog.DiscardHandler))
	u.shared = l
	cancelled, stop := context.WithCancel(context.Background())
	stop()
	_, err = u.lock(cancelled, "Groups/g")
	var se *scim.Error
	require.ErrorAs(t, err, &se)
	assert.Equal(t, http.StatusServiceUnavailable, se.Status)
	assert.Contains(t, se.Detail, "another replica")
	assert.Zero(t, u.total, "the process lock is released")
	assert.Empty(t, u.held)
}

// However many users and groups are written, the lock directory holds at most
// sharedLockStripes files, and every lock is released after use.
func TestSharedLockStripesAreBounded(t *testing.T) {
	dir := t.TempDir()
	l, err := openSharedLocks(dir)
	require.NoError(t, err)
	for i := range 4 * sharedLockStripes {
		unlock, err := l.lock(context.Background(), lockKey("Users", fmt.Sprintf("user-%d", i)))
		require.NoError(t, err)
		unlock()
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.LessOrEqual(t, len(entries), sharedLockStripes)
	assert.Greater(t, len(entries), sharedLockStripes/2, "keys spread over the stripes")
	for _, e := range entries {
		assert.True(t, stripeIsFreePath(t, filepath.Join(dir, e.Name())), e.Name())
	}
}

func stripeIsFreePath(t *testing.T, path string) bool {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}

// A lock directory that is missing, not a directory, or not writable is a startup error naming it.
func TestSharedLockDirProblemsNameTheDirectory(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	bad := []string{filepath.Join(dir, "missing"), file}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "read-only")
		require.NoError(t, os.Mkdir(ro, 0o500))
		bad = append(bad, ro)
	}
	for _, p := range bad {
		_, err := openSharedLocks(p)
		require.Error(t, err, p)
		assert.Contains(t, err.Error(), p)
		assert.Contains(t, err.Error(), "SCIM_LOCK_DIR")
	}
	good := t.TempDir()
	_, err := openSharedLocks(good)
	require.NoError(t, err)
	entries, err := os.ReadDir(good)
	require.NoError(t, err)
	assert.Empty(t, entries, "the probe file is removed")
}
