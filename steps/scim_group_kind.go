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

// scim_group_kind.go: the group features run against both group kinds of the connector (issue
// 10): Webex teams and Control Hub groups (WEBEX_GROUP_KIND of the connector; SCIM_GROUP_KIND
// tells the harness which one the connector under test uses, and the in-process connector is
// started with it). The steps below name "the Webex group" and read the team or the Control Hub
// group, whichever the kind makes a SCIM Group. Scenarios about what only one kind has carry a
// tag and are skipped, with the reason, under the other: @teams-only (moderators, the
// last-member rule WX05, raw /teams calls), @groups-only.

// The group kinds (connector.GroupKind's values).
const (
	groupKindTeams  = "teams"
	groupKindGroups = "groups"
)

// Tags of scenarios that hold for one group kind only.
const (
	teamsOnlyTag  = "@teams-only"
	groupsOnlyTag = "@groups-only"
)

// groupKindFromOS reads SCIM_GROUP_KIND: teams (or unset) or groups.
func groupKindFromOS(getenv func(string) string) (string, error) {
	switch k := strings.ToLower(strings.TrimSpace(getenv(EnvSCIMGroupKind))); k {
	case "", groupKindTeams:
		return groupKindTeams, nil
	case groupKindGroups:
		return k, nil
	default:
		return "", fmt.Errorf("%w: %s=%q must be %s or %s", ErrConfig, EnvSCIMGroupKind, k, groupKindTeams, groupKindGroups)
	}
}

// groupKindSkip is why a scenario does not run with this run's group kind ("" when it does).
func (e *Env) groupKindSkip(s *godog.Scenario) string {
	return e.groupKindSkipOf(s.Name, hasTag(s, teamsOnlyTag), hasTag(s, groupsOnlyTag))
}

// groupKindSkipOf is groupKindSkip for a scenario named name with or without the two tags.
func (e *Env) groupKindSkipOf(name string, teamsOnly, groupsOnly bool) string {
	switch {
	case teamsOnly && e.GroupKind == groupKindGroups:
		return fmt.Sprintf("skipped %q: tagged %s (what only Webex teams have), and this run's Groups are Control Hub groups (%s=%s)",
			name, teamsOnlyTag, EnvSCIMGroupKind, groupKindGroups)
	case groupsOnly && e.GroupKind != groupKindGroups:
		return fmt.Sprintf("skipped %q: tagged %s (what only Control Hub groups have), and this run's Groups are Webex teams (%s=%s runs it)",
			name, groupsOnlyTag, EnvSCIMGroupKind, groupKindGroups)
	}
	return ""
}

// registerGroupKindSteps registers the "Webex group" steps (catalogue: registerSCIMSteps):
//
//	a Webex group "red" exists                          (a team, or a Control Hub group; {red.id})
//	"alice" is a member of the Webex group "red"
//	Webex holds the group "{red.id}"
//	Webex holds the group "{red.id}" named "{prefix}red"
//	Webex holds no group "{red.id}"
//	Webex holds 2 groups named "{prefix}twins"
//	the Webex group "{red.id}" has exactly the members "{alice.id}, {bob.id}" besides the connector's account
//	the Webex group "{red.id}" has no members besides the connector's account
//	the connector keeps its hold on the Webex group "{red.id}"
func registerGroupKindSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a Webex group "`+namePattern+`" exists$`, func(ctx context.Context, name string) error {
		if kindOf(ctx) == groupKindTeams {
			return createTeam(ctx, name)
		}
		return createControlHubGroup(ctx, name)
	})
	sc.Step(`^"`+namePattern+`" is a member of the Webex group "`+namePattern+`"$`, func(ctx context.Context, person, group string) error {
		if kindOf(ctx) == groupKindTeams {
			return addMember(ctx, person, "member", group)
		}
		return addControlHubMember(ctx, person, group)
	})
	sc.Step(`^Webex holds the group "([^"]*)" named "([^"]*)"$`, func(ctx context.Context, id, name string) error {
		collection, field := "/teams/", "name"
		if kindOf(ctx) == groupKindGroups {
			collection, field = "/groups/", "displayName"
		}
		g, what, err := webexResource(ctx, collection, id)
		if err != nil {
			return err
		}
		return fieldIs(ctx, what, g, field, mustJSON(name))
	})
	sc.Step(`^Webex holds the group "([^"]*)"$`, func(ctx context.Context, id string) error {
		collection := "/teams/"
		if kindOf(ctx) == groupKindGroups {
			collection = "/groups/"
		}
		_, _, err := webexResource(ctx, collection, id)
		return err
	})
	sc.Step(`^Webex holds no group "([^"]*)"$`, func(ctx context.Context, id string) error {
		if kindOf(ctx) == groupKindTeams {
			return webexGone(ctx, "/teams/", id)
		}
		return webexGone(ctx, "/groups/", id)
	})
	sc.Step(`^Webex holds (\d+) groups? named "([^"]*)"$`, func(ctx context.Context, n int, name string) error {
		if kindOf(ctx) == groupKindTeams {
			return teamsNamed(ctx, n, name)
		}
		return controlHubGroupsNamed(ctx, n, name)
	})
	sc.Step(`^the Webex group "([^"]*)" has exactly the members "([^"]*)" besides the connector's account$`, groupMembersAre)
	sc.Step(`^the Webex group "([^"]*)" has no members besides the connector's account$`, func(ctx context.Context, id string) error {
		return groupMembersAre(ctx, id, "")
	})
	// Teams: the connector's account is still a moderator (WX06, WX11). Control Hub groups have
	// no moderators and the connector needs no membership: the account was not made a member
	// by the connector, and the group is still there (no last-member rule, WX23).
	sc.Step(`^the connector keeps its hold on the Webex group "([^"]*)"$`, func(ctx context.Context, id string) error {
		if kindOf(ctx) == groupKindTeams {
			return memberRole(ctx, "{admin.id}", id, true)
		}
		ms, err := controlHubMembers(ctx, id)
		if err != nil {
			return err
		}
		st, err := State(ctx)
		if err != nil {
			return err
		}
		if _, ok := ms[st.Vars["admin.id"]]; ok {
			return fmt.Errorf("the connector's account is a member of the Control Hub group %s: the connector must not add itself (design §4.7)", id)
		}
		return nil
	})
}

// kindOf is the group kind of the scenario's run.
func kindOf(ctx context.Context) string {
	st, err := State(ctx)
	if err != nil || st.Env.GroupKind == "" {
		return groupKindTeams
	}
	return st.Env.GroupKind
}

// createControlHubGroup creates a Control Hub group named {prefix}name as the admin,
// remembering {name.id} and {name.name}; it is deleted after the scenario (webex_cleanup.go).
func createControlHubGroup(ctx context.Context, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body := mustJSON(map[string]string{"displayName": st.Prefix + name})
	resp, err := st.Send(ctx, Request{Target: webexTargetName, Method: "POST", Path: "/groups", Body: body, verbatim: true})
	if err != nil {
		return err
	}
	resp.checked = true
	id := gjson.GetBytes(resp.Body, "id").String()
	if resp.Status != 201 || id == "" {
		return fmt.Errorf("creating Webex group %q: POST %s → %d, want 201 with an id: %s", name, resp.URL, resp.Status, snippet(resp.Body))
	}
	st.Remember(name+".id", id)
	st.Remember(name+".name", gjson.GetBytes(resp.Body, "displayName").String())
	return nil
}

// addControlHubMember adds a person the scenario created to a Control Hub group it created.
func addControlHubMember(ctx context.Context, person, group string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	personID, ok := st.Vars[person+".id"]
	if !ok {
		return fmt.Errorf("no Webex person %q in this scenario: create it first", person)
	}
	groupID, ok := st.Vars[group+".id"]
	if !ok {
		return fmt.Errorf("no Webex group %q in this scenario: create it first", group)
	}
	body := mustJSON(map[string]any{"members": []map[string]string{{"id": personID, "operation": "add"}}})
	resp, err := st.Send(ctx, Request{Target: webexTargetName, Method: "PATCH", Path: "/groups/" + url.PathEscape(groupID), Body: body, verbatim: true})
	if err != nil {
		return err
	}
	resp.checked = true
	if resp.Status != 200 {
		return fmt.Errorf("adding %q to Webex group %q: PATCH %s → %d: %s", person, group, resp.URL, resp.Status, snippet(resp.Body))
	}
	return nil
}

// controlHubGroupsNamed counts the Control Hub groups with a name (GET /groups?filter=displayName
// eq, which ignores case, so the names are compared again); too few are read again within the
// list-lag wait (list_lag.go).
func controlHubGroupsNamed(ctx context.Context, n int, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if name, err = st.Expand(name); err != nil {
		return err
	}
	return st.waitForLists(ctx, func(ctx context.Context) error {
		resp, err := webexGet(ctx, st, "/groups?count=1000&filter="+url.QueryEscape("displayName eq "+mustJSON(name)))
		if err != nil {
			return err
		}
		if resp.Status != 200 {
			return fmt.Errorf("GET %s → %d %s", resp.URL, resp.Status, snippet(resp.Body))
		}
		count := 0
		for _, g := range gjson.GetBytes(resp.Body, "groups").Array() {
			if g.Get("displayName").Str == name {
				count++
			}
		}
		if count == n {
			return nil
		}
		err = fmt.Errorf("Webex holds %d Control Hub groups named %q, want %d", count, name, n)
		if count < n {
			return notYet(err)
		}
		return err
	})
}

// controlHubMembers reads every member of a Control Hub group (GET /groups/{id}/members, 500 a
// page, until memberSize), as a set of people ids.
func controlHubMembers(ctx context.Context, id string) (map[string]bool, error) {
	st, err := State(ctx)
	if err != nil {
		return nil, err
	}
	if id, err = st.Expand(id); err != nil {
		return nil, err
	}
	got := map[string]bool{}
	for page := 0; page < maxWalkPages; page++ {
		path := fmt.Sprintf("/groups/%s/members?startIndex=%d&count=500", url.PathEscape(id), len(got)+1)
		resp, err := webexGet(ctx, st, path)
		if err != nil {
			return nil, err
		}
		if resp.Status != 200 {
			return nil, fmt.Errorf("Webex does not hold the group: GET %s → %d %s", resp.URL, resp.Status, snippet(resp.Body))
		}
		ms := gjson.GetBytes(resp.Body, "members").Array()
		for _, m := range ms {
			got[m.Get("id").Str] = true
		}
		if len(ms) == 0 || len(got) >= int(gjson.GetBytes(resp.Body, "memberSize").Int()) {
			return got, nil
		}
	}
	return nil, fmt.Errorf("the members of group %s did not end after %d pages", id, maxWalkPages)
}

// groupMembersAre is teamMembersAre for either kind: for Control Hub groups the members are
// exactly the ids given (the connector's account is an ordinary person there, design §4.7).
func groupMembersAre(ctx context.Context, group, ids string) error {
	if kindOf(ctx) == groupKindTeams {
		return teamMembersAre(ctx, group, ids)
	}
	st, err := State(ctx)
	if err != nil {
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
	sort.Strings(want)
	return st.waitForLists(ctx, func(ctx context.Context) error {
		ms, err := controlHubMembers(ctx, group)
		if err != nil {
			return err
		}
		got := make([]string, 0, len(ms))
		for id := range ms {
			got = append(got, id)
		}
		sort.Strings(got)
		if reflect.DeepEqual(got, want) {
			return nil
		}
		err = fmt.Errorf("the Webex group %s has the members %v, want %v", group, got, want)
		if isSubset(got, want) {
			return notYet(err)
		}
		return err
	})
}
