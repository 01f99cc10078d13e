package features_test

import (
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cucumber/godog"

	"github.com/webex-scim/webex-scim/steps"
)

// godogFlags holds the -godog.* flags (-godog.tags, -godog.format, -godog.concurrency,
// -godog.random, -godog.paths…). Flags are process-wide by nature: this is the test binary's
// one package-level variable, written only by flag parsing before TestFeatures runs.
//
// godog.BindFlags is used rather than BindCommandLineFlags: the latter binds pflag, which
// reads `-godog.tags=@WX05` as a cluster of one-letter flags; Go's flag package accepts both
// -godog.tags and --godog.tags, as `go test` passes them.
var godogFlags = godog.Options{Strict: true, Format: "pretty"}

func init() { godog.BindFlags("godog.", flag.CommandLine, &godogFlags) }

// Concurrency when -godog.concurrency is not given: scenarios of an in-process run each have
// their own fake and run side by side; an external target is shared, so one at a time.
const (
	inProcessConcurrency = 4
	externalConcurrency  = 1
)

// suiteDirs are the feature directories, by what they check (design §6); those that exist run.
var suiteDirs = []string{"webex", "scim", "e2e"}

// TestFeatures runs the Gherkin features as subtests, against in-process fakes by default and
// against the targets named by WEBEX_BASE_URL/WEBEX_ACCESS_TOKEN (see steps.EnvFromOS).
//
//	go test ./features/ -godog.tags=@WX05
//	go test ./features/ -godog.format=junit:reports/junit.xml,cucumber:reports/cucumber.json
func TestFeatures(t *testing.T) {
	env, err := steps.EnvFromOS(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	runFeatures(t, env, godogFlags)
}

// groupKindsTag marks the features that run against both group kinds of the connector (issue
// 10): teams, the default, in TestFeatures, and Control Hub groups in TestFeaturesGroupKindGroups.
const groupKindsTag = "@group-kinds"

// TestFeaturesGroupKindGroups runs the group features (tagged @group-kinds) again against
// in-process connectors whose Groups are Control Hub groups (WEBEX_GROUP_KIND=groups); scenarios
// tagged @teams-only are skipped with the reason. Against external targets the connector's kind
// is the process's own: scripts/features-external.sh starts one of each and runs TestFeatures
// with SCIM_GROUP_KIND, so this test has nothing to add there. Report files get ".groups" before
// their extension.
//
//	go test ./features/ -run TestFeaturesGroupKindGroups -godog.tags=@WX21
func TestFeaturesGroupKindGroups(t *testing.T) {
	env, err := steps.EnvFromOS(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if env.External() {
		t.Skip("external targets: the connector's group kind is its own (SCIM_GROUP_KIND); scripts/features-external.sh runs both")
	}
	opts := godogFlags
	opts.Tags = groupKindsTag
	if godogFlags.Tags != "" {
		opts.Tags = groupKindsTag + " && (" + godogFlags.Tags + ")"
	}
	opts.Format = suffixReports(opts.Format, ".groups")
	runFeatures(t, env.WithGroupKind("groups"), opts)
}

// runFeatures runs the suite of env with opts (godogFlags, or a copy adjusted by the caller).
func runFeatures(t *testing.T, env *steps.Env, opts godog.Options) {
	// Warnings only (cleanups that failed, also reported as scenario errors); skip reasons go
	// to each scenario's own log (-v).
	env = env.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	defer env.Close()

	opts.TestingT = t
	if !flagGiven("godog.concurrency", "godog.c") {
		opts.Concurrency = inProcessConcurrency
		if env.External() {
			opts.Concurrency = externalConcurrency
		}
	}
	if len(opts.Paths) == 0 {
		for _, dir := range suiteDirs {
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				opts.Paths = append(opts.Paths, dir)
			}
		}
	}
	opts.Format = withSummary(opts.Format)
	if err := makeReportDirs(opts.Format); err != nil {
		t.Fatal(err)
	}
	t.Logf("features %v, run prefix %q, external Webex: %v, group kind %s, concurrency %d",
		opts.Paths, env.RunPrefix, env.External(), env.GroupKind, opts.Concurrency)

	suite := godog.TestSuite{
		Name:                "webex-scim",
		ScenarioInitializer: func(sc *godog.ScenarioContext) { steps.InitializeScenario(sc, env) },
		Options:             &opts,
	}
	status := suite.Run()
	reportSkips(t, env.Skipped())
	if status != 0 {
		t.Fatalf("godog exited with status %d", status)
	}
}

// suffixReports puts suffix before the extension of every report file a -godog.format names
// ("junit:reports/junit.xml" → "junit:reports/junit.groups.xml"), so that a second run of the
// suite in one process does not overwrite the first one's reports.
func suffixReports(format, suffix string) string {
	parts := strings.Split(format, ",")
	for i, f := range parts {
		if name, path, ok := strings.Cut(f, ":"); ok && path != "" {
			ext := filepath.Ext(path)
			parts[i] = name + ":" + strings.TrimSuffix(path, ext) + suffix + ext
		}
	}
	return strings.Join(parts, ",")
}

// reportSkips shows every scenario that did not run against this target as a skipped subtest
// with its reason, and counts them in the log: godog itself reports a scenario skipped by its
// Before hook as passed (design §6: skipped with the reason, never silently passed).
func reportSkips(t *testing.T, skips []steps.Skip) {
	if len(skips) == 0 {
		return
	}
	t.Logf("%d scenarios did not run against this target (shown as skipped subtests):", len(skips))
	for _, s := range skips {
		t.Run("skipped: "+s.Scenario, func(t *testing.T) { t.Skipf("%s: %s", s.Where, s.Reason) })
	}
}

// flagGiven reports whether any of the named flags was set on the command line.
func flagGiven(names ...string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) {
		for _, n := range names {
			if f.Name == n {
				given = true
			}
		}
	})
	return given
}

// makeReportDirs creates the directories of the report files a -godog.format names
// ("junit:reports/junit.xml,cucumber:reports/cucumber.json"): godog creates the files, not
// their directories.
func makeReportDirs(format string) error {
	for _, f := range strings.Split(format, ",") {
		if _, path, ok := strings.Cut(f, ":"); ok && path != "" {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
		}
	}
	return nil
}

// withSummary adds godog's progress formatter when every format given writes to a file
// ("junit:reports/junit.xml,cucumber:reports/cucumber.json"), so that the run still ends with a
// readable summary on the console (go test -v shows it; issue #5).
func withSummary(format string) string {
	for _, f := range strings.Split(format, ",") {
		if _, path, ok := strings.Cut(f, ":"); !ok || path == "" {
			return format
		}
	}
	return "progress," + format
}
