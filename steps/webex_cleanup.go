package steps

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// recordWebexCreation is the Webex target's AfterResponse: every person, team, membership and
// Control Hub group a scenario creates — by a Given step or by a plain `I send "POST"` — is
// registered for deletion after the scenario, and nothing else is ever deleted (design §6:
// scenarios never touch data they did not create).
func recordWebexCreation(_ context.Context, st *ScenarioState, actor string, resp *Response) {
	if resp.Method != "POST" || resp.Status/100 != 2 {
		return
	}
	id := gjson.GetBytes(resp.Body, "id").String()
	u, err := url.Parse(resp.URL)
	if id == "" || err != nil {
		return
	}
	t, err := webexTarget(st)
	if err != nil {
		return
	}
	collection := strings.TrimPrefix(strings.TrimSuffix(u.Path, "/"), basePath(t.BaseURL))
	switch collection {
	case "/people":
		what := "Webex person " + gjson.GetBytes(resp.Body, "emails.0").String()
		st.addCleanup(phaseWebexPeople, what, func(ctx context.Context) error { return deletePerson(ctx, st, id) })
	case "/teams":
		st.createdTeams[id] = true
		what := "Webex team " + gjson.GetBytes(resp.Body, "name").String()
		st.addCleanup(phaseWebexTeams, what, func(ctx context.Context) error { return deleteTeam(ctx, st, id, actor) })
	case "/groups":
		what := "Webex group " + gjson.GetBytes(resp.Body, "displayName").String()
		st.addCleanup(phaseWebexTeams, what, func(ctx context.Context) error { return deleteAsAnyone(ctx, st, "/groups/"+id, actor) })
	case "/team/memberships":
		teamID := gjson.GetBytes(resp.Body, "teamId").String()
		what := "Webex membership of " + gjson.GetBytes(resp.Body, "personEmail").String() + " in team " + teamID
		st.addCleanup(phaseWebexMemberships, what, func(ctx context.Context) error {
			if st.createdTeams[teamID] {
				return nil // deleting the team removes its memberships
			}
			return deleteAsAnyone(ctx, st, "/team/memberships/"+id, actor)
		})
	}
}

// basePath is the path part of a base URL ("/v1").
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// deletePerson deletes a person as the admin. A person the scenario already deleted answers
// 403 (WX07) or 404: it is gone when GET says 404.
func deletePerson(ctx context.Context, st *ScenarioState, id string) error {
	path := "/people/" + id
	resp, err := st.roundTrip(ctx, Request{Target: webexTargetName, Method: "DELETE", Path: path, verbatim: true})
	if err != nil {
		return err
	}
	if resp.Status == 204 || resp.Status == 404 {
		return nil
	}
	check, err := st.roundTrip(ctx, Request{Target: webexTargetName, Method: "GET", Path: path, verbatim: true})
	if err != nil {
		return err
	}
	if check.Status == 404 {
		return nil
	}
	return fmt.Errorf("DELETE %s → %d %s, and GET → %d", path, resp.Status, snippet(resp.Body), check.Status)
}

// deleteTeam deletes a team as its creator, or else as any other actor of the scenario: a
// creator that was removed or demoted no longer sees or manages it (WX06).
func deleteTeam(ctx context.Context, st *ScenarioState, id, creator string) error {
	return deleteAsAnyone(ctx, st, "/teams/"+id, creator)
}

// deleteAsAnyone sends DELETE as first, then as the scenario's other actors, until one gets
// 204. If every actor gets 404, nobody the scenario controls can see the resource: it is gone
// (or, after WX06, beyond the scenario's reach, which is reported).
func deleteAsAnyone(ctx context.Context, st *ScenarioState, path, first string) error {
	t, err := webexTarget(st)
	if err != nil {
		return err
	}
	actors := []string{first}
	others := make([]string, 0, len(t.Tokens))
	for a := range t.Tokens {
		if a != first {
			others = append(others, a)
		}
	}
	sort.Strings(others)
	actors = append(actors, others...)

	var answers []string
	allNotFound := true
	for _, a := range actors {
		resp, err := st.roundTrip(ctx, Request{Target: webexTargetName, Method: "DELETE", Path: path, verbatim: true}.AsActor(a))
		if err != nil {
			return err
		}
		if resp.Status == 204 {
			return nil
		}
		if resp.Status != 404 {
			allNotFound = false
		}
		answers = append(answers, fmt.Sprintf("as %s: %d %s", a, resp.Status, snippet(resp.Body)))
	}
	if allNotFound {
		return nil
	}
	return fmt.Errorf("DELETE %s failed for every actor (%s)", path, strings.Join(answers, "; "))
}
