package steps

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/cucumber/godog"
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
// parameters to the next URL must be served (design §5 wire details).
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
