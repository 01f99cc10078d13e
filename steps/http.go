package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// jsonLiteral matches the expected value of a JSON step: a number, a string, true, false,
// null, an array or an object, written as JSON ({name} references allowed inside).
const jsonLiteral = `(-?\d[\d.eE+-]*|"(?:[^"\\]|\\.)*"|true|false|null|\[.*\]|\{.*\})`

// registerHTTPSteps registers the generic HTTP and JSON steps, usable with any target
// (see InitializeScenario for the catalogue).
func registerHTTPSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)"$`, func(ctx context.Context, method, target, path string) error {
		return send(ctx, Request{Target: target, Method: method, Path: path})
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" with body:$`, func(ctx context.Context, method, target, path string, body *godog.DocString) error {
		return send(ctx, Request{Target: target, Method: method, Path: path, Body: body.Content})
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" as "([^"]*)"$`, func(ctx context.Context, method, target, path, actor string) error {
		return send(ctx, Request{Target: target, Method: method, Path: path}.AsActor(actor))
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" as "([^"]*)" with body:$`, func(ctx context.Context, method, target, path, actor string, body *godog.DocString) error {
		return send(ctx, Request{Target: target, Method: method, Path: path, Body: body.Content}.AsActor(actor))
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" without a token$`, func(ctx context.Context, method, target, path string) error {
		return send(ctx, Request{Target: target, Method: method, Path: path}.WithToken(""))
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" with the token "([^"]*)"$`, func(ctx context.Context, method, target, path, token string) error {
		st, err := State(ctx)
		if err != nil {
			return err
		}
		if token, err = st.Expand(token); err != nil {
			return err
		}
		return send(ctx, Request{Target: target, Method: method, Path: path}.WithToken(token))
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" with the token "([^"]*)" and body:$`, func(ctx context.Context, method, target, path, token string, body *godog.DocString) error {
		st, err := State(ctx)
		if err != nil {
			return err
		}
		if token, err = st.Expand(token); err != nil {
			return err
		}
		return send(ctx, Request{Target: target, Method: method, Path: path, Body: body.Content}.WithToken(token))
	})
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" with the form:$`, sendForm)
	sc.Step(`^I send "([A-Z]+)" to (\w+) "([^"]*)" until the response status is (\d+)$`, sendUntil)
	sc.Step(`^I set the request header "([^"]*)" to "([^"]*)"$`, setRequestHeader)
	sc.Step(`^I follow the next link$`, func(ctx context.Context) error { return followNext(ctx, "") })
	sc.Step(`^I follow the next link with "([^"]*)" added to its query$`, followNext)

	sc.Step(`^the response status is (\d+)$`, responseStatusIs)
	sc.Step(`^the response header "([^"]*)" is "([^"]*)"$`, responseHeaderIs)
	sc.Step("^the response header \"([^\"]*)\" matches `([^`]*)`$", responseHeaderMatches)
	sc.Step(`^the response header "([^"]*)" is absent$`, responseHeaderAbsent)
	sc.Step(`^the response body is empty$`, responseBodyEmpty)
	sc.Step(`^the response JSON at "([^"]*)" is `+jsonLiteral+`$`, responseJSONIs)
	sc.Step(`^the response JSON at "([^"]*)" is absent$`, responseJSONAbsent)
	sc.Step(`^the response JSON at "([^"]*)" is an? (string|number|boolean|array|object)$`, responseJSONType)
	sc.Step(`^the response JSON at "([^"]*)" exists$`, responseJSONExists)
	sc.Step("^the response JSON at \"([^\"]*)\" matches `([^`]*)`$", responseJSONMatches)
	sc.Step(`^the response JSON at "([^"]*)" contains `+jsonLiteral+`$`, func(ctx context.Context, path, want string) error {
		return responseJSONContains(ctx, path, want, true)
	})
	sc.Step(`^the response JSON at "([^"]*)" does not contain `+jsonLiteral+`$`, func(ctx context.Context, path, want string) error {
		return responseJSONContains(ctx, path, want, false)
	})
	sc.Step(`^the response JSON at "([^"]*)" is at least (\d+)$`, func(ctx context.Context, path string, n int) error {
		return responseJSONCompare(ctx, path, n, true)
	})
	sc.Step(`^the response JSON at "([^"]*)" is at most (\d+)$`, func(ctx context.Context, path string, n int) error {
		return responseJSONCompare(ctx, path, n, false)
	})
	sc.Step(`^the response has a next link$`, responseHasNextLink)
	sc.Step(`^the response has no next link$`, responseHasNoNextLink)
	sc.Step(`^the next link carries "([^"]*)"$`, nextLinkCarries)

	sc.Step(`^I remember the response JSON at "([^"]*)" as "([^"]*)"$`, rememberJSON)
	sc.Step(`^I remember the response header "([^"]*)" as "([^"]*)"$`, rememberHeader)
	sc.Step(`^I remember the query parameter "([^"]*)" of the next link as "([^"]*)"$`, rememberNextLinkParam)
	sc.Step(`^I remember the query parameter "([^"]*)" of the response header "([^"]*)" as "([^"]*)"$`, rememberHeaderURLParam)
}

// send is the common body of the "I send" steps.
func send(ctx context.Context, r Request) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	_, err = st.Send(ctx, r)
	return err
}

// sendForm sends an application/x-www-form-urlencoded body built from a two-column table
// (name | value, values expanded) and no Authorization header: OAuth token endpoints
// authenticate the client by the form (RFC 6749 §2.3.1).
func sendForm(ctx context.Context, method, target, path string, table *godog.Table) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	form := url.Values{}
	for _, row := range table.Rows {
		if len(row.Cells) != 2 {
			return fmt.Errorf("a form row has two cells, name and value; got %d", len(row.Cells))
		}
		v, err := st.Expand(row.Cells[1].Value)
		if err != nil {
			return err
		}
		form.Add(row.Cells[0].Value, v)
	}
	if path, err = st.Expand(path); err != nil {
		return err
	}
	saved := st.RequestHeaders
	st.RequestHeaders = saved.Clone()
	st.RequestHeaders.Set("Content-Type", "application/x-www-form-urlencoded")
	defer func() { st.RequestHeaders = saved }()
	_, err = st.Send(ctx, Request{Target: target, Method: method, Path: path, Body: form.Encode(), verbatim: true}.WithToken(""))
	return err
}

// maxUntilAttempts bounds `… until the response status is N`: the step shows that a limit is
// reached (WX17), so a target that never gets there fails instead of spinning.
const maxUntilAttempts = 50

// sendUntil repeats a request until it gets want, at most maxUntilAttempts times.
func sendUntil(ctx context.Context, method, target, path string, want int) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	var seen []int
	for range maxUntilAttempts {
		if st.Last != nil {
			st.Last.checked = true // earlier attempts are part of this step
		}
		resp, err := st.Send(ctx, Request{Target: target, Method: method, Path: path})
		if err != nil {
			return err
		}
		if resp.Status == want {
			resp.checked = true
			return nil
		}
		seen = append(seen, resp.Status)
	}
	return fmt.Errorf("%s %s never answered %d in %d attempts (statuses %v)", method, path, want, maxUntilAttempts, seen)
}

func setRequestHeader(ctx context.Context, name, value string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if value, err = st.Expand(value); err != nil {
		return err
	}
	st.RequestHeaders.Set(name, value)
	return nil
}

// followNext sends a GET to the last response's next link, verbatim, as the same caller.
// extra, when given, is appended to the link's query: clients that re-add their original
// parameters to the next URL must be served (SPEC §5 wire details).
func followNext(ctx context.Context, extra string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	next := last.nextLink()
	if next == "" {
		return fmt.Errorf("the last response (%s %s) has no next link; Link: %q", last.Method, last.URL, last.Header.Values("Link"))
	}
	if extra, err = st.Expand(extra); err != nil {
		return err
	}
	if extra != "" {
		sep := "&"
		if !strings.Contains(next, "?") {
			sep = "?"
		}
		next += sep + extra
	}
	r := Request{Target: last.target, Method: "GET", Path: next, verbatim: true, auth: last.auth}
	if !r.auth.explicit {
		r.auth = auth{actor: last.auth.actor}
	}
	_, err = st.Send(ctx, r)
	return err
}

// stateAndLast returns the scenario state and its last response.
func stateAndLast(ctx context.Context) (*ScenarioState, *Response, error) {
	st, err := State(ctx)
	if err != nil {
		return nil, nil, err
	}
	last, err := st.lastResponse()
	return st, last, err
}

func responseStatusIs(ctx context.Context, want int) error {
	_, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	last.checked = true
	if last.Status != want {
		return fmt.Errorf("%s %s: status %d, want %d; body: %s", last.Method, last.URL, last.Status, want, snippet(last.Body))
	}
	return nil
}

func responseHeaderIs(ctx context.Context, name, want string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	if want, err = st.Expand(want); err != nil {
		return err
	}
	if got := last.Header.Values(name); len(got) != 1 || got[0] != want {
		return fmt.Errorf("header %s is %q, want exactly %q", name, got, want)
	}
	return nil
}

func responseHeaderMatches(ctx context.Context, name, pattern string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	re, err := compileExpanded(st, pattern)
	if err != nil {
		return err
	}
	got := last.Header.Values(name)
	if len(got) != 1 || !re.MatchString(got[0]) {
		return fmt.Errorf("header %s is %q, want one value matching %s", name, got, re)
	}
	return nil
}

func responseHeaderAbsent(ctx context.Context, name string) error {
	_, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	if got := last.Header.Values(name); len(got) > 0 {
		return fmt.Errorf("header %s is %q, want it absent", name, got)
	}
	return nil
}

func responseBodyEmpty(ctx context.Context) error {
	_, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	if len(last.Body) != 0 {
		return fmt.Errorf("body is %s, want it empty", snippet(last.Body))
	}
	return nil
}

// jsonAt returns the value at a gjson path (itself expanded) of the last response's body.
func jsonAt(ctx context.Context, path string) (*ScenarioState, gjson.Result, string, error) {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return nil, gjson.Result{}, "", err
	}
	if path, err = st.Expand(path); err != nil {
		return nil, gjson.Result{}, "", err
	}
	if !gjson.ValidBytes(last.Body) {
		return nil, gjson.Result{}, "", fmt.Errorf("%s %s → %d: body is not JSON: %s", last.Method, last.URL, last.Status, snippet(last.Body))
	}
	return st, gjson.GetBytes(last.Body, path), path, nil
}

// decodeExpected expands and parses a JSON literal from a step.
func decodeExpected(st *ScenarioState, literal string) (any, error) {
	literal, err := st.Expand(literal)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal([]byte(literal), &v); err != nil {
		return nil, fmt.Errorf("expected value %s is not JSON: %w", literal, err)
	}
	return v, nil
}

// decodeResult parses a gjson result into the same shapes as decodeExpected.
func decodeResult(r gjson.Result) (any, error) {
	var v any
	if err := json.Unmarshal([]byte(r.Raw), &v); err != nil {
		return nil, fmt.Errorf("value %s is not JSON: %w", r.Raw, err)
	}
	return v, nil
}

func responseJSONIs(ctx context.Context, path, literal string) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	want, err := decodeExpected(st, literal)
	if err != nil {
		return err
	}
	if !got.Exists() {
		return fmt.Errorf("JSON at %q is absent, want %s; body: %s", p, literal, snippet(st.Last.Body))
	}
	v, err := decodeResult(got)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(v, want) {
		return fmt.Errorf("JSON at %q is %s, want %s", p, got.Raw, mustJSON(want))
	}
	return nil
}

func responseJSONAbsent(ctx context.Context, path string) error {
	_, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	if got.Exists() {
		return fmt.Errorf("JSON at %q is %s, want it absent", p, got.Raw)
	}
	return nil
}

func responseJSONType(ctx context.Context, path, kind string) error {
	_, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	ok := false
	switch kind {
	case "string":
		ok = got.Type == gjson.String
	case "number":
		ok = got.Type == gjson.Number
	case "boolean":
		ok = got.Type == gjson.True || got.Type == gjson.False
	case "array":
		ok = got.IsArray()
	case "object":
		ok = got.IsObject()
	}
	if !ok {
		return fmt.Errorf("JSON at %q is %s, want a JSON %s", p, rawOrAbsent(got), kind)
	}
	return nil
}

func responseJSONExists(ctx context.Context, path string) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	if !got.Exists() {
		return fmt.Errorf("JSON at %q is absent; body: %s", p, snippet(st.Last.Body))
	}
	return nil
}

func responseJSONMatches(ctx context.Context, path, pattern string) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	re, err := compileExpanded(st, pattern)
	if err != nil {
		return err
	}
	if got.Type != gjson.String || !re.MatchString(got.Str) {
		return fmt.Errorf("JSON at %q is %s, want a string matching %s", p, rawOrAbsent(got), re)
	}
	return nil
}

func responseJSONContains(ctx context.Context, path, literal string, want bool) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	elem, err := decodeExpected(st, literal)
	if err != nil {
		return err
	}
	if !got.IsArray() {
		return fmt.Errorf("JSON at %q is %s, want an array", p, rawOrAbsent(got))
	}
	found := false
	for _, item := range got.Array() {
		v, err := decodeResult(item)
		if err != nil {
			return err
		}
		if reflect.DeepEqual(v, elem) {
			found = true
			break
		}
	}
	switch {
	case want && !found:
		return fmt.Errorf("JSON at %q is %s, which does not contain %s", p, got.Raw, mustJSON(elem))
	case !want && found:
		return fmt.Errorf("JSON at %q is %s, which contains %s", p, got.Raw, mustJSON(elem))
	}
	return nil
}

func responseJSONCompare(ctx context.Context, path string, n int, atLeast bool) error {
	_, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	if got.Type != gjson.Number {
		return fmt.Errorf("JSON at %q is %s, want a number", p, rawOrAbsent(got))
	}
	if v := got.Float(); (atLeast && v < float64(n)) || (!atLeast && v > float64(n)) {
		word := "at most"
		if atLeast {
			word = "at least"
		}
		return fmt.Errorf("JSON at %q is %s, want %s %d", p, got.Raw, word, n)
	}
	return nil
}

// responseHasNextLink checks the Link header is exactly `<absolute-url>; rel="next"` on the
// request's own host (SPEC §5 wire details).
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
