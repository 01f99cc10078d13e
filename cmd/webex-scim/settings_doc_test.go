package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// programFlag is one flag as the program registers it: its name, the usage text and the default
// PrintDefaults shows ("" when the default is the zero value).
type programFlag struct{ name, usage, def string }

// usageLine matches one flag of flag.PrintDefaults: "  -name type" then "    \tusage (default x)".
var usageLine = regexp.MustCompile(`(?m)^  -(\S+)(?: \S+)?\n\s+\t(.*?)(?: \(default (.*)\))?$`)

// programFlags are the flags parseSettings registers, read from its -h output, and the environment
// variables it reads (every name it asks getenv for).
func programFlags(t *testing.T) (map[string]programFlag, map[string]bool) {
	t.Helper()
	var mu sync.Mutex
	envs := map[string]bool{}
	getenv := func(k string) string { mu.Lock(); defer mu.Unlock(); envs[k] = true; return "" }
	var out bytes.Buffer
	_, err := parseSettings([]string{"-h"}, getenv, &out)
	require.True(t, errors.Is(err, flag.ErrHelp), "%v", err)
	flags := map[string]programFlag{}
	for _, m := range usageLine.FindAllStringSubmatch(out.String(), -1) {
		def := m[3]
		if u, err := strconv.Unquote(def); err == nil {
			def = u
		}
		flags[m[1]] = programFlag{name: m[1], usage: m[2], def: def}
	}
	require.NotEmpty(t, flags, out.String())
	return flags, envs
}

// settingsRow is one row of a settings table: its env and flag names, paired by position
// ("`SCIM_CLIENT_ID`, `SCIM_CLIENT_SECRET`" with "`-scim-client-id`, `-scim-client-secret`"), and
// its default cell.
type settingsRow struct {
	envs, flags []string
	def         string
}

var backticked = regexp.MustCompile("`([^`]*)`")

// settingsTable reads the "| env | flag | meaning | default |" table that follows the line
// starting with after in doc.
func settingsTable(t *testing.T, doc, after string) []settingsRow {
	t.Helper()
	_, rest, ok := strings.Cut(doc, after)
	require.True(t, ok, "no %q", after)
	_, rest, ok = strings.Cut(rest, "| env | flag | meaning | default |\n|---|---|---|---|\n")
	require.True(t, ok, "no settings table after %q", after)
	var rows []settingsRow
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		require.Len(t, cells, 4, line)
		names := func(cell string) []string {
			var out []string
			for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
				out = append(out, strings.TrimPrefix(m[1], "-"))
			}
			return out
		}
		rows = append(rows, settingsRow{envs: names(cells[0]), flags: names(cells[1]), def: cells[3]})
	}
	return rows
}

// sameDefault reports whether the table's default cell states the program's default def: as a
// `literal`, durations compared by value ("1m" is "1m0s"). A zero default (def "") may be written
// in words ("empty: embedded fake", "—") or as `false` or `0`.
func sameDefault(cell, def string) bool {
	lits := backticked.FindAllStringSubmatch(cell, -1)
	if def == "" {
		for _, m := range lits {
			if m[1] != "false" && m[1] != "0" && m[1] != "" {
				return false
			}
		}
		return true
	}
	for _, m := range lits {
		if m[1] == def {
			return true
		}
		a, errA := time.ParseDuration(m[1])
		b, errB := time.ParseDuration(def)
		if errA == nil && errB == nil && a == b {
			return true
		}
	}
	return false
}

// design §2: the settings tables of the README and of docs/design.md list every flag and
// environment variable cmd/webex-scim has, once each, each flag with the variable its usage names,
// and the default the program really has.
func TestSettingsTablesMatchTheProgram(t *testing.T) {
	flags, envs := programFlags(t)
	root := filepath.Join("..", "..")
	for _, doc := range []struct{ file, after string }{
		{"README.md", "## Settings"},
		{filepath.Join("docs", "design.md"), "Connector settings"},
	} {
		t.Run(doc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(root, doc.file))
			require.NoError(t, err)
			rows := settingsTable(t, string(raw), doc.after)
			seenFlag, seenEnv := map[string]int{}, map[string]bool{}
			for _, r := range rows {
				require.Len(t, r.envs, len(r.flags), "%s: env and flag names pair up: %v %v", doc.file, r.envs, r.flags)
				for i, name := range r.flags {
					seenFlag[name]++
					seenEnv[r.envs[i]] = true
					f, ok := flags[name]
					if !assert.True(t, ok, "%s lists -%s, which the program does not have", doc.file, name) {
						continue
					}
					assert.Contains(t, f.usage, r.envs[i], "%s pairs -%s with %s; the program's usage says otherwise", doc.file, name, r.envs[i])
					assert.True(t, sameDefault(r.def, f.def), "%s: -%s defaults to %q in the program, the table says %q", doc.file, name, f.def, r.def)
				}
			}
			for name := range flags {
				assert.Equal(t, 1, seenFlag[name], "%s lists -%s once", doc.file, name)
			}
			for env := range envs {
				assert.True(t, seenEnv[env], "%s does not list %s, which the program reads", doc.file, env)
			}
		})
	}
}
