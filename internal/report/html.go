package report

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
)

//go:embed conformance.html.tmpl
var pageTemplate string

// WriteHTML writes rep as one self-contained HTML page: styles inline, no scripts, no links
// outside the page. Every row is a <tr data-row="ID"> with one <td data-target="NAME"
// data-status="pass|fail|not run"> per target, and its scenarios listed below it with
// data-scenario="uri:line" and a data-status per target, so that tools (and the tests) can read
// the page back.
func WriteHTML(w io.Writer, rep Report) error {
	t, err := template.New("conformance").Funcs(template.FuncMap{
		"class": func(s Status) string { return strings.ReplaceAll(string(s), " ", "-") },
		"inc":   func(i int) int { return i + 1 },
		"totals": func(rep Report, target int) map[string]int {
			out := map[string]int{}
			for _, sec := range rep.Sections {
				for _, r := range sec.Rows {
					out[string(r.Cells[target].Status)]++
				}
			}
			return out
		},
	}).Parse(pageTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, rep)
}
