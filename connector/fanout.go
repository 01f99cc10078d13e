package connector

import (
	"context"
	"errors"
	"sync"
)

// The bounded fan-out of independent Webex reads (issue 13): a page of groups reads its members,
// and a group write checks its new members, several calls at a time instead of one after the
// other. Against a Webex 100–300 ms away that is the difference between seconds and a minute for
// a page of 100 groups.
//
// The bound (Config.Fanout, WEBEX_FANOUT) is per SCIM request. Webex's rate limit stays in
// force: every call goes through the Webex client, which retries a 429 after its Retry-After
// (design §3.9), and a call waiting to retry keeps its slot of the fan-out, so a 429 storm holds
// at most the bound's calls waiting and starts no new ones meanwhile: it cannot multiply.

// DefaultFanout is the default bound on concurrent Webex reads of one SCIM request. Chosen by
// measurement (BenchmarkFanout, BENCHMARKS.md "Round trips"): at 50 ms of Webex latency a page of
// 100 teams with members took 5.4 s at 1, 1.46 s at 4, 0.77 s at 8, 0.53 s at 16 and 0.37 s at
// 32. 8 keeps that page at half the 1.5 s goal while one SCIM request never has more than 8 calls
// in flight at Webex; past it each doubling buys less and doubles the burst Webex's rate limit
// sees.
const DefaultFanout = 8

// fanOut calls fn(ctx, i) for every i in [0, n), at most limit at a time (at least 1), in index
// order of starting, and returns when every call it started has returned: nothing it started
// outlives it. fn writes its result to its own index; fanOut adds no ordering of its own, so
// results stay in index order whatever order the calls end in.
//
// The first failure stops the fan-out: no further call starts, and the calls in flight see ctx
// cancelled. The error returned is the failure with the lowest index, not counting calls that
// failed only because of that cancellation, so the same Webex answers give the same SCIM error.
// When the caller's ctx ends (the SCIM client went away) no further call starts and ctx's error
// is returned unless a call failed first.
func fanOut(ctx context.Context, limit, n int, fn func(ctx context.Context, i int) error) error {
	if n == 0 {
		return nil
	}
	limit = max(limit, 1)
	if limit == 1 || n == 1 {
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(ctx, i); err != nil {
				return err
			}
		}
		return nil
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	var once sync.Once
	failed := false // set under once; read only after wg.Wait
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-cctx.Done():
		}
		if cctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := fn(cctx, i); err != nil {
				errs[i] = err
				once.Do(func() { failed = true; cancel() })
			}
		})
	}
	wg.Wait()
	if !failed {
		return ctx.Err()
	}
	var fallback error
	for _, err := range errs {
		switch {
		case err == nil:
		case ctx.Err() == nil && errors.Is(err, context.Canceled):
			// Cancelled by the fan-out itself after another call failed: not the cause.
			if fallback == nil {
				fallback = err
			}
		default:
			return err
		}
	}
	return fallback
}
