package designdoc_test

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ARCHITECTURE.md's "Where to look first" table is how a newcomer finds things: every file it
// points at must exist. In a cell, a name with a slash is a path from the module root; a bare name
// ("groups_chg_list.go") is in the directory of the path before it, as the table writes
// "`connector/groups_chg.go`, `groups_chg_list.go`"; a pattern (filter*.go) must match a file.
func TestArchitectureWhereToLookPointsAtFiles(t *testing.T) {
	root := moduleRoot(t)
	doc, err := os.ReadFile(filepath.Join(root, "ARCHITECTURE.md"))
	require.NoError(t, err)
	_, table, ok := strings.Cut(string(doc), "## Where to look first\n")
	require.True(t, ok, "ARCHITECTURE.md has no \"Where to look first\" section")
	table, _, _ = strings.Cut(table, "\n## ")

	file := regexp.MustCompile("`([A-Za-z0-9_./*-]+\\.(?:go|md|json|sh)|[A-Za-z0-9_.-]+/)`")
	checked := 0
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 2 || strings.HasPrefix(strings.TrimSpace(cells[0]), "---") || strings.TrimSpace(cells[0]) == "question" {
			continue
		}
		dir := ""
		for _, m := range file.FindAllStringSubmatch(cells[1], -1) {
			name := m[1]
			if strings.Contains(name, "/") {
				dir = path.Dir(name)
				if strings.HasSuffix(name, "/") {
					dir = strings.TrimSuffix(name, "/")
				}
			} else {
				name = path.Join(dir, name)
			}
			matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(name)))
			require.NoError(t, err, name)
			assert.NotEmpty(t, matches, "ARCHITECTURE.md, %q: %s does not exist", strings.TrimSpace(cells[0]), name)
			checked++
		}
	}
	assert.Greater(t, checked, 20, "the table's files were found")
}
