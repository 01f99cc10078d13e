package connector

import (
	"net/http"
	"strconv"
)

// headAsGet serves HEAD on every GET route as the GET it stands for, without the body (RFC 9110
// §9.3.2: "identical to GET except that the server MUST NOT send content"): the same status,
// authentication, ETag and Content-Length as the GET would have. Monitoring probes and some
// identity-provider health checks send HEAD; gorilla/mux matches methods exactly, so without
// this every SCIM path answered HEAD with 405. Routes that take HEAD themselves (/healthz,
// /readyz) see it unchanged, since mux is told about HEAD on them.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead || !isSCIMPath(r) {
			next.ServeHTTP(w, r)
			return
		}
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		hw := &headWriter{w: w}
		next.ServeHTTP(hw, get)
		hw.finish()
	})
}

// headWriter drops the body a GET handler writes and counts it, holding the status back until
// the handler returns so that Content-Length can be the length of the GET's body.
type headWriter struct {
	w      http.ResponseWriter
	status int
	n      int
}

func (h *headWriter) Header() http.Header { return h.w.Header() }

func (h *headWriter) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}

func (h *headWriter) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	h.n += len(b)
	return len(b), nil
}

func (h *headWriter) finish() {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	hdr := h.w.Header()
	if hdr.Get("Content-Length") == "" && bodyAllowed(h.status) {
		hdr.Set("Content-Length", strconv.Itoa(h.n))
	}
	h.w.WriteHeader(h.status)
}

// bodyAllowed reports whether a status may carry content (RFC 9110 §6.4.1).
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}
