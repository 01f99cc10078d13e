// Command webex-scim runs the SCIM 2.0 connector for Webex (design §1–§3).
//
//	go run ./cmd/webex-scim [-addr 127.0.0.1:8080] [flags]   (go run ./cmd/webex-scim -h lists them)
//
// With no WEBEX_CLIENT_ID (-client-id) it runs in embedded mode: the fake Webex starts in-process
// on a loopback port, the connector consents against it, and the SCIM base URL, the bearer token
// and the fake's URL are printed. Otherwise it talks to the Webex at WEBEX_TARGET_URL with the
// integration's credentials; an administrator consents at /consent (design §3.8).
//
// It prints "webex-scim listening on http://ADDR/scim/v2" on stdout once it accepts connections
// (scripts parse it; -addr 127.0.0.1:0 picks a free port), logs one line per request, and stops
// gracefully on SIGINT or SIGTERM (server.go). Before that line it prints "webex-scim metrics on
// http://ADDR/metrics" unless SCIM_METRICS_ADDR is off (metrics.go).
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

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/oauth2"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/connector/webex"
	"github.com/webex-scim/webex-scim/internal/embedded"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webex-scim:", err)
		os.Exit(1)
	}
}

// run starts the connector and serves until ctx is done.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	set, err := parseSettings(args, getenv, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(set.logLevel)); err != nil {
		return fmt.Errorf("log level %q: %w", set.logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: level}))

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", set.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (choose another address with -addr or SCIM_ADDR, e.g. -addr 127.0.0.1:8081)", set.addr, err)
	}
	defer ln.Close() // also closed by Shutdown; a second close is harmless
	publicURL := strings.TrimRight(set.publicURL, "/")
	if publicURL == "" {
		publicURL = "http://" + ln.Addr().String()
	}

	reg := newMetricsRegistry(set.metricsAddr) // nil: metrics off
	var handler http.Handler
	if set.clientID == "" {
		stack, err := embedded.Start(ctx, embedded.Options{
			Logger:    logger,
			Name:      set.name,
			SCIMToken: set.scimToken,
			// design §2: the inbound client credentials apply in embedded mode too.
			SCIMClientID:     set.scimClientID,
			SCIMClientSecret: set.scimClientSecret,
			DatetimeOffset:   set.datetimeOffset,
			CursorKey:        []byte(set.cursorKey),
			PublicURL:        publicURL,
			Metrics:          reg,
			MetricsRoute:     metricsRoute(set.metricsAddr, ln),
			GroupKind:        set.groupKind,
			Fanout:           set.fanout,
		})
		if err != nil {
			return err
		}
		defer stack.Close()
		handler = stack.Connector
		// Embedded mode is for trying things out: the token is printed so it can be used at once
		// (design §2). Real mode never prints or logs a token.
		fmt.Fprintf(stdout, "embedded mode: the fake Webex runs in-process at %s\n", stack.WebexURL)
		fmt.Fprintf(stdout, "  fake Webex admin token: %s\n", stack.WebexAdminToken)
		fmt.Fprintf(stdout, "  SCIM base URL: %s/scim/v2\n", publicURL)
		fmt.Fprintf(stdout, "  SCIM bearer token: %s\n", stack.SCIMToken)
	} else {
		handler, err = realConnector(set, publicURL, logger, reg, metricsRoute(set.metricsAddr, ln))
		if err != nil {
			return err
		}
	}

	base, stopReads := context.WithCancel(context.WithoutCancel(ctx))
	defer stopReads()
	srv := newServer(handler, set, base, logger)
	stopMetrics, err := startMetrics(ctx, set.metricsAddr, ln, reg, logger, stdout)
	if err != nil {
		return err
	}
	defer stopMetrics()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "webex-scim listening on http://%s/scim/v2\n", ln.Addr())
	logger.Info("serving", "name", set.name, "publicURL", publicURL, "embedded", set.clientID == "")

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	return shutdown(srv, stopReads, served, set.shutdownTimeout, logger)
}

// realConnector builds the connector for a real Webex (design §3.8): the token store reads the
// token file and WEBEX_REFRESH_TOKEN, and /consent obtains a token when there is none.
func realConnector(set settings, publicURL string, logger *slog.Logger, reg *prometheus.Registry, route connector.MetricsRoute) (http.Handler, error) {
	var wxMetrics *webex.Metrics // nil: metrics off
	if reg != nil {
		m, err := webex.NewMetrics(reg)
		if err != nil {
			return nil, err
		}
		wxMetrics = m
	}
	oauthCfg := &oauth2.Config{
		ClientID:     set.clientID,
		ClientSecret: set.clientSecret,
		Endpoint:     webex.Endpoint(set.targetURL),
		Scopes:       set.groupKind.Scopes(),
		RedirectURL:  publicURL + "/consent/callback",
	}
	tokens := webex.NewTokenStore(oauthCfg, &webex.TokenFile{Path: set.tokenFile}, logger, webex.WithTokenMetrics(wxMetrics))
	if err := tokens.LoadFile(); err != nil {
		return nil, err
	}
	tokens.SetRefreshToken(set.refreshToken)
	client, err := webex.New(webex.Config{
		BaseURL:     set.targetURL,
		TokenSource: tokens,
		UserAgent:   "webex-scim/" + set.name,
		Logger:      logger,
		Metrics:     wxMetrics,
	})
	if err != nil {
		return nil, err
	}
	conn, err := connector.New(connector.Config{
		TrustedProxies: set.trustedProxies,
		Webex:          client,
		WebexURL:       set.targetURL,
		Name:           set.name,
		PublicURL:      publicURL,
		SCIMToken:      set.scimToken,
		ClientID:       set.scimClientID,
		ClientSecret:   set.scimClientSecret,
		CursorKey:      []byte(set.cursorKey),
		DatetimeOffset: set.datetimeOffset,
		GroupKind:      set.groupKind,
		Fanout:         set.fanout,
		LockDir:        set.lockDir,
		Consent:        &connector.ConsentConfig{OAuth: oauthCfg, Tokens: tokens},
		Metrics:        reg,
		MetricsRoute:   route,
		Logger:         logger,
	})
	if err != nil {
		return nil, err
	}
	if !tokens.HasToken() {
		logger.Warn("no Webex token yet: a Webex administrator must visit the consent page", "url", publicURL+"/consent")
	}
	return conn, nil
}
