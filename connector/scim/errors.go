package scim

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Schema and message URNs (RFC 7643 §8.7, RFC 7644 §3.1).
const (
	SchemaUser                  = "urn:ietf:params:scim:schemas:core:2.0:User"
	SchemaGroup                 = "urn:ietf:params:scim:schemas:core:2.0:Group"
	SchemaListResponse          = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	SchemaPatchOp               = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	SchemaError                 = "urn:ietf:params:scim:api:messages:2.0:Error"
	SchemaServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
	SchemaResourceType          = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
	SchemaSchema                = "urn:ietf:params:scim:schemas:core:2.0:Schema"

	// MediaType is the SCIM media type (RFC 7644 §8.1).
	MediaType = "application/scim+json"
)

// scimType detail error keywords: RFC 7644 §3.12 Table 9, plus the two cursor
// errors of RFC 9865 §2.1.
const (
	ScimTypeInvalidFilter = "invalidFilter"
	ScimTypeTooMany       = "tooMany"
	ScimTypeUniqueness    = "uniqueness"
	ScimTypeMutability    = "mutability"
	ScimTypeInvalidSyntax = "invalidSyntax"
	ScimTypeInvalidPath   = "invalidPath"
	ScimTypeNoTarget      = "noTarget"
	ScimTypeInvalidValue  = "invalidValue"
	ScimTypeInvalidVers   = "invalidVers"
	ScimTypeSensitive     = "sensitive"
	ScimTypeInvalidCursor = "invalidCursor"
	ScimTypeExpiredCursor = "expiredCursor"
)

// Error is the one error type of the SCIM boundary: every failure a SCIM client
// sees is an *Error, written by WriteError as the RFC 7644 §3.12 body.
type Error struct {
	Status   int    // HTTP status code
	ScimType string // RFC 7644 §3.12 keyword; "" when the RFC defines none for the case
	Detail   string // human-readable, names the problem
	// Header holds response headers that belong to the error, e.g. Retry-After
	// on 429 (design §3.9) or WWW-Authenticate on 401 (design §3.1).
	Header http.Header
}

// Errorf builds an *Error with a formatted detail.
func Errorf(status int, scimType, format string, args ...any) *Error {
	return &Error{Status: status, ScimType: scimType, Detail: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string {
	if e.ScimType != "" {
		return fmt.Sprintf("scim %d %s: %s", e.Status, e.ScimType, e.Detail)
	}
	return fmt.Sprintf("scim %d: %s", e.Status, e.Detail)
}

// WithScimType returns a copy of e with another scimType. Resolve reports an
// unknown attribute as invalidPath; a filter parser re-labels it invalidFilter.
func (e *Error) WithScimType(scimType string) *Error {
	c := *e
	c.ScimType = scimType
	return &c
}

// MarshalJSON writes the RFC 7644 §3.12 body. "status" is a string there
// (the RFC's own examples quote it), so it is one here.
func (e *Error) MarshalJSON() ([]byte, error) {
	return e.appendJSON(make([]byte, 0, 128+len(e.Detail)))
}

// appendJSON writes the body as json.Marshal wrote the struct {schemas, status,
// scimType,omitempty, detail,omitempty}, without reflection: every 401, 404 and
// 412 is one.
func (e *Error) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, `{"schemas":["`+SchemaError+`"],"status":"`...)
	dst = strconv.AppendInt(dst, int64(e.Status), 10)
	dst = append(dst, '"')
	var err error
	if e.ScimType != "" {
		dst = append(dst, `,"scimType":`...)
		if dst, err = appendJSONString(dst, e.ScimType); err != nil {
			return nil, err
		}
	}
	if e.Detail != "" {
		dst = append(dst, `,"detail":`...)
		if dst, err = appendJSONString(dst, e.Detail); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

// WriteError writes err as a SCIM error response. An *Error anywhere in the
// chain (errors.As) is written as is, its headers included; anything else is an
// unexpected failure and answers 500 with a generic detail, so that internals
// (addresses, stack details, upstream bodies) never reach the client.
func WriteError(w http.ResponseWriter, err error) {
	var se *Error
	if !errors.As(err, &se) || se == nil {
		se = &Error{Status: http.StatusInternalServerError, Detail: "internal server error"}
	}
	status := se.Status
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
		se = &Error{Status: status, Detail: "internal server error"}
	}
	for k, vs := range se.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	WriteJSON(w, status, se)
}

// WriteJSON writes v as application/scim+json with the given status. The body is exactly what
// json.Marshal gives; resources (maps of JSON-shaped values) are encoded without reflection, into
// one buffer written once.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := marshalJSON(v)
	if err != nil {
		// Only a programming error gets here (a value JSON cannot hold); answer
		// a well-formed SCIM 500 rather than half a body.
		status = http.StatusInternalServerError
		body, _ = json.Marshal(&Error{Status: status, Detail: "internal server error"})
	}
	w.Header().Set("Content-Type", MediaType)
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client went away; nothing left to tell it
}

// marshalJSON is json.Marshal(v), faster for a resource: encoding/json reaches every value of a
// map[string]any through reflection and sorts each map's keys through reflect.Value, which made it
// the largest cost of a SCIM read after reading the Webex person (BENCHMARKS.md, Connector).
//
// A ListResponse is written the same way, resource by resource, and an *Error directly: through
// json.Marshal a page's maps went through reflection too, and what a MarshalJSON method returned
// was then scanned again to be compacted.
func marshalJSON(v any) ([]byte, error) {
	switch v := v.(type) {
	case map[string]any, []any:
		return appendJSON(make([]byte, 0, 2048), v) // a user is 1–2 KB: one allocation, no regrowth
	case ListResponse:
		return v.MarshalJSON()
	case *Error:
		if v != nil {
			return v.MarshalJSON()
		}
	}
	return json.Marshal(v)
}

// appendJSON appends v as json.Marshal writes it: map keys in byte order, no blanks, strings with
// <, >, & and U+2028/U+2029 escaped and invalid UTF-8 as \ufffd. It writes map[string]any, []any,
// string, bool and nil itself; anything else (numbers, structs, Marshalers) through json.Marshal,
// which also gives the errors.
func appendJSON(dst []byte, v any) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return appendJSONString(dst, v)
	case bool:
		return strconv.AppendBool(dst, v), nil
	case map[string]any:
		if v == nil {
			return append(dst, "null"...), nil
		}
		var buf [16]member // on the stack for any resource's map
		members := buf[:0]
		for k, e := range v {
			members = append(members, member{k, e})
		}
		slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
		dst = append(dst, '{')
		for i, m := range members {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = appendJSONString(dst, m.key); err != nil {
				return nil, err
			}
			dst = append(dst, ':')
			if dst, err = appendJSON(dst, m.value); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	case []any:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, e := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = appendJSON(dst, e); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	}
	return appendMarshaled(dst, v)
}

// member is one key and value of a map being written.
type member struct {
	key   string
	value any
}

// AppendString appends s as a JSON string, exactly as json.Marshal writes it (see
// appendJSONString): for writers that build a known shape without a map.
func AppendString(dst []byte, s string) []byte {
	dst, _ = appendJSONString(dst, s) // it reports no error
	return dst
}

// appendJSONString appends s quoted and escaped by encoding/json's rules with HTML escaping on (its
// appendString, which is not exported): \" \\ \b \f \n \r \t, other control bytes and < > & as
// \u00XX, invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u202X.
func appendJSONString(dst []byte, s string) ([]byte, error) {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"'), nil
}

func appendMarshaled(dst []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}
