package scim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// PatchOp is one PATCH operation (RFC 7644 §3.5.2).
type PatchOp struct {
	Op    string // "add", "replace" or "remove" (ParsePatch lower-cases it)
	Path  string // "" when the operation has none
	Value any    // decoded JSON; nil when absent or null
}

// MaxPatchOperations is the most operations ParsePatch accepts in one request.
const MaxPatchOperations = 1000

// Patch operation names.
const (
	OpAdd     = "add"
	OpReplace = "replace"
	OpRemove  = "remove"
)

// ParsePatch reads a PatchOp request body (RFC 7644 §3.5.2). It checks the
// message, not the resource: schemas must list SchemaPatchOp and Operations
// must hold at least one operation (else 400 invalidSyntax, as is JSON that
// does not parse); op is add, replace or remove in any case (Entra sends
// "Replace") and is returned in lower case; add and replace need a value and,
// without a path, an object of attributes (else 400 invalidValue); remove
// needs a path (else 400 noTarget, RFC 7644 §3.5.2.2); a path must be valid
// RFC 7644 §3.5.2 syntax (else 400 invalidPath). Attribute names are checked
// later, by ApplyPatch, against the resource's schema.
func ParsePatch(body []byte) ([]PatchOp, error) {
	var msg struct {
		Schemas    []string          `json:"schemas"`
		Operations []json.RawMessage `json:"Operations"`
	}
	if err := json.Unmarshal(body, &msg); err != nil {
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax,
			"the request body is not a JSON PatchOp message: %v", err)
	}
	if !containsFold(msg.Schemas, SchemaPatchOp) {
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax,
			"schemas must contain %q (RFC 7644 §3.5.2)", SchemaPatchOp)
	}
	if len(msg.Operations) == 0 {
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax,
			"Operations must hold at least one operation (RFC 7644 §3.5.2)")
	}
	if len(msg.Operations) > MaxPatchOperations {
		// Each path costs a parse (see checkFilterSize); identity providers
		// send a handful of operations, with many members in one value.
		return nil, Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
			"%d operations in one request; this service accepts at most %d", len(msg.Operations), MaxPatchOperations)
	}
	ops := make([]PatchOp, 0, len(msg.Operations))
	for i, raw := range msg.Operations {
		op, err := parseOp(i, raw)
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
	return ops, nil
}

func parseOp(i int, raw json.RawMessage) (PatchOp, error) {
	var o struct {
		Op    *string         `json:"op"`
		Path  *string         `json:"path"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax,
			"Operations[%d] is not an object with op, path and value: %v", i, err)
	}
	if o.Op == nil {
		return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax, "Operations[%d] has no op", i)
	}
	op := PatchOp{Op: strings.ToLower(strings.TrimSpace(*o.Op))}
	if o.Path != nil {
		op.Path = strings.TrimSpace(*o.Path)
	}
	hasValue := len(o.Value) > 0 && !bytes.Equal(bytes.TrimSpace(o.Value), []byte("null"))
	if len(o.Value) > 0 {
		if err := json.Unmarshal(o.Value, &op.Value); err != nil {
			return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax, "Operations[%d].value: %v", i, err)
		}
	}
	switch op.Op {
	case OpAdd, OpReplace:
		// replace with null unassigns (RFC 7643 §2.5: null and unassigned are
		// the same); add has nothing to add.
		if op.Op == OpAdd && !hasValue || op.Op == OpReplace && len(o.Value) == 0 {
			return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
				"Operations[%d]: %s needs a value (RFC 7644 §3.5.2)", i, op.Op)
		}
		if op.Path == "" {
			if _, ok := op.Value.(map[string]any); !ok {
				return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeInvalidValue,
					"Operations[%d]: %s without a path needs an object of attributes as its value (RFC 7644 §3.5.2.1, §3.5.2.3)", i, op.Op)
			}
		}
	case OpRemove:
		if op.Path == "" {
			return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeNoTarget,
				"Operations[%d]: remove needs a path (RFC 7644 §3.5.2.2)", i)
		}
	default:
		return PatchOp{}, Errorf(http.StatusBadRequest, ScimTypeInvalidSyntax,
			"Operations[%d]: op %q is not add, replace or remove", i, truncate(*o.Op, 40))
	}
	if op.Path != "" {
		if err := checkPathSyntax(op.Path); err != nil {
			return PatchOp{}, err
		}
	}
	return op, nil
}

// ApplyPatch applies ops in order (RFC 7644 §3.5.2) to a deep copy of r and
// returns the result. r is never modified, so a failing operation leaves
// nothing half-applied: the request is atomic, as the RFC requires and design
// §3.6 relies on to validate a whole patch before anything goes to Webex.
// The rules, per operation, are in patch_apply.go.
func ApplyPatch(r Resource, rs *ResourceSchema, ops []PatchOp) (Resource, error) {
	p := &patcher{rs: rs, res: deepCopyMap(r)}
	if p.res == nil {
		p.res = Resource{}
	}
	for _, op := range ops {
		if err := p.apply(op); err != nil {
			return nil, err
		}
	}
	return p.res, nil
}

func containsFold(list []string, s string) bool {
	for _, e := range list {
		if equalFold(strings.TrimSpace(e), s) {
			return true
		}
	}
	return false
}
