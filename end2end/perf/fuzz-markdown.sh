#!/usr/bin/env bash
# Fuzzes the lesson renderer for SECONDS on THREADS threads (default 600 s on one thread:
# 10 CPU-minutes): random nasty lessons of up to 64 KiB through everything the trainers'
# preview does (server/benches/fuzz_markdown.rs). Fails on a panic or on any input slower
# than 50 ms (measured again three times first). Slow and panicking inputs are saved in
# target/fuzz-markdown/ (keep them in server/tests/fixtures/slow-markdown/, where
# `cargo test` checks each one). The summary goes to end2end/perf/results/fuzz-markdown.json.
#
#   bash end2end/perf/fuzz-markdown.sh [SECONDS] [THREADS] [SEED] [MORE OPTIONS…]
#
# More options go to the harness: `--panics-only` (only a panic fails: the short run in
# .ci/test), `--replay DIR` (time saved inputs again, e.g. server/tests/fixtures/slow-markdown).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
SECS="${1:-600}"
THREADS="${2:-1}"
SEED="${3:-$(date +%s)}"
shift $(( $# < 3 ? $# : 3 ))
mkdir -p end2end/perf/results
cargo bench -p server --bench fuzz_markdown -- \
  --seconds "$SECS" --threads "$THREADS" --seed "$SEED" --save "$ROOT/target/fuzz-markdown" "$@" \
  | tee end2end/perf/results/fuzz-markdown.json
