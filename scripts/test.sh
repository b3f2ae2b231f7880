#!/usr/bin/env bash
# `npm test`: every test — typecheck, lint, unit and integration (vitest), then end-to-end in Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
bash scripts/install-chromium.sh

step() { printf '\n\033[1m▶ %s\033[0m\n' "$1"; }
step "typecheck"; npx tsc --noEmit
step "lint"; npx eslint . --max-warnings=0
step "unit and integration tests"; npx vitest run
step "production build"; NODE_ENV=production npx next build
step "end-to-end tests (Playwright, Chromium)"; npx playwright test
