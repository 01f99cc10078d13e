package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SECURITY.md names the test behind each protection (issue 12); every name it gives must be a test
// or fuzz function of the module, so that a renamed or deleted test shows up here.
func TestSecurityDocNamesExistingTests(t *testing.T) {
	root := filepath.Join("..", "..")
	doc, err := os.ReadFile(filepath.Join(root, "SECURITY.md"))
	require.NoError(t, err)
	named := regexp.MustCompile(`\*\*((?:Test|Fuzz)[A-Za-z0-9_]+)\*\*`).FindAllStringSubmatch(string(doc), -1)
	require.NotEmpty(t, named)

	var sources strings.Builder
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, "_test.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sources.Write(b)
		}
		return nil
	}))
	all := sources.String()
	for _, m := range named {
		assert.Contains(t, all, "func "+m[1]+"(", "SECURITY.md names %s", m[1])
	}
}
