package steps

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

// list_lag.go: bounded waiting for Webex's lists (design §5 WX19). Real Webex lists a new person
// in GET /people?email=… only some time after the create (its search index lags behind writes;
// GET by id finds them at once), so a read-back of a list right after a write can fail although
// the write worked — also through the connector, whose SCIM lists and filters are answered from
// those Webex lists. A read-back may therefore be repeated, GETs only, with backoff, until it
// holds or the scenario's wait has passed. The wait is 0 unless WEBEX_LIST_LAG_WAIT or the
// scenario's own step sets it: then a check is made exactly once, as before, and in-process runs
// never wait. The assertion itself is never loosened: it must hold on one whole response.

// Backoff between two reads of a lagging list: 250 ms, doubling, capped, so that a 30 s wait
// costs about 20 GETs and a short lag is noticed soon after it passes.
const (
	listLagFirstDelay = 250 * time.Millisecond
	listLagMaxDelay   = 2 * time.Second
)

// listLagWaitFromOS reads WEBEX_LIST_LAG_WAIT: empty is 0; otherwise a non-negative Go duration.
func listLagWaitFromOS(getenv func(string) string) (time.Duration, error) {
	v := strings.TrimSpace(getenv(EnvWebexListLagWait))
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%w: %s=%q is not a non-negative Go duration (e.g. 30s)", ErrConfig, EnvWebexListLagWait, v)
	}
	return d, nil
}

// notYetError is a read-back that did not show what was expected, and that a later read of the
// same list may show (a count, a missing item, a field's value). Errors of any other kind (a
// transport failure, an unexpected status) end the wait at once.
type notYetError struct{ err error }

func (e notYetError) Error() string { return e.err.Error() }
func (e notYetError) Unwrap() error { return e.err }

// notYet marks err as one that waiting may cure; nil stays nil.
func notYet(err error) error {
	if err == nil {
		return nil
	}
	return notYetError{err: err}
}

// waitForLists runs check, which reads with GETs only, and repeats it while it fails with a
// notYet error, until it holds or the scenario's list-lag wait has passed. The error returned is
// the last read's, saying how long it waited and how often it read; without a wait it is the
// one read's error exactly.
func (st *ScenarioState) waitForLists(ctx context.Context, check func(ctx context.Context) error) error {
	// The wait is for a remote's wall-clock lag, so it is measured in real time; there is no
	// clock of ours to inject here (the fake's own clock is a separate, shifted one).
	start := time.Now()
	deadline := start.Add(st.listLagWait)
	delay := listLagFirstDelay
	for reads := 1; ; reads++ {
		err := check(ctx)
		var lag notYetError
		if err == nil || !errors.As(err, &lag) {
			return err
		}
		remaining := time.Until(deadline)
		if remaining <= 0 {
			if st.listLagWait == 0 {
				return lag.err
			}
			return fmt.Errorf("%w\n(still so after waiting %s for Webex's lists, %d reads; the scenario's wait is %s)",
				lag.err, time.Since(start).Round(time.Millisecond), reads, st.listLagWait)
		}
		if err := sleepCtx(ctx, min(delay, remaining)); err != nil {
			return fmt.Errorf("%w\n(the wait for Webex's lists was cut short: %w)", lag.err, err)
		}
		delay = min(2*delay, listLagMaxDelay)
	}
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// registerListLagSteps registers the scenario's wait and the "eventually" forms of the JSON
// assertions (catalogue: InitializeScenario).
func registerListLagSteps(sc *godog.ScenarioContext) {
	sc.Step(`^read-backs may wait up to "([^"]*)" for Webex's lists$`, setListLagWait)

	const prefix = `^eventually the response JSON at "([^"]*)" `
	sc.Step(prefix+`is `+jsonLiteral+`$`, func(ctx context.Context, path, want string) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONIs(ctx, path, want) })
	})
	sc.Step(prefix+`is absent$`, func(ctx context.Context, path string) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONAbsent(ctx, path) })
	})
	sc.Step(prefix+`exists$`, func(ctx context.Context, path string) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONExists(ctx, path) })
	})
	sc.Step(prefix+`contains `+jsonLiteral+`$`, func(ctx context.Context, path, want string) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONContains(ctx, path, want, true) })
	})
	sc.Step(prefix+`does not contain `+jsonLiteral+`$`, func(ctx context.Context, path, want string) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONContains(ctx, path, want, false) })
	})
	sc.Step(prefix+`is at least (\d+)$`, func(ctx context.Context, path string, n int) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONCompare(ctx, path, n, true) })
	})
	sc.Step(prefix+`is at most (\d+)$`, func(ctx context.Context, path string, n int) error {
		return eventually(ctx, func(ctx context.Context) error { return responseJSONCompare(ctx, path, n, false) })
	})
}

// setListLagWait overrides WEBEX_LIST_LAG_WAIT for the rest of the scenario.
func setListLagWait(ctx context.Context, d string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	dur, err := time.ParseDuration(d)
	if err != nil || dur < 0 {
		return fmt.Errorf("%q is not a non-negative Go duration", d)
	}
	st.listLagWait = dur
	return nil
}

// eventually checks assert on the last response and, while it fails, sends that request again
// (a GET only: a write is never repeated) within the scenario's list-lag wait. The last
// response is then the one the assertion held on, or the last one read.
func eventually(ctx context.Context, assert func(ctx context.Context) error) error {
	st, last, err := stateAndLast(ctx)
	if err != nil {
		return err
	}
	if last.Method != "GET" {
		return fmt.Errorf("only a GET is sent again until its answer holds, and the last request was %s %s", last.Method, last.URL)
	}
	first := true
	return st.waitForLists(ctx, func(ctx context.Context) error {
		if !first {
			if err := resendLast(ctx, st); err != nil {
				return err
			}
		}
		first = false
		return notYet(assert(ctx))
	})
}

// resendLast sends the last request again, verbatim, as the same caller; the earlier answer is
// part of this step, so an error status in it was looked at (as in sendUntil).
func resendLast(ctx context.Context, st *ScenarioState) error {
	last := st.Last
	last.checked = true
	r := Request{Target: last.target, Method: last.Method, Path: last.URL, verbatim: true, auth: last.auth}
	if !r.auth.explicit {
		r.auth = auth{actor: last.auth.actor}
	}
	_, err := st.Send(ctx, r)
	return err
}
