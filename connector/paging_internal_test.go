package connector

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/webex-scim/webex-scim/connector/webex"
)

// The index-paging cache is bounded by memory (issue 15, item 4): past maxBytes the least
// recently used queries go; a result larger than the bound is not kept at all; a result that
// one page held whole is not kept.
func TestPageCacheIsBoundedByMemory(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	people := func(n int) []webex.Person {
		out := make([]webex.Person, n)
		for i := range out {
			out[i] = webex.Person{ID: strings.Repeat("i", 80), DisplayName: "Person",
				Extra: map[string]json.RawMessage{"department": json.RawMessage(`"` + strings.Repeat("d", 500) + `"`)}}
		}
		return out
	}
	one := entryBytes("walk-a", people(100))
	assert.Greater(t, one, int64(100*600), "the estimate counts what the people hold")

	c := newPageCache(1000, 2*one+one/2, time.Minute, func() time.Time { return now })
	c.put("walk-a", people(100))
	c.put("walk-b", people(100))
	_, ok := c.get("walk-a") // a is now the most recently used
	assert.True(t, ok)
	c.put("walk-c", people(100))
	_, ok = c.get("walk-b")
	assert.False(t, ok, "past the memory bound the least recently used query goes")
	for _, k := range []string{"walk-a", "walk-c"} {
		_, ok = c.get(k)
		assert.True(t, ok, k)
	}
	assert.LessOrEqual(t, c.bytes, c.maxBytes)

	c.put("huge", people(1000))
	_, ok = c.get("huge")
	assert.False(t, ok, "a result larger than the whole bound is not kept")
	_, ok = c.get("walk-a")
	assert.True(t, ok, "and pushes nothing out")

	c.putPaged("lookup", people(1), 1, 0, 100)
	_, ok = c.get("lookup")
	assert.False(t, ok, "a result one page held whole is not kept")
	c.putPaged("walk-d", people(3), 3, 0, 2)
	_, ok = c.get("walk-d")
	assert.True(t, ok, "a result with a later page is")
}

// Entries no later page was read from go first: a listing being paged survives a run of
// one-shot queries (issue 15, item 4, for the routes that store every query).
func TestPageCacheEvictsUnreadQueriesFirst(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newPageCache(3, 1<<20, time.Minute, func() time.Time { return now })
	c.put("walk", []webex.Person{{ID: "a"}, {ID: "b"}})
	_, ok := c.get("walk") // its second page
	assert.True(t, ok)
	for _, k := range []string{"lookup-1", "lookup-2", "lookup-3", "lookup-4"} {
		c.put(k, []webex.Person{{ID: k}})
	}
	_, ok = c.get("walk")
	assert.True(t, ok, "the walk outlives the lookups")
	_, ok = c.get("lookup-1")
	assert.False(t, ok)
}
