package connector

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The throttle remembers at most size addresses, forgetting the least recent failure first, and
// forgets an address whose failures have all been refilled.
func TestAuthThrottleMemoryIsBounded(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	th := newAuthThrottle(2, time.Second, 100, func() time.Time { return now })
	for i := range 1000 {
		th.fail(fmt.Sprintf("198.51.%d.%d", i/256, i%256))
		th.fail(fmt.Sprintf("198.51.%d.%d", i/256, i%256))
		assert.LessOrEqual(t, th.len(), 100)
	}
	assert.Equal(t, 100, th.len())
	assert.Positive(t, th.wait("198.51.3.231"), "the most recent failure is remembered")
	assert.Zero(t, th.wait("198.51.0.0"), "the oldest was forgotten")

	now = now.Add(2 * time.Second)
	assert.Zero(t, th.wait("198.51.3.231"))
	assert.Equal(t, 99, th.len(), "a refilled address is forgotten when seen")
}
