package scim

import "strings"

// Reading and writing attributes of the resource being patched, core or
// extension, with RFC 7643 §2.5's "unassigned" and RFC 7644 §3.5.2's
// implicit "schemas" update.

// get reads an attribute of the resource (or of an extension).
func (p *patcher) get(schema string, a *Attribute) (any, bool) {
	c := container(p.res, schema)
	if c == nil {
		return nil, false
	}
	_, v, ok := lookup(c, a.Name)
	return v, ok
}

// put writes an attribute; nil, an empty array or an empty object unassign it
// (RFC 7643 §2.5). Writing into an extension creates its object and lists its
// URN in "schemas" (RFC 7644 §3.5.2); emptying it removes both.
func (p *patcher) put(schema string, a *Attribute, v any) {
	c := container(p.res, schema)
	if !present(v) {
		if c == nil {
			return
		}
		if k, _, ok := lookup(c, a.Name); ok {
			delete(c, k)
		}
		if schema != "" && len(c) == 0 {
			if k, _, ok := lookup(p.res, schema); ok {
				delete(p.res, k)
			}
			p.setSchemaListed(schema, false)
		}
		return
	}
	if c == nil {
		c = map[string]any{}
		p.res[schema] = c
		p.setSchemaListed(schema, true)
	}
	k, _, ok := lookup(c, a.Name)
	if !ok {
		k = a.Name
	}
	c[k] = v
}

// setSchemaListed adds or removes urn in the resource's "schemas", when the
// resource has that list.
func (p *patcher) setSchemaListed(urn string, listed bool) {
	k, v, ok := lookup(p.res, "schemas")
	list, isList := v.([]any)
	if !ok || !isList {
		return
	}
	out := make([]any, 0, len(list)+1)
	found := false
	for _, s := range list {
		if str, _ := s.(string); strings.EqualFold(str, urn) {
			found = true
			if !listed {
				continue
			}
		}
		out = append(out, s)
	}
	if listed && !found {
		out = append(out, urn)
	}
	p.res[k] = out
}

func asList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

// dropEmpty removes values left with no sub-attributes.
func dropEmpty(list []any) []any {
	out := list[:0]
	for _, e := range list {
		if present(e) {
			out = append(out, e)
		}
	}
	return out
}
