#!/usr/bin/env bash
# The server Playwright tests run against: a fresh, seeded database in its own data directory, then `next start`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf "$DATA_DIR"
npx tsx scripts/seed.ts >/dev/null
# Devices some journeys need in the simulated fleet, which is read once when the server starts (e2e/fleet-db.ts).
npx tsx e2e/journey-fleet.ts "$DATA_DIR/ota.sqlite"
# Our runtime stops the broker and the scheduler on SIGINT/SIGTERM, then exits (Next's own handler would race it).
NEXT_MANUAL_SIG_HANDLE=true exec npx next start -p "$PORT"
