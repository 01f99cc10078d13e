package connector_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/internal/embedded"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// The benchmarks of design §7 for the connector; figures are recorded in BENCHMARKS.md.
//
//	go test -run '^$' -bench . -benchmem ./connector/
//
// Full sync: list every user through SCIM with index paging (count 100) and with cursor paging
// (count 100), at N = 5,000 and 10,000 people (plus the 20 of the default seed). Time per op
// should double, not quadruple, from N to 2N; upstream-req/op shows the Webex calls one full
// listing costs, which must grow linearly too.

// benchStack is a connector on a fake seeded with n extra people, both on loopback.
type benchStack struct {
	stack *embedded.Stack
	srv   *httptest.Server
	hc    *http.Client
}

func newBenchStack(b *testing.B, n int, opts ...func(*embedded.Options)) *benchStack {
	b.Helper()
	seed := seedWithPeople(b, n)
	o := embedded.Options{
		SCIMToken:   scimToken,
		FakeOptions: []mockwebex.Option{mockwebex.WithSeed(seed)},
	}
	for _, opt := range opts {
		opt(&o)
	}
	st, err := embedded.Start(context.Background(), o)
	require.NoError(b, err)
	b.Cleanup(st.Close)
	srv := httptest.NewServer(st.Connector)
	b.Cleanup(srv.Close)
	return &benchStack{stack: st, srv: srv, hc: srv.Client()}
}

// get fetches url with token and returns the body.
func (s *benchStack) get(b *testing.B, u, token string) []byte {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := s.hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v %.200s", u, resp.StatusCode, err, body)
	}
	return body
}

func BenchmarkFullListingIndex(b *testing.B) {
	for _, n := range []int{5000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			s := newBenchStack(b, n)
			total := n + 20
			upstream := 0
			b.ResetTimer()
			for b.Loop() {
				s.stack.Fake.ClearRequests()
				seen := 0
				for start := 1; start <= total; start += 100 {
					body := s.get(b, fmt.Sprintf("%s/scim/v2/Users?startIndex=%d&count=100", s.srv.URL, start), scimToken)
					seen += int(gjson.GetBytes(body, "Resources.#").Int())
				}
				if seen != total {
					b.Fatalf("listed %d users, want %d", seen, total)
				}
				upstream += len(s.stack.Fake.Requests())
			}
			b.ReportMetric(float64(upstream)/float64(b.N), "upstream-req/op")
		})
	}
}

func BenchmarkFullListingCursor(b *testing.B) {
	for _, n := range []int{5000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			s := newBenchStack(b, n)
			total := n + 20
			upstream := 0
			b.ResetTimer()
			for b.Loop() {
				s.stack.Fake.ClearRequests()
				seen, cursor := 0, ""
				for {
					body := s.get(b, s.srv.URL+"/scim/v2/Users?count=100&cursor="+url.QueryEscape(cursor), scimToken)
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
				upstream += len(s.stack.Fake.Requests())
			}
			b.ReportMetric(float64(upstream)/float64(b.N), "upstream-req/op")
		})
	}
}

// BenchmarkGetUserOverhead compares, on one loopback machine, the median GET /Users/{id} through
// the connector with the median GET /people/{id} straight to the same fake (design §7: ratio ≤ 2.5).
// For scale it also times a pass-through proxy that only forwards the same Webex call and copies
// the bytes back (floor-ratio): the cost of the extra loopback hop alone, which no connector can
// go below.
//
// The three kinds are measured the same way: the same benchmark HTTP client (one kept-alive
// connection per server), the same body read, one sample of each per iteration, so equal counts.
// Their order rotates through all six permutations, so that none always runs first (on a cold
// scheduler) or always right after the connector (whose server goroutine may still be finishing
// while the next request starts): machine load and leftovers of the previous request fall on all
// three alike. The fake's request log is emptied between iterations, outside the timed calls: it
// records every request, and a log kept full for the whole run (10,000 entries, a ring since
// mockwebex/requestlog.go stopped copying it) puts its GC scanning on whichever request happens
// to be running.
func BenchmarkGetUserOverhead(b *testing.B) {
	s := newBenchStack(b, 1000)
	var adminID string
	for _, p := range s.stack.Fake.State().People {
		if p.Emails[0] == adminEmail {
			adminID = p.ID
		}
	}
	viaConnector := s.srv.URL + "/scim/v2/Users/" + adminID
	direct := s.stack.WebexURL + "/people/" + adminID
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, direct, nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		req.Header.Set("Authorization", "Bearer "+s.stack.WebexAdminToken)
		resp, err := s.hc.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body) // a benchmark; the status check is on the caller's side
	}))
	b.Cleanup(proxy.Close)
	kinds := []struct {
		url, token string
		samples    []time.Duration
	}{
		{url: direct, token: s.stack.WebexAdminToken},
		{url: proxy.URL},
		{url: viaConnector, token: scimToken},
	}
	// Warm every path (connections, token) before measuring.
	for i := range kinds {
		s.get(b, kinds[i].url, kinds[i].token)
	}
	orders := [][3]int{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {2, 1, 0}, {1, 0, 2}}
	iter := 0
	b.ResetTimer()
	for b.Loop() {
		s.stack.Fake.ClearRequests()
		for _, k := range orders[iter%len(orders)] {
			t0 := time.Now()
			s.get(b, kinds[k].url, kinds[k].token)
			kinds[k].samples = append(kinds[k].samples, time.Since(t0))
		}
		iter++
	}
	md, mf, mc := median(kinds[0].samples), median(kinds[1].samples), median(kinds[2].samples)
	b.ReportMetric(float64(mc.Microseconds()), "connector-median-µs")
	b.ReportMetric(float64(md.Microseconds()), "direct-median-µs")
	b.ReportMetric(float64(mc)/float64(md), "ratio")
	b.ReportMetric(float64(mf)/float64(md), "floor-ratio")
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkRouting times the connector's handler, in process, on requests without a bearer
// token: each is refused (401) right after routing, so the figure is mostly gorilla/mux finding
// the route (routes.go registers the reads of a sync first). A method the path does not serve
// tries every route before the 405 handler refuses it the same way. Every request fails
// authentication from one address, so the throttle's burst (auth_throttle.go) is raised past what
// the loop sends: the figure stays the 401 path, not the throttle's 429.
func BenchmarkRouting(b *testing.B) {
	s := newBenchStack(b, 0, func(o *embedded.Options) { o.AuthFailureBurst = math.MaxInt32 })
	for _, c := range []struct{ name, method, path string }{
		{"GET-Users-id", http.MethodGet, "/scim/v2/Users/x"},
		{"GET-Users", http.MethodGet, "/scim/v2/Users"},
		{"GET-Groups-id", http.MethodGet, "/scim/v2/Groups/x"},
		{"PATCH-Users-id", http.MethodPatch, "/scim/v2/Users/x"},
		{"DELETE-Users-405", http.MethodDelete, "/scim/v2/Users"},
	} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest(c.method, c.path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				s.stack.Connector.ServeHTTP(w, req)
				if w.Code != http.StatusUnauthorized {
					b.Fatalf("%s %s: %d, want 401", c.method, c.path, w.Code)
				}
			}
		})
	}
}
