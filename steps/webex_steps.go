package steps

import (
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"strings"

	"github.com/cucumber/godog"
	"github.com/google/uuid"
	"github.com/tidwall/gjson"
)

// namePattern is how features name the people and teams they create: a lowercase word.
const namePattern = `([a-z][a-z0-9]*)`

// registerWebexSteps registers the Webex domain steps (see InitializeScenario for the
// catalogue).
func registerWebexSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a Webex person "`+namePattern+`" exists$`, func(ctx context.Context, name string) error {
		return createPerson(ctx, name, "")
	})
	sc.Step(`^a Webex person "`+namePattern+`" exists with:$`, func(ctx context.Context, name string, fields *godog.DocString) error {
		return createPerson(ctx, name, fields.Content)
	})
	sc.Step(`^a Webex team "`+namePattern+`" exists$`, createTeam)
	sc.Step(`^"`+namePattern+`" is a (member|moderator) of the Webex team "`+namePattern+`"$`, addMember)
	sc.Step(`^the response is a Webex error$`, func(ctx context.Context) error { return webexError(ctx, nil) })
	sc.Step(`^the response is a Webex error with the message "([^"]*)"$`, func(ctx context.Context, msg string) error {
		return webexError(ctx, &msg)
	})
	sc.Step(`^I remember an unknown Webex (person|team|membership|role|licence) id as "([^"]*)"$`, func(ctx context.Context, kind, name string) error {
		return rememberUnknownIDs(ctx, 1, kind, name)
	})
	sc.Step(`^I remember (\d+) unknown Webex (person|team|membership|role|licence) ids as "([^"]*)"$`, rememberUnknownIDs)
	sc.Step(`^I remember the uuid inside the Webex (person|team|membership|role|licence) id "([^"]*)" as "([^"]*)"$`, rememberUUIDInside)
	registerWebexControlSteps(sc)
	registerWebexRequestLogSteps(sc)
}

// personDefaults is what `a Webex person "alice" exists` sends: the run's prefix in the
// email and display name, so the person is recognisably the scenario's own.
func personDefaults(st *ScenarioState, name string) map[string]any {
	given := strings.ToUpper(name[:1]) + name[1:]
	return map[string]any{
		"emails":      []string{st.Prefix + name + "@example.com"},
		"displayName": st.Prefix + given,
		"firstName":   given,
		"lastName":    "Example",
	}
}

// createPerson creates a person with the scenario's prefix (fields, a JSON object, adds to or
// overrides the defaults) and remembers {name}, {name.email}, {name.id}, {name.displayName}.
// The cleanup registry deletes the person after the scenario (recordWebexCreation).
func createPerson(ctx context.Context, name, fields string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body := personDefaults(st, name)
	if err := st.overlayJSON(body, fields); err != nil {
		return fmt.Errorf("the fields of %q: %w", name, err)
	}
	resp, err := sendSetup(ctx, st, Request{Target: webexTargetName, Method: "POST", Path: "/people", Body: mustJSON(body), verbatim: true})
	if err != nil {
		return fmt.Errorf("creating Webex person %q: %w", name, err)
	}
	email := gjson.GetBytes(resp.Body, "emails.0").String()
	st.Remember(name, email)
	st.Remember(name+".email", email)
	st.Remember(name+".id", gjson.GetBytes(resp.Body, "id").String())
	st.Remember(name+".displayName", gjson.GetBytes(resp.Body, "displayName").String())
	return nil
}

// createTeam creates a team named {prefix}name as the admin, remembering {name.id} and
// {name.name}.
func createTeam(ctx context.Context, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body := mustJSON(map[string]string{"name": st.Prefix + name})
	resp, err := sendSetup(ctx, st, Request{Target: webexTargetName, Method: "POST", Path: "/teams", Body: body, verbatim: true})
	if err != nil {
		return fmt.Errorf("creating Webex team %q: %w", name, err)
	}
	st.Remember(name+".id", gjson.GetBytes(resp.Body, "id").String())
	st.Remember(name+".name", gjson.GetBytes(resp.Body, "name").String())
	return nil
}

// addMember adds a person the scenario created to a team it created, as the admin, and
// remembers the membership's id as {team.person.membership}.
func addMember(ctx context.Context, person, role, team string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	personID, ok := st.Vars[person+".id"]
	if !ok {
		return fmt.Errorf("no Webex person %q in this scenario: create it first", person)
	}
	teamID, ok := st.Vars[team+".id"]
	if !ok {
		return fmt.Errorf("no Webex team %q in this scenario: create it first", team)
	}
	body := mustJSON(map[string]any{"teamId": teamID, "personId": personID, "isModerator": role == "moderator"})
	resp, err := sendSetup(ctx, st, Request{Target: webexTargetName, Method: "POST", Path: "/team/memberships", Body: body, verbatim: true})
	if err != nil {
		return fmt.Errorf("adding %q to Webex team %q: %w", person, team, err)
	}
	st.Remember(team+"."+person+".membership", gjson.GetBytes(resp.Body, "id").String())
	return nil
}

// sendSetup sends a Given step's request and demands 200 with an id: set-up that fails is
// the scenario's failure, with the target's own words.
func sendSetup(ctx context.Context, st *ScenarioState, r Request) (*Response, error) {
	resp, err := st.Send(ctx, r)
	if err != nil {
		return nil, err
	}
	resp.checked = true
	if resp.Status != 200 || gjson.GetBytes(resp.Body, "id").String() == "" {
		return nil, fmt.Errorf("%s %s → %d, want 200 with an id: %s", resp.Method, resp.URL, resp.Status, snippet(resp.Body))
	}
	return resp, nil
}

// webexError checks the last response is an error in Webex's envelope (design §5): JSON with a
// message and a trackingId in the body (clients read the body, not the header), and the
// trackingid header too.
func webexError(ctx context.Context, wantMessage *string) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	last.checked = true
	var problems []string
	if last.Status < 400 {
		problems = append(problems, fmt.Sprintf("status %d is not an error", last.Status))
	}
	if mt, _, err := mime.ParseMediaType(last.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		problems = append(problems, fmt.Sprintf("Content-Type %q is not application/json", last.Header.Get("Content-Type")))
	}
	msg := gjson.GetBytes(last.Body, "message")
	if msg.Type != gjson.String || msg.Str == "" {
		problems = append(problems, "no message in the body")
	}
	if tid := gjson.GetBytes(last.Body, "trackingId"); tid.Type != gjson.String || tid.Str == "" {
		problems = append(problems, "no trackingId in the body")
	}
	if last.Header.Get("trackingid") == "" {
		problems = append(problems, "no trackingid header")
	}
	if wantMessage != nil {
		want, err := st.Expand(*wantMessage)
		if err != nil {
			return err
		}
		if msg.Str != want {
			problems = append(problems, fmt.Sprintf("message is %q, want %q", msg.Str, want))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s %s → %d is not the Webex error wanted: %s; body: %s",
			last.Method, last.URL, last.Status, strings.Join(problems, "; "), snippet(last.Body))
	}
	return nil
}

// idKind is the KIND part of a Webex id for a kind named in a step (design §5: base64url of
// ciscospark://us/KIND/uuid). The step patterns admit only these kinds.
func idKind(kind string) string {
	switch kind {
	case "person":
		return "PEOPLE"
	case "team":
		return "TEAM"
	case "membership":
		return "TEAM_MEMBERSHIP"
	case "role":
		return "ROLE"
	default: // "licence"
		return "LICENSE"
	}
}

// rememberUnknownIDs remembers n well-formed ids that no resource has, comma-separated.
func rememberUnknownIDs(ctx context.Context, n int, kind, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = webexID(idKind(kind), uuid.NewString())
	}
	st.Remember(name, strings.Join(ids, ","))
	return nil
}

// webexID builds a Webex id the way Webex does.
func webexID(kind, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("ciscospark://us/" + kind + "/" + id))
}

// rememberUUIDInside checks that id is a Webex id of the kind (base64url without padding of
// ciscospark://us/KIND/uuid, design §5) and remembers the uuid inside it.
func rememberUUIDInside(ctx context.Context, kind, id, name string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	if id, err = st.Expand(id); err != nil {
		return err
	}
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		return fmt.Errorf("id %q is not base64url without padding: %w", id, err)
	}
	prefix := "ciscospark://us/" + idKind(kind) + "/"
	u, ok := strings.CutPrefix(string(raw), prefix)
	if !ok {
		return fmt.Errorf("id %q decodes to %q, which does not start with %q", id, raw, prefix)
	}
	if _, err := uuid.Parse(u); err != nil {
		return fmt.Errorf("id %q decodes to %q, whose last part is not a uuid: %w", id, raw, err)
	}
	st.Remember(name, u)
	return nil
}
