#!/usr/bin/env bash
# The test command: ensures PostgreSQL is up and headless Chromium is installed (browser tests of the web page), then builds every module and runs all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-postgres.sh
bash scripts/ensure-chromium.sh
exec mvn -B -ntp verify "$@"
