#!/usr/bin/env bash
# The test command: ensures PostgreSQL is up, then builds every module and runs all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-postgres.sh
exec mvn -B -ntp verify "$@"
