package scim

import "strings"

// Project applies "attributes" and "excludedAttributes" (RFC 7644 §3.9) to r
// and returns a new resource; r is not modified and nothing in the result is
// shared with it.
//
//   - returned "always" attributes (id, schemas) are kept whatever is asked;
//     "never" ones are always dropped; "request" ones only when named in
//     attributes (RFC 7643 §2.2).
//   - attributes names what to return besides the "always" ones: a whole
//     attribute ("name"), a sub-attribute ("name.givenName",
//     "members.value"), or a whole schema by its URN; names may carry the
//     schema URN and match case-insensitively (RFC 7644 §3.10).
//   - excludedAttributes removes attributes or sub-attributes from the
//     default set.
//
// Names that match no attribute are ignored: RFC 7644 §3.9 defines no error for
// them, and clients send one list for several resource types. Keys of r that
// the schema does not describe are kept in the default set and dropped when
// attributes is given.
func Project(r Resource, rs *ResourceSchema, attributes, excluded []string) Resource {
	inc := newSelection(rs, attributes)
	exc := newSelection(rs, excluded)
	p := projector{inc: inc, exc: exc, incMode: len(attributes) > 0, excMode: len(excluded) > 0}
	out := make(Resource, len(r))
	for k, v := range r {
		if ext := rs.extension(k); ext != nil {
			m, ok := v.(map[string]any)
			if !ok {
				continue
			}
			if sub := p.attrs(m, ext.Attributes, strings.ToLower(ext.ID)); len(sub) > 0 {
				out[k] = sub
			}
			continue
		}
		attr := findAttr(rs.coreAttributes(), k)
		if attr == nil {
			attr = commonAttribute(k)
		}
		if attr == nil {
			if !p.incMode {
				out[k] = deepCopy(v)
			}
			continue
		}
		if val, ok := p.attr(attr, "", v); ok {
			out[k] = val
		}
	}
	return out
}

// selection is a parsed attribute list: whole schemas, whole attributes, and
// sub-attributes per attribute. Keys are lower-case "schemaURN:attr" ("" for
// the core schema and common attributes).
type selection struct {
	schemas map[string]bool
	whole   map[string]bool
	subs    map[string]map[string]bool
}

func newSelection(rs *ResourceSchema, names []string) selection {
	s := selection{}
	for _, n := range names {
		if rs.isSchemaURN(n) {
			key := ""
			if ext := rs.extension(n); ext != nil {
				key = strings.ToLower(ext.ID)
			}
			setAdd(&s.schemas, key)
			continue
		}
		ref, ok := rs.resolve(n)
		if !ok {
			continue
		}
		key := selKey(strings.ToLower(ref.Schema), ref.Attr.Name)
		if ref.Sub == nil {
			setAdd(&s.whole, key)
			continue
		}
		if s.subs == nil {
			s.subs = map[string]map[string]bool{}
		}
		if s.subs[key] == nil {
			s.subs[key] = map[string]bool{}
		}
		s.subs[key][strings.ToLower(ref.Sub.Name)] = true
	}
	return s
}

func setAdd(m *map[string]bool, k string) {
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[k] = true
}

func selKey(schema, attr string) string { return schema + ":" + strings.ToLower(attr) }

type projector struct {
	inc, exc         selection
	incMode, excMode bool // whether attributes / excludedAttributes were given
}

// attrs projects the attributes of one extension container.
func (p projector) attrs(m map[string]any, defs []*Attribute, schema string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		a := findAttr(defs, k)
		if a == nil {
			if !p.incMode && !p.exc.schemas[schema] {
				out[k] = deepCopy(v)
			}
			continue
		}
		if val, ok := p.attr(a, schema, v); ok {
			out[k] = val
		}
	}
	return out
}

// attr decides one attribute and, for complex ones, its sub-attributes.
func (p projector) attr(a *Attribute, schema string, v any) (any, bool) {
	key := ""
	if p.incMode || p.excMode {
		key = selKey(schema, a.Name)
	}
	switch a.returned() {
	case ReturnedNever:
		return nil, false
	case ReturnedAlways:
		return keepSubs(a, v, func(s *Attribute) bool { return s == nil || s.returned() != ReturnedNever })
	}
	if p.incMode {
		named := p.inc.whole[key]
		subs := p.inc.subs[key]
		if !named && subs == nil && (a.returned() == ReturnedRequest || !p.inc.schemas[schema]) {
			return nil, false
		}
		if named || subs == nil { // the attribute or its whole schema was named
			return keepSubs(a, v, func(s *Attribute) bool { return s == nil || s.returned() != ReturnedNever })
		}
		return keepSubs(a, v, func(s *Attribute) bool {
			return s != nil && (subs[strings.ToLower(s.Name)] || s.returned() == ReturnedAlways)
		})
	}
	if a.returned() == ReturnedRequest || p.exc.whole[key] || p.exc.schemas[schema] {
		return nil, false
	}
	subs := p.exc.subs[key]
	return keepSubs(a, v, func(s *Attribute) bool {
		if s == nil {
			return true
		}
		switch s.returned() {
		case ReturnedAlways:
			return true
		case ReturnedNever, ReturnedRequest:
			return false
		}
		return subs == nil || !subs[strings.ToLower(s.Name)]
	})
}

// keepSubs copies v keeping the sub-attributes keep accepts (keep gets nil for
// a key the schema does not describe). A complex value left empty is dropped,
// and so is a multi-valued attribute left with no values.
func keepSubs(a *Attribute, v any, keep func(*Attribute) bool) (any, bool) {
	if a.typ() != TypeComplex {
		return deepCopy(v), true
	}
	one := func(e any) (any, bool) {
		m, ok := e.(map[string]any)
		if !ok {
			return deepCopy(e), true
		}
		out := make(map[string]any, len(m))
		for k, sv := range m {
			if keep(a.sub(k)) {
				out[k] = deepCopy(sv)
			}
		}
		return out, len(out) > 0
	}
	arr, ok := v.([]any)
	if !ok {
		return one(v)
	}
	out := make([]any, 0, len(arr))
	for _, e := range arr {
		if pe, ok := one(e); ok {
			out = append(out, pe)
		}
	}
	return out, len(out) > 0 || len(arr) == 0
}

func deepCopyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopy(v)
	}
	return out
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return deepCopyMap(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = deepCopy(e)
		}
		return out
	default:
		return v
	}
}
