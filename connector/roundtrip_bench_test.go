package connector_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// BenchmarkRoundTrips measures what a sync waits on against a distant Webex (issue 13): each
// operation at a simulated Webex latency of 0, 10 and 50 ms (mockwebex.WithLatency, set through
// the fake's settings), with
//
//   - calls/op: the Webex calls the operation makes, counted at the fake;
//   - floor-ms: the least time those calls can take: the calls that must follow one another,
//     times the latency. It comes from the operation's dependency structure (rtModel), not from
//     the run: the pages of a Link walk follow one another; independent reads (the member lists
//     of a page of groups) are one step for every WEBEX_FANOUT of them, since the connector
//     never has more in flight per request; a group write's adds follow one another (design
//     §3.7: they run in order, so a failure can say which were applied). The run checks that
//     it made exactly the model's calls, so the floor is of the calls really made;
//   - ratio: wall time ÷ floor (at 0 ms there is no floor and no ratio).
//
// The top-level benchmark then prints the whole table, which is what `make bench` shows and
// BENCHMARKS.md records:
//
//	go test -run '^$' -bench RoundTrips -benchtime 1x ./connector/
func BenchmarkRoundTrips(b *testing.B) {
	latencies := []time.Duration{0, 10 * time.Millisecond, 50 * time.Millisecond}
	var rows []rtRow
	for _, c := range roundTripCases() {
		var st *rtStack // one stack per case, shared by its latencies: seeding is not measured
		for _, lat := range latencies {
			b.Run(fmt.Sprintf("%s/latency=%dms", c.name, lat.Milliseconds()), func(b *testing.B) {
				if st == nil {
					st = newRTStack(b, c.setup(b))
				}
				require.NoError(b, st.stack.Fake.SetSettings(withLatency(st.stack.Fake.Settings(), lat)))
				c.op(b, st) // warm: connections, token, the fake's first-touch work
				var wall time.Duration
				calls, ops := 0, 0
				for b.Loop() {
					st.stack.Fake.ClearRequests()
					t0 := time.Now()
					c.op(b, st)
					wall += time.Since(t0)
					calls += len(st.stack.Fake.Requests())
					ops++
				}
				m := c.model
				if calls != m.calls()*ops {
					b.Fatalf("%d Webex calls per op, the model says %d: the floor would not be of the calls made", calls/ops, m.calls())
				}
				row := rtRow{name: c.name, latency: lat, calls: m.calls(), steps: m.steps(), wall: wall / time.Duration(ops)}
				b.ReportMetric(float64(row.calls), "calls/op")
				b.ReportMetric(float64(row.floor().Microseconds())/1000, "floor-ms")
				b.ReportMetric(float64(row.wall.Microseconds())/1000, "wall-ms")
				if lat > 0 {
					b.ReportMetric(row.ratio(), "ratio")
				}
				rows = append(rows, row)
			})
		}
		if st != nil {
			st.close()
		}
	}
	// Printed, not logged: a parent benchmark's log is not shown when its sub-benchmarks pass.
	fmt.Fprintf(os.Stdout, "\nRound trips (WEBEX_FANOUT %d; floor = steps × latency; ratio = wall ÷ floor):\n%s\n",
		connector.DefaultFanout, rtTable(rows))
}

// rtModel is an operation's Webex calls as dependency steps: each entry is a number of calls
// that do not depend on each other but all depend on the entries before.
type rtModel []int

func (m rtModel) calls() int {
	n := 0
	for _, k := range m {
		n += k
	}
	return n
}

// steps is the critical path at the fan-out bound: a step of k independent calls takes
// ceil(k/fanout) round trips.
func (m rtModel) steps() int {
	n := 0
	for _, k := range m {
		n += (k + connector.DefaultFanout - 1) / connector.DefaultFanout
	}
	return n
}

// sequential is n calls each depending on the one before (a Link walk, ordered writes).
func sequential(n int) rtModel {
	m := make(rtModel, n)
	for i := range m {
		m[i] = 1
	}
	return m
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

type rtCase struct {
	name  string
	setup func(tb testing.TB) []func(*embedded.Options)
	op    func(b *testing.B, st *rtStack)
	// model is the operation's calls, as steps (rtModel); the stack runs the default fan-out.
	model rtModel
}

// defaultSeedPeople is the number of people in fixtures.DefaultSeed.
const defaultSeedPeople = 20

func roundTripCases() []rtCase {
	var cases []rtCase
	for _, n := range []int{5000, 20000} {
		total := n + defaultSeedPeople
		cases = append(cases,
			rtCase{
				name:  fmt.Sprintf("users-index/N=%d", n),
				setup: withPeople(n),
				op:    func(b *testing.B, st *rtStack) { listUsersIndex(b, st, total) },
				// One walk of Webex in pages of 1000 on the first SCIM page (for totalResults);
				// the other pages come from the index-paging cache.
				model: sequential(ceilDiv(total, 1000)),
			},
			rtCase{
				name:  fmt.Sprintf("users-cursor/N=%d", n),
				setup: withPeople(n),
				op:    func(b *testing.B, st *rtStack) { listUsersCursor(b, st, total) },
				// One Webex page of 100 per SCIM page, each from the last one's next link.
				model: sequential(ceilDiv(total, 100)),
			})
	}
	const teams = 100
	cases = append(cases,
		rtCase{
			name: "groups-teams-page/100",
			setup: func(tb testing.TB) []func(*embedded.Options) {
				return []func(*embedded.Options){withExtraTeams(tb, 5, benchTeams(teams, 5))}
			},
			op: func(b *testing.B, st *rtStack) { st.get(b, "/scim/v2/Groups?count=100") },
			// GET /teams, then every team's memberships and GET /people/me, independent.
			model: rtModel{1, teams + 1},
		},
		rtCase{
			name: "groups-chg-page/100",
			setup: func(tb testing.TB) []func(*embedded.Options) {
				sizes := make([]int, teams)
				for i := range sizes {
					sizes[i] = 5
				}
				return []func(*embedded.Options){asGroups, withBigGroups(tb, 5, sizes...)}
			},
			op: func(b *testing.B, st *rtStack) { st.get(b, "/scim/v2/Groups?count=100") },
			// One GET /groups?includeMembers=true: Webex pages the groups with their members.
			model: rtModel{1},
		},
		rtCase{
			name:  "groups-teams-create/50",
			setup: withPeople(50),
			op:    createGroup50,
			// GET /people/me (the connector's own account is never resolved or added), the 50
			// new members checked (independent), POST /teams, the 50 adds in order (design §3.7),
			// the memberships read back.
			model: append(append(rtModel{1, 50, 1}, sequential(50)...), 1),
		},
		rtCase{
			name: "groups-chg-create/50",
			setup: func(tb testing.TB) []func(*embedded.Options) {
				return append(withPeople(50)(tb), asGroups)
			},
			op: createGroup50,
			// The 50 new members checked (independent), then one POST /groups carrying them
			// (up to 500 go inline), whose answer holds them: nothing is read back.
			model: rtModel{50, 1},
		})
	return cases
}

func withPeople(n int) func(testing.TB) []func(*embedded.Options) {
	return func(tb testing.TB) []func(*embedded.Options) {
		seed := seedWithPeople(tb, n)
		return []func(*embedded.Options){func(o *embedded.Options) {
			o.FakeOptions = append(o.FakeOptions, mockwebex.WithSeed(seed))
		}}
	}
}

func withLatency(s mockwebex.Settings, d time.Duration) mockwebex.Settings {
	s.Latency, s.Jitter = d, 0
	return s
}

// rtStack is a connector on a fake, on loopback, for one case.
type rtStack struct {
	stack *embedded.Stack
	srv   *httptest.Server
	hc    *http.Client
	ids   []string // people ids for group members (createGroup50)
	n     int      // groups created so far
}

func newRTStack(b *testing.B, setup []func(*embedded.Options)) *rtStack {
	o := embedded.Options{SCIMToken: scimToken}
	for _, f := range setup {
		f(&o)
	}
	st, err := embedded.Start(context.Background(), o)
	require.NoError(b, err)
	// The stack outlives the sub-benchmark that built it (the case's latencies share it); the
	// case closes it (rtStack.close) when its last latency is done.
	srv := httptest.NewServer(st.Connector)
	hc := srv.Client()
	hc.Transport.(*http.Transport).MaxIdleConnsPerHost = 16
	s := &rtStack{stack: st, srv: srv, hc: hc}
	for _, p := range st.Fake.State().People {
		if strings.HasPrefix(p.Emails[0], "user") {
			s.ids = append(s.ids, p.ID)
		}
	}
	return s
}

func (s *rtStack) close() {
	s.srv.Close()
	s.stack.Close()
}

func (s *rtStack) do(b *testing.B, method, path string, body any) []byte {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(b, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, s.srv.URL+path, rd)
	require.NoError(b, err)
	req.Header.Set("Authorization", "Bearer "+scimToken)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := s.hc.Do(req)
	require.NoError(b, err)
	out, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode/100 != 2 {
		b.Fatalf("%s %s: %d %v %.300s", method, path, resp.StatusCode, err, out)
	}
	return out
}

func (s *rtStack) get(b *testing.B, path string) []byte { return s.do(b, http.MethodGet, path, nil) }

func listUsersIndex(b *testing.B, s *rtStack, total int) {
	seen := 0
	for start := 1; start <= total; start += 100 {
		body := s.get(b, fmt.Sprintf("/scim/v2/Users?startIndex=%d&count=100", start))
		seen += int(gjson.GetBytes(body, "Resources.#").Int())
	}
	if seen != total {
		b.Fatalf("listed %d users, want %d", seen, total)
	}
}

func listUsersCursor(b *testing.B, s *rtStack, total int) {
	seen, cursor := 0, ""
	for {
		body := s.get(b, "/scim/v2/Users?count=100&cursor="+url.QueryEscape(cursor))
		seen += int(gjson.GetBytes(body, "Resources.#").Int())
		next := gjson.GetBytes(body, "nextCursor")
		if !next.Exists() {
			break
		}
		cursor = next.String()
	}
	if seen != total {
		b.Fatalf("listed %d users, want %d", seen, total)
	}
}

func createGroup50(b *testing.B, s *rtStack) {
	if len(s.ids) < 50 {
		b.Fatalf("%d people seeded for members, want 50", len(s.ids))
	}
	s.n++
	members := make([]map[string]string, 50)
	for i := range members {
		members[i] = map[string]string{"value": s.ids[i]}
	}
	body := s.do(b, http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{groupSchema}, "displayName": fmt.Sprintf("Round trip %d", s.n), "members": members,
	})
	if n := gjson.GetBytes(body, "members.#").Int(); n != 50 {
		b.Fatalf("created with %d members, want 50", n)
	}
}

// rtRow is one line of the table.
type rtRow struct {
	name         string
	latency      time.Duration
	calls, steps int
	wall         time.Duration
}

func (r rtRow) floor() time.Duration { return time.Duration(r.steps) * r.latency }

func (r rtRow) ratio() float64 {
	if r.latency == 0 {
		return 0
	}
	return float64(r.wall) / float64(r.floor())
}

func rtTable(rows []rtRow) string {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "operation\tlatency\tcalls\tsteps\tfloor\twall\tratio\t")
	for _, r := range rows {
		ratio := "—"
		if r.latency > 0 {
			ratio = fmt.Sprintf("%.2f", r.ratio())
			if r.ratio() > 1.5 {
				ratio += " (over 1.5)"
			}
		}
		fmt.Fprintf(tw, "%s\t%d ms\t%d\t%d\t%s\t%s\t%s\t\n", r.name, r.latency.Milliseconds(), r.calls, r.steps,
			r.floor().Round(time.Millisecond), r.wall.Round(time.Millisecond), ratio)
	}
	_ = tw.Flush()
	return buf.String()
}

// BenchmarkFanout is how DefaultFanout was chosen: a page of 100 teams with members at 50 ms of
// Webex latency, for each bound. peak-inflight is the most Webex requests one SCIM request had in
// flight at once, counted at the fake.
//
//	go test -run '^$' -bench Fanout -benchtime 1x ./connector/
func BenchmarkFanout(b *testing.B) {
	const teams = 100
	for _, fanout := range []int{1, 2, 4, 8, 16, 32} {
		b.Run(fmt.Sprintf("fanout=%d", fanout), func(b *testing.B) {
			counter := &peakCounter{}
			st := newRTStack(b, []func(*embedded.Options){
				withExtraTeams(b, 5, benchTeams(teams, 5)), withFanout(fanout),
				func(o *embedded.Options) {
					o.FakeOptions = append(o.FakeOptions, mockwebex.WithLatency(50*time.Millisecond, 0), mockwebex.WithSleeper(counter.sleep))
				},
			})
			b.Cleanup(st.close)
			st.get(b, "/scim/v2/Groups?count=100")
			counter.reset()
			for b.Loop() {
				st.get(b, "/scim/v2/Groups?count=100")
			}
			m := rtModel{1, teams + 1}
			steps := 0
			for _, k := range m {
				steps += ceilDiv(k, fanout)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "wall-ms")
			b.ReportMetric(float64(steps*50), "floor-ms")
			b.ReportMetric(float64(counter.peakValue()), "peak-inflight")
		})
	}
}

// peakCounter is a mockwebex Sleeper that waits as asked and counts the requests waiting at once.
type peakCounter struct {
	mu        sync.Mutex
	cur, peak int
}

func (c *peakCounter) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.cur++
	c.peak = max(c.peak, c.cur)
	c.mu.Unlock()
	defer func() { c.mu.Lock(); c.cur--; c.mu.Unlock() }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *peakCounter) reset() { c.mu.Lock(); c.peak = 0; c.mu.Unlock() }

func (c *peakCounter) peakValue() int { c.mu.Lock(); defer c.mu.Unlock(); return c.peak }
