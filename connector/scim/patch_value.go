package scim

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"reflect"
	"sort"
	"strings"
)

// normalize checks a PATCH value against attribute a and returns it in the
// resource's canonical form: booleans as bool (Entra's "True"/"False"
// accepted, design §3.6), sub-attribute keys spelled as the schema spells them,
// a lone value for a multi-valued attribute wrapped in an array. asElement
// asks for one value of a multi-valued attribute. Inside complex values, null
// sub-attributes are kept as nil (a merge reads them as "unassign", RFC 7643
// §2.5) and readOnly sub-attributes are dropped: the server owns them and a
// client echoing them back (Okta sends members[].display) is not an error
// (RFC 7644 §3.5.1 ignores readOnly values the same way on PUT). A wrong type
// is 400 invalidValue naming the attribute; an unknown sub-attribute is 400
// invalidPath.
func normalize(a *Attribute, path string, v any, asElement bool) (any, error) {
	if v == nil {
		return nil, nil
	}
	if a.MultiValued && !asElement {
		arr, ok := v.([]any)
		if !ok {
			arr = []any{v}
		}
		out := make([]any, 0, len(arr))
		for _, e := range arr {
			ne, err := normalize(a, path, e, true)
			if err != nil {
				return nil, err
			}
			if ne != nil {
				out = append(out, stripNils(ne))
			}
		}
		return out, nil
	}
	wrong := func(want string) error {
		return Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
			"%s must be %s, got %s", path, want, describe(v))
	}
	switch a.typ() {
	case TypeComplex:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, wrong("an object of sub-attributes")
		}
		out := make(map[string]any, len(m))
		for _, k := range sortedKeys(m) {
			sub := a.sub(k)
			if sub == nil {
				return nil, UnknownAttribute(ScimTypeInvalidPath, path+"."+k)
			}
			if sub.mutability() == MutabilityReadOnly {
				continue
			}
			nv, err := normalize(sub, path+"."+sub.Name, m[k], false)
			if err != nil {
				return nil, err
			}
			out[sub.Name] = nv
		}
		return out, nil
	case TypeBoolean:
		b, ok := asBool(v)
		if !ok {
			return nil, wrong("a boolean (true or false)")
		}
		return b, nil
	case TypeInteger:
		f, ok := asJSONNumber(v)
		if !ok || f != math.Trunc(f) {
			return nil, wrong("an integer")
		}
		return f, nil
	case TypeDecimal:
		f, ok := asJSONNumber(v)
		if !ok {
			return nil, wrong("a number")
		}
		return f, nil
	case TypeDateTime:
		s, ok := v.(string)
		if !ok {
			return nil, wrong("a dateTime string such as \"2024-05-13T04:42:34Z\"")
		}
		if _, ok := parseDateTime(s); !ok {
			return nil, wrong("an RFC 7643 §2.3.5 dateTime such as \"2024-05-13T04:42:34Z\"")
		}
		return s, nil
	case TypeBinary:
		s, ok := v.(string)
		if !ok {
			return nil, wrong("a base64 string")
		}
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			return nil, wrong("a base64 string")
		}
		return s, nil
	default: // string, reference
		s, ok := v.(string)
		if !ok {
			return nil, wrong("a string")
		}
		return s, nil
	}
}

// asJSONNumber reads a JSON number (float64 or json.Number); strings are not
// numbers here, unlike in filters' stored values.
func asJSONNumber(v any) (float64, bool) {
	switch v.(type) {
	case float64, json.Number, int, int64:
		return asFloat(v)
	}
	return 0, false
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + truncateQuote(v)
	case bool:
		if v {
			return "true"
		}
		return "false"
	case float64, json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "an unsupported value"
}

func truncateQuote(s string) string {
	b, _ := json.Marshal(truncate(s, 60)) // a string always marshals
	return string(b)
}

// stripNils drops nil sub-attributes from a complex value being stored whole.
func stripNils(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	for k, sv := range m {
		if sv == nil {
			delete(m, k)
		}
	}
	return m
}

// sameValue compares two stored values of attribute a; strings follow a's
// caseExact, complex values compare sub-attribute by sub-attribute.
func sameValue(a *Attribute, x, y any) bool {
	if !present(x) && !present(y) {
		return true
	}
	switch xv := x.(type) {
	case string:
		yv, ok := y.(string)
		if !ok {
			return false
		}
		if a != nil && !a.CaseExact {
			return strings.EqualFold(xv, yv)
		}
		return xv == yv
	case []any:
		yv, ok := y.([]any)
		if !ok || len(xv) != len(yv) {
			return false
		}
		for i := range xv {
			if !sameValue(a, xv[i], yv[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			return false
		}
		keys := map[string]bool{}
		for k := range xv {
			keys[strings.ToLower(k)] = true
		}
		for k := range yv {
			keys[strings.ToLower(k)] = true
		}
		for k := range keys {
			var sub *Attribute
			if a != nil {
				sub = a.sub(k)
			}
			_, xs, _ := lookup(xv, k)
			_, ys, _ := lookup(yv, k)
			if !sameValue(sub, xs, ys) {
				return false
			}
		}
		return true
	}
	if xf, ok := asFloat(x); ok {
		yf, ok := asFloat(y)
		return ok && xf == yf
	}
	return reflect.DeepEqual(x, y)
}

// sameElement tells whether two values of a multi-valued attribute are the
// same value: for complex values with a "value" sub-attribute, the same
// "value" (a member is its id; RFC 7644 §3.5.2.1: adding a value already
// there changes nothing); otherwise equal as a whole.
func sameElement(a *Attribute, x, y any) bool {
	if vs := a.sub("value"); vs != nil {
		xm, ok1 := x.(map[string]any)
		ym, ok2 := y.(map[string]any)
		if ok1 && ok2 {
			_, xv, okx := lookup(xm, "value")
			_, yv, oky := lookup(ym, "value")
			if okx && oky && present(xv) && present(yv) {
				return sameValue(vs, xv, yv)
			}
		}
	}
	return sameValue(a, x, y)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
