package mockwebex

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// jsonBody is a request body read field by field, so that a wrong type or a
// missing required field answers 400 naming the field. Fields the fake does
// not know are accepted and ignored, as Webex does.
type jsonBody map[string]json.RawMessage

func readJSONBody(c *call) (jsonBody, error) {
	b := bytes.TrimSpace(c.body)
	if len(b) == 0 {
		return nil, errBadRequest("A JSON request body is required.")
	}
	if b[0] != '{' {
		return nil, errBadRequest("The request body must be a JSON object.")
	}
	var m jsonBody
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, errBadRequest("The request body is not valid JSON: %v", err)
	}
	return m, nil
}

// has reports whether a field is present and not null.
func (b jsonBody) has(name string) bool {
	v, ok := b[name]
	return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

func fieldError(name, want string) error {
	return errBadRequest("Invalid field '%s': %s expected.", name, want)
}

// str reads a string field; present is false when absent or null.
func (b jsonBody) str(name string) (v string, present bool, err error) {
	if !b.has(name) {
		return "", false, nil
	}
	if json.Unmarshal(b[name], &v) != nil {
		return "", false, fieldError(name, "a string")
	}
	return v, true, nil
}

func (b jsonBody) strs(name string) (v []string, present bool, err error) {
	if !b.has(name) {
		return nil, false, nil
	}
	if hasNullEntry(b[name]) || json.Unmarshal(b[name], &v) != nil {
		return nil, false, fieldError(name, "an array of strings")
	}
	return v, true, nil
}

func (b jsonBody) boolean(name string) (v bool, present bool, err error) {
	if !b.has(name) {
		return false, false, nil
	}
	if json.Unmarshal(b[name], &v) != nil {
		return false, false, fieldError(name, "a boolean")
	}
	return v, true, nil
}

// into decodes an object or array field strictly (unknown nested fields
// refused, since a typo there would be lost silently).
func (b jsonBody) into(name string, dst any, want string) (present bool, err error) {
	if !b.has(name) {
		return false, nil
	}
	if hasNullEntry(b[name]) {
		return false, fieldError(name, want)
	}
	dec := json.NewDecoder(bytes.NewReader(b[name]))
	dec.DisallowUnknownFields()
	if dec.Decode(dst) != nil {
		return false, fieldError(name, want)
	}
	return true, nil
}

// hasNullEntry reports whether raw is an array with a null entry. encoding/json
// decodes null into a string or struct as its zero value, so [null] would be
// stored as "" or {} and rendered as an empty entry; the spec's item schemas
// are not nullable (doc.go: wrong types answer 400 naming the field).
func hasNullEntry(raw json.RawMessage) bool {
	var entries []json.RawMessage
	if json.Unmarshal(raw, &entries) != nil {
		return false // not an array: the caller's decode says what is wrong
	}
	for _, e := range entries {
		if bytes.Equal(bytes.TrimSpace(e), []byte("null")) {
			return true
		}
	}
	return false
}

// requireString reads a required non-empty string field.
func (b jsonBody) requireString(name string) (string, error) {
	v, ok, err := b.str(name)
	if err != nil {
		return "", err
	}
	if !ok || v == "" {
		return "", errBadRequest("Missing required field '%s'.", name)
	}
	return v, nil
}

func quoteList(names ...string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("'%s'", n)
	}
	return out
}
