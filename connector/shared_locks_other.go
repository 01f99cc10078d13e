//go:build !unix

package connector

import (
	"context"
	"errors"
	"fmt"
)

// sharedLocks needs flock(2) (shared_locks.go); elsewhere SCIM_LOCK_DIR is a startup error.
type sharedLocks struct{}

func openSharedLocks(dir string) (*sharedLocks, error) {
	return nil, fmt.Errorf("connector: lock directory %q (SCIM_LOCK_DIR): shared update locks need flock, available on unix systems only", dir)
}

func (l *sharedLocks) lock(context.Context, string) (func(), error) {
	return nil, errors.New("shared update locks are available on unix systems only")
}
