package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ScenarioState is everything one scenario knows. It lives in the scenario's context under an
// unexported key (never in a package variable), so concurrent scenarios share nothing but the
// read-only Env.
type ScenarioState struct {
	// Env is the run's configuration.
	Env *Env

	// Prefix starts every email and name this scenario creates: Env.RunPrefix plus a random
	// part of its own, e.g. "wxs3f9a1c-7b2e-". Known to features as {prefix}.
	Prefix string

	// Targets are the systems under test by the name steps use for them ("Webex"; the
	// connector features add "SCIM").
	Targets map[string]*Target

	// Vars are the values features refer to as {name}: remembered JSON values, created
	// people ({alice} is alice's email, {alice.id} her id), teams ({red.id}, {red.name}).
	Vars map[string]string

	// RequestHeaders are added to every later request of the scenario.
	RequestHeaders http.Header

	// Last is the most recent response; the "the response …" steps read it.
	Last *Response

	// cleanups run in the After hook, whether the scenario passed or not (see runCleanups).
	cleanups []cleanup
	// createdTeams are the ids of the Webex teams this scenario created (their memberships go
	// with them).
	createdTeams map[string]bool
	// closers release in-process targets after the cleanups.
	closers []func()
	// listLagWait bounds how long a read-back of a Webex list is repeated (list_lag.go):
	// Env.ListLagWait, unless the scenario set its own.
	listLagWait time.Duration
	// readOnly is set for a @read-only scenario: only GET and HEAD may be sent (readonly.go).
	readOnly bool
}

// Target is one system under test addressed over HTTP.
type Target struct {
	Name    string // as written in steps: "Webex"
	BaseURL string // absolute; step paths are appended to it
	// Tokens are bearer tokens by actor name; DefaultActor is used when a step names none.
	Tokens       map[string]string
	DefaultActor string
	// MockControl is the base of our fake's control plane ("http://host:port/_mock"), empty
	// when the target does not serve one.
	MockControl string
	// AfterResponse, if set, sees every response of a request sent to this target (the Webex
	// side uses it to register what a scenario created for cleanup).
	AfterResponse func(ctx context.Context, st *ScenarioState, actor string, resp *Response)
}

// Response is a recorded HTTP exchange.
type Response struct {
	Method  string
	URL     string
	Status  int
	Header  http.Header
	Body    []byte
	checked bool   // a status assertion looked at it (see checkUnassertedError)
	target  string // the target's name, to follow links the same way
	auth    auth   // how it was authorised, to follow links the same way
}

// cleanup undoes one thing a scenario created or changed.
type cleanup struct {
	what  string // for error messages: "Webex team wxs…-red"
	phase cleanupPhase
	undo  func(ctx context.Context) error
}

// cleanupPhase orders the cleanups: control-plane changes are undone first (an armed fault
// must not break the deletions), then what AddCleanup registered, then Webex teams (which
// take their memberships with them), memberships, and people last (deleting a person first
// would revoke a token another deletion needs).
type cleanupPhase int

const (
	phaseRestore cleanupPhase = iota
	phaseGeneral
	phaseWebexTeams
	phaseWebexMemberships
	phaseWebexPeople
)

// stateKey is the context key of the *ScenarioState.
type stateKey struct{}

// ErrNoState means a step ran in a context without scenario state: InitializeScenario's Before
// hook did not run.
var ErrNoState = errors.New("steps: no scenario state in context (InitializeScenario not used?)")

// withState stores st in ctx.
func withState(ctx context.Context, st *ScenarioState) context.Context {
	return context.WithValue(ctx, stateKey{}, st)
}

// State returns the scenario's state, for step definitions in other files and packages.
func State(ctx context.Context) (*ScenarioState, error) {
	st, ok := ctx.Value(stateKey{}).(*ScenarioState)
	if !ok {
		return nil, ErrNoState
	}
	return st, nil
}

// AddCleanup registers undo to run in the After hook, whatever the scenario's outcome: after
// the control plane is restored and before the Webex data the scenario created is deleted;
// among themselves, the last registered runs first. what names the resource in errors.
func (st *ScenarioState) AddCleanup(what string, undo func(ctx context.Context) error) {
	st.addCleanup(phaseGeneral, what, undo)
}

func (st *ScenarioState) addCleanup(phase cleanupPhase, what string, undo func(ctx context.Context) error) {
	st.cleanups = append(st.cleanups, cleanup{what: what, phase: phase, undo: undo})
}

// AddCloser registers release to run after every cleanup (it shuts in-process targets down).
func (st *ScenarioState) AddCloser(release func()) { st.closers = append(st.closers, release) }

// Target returns the target a step names, or an error listing the known ones.
func (st *ScenarioState) Target(name string) (*Target, error) {
	if t, ok := st.Targets[name]; ok {
		return t, nil
	}
	known := make([]string, 0, len(st.Targets))
	for n := range st.Targets {
		known = append(known, n)
	}
	sort.Strings(known)
	return nil, fmt.Errorf("no target %q in this run (known: %s)", name, strings.Join(known, ", "))
}

// varPattern finds {name} references: names are letters, digits, '.', '_' and '-', with
// optional |upper or |lower. JSON braces never match, since a JSON key starts with a quote.
var varPattern = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9._-]*)(\|(?:upper|lower))?\}`)

// Expand replaces every {name} in s with the scenario's value; an unknown name is an error (a
// typo must not turn into a literal "{alice}" sent to the target).
func (st *ScenarioState) Expand(s string) (string, error) {
	var missing []string
	out := varPattern.ReplaceAllStringFunc(s, func(m string) string {
		sub := varPattern.FindStringSubmatch(m)
		v, ok := st.Vars[sub[1]]
		if !ok {
			missing = append(missing, sub[1])
			return m
		}
		switch sub[2] {
		case "|upper":
			return strings.ToUpper(v)
		case "|lower":
			return strings.ToLower(v)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("unknown variable(s) %s in %q", strings.Join(missing, ", "), s)
	}
	return out, nil
}

// Remember sets {name} to value; names already taken by the scenario are overwritten.
func (st *ScenarioState) Remember(name, value string) { st.Vars[name] = value }

// lastResponse returns the latest response or an error when no request was sent yet.
func (st *ScenarioState) lastResponse() (*Response, error) {
	if st.Last == nil {
		return nil, errors.New("no request has been sent in this scenario yet")
	}
	return st.Last, nil
}

// overlayJSON expands doc (a feature's JSON object, {name} references allowed) and sets each of
// its top-level keys in body, over the defaults a creating step starts from. An empty doc
// changes nothing.
func (st *ScenarioState) overlayJSON(body map[string]any, doc string) error {
	if doc == "" {
		return nil
	}
	doc, err := st.Expand(doc)
	if err != nil {
		return err
	}
	var extra map[string]any
	if err := json.Unmarshal([]byte(doc), &extra); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	for k, v := range extra {
		body[k] = v
	}
	return nil
}
