#!/usr/bin/env bash
# Every test: lint, type checks, and the vitest suites (unit, route, interop with VMware's govmomi).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-prereqs.sh
pnpm lint
pnpm typecheck
mkdir -p .tmp
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
node scripts/test-summary.mjs .tmp/vitest.json
exit $status
