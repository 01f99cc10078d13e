// Package steps holds the step definitions of the conformance harness (design §6). Steps speak
// HTTP only, so the same features run against in-process fakes and real deployments; this
// package imports mockwebex only to start an in-process target.
package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/cucumber/godog"
)

// InitializeScenario registers every step and the hooks that give each scenario its own
// state and targets. Use it as godog's ScenarioInitializer:
//
//	ScenarioInitializer: func(sc *godog.ScenarioContext) { steps.InitializeScenario(sc, env) }
//
// Before each scenario: a fresh ScenarioState in the context; the Webex target (a new
// in-process fake, or the external Webex of Env); {prefix}, {admin}, {admin.id},
// {admin.email}, {webex.url} known. A @mock-only scenario is skipped, with the reason logged,
// when the Webex target has no control plane. After each scenario, passed or failed: the
// fake's faults, settings and clock are put back, everything the scenario created is
// deleted, in-process targets are closed; an error response nobody asserted fails it.
//
// # Phrases
//
// {name} anywhere in a path, body, header value, JSON path or expected value is replaced by
// a remembered value ({name|upper} and {name|lower} change its case). T is a target name:
// "Webex" or "SCIM" (the connector; its own phrases are listed at registerSCIMSteps). JSON
// paths are gjson paths; in queries write
// values unquoted: items.#(personId=={alice.id}).isModerator.
//
// Requests (generic, http.go):
//
//	I send "GET" to T "/path?q={var}"
//	I send "POST" to T "/path" with body:            (doc string, JSON)
//	I send "GET" to T "/path" as "bob"               (bob's token; see `"bob" has a Webex access token`)
//	I send "PUT" to T "/path" as "bob" with body:
//	I send "GET" to T "/path" without a token
//	I send "GET" to T "/path" with the token "garbage"
//	I send "POST" to T "/path" with the token "{access}" and body:
//	I send "POST" to T "/access_token" with the form:  (table: name | value; no Authorization header)
//	I send "GET" to T "/people/me" until the response status is 429   (at most 50 tries)
//	I send "GET" to Webex "/_mock/state"              (a /_mock/ path goes to the fake's control plane)
//	I set the request header "Content-Type" to "application/json;charset=utf-8"
//	I follow the next link                            (the Link rel="next" URL, verbatim, same caller)
//	I follow the next link with "email={alice}" added to its query
//
// Assertions and memory (generic, http_assertions.go and http_links.go):
//
//	the response status is 200
//	the response header "Retry-After" is "2"
//	the response header "Link" matches `^<.+>; rel="next"$`
//	the response header "Link" is absent
//	the response body is empty
//	the response JSON at "items.#" is 0                (any JSON: "text", true, null, [1], {"a":1})
//	the response JSON at "lastName" is absent
//	the response JSON at "loginEnabled" is a boolean  (a string, a number, an array, an object)
//	the response JSON at "trackingId" exists
//	the response JSON at "created" matches `^\d{4}-…Z$`
//	the response JSON at "items.#.id" contains "{red.id}"
//	the response JSON at "items.#.id" does not contain "{red.id}"
//	the response JSON at "items.#" is at least 1      (and: is at most 100)
//	the response has a next link                      (exactly <absolute URL on the request's host>; rel="next")
//	the response has no next link
//	the next link carries "max=2"                     (or just "cursor": the parameter is present)
//	I remember the response JSON at "id" as "teamId"
//	I remember the response header "trackingid" as "tid"
//	I remember the query parameter "cursor" of the next link as "cursor"
//	I remember the query parameter "code" of the response header "Location" as "code"
//
// Waiting for Webex's lists (list_lag.go; WX19: a new person is listed only after a while):
//
//	read-backs may wait up to "3s" for Webex's lists   (overrides WEBEX_LIST_LAG_WAIT, default 0)
//	eventually the response JSON at "items.#" is 1     (also: is absent, exists, contains,
//	                                                   does not contain, is at least, is at most)
//
// The eventually form checks the last response and, while the check fails, sends that same
// GET again (never another method) with backoff from 250 ms, until it holds or the wait has
// passed; the failure then says what was last seen and how long it waited. With no wait it is
// the plain assertion. Any target: a SCIM list or filter is answered from Webex's lists. The
// "Webex holds …" checks that read lists (registerSCIMSteps) wait the same way.
//
// Webex data (webex_steps.go; everything created is deleted after the scenario):
//
//	a Webex person "alice" exists                     ({alice} = {alice.email}, {alice.id}, {alice.displayName})
//	a Webex person "alice" exists with:               (doc string: JSON fields added to the defaults)
//	a Webex team "red" exists                         ({red.id}, {red.name}; the admin creates it)
//	"alice" is a member of the Webex team "red"       ({red.alice.membership})
//	"alice" is a moderator of the Webex team "red"
//	the response is a Webex error                     (JSON envelope with message and trackingId, trackingid header)
//	the response is a Webex error with the message "…"
//	I remember an unknown Webex person id as "ghost"  (also team, membership, role, licence)
//	I remember 86 unknown Webex person ids as "ghosts" (comma-separated)
//	I remember the uuid inside the Webex person id "{alice.id}" as "uuid"  (checks the id's form)
//
// The fake's control plane (webex_control.go; only in @mock-only scenarios, undone after):
//
//	"bob" has a Webex access token                    (then: … as "bob")
//	"bob" has a Webex access token with only the scopes "spark:people_read"   (the same, scoped)
//	the Webex fake injects the fault:                 (doc string: {"name":"rate_limit",…})
//	the Webex fake's clock moves forward by "336h"
//	the Webex fake runs with the settings:            (doc string: {"quirks":"none","listLag":"1h"})
//
// The fake's request log (webex_request_log.go; @mock-only): what the connector sent Webex.
//
//	I note the Webex writes to "/v1/people/{dana.id}"
//	the Webex fake received no new writes to "/v1/people/{dana.id}"
func InitializeScenario(sc *godog.ScenarioContext, env *Env) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		st := newScenarioState(env)
		st.readOnly = hasTag(s, readOnlyTag)
		ctx = withState(ctx, st)
		if hasTag(s, mockOnlyTag) && !env.MockControl() {
			reason := fmt.Sprintf("skipped %q: it needs the fake Webex's control plane (%s=1)", s.Name, EnvWebexMockControl)
			return ctx, env.skip(ctx, s, reason)
		}
		return ctx, startWebex(ctx, st)
	})
	sc.After(func(ctx context.Context, s *godog.Scenario, scenarioErr error) (context.Context, error) {
		st, err := State(ctx)
		if err != nil {
			return ctx, err
		}
		var errs []error
		if scenarioErr == nil {
			errs = append(errs, st.checkUnassertedError())
		}
		errs = append(errs, st.runCleanups(context.WithoutCancel(ctx)))
		for i := len(st.closers) - 1; i >= 0; i-- {
			st.closers[i]()
		}
		return ctx, errors.Join(errs...)
	})
	registerHTTPSteps(sc)
	registerListLagSteps(sc)
	registerWebexSteps(sc)
	// The connector's side: its Before hook (after the one above, so the state exists) adds
	// the "SCIM" target from Env; its steps live in steps/scim_*.go (phrases: registerSCIMSteps).
	registerSCIMHooks(sc, env)
	registerSCIMSteps(sc)
	registerSCIMSearchSteps(sc) // POST /.search: scim_search.go
	registerSCIMBulkSteps(sc)   // POST /Bulk: scim_bulk.go
}

// newScenarioState starts a scenario's state with its own prefix.
func newScenarioState(env *Env) *ScenarioState {
	st := &ScenarioState{
		Env:            env,
		Prefix:         env.RunPrefix + randomHex(2) + "-",
		Targets:        map[string]*Target{},
		Vars:           map[string]string{},
		RequestHeaders: http.Header{},
		createdTeams:   map[string]bool{},
		listLagWait:    env.ListLagWait,
	}
	st.Remember("prefix", st.Prefix)
	return st
}

// runCleanups runs every registered cleanup, phase by phase and, within a phase, last
// registered first. A failing cleanup does not stop the others; their errors are joined.
func (st *ScenarioState) runCleanups(ctx context.Context) error {
	order := make([]int, len(st.cleanups))
	for i := range order {
		order[i] = len(st.cleanups) - 1 - i
	}
	sort.SliceStable(order, func(a, b int) bool { return st.cleanups[order[a]].phase < st.cleanups[order[b]].phase })
	var errs []error
	for _, i := range order {
		c := st.cleanups[i]
		if err := c.undo(ctx); err != nil {
			errs = append(errs, fmt.Errorf("cleanup of %s: %w", c.what, err))
			st.Env.Logger.Warn("cleanup failed", "what", c.what, "err", err)
		}
	}
	st.cleanups = nil
	return errors.Join(errs...)
}

// hasTag reports whether a scenario (or its feature) carries tag.
func hasTag(s *godog.Scenario, tag string) bool {
	for _, t := range s.Tags {
		if t.Name == tag {
			return true
		}
	}
	return false
}
