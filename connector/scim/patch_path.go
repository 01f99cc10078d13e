package scim

import (
	"net/http"

	filter "github.com/scim2/filter-parser/v2"
)

// patchTarget is a resolved PATCH path (RFC 7644 §3.5.2, Figure 7:
// PATH = attrPath / valuePath [subAttr]). The four shapes are
//
//	attr               ref.Attr
//	attr.sub           ref.Attr, ref.Sub
//	attr[filter]       ref.Attr, filter
//	attr[filter].sub   ref.Attr, ref.Sub, filter
type patchTarget struct {
	ref    *AttrRef
	filter node              // nil without brackets
	expr   filter.Expression // the bracket expression, to seed a new value on add
	text   string            // the path as the client wrote it, for error details
}

// checkPathSyntax is the schema-free check ParsePatch makes.
func checkPathSyntax(path string) error {
	if err := checkFilterSize(path); err != nil {
		return err.WithScimType(ScimTypeInvalidPath)
	}
	if _, err := filter.ParsePath(upperHexEscapes(path)); err != nil {
		return Errorf(http.StatusBadRequest, ScimTypeInvalidPath,
			"path %q is not valid RFC 7644 §3.5.2 path syntax (%v)", truncate(path, 200), err)
	}
	return nil
}

// parsePatchPath resolves path against rs. An unknown attribute or a filter on
// an attribute that cannot hold one is 400 invalidPath; an invalid
// comparison inside the brackets is 400 invalidFilter (RFC 7644 §3.12 lists
// invalidFilter for PATCH paths).
func parsePatchPath(rs *ResourceSchema, path string) (*patchTarget, error) {
	if err := checkFilterSize(path); err != nil {
		return nil, err.WithScimType(ScimTypeInvalidPath)
	}
	p, err := filter.ParsePath(upperHexEscapes(path))
	if err != nil {
		return nil, checkPathSyntax(path)
	}
	t := &patchTarget{text: path}
	if p.ValueExpression == nil {
		ref, ok := rs.resolve(p.AttributePath.String())
		if !ok {
			return nil, UnknownAttribute(ScimTypeInvalidPath, path)
		}
		t.ref = ref
		return t, nil
	}
	ref, err := valuePathTarget(rs, p.AttributePath, ScimTypeInvalidPath)
	if err != nil {
		return nil, err
	}
	if !ref.Attr.MultiValued {
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidPath,
			"%q: %s is single-valued; a [filter] selects values of a multi-valued attribute", path, ref)
	}
	t.filter, err = compile(p.ValueExpression, rs, ref)
	if err != nil {
		return nil, err
	}
	t.expr = p.ValueExpression
	if p.SubAttribute != nil {
		sub, ok := resolveSub(ref, *p.SubAttribute)
		if !ok {
			return nil, UnknownAttribute(ScimTypeInvalidPath, path)
		}
		ref = sub
	}
	t.ref = ref
	return t, nil
}

// seedFromFilter builds the value an "add" creates when its filter matches no
// value: RFC 7644 §3.5.2.1 "if the target location does not exist, the
// attribute and value are added", and the filter is what says where the
// target is. Only a conjunction of eq comparisons says it unambiguously
// (emails[type eq "work"] → {"type":"work"}); anything else yields ok=false.
func seedFromFilter(n node) (map[string]any, bool) {
	seed := map[string]any{}
	var walk func(node) bool
	walk = func(n node) bool {
		switch n := n.(type) {
		case *andNode:
			return walk(n.left) && walk(n.right)
		case *compareNode:
			if n.op != filter.EQ || n.value == nil {
				return false
			}
			name := n.ref.Target().Name
			if prev, ok := seed[name]; ok && prev != n.value {
				return false
			}
			seed[name] = n.value
			return true
		}
		return false
	}
	if !walk(n) {
		return nil, false
	}
	return seed, true
}
