package scim

import "net/http"

// PatchOp is one PATCH operation (RFC 7644 §3.5.2).
type PatchOp struct {
	Op    string // add | replace | remove, lower case
	Path  string // "" when absent
	Value any
}

// ParsePatch reads a PatchOp request body.
func ParsePatch(body []byte) ([]PatchOp, error) {
	return nil, Errorf(http.StatusNotImplemented, "", "PATCH is not implemented yet")
}

// ApplyPatch applies ops to a deep copy of r and returns it.
func ApplyPatch(r Resource, rs *ResourceSchema, ops []PatchOp) (Resource, error) {
	return nil, Errorf(http.StatusNotImplemented, "", "PATCH is not implemented yet")
}
