package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/tidwall/gjson"
)

// http_assertions.go: the "the response …" steps on status, headers and JSON bodies.

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
