package connector

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// updateLocks serialises the read-modify-write updates of one resource within this process.
//
// Webex's PUT /people/{id} is a full replace (WX08) and takes no If-Match, so a PUT or PATCH of a
// user reads the person, changes what SCIM maps and sends the whole person back. Two such updates
// of one user at the same time would each send back the value the other one replaced, and one
// change would be lost although both answered 200 (RFC 7644 §3.5.2: each PATCH is a change of
// its own). Holding a lock per user id from the read to the PUT makes them take turns.
//
// The lock is per process. Across replicas behind a load balancer (design §3.10) a user write is
// conditional instead (user_conditional.go: compare before the write, check after it, apply
// again); group writes are per-member deltas and a rename (design §3.10). If-Match
// (RFC 7644 §3.14) is checked under the lock and again against every fresh read before the write.
//
// Groups take the same lock (key "Groups/"+team): a group write is planned as a difference
// against the team it read (design §3.7) and, when a step fails, undone step by step. Without the
// lock a second write of the group could read the first one's half-applied state, answer 200 with
// it, and then lose its change to the first one's undo (issue 15); with it, the read, the writes,
// the undo and the read-back of one group run alone in this process.
//
// Replicas that share a directory (Config.LockDir, SCIM_LOCK_DIR) also take the key's stripe of
// sharedLocks (shared_locks.go) after the process lock and for as long: their writes of one
// resource then take turns exactly, and the conditional write always settles in its first round.
// The process lock comes first so that one process has at most one open file waiting per key.
//
// Keys are canonical (lockKey): Webex accepts several spellings of one id, and two spellings of
// one person must not get two locks.
type updateLocks struct {
	log    *slog.Logger
	shared *sharedLocks // nil: per-process locks only (no SCIM_LOCK_DIR)
	mu     sync.Mutex
	held   map[string]*updateLock
	limit  int // bound on waiting updates: past it, 503 rather than an unbounded queue
	total  int // updates holding or waiting for any lock
}

// updateLock is one resource's lock: a one-slot channel, so that waiting can end with the
// request's context; users counts the holders and waiters, for removing the entry.
type updateLock struct {
	slot  chan struct{}
	users int
}

// maxWaitingUpdates bounds the updates queued behind others in one process.
const maxWaitingUpdates = 10000

func newUpdateLocks(log *slog.Logger) *updateLocks {
	return &updateLocks{log: log, held: map[string]*updateLock{}, limit: maxWaitingUpdates}
}

// lockKey is the key of the resource kind ("Users", "Groups") and Webex id, the same for every
// spelling of the id Webex accepts: base64url with or without padding, the standard alphabet,
// and, for people, the bare uuid (mockwebex/ids.go; design §5). Each decodes to
// "ciscospark://<cluster>/<KIND>/<uuid>", so the key is the kind and the uuid in lower case. An
// id that does not decode is keyed as sent, lower-cased: merging two keys only makes two updates
// take turns that need not, while splitting one would let them interleave.
func lockKey(kind, id string) string {
	trimmed := strings.TrimRight(id, "=")
	raw, err := base64.RawURLEncoding.DecodeString(trimmed)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(trimmed)
	}
	if err == nil && strings.HasPrefix(string(raw), "ciscospark://") {
		id = string(raw)[strings.LastIndexByte(string(raw), '/')+1:]
	}
	return kind + "/" + strings.ToLower(id)
}

// lock waits until no other update of key is running and returns the function that ends this
// one. It fails (503) only when ctx ends first (the client gave up) or too many updates wait.
func (l *updateLocks) lock(ctx context.Context, key string) (unlock func(), err error) {
	l.mu.Lock()
	if l.total >= l.limit {
		l.mu.Unlock()
		return nil, scim.Errorf(http.StatusServiceUnavailable, "", "too many updates are waiting; retry later")
	}
	e := l.held[key]
	if e == nil {
		e = &updateLock{slot: make(chan struct{}, 1)}
		l.held[key] = e
	}
	e.users++
	l.total++
	l.mu.Unlock()

	release := func() {
		l.mu.Lock()
		e.users--
		l.total--
		if e.users == 0 {
			delete(l.held, key)
		}
		l.mu.Unlock()
	}
	select {
	case e.slot <- struct{}{}:
		return l.lockShared(ctx, key, func() { <-e.slot; release() })
	default:
	}
	l.log.DebugContext(ctx, "an update waits for another update of the same resource", slog.String("resource", key))
	select {
	case e.slot <- struct{}{}:
		return l.lockShared(ctx, key, func() { <-e.slot; release() })
	case <-ctx.Done():
		release()
		return nil, scim.Errorf(http.StatusServiceUnavailable, "", "the request ended while waiting for another update of the same resource")
	}
}

// lockShared takes key's lock shared with the other replicas, if there is one, while this
// process's lock is held; unlockLocal releases the latter, also when the former fails.
func (l *updateLocks) lockShared(ctx context.Context, key string, unlockLocal func()) (func(), error) {
	if l.shared == nil {
		return unlockLocal, nil
	}
	unlockShared, err := l.shared.lock(ctx, key)
	if err != nil {
		unlockLocal()
		if ctx.Err() != nil {
			return nil, scim.Errorf(http.StatusServiceUnavailable, "", "the request ended while waiting for another replica's update of the same resource")
		}
		l.log.ErrorContext(ctx, "the shared update lock could not be taken", slog.String("resource", key), slog.Any("error", err))
		return nil, scim.Errorf(http.StatusServiceUnavailable, "", "the update lock shared with other replicas could not be taken; retry later")
	}
	return func() { unlockShared(); unlockLocal() }, nil
}
