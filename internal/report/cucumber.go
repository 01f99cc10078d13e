package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Status is the outcome of a scenario, or of a row in one target.
type Status string

// The three outcomes the page shows.
const (
	Pass   Status = "pass"
	Fail   Status = "fail"
	NotRun Status = "not run"
)

// Scenario is one scenario of a run (one example of a Scenario Outline), with its outcome.
type Scenario struct {
	URI        string   // feature file, relative to features/: "webex/quirks/wx05_….feature"
	Line       int      // line of the scenario (of the example row, for an outline)
	Feature    string   // the feature's name
	Name       string   // the scenario's name
	Tags       []string // its tags, feature tags included: "@WX05", "@seed"
	Status     Status
	FailedStep string // "Then the response status is 200" (Fail only)
	Message    string // the failing step's error message (Fail only)
	TrackingID string // Webex's tracking id found in Message, if any
}

// Key identifies a scenario across runs: its file and line.
func (s Scenario) Key() string { return fmt.Sprintf("%s:%d", s.URI, s.Line) }

// HasTag reports whether s carries tag ("@WX05"), compared without regard to case.
func (s Scenario) HasTag(tag string) bool {
	for _, t := range s.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// The cucumber JSON written by godog's "cucumber" formatter (only the fields read here).
type (
	cucumberFeature struct {
		URI      string            `json:"uri"`
		Name     string            `json:"name"`
		Tags     []cucumberTag     `json:"tags"`
		Elements []cucumberElement `json:"elements"`
	}
	cucumberTag struct {
		Name string `json:"name"`
	}
	cucumberElement struct {
		Name  string         `json:"name"`
		Line  int            `json:"line"`
		Type  string         `json:"type"`
		Tags  []cucumberTag  `json:"tags"`
		Steps []cucumberStep `json:"steps"`
	}
	cucumberStep struct {
		Keyword string `json:"keyword"`
		Name    string `json:"name"`
		Result  struct {
			Status string `json:"status"`
			Error  string `json:"error_message"`
		} `json:"result"`
	}
)

// ReadCucumber reads one cucumber JSON report: the scenarios it holds, in its order.
func ReadCucumber(r io.Reader) ([]Scenario, error) {
	var features []cucumberFeature
	if err := json.NewDecoder(r).Decode(&features); err != nil {
		return nil, fmt.Errorf("not a cucumber JSON report: %w", err)
	}
	var out []Scenario
	for _, f := range features {
		for _, e := range f.Elements {
			if e.Type != "" && e.Type != "scenario" {
				continue // a Background is reported within each scenario
			}
			s := Scenario{URI: f.URI, Line: e.Line, Feature: f.Name, Name: e.Name}
			seen := map[string]bool{}
			for _, t := range append(append([]cucumberTag(nil), f.Tags...), e.Tags...) {
				if !seen[t.Name] {
					seen[t.Name] = true
					s.Tags = append(s.Tags, t.Name)
				}
			}
			s.Status, s.FailedStep, s.Message = outcome(e.Steps)
			s.TrackingID = TrackingID(s.Message)
			out = append(out, s)
		}
	}
	return out, nil
}

// outcome is a scenario's status from its steps: failed if one failed (or was undefined or
// pending: godog's strict mode fails the scenario then), passed if one passed and none failed,
// otherwise not run (every step skipped: the scenario was skipped for the target).
func outcome(steps []cucumberStep) (Status, string, string) {
	passed := false
	for _, st := range steps {
		switch st.Result.Status {
		case "failed", "undefined", "pending", "ambiguous":
			msg := st.Result.Error
			if msg == "" {
				msg = "step " + st.Result.Status
			}
			return Fail, strings.TrimSpace(st.Keyword) + " " + st.Name, msg
		case "passed":
			passed = true
		}
	}
	if passed {
		return Pass, "", ""
	}
	return NotRun, "", ""
}

// trackingIDPattern finds Webex's tracking id in a message: the JSON field of a Webex error body
// ("trackingId":"ROUTER_…"), the connector's SCIM detail ("(trackingId ROUTER_…)"), or the
// response header (trackingid: …).
var trackingIDPattern = regexp.MustCompile(`(?i)trackingid"?\s*[:=]?\s*"?([A-Za-z0-9][A-Za-z0-9_.:-]{7,})`)

// TrackingID returns the first Webex tracking id in msg, or "".
func TrackingID(msg string) string {
	if m := trackingIDPattern.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}
