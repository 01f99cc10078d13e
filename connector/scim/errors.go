package scim

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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
	// on 429 (SPEC §3.9) or WWW-Authenticate on 401 (SPEC §3.1).
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
	return json.Marshal(struct {
		Schemas  []string `json:"schemas"`
		Status   string   `json:"status"`
		ScimType string   `json:"scimType,omitempty"`
		Detail   string   `json:"detail,omitempty"`
	}{[]string{SchemaError}, strconv.Itoa(e.Status), e.ScimType, e.Detail})
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

// WriteJSON writes v as application/scim+json with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
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
