package scim

import (
	"bytes"
	"encoding/json"
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
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return strconv.Quote(v) // unreachable: a Go string always encodes
		}
		return strings.TrimSuffix(buf.String(), "\n")
	}
	return ""
}
