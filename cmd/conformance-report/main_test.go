package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testdata = "../../internal/report/testdata/"

func fixedNow() time.Time { return time.Date(2026, 12, 5, 21, 0, 0, 0, time.UTC) }

func TestRunWritesThePage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "conformance.html")
	var stdout bytes.Buffer
	err := run(context.Background(), []string{"-o", out,
		"fake=" + testdata + "fake.cucumber.json",
		"webex=" + testdata + "webex-quirks-off.cucumber.json," + testdata + "webex-quirks-off.cucumber.json"}, &stdout, fixedNow)
	require.NoError(t, err)
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(page), `data-row="WX03"`)
	assert.Contains(t, string(page), "2026-12-05 21:00:00 UTC")
	assert.Contains(t, stdout.String(), "conformance-report: webex: ")
	assert.Contains(t, stdout.String(), "wrote "+out)
}

func TestRunRefusesBadArguments(t *testing.T) {
	dir := t.TempDir()
	for name, args := range map[string][]string{
		"no target":      {},
		"no file":        {"fake="},
		"no name":        {"=" + testdata + "fake.cucumber.json"},
		"not NAME=FILES": {testdata + "fake.cucumber.json"},
		"missing file":   {"fake=" + filepath.Join(dir, "none.json")},
		"not cucumber":   {"fake=" + testdata + "../doc.go"},
		"named twice":    {"fake=" + testdata + "fake.cucumber.json", "fake=" + testdata + "fake.cucumber.json"},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".html")
		err := run(context.Background(), append([]string{"-o", out}, args...), &bytes.Buffer{}, fixedNow)
		assert.Error(t, err, name)
		_, statErr := os.Stat(out)
		assert.True(t, os.IsNotExist(statErr), "%s: no page written", name)
	}
}
