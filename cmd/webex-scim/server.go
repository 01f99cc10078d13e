package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Defaults of the inbound HTTP limits, so that a slow or stalled client cannot hold a connection
// (issue 12) while the largest legitimate request still fits:
//   - reading a request: headers within 10s (fixed), the whole request, body included, within
//     SCIM_READ_TIMEOUT; a body is at most 1 MB (connector: maxBodyBytes).
//   - answering: SCIM_WRITE_TIMEOUT runs from the end of the headers to the end of the answer,
//     so it bounds the handler too. The slowest legitimate answer is the first index page of a
//     large listing, which walks the whole Webex listing in pages of 1000 (design §3.4): about
//     a second per Webex page, so 5 minutes covers some 150,000 people. Raise it above that.
//   - idle keep-alive connections close after SCIM_IDLE_TIMEOUT.
//   - on SIGTERM, requests in flight get SCIM_SHUTDOWN_TIMEOUT to finish (shutdown below).
//
// Each is a setting (settings.go; README, Settings).
const (
	readHeaderTimeout      = 10 * time.Second
	defaultReadTimeout     = time.Minute
	defaultWriteTimeout    = 5 * time.Minute
	defaultIdleTimeout     = 2 * time.Minute
	defaultShutdownTimeout = 30 * time.Second
)

// changeDrainTimeout bounds the second wait of shutdown, for writes to Webex already under way:
// a group change of a few dozen members with Webex answering slowly takes about a minute.
const changeDrainTimeout = 2 * time.Minute

// newServer is the inbound HTTP server with the limits above. base is the context of every
// request; shutdown cancels it to stop the reads still running at its deadline.
func newServer(handler http.Handler, set settings, base context.Context, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: min(readHeaderTimeout, set.readTimeout),
		ReadTimeout:       set.readTimeout,
		WriteTimeout:      set.writeTimeout,
		IdleTimeout:       set.idleTimeout,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// shutdown stops srv gracefully (SIGTERM, SIGINT): it accepts nothing new and gives the requests
// in flight timeout to finish and answer. Past it, the reads still running are cancelled
// (stopReads: they answer 503), while writes, which the connector runs on a context that is not
// cancelled (connector.Server.scimHandler), get up to changeDrainTimeout more to finish and
// answer: a write to Webex runs to its end, or its group change is undone (group_members.go). A
// process that exited in the middle would leave a change half-applied.
func shutdown(srv *http.Server, stopReads context.CancelFunc, served <-chan error, timeout time.Duration, logger *slog.Logger) error {
	logger.Info("shutting down: finishing the requests in flight", "timeout", timeout)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		logger.Warn("requests still running at the shutdown deadline: cancelling reads, waiting for writes to Webex to finish",
			"wait", changeDrainTimeout)
		stopReads()
		dctx, dcancel := context.WithTimeout(context.Background(), changeDrainTimeout)
		defer dcancel()
		// The listener is closed by now: a second Shutdown only waits for the connections.
		if err = srv.Shutdown(dctx); errors.Is(err, net.ErrClosed) {
			err = nil
		}
		if err != nil {
			_ = srv.Close() // whatever it says, the connections are closed
			return fmt.Errorf("shutdown: requests still running after %s; a change to Webex may be incomplete: %w",
				timeout+changeDrainTimeout, err)
		}
		logger.Info("the requests in flight have finished")
	} else if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
