package scim

import (
	"encoding/json"
	"net/http"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// Filter is a parsed and resolved filter (RFC 7644 §3.4.2.2). Every attribute
// in it is known to the ResourceSchema it was parsed with, and every compare
// value fits its attribute's type, so Match cannot fail.
type Filter struct {
	root node
	text string
	core string // the core schema URN, which paths may carry or omit
}

// node is one compiled filter expression, evaluated against a resource (at
// the top level) or against one value of a multi-valued complex attribute
// (inside a valuePath's brackets).
type node interface {
	match(m map[string]any) bool
}

type andNode struct{ left, right node }
type orNode struct{ left, right node }
type notNode struct{ expr node }

// valuePathNode is attr[filter]: true when one value of attr matches filter
// as a whole (RFC 7644 §3.4.2.2 Table 5, "[ ]").
type valuePathNode struct {
	ref    *AttrRef
	filter node
}

// compareNode is attrPath op value. relative is true inside a valuePath,
// where the path names a sub-attribute of the value being tested.
type compareNode struct {
	ref      *AttrRef
	op       filter.CompareOperator
	value    any // string, bool, float64, or nil (for pr, and eq/ne null)
	relative bool
	// lowered is value in lower case for case-insensitive string compares,
	// computed once at parse time.
	lowered string
}

func (n *andNode) match(m map[string]any) bool { return n.left.match(m) && n.right.match(m) }
func (n *orNode) match(m map[string]any) bool  { return n.left.match(m) || n.right.match(m) }
func (n *notNode) match(m map[string]any) bool { return !n.expr.match(m) }

func (n *valuePathNode) match(m map[string]any) bool {
	c := container(m, n.ref.Schema)
	if c == nil {
		return false
	}
	_, v, _ := lookup(c, n.ref.Attr.Name)
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if em, ok := e.(map[string]any); ok && n.filter.match(em) {
				return true
			}
		}
	case map[string]any:
		return n.filter.match(v)
	}
	return false
}

// ParseFilter parses a filter and resolves its attributes against rs. A
// syntax error, an unknown attribute or a compare value that cannot apply to
// its attribute (RFC 7644 §3.4.2.2: gt on a boolean, …) is 400 invalidFilter
// with a detail naming the problem.
func ParseFilter(s string, rs *ResourceSchema) (*Filter, error) {
	if strings.TrimSpace(s) == "" {
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidFilter, "the filter is empty")
	}
	if err := checkFilterSize(s); err != nil {
		return nil, err
	}
	expr, err := filter.ParseFilter(upperHexEscapes(s))
	if err != nil {
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidFilter,
			"the filter %q is not valid RFC 7644 §3.4.2.2 syntax (%v)", truncate(s, 200), err)
	}
	root, err := compile(expr, rs, nil)
	if err != nil {
		return nil, err
	}
	f := &Filter{root: root, text: str(root)}
	if rs.Core != nil {
		f.core = rs.Core.ID
	}
	return f, nil
}

// compile turns the parser's tree into nodes. parent is the multi-valued
// attribute of an enclosing valuePath, nil at the top level.
func compile(e filter.Expression, rs *ResourceSchema, parent *AttrRef) (node, error) {
	switch e := e.(type) {
	case *filter.LogicalExpression:
		l, err := compile(e.Left, rs, parent)
		if err != nil {
			return nil, err
		}
		r, err := compile(e.Right, rs, parent)
		if err != nil {
			return nil, err
		}
		if e.Operator == filter.AND {
			return &andNode{l, r}, nil
		}
		return &orNode{l, r}, nil
	case *filter.NotExpression:
		inner, err := compile(e.Expression, rs, parent)
		if err != nil {
			return nil, err
		}
		return &notNode{inner}, nil
	case *filter.ValuePath:
		if parent != nil {
			return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidFilter,
				"nested brackets are not allowed: %v", e)
		}
		ref, err := valuePathTarget(rs, e.AttributePath, ScimTypeInvalidFilter)
		if err != nil {
			return nil, err
		}
		inner, err := compile(e.ValueFilter, rs, ref)
		if err != nil {
			return nil, err
		}
		return &valuePathNode{ref: ref, filter: inner}, nil
	case *filter.AttributeExpression:
		return compileCompare(e, rs, parent)
	default:
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidFilter, "unsupported filter expression %v", e)
	}
}

// valuePathTarget resolves the attribute before "[": it must be complex (RFC
// 7644 §3.4.2.2: the expression in brackets uses sub-attributes of it).
func valuePathTarget(rs *ResourceSchema, p filter.AttributePath, scimType string) (*AttrRef, error) {
	ref, ok := rs.resolve(p.String())
	if !ok {
		return nil, UnknownAttribute(scimType, p.String())
	}
	if ref.Sub != nil || ref.Attr.typ() != TypeComplex {
		return nil, Errorf(http.StatusBadRequest, scimType,
			"%q is not a complex attribute, so it cannot be followed by a [filter]", p.String())
	}
	return ref, nil
}

func compileCompare(e *filter.AttributeExpression, rs *ResourceSchema, parent *AttrRef) (node, error) {
	path := e.AttributePath.String()
	var ref *AttrRef
	var ok bool
	if parent != nil {
		if e.AttributePath.URIPrefix != nil || e.AttributePath.SubAttribute != nil {
			return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidFilter,
				"inside %s[…] name a sub-attribute of %s, not %q", parent, parent, path)
		}
		ref, ok = resolveSub(parent, e.AttributePath.AttributeName)
		path = parent.String() + "." + e.AttributePath.AttributeName
	} else {
		ref, ok = rs.resolve(path)
	}
	if !ok {
		return nil, UnknownAttribute(ScimTypeInvalidFilter, path)
	}
	n := &compareNode{ref: ref, op: e.Operator, relative: parent != nil}
	v, err := compareValue(e.CompareValue)
	if err != nil {
		return nil, err
	}
	n.value = v
	if err := checkOperand(n, path); err != nil {
		return nil, err
	}
	if s, ok := n.value.(string); ok {
		n.lowered = strings.ToLower(s)
	}
	return n, nil
}

// compareValue normalises the parser's literal: numbers to float64, and JSON
// escapes in strings decoded (the parser keeps a string's raw text).
func compareValue(v any) (any, error) {
	switch v := v.(type) {
	case int:
		return float64(v), nil
	case string:
		if !strings.ContainsRune(v, '\\') {
			return v, nil
		}
		var s string
		if err := json.Unmarshal([]byte(`"`+v+`"`), &s); err != nil {
			return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidFilter,
				"the string %q holds an invalid escape", truncate(v, 100))
		}
		return s, nil
	default: // float64, bool, nil
		return v, nil
	}
}

// checkOperand enforces RFC 7644 §3.4.2.2 Table 3 against the attribute's
// type, so that a filter that cannot mean anything is refused rather than
// silently matching nothing.
func checkOperand(n *compareNode, path string) error {
	bad := func(format string, args ...any) error {
		return Errorf(http.StatusBadRequest, ScimTypeInvalidFilter, "%s: "+format, append([]any{path}, args...)...)
	}
	if n.op == filter.PR {
		return nil
	}
	a := n.ref.Target()
	typ := a.typ()
	if typ == TypeComplex {
		// "emails co "example.com"" (RFC 7644 §3.4.2.2, Figure 2) compares
		// the value sub-attribute of a complex attribute.
		v := a.sub("value")
		if v == nil {
			return bad("a complex attribute supports only pr; name one of its sub-attributes")
		}
		n.ref = &AttrRef{Schema: n.ref.Schema, Attr: n.ref.Attr, Sub: v}
		typ = v.typ()
	}
	if n.value == nil {
		if n.op == filter.EQ || n.op == filter.NE {
			return nil
		}
		return bad("null can only be compared with eq or ne")
	}
	ordering := n.op == filter.GT || n.op == filter.GE || n.op == filter.LT || n.op == filter.LE
	substring := n.op == filter.CO || n.op == filter.SW || n.op == filter.EW
	switch typ {
	case TypeBoolean:
		if ordering || substring {
			return bad("%s cannot be applied to a boolean attribute", n.op)
		}
		if _, ok := n.value.(bool); !ok {
			return bad("a boolean attribute compares with true or false, got %v", n.value)
		}
	case TypeBinary:
		if ordering {
			return bad("%s cannot be applied to a binary attribute", n.op)
		}
		if _, ok := n.value.(string); !ok {
			return bad("compare with a quoted string")
		}
	case TypeInteger, TypeDecimal:
		if substring {
			return bad("%s cannot be applied to a number", n.op)
		}
		if _, ok := n.value.(float64); !ok {
			return bad("compare with a number, got %v", n.value)
		}
	case TypeDateTime:
		s, ok := n.value.(string)
		if !ok {
			return bad("compare with a quoted dateTime such as \"2024-05-13T04:42:34Z\"")
		}
		if !substring {
			if _, ok := parseDateTime(s); !ok {
				return bad("%q is not an RFC 7643 §2.3.5 dateTime such as \"2024-05-13T04:42:34Z\"", s)
			}
		}
	default: // string, reference
		if _, ok := n.value.(string); !ok {
			return bad("compare with a quoted string, got %v", n.value)
		}
	}
	return nil
}

// String is the filter in canonical form (see filter_string.go): filters that
// differ only in case and spacing give equal strings, so it can key caches.
func (f *Filter) String() string { return f.text }

// Match reports whether r satisfies the filter.
func (f *Filter) Match(r Resource) bool { return f.root.match(r) }

// Equality returns v when the whole filter is `p eq "v"` for one of paths, or
// the equivalent `attr[sub eq "v"]` for a path "attr.sub" (paths compared
// after resolution: case-insensitive, with or without the schema URN). The
// connector pushes such filters down to Webex (design §3.3).
func (f *Filter) Equality(paths ...string) (string, bool) {
	return f.single(filter.EQ, paths...)
}

// Prefix returns v when the whole filter is `path sw "v"`.
func (f *Filter) Prefix(path string) (string, bool) {
	return f.single(filter.SW, path)
}

func (f *Filter) single(op filter.CompareOperator, paths ...string) (string, bool) {
	n := f.root
	if vp, ok := n.(*valuePathNode); ok {
		n = vp.filter
	}
	c, ok := n.(*compareNode)
	if !ok || c.op != op {
		return "", false
	}
	s, ok := c.value.(string)
	if !ok {
		return "", false
	}
	want := c.ref.String()
	for _, p := range paths {
		// Paths are resolved loosely (an unknown one simply does not match):
		// a ResourceSchema is not kept in the filter, so compare the
		// canonical spellings.
		if equalFold(f.canonicalPath(p), want) {
			return s, true
		}
	}
	return "", false
}

// canonicalPath drops the core-schema URN prefix, the one spelling
// difference that survives a case-insensitive comparison with AttrRef.String.
func (f *Filter) canonicalPath(p string) string {
	if urn, rest := splitURN(p); urn != "" && equalFold(urn, f.core) {
		return rest
	}
	return p
}

// Limits on what the parser is handed. scim2/filter-parser's cost grows
// faster than the input (about 70 ms for 5 KB of "or" terms, 18 ms for 200
// nested parentheses), so a request could otherwise buy seconds of CPU.
// Identity providers send filters of a few dozen bytes; POST /.search exists
// for longer ones (RFC 7644 §3.4.3), so 16 KiB is allowed (about 80 ms of "or"
// terms on a busy 2-core machine, issue 16).
const (
	maxFilterLen   = 16 << 10
	maxFilterDepth = 32
)

func checkFilterSize(s string) *Error {
	if len(s) > maxFilterLen {
		return Errorf(http.StatusBadRequest, ScimTypeInvalidFilter,
			"the filter is %d bytes long; this service accepts at most %d", len(s), maxFilterLen)
	}
	depth, inString := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '(' || c == '[':
			if depth++; depth > maxFilterDepth {
				return Errorf(http.StatusBadRequest, ScimTypeInvalidFilter,
					"the filter nests brackets more than %d deep", maxFilterDepth)
			}
		case c == ')' || c == ']':
			depth--
		}
	}
	return nil
}

// upperHexEscapes upper-cases the hex digits of \uXXXX escapes inside string
// literals. JSON (and so RFC 7644 §3.4.2.2 compValue) allows either case, but
// scim2/filter-parser v2.3.1 rejects lower case, and clients that JSON-encode
// their values (Go's encoding/json, for one) write "\u00e9".
func upperHexEscapes(s string) []byte {
	b := []byte(s)
	inString := false
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"':
			inString = !inString
		case inString && b[i] == '\\' && i+1 < len(b):
			if b[i+1] == 'u' && i+5 < len(b) {
				for j := i + 2; j < i+6; j++ {
					if b[j] >= 'a' && b[j] <= 'f' {
						b[j] -= 'a' - 'A'
					}
				}
			}
			i++ // skip the escaped character, so \" does not end the string
		}
	}
	return b
}
