package steps

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// secretWatch checks, for one scenario's in-process connector, that its secrets never appear in
// anything it says (issue 12; SECURITY.md): every log line it writes, at every level, and every
// answer it gives (status, headers and body), to the steps and to anyone else. The secrets are the
// inbound ones (the static bearer token, the client secret of /oauth/token) and the Webex ones
// (the connector's access and refresh tokens from its consent, and the admin token the steps use
// on the fake). A leak fails the scenario in its After hook, naming the secret and where it was
// seen, never its value.
type secretWatch struct {
	mu      sync.Mutex
	secrets map[string]string // name → value
	logs    bytes.Buffer      // every log line, scanned at the end, when every secret is known
	leaks   map[string]bool   // "the SCIM bearer token in the answer to GET /scim/v2/Users"
}

func newSecretWatch() *secretWatch {
	return &secretWatch{secrets: map[string]string{}, leaks: map[string]bool{}}
}

// add names a secret to look for; an empty value is ignored.
func (w *secretWatch) add(name, value string) {
	if value == "" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.secrets[name] = value
}

// scan records every secret found in text, seen at where.
func (w *secretWatch) scan(where string, text []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.scanLocked(where, text)
}

func (w *secretWatch) scanLocked(where string, text []byte) {
	for name, v := range w.secrets {
		if bytes.Contains(text, []byte(v)) {
			w.leaks[name+" in "+where] = true
		}
	}
}

// err is nil when nothing leaked, else names every leak.
func (w *secretWatch) err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.scanLocked("the connector's log", w.logs.Bytes())
	if len(w.leaks) == 0 {
		return nil
	}
	found := make([]string, 0, len(w.leaks))
	for l := range w.leaks {
		found = append(found, l)
	}
	sort.Strings(found)
	return fmt.Errorf("the connector showed a secret (issue 12): %s", strings.Join(found, "; "))
}

// Write receives the connector's log text (one record per call, from a slog.TextHandler).
func (w *secretWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.logs.Write(p)
}

// logHandler records every record, at every level, as text for the watch, and passes on to next
// what next is enabled for.
func (w *secretWatch) logHandler(next slog.Handler) slog.Handler {
	return teeHandler{all: slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}), next: next}
}

type teeHandler struct{ all, next slog.Handler }

func (h teeHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h teeHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.all.Handle(ctx, r)
	if h.next.Enabled(ctx, r.Level) {
		if nerr := h.next.Handle(ctx, r); err == nil {
			err = nerr
		}
	}
	return err
}

func (h teeHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return teeHandler{h.all.WithAttrs(attrs), h.next.WithAttrs(attrs)}
}

func (h teeHandler) WithGroup(name string) slog.Handler {
	return teeHandler{h.all.WithGroup(name), h.next.WithGroup(name)}
}

// answers wraps the connector so that every answer it gives is scanned once complete.
func (w *secretWatch) answers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		cw := &copyingWriter{ResponseWriter: rw, status: http.StatusOK}
		next.ServeHTTP(cw, r)
		var all bytes.Buffer
		_ = rw.Header().Write(&all) // a bytes.Buffer takes every write
		all.Write(cw.body.Bytes())
		w.scan(fmt.Sprintf("the answer to %s %s (status %d)", r.Method, r.URL.Path, cw.status), all.Bytes())
	})
}

// copyingWriter passes an answer on and keeps a copy of its body.
type copyingWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *copyingWriter) WriteHeader(code int) {
	c.status = code
	c.ResponseWriter.WriteHeader(code)
}

func (c *copyingWriter) Write(p []byte) (int, error) {
	c.body.Write(p)
	return c.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *copyingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
