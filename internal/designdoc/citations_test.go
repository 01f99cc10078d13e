package designdoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSections(t *testing.T) {
	doc := "# Title\n## §1 One\ntext §9 here\n### §3.10 Ten\n#### §4.2.1 Deep\n##§8 no space\n"
	assert.Equal(t, map[string]bool{"1": true, "3.10": true, "4.2.1": true}, Sections([]byte(doc)))
}

// TestCheckCitations builds a small tree and checks what is reported, and what is not.
func TestCheckCitations(t *testing.T) {
	root := t.TempDir()
	// Kept apart so that this file does not cite them itself.
	old, des := "SP"+"EC", "de"+"sign"
	files := map[string]string{
		"a.go":          "// good (design §3.7) and design §3.1.\n// bad: " + des + " §3.11 and " + old + " §4.1\n",
		"b/c.feature":   "Feature: x (" + old + "\n  # §5) and " + des + "\n  # §9\n",
		"d.md":          "fixtures note: " + old + " 4.1 says; SPECIAL terms; a SPEC file; design §5 WX19\n",
		".ci/run":       "echo " + old + " §6\n",
		"reports/x.log": old + " §1 (ignored: an output)\n",
		".git/HEAD":     old + " §1 (ignored: git's own)\n",
		"bin.dat":       "\x00" + old + " §1",
		"e.sh":          "# design §1–§7, design §4.6\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	sections := map[string]bool{"1": true, "3.1": true, "3.7": true, "4.6": true, "5": true}
	problems, err := CheckCitations(root, sections)
	require.NoError(t, err)
	var got []string
	for _, p := range problems {
		got = append(got, p.File+":"+strings.Fields(p.Why)[0]+":"+p.Text)
	}
	assert.ElementsMatch(t, []string{
		".ci/run:cites:" + old + " §",
		"a.go:cites:" + des + " §3.11",
		"a.go:cites:" + old + " §",
		"b/c.feature:cites:" + old + " # §",
		"b/c.feature:cites:" + des + " # §9",
		"d.md:cites:" + old + " 4",
	}, got)
	for _, p := range problems {
		if p.File == "b/c.feature" && strings.HasPrefix(p.Text, "design") {
			assert.Equal(t, 2, p.Line, "the line where the citation starts")
		}
	}
}

func TestWithQuirkTable(t *testing.T) {
	doc := "a\n" + BeginQuirks + "\nold table\n" + EndQuirks + "\nb\n"
	got, err := WithQuirkTable(doc, "| new |\n")
	require.NoError(t, err)
	assert.Equal(t, "a\n"+BeginQuirks+"\n| new |\n"+EndQuirks+"\nb\n", got)

	_, err = WithQuirkTable("no markers", "x")
	assert.Error(t, err)
	_, err = WithQuirkTable(doc+doc, "x")
	assert.Error(t, err)
}
