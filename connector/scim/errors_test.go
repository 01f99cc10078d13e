package scim

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorJSON_RFC7644_3_12(t *testing.T) {
	b, err := json.Marshal(Errorf(http.StatusBadRequest, ScimTypeInvalidFilter, "bad %s", "thing"))
	require.NoError(t, err)
	// RFC 7644 §3.12: status is a string in the body.
	assert.JSONEq(t, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter","detail":"bad thing"}`, string(b))

	b, err = json.Marshal(&Error{Status: http.StatusNotFound, Detail: "no such user"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"no such user"}`, string(b), "no scimType where the RFC defines none")
}

func TestWriteError(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantBody   string
		wantHeader map[string]string
	}{
		{
			name:       "scim error with headers (429 Retry-After, design §3.9)",
			err:        &Error{Status: 429, Detail: "slow down", Header: http.Header{"Retry-After": {"7"}}},
			wantStatus: 429,
			wantBody:   `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429","detail":"slow down"}`,
			wantHeader: map[string]string{"Retry-After": "7"},
		},
		{
			name:       "wrapped scim error found with errors.As",
			err:        fmt.Errorf("updating user: %w", Errorf(409, ScimTypeUniqueness, "userName taken")),
			wantStatus: 409,
			wantBody:   `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"userName taken"}`,
		},
		{
			name:       "any other error is a 500 that leaks nothing",
			err:        errors.New("dial tcp 10.0.0.7:443: secret-token-abc"),
			wantStatus: 500,
			wantBody:   `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"internal server error"}`,
		},
		{
			name:       "a scim error with a non-error status is a 500",
			err:        &Error{Status: 200, Detail: "oops"},
			wantStatus: 500,
			wantBody:   `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"internal server error"}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			WriteError(w, tc.err)
			assert.Equal(t, tc.wantStatus, w.Code)
			assert.Equal(t, MediaType, w.Header().Get("Content-Type"))
			assert.JSONEq(t, tc.wantBody, w.Body.String())
			assert.NotContains(t, w.Body.String(), "secret")
			for k, v := range tc.wantHeader {
				assert.Equal(t, v, w.Header().Get(k))
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	assert.Equal(t, "scim 400 noTarget: nothing", Errorf(400, ScimTypeNoTarget, "nothing").Error())
	assert.Equal(t, "scim 404: gone", Errorf(404, "", "gone").Error())
	e := UnknownAttribute(ScimTypeInvalidPath, "foo")
	assert.Equal(t, ScimTypeInvalidFilter, e.WithScimType(ScimTypeInvalidFilter).ScimType)
	assert.Equal(t, ScimTypeInvalidPath, e.ScimType, "WithScimType copies")
}

func TestWriteJSON(t *testing.T) {
	w := httptest.NewRecorder()
	WriteJSON(w, http.StatusCreated, map[string]any{"id": "x"})
	assert.Equal(t, 201, w.Code)
	assert.Equal(t, "application/scim+json", w.Header().Get("Content-Type"))
	assert.JSONEq(t, `{"id":"x"}`, w.Body.String())

	w = httptest.NewRecorder()
	WriteJSON(w, http.StatusOK, map[string]any{"bad": make(chan int)})
	assert.Equal(t, 500, w.Code, "a value JSON cannot hold is a server error, not half a body")
	assert.JSONEq(t, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"internal server error"}`, w.Body.String())
}

// errorByStruct is how an *Error was written before it wrote itself: json.Marshal of this
// struct. Its bytes are what clients have always read.
func errorByStruct(e *Error) ([]byte, error) {
	return json.Marshal(struct {
		Schemas  []string `json:"schemas"`
		Status   string   `json:"status"`
		ScimType string   `json:"scimType,omitempty"`
		Detail   string   `json:"detail,omitempty"`
	}{[]string{SchemaError}, fmt.Sprint(e.Status), e.ScimType, e.Detail})
}

func checkErrorLikeStruct(t *testing.T, e *Error) {
	t.Helper()
	want, err := errorByStruct(e)
	require.NoError(t, err)
	got, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "json.Marshal")
	got, err = marshalJSON(e)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "marshalJSON")
}

func TestErrorWritesWhatTheStructWrote(t *testing.T) {
	for _, e := range []*Error{
		{}, {Status: 404}, {Status: -1, ScimType: ScimTypeInvalidFilter},
		{Status: 400, ScimType: "x<y>&\u2028", Detail: "bad \"filter\" \xff\n\ttab <b>é</b>"},
		{Status: 412, Detail: "If-Match W/\"abc\" does not match", Header: http.Header{"Retry-After": {"1"}}},
	} {
		checkErrorLikeStruct(t, e)
	}
	var nilErr *Error
	got, err := marshalJSON(nilErr)
	require.NoError(t, err)
	assert.Equal(t, "null", string(got), "a nil *Error is JSON null, as json.Marshal writes it")
}

func FuzzErrorJSON(f *testing.F) {
	f.Add(400, "invalidFilter", "no <such> attribute \u2028")
	f.Add(-7, "", "\xff")
	f.Fuzz(func(t *testing.T, status int, scimType, detail string) {
		checkErrorLikeStruct(t, &Error{Status: status, ScimType: scimType, Detail: detail})
	})
}
