package connector_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// BenchmarkListingMemory is issue 13's memory bar: the connector's memory during a full cursor
// listing (count=100) of N people, at N = 20,000, 50,000 and 100,000, must stay under 100 MB
// and not grow with N. The fake runs in a child process (this test binary again, running
// TestHelperFakeWebex), so that this process holds only the connector, its Webex client and the
// benchmark's SCIM client: what is sampled is the connector's memory, not the fake's 100,000
// people. While the listing runs, a sampler reads every 5 ms the heap in use
// (runtime/metrics /memory/classes/heap/objects:bytes, live and not yet swept) and the
// process's resident size (VmRSS, Linux); the peaks are reported:
//
//	go test -run '^$' -bench ListingMemory -benchtime 1x ./connector/
func BenchmarkListingMemory(b *testing.B) {
	for _, n := range []int{20000, 50000, 100000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			webexURL, token := startChildFake(b, n)
			client, err := webex.New(webex.Config{BaseURL: webexURL, TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})})
			require.NoError(b, err)
			conn, err := connector.New(connector.Config{Webex: client, WebexURL: webexURL, SCIMToken: scimToken})
			require.NoError(b, err)
			srv := httptest.NewServer(conn)
			b.Cleanup(srv.Close)
			total := n + defaultSeedPeople
			runtime.GC()
			debug.FreeOSMemory()
			var peakHeap, peakRSS uint64
			for b.Loop() {
				stop := sampleMemory(&peakHeap, &peakRSS)
				seen, cursor := 0, ""
				for {
					body := benchGet(b, srv, "/scim/v2/Users?count=100&cursor="+url.QueryEscape(cursor))
					seen += int(gjson.GetBytes(body, "Resources.#").Int())
					next := gjson.GetBytes(body, "nextCursor")
					if !next.Exists() {
						break
					}
					cursor = next.String()
				}
				stop()
				if seen != total {
					b.Fatalf("listed %d users, want %d", seen, total)
				}
			}
			b.ReportMetric(float64(total), "people")
			b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
			if peakRSS > 0 {
				b.ReportMetric(float64(peakRSS)/(1<<20), "peak-rss-MB")
			}
		})
	}
}

// sampleMemory samples until stop is called, keeping the peaks.
func sampleMemory(peakHeap, peakRSS *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	take := func() {
		metrics.Read(sample)
		*peakHeap = max(*peakHeap, sample[0].Value.Uint64())
		*peakRSS = max(*peakRSS, residentBytes())
	}
	wg.Go(func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			take()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// residentBytes is this process's VmRSS, or 0 where /proc is not there.
func residentBytes() uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

const childFakeEnv = "CONNECTOR_BENCH_CHILD_FAKE_PEOPLE"

// startChildFake runs TestHelperFakeWebex in a child process with n extra people and returns its
// Webex URL and admin token; the child ends when the benchmark does (its stdin closes).
func startChildFake(b *testing.B, n int) (webexURL, token string) {
	b.Helper()
	token = "bench-admin-token"
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperFakeWebex$")
	cmd.Env = append(os.Environ(), childFakeEnv+"="+strconv.Itoa(n), "CONNECTOR_BENCH_CHILD_FAKE_TOKEN="+token)
	stdin, err := cmd.StdinPipe()
	require.NoError(b, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(b, err)
	cmd.Stderr = os.Stderr
	require.NoError(b, cmd.Start())
	b.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "FAKE WEBEX LISTENING "); ok {
			go func() {
				for sc.Scan() { // keep draining: the child's test output must not block it
				}
			}()
			return "http://" + addr + "/v1", token
		}
	}
	b.Fatalf("the child fake did not start: %v", sc.Err())
	return "", ""
}

// TestHelperFakeWebex is the fake Webex of BenchmarkListingMemory, run in a child process; in a
// normal test run it does nothing.
func TestHelperFakeWebex(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv(childFakeEnv))
	if err != nil {
		t.Skip("run by BenchmarkListingMemory only")
	}
	fake, err := mockwebex.New(mockwebex.WithSeed(seedWithPeople(t, n)),
		mockwebex.WithAdminToken(os.Getenv("CONNECTOR_BENCH_CHILD_FAKE_TOKEN")))
	require.NoError(t, err)
	var lc net.ListenConfig
	ln, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(os.Stdout, "FAKE WEBEX LISTENING %s\n", ln.Addr())
	// Serve until the parent closes stdin.
	_, _ = bufio.NewReader(os.Stdin).ReadString(0)
	_ = srv.Close()
}
