package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// mockOnlyTag marks scenarios that need the fake's control plane (design §6).
const mockOnlyTag = "@mock-only"

// registerWebexControlSteps registers the steps that drive our fake through /_mock/. They
// fail (rather than skip) in a scenario not tagged @mock-only: the tag is what lets a run
// against real Webex skip them, so a missing tag is a bug in the feature.
func registerWebexControlSteps(sc *godog.ScenarioContext) {
	sc.Step(`^"`+namePattern+`" has a Webex access token$`, func(ctx context.Context, name string) error {
		return giveToken(ctx, name, nil)
	})
	sc.Step(`^"`+namePattern+`" has a Webex access token with only the scopes "([^"]*)"$`, func(ctx context.Context, name, scope string) error {
		return giveToken(ctx, name, &scope)
	})
	sc.Step(`^the Webex fake injects the fault:$`, injectFault)
	sc.Step(`^the Webex fake's clock moves forward by "([^"]*)"$`, advanceClock)
	sc.Step(`^the Webex fake runs with the settings:$`, changeSettings)
}

// control sends a request to the control plane and demands want; the answer is returned.
func control(ctx context.Context, st *ScenarioState, method, path, body string, want int) (*Response, error) {
	t, err := webexTarget(st)
	if err != nil {
		return nil, err
	}
	if t.MockControl == "" {
		return nil, fmt.Errorf("this step drives the fake Webex's control plane, which this target does not serve: tag the scenario %s", mockOnlyTag)
	}
	resp, err := st.roundTrip(ctx, Request{Target: webexTargetName, Method: method, Path: "/_mock" + path, Body: body, verbatim: true})
	if err != nil {
		return nil, err
	}
	if resp.Status != want {
		return nil, fmt.Errorf("%s %s → %d, want %d: %s", method, resp.URL, resp.Status, want, snippet(resp.Body))
	}
	return resp, nil
}

// giveToken gets an access token for a person the scenario created, to act as them
// (`… as "bob"`), e.g. as a second moderator (WX06); with scope, the token holds only those
// OAuth scopes (space-separated), e.g. to see /v1/groups refuse a token without
// identity:groups_read.
func giveToken(ctx context.Context, name string, scope *string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	email, ok := st.Vars[name+".email"]
	if !ok {
		return fmt.Errorf("no Webex person %q in this scenario: create it first", name)
	}
	req := map[string]string{"email": email}
	if scope != nil {
		req["scope"] = *scope
	}
	resp, err := control(ctx, st, "POST", "/tokens", mustJSON(req), 200)
	if err != nil {
		return err
	}
	tok := gjson.GetBytes(resp.Body, "access_token").String()
	if tok == "" {
		return fmt.Errorf("POST /_mock/tokens gave no access_token: %s", snippet(resp.Body))
	}
	t, err := webexTarget(st)
	if err != nil {
		return err
	}
	t.Tokens[name] = tok
	return nil
}

// injectFault arms a named fault (design §5: rate_limit, server_error, latency,
// drop_connection, token_expired) and disarms all faults after the scenario.
func injectFault(ctx context.Context, fault *godog.DocString) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body, err := st.Expand(fault.Content)
	if err != nil {
		return err
	}
	if _, err := control(ctx, st, "POST", "/faults", body, 201); err != nil {
		return err
	}
	st.addCleanup(phaseRestore, "the fake's faults", func(ctx context.Context) error {
		_, err := control(ctx, st, "DELETE", "/faults", "", 204)
		return err
	})
	return nil
}

// advanceClock moves the fake's clock forward (token expiry WX18, list lag WX19) and sets it
// back after the scenario by the same amount, so that a shared external fake keeps its admin
// token valid for the scenarios that follow.
func advanceClock(ctx context.Context, d string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	dur, err := time.ParseDuration(d)
	if err != nil || dur <= 0 {
		return fmt.Errorf("%q is not a positive Go duration", d)
	}
	if _, err := control(ctx, st, "POST", "/clock", mustJSON(map[string]string{"advance": dur.String()}), 200); err != nil {
		return err
	}
	st.addCleanup(phaseRestore, "the fake's clock", func(ctx context.Context) error {
		// The clock only moves forward by "advance"; going back is a "set" to its own now
		// minus what this scenario added.
		resp, err := control(ctx, st, "POST", "/clock", "{}", 200)
		if err != nil {
			return err
		}
		now, err := time.Parse(time.RFC3339Nano, gjson.GetBytes(resp.Body, "now").String())
		if err != nil {
			return fmt.Errorf("POST /_mock/clock answered no usable now: %s", snippet(resp.Body))
		}
		back := mustJSON(map[string]string{"set": now.Add(-dur).Format(time.RFC3339Nano)})
		_, err = control(ctx, st, "POST", "/clock", back, 200)
		return err
	})
	return nil
}

// changeSettings changes the fake's switches (quirks, listLag, rateLimit) and puts the
// previous ones back after the scenario.
func changeSettings(ctx context.Context, settings *godog.DocString) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	body, err := st.Expand(settings.Content)
	if err != nil {
		return err
	}
	if !json.Valid([]byte(body)) {
		return fmt.Errorf("the settings are not JSON: %s", body)
	}
	before, err := control(ctx, st, "GET", "/settings", "", 200)
	if err != nil {
		return err
	}
	previous := string(before.Body)
	if _, err := control(ctx, st, "POST", "/settings", body, 200); err != nil {
		return err
	}
	st.addCleanup(phaseRestore, "the fake's settings", func(ctx context.Context) error {
		_, err := control(ctx, st, "POST", "/settings", previous, 200)
		return err
	})
	return nil
}
