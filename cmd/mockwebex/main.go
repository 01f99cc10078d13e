// Command mockwebex runs the fake Webex alone (design §2, §5).
//
//	go run ./cmd/mockwebex [-addr 127.0.0.1:9090] [-seed FILE] [-admin-token TOKEN]
//	                       [-quirks all|none|WX01,WX05,...] [-list-lag 2s] [-rate-limit N]
//	                       [-retry-after-form seconds|date|missing|malformed] [-latency 50ms] [-jitter 10ms]
//
// It prints "mockwebex listening on http://ADDR/v1" on stdout (scripts parse
// it), logs the base URL and the admin token, and stops gracefully on SIGINT
// or SIGTERM. MOCKWEBEX_LOG_LEVEL=debug logs every request.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/webex-scim/webex-scim/mockwebex"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mockwebex:", err)
		os.Exit(1)
	}
}

// run starts the fake and serves until ctx is done.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mockwebex", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:9090", "listen address")
	seedFile := fs.String("seed", "", "seed document (default: the embedded fixtures/seed/default.json)")
	adminToken := fs.String("admin-token", "", "fixed access token of the seeded admin (default: generated and logged)")
	quirks := fs.String("quirks", "all", "quirks switched on: all, none, or a list such as WX01,WX05")
	listLag := fs.Duration("list-lag", 0, "delay before a new person shows in GET /people lists (WX19)")
	rateLimit := fs.Int("rate-limit", 0, "requests per second per token before 429 (WX17); 0 = off")
	latency := fs.Duration("latency", 0, "delay of every /v1 answer, modelling a distant Webex; 0 = off")
	jitter := fs.Duration("jitter", 0, "random extra delay of every /v1 answer, uniform in [0, jitter]")
	retryAfterForm := fs.String("retry-after-form", "seconds", "Retry-After on the rate limit's 429s: seconds, date, missing or malformed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	level := slog.LevelInfo
	if strings.EqualFold(getenv("MOCKWEBEX_LOG_LEVEL"), "debug") {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: level}))

	q, err := mockwebex.ParseQuirks(*quirks)
	if err != nil {
		return err
	}
	opts := []mockwebex.Option{
		mockwebex.WithQuirks(q), mockwebex.WithListLag(*listLag),
		mockwebex.WithRateLimit(*rateLimit), mockwebex.WithRetryAfterForm(*retryAfterForm), mockwebex.WithLogger(logger),
		mockwebex.WithLatency(*latency, *jitter),
	}
	if *adminToken != "" {
		opts = append(opts, mockwebex.WithAdminToken(*adminToken))
	}
	if *seedFile != "" {
		doc, err := os.ReadFile(*seedFile)
		if err != nil {
			return fmt.Errorf("reading the seed: %w", err)
		}
		opts = append(opts, mockwebex.WithSeed(doc))
	}
	fake, err := mockwebex.New(opts...)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (choose another address with -addr, e.g. -addr 127.0.0.1:9091)", *addr, err)
	}
	base := "http://" + ln.Addr().String() + "/v1"
	srv := &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second}
	if _, err := fmt.Fprintf(stdout, "mockwebex listening on %s\n", base); err != nil {
		return err
	}
	logger.Info("fake Webex ready", "baseURL", base, "adminToken", fake.AdminToken(),
		"quirks", q.String(), "listLag", listLag.String(), "rateLimit", *rateLimit,
		"latency", latency.String(), "jitter", jitter.String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("fake Webex stopped")
	return nil
}
