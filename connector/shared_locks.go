//go:build unix

package connector

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// sharedLocks makes the writes of one resource take turns across replicas that share a
// directory (SCIM_LOCK_DIR, design §3.10). Webex has no conditional write (WX08: PUT /people is a
// full replace without If-Match), so the compare-and-check of user_conditional.go narrows the
// window in which one replica's PUT from a stale read lands after another replica has read its
// own write back, but cannot close it. An exclusive flock(2) held from the read to the read-back
// closes it: flock locks belong to an open file description, so they conflict between
// processes and between two opens within one process (several instances in one test binary).
//
// Keys are spread over a fixed number of stripe files named by a hash of the key, so the
// directory never holds more than sharedLockStripes files whatever the number of users and
// groups. Two keys on one stripe take turns although they need not; that costs a little waiting
// and never a deadlock, since no request holds two update locks at once.
type sharedLocks struct {
	dir string
}

// sharedLockStripes bounds the files in the lock directory (and the writes that can run at once
// across all replicas).
const sharedLockStripes = 256

// Polling bounds: flock has no timeout and a blocking flock cannot be interrupted by a context,
// so a busy stripe is tried again with LOCK_NB after a backoff that starts short (most writes
// hold a stripe for a few Webex round trips) and is capped so that a released stripe is noticed
// soon.
const (
	sharedLockFirstWait = time.Millisecond
	sharedLockMaxWait   = 20 * time.Millisecond
)

// openSharedLocks checks that dir is a directory this process can create files in, so that a
// mistake shows at startup rather than as failed writes.
func openSharedLocks(dir string) (*sharedLocks, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("connector: lock directory %q (SCIM_LOCK_DIR): %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("connector: lock directory %q (SCIM_LOCK_DIR) is not a directory", dir)
	}
	probe, err := os.CreateTemp(dir, ".webex-scim-probe-*")
	if err != nil {
		return nil, fmt.Errorf("connector: lock directory %q (SCIM_LOCK_DIR) is not writable: %w", dir, err)
	}
	name := probe.Name()
	probe.Close()
	if err := os.Remove(name); err != nil {
		return nil, fmt.Errorf("connector: lock directory %q (SCIM_LOCK_DIR): %w", dir, err)
	}
	return &sharedLocks{dir: dir}, nil
}

// stripe is the file that guards key.
func (l *sharedLocks) stripe(key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	return filepath.Join(l.dir, fmt.Sprintf("webex-scim-%02x.lock", h.Sum32()%sharedLockStripes))
}

// lock takes key's stripe exclusively and returns the function that releases it. It waits until
// the stripe is free or ctx ends; the error then wraps ctx.Err().
func (l *sharedLocks) lock(ctx context.Context, key string) (unlock func(), err error) {
	f, err := os.OpenFile(l.stripe(key), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	wait := sharedLockFirstWait
	for {
		err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			// Closing the file releases the lock too; LOCK_UN first says so explicitly.
			return func() { _ = unix.Flock(fd, unix.LOCK_UN); f.Close() }, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("flock %s: %w", f.Name(), err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			f.Close()
			return nil, ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, sharedLockMaxWait)
	}
}
