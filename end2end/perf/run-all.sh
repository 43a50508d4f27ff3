#!/usr/bin/env bash
# The whole performance benchmark suite, against the release build (bash .ci/build first):
# page weight, loading on a slow machine, and the server (throughput against nginx, saves
# at fixed rates, footprint) at 1 000, 10 000 and 100 000 learners. About 8 minutes.
# Writes end2end/perf/results/*.json, scaling.svg and summary.md (Markdown tables).
# Benchmarks, not tests: goals not met are reported; the exit status is 1 only if a
# script failed or the page weight is over budget.
#
# Usage: bash end2end/perf/run-all.sh
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for tool in node cargo wrk nginx sqlite3 chromium; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (Debian: apt-get install -y wrk nginx sqlite3 chromium)"; exit 2; }
done
[ -x target/release/server ] || { echo "no release build: run bash .ci/build first"; exit 2; }
RESULTS="$ROOT/end2end/perf/results"
# A snapshot of the build (binary, its list of hashed file names, site), in case it is
# rebuilt during the run.
SNAPSHOT="$(mktemp -d /tmp/pap-build-XXXXXX)"
trap 'rm -rf "$SNAPSHOT"' EXIT
cp target/release/server target/release/hash.txt "$SNAPSHOT/"
cp -r target/site "$SNAPSHOT/site"
export PAP_SERVER_BIN="$SNAPSHOT/server" PAP_SITE_ROOT="$SNAPSHOT/site"
mkdir -p "$RESULTS"
status=0

echo "== 1. page weight"
node end2end/perf/page-weight.mjs /modules/email-la-poste/adresse-enveloppe/adresse / | tee "$RESULTS/page-weight.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

echo "== 2. loading on a slow machine"
node end2end/perf/slow-load.mjs || status=1

echo "== 3-6. server: throughput, saves, footprint, scaling"
node end2end/perf/scaling.mjs || status=1

echo "== the agenda at territory size"
node end2end/perf/agenda-bench.mjs || status=1

node end2end/perf/report.mjs > "$RESULTS/summary.md" || status=1
cat "$RESULTS/summary.md"
exit $status
