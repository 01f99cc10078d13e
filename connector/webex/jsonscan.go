package webex

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Reading JSON without a tokenizer, for Person.UnmarshalJSON (the hot path of every SCIM read and
// listing): validJSON checks the bytes, then the scanners below expect bytes it accepted; on
// anything else they stop early or defer to encoding/json, and they never read out of bounds.

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

// decodeKey unescapes an object key (with its quotes) that is not a plain string, as a map
// decode would.
func decodeKey(raw []byte) (string, error) {
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

// maxJSONDepth is encoding/json's nesting limit (scanner.go maxNestingDepth): deeper input is
// invalid there, so it is here.
const maxJSONDepth = 10000

// validJSON is json.Valid(data), several times faster: a plain recursive descent over the RFC 8259
// grammar exactly as encoding/json's scanner accepts it (any byte but a control byte inside
// strings, invalid UTF-8 included; the same escapes, number syntax, literals and nesting limit).
// FuzzValidJSON holds it to json.Valid.
func validJSON(data []byte) bool {
	i, ok := validValue(data, skipBlank(data, 0), 1)
	return ok && skipBlank(data, i) == len(data)
}

// validValue checks the value at data[i] and returns the index after it; depth counts the
// arrays and objects it would be inside of, itself included.
func validValue(d []byte, i, depth int) (int, bool) {
	if i >= len(d) {
		return i, false
	}
	switch c := d[i]; {
	case c == '"':
		return validString(d, i)
	case c == '{' || c == '[':
		if depth > maxJSONDepth {
			return i, false
		}
		return validContainer(d, i, depth)
	case c == '-' || (c >= '0' && c <= '9'):
		return validNumber(d, i)
	case c == 't':
		return validLiteral(d, i, "true")
	case c == 'f':
		return validLiteral(d, i, "false")
	case c == 'n':
		return validLiteral(d, i, "null")
	}
	return i, false
}

func validContainer(d []byte, i, depth int) (int, bool) {
	closing := byte(']')
	if d[i] == '{' {
		closing = '}'
	}
	i = skipBlank(d, i+1)
	if i < len(d) && d[i] == closing {
		return i + 1, true
	}
	for {
		var ok bool
		if closing == '}' {
			if i >= len(d) || d[i] != '"' {
				return i, false
			}
			if i, ok = validString(d, i); !ok {
				return i, false
			}
			i = skipBlank(d, i)
			if i >= len(d) || d[i] != ':' {
				return i, false
			}
			i = skipBlank(d, i+1)
		}
		if i, ok = validValue(d, i, depth+1); !ok {
			return i, false
		}
		i = skipBlank(d, i)
		if i >= len(d) {
			return i, false
		}
		switch d[i] {
		case ',':
			i = skipBlank(d, i+1)
		case closing:
			return i + 1, true
		default:
			return i, false
		}
	}
}

func validString(d []byte, i int) (int, bool) {
	for i++; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(d) {
				return i, false
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(d) || !isHex(d[i+1]) || !isHex(d[i+2]) || !isHex(d[i+3]) || !isHex(d[i+4]) {
					return i, false
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// validNumber: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
func validNumber(d []byte, i int) (int, bool) {
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digits(d, i)
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

func validLiteral(d []byte, i int, lit string) (int, bool) {
	if len(d)-i < len(lit) || string(d[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}
