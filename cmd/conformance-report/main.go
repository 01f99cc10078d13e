// Command conformance-report turns the cucumber JSON of feature runs into one self-contained
// HTML page (design §6): every row of the vendor page and every quirk of the fake's catalogue,
// pass / fail / not run per target, with the failing step's message and Webex's tracking id.
//
//	go run ./cmd/conformance-report [-o reports/conformance.html] TARGET=FILE[,FILE…] …
//
// Each argument names one target (a column of the page: "fake", "webex", "connector-acme") and
// the cucumber reports of its runs, e.g.
//
//	go test ./features/ -godog.format=cucumber:$PWD/reports/fake.cucumber.json
//	go run ./cmd/conformance-report fake=reports/fake.cucumber.json
//
// `make report` does both against the in-process fake; `scripts/features-external.sh --report`
// against the fake and the connector started as processes. The page is written even when
// scenarios failed (that is what it is for); the command fails only when it cannot read a report
// or write the page.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/internal/report"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, time.Now); err != nil {
		fmt.Fprintln(os.Stderr, "conformance-report:", err)
		os.Exit(1)
	}
}

// run writes the page for the targets named in args.
func run(_ context.Context, args []string, stdout io.Writer, now func() time.Time) error {
	fs := flag.NewFlagSet("conformance-report", flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("o", filepath.Join("reports", "conformance.html"), "the HTML page to write")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: conformance-report [-o FILE] TARGET=CUCUMBER.json[,MORE.json] ...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("name at least one target: TARGET=CUCUMBER.json")
	}
	var targets []report.Target
	seen := map[string]bool{}
	for _, arg := range fs.Args() {
		name, files, ok := strings.Cut(arg, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || files == "" {
			return fmt.Errorf("%q: want TARGET=CUCUMBER.json[,MORE.json]", arg)
		}
		if seen[name] {
			return fmt.Errorf("target %q named twice: list all its reports in one argument, comma-separated", name)
		}
		seen[name] = true
		t, err := report.ReadTarget(name, strings.Split(files, ",")...)
		if err != nil {
			return fmt.Errorf("target %s: %w", name, err)
		}
		targets = append(targets, t)
	}
	rep := report.Build(report.AllRows(), targets, now())
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, rep); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	for _, t := range targets {
		counts := map[report.Status]int{}
		for _, sec := range rep.Sections {
			for _, r := range sec.Rows {
				for _, c := range r.Cells {
					if c.Target == t.Name {
						counts[c.Status]++
					}
				}
			}
		}
		fmt.Fprintf(stdout, "conformance-report: %s: %d rows pass, %d fail, %d not run (%d scenarios)\n",
			t.Name, counts[report.Pass], counts[report.Fail], counts[report.NotRun], len(t.Scenarios))
	}
	fmt.Fprintf(stdout, "conformance-report: wrote %s\n", *out)
	return nil
}
