package connector

import (
	"container/list"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"time"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// pageCache is the index-paging cache of design §3.4. Webex gives no totals, so the first page of
// an index-paged query walks the whole (filtered) Webex listing once; the matches are kept here,
// keyed by resource type and filter (not by attributes: projection happens on the way out), so
// that startIndex=101, 201, … are served without walking again. A full listing of N users is then
// O(N) upstream work instead of O(N²/count).
//
// It is an optimisation only: a replica without the entry walks again and answers the same. A
// query's first page (startIndex=1) always walks, so a new sync sees fresh data; later pages of
// the same query may be up to ttl old.
//
// Bounded by memory (the estimated bytes of what it holds, entryBytes) and by a number of
// queries, least recently used first out. A result that a single page holds whole (a userName eq
// lookup, a filter matching a few users) is never stored: no later page will ask for it, and
// storing it would push out a listing that is being paged (issue 15: an import walking startIndex
// pages while another client made lookups re-read the whole directory for every page). Where a
// one-page result is stored anyway (Groups, the root search), eviction takes the entries no later
// page has been read from before those a client is paging through.
type pageCache struct {
	size     int   // at most this many queries
	maxBytes int64 // and at most this many estimated bytes
	ttl      time.Duration
	now      func() time.Time

	mu      sync.Mutex
	order   *list.List // of *cacheEntry, most recent at the front
	entries map[string]*list.Element
	bytes   int64 // estimated bytes held

	metrics *serverMetrics // counts lookups (metrics.go); nil: not counted
}

type cacheEntry struct {
	key   string
	at    time.Time
	items any
	bytes int64
	read  bool // a later page was served from it
}

func newPageCache(size int, maxBytes int64, ttl time.Duration, now func() time.Time) *pageCache {
	return &pageCache{size: size, maxBytes: maxBytes, ttl: ttl, now: now, order: list.New(), entries: map[string]*list.Element{}}
}

// get returns the items stored under key if they are younger than the TTL.
func (c *pageCache) get(key string) (items any, ok bool) {
	defer func() { c.metrics.pageCacheLookup(key, ok) }()
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if c.now().Sub(e.at) >= c.ttl {
		c.removeLocked(el)
		return nil, false
	}
	c.order.MoveToFront(el)
	e.read = true
	return e.items, true
}

// put stores items under key, evicting the least recently used entries past the bounds. An
// entry larger than the whole memory bound is not stored (and replaces nothing). Stored values
// are shared between requests and must not be modified afterwards.
func (c *pageCache) put(key string, items any) {
	n := entryBytes(key, items)
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.removeLocked(el)
	}
	if n > c.maxBytes {
		return
	}
	c.entries[key] = c.order.PushFront(&cacheEntry{key: key, at: c.now(), items: items, bytes: n})
	c.bytes += n
	for c.order.Len() > c.size || c.bytes > c.maxBytes {
		c.removeLocked(c.victimLocked())
	}
}

// victimLocked is the entry to evict: the least recently used one that no later page has been
// served from yet, else the least recently used one. Queries stored by routes that keep even
// one-page results (a Group displayName eq lookup) are then the first to go, before a listing
// that a client is paging through.
func (c *pageCache) victimLocked() *list.Element {
	for el := c.order.Back(); el != nil; el = el.Prev() {
		if !el.Value.(*cacheEntry).read {
			return el
		}
	}
	return c.order.Back()
}

// putPaged stores the matches of a query whose page [start, start+count) was just served, only
// when a later page exists to be served from them (see pageCache).
func (c *pageCache) putPaged(key string, items any, total, start, count int) {
	if start+count >= total {
		return
	}
	c.put(key, items)
}

func (c *pageCache) removeLocked(el *list.Element) {
	e := c.order.Remove(el).(*cacheEntry)
	delete(c.entries, e.key)
	c.bytes -= e.bytes
}

// entryBytes estimates what an entry holds in memory: the strings and raw JSON of what it
// holds, plus a fixed overhead per item and per entry. An estimate is enough to bound the cache.
func entryBytes(key string, items any) int64 {
	const entryOverhead, itemOverhead, unknownItemBytes = 256, 128, 2048
	n := int64(entryOverhead + len(key))
	switch v := items.(type) {
	case []webex.Person:
		for i := range v {
			n += itemOverhead + personBytes(&v[i])
		}
	case []teamState:
		for i := range v {
			n += itemOverhead + teamBytes(&v[i])
		}
	default:
		// A type the cache does not know item by item (the root search's matches): a generous
		// flat size per item, so that it is bounded all the same.
		if v := reflect.ValueOf(items); v.Kind() == reflect.Slice {
			n += int64(v.Len()) * (itemOverhead + unknownItemBytes)
		}
	}
	return n
}

func personBytes(p *webex.Person) int64 {
	n := len(p.ID) + len(p.DisplayName) + len(p.NickName) + len(p.FirstName) + len(p.LastName) + len(p.Avatar) +
		len(p.OrgID) + len(p.Timezone) + len(p.Status) + len(p.Type)
	for _, l := range [][]string{p.Emails, p.Roles, p.Licenses} {
		for _, v := range l {
			n += len(v) + 16
		}
	}
	for k, v := range p.Extra {
		n += len(k) + len(v) + 48
	}
	return int64(n)
}

func teamBytes(t *teamState) int64 {
	n := len(t.team.ID) + len(t.team.Name) + len(t.team.Description) + len(t.team.CreatorID)
	for _, m := range t.members {
		n += 96 + len(m.ID) + len(m.TeamID) + len(m.PersonID) + len(m.PersonEmail) + len(m.PersonDisplayName) + len(m.PersonOrgID)
	}
	return int64(n)
}

// cacheKey keys a query: resource type and the filter's normalised form.
func cacheKey(resource string, f *scim.Filter) string {
	if f == nil {
		return resource + "\x00"
	}
	return resource + "\x00" + f.String()
}

// cursorState is what a cursor carries (signed by scim.CursorCodec, design §3.4): where the next
// page starts, and which query it belongs to.
//
// For Users it is a Webex position: the Webex page to read (path and query of Webex's next link,
// without scheme and host, so any replica re-bases it on its own configured Webex URL; "" for the
// listing's first page) and the offset of the first unread item in it. Each SCIM page then costs
// O(count) upstream, whatever its position. For the small local sets (roles, licences) URL is
// empty and Offset indexes the filtered list.
type cursorState struct {
	Resource string `json:"r"`
	Filter   string `json:"f"`
	URL      string `json:"u,omitempty"`
	Offset   int    `json:"o,omitempty"`
	// Max is the Webex page size the listing was started with, so its first page reads the same
	// way on every request.
	Max int `json:"m,omitempty"`
}

// filterHash binds a cursor to its query: RFC 9865 §2 asks clients to repeat the same query with
// each cursor; one used with another filter is invalid rather than silently wrong.
func filterHash(f *scim.Filter) string {
	s := ""
	if f != nil {
		s = f.String()
	}
	sum := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

func (s *Server) encodeCursor(st cursorState) string {
	b, err := json.Marshal(st)
	if err != nil {
		// A struct of strings and ints always marshals.
		panic(err)
	}
	return s.cursors.Encode(b)
}

// decodeCursor checks a client's cursor: signature and expiry (scim.CursorCodec), then that it
// was issued for this resource type and this filter. "" is the first page.
func (s *Server) decodeCursor(cursor, resource string, f *scim.Filter) (cursorState, error) {
	if cursor == "" {
		return cursorState{Resource: resource, Filter: filterHash(f)}, nil
	}
	b, err := s.cursors.Decode(cursor)
	if err != nil {
		return cursorState{}, err
	}
	var st cursorState
	if err := json.Unmarshal(b, &st); err != nil || st.Resource != resource || st.Offset < 0 {
		return cursorState{}, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidCursor,
			"the cursor was not issued for /%s", resource)
	}
	if st.Filter != filterHash(f) {
		return cursorState{}, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidCursor,
			"the cursor belongs to a query with another filter; repeat the query exactly, changing only the cursor (RFC 9865 §2)")
	}
	return st, nil
}

// listPage is one page of a list answer before projection.
type listPage struct {
	Resources []scim.Resource
	// Total is the number of matches; -1 when unknown (cursor paging over Webex, which gives no
	// totals: RFC 9865 §2 lets the provider leave totalResults out).
	Total      int
	StartIndex int // index paging only
	NextCursor string
}

// writeList projects every resource and writes the ListResponse.
func (s *Server) writeList(w http.ResponseWriter, r *http.Request, p scim.ListParams, rs *scim.ResourceSchema, page listPage) error {
	out := page.Resources
	if len(p.Attributes) > 0 || len(p.Excluded) > 0 {
		out = make([]scim.Resource, 0, len(page.Resources))
		for _, res := range page.Resources {
			out = append(out, scim.Project(res, rs, p.Attributes, p.Excluded))
		}
	}
	if out == nil {
		out = []scim.Resource{}
	}
	// Cursor paging over Webex has no total (Total -1): RFC 9865 §2 lets a provider that cannot
	// estimate totalResults leave it out, and a made-up number would mislead a sync engine.
	scim.WriteJSON(w, http.StatusOK, scim.ListResponse{
		TotalResults: max(page.Total, 0),
		TotalUnknown: page.Total < 0,
		StartIndex:   page.StartIndex,
		ItemsPerPage: len(out),
		Resources:    out,
		NextCursor:   page.NextCursor,
	})
	return nil
}

// localPage pages a list held in memory (roles, licences, and the index cache): index paging
// from p.StartIndex, or cursor paging with the offset in the cursor.
func (s *Server) localPage(resource string, p scim.ListParams, matched []scim.Resource) (listPage, error) {
	total := len(matched)
	if p.Cursor == nil {
		start := min(p.StartIndex-1, total)
		end := min(start+p.Count, total)
		return listPage{Resources: matched[start:end], Total: total, StartIndex: p.StartIndex}, nil
	}
	st, err := s.decodeCursor(*p.Cursor, resource, p.Filter)
	if err != nil {
		return listPage{}, err
	}
	start := min(st.Offset, total)
	end := min(start+p.Count, total)
	page := listPage{Resources: matched[start:end], Total: total}
	if end < total && p.Count > 0 {
		st.Offset = end
		page.NextCursor = s.encodeCursor(st)
	}
	return page, nil
}

// rebase turns the path and query kept in a cursor back into an absolute Webex URL on the
// configured Webex base URL.
func rebase(base *url.URL, requestURI string) string {
	return base.Scheme + "://" + base.Host + requestURI
}

// stripHost keeps the path and query of a Webex next link (see cursorState).
func stripHost(next string) (string, error) {
	u, err := url.Parse(next)
	if err != nil {
		return "", err
	}
	return u.RequestURI(), nil
}
