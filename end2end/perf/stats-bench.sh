#!/usr/bin/env bash
# The statistics page and its downloads on a large structure (issue 21, item 7), on SQLite
# and on PostgreSQL: builds server/benches/stats.rs optimised, fills a database with one
# structure of 100 000 learners, 1 000 000 sessions and 10 000 000 step records for the
# year 2026 (and two smaller structures), then times each figure group, the outcomes, the
# page and each download for the year and for a month. About 10 minutes; 5 GB free in
# /tmp needed while it runs. The databases are deleted at the end.
# Writes end2end/perf/results/stats-sqlite.json and stats-postgres.json.
#
# Usage: bash end2end/perf/stats-bench.sh [learners] [runs]
# PostgreSQL: the URL of a superuser in PAP_TEST_POSTGRES (default: bash .ci/postgres);
# a database pap_stats_bench is made and dropped. PAP_STATS_BENCH_ONLY=sqlite|postgres
# runs one of the two.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LEARNERS="${1:-100000}"
RUNS="${2:-5}"
RESULTS="$ROOT/end2end/perf/results"
mkdir -p "$RESULTS"
cargo bench -p server --bench stats --no-run
BENCH="$(cargo bench -p server --bench stats --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)"
[ -x "$BENCH" ] || { echo "no bench executable"; exit 2; }
ONLY="${PAP_STATS_BENCH_ONLY:-}"

if [ "$ONLY" != postgres ]; then
  DIR="$(mktemp -d /tmp/pap-stats-bench-XXXXXX)"
  trap 'rm -rf "$DIR"' EXIT
  URL="sqlite://$DIR/stats.db"
  echo "== SQLite: generating ($LEARNERS learners)"
  "$BENCH" generate --db "$URL" --learners "$LEARNERS"
  echo "== SQLite: measuring ($RUNS runs)"
  "$BENCH" run --db "$URL" --runs "$RUNS" | tee "$RESULTS/stats-sqlite.json"
  rm -rf "$DIR"
fi

if [ "$ONLY" != sqlite ]; then
  ADMIN="${PAP_TEST_POSTGRES:-$(bash .ci/postgres)}"
  URL="${ADMIN%/*}/pap_stats_bench"
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS pap_stats_bench WITH (FORCE)"
  psql "$ADMIN" -qc "CREATE DATABASE pap_stats_bench"
  trap 'psql "$ADMIN" -qc "DROP DATABASE IF EXISTS pap_stats_bench WITH (FORCE)"' EXIT
  echo "== PostgreSQL: generating ($LEARNERS learners)"
  "$BENCH" generate --db "$URL" --learners "$LEARNERS"
  echo "== PostgreSQL: measuring ($RUNS runs)"
  "$BENCH" run --db "$URL" --runs "$RUNS" | tee "$RESULTS/stats-postgres.json"
fi
