package report

import (
	"fmt"
	"os"
	"sort"
	"time"
)

// Target is one system the suite ran against (a column of the page), with its scenarios.
type Target struct {
	Name      string     // as given: "fake", "webex", "connector-acme"
	Files     []string   // the cucumber reports it was read from
	Scenarios []Scenario // from all its files
}

// ReadTarget reads the cucumber reports of one target.
func ReadTarget(name string, files ...string) (Target, error) {
	t := Target{Name: name, Files: files}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return Target{}, err
		}
		sc, err := ReadCucumber(fh)
		fh.Close()
		if err != nil {
			return Target{}, fmt.Errorf("%s: %w", f, err)
		}
		t.Scenarios = append(t.Scenarios, sc...)
	}
	return t, nil
}

// Report is the page's content.
type Report struct {
	Generated time.Time
	Targets   []Target
	Sections  []Section
}

// Section is a group of rows under one heading.
type Section struct {
	Name string
	Rows []RowResult
}

// RowResult is one row with one cell per target, and the scenarios behind it.
type RowResult struct {
	Row
	Cells     []Cell         // one per target, in the targets' order
	Scenarios []ScenarioLine // every scenario of the row seen in any target, by file and line
}

// Cell is a row's outcome in one target.
type Cell struct {
	Target                  string
	Status                  Status
	Passed, Failed, Skipped int // scenarios of the row in this target, by outcome
	Absent                  int // scenarios of the row another target ran that this one did not
	Failures                []Scenario
}

// ScenarioLine is one scenario of a row with its outcome in each target.
type ScenarioLine struct {
	Key, URI, Name string
	Line           int
	Status         []Status // one per target; NotRun when the target's run does not hold it
}

// Build computes the page: every row of rows, in their order, against every target.
func Build(rows []Row, targets []Target, now time.Time) Report {
	rep := Report{Generated: now, Targets: targets}
	bySection := map[string]int{}
	for _, row := range rows {
		rr := buildRow(row, targets)
		i, ok := bySection[row.Section]
		if !ok {
			i = len(rep.Sections)
			bySection[row.Section] = i
			rep.Sections = append(rep.Sections, Section{Name: row.Section})
		}
		rep.Sections[i].Rows = append(rep.Sections[i].Rows, rr)
	}
	return rep
}

func buildRow(row Row, targets []Target) RowResult {
	rr := RowResult{Row: row}
	lines := map[string]*ScenarioLine{}
	var order []string
	for ti, t := range targets {
		for _, s := range t.Scenarios {
			if !row.Matches(s) {
				continue
			}
			l := lines[s.Key()]
			if l == nil {
				l = &ScenarioLine{Key: s.Key(), URI: s.URI, Line: s.Line, Name: s.Name, Status: make([]Status, len(targets))}
				lines[s.Key()] = l
				order = append(order, s.Key())
			}
			l.Status[ti] = combine(l.Status[ti], s.Status)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := lines[order[i]], lines[order[j]]
		if a.URI != b.URI {
			return a.URI < b.URI
		}
		return a.Line < b.Line
	})
	for _, k := range order {
		l := *lines[k]
		for i, st := range l.Status {
			if st == "" {
				l.Status[i] = NotRun // not in this target's run
			}
		}
		rr.Scenarios = append(rr.Scenarios, l)
	}
	for _, t := range targets {
		c := Cell{Target: t.Name}
		seen := map[string]bool{}
		for _, s := range t.Scenarios {
			if !row.Matches(s) {
				continue
			}
			seen[s.Key()] = true
			switch s.Status {
			case Pass:
				c.Passed++
			case Fail:
				c.Failed++
				c.Failures = append(c.Failures, s)
			default:
				c.Skipped++
			}
		}
		for _, l := range rr.Scenarios {
			if !seen[l.Key] {
				c.Absent++
			}
		}
		switch {
		case c.Failed > 0:
			c.Status = Fail
		case c.Passed > 0:
			c.Status = Pass
		default:
			c.Status = NotRun
		}
		rr.Cells = append(rr.Cells, c)
	}
	return rr
}

// combine merges two outcomes of one scenario in one target (a scenario run twice, in two of
// the target's files): a failure wins, then a pass. "" is no outcome yet.
func combine(a, b Status) Status {
	if a == "" {
		return b
	}
	if a == Fail || b == Fail {
		return Fail
	}
	if a == Pass || b == Pass {
		return Pass
	}
	return NotRun
}

// NotRunCount is how many of the row's scenarios did not run in the cell's target.
func (c Cell) NotRunCount() int { return c.Skipped + c.Absent }
