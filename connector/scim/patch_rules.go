package scim

import (
	"net/http"
	"reflect"
)

// The rules every PATCH write obeys: mutability (RFC 7643 §2.2), required
// attributes (RFC 7644 §3.5.2.2) and the single primary value (RFC 7644
// §3.5.2, RFC 7643 §2.4).

// mergeInto writes the sub-attributes of add into cur (nil unassigns),
// checking each against its mutability. path names a for error details.
func mergeInto(a *Attribute, path string, cur, add map[string]any) error {
	for _, k := range sortedKeys(add) {
		sub := a.sub(k)
		if sub == nil {
			return UnknownAttribute(ScimTypeInvalidPath, path+"."+k)
		}
		key, old, _ := lookup(cur, sub.Name)
		if key == "" {
			key = sub.Name
		}
		nv := add[k]
		subPath := a.Name + "." + sub.Name
		if nv == nil && present(old) {
			if sub.Required {
				return requiredErr(subPath)
			}
			if m := sub.mutability(); m == MutabilityReadOnly || m == MutabilityImmutable {
				return Errorf(http.StatusBadRequest, ScimTypeMutability, "%s is %s and cannot be removed", subPath, m)
			}
		}
		if err := checkWrite(sub, subPath, old, nv); err != nil {
			return err
		}
		if nv == nil {
			delete(cur, key)
		} else {
			cur[key] = nv
		}
	}
	return nil
}

// replaceElement is the new value that replaces cur: next, plus cur's
// readOnly sub-attributes (server-owned, never sent by the client). An
// immutable sub-attribute cannot change (RFC 7643 §2.2).
func replaceElement(a *Attribute, path string, cur, next map[string]any) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range cur {
		if sub := a.sub(k); sub != nil && sub.mutability() == MutabilityReadOnly {
			out[k] = v
		}
	}
	for _, sub := range a.SubAttributes {
		if sub.mutability() != MutabilityImmutable {
			continue
		}
		_, ov, _ := lookup(cur, sub.Name)
		_, nv, _ := lookup(next, sub.Name)
		if err := checkWrite(sub, a.Name+"."+sub.Name, ov, nv); err != nil {
			return nil, err
		}
	}
	for k, v := range next {
		if v != nil {
			out[k] = v
		}
	}
	return out, nil
}

// checkWrite enforces mutability (RFC 7643 §2.2, RFC 7644 §3.5.2): a readOnly
// attribute cannot change and an immutable one can only be set while it has
// no value. Writing the value already there is not a change, so a client
// echoing an attribute back (Okta sends "id" in its path-less replace of a
// group) is accepted.
func checkWrite(a *Attribute, path string, old, next any) error {
	switch a.mutability() {
	case MutabilityReadOnly:
		if !sameValue(a, old, next) {
			return Errorf(http.StatusBadRequest, ScimTypeMutability, "%s is read-only", path)
		}
	case MutabilityImmutable:
		if present(old) && !sameValue(a, old, next) {
			return Errorf(http.StatusBadRequest, ScimTypeMutability,
				"%s is immutable: it can only be set while it has no value", path)
		}
	}
	return nil
}

func requiredErr(path string) error {
	return Errorf(http.StatusBadRequest, ScimTypeMutability,
		"%s is required and cannot be removed (RFC 7644 §3.5.2.2)", path)
}

// onePrimary applies RFC 7644 §3.5.2: a value written with primary true makes
// every other value primary false. Two values written primary in one
// operation is 400 invalidValue (RFC 7643 §2.4: at most one primary).
func onePrimary(a *Attribute, path string, list []any, written []map[string]any) error {
	if a.sub("primary") == nil {
		return nil
	}
	var winner map[string]any
	for _, w := range written {
		if _, v, _ := lookup(w, "primary"); v == true {
			if winner != nil {
				return Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
					"%s: only one value may be primary (RFC 7643 §2.4)", path)
			}
			winner = w
		}
	}
	if winner == nil {
		return nil
	}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok || sameMap(m, winner) {
			continue
		}
		if k, v, _ := lookup(m, "primary"); v == true {
			m[k] = false
		}
	}
	return nil
}

// sameMap reports whether x and y are the same map, not merely equal ones.
func sameMap(x, y map[string]any) bool {
	return reflect.ValueOf(x).UnsafePointer() == reflect.ValueOf(y).UnsafePointer()
}
