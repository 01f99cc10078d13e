#!/usr/bin/env bash
# Runs the conformance features against targets started as separate processes (design §6): the
# fake Webex (cmd/mockwebex) and the connector (cmd/webex-scim, in real mode, pointed at that
# fake), each on a free loopback port, reached only over HTTP exactly as a run against real
# Webex and a deployed connector would: WEBEX_BASE_URL and WEBEX_ACCESS_TOKEN for Webex,
# SCIM_BASE_URL with the client-credentials token endpoint for the connector;
# WEBEX_MOCK_CONTROL=1 lets the @mock-only scenarios run.
#
# The connector gets its Webex token the way an administrator gives it: the script visits
# /consent with curl, and the fake signs its seeded admin in at once (login_hint,
# mockwebex/oauth.go). Between the Webex and SCIM features and the end-to-end replays, the
# connector is killed (SIGKILL) and started again on the same address with the same token file:
# it must serve without a new consent, and the replays run against it (issue #5). Last, GET
# /_mock/state must hold
# nothing the run created (every email and name carries the run prefix).
#
#   bash scripts/features-external.sh                     (make features-external)
#   FEATURES_FORMAT=pretty bash scripts/features-external.sh
#   GODOG_TAGS=@WX05 bash scripts/features-external.sh
#   MOCKWEBEX_QUIRKS=WX01,WX02 GODOG_TAGS=@WX05 bash scripts/features-external.sh   (-quirks of the fake)
#   bash scripts/features-external.sh --report            (also reports/conformance.html; CI does so)
#
# --report: each suite also writes a cucumber report (reports/features-external.NAME.cucumber.json)
# and, once both ran, cmd/conformance-report turns them into reports/conformance.html, one column
# "REPORT_TARGET" (default "fake (processes)", with MOCKWEBEX_QUIRKS when set). The page is
# written when scenarios failed too.
#
# Reports: reports/features-external.webex-scim.junit.xml (the Webex and SCIM features, before the
# connector is killed) and reports/features-external.e2e.junit.xml (the replays, after its
# restart), then reports/features-external.groups.junit.xml (the @group-kinds features against a
# second connector with WEBEX_GROUP_KIND=groups); override the whole -godog.format with
# FEATURES_FORMAT); what the processes print goes to reports/features-external.*.log. Needs go
# and curl. Exits non-zero when the suite fails, when a process does not come up, when the
# restarted connector needs a new consent, or when data is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

report=0
for arg in "$@"; do
  case $arg in
  --report) report=1 ;;
  *)
    printf 'usage: %s [--report]\n' "$0" >&2
    exit 2
    ;;
  esac
done

workdir=$(mktemp -d)
pids=()
mkdir -p "$root/reports"
stop_all() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  # Keep what the processes printed, for a failed run to be read.
  for out in "$workdir"/*.out; do
    [ -e "$out" ] || continue
    cat "$out" "${out%.out}.err" >"$root/reports/features-external.$(basename "$out" .out).log" 2>/dev/null || true
  done
  rm -rf "$workdir"
}
trap stop_all EXIT

say() { printf '== features-external: %s\n' "$*"; }
fail() {
  printf '== features-external: FAILED: %s\n' "$*" >&2
  exit 1
}

# random_hex N prints 2N lowercase hex digits.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# start NAME LOGBASE CMD...: starts CMD in the background of this shell (not of a command
# substitution's subshell, so that the EXIT trap can stop it) and records its pid.
start() {
  local name=$1 log=$2
  shift 2
  "$@" >"$log.out" 2>"$log.err" &
  pids+=("$!")
  say "started $name (pid $!)"
}

# wait_for_url NAME LOGBASE PATTERN: prints the first stdout match of PATTERN (the URL the
# process says it listens on), failing if the newest started process exits first.
wait_for_url() {
  local name=$1 log=$2 pattern=$3 pid=${pids[-1]} url=""
  for _ in $(seq 1 200); do
    url=$(grep -o -m1 "$pattern" "$log.out" 2>/dev/null || true)
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log.err" >&2; fail "$name exited before listening"; }
    sleep 0.05
  done
  [ -n "$url" ] || { cat "$log.err" >&2; fail "$name printed no URL"; }
  printf '%s' "$url"
}

# wait_healthy NAME URL: polls URL until it answers 200.
wait_healthy() {
  for _ in $(seq 1 200); do
    curl -fsS -o /dev/null --max-time 2 "$2" && return 0
    sleep 0.05
  done
  fail "$1 is not healthy at $2"
}

run_prefix="wxs$(random_hex 3)-"
admin_token="ext-$(random_hex 24)"

say "building cmd/mockwebex"
go build -o "$workdir/mockwebex" ./cmd/mockwebex

start mockwebex "$workdir/mockwebex" \
  "$workdir/mockwebex" -addr 127.0.0.1:0 -admin-token "$admin_token" -quirks "${MOCKWEBEX_QUIRKS:-all}"
webex_url=$(wait_for_url mockwebex "$workdir/mockwebex" 'http://127\.0\.0\.1:[0-9]*/v1')
webex_origin=${webex_url%/v1}
wait_healthy mockwebex "$webex_origin/_mock/healthz"
say "fake Webex at $webex_url"

# --- The SCIM connector (cmd/webex-scim) -------------------------------------------------------
# Real mode (WEBEX_CLIENT_ID set) against the fake: the seeded integration's credentials, a
# random inbound bearer token and client credentials for POST /oauth/token, the token file in
# the work directory. The suite authenticates with client credentials only (SCIM_TOKEN_URL…);
# the static token serves the consent and the restart check below.
say "building cmd/webex-scim"
go build -o "$workdir/webex-scim" ./cmd/webex-scim

scim_token="scim-$(random_hex 24)"
scim_client_id="features-$(random_hex 4)"
scim_client_secret="$(random_hex 24)"
cursor_key="$(random_hex 32)"
token_file="$workdir/state/webex-token.json"
mkdir -p "$workdir/state"

# start_connector N ADDR: starts cmd/webex-scim on ADDR (127.0.0.1:0 for a free port; output in
# webex-scim-N.*) and sets scim_url and scim_origin. SCIM_CURSOR_KEY is fixed for the run, as in a
# real deployment, so that cursors and issued tokens outlive a restart (design §3.10).
group_kind=teams
start_connector() {
  local log="$workdir/webex-scim-$1"
  start webex-scim "$log" \
    env WEBEX_CLIENT_ID=mock-client-id WEBEX_CLIENT_SECRET=mock-client-secret WEBEX_GROUP_KIND="$group_kind" \
    WEBEX_TARGET_URL="$webex_url" WEBEX_TOKEN_FILE="$token_file" SCIM_CURSOR_KEY="$cursor_key" \
    SCIM_BEARER_TOKEN="$scim_token" SCIM_CLIENT_ID="$scim_client_id" SCIM_CLIENT_SECRET="$scim_client_secret" \
    "$workdir/webex-scim" -addr "$2"
  scim_url=$(wait_for_url webex-scim "$log" 'http://127\.0\.0\.1:[0-9]*/scim/v2')
  scim_origin=${scim_url%/scim/v2}
  wait_healthy webex-scim "$scim_origin/healthz"
}

# stop_connector: stops the connector started last (SIGTERM, then waits for it to finish).
stop_connector() {
  local pid=${pids[-1]}
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# scim_status PATH: the HTTP status of GET PATH on the connector with the static token.
scim_status() {
  curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $scim_token" "$scim_url$1"
}

start_connector 1 127.0.0.1:0
say "connector at $scim_url"
[ "$(scim_status /Users?count=1)" = 503 ] || fail "before consent, the connector must answer 503 (design §3.8)"

# consent: the administrator's consent (design §3.8), the connector started last. GET /consent with
# the connector's own credentials redirects to the fake's /authorize (with the scopes of its group
# kind, design §4.6); that page signs the seeded admin in at once given login_hint, and redirects
# to /consent/callback, which curl follows with the consent cookie.
consent() {
  local jar="$workdir/cookies-$group_kind" authorize confirmation
  authorize=$(curl -fsS -o /dev/null -w '%{redirect_url}' --max-time 10 -c "$jar" -u "consent:$scim_token" "$scim_origin/consent") ||
    fail "GET /consent failed"
  case "$authorize" in
  "$webex_url/authorize?"*) ;;
  *) fail "GET /consent redirected to '$authorize', not to the fake's /authorize" ;;
  esac
  confirmation=$(curl -fsSL --max-time 10 -b "$jar" -c "$jar" "$authorize&login_hint=admin%40example.com") ||
    fail "the consent round trip failed"
  printf '%s' "$confirmation" | grep -q "Consent recorded" || fail "no consent confirmation: $confirmation"
  [ "$(stat -c %a "$token_file")" = 600 ] || fail "the token file is not mode 0600"
  wait_healthy webex-scim "$scim_origin/readyz"
}
consent
say "consent recorded; connector ready"
# -----------------------------------------------------------------------------------------------

tags_flag=()
[ -n "${GODOG_TAGS:-}" ] && tags_flag=("-godog.tags=$GODOG_TAGS")

# run_suite NAME PATHS [TAGS]: runs the features under PATHS (only those matching the godog tag
# expression TAGS, and GODOG_TAGS) against the processes, over HTTP only,
# with a JUnit report reports/features-external.NAME.junit.xml (FEATURES_FORMAT overrides the
# whole -godog.format). Records a failure in suite_status and goes on, so that the checks below
# still run and the processes are still stopped.
suite_status=0
run_suite() {
  local format=${FEATURES_FORMAT:-"progress,junit:$root/reports/features-external.$1.junit.xml"}
  if [ "$report" = 1 ]; then
    rm -f "$root/reports/features-external.$1.cucumber.json"
    format="$format,cucumber:$root/reports/features-external.$1.cucumber.json"
  fi
  local tags=("${tags_flag[@]}")
  if [ -n "${3:-}" ]; then
    tags=("-godog.tags=$3${GODOG_TAGS:+ && ($GODOG_TAGS)}")
  fi
  say "running the features under $2 (run prefix $run_prefix, group kind $group_kind)"
  WEBEX_BASE_URL="$webex_url" \
    WEBEX_ACCESS_TOKEN="$admin_token" \
    WEBEX_MOCK_CONTROL=1 \
    SCIM_BASE_URL="$scim_url" \
    SCIM_TOKEN_URL="$scim_origin/oauth/token" \
    SCIM_CLIENT_ID="$scim_client_id" \
    SCIM_CLIENT_SECRET="$scim_client_secret" \
    WEBEX_SCIM_RUN_PREFIX="$run_prefix" \
    SCIM_GROUP_KIND="$group_kind" \
    go test -race -count=1 ./features/ -run '^TestFeatures$' "-godog.paths=$2" "-godog.format=$format" "${tags[@]}" ||
    suite_status=$?
}

run_suite webex-scim webex,scim

# Issue #5: the connector is killed mid-run (SIGKILL: no graceful shutdown, nothing written at
# exit) and started again on the same address with the same token file; it must serve without a
# new consent, and the rest of the suite runs against it.
say "killing the connector mid-run and starting it again with the same token file"
scim_addr=${scim_origin#http://}
kill -9 "${pids[-1]}" 2>/dev/null || true
wait "${pids[-1]}" 2>/dev/null || true
start_connector 2 "$scim_addr"
wait_healthy webex-scim "$scim_origin/readyz"
[ "$(scim_status /Users?count=1)" = 200 ] || fail "the restarted connector does not serve without a new consent"
say "the restarted connector serves without a new consent"

run_suite e2e e2e
stop_connector

# Issue 10: the group features again, against a connector whose SCIM Groups are Control Hub
# groups (WEBEX_GROUP_KIND=groups, design §4.7), consented with the groups scopes and its own
# token file; scenarios tagged @teams-only are skipped with the reason.
say "a second connector with WEBEX_GROUP_KIND=groups (Control Hub groups)"
group_kind=groups
token_file="$workdir/state/webex-token-groups.json"
start_connector 3 127.0.0.1:0
consent
say "consent recorded; the Control Hub groups connector at $scim_url is ready"
run_suite groups scim,e2e @group-kinds
stop_connector

report_status=0
if [ "$report" = 1 ]; then
  say "writing reports/conformance.html"
  go run ./cmd/conformance-report -o reports/conformance.html \
    "${REPORT_TARGET:-fake (processes${MOCKWEBEX_QUIRKS:+, quirks $MOCKWEBEX_QUIRKS})}=reports/features-external.webex-scim.cucumber.json,reports/features-external.e2e.cucumber.json" \
    "${REPORT_TARGET:-fake (processes${MOCKWEBEX_QUIRKS:+, quirks $MOCKWEBEX_QUIRKS})}, Control Hub groups=reports/features-external.groups.cucumber.json" ||
    report_status=$?
fi

say "checking that the run left nothing behind"
state=$(curl -fsS --max-time 10 "$webex_origin/_mock/state") || fail "GET /_mock/state failed"
leftovers=$(printf '%s' "$state" | grep -o "\"[^\"]*${run_prefix}[^\"]*\"" | sort -u || true)
if [ -n "$leftovers" ]; then
  printf '%s\n' "$leftovers" >&2
  fail "the fake still holds data with the run prefix $run_prefix (listed above)"
fi

[ "$suite_status" -eq 0 ] || fail "the feature suite failed (exit $suite_status)"
[ "$report_status" -eq 0 ] || fail "the conformance report could not be written (exit $report_status)"
say "passed"
