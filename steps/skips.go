package steps

import (
	"context"
	"sort"
	"sync"

	"github.com/cucumber/godog"
)

// Skip is a scenario that did not run against the chosen target, and why (design §6: a scenario
// that cannot run is skipped with the reason, never silently passed).
type Skip struct {
	Scenario string // the scenario's name
	Where    string // feature file and line, e.g. "webex/quirks/wx06_….feature:12"
	Reason   string
}

// skipLog collects the skips of a run; scenarios run concurrently.
type skipLog struct {
	mu    sync.Mutex
	skips []Skip
}

// skip records why scenario s does not run, logs it to the scenario's own output, and returns
// godog.ErrSkip for the Before hook to return. godog counts a scenario whose Before hook skips
// as passed (its steps as skipped); Env.Skipped lets the caller report it as a skip instead
// (features_test.go runs each as a skipped subtest).
func (e *Env) skip(ctx context.Context, s *godog.Scenario, reason string) error {
	godog.Logf(ctx, "%s", reason)
	if e.skips == nil { // an Env not made by EnvFromOS
		return godog.ErrSkip
	}
	e.skips.mu.Lock()
	e.skips.skips = append(e.skips.skips, Skip{Scenario: s.Name, Where: s.Uri, Reason: reason})
	e.skips.mu.Unlock()
	return godog.ErrSkip
}

// Skipped returns the scenarios skipped so far, ordered by feature file and name.
func (e *Env) Skipped() []Skip {
	if e.skips == nil {
		return nil
	}
	e.skips.mu.Lock()
	defer e.skips.mu.Unlock()
	out := append([]Skip(nil), e.skips.skips...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Where != out[j].Where {
			return out[i].Where < out[j].Where
		}
		return out[i].Scenario < out[j].Scenario
	})
	return out
}
