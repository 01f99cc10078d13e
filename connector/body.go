package connector

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// readBody reads a request body of at most maxBodyBytes. Its Content-Type is not checked: the
// body must be JSON whatever it says. SPEC §3 accepts application/scim+json and application/json,
// RFC 7644 §3.1 does not ask for a 415, and identity providers are known to send other labels
// (or none) on bodies that are JSON; refusing them would break a sync for no gain, while a body
// that is not JSON is still 400 invalidSyntax.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
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
