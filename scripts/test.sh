#!/usr/bin/env bash
# Every test: lint, type checks, the vitest suites (unit, route, interop with VMware's govmomi, web components), then
# the browser suite (e2e/, Playwright in Debian's chromium against the API and its simulated vCenter).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-prereqs.sh
pnpm lint
pnpm typecheck
mkdir -p .tmp
rm -f .tmp/vitest.json .tmp/playwright.json
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
PLAYWRIGHT_JSON_OUTPUT_FILE="$PWD/.tmp/playwright.json" pnpm --filter @addnet/e2e test || status=$?
node scripts/test-summary.mjs .tmp/vitest.json .tmp/playwright.json
exit $status
