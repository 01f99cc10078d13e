#!/usr/bin/env bash
# Runs the conformance features against targets started as separate processes (SPEC §6): the
# fake Webex (cmd/mockwebex) on a free loopback port, reached only through WEBEX_BASE_URL and
# WEBEX_ACCESS_TOKEN, exactly the path a run against real Webex takes; WEBEX_MOCK_CONTROL=1
# lets the @mock-only scenarios run. After the run it checks through GET /_mock/state that
# nothing the run created (every email and name carries the run prefix) was left behind.
#
#   bash scripts/features-external.sh                     (make features-external)
#   FEATURES_FORMAT=pretty bash scripts/features-external.sh
#   GODOG_TAGS=@WX05 bash scripts/features-external.sh
#   MOCKWEBEX_QUIRKS=WX01,WX02 GODOG_TAGS=@WX05 bash scripts/features-external.sh   (-quirks of the fake)
#
# Reports: reports/features-external.junit.xml (override the whole -godog.format with
# FEATURES_FORMAT). Needs go and curl. Exits non-zero when the suite fails, when a process
# does not come up, or when data is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

workdir=$(mktemp -d)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
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
# The connector features start the connector here, as its own process on a free loopback port,
# configured against the fake above, and export SCIM_BASE_URL and SCIM_TOKEN for the suite.
# -----------------------------------------------------------------------------------------------

mkdir -p "$root/reports"
format=${FEATURES_FORMAT:-"progress,junit:$root/reports/features-external.junit.xml"}
tags_flag=()
[ -n "${GODOG_TAGS:-}" ] && tags_flag=("-godog.tags=$GODOG_TAGS")

say "running the features (run prefix $run_prefix)"
suite_status=0
WEBEX_BASE_URL="$webex_url" \
  WEBEX_ACCESS_TOKEN="$admin_token" \
  WEBEX_MOCK_CONTROL=1 \
  WEBEX_SCIM_RUN_PREFIX="$run_prefix" \
  go test -race -count=1 ./features/ -run '^TestFeatures$' "-godog.format=$format" "${tags_flag[@]}" ||
  suite_status=$?

say "checking that the run left nothing behind"
state=$(curl -fsS --max-time 10 "$webex_origin/_mock/state") || fail "GET /_mock/state failed"
leftovers=$(printf '%s' "$state" | grep -o "\"[^\"]*${run_prefix}[^\"]*\"" | sort -u || true)
if [ -n "$leftovers" ]; then
  printf '%s\n' "$leftovers" >&2
  fail "the fake still holds data with the run prefix $run_prefix (listed above)"
fi

[ "$suite_status" -eq 0 ] || fail "the feature suite failed (exit $suite_status)"
say "passed"
