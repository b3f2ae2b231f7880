#!/usr/bin/env bash
# The server Playwright tests run against: a fresh, seeded database in its own data directory, then `next start`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf "$DATA_DIR"
npx tsx scripts/seed.ts >/dev/null
exec npx next start -p "$PORT"
