package scim

import filter "github.com/scim2/filter-parser/v2"

// What a parsed filter requires and reads, for callers that plan upstream work from it (the
// connector's /Groups listing, design §3.3) without parsing the filter again. Paths are compared
// after resolution, as in Equality: case-insensitive, with or without the core schema URN.

// AndEquality returns v when the filter requires `path eq "v"`: the whole filter is that term,
// or it is one of the terms of a top-level conjunction (`id eq "…" and members[value eq "…"]`,
// as Entra checks a membership). `attr[sub eq "v"]` counts for the path "attr.sub". Only string
// values count. With several such terms the first (leftmost) is returned; the caller still
// evaluates the whole filter, so it may only use v to narrow what it reads.
func (f *Filter) AndEquality(path string) (string, bool) {
	want := f.canonicalPath(path)
	for _, n := range conjuncts(f.root, nil) {
		if vp, ok := n.(*valuePathNode); ok {
			n = vp.filter
		}
		c, ok := n.(*compareNode)
		if !ok || c.op != filter.EQ {
			continue
		}
		if s, ok := c.value.(string); ok && equalFold(c.ref.String(), want) {
			return s, true
		}
	}
	return "", false
}

// conjuncts appends to out every term of n's top-level and-chain, left to right.
func conjuncts(n node, out []node) []node {
	if a, ok := n.(*andNode); ok {
		return conjuncts(a.right, conjuncts(a.left, out))
	}
	return append(out, n)
}

// References reports whether any attribute expression of the filter, under any and, or, not or
// brackets, reads path or one of its sub-attributes: "members" is read by `members pr`,
// `members.value eq "…"` and `members[value eq "…"]`.
func (f *Filter) References(path string) bool {
	want := f.canonicalPath(path)
	var reads func(n node) bool
	reads = func(n node) bool {
		switch n := n.(type) {
		case *andNode:
			return reads(n.left) || reads(n.right)
		case *orNode:
			return reads(n.left) || reads(n.right)
		case *notNode:
			return reads(n.expr)
		case *valuePathNode:
			return within(n.ref, want) || reads(n.filter)
		case *compareNode:
			return within(n.ref, want)
		}
		return true // a node kind this code does not know: assume it reads everything
	}
	return reads(f.root)
}

// within reports whether ref is the attribute path or one of its sub-attributes.
func within(ref *AttrRef, path string) bool {
	s := ref.String()
	return equalFold(s, path) || (len(s) > len(path) && s[len(path)] == '.' && equalFold(s[:len(path)], path))
}
