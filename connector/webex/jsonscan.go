package webex

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Reading JSON members without a tokenizer, for Person.UnmarshalJSON (the hot path of every SCIM
// read and listing). Everything here expects bytes json.Valid accepted; on anything else it stops
// early or defers to encoding/json, and it never reads out of bounds.

// plainString is the content of v when v is a JSON string that decodes to its own bytes: no
// escapes and valid UTF-8 (encoding/json turns invalid bytes into U+FFFD). v must be valid JSON.
func plainString(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return nil, false
	}
	s := v[1 : len(v)-1]
	if bytes.IndexByte(s, '\\') >= 0 || !utf8.Valid(s) {
		return nil, false
	}
	return s, true
}

// decodeString reads a JSON string into dst: directly when plain, else through encoding/json
// (escapes, and the error for a value that is not a string).
func decodeString(v []byte, dst *string) error {
	if s, ok := plainString(v); ok {
		*dst = string(s)
		return nil
	}
	return json.Unmarshal(v, dst)
}

// decodeStrings reads a JSON array of strings into dst (non-nil, [] included): directly when
// every element is a plain string, else through encoding/json.
func decodeStrings(v []byte, dst *[]string) error {
	if len(v) < 2 || v[0] != '[' {
		return json.Unmarshal(v, dst)
	}
	n := bytes.Count(v, []byte{','}) + 1 // an upper bound on the elements
	out := make([]string, 0, n)
	sc := arrayScanner{data: v, i: 1}
	for {
		e, ok := sc.next()
		if !ok {
			break
		}
		s, plain := plainString(e)
		if !plain {
			return json.Unmarshal(v, dst)
		}
		out = append(out, string(s))
	}
	*dst = out
	return nil
}

// decodeKey unescapes an object key (with its quotes), as a map decode would.
func decodeKey(raw []byte) (string, error) {
	if s, ok := plainString(raw); ok {
		return string(s), nil
	}
	var k string
	err := json.Unmarshal(raw, &k)
	return k, err
}

// isJSONObject: the first non-blank byte of valid JSON v opens an object.
func isJSONObject(v []byte) bool {
	v = bytes.TrimLeft(v, " \t\r\n")
	return len(v) > 0 && v[0] == '{'
}

// objectScanner walks the members of a JSON object that json.Valid accepted, giving each raw key
// (quotes included) and raw value (no surrounding blanks) as sub-slices of data: no allocation,
// no tokens. On bytes that are not valid JSON it stops early; it never reads out of bounds.
type objectScanner struct {
	data []byte
	i    int // where to look for the next key
}

func (s *objectScanner) next() (key, value []byte, ok bool) {
	d := s.data
	if s.i == 0 {
		s.i = skipBlank(d, 0)
		if s.i >= len(d) || d[s.i] != '{' {
			return nil, nil, false
		}
		s.i++
	}
	i := skipBlank(d, s.i)
	if i < len(d) && d[i] == ',' {
		i = skipBlank(d, i+1)
	}
	if i >= len(d) || d[i] != '"' {
		return nil, nil, false // '}' or the end
	}
	kend := stringEnd(d, i)
	key = d[i:kend]
	i = skipBlank(d, kend)
	if i >= len(d) || d[i] != ':' {
		return nil, nil, false
	}
	i = skipBlank(d, i+1)
	vend := valueEnd(d, i)
	if vend <= i {
		return nil, nil, false
	}
	s.i = vend
	return key, d[i:vend], true
}

// arrayScanner walks the elements of a valid JSON array; i starts just after '['.
type arrayScanner struct {
	data []byte
	i    int
}

func (s *arrayScanner) next() ([]byte, bool) {
	d := s.data
	i := skipBlank(d, s.i)
	if i < len(d) && d[i] == ',' {
		i = skipBlank(d, i+1)
	}
	if i >= len(d) || d[i] == ']' {
		return nil, false
	}
	end := valueEnd(d, i)
	if end <= i {
		return nil, false
	}
	s.i = end
	return d[i:end], true
}

func skipBlank(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n') {
		i++
	}
	return i
}

// stringEnd is the index just after the string starting at d[i] == '"'.
func stringEnd(d []byte, i int) int {
	for i++; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++ // the escaped byte; \uXXXX's hex digits are plain bytes
		case '"':
			return i + 1
		}
	}
	return len(d)
}

// valueEnd is the index just after the value starting at d[i].
func valueEnd(d []byte, i int) int {
	if i >= len(d) {
		return i
	}
	switch d[i] {
	case '"':
		return stringEnd(d, i)
	case '{', '[':
		depth := 0
		for i < len(d) {
			switch d[i] {
			case '"':
				i = stringEnd(d, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(d)
	default: // number, true, false, null
		for i < len(d) {
			switch d[i] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				return i
			}
			i++
		}
		return i
	}
}
