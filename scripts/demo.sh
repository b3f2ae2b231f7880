#!/usr/bin/env bash
# `npm run demo`: everything a newcomer needs — install, migrate, seed (idempotent), build, start the console.
# A second run reuses the data in DATA_DIR (default .data). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export DATA_DIR="${DATA_DIR:-.data}"
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"

bash scripts/ensure-deps.sh
mkdir -p "$DATA_DIR"
# A per-installation session secret, generated once and kept with the data.
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  if [ ! -s "$DATA_DIR/.nextauth-secret" ]; then
    node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))" > "$DATA_DIR/.nextauth-secret"
  fi
  NEXTAUTH_SECRET="$(cat "$DATA_DIR/.nextauth-secret")"
  export NEXTAUTH_SECRET
fi

echo "▶ Migrating and seeding $DATA_DIR"
npx tsx scripts/seed.ts
echo "▶ Building the console"
NODE_ENV=production npx next build >/dev/null
echo
echo "▶ OTA Console: $NEXTAUTH_URL   (Ctrl-C to stop)"
echo "  Sign in with one of the demo accounts above, password \"demo-password\"."
exec npx next start -p "$PORT"
