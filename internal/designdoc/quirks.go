package designdoc

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// Markers around the generated quirk table in docs/design.md (design §5).
const (
	BeginQuirks = "<!-- BEGIN quirk catalogue: generated from mockwebex.Catalogue() by `go generate ./internal/designdoc`; do not edit -->"
	EndQuirks   = "<!-- END quirk catalogue -->"
)

// DesignPath is docs/design.md relative to the module root.
const DesignPath = "docs/design.md"

// quirkFeatureGlob finds a quirk's feature files: features/webex/quirks/wx05_*.feature.
const quirkFeatureDir = "features/webex/quirks"

// QuirkFeatures returns, for each quirk code, the feature files under features/webex/quirks
// whose name starts with its lower-case code ("wx05_"), relative to the module root, sorted.
func QuirkFeatures(root string, quirks []mockwebex.Quirk) (map[string][]string, error) {
	out := make(map[string][]string, len(quirks))
	for _, q := range quirks {
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(quirkFeatureDir), strings.ToLower(q.Code)+"_*.feature"))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			out[q.Code] = append(out[q.Code], path.Join(quirkFeatureDir, filepath.Base(m)))
		}
	}
	return out, nil
}

// QuirkTable renders the catalogue as the Markdown table of design §5: one row per quirk, in
// catalogue order, with links (relative to docs/) to its feature files.
func QuirkTable(quirks []mockwebex.Quirk, features map[string][]string) string {
	var b strings.Builder
	b.WriteString("| ID | what real Webex does (the fake by default) | with the quirk off | source | feature |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, q := range quirks {
		source := q.Source
		if q.Inferred {
			source += " (partly inferred)"
		}
		var links []string
		for _, f := range features[q.Code] {
			name := strings.TrimSuffix(path.Base(f), ".feature")
			links = append(links, fmt.Sprintf("[%s](../%s)", name, f))
		}
		feature := strings.Join(links, ", ")
		if feature == "" {
			feature = "none yet"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", q.Code, cell(q.Title), cell(q.Off), cell(source), feature)
	}
	return b.String()
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// WithQuirkTable returns doc with the text between BeginQuirks and EndQuirks replaced by table.
func WithQuirkTable(doc, table string) (string, error) {
	begin := strings.Index(doc, BeginQuirks)
	end := strings.Index(doc, EndQuirks)
	if begin < 0 || end < 0 || end < begin {
		return "", fmt.Errorf("%s: the quirk catalogue markers are missing or out of order (%q … %q)", DesignPath, BeginQuirks, EndQuirks)
	}
	if strings.Count(doc, BeginQuirks) != 1 || strings.Count(doc, EndQuirks) != 1 {
		return "", fmt.Errorf("%s: the quirk catalogue markers must appear once each", DesignPath)
	}
	head := doc[:begin+len(BeginQuirks)]
	return head + "\n" + table + doc[end:], nil
}

// CurrentDesign returns docs/design.md under root as it should be: with the quirk table
// generated from mockwebex.Catalogue() and the feature files present under root.
func CurrentDesign(root, doc string) (string, error) {
	quirks := mockwebex.Catalogue()
	features, err := QuirkFeatures(root, quirks)
	if err != nil {
		return "", err
	}
	return WithQuirkTable(doc, QuirkTable(quirks, features))
}
