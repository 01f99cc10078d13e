package steps

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// auth says which Authorization header a request carries.
type auth struct {
	actor    string // whose token; "" means the target's default actor
	token    string // an explicit token, used when explicit is true
	explicit bool   // send token as given ("" sends no Authorization header at all)
}

// Request is one HTTP call a step makes. Path and Body may hold {name} references.
type Request struct {
	Target string // target name, e.g. "Webex"
	Method string
	Path   string // relative to the target's base URL, or an absolute URL on the target's host
	Body   string // sent as JSON when not empty
	// verbatim sends Path and Body as they are, without expanding references (a next link
	// is followed exactly as the target wrote it).
	verbatim bool
	auth     auth
	header   http.Header // extra request headers (Send adds the scenario's RequestHeaders)
}

// AsActor returns r sent with actor's token.
func (r Request) AsActor(actor string) Request { r.auth = auth{actor: actor}; return r }

// WithToken returns r sent with exactly token ("" sends no Authorization header).
func (r Request) WithToken(token string) Request {
	r.auth = auth{token: token, explicit: true}
	return r
}

// maxBodyBytes bounds what a step reads of a response: a runaway target must not fill memory.
const maxBodyBytes = 32 << 20

// Send expands r's references, sends it, records the exchange as st.Last, and gives the target
// its AfterResponse look at it. A response is returned whatever its status; only transport
// problems are errors. It refuses to send while an earlier error response went unasserted.
func (st *ScenarioState) Send(ctx context.Context, r Request) (*Response, error) {
	if err := st.checkUnassertedError(); err != nil {
		return nil, err
	}
	r.header = st.RequestHeaders
	rec, err := st.roundTrip(ctx, r)
	if err != nil {
		return nil, err
	}
	st.Last = rec
	if t := st.Targets[rec.target]; t.AfterResponse != nil {
		t.AfterResponse(ctx, st, rec.auth.actor, rec)
	}
	return rec, nil
}

// roundTrip sends r and returns the exchange, without recording it as the scenario's last
// response and without the scenario's extra headers (the After hook's cleanups use it
// directly: they must work whatever odd headers a scenario set).
func (st *ScenarioState) roundTrip(ctx context.Context, r Request) (*Response, error) {
	if err := st.checkReadOnly(r.Method); err != nil {
		return nil, err
	}
	t, err := st.Target(r.Target)
	if err != nil {
		return nil, err
	}
	path, body := r.Path, r.Body
	if !r.verbatim {
		if path, err = st.Expand(path); err != nil {
			return nil, err
		}
		if body, err = st.Expand(body); err != nil {
			return nil, err
		}
	}
	target, err := t.resolve(path)
	if err != nil {
		return nil, err
	}
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, target, rd)
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", r.Method, target, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range r.header {
		req.Header[k] = append([]string(nil), vs...)
	}
	actor := r.auth.actor
	if actor == "" {
		actor = t.DefaultActor
	}
	token := r.auth.token
	if !r.auth.explicit {
		var ok bool
		if token, ok = t.Tokens[actor]; !ok {
			return nil, fmt.Errorf("no %s token for %q (give them one first, e.g. `\"%s\" has a Webex access token`)", t.Name, actor, actor)
		}
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}

	resp, err := st.Env.HTTP.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", r.Method, target, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the body: %w", r.Method, target, err)
	}
	return &Response{
		Method: r.Method, URL: target, Status: resp.StatusCode, Header: resp.Header, Body: data,
		target: t.Name, auth: auth{actor: actor, token: token, explicit: r.auth.explicit},
	}, nil
}

// resolve turns a step's path into an absolute URL. Absolute URLs are accepted only on the
// target's own scheme and host: steps never send traffic anywhere else.
func (t *Target) resolve(path string) (string, error) {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		u, err := url.Parse(path)
		if err != nil {
			return "", fmt.Errorf("bad URL %q: %w", path, err)
		}
		base, err := url.Parse(t.BaseURL)
		if err != nil {
			return "", fmt.Errorf("bad %s base URL %q: %w", t.Name, t.BaseURL, err)
		}
		if u.Scheme != base.Scheme || u.Host != base.Host {
			return "", fmt.Errorf("refusing to send to %s: not on the %s target's host %s", path, t.Name, base.Host)
		}
		return path, nil
	}
	if strings.HasPrefix(path, "/_mock/") {
		if t.MockControl == "" {
			return "", fmt.Errorf("the %s target serves no control plane: tag the scenario %s", t.Name, mockOnlyTag)
		}
		return strings.TrimSuffix(t.MockControl, "/_mock") + path, nil
	}
	if !strings.HasPrefix(path, "/") {
		return "", fmt.Errorf("path %q must start with / (it is appended to %s)", path, t.BaseURL)
	}
	return t.BaseURL + path, nil
}

// checkUnassertedError fails a scenario that sends on after an error response nobody looked at
// (the habit git-town's suite has: an unexpected failure must not go unnoticed because a later
// step happened to pass).
func (st *ScenarioState) checkUnassertedError() error {
	if l := st.Last; l != nil && l.Status >= 400 && !l.checked {
		return fmt.Errorf("the previous response was an error nobody asserted: %s %s → %d %s",
			l.Method, l.URL, l.Status, snippet(l.Body))
	}
	return nil
}

// nextLinkPattern is the one Link format Webex sends (design §5 wire details).
var nextLinkPattern = regexp.MustCompile(`^<([^>]+)>; rel="next"$`)

// nextLink returns the absolute URL of the response's rel="next" link, "" when there is none.
func (r *Response) nextLink() string {
	for _, v := range r.Header.Values("Link") {
		for _, part := range strings.Split(v, ",") {
			if m := nextLinkPattern.FindStringSubmatch(strings.TrimSpace(part)); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// snippet shortens a body for an error message.
func snippet(b []byte) string {
	const limit = 600
	b = bytes.TrimSpace(b)
	if len(b) > limit {
		return string(b[:limit]) + "…"
	}
	return string(b)
}
