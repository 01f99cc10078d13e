package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
)

// schemaSearchRequest identifies a query by POST (RFC 7644 §3.4.3).
const schemaSearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"

// registerSCIMSearchSteps registers the steps of POST /.search (RFC 7644 §3.4.3):
//
//	I remember a filter of 10 KB matching the userNames "{alice}, {bob}" as "long"
//	I send a SearchRequest to SCIM "/Users/.search" with the filter `{long}`
//	I send a SearchRequest to SCIM "/.search" with the filter `displayName sw "{prefix}"` and:
//	                                        (doc string: JSON attributes added to the body)
//
// The filter of the first is the userNames' equalities or-ed with equalities of addresses under
// the scenario's prefix that nobody has, up to the size asked: it matches exactly those users.
// The SearchRequest steps send {"schemas": [SearchRequest], "filter": …}; the filter is
// JSON-encoded for the body, so it may hold quotes.
func registerSCIMSearchSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I remember a filter of (\d+) KB matching the userNames "([^"]*)" as "`+namePattern+`"$`, rememberLongFilter)
	sc.Step("^I send a SearchRequest to SCIM \"([^\"]*)\" with the filter `([^`]*)`$", func(ctx context.Context, path, filter string) error {
		return sendSearchRequest(ctx, path, filter, "")
	})
	sc.Step("^I send a SearchRequest to SCIM \"([^\"]*)\" with the filter `([^`]*)` and:$", func(ctx context.Context, path, filter string, doc *godog.DocString) error {
		return sendSearchRequest(ctx, path, filter, doc.Content)
	})
}

func rememberLongFilter(ctx context.Context, kb int, userNames, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if userNames, err = st.Expand(userNames); err != nil {
		return err
	}
	var terms []string
	for _, u := range strings.Split(userNames, ",") {
		if u = strings.TrimSpace(u); u != "" {
			terms = append(terms, "userName eq "+strconv.Quote(u))
		}
	}
	for i := 0; len(strings.Join(terms, " or ")) < kb<<10; i++ {
		terms = append(terms, "userName eq "+strconv.Quote(fmt.Sprintf("%snobody%d@example.com", st.Prefix, i)))
	}
	st.Remember(name, strings.Join(terms, " or "))
	return nil
}

func sendSearchRequest(ctx context.Context, path, filter, doc string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if path, err = st.Expand(path); err != nil {
		return err
	}
	if filter, err = st.Expand(filter); err != nil {
		return err
	}
	body := map[string]any{"schemas": []string{schemaSearchRequest}, "filter": filter}
	if err := st.overlayJSON(body, doc); err != nil {
		return err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	_, err = st.Send(ctx, Request{Target: scimTargetName, Method: "POST", Path: path, Body: string(raw), verbatim: true})
	return err
}
