package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/webex-scim/webex-scim/connector"
)

// metricsOff is the SCIM_METRICS_ADDR (-metrics-addr) value that turns metrics off.
const metricsOff = "off"

// newMetricsRegistry is the registry the connector and its Webex client record into, with the Go
// runtime's and the process's own metrics beside them; nil when metrics are off. One per run: no
// package-level default registry.
func newMetricsRegistry(metricsAddr string) *prometheus.Registry {
	if metricsAddr == metricsOff {
		return nil
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// metricsRoute says how the SCIM listener ln serves /metrics: not at all when metrics are off or
// have an address of their own; without authentication when ln is on loopback (only this host
// can scrape it); otherwise behind the SCIM bearer token, since the counts tell how the tenant
// is used.
func metricsRoute(metricsAddr string, ln net.Listener) connector.MetricsRoute {
	if metricsAddr != "" {
		return connector.MetricsElsewhere
	}
	if a, ok := ln.Addr().(*net.TCPAddr); ok && a.IP.IsLoopback() {
		return connector.MetricsOpen
	}
	return connector.MetricsAuthenticated
}

// serveMetrics serves /metrics of reg on an address of its own (SCIM_METRICS_ADDR), without
// authentication: that port is for the scraper, and whoever can reach it is trusted to read
// counts. It prints where it listens; stop ends it.
func serveMetrics(ctx context.Context, addr string, reg *prometheus.Registry, logger *slog.Logger, stdout io.Writer) (stop func(), err error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s for metrics: %w (choose another address with -metrics-addr or SCIM_METRICS_ADDR, or turn metrics off with -metrics-addr off)", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", connector.MetricsHandler(reg))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readHeaderTimeout, // a scrape has no body
		// Gathering takes milliseconds; Prometheus gives up on a scrape after 10s by default.
		WriteTimeout: 30 * time.Second,
		IdleTimeout:  defaultIdleTimeout,
		ErrorLog:     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			logger.Error("metrics server stopped", "error", err.Error())
		}
	}()
	fmt.Fprintf(stdout, "webex-scim metrics on http://%s/metrics\n", ln.Addr())
	return func() {
		// A scrape in flight is cut short: nothing is lost, the next one reads the same counters.
		_ = srv.Close()
		<-done
	}, nil
}

// startMetrics serves /metrics as SCIM_METRICS_ADDR says, and prints where (before the
// "listening" line, which scripts wait for). The returned stop is never nil.
func startMetrics(ctx context.Context, metricsAddr string, ln net.Listener, reg *prometheus.Registry, logger *slog.Logger, stdout io.Writer) (stop func(), err error) {
	switch {
	case reg == nil:
		return func() {}, nil
	case metricsAddr != "":
		return serveMetrics(ctx, metricsAddr, reg, logger, stdout)
	}
	note := ""
	if metricsRoute(metricsAddr, ln) == connector.MetricsAuthenticated {
		note = " (with the SCIM bearer token)"
	}
	fmt.Fprintf(stdout, "webex-scim metrics on http://%s/metrics%s\n", ln.Addr(), note)
	return func() {}, nil
}
