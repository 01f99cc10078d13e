package designdoc_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/designdoc"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// moduleRoot is the directory holding go.mod, above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test's directory")
		dir = parent
	}
}

func readDesign(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(designdoc.DesignPath)))
	require.NoError(t, err)
	return string(b)
}

// TestQuirkCatalogueIsCurrent fails when docs/design.md's quirk table differs from what
// mockwebex.Catalogue() generates (a quirk added, changed or removed without go generate).
func TestQuirkCatalogueIsCurrent(t *testing.T) {
	root := moduleRoot(t)
	doc := readDesign(t, root)
	want, err := designdoc.CurrentDesign(root, doc)
	require.NoError(t, err)
	if doc != want {
		t.Fatalf("%s: the quirk catalogue is stale against mockwebex.Catalogue(); run: go generate ./internal/designdoc", designdoc.DesignPath)
	}
	// Every quirk of the catalogue is a row, so the doc cannot miss one (however it was edited).
	for _, q := range mockwebex.Catalogue() {
		assert.Contains(t, doc, "| "+q.Code+" | ", "no row for %s", q.Code)
	}
}

// TestDesignCitationsResolve fails when any file of the repository cites the old specification
// ("SPEC" and a section) or a design section that docs/design.md does not have.
func TestDesignCitationsResolve(t *testing.T) {
	root := moduleRoot(t)
	sections := designdoc.Sections([]byte(readDesign(t, root)))
	for _, n := range []string{"1", "2", "3", "3.1", "3.10", "4.6", "5", "6", "7"} {
		require.True(t, sections[n], "docs/design.md has no §%s", n)
	}
	problems, err := designdoc.CheckCitations(root, sections)
	require.NoError(t, err)
	for _, p := range problems {
		t.Error(p)
	}
}
