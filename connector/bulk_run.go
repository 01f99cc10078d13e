package connector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// schedule runs the operations (bulk.go): each once every operation it waits for has finished,
// in request order among those ready, at most bulkFanOut at a time — one at a time with
// failOnErrors, so that the stop is exact. It returns each operation's result by index, nil for
// those never started, and whether failOnErrors stopped the job.
func (b *bulkRun) schedule(failOn int) (results []*bulkResult, stopped bool) {
	results = make([]*bulkResult, len(b.ops))
	limit := bulkFanOut
	if failOn > 0 {
		limit = 1
	}
	started := make([]bool, len(b.ops))
	finished := make([]bool, len(b.ops))
	done := make(chan int)
	running, errs := 0, 0
	ready := func(op *bulkOp) bool {
		for _, d := range op.deps {
			if !finished[d] {
				return false
			}
		}
		return true
	}
	for {
		for _, op := range b.ops {
			if stopped || running >= limit {
				break
			}
			if started[op.index] || !ready(op) {
				continue
			}
			started[op.index] = true
			running++
			go func(op *bulkOp) {
				defer func() {
					if v := recover(); v != nil {
						// As logRequests does for a single request: the job goes on, this
						// operation answers 500.
						b.s.log.ErrorContext(b.r.Context(), "bulk operation panicked", slog.Int("operation", op.index), slog.Any("panic", v))
						results[op.index] = b.answer(op, scim.Errorf(http.StatusInternalServerError, "", "internal server error"))
					}
					done <- op.index
				}()
				results[op.index] = b.execute(op)
			}(op)
		}
		if running == 0 {
			break
		}
		i := <-done
		running--
		finished[i] = true
		if results[i].failed() {
			errs++
			stopped = stopped || (failOn > 0 && errs >= failOn)
		}
	}
	if !stopped {
		// What never became ready waits, directly or not, on a circle of references.
		for _, op := range b.ops {
			if !started[op.index] {
				results[op.index] = b.answer(op, b.circle(op, started))
			}
		}
	}
	return results, stopped
}

// circle is the error of an operation that waits on a circle of bulkId references: it names the
// circle (RFC 7644 §3.7.1 lets the provider answer 409).
func (b *bulkRun) circle(op *bulkOp, started []bool) *scim.Error {
	// Follow unstarted dependencies until one repeats: that repetition is the circle.
	seen := map[int]int{}
	var path []int
	cur := op.index
	for {
		if at, ok := seen[cur]; ok {
			path = path[at:]
			break
		}
		seen[cur] = len(path)
		path = append(path, cur)
		next := -1
		for _, d := range b.ops[cur].deps {
			if !started[d] {
				next = d
				break
			}
		}
		if next < 0 {
			break // cannot happen: an unstarted operation has an unstarted dependency
		}
		cur = next
	}
	names := make([]string, 0, len(path)+1)
	for _, i := range append(path, path[0]) {
		names = append(names, fmt.Sprintf("Operations[%d] (bulkId %q)", i, b.ops[i].bulkID))
	}
	return scim.Errorf(http.StatusConflict, "",
		"Operations[%d] was not run: it waits on a circle of bulkId references, %s; Webex teams hold people only, so no such circle can be resolved (RFC 7644 §3.7.1). Nothing of the circle was sent to Webex",
		op.index, strings.Join(names, " → "))
}

// execute runs one operation through the handler of the single request it stands for.
func (b *bulkRun) execute(op *bulkOp) *bulkResult {
	if op.err != nil {
		return b.answer(op, op.err)
	}
	id, body, serr := b.resolve(op)
	if serr != nil {
		return b.answer(op, serr)
	}
	path := scimBasePath + "/" + op.endpoint
	if op.method != http.MethodPost {
		path += "/" + id // as mux matches it: unescaped
	}
	req, err := http.NewRequestWithContext(b.r.Context(), op.method, "/", bytes.NewReader(body))
	if err != nil {
		return b.answer(op, scim.Errorf(http.StatusInternalServerError, "", "internal server error"))
	}
	req.URL = &url.URL{Path: path}
	req.Host, req.TLS, req.RemoteAddr = b.r.Host, b.r.TLS, b.r.RemoteAddr
	req.Header.Set("Content-Type", scim.MediaType)
	if op.version != "" {
		req.Header.Set("If-Match", op.version)
	}
	rec := &opRecorder{header: http.Header{}}
	b.router.ServeHTTP(rec, req)
	res := &bulkResult{Method: op.method, BulkID: op.bulkID, Status: strconv.Itoa(rec.code()), Version: rec.header.Get("ETag")}
	if rec.body.Len() > 0 {
		res.Response = json.RawMessage(bytes.Clone(rec.body.Bytes()))
	}
	switch {
	case op.method == http.MethodPost && !res.failed():
		res.Location = rec.header.Get("Location")
		b.created(op.bulkID, gjson.GetBytes(res.Response, "id").String())
	case op.method == http.MethodPost:
		b.createFailed(op)
	default:
		res.Location = b.s.location(b.r, op.endpoint, id)
	}
	return res
}

// answer is the result of an operation that was not sent to its handler: err, as the handler
// would have written it.
func (b *bulkRun) answer(op *bulkOp, err *scim.Error) *bulkResult {
	body, merr := json.Marshal(err)
	if merr != nil {
		body = nil
	}
	res := &bulkResult{Method: op.method, BulkID: op.bulkID, Status: strconv.Itoa(err.Status), Response: body}
	if op.method != http.MethodPost && op.endpoint != "" && op.id != "" {
		res.Location = b.s.location(b.r, op.endpoint, b.resolvedID(op.id))
	}
	if op.method == http.MethodPost {
		b.createFailed(op)
	}
	return res
}

func (b *bulkRun) created(bulkID, id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ids[bulkID] = id
}

func (b *bulkRun) createFailed(op *bulkOp) {
	if op.bulkID == "" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.failed[op.bulkID]; !ok {
		b.failed[op.bulkID] = op.index
	}
}

// resolvedID is id with a bulkId reference replaced when its POST has run.
func (b *bulkRun) resolvedID(id string) string {
	ref, ok := strings.CutPrefix(id, bulkRefPrefix)
	if !ok {
		return id
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if v, ok := b.ids[ref]; ok {
		return v
	}
	return id
}

// resolve replaces the operation's bulkId references (RFC 7644 §3.7.2) in its path and data by
// the ids their POSTs created, and encodes the data. A reference to a POST that failed is 409.
func (b *bulkRun) resolve(op *bulkOp) (id string, body []byte, _ *scim.Error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var missing *scim.Error
	lookup := func(ref string) (string, bool) {
		if v, ok := b.ids[ref]; ok {
			return v, true
		}
		if missing == nil {
			missing = scim.Errorf(http.StatusConflict, "",
				"Operations[%d] was not run: it references bulkId:%s, whose POST (Operations[%d]) failed, so there is no id to put in its place",
				op.index, truncateDetail(ref), b.failed[ref])
		}
		return "", false
	}
	swap := func(s string) string {
		if ref, ok := strings.CutPrefix(s, bulkRefPrefix); ok {
			if v, ok := lookup(ref); ok {
				return v
			}
			return s
		}
		return quotedBulkRef.ReplaceAllStringFunc(s, func(q string) string {
			if v, ok := lookup(q[len(`"`+bulkRefPrefix) : len(q)-1]); ok {
				return strconv.Quote(v)
			}
			return q
		})
	}
	id = swap(op.id)
	data := replaceStrings(op.data, swap)
	if missing != nil {
		return "", nil, missing
	}
	if data != nil {
		var err error
		if body, err = json.Marshal(data); err != nil {
			return "", nil, invalidValue("Operations[%d].data cannot be encoded: %v", op.index, err)
		}
	}
	return id, body, nil
}

// replaceStrings copies a decoded JSON value with every string passed through fn.
func replaceStrings(v any, fn func(string) string) any {
	switch v := v.(type) {
	case string:
		return fn(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = replaceStrings(e, fn)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = replaceStrings(e, fn)
		}
		return out
	}
	return v
}

// opRecorder keeps what an operation's handler answered.
type opRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *opRecorder) Header() http.Header { return r.header }

func (r *opRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *opRecorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

func (r *opRecorder) code() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}
