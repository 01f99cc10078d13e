package report

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// featureScenarios lists the scenarios of the feature files under dir with their tags (the
// feature's and their own), reading just enough Gherkin for that: an outline is one scenario,
// named as written.
func featureScenarios(t *testing.T, dir string) []Scenario {
	t.Helper()
	var out []Scenario
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".feature") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, p)
		var featureTags, pending []string
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			text := strings.TrimSpace(sc.Text())
			switch {
			case strings.HasPrefix(text, "@"):
				pending = append(pending, strings.Fields(text)...)
			case strings.HasPrefix(text, "Feature:"):
				featureTags, pending = pending, nil
			case strings.HasPrefix(text, "Scenario:"), strings.HasPrefix(text, "Scenario Outline:"), strings.HasPrefix(text, "Example:"):
				_, name, _ := strings.Cut(text, ":")
				out = append(out, Scenario{URI: filepath.ToSlash(rel), Line: line, Name: strings.TrimSpace(name),
					Tags: append(append([]string(nil), featureTags...), pending...)})
				pending = nil
			case text != "" && !strings.HasPrefix(text, "#"):
				pending = nil
			}
		}
		return sc.Err()
	})
	require.NoError(t, err)
	require.NotEmpty(t, out)
	return out
}

// TestVendorRowsHaveScenarios keeps the vendor page's rows and the features together: every row
// a scenario should check is checked by at least one scenario of features/, and every @seed
// scenario (a row of the vendor page, features/README.md) belongs to a row. A renamed scenario
// would otherwise leave its row "not run" on every page.
func TestVendorRowsHaveScenarios(t *testing.T) {
	scenarios := featureScenarios(t, filepath.Join("..", "..", "features"))
	rows := VendorRows()
	for _, r := range rows {
		if r.Outside != "" {
			continue
		}
		n := 0
		for _, s := range scenarios {
			if r.Matches(s) {
				n++
			}
		}
		assert.NotZero(t, n, "vendor-page row %q (%s) has no scenario in features/", r.ID, r.Title)
	}
	for _, s := range scenarios {
		if !s.HasTag("@seed") {
			continue
		}
		found := false
		for _, r := range rows {
			found = found || r.Matches(s)
		}
		assert.True(t, found, "@seed scenario %q (%s) belongs to no vendor-page row", s.Name, s.Key())
	}
}

func TestRowIDsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range AllRows() {
		assert.False(t, seen[r.ID], "row %s twice", r.ID)
		seen[r.ID] = true
	}
}
