#!/usr/bin/env bash
# Rolling restart under learner load (see rolling-restart.mjs): PostgreSQL from Debian
# (`.ci/postgres`), the release build (`bash .ci/build` first), nginx as the current user.
#   bash end2end/perf/rolling-restart.sh [--instances 3] [--learners 24] [--rounds 1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ -x "$ROOT/target/release/server" ]] || { echo "build first: bash .ci/build" >&2; exit 2; }
exec node "$ROOT/end2end/perf/rolling-restart.mjs" "$@"
