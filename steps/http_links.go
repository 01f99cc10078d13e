package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// http_links.go: next links (design §5 paging), the "I remember …" steps, and helpers.

// responseHasNextLink checks the Link header is exactly `<absolute-url>; rel="next"` on the
// request's own host (design §5 wire details).
func responseHasNextLink(ctx context.Context) error {
	_, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	links := last.Header.Values("Link")
	if len(links) != 1 || !nextLinkPattern.MatchString(links[0]) {
		return fmt.Errorf(`Link is %q, want exactly one <absolute-url>; rel="next"`, links)
	}
	next, err := url.Parse(last.nextLink())
	if err != nil {
		return fmt.Errorf("next link: %w", err)
	}
	req, err := url.Parse(last.URL)
	if err != nil {
		return fmt.Errorf("request URL: %w", err)
	}
	if !next.IsAbs() || next.Scheme != req.Scheme || next.Host != req.Host {
		return fmt.Errorf("next link %s is not an absolute URL on the request's host %s", next, req.Host)
	}
	return nil
}

func responseHasNoNextLink(ctx context.Context) error {
	_, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	if next := last.nextLink(); next != "" {
		return fmt.Errorf("the response has a next link %s, want none", next)
	}
	return nil
}

// nextLinkCarries checks the next link's query holds name=value (both expanded).
func nextLinkCarries(ctx context.Context, pair string) error {
	st, q, err := nextLinkQuery(ctx)
	if err != nil {
		return err
	}
	if pair, err = st.Expand(pair); err != nil {
		return err
	}
	name, value, hasValue := strings.Cut(pair, "=")
	got, ok := q[name]
	switch {
	case !ok:
		return fmt.Errorf("the next link's query %v has no %q", q, name)
	case hasValue && !slices.Contains(got, value):
		return fmt.Errorf("the next link's query has %s=%q, want %q", name, got, value)
	}
	return nil
}

func nextLinkQuery(ctx context.Context) (*ScenarioState, url.Values, error) {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return nil, nil, err
	}
	next := last.nextLink()
	if next == "" {
		return nil, nil, fmt.Errorf("the last response has no next link; Link: %q", last.Header.Values("Link"))
	}
	u, err := url.Parse(next)
	if err != nil {
		return nil, nil, fmt.Errorf("next link %q: %w", next, err)
	}
	return st, u.Query(), nil
}

func rememberJSON(ctx context.Context, path, name string) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	if !got.Exists() {
		return fmt.Errorf("cannot remember %q: JSON at %q is absent; body: %s", name, p, snippet(st.Last.Body))
	}
	v := got.Raw
	if got.Type == gjson.String {
		v = got.Str
	}
	st.Remember(name, v)
	return nil
}

func rememberHeader(ctx context.Context, header, name string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	v := last.Header.Get(header)
	if v == "" {
		return fmt.Errorf("cannot remember %q: header %s is absent", name, header)
	}
	st.Remember(name, v)
	return nil
}

func rememberNextLinkParam(ctx context.Context, param, name string) error {
	st, q, err := nextLinkQuery(ctx)
	if err != nil {
		return err
	}
	if !q.Has(param) {
		return fmt.Errorf("cannot remember %q: the next link's query %v has no %q", name, q, param)
	}
	st.Remember(name, q.Get(param))
	return nil
}

// rememberHeaderURLParam remembers a query parameter of a URL in a header (an OAuth
// redirect's Location carries the code).
func rememberHeaderURLParam(ctx context.Context, param, header, name string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	u, err := url.Parse(last.Header.Get(header))
	if err != nil || last.Header.Get(header) == "" {
		return fmt.Errorf("cannot remember %q: header %s is %q, not a URL", name, header, last.Header.Get(header))
	}
	if !u.Query().Has(param) {
		return fmt.Errorf("cannot remember %q: %s has no %q parameter", name, u, param)
	}
	st.Remember(name, u.Query().Get(param))
	return nil
}

// compileExpanded expands references in a step's regular expression, quoting their values.
func compileExpanded(st *ScenarioState, pattern string) (*regexp.Regexp, error) {
	quoted := make(map[string]string, len(st.Vars))
	for k, v := range st.Vars {
		quoted[k] = regexp.QuoteMeta(v)
	}
	q := &ScenarioState{Vars: quoted}
	p, err := q.Expand(pattern)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("bad pattern %s: %w", p, err)
	}
	return re, nil
}

func rawOrAbsent(r gjson.Result) string {
	if !r.Exists() {
		return "absent"
	}
	return r.Raw
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
