# webex-scim — `make help` lists the targets.
GO      ?= go
ADDR    ?= 127.0.0.1:8080
MOCKADDR?= 127.0.0.1:9090

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: run
run: ## run the connector on the embedded fake Webex (logs the SCIM URL and token)
	$(GO) run ./cmd/webex-scim -addr $(ADDR)

.PHONY: mock
mock: ## run the fake Webex alone on $(MOCKADDR)
	$(GO) run ./cmd/mockwebex -addr $(MOCKADDR)

.PHONY: test
test: ## every test with -race, features included, against in-process fakes
	$(GO) test -race ./...

.PHONY: features
features: ## the Gherkin suite only, in-process (add GODOG_FLAGS='-godog.tags=@WX05')
	$(GO) test -race ./features/ -run TestFeatures $(GODOG_FLAGS)

.PHONY: features-external
features-external: ## the suite against cmd/mockwebex and cmd/webex-scim started as processes
	bash scripts/features-external.sh

.PHONY: report
report: ## the conformance page reports/conformance.html, from a feature run against the in-process fake
	@# The page is written even when scenarios fail (that is when it is read); make still fails then.
	@# More targets: REPORT_TARGETS='webex=reports/webex.cucumber.json' (README, "The conformance report").
	@mkdir -p reports
	@status=0; $(GO) test -count=1 ./features/ -run '^TestFeatures$$' "-godog.format=cucumber:$(CURDIR)/reports/fake.cucumber.json" $(GODOG_FLAGS) || status=$$?; \
	$(GO) run ./cmd/conformance-report -o reports/conformance.html fake=reports/fake.cucumber.json $(REPORT_TARGETS) && exit $$status

.PHONY: bench
bench: ## the benchmarks of design §7, round trips at 0/10/50 ms and memory vs N (figures in BENCHMARKS.md)
	@# -p 1: one package at a time, so that no benchmark shares the two cores with another.
	$(GO) test -p 1 -run '^$$' -bench . -skip 'RoundTrips|ListingMemory|Fanout' -benchmem ./...
	@# Round trips at 0, 10 and 50 ms of simulated Webex latency, once each; prints the table (BENCHMARKS.md).
	$(GO) test -run '^$$' -bench RoundTrips -benchtime 1x ./connector/
	@# The connector's memory during a cursor listing of 20,000, 50,000 and 100,000 people (fake in a child process).
	$(GO) test -run '^$$' -bench ListingMemory -benchtime 1x ./connector/

.PHONY: lint
lint: ## gofmt, go vet and go mod tidy checks
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo 'gofmt: files above need formatting'; exit 1)
	$(GO) vet ./...
	$(GO) mod tidy -diff
