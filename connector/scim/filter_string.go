package scim

import (
	"fmt"
	"strconv"
	"strings"
)

// The canonical text of a compiled filter: attribute paths as the schema
// spells them (with the URN only for extensions), operators in lower case,
// literals as JSON, parentheses only where precedence needs them (RFC 7644
// §3.4.2.2: not, then and, then or). Filters that mean the same up to case
// and spacing print the same, and the text parses back to the same filter.

func (n *andNode) String() string {
	return group(n.left, true) + " and " + group(n.right, true)
}

func (n *orNode) String() string {
	return str(n.left) + " or " + str(n.right)
}

func (n *notNode) String() string { return "not (" + str(n.expr) + ")" }

func (n *valuePathNode) String() string {
	return n.ref.String() + "[" + str(n.filter) + "]"
}

func (n *compareNode) String() string {
	var b strings.Builder
	if n.relative {
		b.WriteString(n.ref.Target().Name)
	} else {
		b.WriteString(n.ref.String())
	}
	b.WriteByte(' ')
	b.WriteString(string(n.op))
	if n.op == "pr" {
		return b.String()
	}
	b.WriteByte(' ')
	b.WriteString(literal(n.value))
	return b.String()
}

// group parenthesises an or inside an and.
func group(n node, inAnd bool) string {
	if _, ok := n.(*orNode); ok && inAnd {
		return "(" + str(n) + ")"
	}
	return str(n)
}

func str(n node) string {
	if s, ok := n.(interface{ String() string }); ok {
		return s.String()
	}
	return ""
}

func literal(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return quote(v)
	}
	return ""
}

// quote writes a JSON string literal the filter parser reads back: control
// characters escaped with upper-case hex digits, the only case
// scim2/filter-parser v2.3.1 accepts in \u escapes (invalid UTF-8 comes out
// as U+FFFD, as with any Go string range).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
