package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// usageLine matches one flag of flag.PrintDefaults: "  -name type" then "    \tusage (default x)".
var usageLine = regexp.MustCompile(`(?m)^  -(\S+)(?: \S+)?\n\s+\t(.*?)(?: \(default (.*)\))?$`)

// design §2: the fake's settings table in docs/design.md lists every flag cmd/mockwebex has, once,
// with the default it really has, and the README's section on the fake names every flag.
func TestSettingsDocumentedAsTheProgramHasThem(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-h"}, func(string) string { return "" }, &out)
	require.True(t, errors.Is(err, flag.ErrHelp), "%v", err)
	defaults := map[string]string{}
	for _, m := range usageLine.FindAllStringSubmatch(out.String(), -1) {
		def := m[3]
		if u, err := strconv.Unquote(def); err == nil {
			def = u
		}
		defaults[m[1]] = def
	}
	require.NotEmpty(t, defaults, out.String())

	root := filepath.Join("..", "..")
	design, err := os.ReadFile(filepath.Join(root, "docs", "design.md"))
	require.NoError(t, err)
	_, table, ok := strings.Cut(string(design), "Fake settings (`cmd/mockwebex`)")
	require.True(t, ok)
	_, table, ok = strings.Cut(table, "| flag | meaning | default |\n|---|---|---|\n")
	require.True(t, ok, "no fake settings table in design §2")
	row := regexp.MustCompile("^\\| `-([a-z-]+)[^`]*` \\| .* \\| (.*) \\|$")
	seen := map[string]int{}
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		m := row.FindStringSubmatch(line)
		require.NotNil(t, m, line)
		seen[m[1]]++
		def, ok := defaults[m[1]]
		if !assert.True(t, ok, "design §2 lists -%s, which cmd/mockwebex does not have", m[1]) {
			continue
		}
		lit := regexp.MustCompile("`([^`]*)`").FindStringSubmatch(m[2])
		switch {
		case def == "":
			assert.True(t, lit == nil || lit[1] == "0" || lit[1] == "0s", "-%s has no default in the program; design §2 says %q", m[1], m[2])
		case lit == nil:
			t.Errorf("-%s defaults to %q; design §2 says %q", m[1], def, m[2])
		default:
			a, errA := time.ParseDuration(lit[1])
			b, errB := time.ParseDuration(def)
			assert.True(t, lit[1] == def || (errA == nil && errB == nil && a == b), "-%s defaults to %q; design §2 says %q", m[1], def, m[2])
		}
	}

	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	_, fake, ok := strings.Cut(string(readme), "## The fake Webex")
	require.True(t, ok)
	fake, _, _ = strings.Cut(fake, "\n## ")
	for name := range defaults {
		assert.Equal(t, 1, seen[name], "design §2 lists -%s once", name)
		named := regexp.MustCompile("[` ]-" + regexp.QuoteMeta(name) + `\b`).MatchString(fake)
		assert.True(t, named, "README's section on the fake names -%s", name)
	}
	assert.Contains(t, string(design), "MOCKWEBEX_LOG_LEVEL")
}
