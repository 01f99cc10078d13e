package webex

import (
	"errors"
	"net/url"
	"strings"
)

// What the client's log lines may say of a call (design §3.1; issue 15, item 6). A Webex path's
// query carries the values looked up (GET /people?email=… is how the connector finds a user by
// userName), so log lines hold the path and the names of the query's parameters, never their
// values; a transport error repeats the whole URL, so only its cause is logged; Webex's message
// may echo what was sent, so e-mail addresses in it are masked. Errors returned to the caller keep
// everything: the connector answers with status, message and trackingId, never the path.

// logPath splits a request path for a log line: the path, and the query with every value
// replaced by "…" ("email=…&max=…"; "" when there is none).
func logPath(p string) (path, query string) {
	path, raw, ok := strings.Cut(p, "?")
	if !ok || raw == "" {
		return path, ""
	}
	var b strings.Builder
	for part := range strings.SplitSeq(raw, "&") {
		name, _, _ := strings.Cut(part, "=")
		if name == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		if n, err := url.QueryUnescape(name); err == nil && !strings.Contains(n, "@") {
			name = n
		} else {
			name = "?"
		}
		b.WriteString(name)
		b.WriteString("=…")
	}
	return path, b.String()
}

// logCause is a transport error without the URL that *url.Error repeats.
func logCause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return maskEmails(ue.Err.Error())
	}
	return maskEmails(err.Error())
}

// maskEmails replaces every word holding an "@" (an e-mail address, or one percent-encoded in a
// URL) with "<email>".
func maskEmails(s string) string {
	if !strings.Contains(s, "@") && !strings.Contains(s, "%40") {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		if strings.Contains(w, "@") || strings.Contains(w, "%40") {
			words[i] = "<email>"
		}
	}
	return strings.Join(words, " ")
}
