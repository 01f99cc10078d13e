package connector

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// readBody reads a request body of at most maxBodyBytes, after checking its Content-Type.
//
// A body labelled as something other than JSON is 415 and is not read: design §3 serves
// application/scim+json and accepts application/json (RFC 7644 §3.1, §8.1), parameters included
// ("application/scim+json; charset=utf-8"). Answering such a body as if it were JSON would let a
// form post or a text/plain request from a browser page (which needs no CORS preflight) reach
// the write routes as SCIM, and tells a careless client nothing about its mistake. A body with no
// Content-Type at all is still read as JSON, because some identity-provider scripts send none; a
// body that is not JSON is then 400 invalidSyntax.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if err := checkContentType(r); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, scim.Errorf(http.StatusRequestEntityTooLarge, "", "the request body is larger than %d bytes", maxBodyBytes)
		}
		return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "the request body could not be read")
	}
	return b, nil
}

// checkContentType accepts no Content-Type, application/scim+json and application/json (with
// any parameters, in any letter case); anything else is 415 (RFC 9110 §15.5.16) naming what was
// sent and what is accepted.
func checkContentType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == scim.MediaType || mt == "application/json") {
		return nil
	}
	return scim.Errorf(http.StatusUnsupportedMediaType, "",
		"the request body's Content-Type %q is not supported: send %s or application/json; nothing was changed",
		excerptHeader(ct), scim.MediaType)
}

// excerptHeader bounds a header value echoed in an error detail.
func excerptHeader(v string) string {
	const limit = 80
	if len(v) > limit {
		return v[:limit] + "…"
	}
	return v
}

// readResource reads a request body that must be one JSON object (RFC 7644 §3.3, §3.5.1);
// anything else is 400 invalidSyntax.
func readResource(w http.ResponseWriter, r *http.Request) (scim.Resource, error) {
	b, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	return decodeResource(b)
}

func decodeResource(b []byte) (scim.Resource, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var res scim.Resource
	if err := dec.Decode(&res); err != nil || res == nil {
		return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "the request body must be a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "the request body must hold one JSON object and nothing after it")
	}
	return res, nil
}
