package mockwebex

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Paging (design §5): max defaults to 100 and is clamped at the endpoint's
// maximum (WX12); the next page is an absolute Link URL on the request's own
// host carrying the original query plus cursor; the last page has no Link.
//
// The cursor is base64url (no padding) of a small JSON document
// {"p": position, "k": listing key}: decodable and not signed, as Webex's is,
// which is what WX01 and WX02 are about.

const defaultMax = 100

// Endpoint maximums of max. The spec gives only the callingData (100) and
// locationId (50) limits of GET /people; the others are inferred (WX12).
const (
	maxPeople             = 1000 // inferred
	maxPeopleCallingData  = 100  // spec: "If callingData=true, then max will not be more than 100"
	maxPeopleLocationID   = 50   // spec: "If locationId is specified then max will not be more than 50"
	maxTeams              = 1000 // inferred
	maxMemberships        = 1000 // inferred
	maxLicenseUsers       = 300  // spec: GET /licenses/{id} "limit cannot be more than 300"
	maxIDsPerPeopleSearch = 85   // spec: "Accepts up to 85 person IDs"
)

type cursorDoc struct {
	P int    `json:"p"`
	K string `json:"k,omitempty"`
}

func encodeCursor(pos int, key string) string {
	b, _ := json.Marshal(cursorDoc{P: pos, K: key}) // a struct of an int and a string always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// listingKey names a listing (resource and filters) so that WX02 can be
// switched off: a short hash carried in every cursor.
func listingKey(parts ...string) string {
	h := fnv.New32a()
	for _, p := range parts {
		_, _ = h.Write([]byte(p)) // hash.Hash writes never fail
		_, _ = h.Write([]byte{0})
	}
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// page is the window a list request asks for.
type page struct {
	max   int
	start int
	// echo is set when WX01 applies: answer an empty page whose Link
	// carries the request's cursor back.
	echo   bool
	cursor string
}

// first returns the first value of a query parameter. Clients that re-add the
// original query to a next URL repeat parameters: the first one wins.
func first(q url.Values, name string) string {
	if v := q[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// readPage reads max and cursor for a listing with the given key and
// endpoint maximum.
func (s *Server) readPage(c *call, key string, endpointMax int) (page, error) {
	pg := page{max: defaultMax}
	if raw, ok := c.q["max"]; ok && len(raw) > 0 {
		n, err := strconv.Atoi(raw[0])
		if errors.Is(err, strconv.ErrRange) && n > 0 {
			// A max past the int range is only a max above the endpoint's
			// maximum: clamped like any other (design §5 paging, WX12), where
			// Atoi has already saturated n at math.MaxInt.
			err = nil
		}
		if err != nil || n < 1 {
			return pg, errBadRequest("Invalid value for max: %q (a positive integer is expected).", raw[0])
		}
		m, err := clampMax(c.quirks, n, endpointMax)
		if err != nil {
			return pg, err
		}
		pg.max = m
	}
	pg.cursor = first(c.q, "cursor")
	if pg.cursor == "" {
		return pg, nil
	}
	cd, ok := decodeCursor(pg.cursor)
	if !ok {
		// WX01: Webex does not reject a cursor it cannot decode: it answers
		// an empty page whose next link carries the same cursor back
		// (vendor page: "does not validate it as an error"). Off: 400.
		if c.quirks.On(WX01) {
			pg.echo = true
			return pg, nil
		}
		return pg, errBadRequest("Invalid cursor.")
	}
	// WX02: a decodable cursor from another listing is not checked: the page
	// starts at the position it encodes (vendor page: "even though the wrong
	// cursor is passed ... returns the resources"). Off: 400.
	if !c.quirks.On(WX02) && cd.K != key {
		return pg, errBadRequest("The cursor does not belong to this listing.")
	}
	pg.start = cd.P
	return pg, nil
}

// clampMax is WX12: a max above the endpoint's maximum is clamped to it, not
// refused. Off: 400.
func clampMax(q Quirks, n, endpointMax int) (int, error) {
	if n <= endpointMax {
		return n, nil
	}
	if q.On(WX12) {
		return endpointMax, nil
	}
	return 0, errBadRequest("max must not exceed %d.", endpointMax)
}

func decodeCursor(s string) (cursorDoc, bool) {
	var cd cursorDoc
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cd, false
	}
	if err := json.Unmarshal(b, &cd); err != nil || cd.P < 0 {
		return cd, false
	}
	return cd, true
}

// collect walks positions [start, n) and gathers up to max items for which
// at answers ok. more tells whether another item follows; next is the
// position to resume from. It costs O(items + skipped), not O(n).
func collect[T any](n, start, max int, at func(i int) (T, bool)) (items []T, next int, more bool) {
	items = []T{}
	i := start
	for ; i < n && len(items) < max; i++ {
		if v, ok := at(i); ok {
			items = append(items, v)
		}
	}
	next = i
	for ; i < n; i++ {
		if _, ok := at(i); ok {
			return items, next, true
		}
	}
	return items, next, false
}

// nextLink builds Link: <absolute-url>; rel="next" on the request's own host
// (and X-Forwarded-Proto when present), with the original query (cursor
// parameters dropped) plus cursor=.
func nextLink(r *http.Request, cursor string) string { return nextLinkWith(r, "cursor", cursor) }

// nextLinkWith is nextLink for any paging parameters: set holds name, value
// pairs; the original query's pairs of those names are dropped and the new
// ones appended in order (/v1/groups pages by startIndex and count).
func nextLinkWith(r *http.Request, set ...string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	// The first hop's scheme, and only a web one: another value would make
	// the next link something no client can follow.
	if p := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")[0])); p == "http" || p == "https" {
		scheme = p
	}
	var kept []string
	for _, pair := range strings.Split(r.URL.RawQuery, "&") {
		if pair == "" {
			continue
		}
		name := pair
		if i := strings.IndexByte(pair, '='); i >= 0 {
			name = pair[:i]
		}
		if n, err := url.QueryUnescape(name); err == nil && slices.Contains(setNames(set), n) {
			continue
		}
		kept = append(kept, pair)
	}
	for i := 0; i+1 < len(set); i += 2 {
		kept = append(kept, url.QueryEscape(set[i])+"="+url.QueryEscape(set[i+1]))
	}
	return fmt.Sprintf("<%s://%s%s?%s>; rel=\"next\"", scheme, r.Host, r.URL.EscapedPath(), strings.Join(kept, "&"))
}

func setNames(set []string) []string {
	names := make([]string, 0, len(set)/2)
	for i := 0; i < len(set); i += 2 {
		names = append(names, set[i])
	}
	return names
}

// listReply renders a page and its Link header.
func listReply(c *call, body any, more bool, next int, key string) *reply {
	rp := okJSON(body)
	if more {
		rp.with("Link", nextLink(c.r, encodeCursor(next, key)))
	}
	return rp
}

// echoReply is WX01's answer: no items, and the same cursor back.
func echoReply(c *call, body any, pg page) *reply {
	return okJSON(body).with("Link", nextLink(c.r, pg.cursor))
}
