package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRun starts the real program on port 0, reads the base URL it prints,
// polls its health endpoint, calls the API with the fixed admin token, and
// stops it.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-admin-token", "T", "-quirks", "WX01,WX05", "-rate-limit", "100", "-retry-after-form", "date", "-latency", "1ms", "-jitter", "2ms"},
			func(string) string { return "" }, pw)
		_ = pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var base string
	for lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "mockwebex listening on "); ok {
			base = rest
			break
		}
	}
	require.NotEmpty(t, base)
	go func() { _, _ = io.Copy(io.Discard, pr) }() // keep draining the logs
	root := strings.TrimSuffix(base, "/v1")

	client := &http.Client{Timeout: time.Minute} // a safety net only: the run is checked, not its speed
	require.Eventually(t, func() bool {
		resp, err := client.Get(root + "/_mock/healthz")
		if err != nil {
			return false
		}
		_ = resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, time.Minute, 20*time.Millisecond)

	req, err := http.NewRequest(http.MethodGet, base+"/people/me", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer T")
	resp, err := client.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "admin@example.com")

	resp, err = client.Get(root + "/_mock/settings")
	require.NoError(t, err)
	body, err = io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.JSONEq(t, `{"quirks":"WX01,WX05","listLag":"0s","rateLimit":100,"retryAfterForm":"date","latency":"1ms","jitter":"2ms"}`, string(body))

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(time.Minute):
		t.Fatal("run did not stop")
	}
}

func TestRun_BadFlags(t *testing.T) {
	ctx := context.Background()
	getenv := func(string) string { return "" }
	require.Error(t, run(ctx, []string{"-quirks", "WX42"}, getenv, io.Discard))
	require.Error(t, run(ctx, []string{"-seed", "/does/not/exist"}, getenv, io.Discard))
	require.Error(t, run(ctx, []string{"-nope"}, getenv, io.Discard))
	require.Error(t, run(ctx, []string{"extra"}, getenv, io.Discard))
}
