package mockwebex

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/webex-scim/webex-scim/fixtures"
)

// Capacity (design §5, §7): 100,000 people seeded in under 5 s and 500 MB,
// GET /people/{id} median under 1 ms on loopback, a page in time
// proportional to its size. `make bench` runs these; BENCHMARKS.md records
// the figures.

const benchPeople = 100_000

// bigSeed is the default seed with benchPeople people (built once).
var bigSeed = sync.OnceValue(func() []byte {
	var doc SeedDoc
	if err := json.Unmarshal(fixtures.DefaultSeed(), &doc); err != nil {
		panic(err)
	}
	base := doc.People[1]
	for i := len(doc.People); i < benchPeople; i++ {
		p := base
		p.UUID = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		p.Emails = []string{fmt.Sprintf("user%06d@example.com", i)}
		p.DisplayName = fmt.Sprintf("User %06d", i)
		p.FirstName, p.LastName = "User", fmt.Sprintf("%06d", i)
		p.Roles = nil
		doc.People = append(doc.People, p)
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return raw
})

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkSeed100k: seconds to load a 100,000-person seed, and the heap the
// loaded fake holds.
func BenchmarkSeed100k(b *testing.B) {
	doc := bigSeed()
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		before := heapInUse()
		s, err := New(WithSeed(doc))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		heap = heapInUse() - before
		runtime.KeepAlive(s)
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(doc))/(1<<20), "seed-MB")
}

type loopback struct {
	srv    *httptest.Server
	client *http.Client
	ids    []string
}

func newLoopback(b *testing.B) *loopback {
	s, err := New(WithSeed(bigSeed()), WithAdminToken(adminTok))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	b.Cleanup(srv.Close)
	st := s.State()
	ids := make([]string, 0, len(st.People))
	for _, p := range st.People {
		ids = append(ids, p.ID)
	}
	return &loopback{srv: srv, client: srv.Client(), ids: ids}
}

func (l *loopback) get(b *testing.B, path string) {
	req, err := http.NewRequest(http.MethodGet, l.srv.URL+path, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+adminTok)
	resp, err := l.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		b.Fatal(err)
	}
	if err := resp.Body.Close(); err != nil {
		b.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
}

// BenchmarkGetPerson: GET /v1/people/{id} over loopback HTTP with 100,000
// people; reports the median latency.
func BenchmarkGetPerson(b *testing.B) {
	l := newLoopback(b)
	var lat []time.Duration
	i := 0
	for b.Loop() {
		id := l.ids[(i*7919)%len(l.ids)]
		i++
		start := time.Now()
		l.get(b, "/v1/people/"+id)
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "median-µs")
}

// BenchmarkListPage: a page of 100 people costs the same at the start and at
// position 99,000 of 100,000 (O(page), not O(N)), and pages of 10, 100 and
// 1000 people cost in proportion to their size.
func BenchmarkListPage(b *testing.B) {
	l := newLoopback(b)
	key := listingKey("people", "", "", "", "", "")
	for _, c := range []struct{ pos, size int }{{0, 100}, {50_000, 100}, {99_000, 100}, {50_000, 10}, {50_000, 1000}} {
		cursor := encodeCursor(c.pos, key)
		b.Run(fmt.Sprintf("at=%d/max=%d", c.pos, c.size), func(b *testing.B) {
			for b.Loop() {
				l.get(b, fmt.Sprintf("/v1/people?max=%d&cursor=%s", c.size, cursor))
			}
		})
	}
}
