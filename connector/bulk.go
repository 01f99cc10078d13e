package connector

// POST /Bulk (RFC 7644 §3.7): many Users and Groups operations in one request. The decisions,
// for the README:
//
//   - Each operation runs through the same handler as the single request it stands for (a
//     POST /Users operation is createUser), so validation, the Webex calls and their retries and
//     rate-limit handling, the per-user update locks, the rollback of group changes and the
//     error mapping are the same code. Its status, ETag (version), location and body (response:
//     the resource on success, the RFC 7644 §3.12 error otherwise) are what that request would
//     have answered.
//   - Limits: at most 100 operations (maxOperations) and 1 MiB (maxPayloadSize, the bound of
//     every request body), advertised in /ServiceProviderConfig; beyond either, 413 naming both
//     and nothing is run. 100, because each operation costs Webex one to a few calls (a group
//     create is a create, one call per member and a read-back): 100 operations already take tens
//     of seconds against Webex's rate limits, longer than identity providers wait for an answer.
//   - bulkId references ("bulkId:qwerty" as any whole string value of data, or in path, as in
//     /Groups/bulkId:qwerty) are replaced by the id the POST with that bulkId created. An
//     operation waits for the operations it references, wherever they are in the request (RFC
//     7644 §3.7: the result must be as for the order the client meant). A reference to a bulkId
//     no POST of the request declares is 400 invalidValue; a reference to a POST that failed is
//     409 naming it. References that wait on each other in a circle are 409 naming the circle
//     (RFC 7644 §3.7.1 allows it): Webex teams hold people only, so no circle of this API could
//     be resolved by creating first and linking after.
//   - Operations that name the same resource (its id or bulkId as the path, or as a value in the
//     other's data, or the same userName) run in request order. Without failOnErrors,
//     operations that are independent run concurrently, at most 4 at a time, so a large job is
//     faster while Webex's rate limit (and the client's 429 handling) still paces it. With
//     failOnErrors they run one at a time in request order (an operation whose references are
//     later in the request goes after them), so the stop is exact.
//   - failOnErrors n (n ≥ 1): after the n-th failed operation nothing more is started. The answer
//     is 200 and lists exactly the operations that were run, in request order, each with its
//     outcome: those with a 2xx status were applied, the failed ones were not (or say in their
//     detail what was left, as a group change that could not be undone does); the operations left
//     out were never sent to Webex. Without failOnErrors every operation is tried.
//   - The request must list the BulkRequest schema and at least one operation. An operation with
//     a method other than POST, PUT, PATCH, DELETE, a path other than /Users, /Groups (POST) or
//     /Users/{id}, /Groups/{id} (the others), no data where one is needed, or a POST without
//     bulkId (REQUIRED, RFC 7644 §3.7) fails alone, 400, and counts as an error.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Bulk limits (RFC 7644 §3.7.4), advertised in /ServiceProviderConfig; see the top of this file.
const (
	bulkMaxOperations = 100
	bulkMaxPayload    = maxBodyBytes
	// bulkFanOut bounds the operations of one Bulk request that run at once.
	bulkFanOut = 4
)

// bulkRefPrefix starts a bulkId reference (RFC 7644 §3.7.2).
const bulkRefPrefix = "bulkId:"

// bulkOp is one operation of a Bulk request, checked.
type bulkOp struct {
	index    int
	method   string // upper case
	bulkID   string
	version  string
	endpoint string // "Users" or "Groups"
	id       string // the resource of PUT, PATCH, DELETE, maybe "bulkId:…"; "" for POST
	data     any    // decoded with UseNumber, so that numbers go on as they came
	// err, when set, is the operation's answer: it is not run.
	err *scim.Error
	// refs are the bulkIds the operation references, deps the operations it waits for.
	refs []string
	deps []int
	// keys name what the operation touches (see dependsOn).
	keys map[string]bool
}

// bulkResult is one element of the BulkResponse's Operations (RFC 7644 §3.7.3).
type bulkResult struct {
	Method   string          `json:"method"`
	BulkID   string          `json:"bulkId,omitempty"`
	Version  string          `json:"version,omitempty"`
	Location string          `json:"location,omitempty"`
	Status   string          `json:"status"`
	Response json.RawMessage `json:"response,omitempty"`
}

func (r *bulkResult) failed() bool { return !strings.HasPrefix(r.Status, "2") }

// bulk is POST /Bulk.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request) error {
	ops, failOn, err := s.readBulk(w, r)
	if err != nil {
		return err
	}
	run := &bulkRun{s: s, r: r, router: s.bulkRouter(), ops: ops, ids: map[string]string{}, failed: map[string]int{}}
	results, stopped := run.schedule(failOn)
	out := make([]*bulkResult, 0, len(results))
	applied, failedN := 0, 0
	for _, res := range results {
		if res == nil {
			continue // never started: failOnErrors stopped the job first
		}
		if res.failed() {
			failedN++
		} else {
			applied++
		}
		out = append(out, res)
	}
	s.log.InfoContext(r.Context(), "bulk request done", slog.Int("operations", len(ops)),
		slog.Int("applied", applied), slog.Int("failed", failedN), slog.Int("notRun", len(ops)-len(out)),
		slog.Bool("stoppedByFailOnErrors", stopped))
	scim.WriteJSON(w, http.StatusOK, map[string]any{
		"schemas":    []any{scim.SchemaBulkResponse},
		"Operations": out,
	})
	return nil
}

// bulkLimits is the text every 413 of /Bulk carries (RFC 7644 §3.7.4: "MUST specify the limit
// exceeded").
func bulkLimits() string {
	return fmt.Sprintf("maxOperations is %d and maxPayloadSize is %d bytes (see /ServiceProviderConfig)", bulkMaxOperations, bulkMaxPayload)
}

// readBulk reads and checks a BulkRequest: the message as a whole (a failure is the answer to
// the request), then each operation (a failure is that operation's answer).
func (s *Server) readBulk(w http.ResponseWriter, r *http.Request) ([]*bulkOp, int, error) {
	if r.ContentLength > bulkMaxPayload {
		return nil, 0, scim.Errorf(http.StatusRequestEntityTooLarge, "",
			"the bulk request is %d bytes; %s", r.ContentLength, bulkLimits())
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, bulkMaxPayload))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, 0, scim.Errorf(http.StatusRequestEntityTooLarge, "",
				"the bulk request is larger than maxPayloadSize; %s", bulkLimits())
		}
		return nil, 0, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "the request body could not be read")
	}
	var msg struct {
		Schemas      []string          `json:"schemas"`
		FailOnErrors *json.Number      `json:"failOnErrors"`
		Operations   []json.RawMessage `json:"Operations"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&msg); err != nil {
		return nil, 0, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "the request body is not a JSON BulkRequest: %v", err)
	}
	if !slices.ContainsFunc(msg.Schemas, func(s string) bool { return strings.EqualFold(s, scim.SchemaBulkRequest) }) {
		return nil, 0, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "schemas must contain %q (RFC 7644 §3.7)", scim.SchemaBulkRequest)
	}
	if len(msg.Operations) == 0 {
		return nil, 0, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "Operations must hold at least one operation (RFC 7644 §3.7)")
	}
	if len(msg.Operations) > bulkMaxOperations {
		return nil, 0, scim.Errorf(http.StatusRequestEntityTooLarge, "",
			"the bulk request has %d operations; %s", len(msg.Operations), bulkLimits())
	}
	failOn := 0
	if msg.FailOnErrors != nil {
		n, err := msg.FailOnErrors.Int64()
		if err != nil || n < 1 {
			return nil, 0, invalidValue("failOnErrors must be an integer of at least 1 (the number of errors after which the job stops), got %s", truncateDetail(msg.FailOnErrors.String()))
		}
		failOn = int(min(n, int64(len(msg.Operations))))
	}
	ops := make([]*bulkOp, len(msg.Operations))
	declared := map[string]int{}
	for i, rawOp := range msg.Operations {
		op, err := parseBulkOp(i, rawOp)
		if err != nil {
			return nil, 0, err
		}
		if op.bulkID != "" && op.method == http.MethodPost {
			if j, dup := declared[op.bulkID]; dup {
				return nil, 0, invalidValue("Operations[%d] and Operations[%d] both declare bulkId %q; bulkIds are unique within a request (RFC 7644 §3.7)", j, i, truncateDetail(op.bulkID))
			}
			declared[op.bulkID] = i
		}
		ops[i] = op
	}
	linkBulkOps(ops, declared)
	return ops, failOn, nil
}

// bulkOpWire is an operation as sent (RFC 7644 §3.7); encoding/json matches the names
// case-insensitively, as RFC 7643 §2.1 asks.
type bulkOpWire struct {
	Method  string          `json:"method"`
	BulkID  *string         `json:"bulkId"`
	Version string          `json:"version"`
	Path    string          `json:"path"`
	Data    json.RawMessage `json:"data"`
}

// parseBulkOp reads one operation. JSON that is not an operation object fails the whole request
// (400 invalidSyntax); an operation that is well-formed but unusable gets its own error (op.err).
func parseBulkOp(i int, raw json.RawMessage) (*bulkOp, error) {
	var wire bulkOpWire
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&wire); err != nil || bytes.HasPrefix(bytes.TrimSpace(raw), []byte("null")) {
		return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax,
			"Operations[%d] is not an operation object with method, path and data (RFC 7644 §3.7)", i)
	}
	op := &bulkOp{index: i, method: strings.ToUpper(wire.Method), version: wire.Version, keys: map[string]bool{}}
	if wire.BulkID != nil {
		op.bulkID = *wire.BulkID
	}
	if len(bytes.TrimSpace(wire.Data)) > 0 && !bytes.Equal(bytes.TrimSpace(wire.Data), []byte("null")) {
		d := json.NewDecoder(bytes.NewReader(wire.Data))
		d.UseNumber()
		if err := d.Decode(&op.data); err != nil {
			return nil, scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "Operations[%d].data is not JSON", i)
		}
	}
	op.err = op.check(wire.Path)
	return op, nil
}

// check validates method, path, data and bulkId of an operation, and sets endpoint and id.
func (op *bulkOp) check(path string) *scim.Error {
	switch op.method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		return invalidValue("Operations[%d]: method %q is not one of POST, PUT, PATCH, DELETE (RFC 7644 §3.7)", op.index, truncateDetail(op.method))
	}
	rest, ok := strings.CutPrefix(strings.TrimSuffix(path, "/"), "/")
	seg, id, hasID := strings.Cut(rest, "/")
	for _, e := range [...]string{"Users", "Groups"} {
		if ok && strings.EqualFold(seg, e) {
			op.endpoint = e
		}
	}
	if op.method == http.MethodPost {
		if op.endpoint == "" || hasID {
			return invalidValue("Operations[%d]: the path of a POST must be /Users or /Groups, got %q", op.index, truncateDetail(path))
		}
	} else {
		if op.endpoint == "" || id == "" || strings.Contains(id, "/") {
			return invalidValue("Operations[%d]: the path of a %s must be /Users/{id} or /Groups/{id}, got %q", op.index, op.method, truncateDetail(path))
		}
		unescaped, err := url.PathUnescape(id)
		if err != nil {
			return invalidValue("Operations[%d]: the path %q is not a valid URL path", op.index, truncateDetail(path))
		}
		op.id = unescaped
	}
	if op.method != http.MethodDelete && op.data == nil {
		return scim.Errorf(http.StatusBadRequest, scim.ScimTypeInvalidSyntax, "Operations[%d]: a %s needs data (RFC 7644 §3.7)", op.index, op.method)
	}
	if op.method == http.MethodPost && op.bulkID == "" {
		return invalidValue("Operations[%d]: a POST needs a bulkId (REQUIRED, RFC 7644 §3.7)", op.index)
	}
	return nil
}

// linkBulkOps finds each operation's references and the operations it must wait for.
func linkBulkOps(ops []*bulkOp, declared map[string]int) {
	for _, op := range ops {
		if op.err != nil {
			continue
		}
		if ref, ok := strings.CutPrefix(op.id, bulkRefPrefix); ok {
			op.refs = append(op.refs, ref)
		}
		walkStrings(op.data, func(s string) {
			op.refs = append(op.refs, bulkRefsIn(s)...)
			op.keys["value:"+s] = true
		})
		if op.id != "" {
			op.keys["id:"+op.id] = true
		}
		if m, ok := op.data.(map[string]any); ok && op.endpoint == "Users" {
			if v, ok := lookupFold(m, "userName"); ok {
				if u, ok := v.(string); ok && u != "" {
					op.keys["userName:"+strings.ToLower(u)] = true
				}
			}
		}
		for _, ref := range op.refs {
			j, ok := declared[ref]
			switch {
			case !ok:
				op.err = invalidValue("Operations[%d] references bulkId:%s, which no POST of this request declares (RFC 7644 §3.7.2)", op.index, truncateDetail(ref))
			case j == op.index:
				op.err = scim.Errorf(http.StatusConflict, "", "Operations[%d] references its own bulkId:%s", op.index, truncateDetail(ref))
			default:
				op.deps = append(op.deps, j)
			}
		}
	}
	// Operations that touch the same resource run in request order (RFC 7644 §3.7: the same
	// result as unoptimised processing), unless a bulkId reference already orders them the
	// other way (a group created before the user it references by bulkId).
	for j, later := range ops {
		for i := range j {
			if dependsOn(later, ops[i]) && !waitsFor(ops, i, j) {
				later.deps = append(later.deps, i)
			}
		}
	}
}

// waitsFor reports whether operation i waits, directly or not, for operation j.
func waitsFor(ops []*bulkOp, i, j int) bool {
	seen := map[int]bool{}
	stack := []int{i}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range ops[cur].deps {
			if d == j {
				return true
			}
			if !seen[d] {
				seen[d] = true
				stack = append(stack, d)
			}
		}
	}
	return false
}

// dependsOn reports whether later (after earlier in the request) touches what earlier touches:
// the same resource as path, one's resource as a value in the other's data, or the same userName.
func dependsOn(later, earlier *bulkOp) bool {
	if later.err != nil || earlier.err != nil {
		return false
	}
	for k := range later.keys {
		if earlier.keys[k] {
			if strings.HasPrefix(k, "value:") {
				continue // two operations sending the same value (a displayName) are independent
			}
			return true
		}
		if id, ok := strings.CutPrefix(k, "value:"); ok && earlier.keys["id:"+id] {
			return true
		}
	}
	for k := range earlier.keys {
		if id, ok := strings.CutPrefix(k, "value:"); ok && later.keys["id:"+id] {
			return true
		}
	}
	return false
}

// quotedBulkRef finds a bulkId reference quoted inside a string: a PATCH path's filter,
// members[value eq "bulkId:u3"].
var quotedBulkRef = regexp.MustCompile(`"` + bulkRefPrefix + `([^"\\]+)"`)

// bulkRefsIn are the bulkIds a string value references: all of it ("bulkId:u3", RFC 7644
// §3.7.2), or the compare values of a filter in it.
func bulkRefsIn(s string) []string {
	if ref, ok := strings.CutPrefix(s, bulkRefPrefix); ok {
		return []string{ref}
	}
	var refs []string
	for _, m := range quotedBulkRef.FindAllStringSubmatch(s, -1) {
		refs = append(refs, m[1])
	}
	return refs
}

// walkStrings calls fn for every string in a decoded JSON value.
func walkStrings(v any, fn func(string)) {
	switch v := v.(type) {
	case string:
		fn(v)
	case []any:
		for _, e := range v {
			walkStrings(e, fn)
		}
	case map[string]any:
		for _, e := range v {
			walkStrings(e, fn)
		}
	}
}

// bulkRouter routes an operation to the handler of the single request it stands for. The Bulk
// request was authenticated; the operations are not again.
func (s *Server) bulkRouter() http.Handler {
	r := mux.NewRouter()
	r.SkipClean(true)
	h := func(fn handlerFunc) http.Handler { return s.scimHandler(fn) }
	// readBulk lets only these paths through; should another slip by, its answer is still a
	// SCIM error body, as the BulkResponse needs.
	r.NotFoundHandler = h(func(_ http.ResponseWriter, r *http.Request) error {
		return scim.Errorf(http.StatusNotFound, "", "no SCIM endpoint at %s", r.URL.Path)
	})
	r.Handle(scimBasePath+"/Users", h(s.createUser)).Methods(http.MethodPost)
	r.Handle(scimBasePath+"/Users/{id}", h(s.replaceUser)).Methods(http.MethodPut)
	r.Handle(scimBasePath+"/Users/{id}", h(s.patchUser)).Methods(http.MethodPatch)
	r.Handle(scimBasePath+"/Users/{id}", h(s.deleteUser)).Methods(http.MethodDelete)
	r.Handle(scimBasePath+"/Groups", h(s.createGroup)).Methods(http.MethodPost)
	r.Handle(scimBasePath+"/Groups/{id}", h(s.replaceGroup)).Methods(http.MethodPut)
	r.Handle(scimBasePath+"/Groups/{id}", h(s.patchGroup)).Methods(http.MethodPatch)
	r.Handle(scimBasePath+"/Groups/{id}", h(s.deleteGroup)).Methods(http.MethodDelete)
	return r
}

// bulkRun is one Bulk request being processed.
type bulkRun struct {
	s      *Server
	r      *http.Request
	router http.Handler
	ops    []*bulkOp

	mu     sync.Mutex
	ids    map[string]string // bulkId → the id its POST created
	failed map[string]int    // bulkId → the index of its failed POST
}
