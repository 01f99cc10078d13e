package steps

import (
	"context"
	"fmt"
	"mime"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// schemaSCIMError is the schema of every SCIM error body (RFC 7644 §3.12).
const schemaSCIMError = "urn:ietf:params:scim:api:messages:2.0:Error"

// registerSCIMSteps registers the connector's steps. The generic request and assertion steps
// of InitializeScenario work with the target "SCIM" (paths are relative to the SCIM base URL,
// e.g. `I send "GET" to SCIM "/Users/{alice.id}"`; a filter goes in `… with the filter`, below);
// these add the SCIM domain. A scenario gets the SCIM target when one of its steps names SCIM
// or replays a fixture: in-process, a fresh connector in front of a fresh fake Webex, which the
// scenario's Webex steps then talk to; externally, SCIM_BASE_URL (see scim_env.go). Whatever a
// scenario creates through SCIM is deleted after it through SCIM (or in Webex, if the connector
// fails).
// "The connector's account" is the Webex admin the scenarios act as ({admin.id}): in-process
// the connector consented as that admin; externally WEBEX_ACCESS_TOKEN must be that account's.
//
// # Phrases
//
// Data (everything created is deleted after the scenario, passed or failed):
//
//	a SCIM user "alice" exists                  ({alice} = {alice.userName} = {prefix}alice@example.com, {alice.id})
//	a SCIM user "alice" exists with:            (doc string: JSON attributes replacing the defaults)
//	23 SCIM users exist                         ({prefix}user01@example.com … for the paging walkers)
//	a SCIM group "red" exists                   ({red.id}, {red.name} = {prefix}red)
//	a SCIM group "red" exists with the members "alice, bob"   (people of this scenario, SCIM or Webex)
//
// SCIM errors (RFC 7644 §3.12; each also checks the body's schemas and its status string):
//
//	the response is a SCIM error
//	the SCIM error has no scimType
//	the SCIM error has scimType "invalidFilter"
//	the SCIM error has scimType "uniqueness" and its detail mentions "userName"
//	the SCIM error's detail mentions "trackingId"          (case-insensitive)
//
// Other SCIM requests, assertions and headers:
//
//	I send "GET" to SCIM "/Users?count=5" with the filter `userName sw "{prefix}"`   (filter percent-encoded)
//	the response JSON at "meta.created" is the instant "{created}"   (RFC 3339 times compared as instants)
//	the response JSON at "meta.version" is the remembered "v1"       (a string holding quotes, as ETags do)
//	the response JSON at "meta.version" is not the remembered "v1"
//	I stop sending the request header "If-Match"
//
// Webex, checked directly over HTTP (scim_webex_checks.go; these read, they do not change
// the last response). Those that read lists (by email, teams by name, members) read again,
// with backoff, while what they look for is not listed yet, within the scenario's list-lag
// wait (WEBEX_LIST_LAG_WAIT or `read-backs may wait up to "30s" for Webex's lists`; default 0:
// one read; WX19, list_lag.go); by-id checks and "holds no person with email" read once:
//
//	Webex holds a person with email "{alice}"
//	Webex holds a person with email "{alice}" whose firstName is "Joy"     (any gjson path, any JSON)
//	Webex holds a person with email "{alice}" whose roles contains "{roleId}"
//	Webex holds a person with email "{alice}" with:        (table: path | JSON value or absent)
//	Webex holds no person with email "{alice}"
//	Webex holds the person "{alice.id}" whose loginEnabled is false        (also: contains, does not contain, with:)
//	Webex holds no person "{alice.id}"
//	Webex holds the team "{red.id}" whose name is "{prefix}blue"
//	Webex holds no team "{red.id}"
//	Webex holds 2 teams named "{prefix}twins"             (among the teams the admin sees)
//	the Webex team "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account
//	the Webex team "{red.id}" has no members besides the connector's account
//	the connector's account is a moderator of the Webex team "{red.id}"
//	the Webex team "{red.id}" has "{alice.id}" as a moderator        (or: as a plain member)
//
// Identity-provider replays (scim_replay.go; fixtures/scim/README.md):
//
//	I replay "entra/05-update-user-multi-valued.json"
//	I replay "okta/02-create-user.json" as the second user
//
// A replayed user create binds {userId} and {userName} ({userId2}, {userName2} as the second
// user, whose {prefix} is the scenario's prefix plus "2-"); a group create binds {groupId} and
// {groupName}. SCIM_REPLAY_EMAIL_DOMAIN, when set, rewrites every email domain a replay sends.
//
// Paging walkers (scim_paging.go):
//
//	I page through all SCIM users with count 7 using startIndex, filtered by my prefix
//	I page through all SCIM users with count 7 using cursor, filtered by my prefix
//	every user I created is listed exactly once
//	the walk took 4 pages
func registerSCIMSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a SCIM user "`+namePattern+`" exists$`, func(ctx context.Context, name string) error {
		return createSCIMUser(ctx, name, "")
	})
	sc.Step(`^a SCIM user "`+namePattern+`" exists with:$`, func(ctx context.Context, name string, attrs *godog.DocString) error {
		return createSCIMUser(ctx, name, attrs.Content)
	})
	sc.Step(`^(\d+) SCIM users exist$`, createSCIMUsers)
	sc.Step(`^a SCIM group "`+namePattern+`" exists$`, func(ctx context.Context, name string) error {
		return createSCIMGroup(ctx, name, "")
	})
	sc.Step(`^a SCIM group "`+namePattern+`" exists with the members "([^"]*)"$`, createSCIMGroup)
	sc.Step(`^a SCIM group "`+namePattern+`" exists with (\d+) new users as members$`, createBigSCIMGroup)

	sc.Step(`^the response is a SCIM error$`, func(ctx context.Context) error { return scimError(ctx, nil, "") })
	sc.Step(`^the SCIM error has no scimType$`, func(ctx context.Context) error {
		none := ""
		return scimError(ctx, &none, "")
	})
	sc.Step(`^the SCIM error has scimType "([^"]+)"$`, func(ctx context.Context, t string) error { return scimError(ctx, &t, "") })
	sc.Step(`^the SCIM error has scimType "([^"]+)" and its detail mentions "([^"]+)"$`, func(ctx context.Context, t, d string) error {
		return scimError(ctx, &t, d)
	})
	sc.Step(`^the SCIM error's detail mentions "([^"]+)"$`, func(ctx context.Context, d string) error { return scimError(ctx, nil, d) })

	sc.Step("^I send \"([A-Z]+)\" to SCIM \"([^\"]*)\" with the filter `([^`]*)`$", sendWithFilter)
	sc.Step(`^the response JSON at "([^"]*)" is the instant "([^"]*)"$`, responseJSONInstant)
	sc.Step(`^the response JSON at "([^"]*)" is the remembered "([^"]*)"$`, func(ctx context.Context, path, name string) error {
		return responseJSONRemembered(ctx, path, name, true)
	})
	sc.Step(`^the response JSON at "([^"]*)" is not the remembered "([^"]*)"$`, func(ctx context.Context, path, name string) error {
		return responseJSONRemembered(ctx, path, name, false)
	})
	sc.Step(`^I stop sending the request header "([^"]*)"$`, func(ctx context.Context, name string) error {
		st, err := State(ctx)
		if err != nil {
			return err
		}
		st.RequestHeaders.Del(name)
		return nil
	})

	registerWebexCheckSteps(sc)
	registerGroupKindSteps(sc)
	registerReplaySteps(sc)
	registerPagingSteps(sc)
}

// sendWithFilter adds filter=<the filter, expanded and percent-encoded> to a path's query: a
// filter holds quotes and spaces, which a step's path cannot carry as they are.
func sendWithFilter(ctx context.Context, method, path, filter string) error {
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
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	path += sep + "filter=" + strings.ReplaceAll(url.QueryEscape(filter), "+", "%20")
	_, err = st.Send(ctx, Request{Target: scimTargetName, Method: method, Path: path, verbatim: true})
	return err
}

// userDefaults is what `a SCIM user "alice" exists` sends: the scenario's prefix in userName
// and displayName, so that the user is recognisably the scenario's own.
func userDefaults(st *ScenarioState, name string) map[string]any {
	given := strings.ToUpper(name[:1]) + name[1:]
	return map[string]any{
		"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
		"userName":    st.Prefix + name + "@example.com",
		"name":        map[string]string{"givenName": given, "familyName": "Example"},
		"displayName": st.Prefix + given,
		"active":      true,
	}
}

// createSCIMUser creates a user through the connector and remembers {name}, {name.userName},
// {name.email}, {name.id} and {name.displayName}. Set-up that fails is the scenario's failure,
// with the connector's own words.
func createSCIMUser(ctx context.Context, name, attrs string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body := userDefaults(st, name)
	if err := st.overlayJSON(body, attrs); err != nil {
		return fmt.Errorf("the attributes of %q: %w", name, err)
	}
	resp, err := sendSCIMSetup(ctx, st, "/Users", body)
	if err != nil {
		return fmt.Errorf("creating SCIM user %q: %w", name, err)
	}
	userName := gjson.GetBytes(resp.Body, "userName").String()
	st.Remember(name, userName)
	st.Remember(name+".userName", userName)
	st.Remember(name+".email", userName)
	st.Remember(name+".id", gjson.GetBytes(resp.Body, "id").String())
	st.Remember(name+".displayName", gjson.GetBytes(resp.Body, "displayName").String())
	return nil
}

// maxSetupUsers bounds `N SCIM users exist`: a scenario that needs more is a benchmark.
const maxSetupUsers = 200

// createSCIMUsers creates n users named {prefix}user01@example.com and so on.
func createSCIMUsers(ctx context.Context, n int) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if n < 1 || n > maxSetupUsers {
		return fmt.Errorf("create between 1 and %d users, not %d", maxSetupUsers, n)
	}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("user%02d", i)
		body := userDefaults(st, name)
		if _, err := sendSCIMSetup(ctx, st, "/Users", body); err != nil {
			return fmt.Errorf("creating SCIM user %d of %d: %w", i, n, err)
		}
	}
	return nil
}

// createSCIMGroup creates a group named {prefix}name with the given members (names of people
// this scenario created, comma-separated) and remembers {name.id} and {name.name}.
func createSCIMGroup(ctx context.Context, name, members string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body := map[string]any{
		"schemas":     []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": st.Prefix + name,
	}
	if members != "" {
		var list []map[string]string
		for _, m := range strings.Split(members, ",") {
			m = strings.TrimSpace(m)
			id, ok := st.Vars[m+".id"]
			if !ok {
				return fmt.Errorf("no person %q in this scenario: create it first", m)
			}
			list = append(list, map[string]string{"value": id})
		}
		body["members"] = list
	}
	resp, err := sendSCIMSetup(ctx, st, "/Groups", body)
	if err != nil {
		return fmt.Errorf("creating SCIM group %q: %w", name, err)
	}
	st.Remember(name+".id", gjson.GetBytes(resp.Body, "id").String())
	st.Remember(name+".name", gjson.GetBytes(resp.Body, "displayName").String())
	return nil
}

// maxBigGroup bounds createBigSCIMGroup: past 500 members (Control Hub groups' inline and page
// limit) with room to spare.
const maxBigGroup = 1200

// bigGroupChunk is how many members one request of createBigSCIMGroup adds: each request stays
// short (with teams every new member costs the connector two Webex calls), so no set-up request
// comes near the harness's HTTP timeout on a loaded machine.
const bigGroupChunk = 100

// createBigSCIMGroup creates n users ({name}001…, each remembered as usual) and the group named
// {prefix}name with all of them as members — created with the first 100, the others added by
// PATCH 100 at a time — remembering {name.id}.
func createBigSCIMGroup(ctx context.Context, name string, n int) error {
	if n < 1 || n > maxBigGroup {
		return fmt.Errorf("a big group has between 1 and %d members, not %d", maxBigGroup, n)
	}
	names := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		user := fmt.Sprintf("%s%03d", name, i)
		if err := createSCIMUser(ctx, user, ""); err != nil {
			return err
		}
		names = append(names, user)
	}
	first := min(n, bigGroupChunk)
	if err := createSCIMGroup(ctx, name, strings.Join(names[:first], ",")); err != nil {
		return err
	}
	st, err := State(ctx)
	if err != nil {
		return err
	}
	for start := first; start < n; start += bigGroupChunk {
		var values []map[string]string
		for _, user := range names[start:min(n, start+bigGroupChunk)] {
			values = append(values, map[string]string{"value": st.Vars[user+".id"]})
		}
		body := mustJSON(map[string]any{
			"schemas":    []string{"urn:ietf:params:scim:api:messages:2.0:PatchOp"},
			"Operations": []any{map[string]any{"op": "add", "path": "members", "value": values}},
		})
		resp, err := st.Send(ctx, Request{Target: scimTargetName, Method: "PATCH", Path: "/Groups/" + st.Vars[name+".id"], Body: body, verbatim: true})
		if err != nil {
			return err
		}
		resp.checked = true
		if resp.Status != 200 {
			return fmt.Errorf("adding members %d… to SCIM group %q: PATCH %s → %d: %s", start+1, name, resp.URL, resp.Status, snippet(resp.Body))
		}
	}
	return nil
}

// sendSCIMSetup POSTs a Given step's resource and demands 201 with an id.
func sendSCIMSetup(ctx context.Context, st *ScenarioState, path string, body any) (*Response, error) {
	resp, err := st.Send(ctx, Request{Target: scimTargetName, Method: "POST", Path: path, Body: mustJSON(body), verbatim: true})
	if err != nil {
		return nil, err
	}
	resp.checked = true
	if resp.Status != 201 || gjson.GetBytes(resp.Body, "id").String() == "" {
		return nil, fmt.Errorf("POST %s → %d, want 201 with an id: %s", resp.URL, resp.Status, snippet(resp.Body))
	}
	return resp, nil
}

// scimError checks the last response is an RFC 7644 §3.12 error: a 4xx or 5xx, a SCIM (or
// JSON) media type, schemas exactly the Error URN, status the HTTP status as a string, and,
// when asked, the scimType (nil: any; "": none) and a detail mentioning a text.
func scimError(ctx context.Context, wantType *string, mention string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	last.checked = true
	var problems []string
	if last.Status < 400 {
		problems = append(problems, fmt.Sprintf("status %d is not an error", last.Status))
	}
	if mt, _, err := mime.ParseMediaType(last.Header.Get("Content-Type")); err != nil || (mt != "application/scim+json" && mt != "application/json") {
		problems = append(problems, fmt.Sprintf("Content-Type %q is not application/scim+json", last.Header.Get("Content-Type")))
	}
	if !gjson.ValidBytes(last.Body) {
		return fmt.Errorf("%s %s → %d: the body is not JSON: %s", last.Method, last.URL, last.Status, snippet(last.Body))
	}
	body := gjson.ParseBytes(last.Body)
	if s := body.Get("schemas"); !s.IsArray() || len(s.Array()) != 1 || s.Array()[0].Str != schemaSCIMError {
		problems = append(problems, fmt.Sprintf("schemas is %s, want [%q]", rawOrAbsent(s), schemaSCIMError))
	}
	if s := body.Get("status"); s.Type != gjson.String || s.Str != strconv.Itoa(last.Status) {
		problems = append(problems, fmt.Sprintf("status is %s, want the string %q (RFC 7644 §3.12)", rawOrAbsent(s), strconv.Itoa(last.Status)))
	}
	if wantType != nil {
		got := body.Get("scimType")
		switch {
		case *wantType == "" && got.Exists():
			problems = append(problems, fmt.Sprintf("scimType is %s, want none", got.Raw))
		case *wantType != "" && got.Str != *wantType:
			problems = append(problems, fmt.Sprintf("scimType is %s, want %q", rawOrAbsent(got), *wantType))
		}
	}
	if mention != "" {
		if mention, err = st.Expand(mention); err != nil {
			return err
		}
		detail := body.Get("detail")
		if detail.Type != gjson.String || !strings.Contains(strings.ToLower(detail.Str), strings.ToLower(mention)) {
			problems = append(problems, fmt.Sprintf("detail %s does not mention %q", rawOrAbsent(detail), mention))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s %s → %d is not the SCIM error wanted: %s; body: %s",
			last.Method, last.URL, last.Status, strings.Join(problems, "; "), snippet(last.Body))
	}
	return nil
}

// responseJSONInstant compares an RFC 3339 time in the response with an expected one as
// instants: "2026-01-05T09:00:00.000Z" and "2026-01-05T10:00:00+01:00" are the same moment.
func responseJSONInstant(ctx context.Context, path, want string) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	if want, err = st.Expand(want); err != nil {
		return err
	}
	w, err := time.Parse(time.RFC3339Nano, want)
	if err != nil {
		return fmt.Errorf("expected time %q is not RFC 3339: %w", want, err)
	}
	if got.Type != gjson.String {
		return fmt.Errorf("JSON at %q is %s, want an RFC 3339 time", p, rawOrAbsent(got))
	}
	g, err := time.Parse(time.RFC3339Nano, got.Str)
	if err != nil {
		return fmt.Errorf("JSON at %q is %q, not an RFC 3339 time: %w", p, got.Str, err)
	}
	if !g.Equal(w) {
		return fmt.Errorf("JSON at %q is %s, want the instant %s", p, got.Str, want)
	}
	return nil
}

// responseJSONRemembered compares a string in the response with a remembered value as it is
// (an ETag such as W/"…" cannot be written as a JSON literal in a step).
func responseJSONRemembered(ctx context.Context, path, name string, want bool) error {
	st, got, p, err := jsonAt(ctx, path)
	if err != nil {
		return err
	}
	v, ok := st.Vars[name]
	if !ok {
		return fmt.Errorf("nothing remembered as %q", name)
	}
	switch {
	case got.Type != gjson.String:
		return fmt.Errorf("JSON at %q is %s, want a string", p, rawOrAbsent(got))
	case want && got.Str != v:
		return fmt.Errorf("JSON at %q is %s, want %q (remembered as %q)", p, got.Raw, v, name)
	case !want && got.Str == v:
		return fmt.Errorf("JSON at %q is still %s (remembered as %q)", p, got.Raw, name)
	}
	return nil
}
