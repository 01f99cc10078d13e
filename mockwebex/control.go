package mockwebex

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// control.go: the control plane under /_mock (design §5), no authentication,
// never recorded in the request log. Errors use Webex's envelope too.
//
//	POST   /_mock/reset      204                    back to the seed
//	POST   /_mock/seed       204 | 400              body: a seed document (SeedDoc)
//	GET    /_mock/state      200 State
//	GET    /_mock/requests   200 {"items":[RecordedRequest...]}
//	DELETE /_mock/requests   204
//	POST   /_mock/tokens     200 {"access_token","expires_in","personId"} | 404   body {"email","scope"?}
//	POST   /_mock/faults     201 {"id"} | 400       body: Fault
//	DELETE /_mock/faults     204
//	POST   /_mock/clock      200 {"now"}            body {"advance":"336h"} or {"set":RFC 3339} (extension of design §5)
//	GET    /_mock/settings   200 settings
//	POST   /_mock/settings   200 settings | 400     body {"quirks","listLag","rateLimit","retryAfterForm","latency","jitter"}, each optional
//	GET    /_mock/healthz    200 {"status":"ok"}

func (s *Server) control(fn func(r *http.Request, body []byte) (*reply, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := r.Context().Value(ctxBody).([]byte)
		rp, err := fn(r, body)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				ae = errBadRequest("%v", err)
			}
			writeError(w, trackingIDOf(r), ae)
			return
		}
		writeReply(w, rp)
	})
}

// decodeStrict reads a control-plane JSON body, refusing unknown fields so
// that a misspelt option is an error, not a no-op.
func decodeStrict(body []byte, dst any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return errBadRequest("Invalid control-plane body: %v", err)
	}
	// One document only: a second one (two faults pasted together) would
	// otherwise be dropped without a word.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errBadRequest("Invalid control-plane body: one JSON object expected, found more after it.")
	}
	return nil
}

func (s *Server) ctlReset(*http.Request, []byte) (*reply, error) {
	if err := s.Reset(); err != nil {
		return nil, err
	}
	return noContent(), nil
}

func (s *Server) ctlSeed(_ *http.Request, body []byte) (*reply, error) {
	if err := s.LoadSeed(body); err != nil {
		return nil, errBadRequest("%v", err)
	}
	return noContent(), nil
}

func (s *Server) ctlState(*http.Request, []byte) (*reply, error) { return okJSON(s.State()), nil }

func (s *Server) ctlRequests(*http.Request, []byte) (*reply, error) {
	return okJSON(listBody[RecordedRequest]{Items: s.Requests()}), nil
}

func (s *Server) ctlClearRequests(*http.Request, []byte) (*reply, error) {
	s.ClearRequests()
	return noContent(), nil
}

func (s *Server) ctlTokens(_ *http.Request, body []byte) (*reply, error) {
	var in struct {
		Email string  `json:"email"`
		Scope *string `json:"scope"` // space-separated, as OAuth's; absent: every scope
	}
	if err := decodeStrict(body, &in); err != nil {
		return nil, err
	}
	if in.Email == "" {
		return nil, errBadRequest("Missing required field 'email'.")
	}
	scopes := allScopes()
	if in.Scope != nil {
		scopes = parseScopes(*in.Scope)
	}
	tok, personID, err := s.issueToken(in.Email, scopes)
	if err != nil {
		return nil, errf(http.StatusNotFound, "No person with email %s.", in.Email)
	}
	return okJSON(map[string]any{
		"access_token": tok,
		"expires_in":   int(accessTokenTTL / time.Second),
		"personId":     personID,
	}), nil
}

func (s *Server) ctlAddFault(_ *http.Request, body []byte) (*reply, error) {
	var f Fault
	if err := decodeStrict(body, &f); err != nil {
		return nil, err
	}
	id, err := s.AddFault(f)
	if err != nil {
		return nil, errBadRequest("%v", err)
	}
	return &reply{status: http.StatusCreated, body: map[string]string{"id": id}}, nil
}

func (s *Server) ctlClearFaults(*http.Request, []byte) (*reply, error) {
	s.ClearFaults()
	return noContent(), nil
}

func (s *Server) ctlClock(_ *http.Request, body []byte) (*reply, error) {
	var in struct {
		Advance string `json:"advance"`
		Set     string `json:"set"`
	}
	if err := decodeStrict(body, &in); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	switch {
	case in.Advance != "" && in.Set != "":
		return nil, errBadRequest("Give advance or set, not both.")
	case in.Advance != "":
		d, err := time.ParseDuration(in.Advance)
		if err != nil || d < 0 {
			return nil, errBadRequest("Invalid advance %q: a non-negative Go duration such as 336h is expected.", in.Advance)
		}
		now = s.clock.advance(d)
	case in.Set != "":
		t, err := time.Parse(time.RFC3339Nano, in.Set)
		if err != nil {
			return nil, errBadRequest("Invalid set %q: an RFC 3339 time is expected.", in.Set)
		}
		now = s.clock.set(t)
	}
	return okJSON(map[string]string{"now": webexTime(now)}), nil
}

type settingsBody struct {
	Quirks         string `json:"quirks"`
	ListLag        string `json:"listLag"`
	RateLimit      int    `json:"rateLimit"`
	RetryAfterForm string `json:"retryAfterForm"`
	Latency        string `json:"latency"`
	Jitter         string `json:"jitter"`
}

func renderSettings(v Settings) settingsBody {
	form := v.RetryAfterForm
	if form == "" {
		form = RetryAfterSeconds
	}
	return settingsBody{Quirks: v.Quirks.String(), ListLag: v.ListLag.String(), RateLimit: v.RateLimit, RetryAfterForm: form,
		Latency: v.Latency.String(), Jitter: v.Jitter.String()}
}

func (s *Server) ctlGetSettings(*http.Request, []byte) (*reply, error) {
	return okJSON(renderSettings(s.Settings())), nil
}

func (s *Server) ctlSettings(_ *http.Request, body []byte) (*reply, error) {
	var in struct {
		Quirks    *string `json:"quirks"`
		ListLag   *string `json:"listLag"`
		RateLimit *int    `json:"rateLimit"`
		// RetryAfterForm: the Retry-After of the rate limit's 429s (retryafter.go).
		RetryAfterForm *string `json:"retryAfterForm"`
		// Latency and Jitter: Go durations delaying every /v1 answer (latency.go).
		Latency *string `json:"latency"`
		Jitter  *string `json:"jitter"`
	}
	if err := decodeStrict(body, &in); err != nil {
		return nil, err
	}
	// Read, change and write under one lock, so concurrent updates of
	// different switches do not undo each other.
	s.mu.Lock()
	defer s.mu.Unlock()
	v := Settings{Quirks: s.quirks, ListLag: s.listLag, RateLimit: s.rateLimit, RetryAfterForm: s.retryAfterForm,
		Latency: s.latency, Jitter: s.jitter}
	if in.Quirks != nil {
		q, err := ParseQuirks(*in.Quirks)
		if err != nil {
			return nil, errBadRequest("%v", err)
		}
		v.Quirks = q
	}
	if in.ListLag != nil {
		d, err := time.ParseDuration(*in.ListLag)
		if err != nil || d < 0 {
			return nil, errBadRequest("Invalid listLag %q: a non-negative Go duration is expected.", *in.ListLag)
		}
		v.ListLag = d
	}
	if in.RateLimit != nil {
		if *in.RateLimit < 0 {
			return nil, errBadRequest("rateLimit cannot be negative.")
		}
		v.RateLimit = *in.RateLimit
	}
	if in.RetryAfterForm != nil {
		if err := checkRetryAfterForm(*in.RetryAfterForm); err != nil {
			return nil, errBadRequest("%v", err)
		}
		v.RetryAfterForm = *in.RetryAfterForm
	}
	for _, d := range []struct {
		in   *string
		dst  *time.Duration
		name string
	}{{in.Latency, &v.Latency, "latency"}, {in.Jitter, &v.Jitter, "jitter"}} {
		if d.in == nil {
			continue
		}
		dur, err := time.ParseDuration(*d.in)
		if err != nil || dur < 0 {
			return nil, errBadRequest("Invalid %s %q: a non-negative Go duration such as 50ms is expected.", d.name, *d.in)
		}
		*d.dst = dur
	}
	s.setLocked(v)
	return okJSON(renderSettings(v)), nil
}

func (s *Server) ctlHealthz(*http.Request, []byte) (*reply, error) {
	return okJSON(map[string]string{"status": "ok"}), nil
}
