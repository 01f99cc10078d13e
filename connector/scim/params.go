package scim

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ListParams are the query parameters of a list request (RFC 7644 §3.4.2,
// §3.9; RFC 9865 §2).
type ListParams struct {
	Filter *Filter // nil: no filter
	// StartIndex is 1-based (index paging); 0 when Cursor is set.
	StartIndex int
	// Count is the page size: the client's count clamped to [0, maxCount], or
	// the default when the client gave none.
	Count int
	// Cursor is nil for index paging; "" asks for the first cursor page;
	// otherwise the client's cursor, still to be checked with CursorCodec.Decode.
	Cursor               *string
	Attributes, Excluded []string
}

// ParseAttributes splits an "attributes" or "excludedAttributes" value
// (RFC 7644 §3.9: comma-separated attribute names). Blank entries are
// dropped; an empty list is nil.
func ParseAttributes(list string) []string {
	var out []string
	for _, a := range strings.Split(list, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// ParseListParams reads filter, startIndex, count, cursor, attributes and
// excludedAttributes. Parameter names match case-insensitively (clients differ
// on "startIndex" vs "startindex"). RFC 7644 §3.4.2.4: startIndex < 1 is 1, a
// negative count is 0; a count above maxCount is lowered to it (the server may
// return fewer). A number that is not one, or cursor together with startIndex
// (two paging methods at once, RFC 9865 §3), is 400 invalidValue; a bad filter
// is 400 invalidFilter. When a parameter repeats, the first value counts.
func ParseListParams(q url.Values, rs *ResourceSchema, defaultCount, maxCount int) (ListParams, error) {
	get := func(name string) (string, bool) {
		if v, ok := q[name]; ok && len(v) > 0 {
			return v[0], true
		}
		for k, v := range q {
			if strings.EqualFold(k, name) && len(v) > 0 {
				return v[0], true
			}
		}
		return "", false
	}
	p := ListParams{StartIndex: 1, Count: defaultCount}
	if s, ok := get("filter"); ok {
		f, err := ParseFilter(s, rs)
		if err != nil {
			return ListParams{}, err
		}
		p.Filter = f
	}
	start, hasStart := get("startIndex")
	if hasStart {
		n, err := parseInt("startIndex", start)
		if err != nil {
			return ListParams{}, err
		}
		p.StartIndex = max(n, 1)
	}
	if s, ok := get("count"); ok {
		n, err := parseInt("count", s)
		if err != nil {
			return ListParams{}, err
		}
		p.Count = n
	}
	p.Count = min(max(p.Count, 0), maxCount)
	if c, ok := get("cursor"); ok {
		if hasStart {
			return ListParams{}, Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
				"use either cursor or startIndex paging, not both")
		}
		p.Cursor = &c
		p.StartIndex = 0
	}
	if s, ok := get("attributes"); ok {
		p.Attributes = ParseAttributes(s)
	}
	if s, ok := get("excludedAttributes"); ok {
		p.Excluded = ParseAttributes(s)
	}
	return p, nil
}

func parseInt(name, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		// Out-of-range numbers are still numbers: clamp them like RFC 7644
		// §3.4.2.4 clamps small ones, rather than refusing.
		if errors.Is(err, strconv.ErrRange) {
			if strings.HasPrefix(strings.TrimSpace(s), "-") {
				return 0, nil
			}
			return math.MaxInt, nil
		}
		return 0, Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
			"%s must be an integer, got %q", name, truncate(s, 40))
	}
	return n, nil
}
