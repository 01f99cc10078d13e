package webex

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseLinks: any Link header value parses without panicking, and a next link, when found, is
// the target of a link-value whose rel lists "next".
func FuzzParseLinks(f *testing.F) {
	for _, s := range []string{
		`<https://webexapis.com/v1/people?cursor=abc>; rel="next"`,
		`<https://a/b>;rel=next, <https://a/c>; rel="prev"`,
		`<https://a/b>; title="x, y; \"z\""; rel="prev next"`,
		`garbage, <x>; rel`,
		`<`, `;`, `"`, `<a>;rel="`, `<a>; =x`,
	} {
		f.Add(s)
	}
	req, _ := url.Parse("https://webexapis.com/v1/people")
	f.Fuzz(func(t *testing.T, s string) {
		links := parseLinks(s)
		var canonical []string
		for _, l := range links {
			if !strings.Contains(s, l.target) {
				t.Fatalf("target %q not taken from the input %q", l.target, s)
			}
			if strings.ContainsAny(l.target, "<>") || strings.ContainsAny(l.params["rel"], "\\\"") {
				return
			}
			canonical = append(canonical, "<"+l.target+`>; rel="`+l.params["rel"]+`"`)
		}
		// Writing the links back in canonical form and parsing again gives the same links.
		again := parseLinks(strings.Join(canonical, ", "))
		if len(again) != len(links) {
			t.Fatalf("%q: %d links, canonical form %q has %d", s, len(links), canonical, len(again))
		}
		for i := range again {
			if again[i].target != links[i].target || again[i].params["rel"] != links[i].params["rel"] {
				t.Fatalf("%q: link %d changed in canonical form: %+v vs %+v", s, i, links[i], again[i])
			}
		}
		next := nextLink([]string{s}, req)
		found := false
		for _, l := range links {
			if l.hasRel("next") {
				if _, err := url.Parse(l.target); err == nil {
					found = true
					break
				}
			}
		}
		if (next != nil) != found {
			t.Fatalf("nextLink %v but a parseable rel=next link present: %v, in %q", next, found, s)
		}
	})
}

// FuzzParseErrorBody: any error body gives an Error with the status, and a short, valid UTF-8
// message.
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"message":"Invalid","errors":[{"description":"Invalid"}],"trackingId":"ROUTER_1"}`,
		`<html>Bad Gateway</html>`, ``, `{"errors":null}`, `{"message":5}`, "\xff\xfe", `[]`,
	} {
		f.Add(429, s, "3")
		f.Add(503, s, "Wed, 21 Oct 2015 07:28:00 GMT")
	}
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, status int, body, retryAfter string) {
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		e := parseErrorBody(status, h, []byte(body), now)
		if e.Status != status {
			t.Fatalf("status %d became %d", status, e.Status)
		}
		if e.RetryAfter < 0 || e.RetryAfter > 24*time.Hour {
			t.Fatalf("Retry-After %q gave %s", retryAfter, e.RetryAfter)
		}
		if status != 429 && status != 503 && e.RetryAfter != 0 {
			t.Fatalf("Retry-After read on a %d", status)
		}
		if !utf8.ValidString(e.Message) {
			t.Fatalf("message is not valid UTF-8: %q", e.Message)
		}
		if len(e.Message) > len(body)+len("…") && len(e.Message) > 4*maxErrorExcerpt+len("…") {
			t.Fatalf("message longer than the body or the excerpt bound: %q", e.Message)
		}
		_ = e.Error()
	})
}
