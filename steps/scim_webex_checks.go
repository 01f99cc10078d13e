package steps

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// scim_webex_checks.go: the end-to-end half of the connector features — after a SCIM call,
// what Webex itself holds, read straight from Webex over HTTP as the admin. These steps do not
// replace the last response: the SCIM answer stays what "the response …" steps look at.

// registerWebexCheckSteps registers the "Webex holds …" steps (catalogue: registerSCIMSteps).
func registerWebexCheckSteps(sc *godog.ScenarioContext) {
	const field = `(\S+)`
	// A field's expected value: JSON, or the word absent.
	value := `(absent|` + jsonLiteral[1:]
	sc.Step(`^Webex holds a person with email "([^"]*)"$`, func(ctx context.Context, email string) error {
		return heldPersonByEmail(ctx, email, nil)
	})
	sc.Step(`^Webex holds a person with email "([^"]*)" whose `+field+` is `+value+`$`, func(ctx context.Context, email, path, want string) error {
		return heldPersonByEmail(ctx, email, func(ctx context.Context, p gjson.Result, what string) error {
			return fieldIs(ctx, what, p, path, want)
		})
	})
	sc.Step(`^Webex holds a person with email "([^"]*)" whose `+field+` contains `+jsonLiteral+`$`, func(ctx context.Context, email, path, want string) error {
		return heldPersonByEmail(ctx, email, func(ctx context.Context, p gjson.Result, what string) error {
			return fieldContains(ctx, what, p, path, want, true)
		})
	})
	sc.Step(`^Webex holds a person with email "([^"]*)" with:$`, func(ctx context.Context, email string, table *godog.Table) error {
		return heldPersonByEmail(ctx, email, func(ctx context.Context, p gjson.Result, what string) error {
			return fieldsAre(ctx, what, p, table)
		})
	})
	sc.Step(`^Webex holds no person with email "([^"]*)"$`, noPersonByEmail)
	sc.Step(`^Webex holds the person "([^"]*)" whose `+field+` is `+value+`$`, func(ctx context.Context, id, path, want string) error {
		p, what, err := webexResource(ctx, "/people/", id)
		if err != nil {
			return err
		}
		return fieldIs(ctx, what, p, path, want)
	})
	sc.Step(`^Webex holds the person "([^"]*)" whose `+field+` contains `+jsonLiteral+`$`, func(ctx context.Context, id, path, want string) error {
		p, what, err := webexResource(ctx, "/people/", id)
		if err != nil {
			return err
		}
		return fieldContains(ctx, what, p, path, want, true)
	})
	sc.Step(`^Webex holds the person "([^"]*)" whose `+field+` does not contain `+jsonLiteral+`$`, func(ctx context.Context, id, path, want string) error {
		p, what, err := webexResource(ctx, "/people/", id)
		if err != nil {
			return err
		}
		return fieldContains(ctx, what, p, path, want, false)
	})
	sc.Step(`^Webex holds the person "([^"]*)" with:$`, func(ctx context.Context, id string, table *godog.Table) error {
		p, what, err := webexResource(ctx, "/people/", id)
		if err != nil {
			return err
		}
		return fieldsAre(ctx, what, p, table)
	})
	sc.Step(`^Webex holds no person "([^"]*)"$`, func(ctx context.Context, id string) error {
		return webexGone(ctx, "/people/", id)
	})
	sc.Step(`^Webex holds the team "([^"]*)" whose `+field+` is `+value+`$`, func(ctx context.Context, id, path, want string) error {
		t, what, err := webexResource(ctx, "/teams/", id)
		if err != nil {
			return err
		}
		return fieldIs(ctx, what, t, path, want)
	})
	sc.Step(`^Webex holds no team "([^"]*)"$`, func(ctx context.Context, id string) error {
		return webexGone(ctx, "/teams/", id)
	})
	sc.Step(`^Webex holds (\d+) teams? named "([^"]*)"$`, teamsNamed)
	sc.Step(`^the Webex team "([^"]*)" has exactly the members "([^"]*)" besides the connector's account$`, teamMembersAre)
	sc.Step(`^the Webex team "([^"]*)" has no members besides the connector's account$`, func(ctx context.Context, id string) error {
		return teamMembersAre(ctx, id, "")
	})
	sc.Step(`^the connector's account is a moderator of the Webex team "([^"]*)"$`, func(ctx context.Context, team string) error {
		return memberRole(ctx, "{admin.id}", team, true)
	})
	sc.Step(`^the Webex team "([^"]*)" has "([^"]*)" as a moderator$`, func(ctx context.Context, team, person string) error {
		return memberRole(ctx, person, team, true)
	})
	sc.Step(`^the Webex team "([^"]*)" has "([^"]*)" as a plain member$`, func(ctx context.Context, team, person string) error {
		return memberRole(ctx, person, team, false)
	})
}

// webexGet reads a Webex path as the admin, without recording it as the last response.
func webexGet(ctx context.Context, st *ScenarioState, path string) (*Response, error) {
	return st.roundTrip(ctx, Request{Target: webexTargetName, Method: "GET", Path: path, verbatim: true})
}

// heldPersonByEmail checks that Webex lists exactly one person with an email (GET
// /people?email=, which matches exactly, case-insensitively, WX10) and that check, when given,
// holds on them. Both are read again within the scenario's list-lag wait (list_lag.go): a new
// person is listed only after a while (WX19), and the entry comes from the same lagging list.
// Two people with the email are never cured by waiting (a deleted person leaves lists at once).
func heldPersonByEmail(ctx context.Context, email string, check func(ctx context.Context, p gjson.Result, what string) error) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if email, err = st.Expand(email); err != nil {
		return err
	}
	return st.waitForLists(ctx, func(ctx context.Context) error {
		items, err := peopleWithEmail(ctx, st, email)
		if err != nil {
			return err
		}
		if n := len(items); n != 1 {
			err := fmt.Errorf("Webex holds %d people with email %s, want exactly 1", n, email)
			if n == 0 {
				return notYet(err)
			}
			return err
		}
		if check == nil {
			return nil
		}
		return notYet(check(ctx, items[0], "the Webex person "+email))
	})
}

func peopleWithEmail(ctx context.Context, st *ScenarioState, email string) ([]gjson.Result, error) {
	resp, err := webexGet(ctx, st, "/people?email="+url.QueryEscape(email))
	if err != nil {
		return nil, err
	}
	if resp.Status != 200 {
		return nil, fmt.Errorf("GET %s → %d %s", resp.URL, resp.Status, snippet(resp.Body))
	}
	return gjson.GetBytes(resp.Body, "items").Array(), nil
}

// noPersonByEmail checks once, without waiting: a deleted person leaves lists at once (WX19),
// and waiting could only hide a person who is not listed yet.
func noPersonByEmail(ctx context.Context, email string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if email, err = st.Expand(email); err != nil {
		return err
	}
	items, err := peopleWithEmail(ctx, st, email)
	if err != nil {
		return err
	}
	if len(items) > 0 {
		return fmt.Errorf("Webex still holds %d people with email %s: %s", len(items), email, items[0].Raw)
	}
	return nil
}

// webexResource reads /people/{id} or /teams/{id}; anything but 200 is an error. The object
// is returned with a label for messages ("the Webex person <id>").
func webexResource(ctx context.Context, collection, id string) (gjson.Result, string, error) {
	st, err := State(ctx)
	if err != nil {
		return gjson.Result{}, "", err
	}
	if id, err = st.Expand(id); err != nil {
		return gjson.Result{}, "", err
	}
	resp, err := webexGet(ctx, st, collection+id)
	if err != nil {
		return gjson.Result{}, "", err
	}
	if resp.Status != 200 {
		return gjson.Result{}, "", fmt.Errorf("Webex does not hold it: GET %s → %d %s", resp.URL, resp.Status, snippet(resp.Body))
	}
	kind := "person"
	if collection == "/teams/" {
		kind = "team"
	}
	return gjson.ParseBytes(resp.Body), "the Webex " + kind + " " + id, nil
}

// webexGone checks Webex answers 404 for a person or team.
func webexGone(ctx context.Context, collection, id string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if id, err = st.Expand(id); err != nil {
		return err
	}
	resp, err := webexGet(ctx, st, collection+id)
	if err != nil {
		return err
	}
	if resp.Status != 404 {
		return fmt.Errorf("Webex still holds it: GET %s → %d %s", resp.URL, resp.Status, snippet(resp.Body))
	}
	return nil
}

// fieldIs compares one field of a Webex object with an expected JSON value.
func fieldIs(ctx context.Context, what string, obj gjson.Result, path, literal string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if path, err = st.Expand(path); err != nil {
		return err
	}
	got := obj.Get(path)
	if literal == "absent" {
		if got.Exists() {
			return fmt.Errorf("%s has %s = %s, want it absent", what, path, got.Raw)
		}
		return nil
	}
	want, err := decodeExpected(st, literal)
	if err != nil {
		return err
	}
	if !got.Exists() {
		return fmt.Errorf("%s has no %s, want %s; it is %s", what, path, mustJSON(want), snippet([]byte(obj.Raw)))
	}
	v, err := decodeResult(got)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(v, want) {
		return fmt.Errorf("%s has %s = %s, want %s", what, path, got.Raw, mustJSON(want))
	}
	return nil
}

// fieldContains checks whether an array field of a Webex object holds a value. An absent
// field holds nothing: Webex leaves empty lists out of its answers.
func fieldContains(ctx context.Context, what string, obj gjson.Result, path, literal string, want bool) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	elem, err := decodeExpected(st, literal)
	if err != nil {
		return err
	}
	got := obj.Get(path)
	if got.Exists() && !got.IsArray() {
		return fmt.Errorf("%s has %s = %s, want an array", what, path, got.Raw)
	}
	found := false
	for _, e := range got.Array() {
		v, err := decodeResult(e)
		if err != nil {
			return err
		}
		if reflect.DeepEqual(v, elem) {
			found = true
		}
	}
	switch {
	case want && !found:
		return fmt.Errorf("%s has %s = %s, which does not contain %s", what, path, rawOrAbsent(got), mustJSON(elem))
	case !want && found:
		return fmt.Errorf("%s has %s = %s, which contains %s", what, path, got.Raw, mustJSON(elem))
	}
	return nil
}

// fieldsAre checks a two-column table (path | JSON value, or absent) against a Webex object.
func fieldsAre(ctx context.Context, what string, obj gjson.Result, table *godog.Table) error {
	var problems []string
	for _, row := range table.Rows {
		if len(row.Cells) != 2 {
			return fmt.Errorf("a row has two cells, path and JSON value; got %d", len(row.Cells))
		}
		if err := fieldIs(ctx, what, obj, row.Cells[0].Value, row.Cells[1].Value); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return nil
}

// teamsNamed counts the teams the admin sees with a name (Webex allows duplicates, WX03); too
// few are read again within the list-lag wait (list_lag.go).
func teamsNamed(ctx context.Context, n int, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if name, err = st.Expand(name); err != nil {
		return err
	}
	return st.waitForLists(ctx, func(ctx context.Context) error {
		items, err := webexWalk(ctx, st, "/teams?max=1000")
		if err != nil {
			return err
		}
		count := 0
		for _, t := range items {
			if t.Get("name").Str == name {
				count++
			}
		}
		if count == n {
			return nil
		}
		err = fmt.Errorf("Webex holds %d teams named %q, want %d", count, name, n)
		if count < n {
			return notYet(err) // a lagging list hides new entries; it never adds any
		}
		return err
	})
}

// maxWalkPages bounds a Webex listing walk: the steps must not follow an echoed cursor (WX01)
// for ever.
const maxWalkPages = 100

// webexWalk reads every page of a Webex listing, following next links.
func webexWalk(ctx context.Context, st *ScenarioState, path string) ([]gjson.Result, error) {
	var items []gjson.Result
	for range maxWalkPages {
		resp, err := webexGet(ctx, st, path)
		if err != nil {
			return nil, err
		}
		if resp.Status != 200 {
			return nil, fmt.Errorf("GET %s → %d %s", resp.URL, resp.Status, snippet(resp.Body))
		}
		items = append(items, gjson.GetBytes(resp.Body, "items").Array()...)
		if path = resp.nextLink(); path == "" {
			return items, nil
		}
	}
	return nil, fmt.Errorf("the Webex listing %s has more than %d pages", path, maxWalkPages)
}

// teamMemberships lists a team's memberships as the admin.
func teamMemberships(ctx context.Context, st *ScenarioState, teamID string) ([]gjson.Result, error) {
	return webexWalk(ctx, st, "/team/memberships?max=1000&teamId="+url.QueryEscape(teamID))
}

// teamMembersAre checks the people of a team other than the connector's account ({admin.id})
// are exactly the comma-separated ids given, and that the connector's account is still a member
// (design §3.7: it never removes itself), within the list-lag wait (list_lag.go).
func teamMembersAre(ctx context.Context, team, ids string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if team, err = st.Expand(team); err != nil {
		return err
	}
	if ids, err = st.Expand(ids); err != nil {
		return err
	}
	want := []string{}
	for _, id := range strings.Split(ids, ",") {
		if id = strings.TrimSpace(id); id != "" {
			want = append(want, id)
		}
	}
	return st.waitForLists(ctx, func(ctx context.Context) error {
		return teamMembersHeld(ctx, st, team, want)
	})
}

// teamMembersHeld is one read of teamMembersAre; members that are only missing (none extra, the
// connector's account there) may be a lagging list, and are a notYet error (list_lag.go).
func teamMembersHeld(ctx context.Context, st *ScenarioState, team string, want []string) error {
	ms, err := teamMemberships(ctx, st, team)
	if err != nil {
		return err
	}
	got := []string{}
	self := false
	for _, m := range ms {
		if pid := m.Get("personId").Str; pid == st.Vars["admin.id"] {
			self = true
		} else {
			got = append(got, pid)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	var problems []string
	if !reflect.DeepEqual(got, want) {
		problems = append(problems, fmt.Sprintf("its other members are %v, want %v", got, want))
	}
	if !self {
		problems = append(problems, "the connector's account is no longer a member")
	}
	if len(problems) == 0 {
		return nil
	}
	err = fmt.Errorf("the Webex team %s: %s", team, strings.Join(problems, "; "))
	if self && isSubset(got, want) {
		return notYet(err)
	}
	return err
}

// isSubset reports whether every element of sub is in set.
func isSubset(sub, set []string) bool {
	in := make(map[string]bool, len(set))
	for _, s := range set {
		in[s] = true
	}
	for _, s := range sub {
		if !in[s] {
			return false
		}
	}
	return true
}

// memberRole checks a person's membership of a team and its moderator flag; a membership not
// listed yet is read again within the list-lag wait (list_lag.go).
func memberRole(ctx context.Context, person, team string, moderator bool) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if person, err = st.Expand(person); err != nil {
		return err
	}
	if team, err = st.Expand(team); err != nil {
		return err
	}
	return st.waitForLists(ctx, func(ctx context.Context) error {
		ms, err := teamMemberships(ctx, st, team)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.Get("personId").Str != person {
				continue
			}
			if got := m.Get("isModerator").Bool(); got != moderator {
				return fmt.Errorf("%s is a member of the Webex team %s with isModerator %v, want %v", person, team, got, moderator)
			}
			return nil
		}
		return notYet(fmt.Errorf("%s is not a member of the Webex team %s", person, team))
	})
}
