package scim

import (
	"net/http"
)

// patcher applies operations to res, a private deep copy (ApplyPatch), so it
// may change values in place.
type patcher struct {
	rs  *ResourceSchema
	res Resource
}

func (p *patcher) apply(op PatchOp) error {
	switch op.Op {
	case OpAdd, OpReplace, OpRemove:
	default:
		return Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax, "op %q is not add, replace or remove", truncate(op.Op, 40))
	}
	if op.Path == "" {
		if op.Op == OpRemove {
			return Errorf(http.StatusBadRequest, ScimTypeNoTarget, "remove needs a path (RFC 7644 §3.5.2.2)")
		}
		return p.applyObject(op.Op, "", op.Value)
	}
	if p.rs.isSchemaURN(op.Path) {
		return p.applySchema(op)
	}
	t, err := parsePatchPath(p.rs, op.Path)
	if err != nil {
		return err
	}
	if op.Op == OpRemove {
		return p.remove(t, op.Value)
	}
	return p.set(op.Op, t, op.Value)
}

// applyObject is add or replace without a path (RFC 7644 §3.5.2.1 and
// §3.5.2.3: "the target location is assumed to be the resource itself"). Each
// key is itself a path: a plain name, a dotted "name.givenName" (Entra's newer
// format), a URN-qualified name, or a schema URN holding that extension's
// attributes. "schemas" is skipped: the server keeps it (extensions are added
// to it as their attributes are written, RFC 7644 §3.5.2). urn prefixes the
// keys when the object is an extension's.
func (p *patcher) applyObject(op, urn string, value any) error {
	m, ok := value.(map[string]any)
	if !ok {
		return Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
			"%s without a path needs an object of attributes as its value", op)
	}
	for _, k := range sortedKeys(m) {
		path := k
		if urn != "" {
			path = urn + ":" + k
		}
		switch {
		case urn == "" && equalFold(k, "schemas"):
			continue
		case urn == "" && p.rs.isSchemaURN(k):
			if err := p.applySchema(PatchOp{Op: op, Path: k, Value: m[k]}); err != nil {
				return err
			}
			continue
		}
		t, err := parsePatchPath(p.rs, path)
		if err != nil {
			return err
		}
		if err := p.set(op, t, m[k]); err != nil {
			return err
		}
	}
	return nil
}

// applySchema handles a path that is a schema URN: add/replace take an object
// of that schema's attributes; remove unassigns every attribute of an
// extension (the core schema cannot be removed).
func (p *patcher) applySchema(op PatchOp) error {
	ext := p.rs.extension(op.Path)
	if op.Op != OpRemove {
		urn := ""
		if ext != nil {
			urn = ext.ID
		}
		return p.applyObject(op.Op, urn, op.Value)
	}
	if ext == nil {
		return Errorf(http.StatusBadRequest, ScimTypeMutability, "the core schema %s cannot be removed", op.Path)
	}
	for _, a := range ext.Attributes {
		if err := p.remove(&patchTarget{ref: &AttrRef{Schema: ext.ID, Attr: a}, text: ext.ID + ":" + a.Name}, nil); err != nil {
			return err
		}
	}
	return nil
}

// set is add or replace at a path.
func (p *patcher) set(op string, t *patchTarget, value any) error {
	a := t.ref.Attr
	if value == nil {
		if op == OpAdd {
			return Errorf(http.StatusBadRequest, ScimTypeInvalidValue, "add to %s needs a value", t.text)
		}
		// replace with null: RFC 7643 §2.5, null is unassigned.
		return p.remove(t, nil)
	}
	switch {
	case t.filter != nil || (t.ref.Sub != nil && a.MultiValued):
		return p.setValues(op, t, value)
	case t.ref.Sub != nil:
		return p.setSub(t, value)
	case a.MultiValued:
		return p.setMulti(op, t, value)
	case a.typ() == TypeComplex:
		return p.setComplex(t, value)
	default:
		old, _ := p.get(t.ref.Schema, a)
		nv, err := normalize(a, t.ref.String(), value, false)
		if err != nil {
			return err
		}
		if err := checkWrite(a, t.ref.String(), old, nv); err != nil {
			return err
		}
		p.put(t.ref.Schema, a, nv)
		return nil
	}
}

// setMulti: add appends new values (RFC 7644 §3.5.2.1), merging a value
// already present (same "value") instead of duplicating it; replace without a
// filter replaces the whole set (RFC 7644 §3.5.2.3).
func (p *patcher) setMulti(op string, t *patchTarget, value any) error {
	a, path := t.ref.Attr, t.ref.String()
	old, _ := p.get(t.ref.Schema, a)
	if err := checkWrite(a, path, old, value); err != nil {
		return err
	}
	nv, err := normalize(a, path, value, false)
	if err != nil {
		return err
	}
	var list []any // replace starts from nothing, add from what is there
	if op == OpAdd {
		list = asList(old)
	}
	var written []map[string]any
next:
	for _, e := range nv.([]any) {
		em, isMap := e.(map[string]any)
		for i, cur := range list {
			if !sameElement(a, cur, e) {
				continue
			}
			if cm, ok := cur.(map[string]any); ok && isMap {
				if err := mergeInto(a, path, cm, em); err != nil {
					return err
				}
				list[i] = cm
				written = append(written, cm)
			}
			continue next
		}
		list = append(list, e)
		if isMap {
			written = append(written, em)
		}
	}
	if err := onePrimary(a, path, list, written); err != nil {
		return err
	}
	if len(list) == 0 && a.Required {
		return requiredErr(path)
	}
	p.put(t.ref.Schema, a, list)
	return nil
}

// setComplex merges sub-attributes into a single-valued complex attribute:
// those not given are left unchanged (RFC 7644 §3.5.2.3), null ones are
// unassigned.
func (p *patcher) setComplex(t *patchTarget, value any) error {
	a, path := t.ref.Attr, t.ref.String()
	old, _ := p.get(t.ref.Schema, a)
	if err := checkWrite(a, path, old, value); err != nil {
		return err
	}
	nv, err := normalize(a, path, value, false)
	if err != nil {
		return err
	}
	cur, _ := old.(map[string]any)
	if cur == nil {
		cur = map[string]any{}
	}
	if err := mergeInto(a, path, cur, nv.(map[string]any)); err != nil {
		return err
	}
	p.put(t.ref.Schema, a, cur)
	return nil
}

// setSub sets "attr.sub" of a single-valued complex attribute.
func (p *patcher) setSub(t *patchTarget, value any) error {
	a, sub, path := t.ref.Attr, t.ref.Sub, t.ref.String()
	nv, err := normalize(sub, path, value, false)
	if err != nil {
		return err
	}
	old, _ := p.get(t.ref.Schema, a)
	cur, _ := old.(map[string]any)
	if cur == nil {
		cur = map[string]any{}
	}
	if err := mergeInto(a, t.ref.Attr.Name, cur, map[string]any{sub.Name: nv}); err != nil {
		return err
	}
	p.put(t.ref.Schema, a, cur)
	return nil
}

// setValues is add or replace on selected values of a multi-valued attribute:
// "attr[filter]", "attr[filter].sub", or "attr.sub" (every value).
//
//   - replace, filter matching nothing: 400 noTarget (RFC 7644 §3.5.2.3).
//   - add, filter matching nothing: the target does not exist, so it is
//     added (RFC 7644 §3.5.2.1), as a new value holding what the filter's eq
//     terms say ("emails[type eq "work"].value" adds {"type":"work","value":…}).
//     A filter that says no such thing (or, not, other operators) is noTarget.
//   - "attr.sub" on an attribute with no values adds one value {sub: …}
//     (replace of an absent target is an add, RFC 7644 §3.5.2.3).
//   - with .sub, the sub-attribute of every matching value is set; without,
//     add merges the object into each matching value and replace replaces
//     each matching value ("all matching record values SHALL be replaced"),
//     keeping its server-owned (readOnly) sub-attributes.
func (p *patcher) setValues(op string, t *patchTarget, value any) error {
	a, sub := t.ref.Attr, t.ref.Sub
	old, _ := p.get(t.ref.Schema, a)
	list := asList(old)
	var nv any
	var err error
	if sub != nil {
		nv, err = normalize(sub, t.text, value, false)
	} else {
		nv, err = normalize(a, t.text, value, true)
	}
	if err != nil {
		return err
	}
	var written []map[string]any
	matched := false
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok || (t.filter != nil && !t.filter.match(m)) {
			continue
		}
		matched = true
		switch {
		case sub != nil:
			err = mergeInto(a, t.text, m, map[string]any{sub.Name: nv})
		case op == OpAdd:
			err = mergeInto(a, t.text, m, nv.(map[string]any))
		default:
			var repl map[string]any
			repl, err = replaceElement(a, t.text, m, nv.(map[string]any))
			m = repl
		}
		if err != nil {
			return err
		}
		list[i] = m
		written = append(written, m)
	}
	if !matched {
		if op == OpReplace && t.filter != nil {
			return Errorf(http.StatusBadRequest, ScimTypeNoTarget,
				"the path %s matches no value of %s, so there is nothing to replace (RFC 7644 §3.5.2.3)", t.text, t.ref.Attr.Name)
		}
		elem := map[string]any{}
		if t.filter != nil {
			seed, ok := seedFromFilter(t.filter)
			if !ok {
				return Errorf(http.StatusBadRequest, ScimTypeNoTarget,
					"the path %s matches no value of %s, and its filter does not say what a new value would hold "+
						"(only eq terms joined by and do)", t.text, t.ref.Attr.Name)
			}
			elem = seed
		}
		add := map[string]any{}
		if sub != nil {
			add[sub.Name] = nv
		} else {
			add = nv.(map[string]any)
		}
		if err := mergeInto(a, t.text, elem, add); err != nil {
			return err
		}
		if len(elem) > 0 {
			list = append(list, elem)
			written = append(written, elem)
		}
	}
	list = dropEmpty(list)
	if err := onePrimary(a, t.text, list, written); err != nil {
		return err
	}
	p.put(t.ref.Schema, a, list)
	return nil
}

// remove is RFC 7644 §3.5.2.2. Removing what is not there succeeds and
// changes nothing (the RFC's own example for a member who is not in the
// group, and design §3.6: identity providers expect removal to be idempotent).
// Removing a required or readOnly attribute is 400 mutability (RFC 7644
// §3.5.2.2), and so is unassigning an immutable sub-attribute of an existing
// value. A remove of a whole multi-valued attribute that carries a value
// (Entra: {"op":"Remove","path":"members","value":[{"value":"id"}]}) removes
// only those values; without a value it removes them all.
func (p *patcher) remove(t *patchTarget, value any) error {
	a, sub := t.ref.Attr, t.ref.Sub
	old, exists := p.get(t.ref.Schema, a)
	if !exists || !present(old) {
		return nil
	}
	if a.mutability() == MutabilityReadOnly {
		return Errorf(http.StatusBadRequest, ScimTypeMutability, "%s is read-only and cannot be removed", t.text)
	}
	switch {
	case t.filter == nil && sub == nil && a.MultiValued && value != nil:
		nv, err := normalize(a, t.text, value, false)
		if err != nil {
			return err
		}
		var kept []any
	outer:
		for _, cur := range asList(old) {
			for _, gone := range nv.([]any) {
				if sameElement(a, cur, gone) {
					continue outer
				}
			}
			kept = append(kept, cur)
		}
		if len(kept) == 0 && a.Required {
			return requiredErr(t.text)
		}
		p.put(t.ref.Schema, a, kept)
	case t.filter == nil && sub == nil:
		if a.Required {
			return requiredErr(t.text)
		}
		p.put(t.ref.Schema, a, nil)
	case t.filter == nil && !a.MultiValued:
		cur, _ := old.(map[string]any)
		if _, _, ok := lookup(cur, sub.Name); !ok {
			return nil
		}
		if err := mergeInto(a, t.text, cur, map[string]any{sub.Name: nil}); err != nil {
			return err
		}
		p.put(t.ref.Schema, a, cur)
	default:
		var kept []any
		for _, e := range asList(old) {
			m, ok := e.(map[string]any)
			if !ok || (t.filter != nil && !t.filter.match(m)) {
				kept = append(kept, e)
				continue
			}
			if sub == nil {
				continue // the whole value goes
			}
			if _, _, ok := lookup(m, sub.Name); ok {
				if err := mergeInto(a, t.text, m, map[string]any{sub.Name: nil}); err != nil {
					return err
				}
			}
			kept = append(kept, m)
		}
		kept = dropEmpty(kept)
		if len(kept) == 0 && a.Required {
			return requiredErr(t.text)
		}
		p.put(t.ref.Schema, a, kept)
	}
	return nil
}
