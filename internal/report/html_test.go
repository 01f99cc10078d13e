package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// attr returns n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// findAll returns the element nodes under n (n included) for which ok holds, in document order.
func findAll(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func withAttr(tag, key string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag && attr(n, key) != "" }
}

func hasClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Data == tag && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	for _, t := range findAllText(n) {
		b.WriteString(t)
	}
	return b.String()
}

func findAllText(n *html.Node) []string {
	if n.Type == html.TextNode {
		return []string{n.Data}
	}
	var out []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, findAllText(c)...)
	}
	return out
}

// page renders the report of two real runs (design §6): "fake", the in-process fake and
// connector on some quirk, role and limitation features, and "webex", four quirk features
// against a fake with every quirk off and no control plane, standing in for a Webex that does
// not behave as the catalogue says.
func page(t *testing.T) (*html.Node, []Target) {
	t.Helper()
	targets := []Target{
		{Name: "fake", Files: []string{"testdata/fake.cucumber.json"}, Scenarios: readTestdata(t, "fake.cucumber.json")},
		{Name: "webex", Files: []string{"testdata/webex-quirks-off.cucumber.json"}, Scenarios: readTestdata(t, "webex-quirks-off.cucumber.json")},
	}
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, Build(AllRows(), targets, time.Date(2026, 12, 5, 20, 0, 0, 0, time.UTC))))
	doc, err := html.Parse(&buf)
	require.NoError(t, err)
	return doc, targets
}

// TestPageRowsMatchTheirScenarios reads the page back and checks every row against the
// scenario results it came from: each scenario listed under a row has, per target, the outcome
// that target's cucumber report gives it (not run when the report does not hold it); each cell
// is fail when one of them failed, else pass when one passed, else not run; each failure shows
// its step's message and tracking id; and every scenario tagged with a quirk is listed in that
// quirk's row.
func TestPageRowsMatchTheirScenarios(t *testing.T) {
	doc, targets := page(t)
	results := map[string]map[string]Scenario{} // target → key → scenario
	for _, tg := range targets {
		results[tg.Name] = byKey(tg.Scenarios)
	}

	rows := findAll(doc, withAttr("tr", "data-row"))
	var ids []string
	for _, tr := range rows {
		ids = append(ids, attr(tr, "data-row"))
	}
	var want []string
	for _, r := range AllRows() {
		want = append(want, r.ID)
	}
	require.Equal(t, want, ids, "every vendor-page row and every quirk, once, in order")

	for _, tr := range rows {
		id := attr(tr, "data-row")
		listed := map[string]bool{}
		worst := map[string]Status{}
		for _, li := range findAll(tr, withAttr("li", "data-scenario")) {
			key := attr(li, "data-scenario")
			listed[key] = true
			spans := findAll(li, withAttr("span", "data-target"))
			require.Len(t, spans, len(targets), "row %s, %s: one outcome per target", id, key)
			for _, sp := range spans {
				tg := attr(sp, "data-target")
				wantStatus := NotRun
				if s, ok := results[tg][key]; ok {
					wantStatus = s.Status
				}
				got := Status(attr(sp, "data-status"))
				assert.Equal(t, wantStatus, got, "row %s, scenario %s, target %s", id, key, tg)
				switch {
				case got == Fail || worst[tg] == Fail:
					worst[tg] = Fail
				case got == Pass || worst[tg] == Pass:
					worst[tg] = Pass
				}
			}
		}
		cells := findAll(tr, withAttr("td", "data-target"))
		require.Len(t, cells, len(targets), "row %s", id)
		for _, td := range cells {
			tg := attr(td, "data-target")
			wantStatus := worst[tg]
			if wantStatus == "" {
				wantStatus = NotRun
			}
			assert.Equal(t, wantStatus, Status(attr(td, "data-status")), "row %s, target %s", id, tg)
			assert.Contains(t, text(td), string(wantStatus))
			for _, f := range findAll(td, withAttr("div", "data-scenario")) {
				s, ok := results[tg][attr(f, "data-scenario")]
				require.True(t, ok, "row %s: a failure shown for %s that %s did not run", id, attr(f, "data-scenario"), tg)
				assert.Equal(t, Fail, s.Status)
				msgs := findAll(f, hasClass("pre", "message"))
				require.Len(t, msgs, 1)
				assert.Equal(t, s.Message, text(msgs[0]), "row %s: the failing step's message", id)
				assert.Contains(t, text(f), s.FailedStep)
				ids := findAll(f, hasClass("code", "tracking-id"))
				if s.TrackingID == "" {
					assert.Empty(t, ids)
				} else {
					require.Len(t, ids, 1)
					assert.Equal(t, s.TrackingID, text(ids[0]))
				}
			}
			failures := 0
			for key, s := range results[tg] {
				if listed[key] && s.Status == Fail {
					failures++
				}
			}
			assert.Len(t, findAll(td, withAttr("div", "data-scenario")), failures, "row %s, target %s: every failure shown", id, tg)
		}
		if strings.HasPrefix(id, "WX") {
			for _, tg := range targets {
				for key, s := range results[tg.Name] {
					if s.HasTag("@" + id) {
						assert.True(t, listed[key], "row %s does not list %s (tagged @%s in %s)", id, key, id, tg.Name)
					}
				}
			}
		}
	}
}

// TestPageShowsWhatTheRunsSaid pins a few cells of the two runs by hand.
func TestPageShowsWhatTheRunsSaid(t *testing.T) {
	doc, _ := page(t)
	cell := func(row, target string) *html.Node {
		for _, tr := range findAll(doc, withAttr("tr", "data-row")) {
			if attr(tr, "data-row") != row {
				continue
			}
			for _, td := range findAll(tr, withAttr("td", "data-target")) {
				if attr(td, "data-target") == target {
					return td
				}
			}
		}
		t.Fatalf("no cell %s / %s", row, target)
		return nil
	}
	status := func(row, target string) string { return attr(cell(row, target), "data-status") }

	assert.Equal(t, "pass", status("WX03", "fake"))
	assert.Equal(t, "fail", status("WX03", "webex"), "WX03 fails with the quirk off")
	assert.Contains(t, text(cell("WX03", "webex")), "ROUTER_A2FAA908-2077-5FB4-AB40-033800CFB3B9")
	assert.Equal(t, "fail", status("WX16", "webex"))
	assert.Equal(t, "not run", status("WX06", "webex"), "every WX06 scenario is @mock-only: skipped")
	assert.Equal(t, "pass", status("WX06", "fake"))
	assert.Equal(t, "not run", status("WX19", "fake"), "no WX19 scenario in the fake's run")
	assert.Equal(t, "pass", status("314 Get Roles", "fake"))
	assert.Equal(t, "not run", status("314 Get Roles", "webex"), "the webex run held no SCIM scenario")
	assert.Equal(t, "pass", status("limitation WX07", "fake"))
	assert.Equal(t, "not run", status("config Target URL", "fake"))
	assert.Equal(t, "not run", status("312 Create User", "fake"))

	row := func(id string) *html.Node {
		for _, tr := range findAll(doc, withAttr("tr", "data-row")) {
			if attr(tr, "data-row") == id {
				return tr
			}
		}
		t.Fatalf("no row %s", id)
		return nil
	}
	assert.Contains(t, text(row("WX13")), "partly inferred", "WX13 is inferred (mockwebex.Catalogue)")
	assert.NotContains(t, text(row("WX03")), "inferred")
}

// TestPageIsSelfContained: one file that opens anywhere, offline: no scripts, no stylesheets
// or images fetched from elsewhere.
func TestPageIsSelfContained(t *testing.T) {
	doc, _ := page(t)
	assert.Empty(t, findAll(doc, func(n *html.Node) bool {
		return n.Data == "script" || n.Data == "link" || n.Data == "img" || n.Data == "iframe"
	}))
	assert.Empty(t, findAll(doc, func(n *html.Node) bool { return attr(n, "src") != "" || attr(n, "href") != "" }))
	assert.Len(t, findAll(doc, func(n *html.Node) bool { return n.Data == "style" }), 1)
}

// TestQuirkRowsFollowTheCatalogue: a quirk added to mockwebex.Catalogue() gets its row.
func TestQuirkRowsFollowTheCatalogue(t *testing.T) {
	quirks := append(mockwebex.Catalogue(), mockwebex.Quirk{Code: "WX99", Title: "a quirk added later"})
	rows := QuirkRows(quirks)
	require.Len(t, rows, len(quirks))
	last := rows[len(rows)-1]
	assert.Equal(t, "WX99", last.ID)
	assert.True(t, last.Matches(Scenario{Tags: []string{"@wx99"}}))
	assert.False(t, last.Matches(Scenario{Tags: []string{"@WX09"}}))
}
