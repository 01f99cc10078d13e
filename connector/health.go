package connector

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/webex-scim/webex-scim/connector/webex"
)

// readyTimeout bounds the Webex call behind /readyz: a probe must answer quickly.
const readyTimeout = 5 * time.Second

// healthz is GET /healthz: 200 while the process serves (liveness).
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeHealth(w, http.StatusOK, map[string]any{"status": "ok", "name": s.name})
}

// readyz is GET /readyz (readiness): 200 when Webex answers GET /people/me with the connector's
// token and that person still holds an administrator role that lets it manage people, else 503
// with the reason (no consent yet, token refused, Webex unreachable, administrator rights lost).
// Without those rights every write answers 403 and every listing 400 (issue 15), so a connector
// that has lost them is not ready, though Webex answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	me, err := s.webex.Me(ctx)
	if err == nil {
		if !managesPeople(me) {
			writeHealth(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "name": s.name,
				"reason": "the Webex account the connector works as (" + accountName(me) + ") no longer holds a full or " +
					"user administrator role, which the connector needs to manage people: give it the role back in " +
					"Control Hub, or consent again with such an administrator at " + s.baseURL(r) + "/consent"})
			return
		}
		writeHealth(w, http.StatusOK, map[string]any{"status": "ready", "name": s.name})
		return
	}
	reason := "Webex is not reachable"
	var we *webex.Error
	switch {
	case errors.As(err, new(*webex.RefreshError)):
		reason = "the connector cannot renew its Webex access token for now (the token endpoint answered 429 or 5xx, " +
			"or nothing); its consent is kept and the refresh is tried again after a backoff"
	case errors.Is(err, webex.ErrNoToken):
		reason = "no usable Webex token: a Webex administrator must visit " + s.baseURL(r) + "/consent"
	case errors.As(err, &we) && we.Status == http.StatusUnauthorized:
		reason = "Webex refused the connector's token; consent again at " + s.baseURL(r) + "/consent"
	case errors.As(err, &we):
		reason = "Webex answered: " + webexDetail(we)
	}
	writeHealth(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "name": s.name, "reason": reason})
}

func writeHealth(w http.ResponseWriter, status int, body map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // the prober went away; nothing left to tell it
}
