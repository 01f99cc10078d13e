package scim

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	filter "github.com/scim2/filter-parser/v2"
)

// match evaluates attrPath op value. The attribute's values are collected
// (flattening multi-valued attributes, so "emails.value" sees every address)
// and the filter matches when any one of them does (RFC 7644 §3.4.2.2: "only
// one has to match"). ne is the negation of eq: "no value equals", which also
// matches a resource without the attribute.
func (n *compareNode) match(m map[string]any) bool {
	if n.op == filter.NE {
		return !n.any(m, filter.EQ)
	}
	return n.any(m, n.op)
}

func (n *compareNode) any(m map[string]any, op filter.CompareOperator) bool {
	found := false
	n.each(m, func(v any) bool {
		if op == filter.PR || n.value == nil {
			found = present(v)
		} else {
			found = n.compare(v, op)
		}
		return found
	})
	if n.value == nil && op == filter.EQ {
		// eq null: the attribute is unassigned (RFC 7643 §2.5: null and
		// unassigned are the same); found is then "some value is present".
		return !found
	}
	return found
}

// each calls fn with every value at the node's path until fn returns true.
func (n *compareNode) each(m map[string]any, fn func(any) bool) {
	if n.relative {
		// Inside attr[…]: m is one value of attr.
		_, v, _ := lookup(m, n.ref.Target().Name)
		eachValue(v, fn)
		return
	}
	c := container(m, n.ref.Schema)
	if c == nil {
		return
	}
	_, v, ok := lookup(c, n.ref.Attr.Name)
	if !ok {
		return
	}
	if n.ref.Sub == nil {
		eachValue(v, fn)
		return
	}
	sub := n.ref.Sub.Name
	switch v := v.(type) {
	case map[string]any:
		_, sv, _ := lookup(v, sub)
		eachValue(sv, fn)
	case []any:
		for _, e := range v {
			if em, ok := e.(map[string]any); ok {
				_, sv, _ := lookup(em, sub)
				if eachValue(sv, fn) {
					return
				}
			}
		}
	}
}

// eachValue calls fn with v, or with each element when v is an array.
func eachValue(v any, fn func(any) bool) bool {
	if arr, ok := v.([]any); ok {
		for _, e := range arr {
			if fn(e) {
				return true
			}
		}
		return false
	}
	if v == nil {
		return false
	}
	return fn(v)
}

// present is RFC 7644 §3.4.2.2 "pr": a non-empty, non-null value, or a complex
// value with a non-empty node.
func present(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case string:
		return v != ""
	case []any:
		for _, e := range v {
			if present(e) {
				return true
			}
		}
		return false
	case map[string]any:
		for _, e := range v {
			if present(e) {
				return true
			}
		}
		return false
	default:
		return true
	}
}

func (n *compareNode) compare(v any, op filter.CompareOperator) bool {
	a := n.ref.Target()
	switch a.typ() {
	case TypeBoolean:
		b, ok := asBool(v)
		return ok && op == filter.EQ && b == n.value.(bool)
	case TypeInteger, TypeDecimal:
		f, ok := asFloat(v)
		if !ok {
			return false
		}
		return ordered(op, cmpFloat(f, n.value.(float64)))
	case TypeDateTime:
		s, ok := v.(string)
		if !ok {
			return false
		}
		if op == filter.CO || op == filter.SW || op == filter.EW {
			return n.compareString(s, op, false)
		}
		t, ok := parseDateTime(s)
		want, ok2 := parseDateTime(n.value.(string))
		return ok && ok2 && ordered(op, t.Compare(want))
	default:
		s, ok := v.(string)
		return ok && n.compareString(s, op, a.CaseExact)
	}
}

// compareString applies op; caseExact comes from the attribute (RFC 7644
// §3.4.2.2, RFC 7643 §2.2), so userName compares case-insensitively and id
// exactly.
func (n *compareNode) compareString(s string, op filter.CompareOperator, caseExact bool) bool {
	want := n.value.(string)
	if !caseExact {
		if op == filter.EQ {
			return strings.EqualFold(s, want)
		}
		s, want = strings.ToLower(s), n.lowered
	}
	switch op {
	case filter.EQ:
		return s == want
	case filter.CO:
		return strings.Contains(s, want)
	case filter.SW:
		return strings.HasPrefix(s, want)
	case filter.EW:
		return strings.HasSuffix(s, want)
	default:
		return ordered(op, strings.Compare(s, want))
	}
}

func ordered(op filter.CompareOperator, c int) bool {
	switch op {
	case filter.EQ:
		return c == 0
	case filter.GT:
		return c > 0
	case filter.GE:
		return c >= 0
	case filter.LT:
		return c < 0
	case filter.LE:
		return c <= 0
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// asBool accepts JSON booleans and the strings "true"/"false" in any case
// (Entra sends "True"/"False", design §3.6).
func asBool(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case string:
		switch {
		case strings.EqualFold(v, "true"):
			return true, true
		case strings.EqualFold(v, "false"):
			return false, true
		}
	}
	return false, false
}

func asFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case string:
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	return 0, false
}

// parseDateTime reads an xsd:dateTime (RFC 7643 §2.3.5). A value without a
// zone is taken as UTC.
func parseDateTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}
