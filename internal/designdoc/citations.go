package designdoc

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	// headingSection finds the section number of a heading: "## §3 SCIM surface", "### §3.7 …".
	headingSection = regexp.MustCompile(`(?m)^#{1,6}[ \t]+§(\d+(?:\.\d+)*)\b`)
	// designCitation finds "design §3.7", also when a comment wraps between the two words
	// ("design\n// §3.7").
	designCitation = regexp.MustCompile(`\bdesign\b[\s/#*]*§(\d+(?:\.\d+)*)`)
	// oldCitation finds a citation of the first specification by its old name, wrapped or not,
	// with or without the section sign: the citations now go to design §N.
	oldCitation = regexp.MustCompile(`\bSPEC\b(?:[\s/#*]*§|\s+\d)`)
)

// Sections returns the section numbers the headings of a design document define.
func Sections(doc []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range headingSection.FindAllSubmatch(doc, -1) {
		out[string(m[1])] = true
	}
	return out
}

// Problem is one citation that does not resolve.
type Problem struct {
	File string // relative to the root, with forward slashes
	Line int
	Text string // what was cited
	Why  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %q %s", p.File, p.Line, p.Text, p.Why) }

// skipDirs are not searched: git's own files, and outputs kept out of git (.gitignore).
var skipDirs = map[string]bool{".git": true, "reports": true, "bin": true}

// CheckCitations searches every text file under root for citations that do not resolve against
// sections: the old "design §N" form, and "design §N" where sections has no N. Problems are
// ordered by file and line.
func CheckCitations(root string, sections map[string]bool) ([]Problem, error) {
	var problems []Problem
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
			return nil // binary
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		problems = append(problems, checkText(filepath.ToSlash(rel), data, sections)...)
		return nil
	})
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return problems[i].File < problems[j].File
		}
		return problems[i].Line < problems[j].Line
	})
	return problems, err
}

// checkText returns the unresolved citations of one file.
func checkText(file string, data []byte, sections map[string]bool) []Problem {
	var out []Problem
	lineOf := func(off int) int { return 1 + bytes.Count(data[:off], []byte("\n")) }
	for _, m := range oldCitation.FindAllIndex(data, -1) {
		out = append(out, Problem{File: file, Line: lineOf(m[0]), Text: oneLine(data[m[0]:m[1]]),
			Why: "cites the old specification: cite the section of docs/design.md instead (design §N, same numbers)"})
	}
	for _, m := range designCitation.FindAllSubmatchIndex(data, -1) {
		if n := string(data[m[2]:m[3]]); !sections[n] {
			out = append(out, Problem{File: file, Line: lineOf(m[0]), Text: oneLine(data[m[0]:m[1]]),
				Why: fmt.Sprintf("cites §%s, which docs/design.md does not have", n)})
		}
	}
	return out
}

func oneLine(b []byte) string { return strings.Join(strings.Fields(string(b)), " ") }
