#!/usr/bin/env bash
# `npm run demo`: the whole product on one machine — install, build, then (scripts/stack.sh) migrate and seed,
# the console on :3000 with its embedded MQTT broker, and the fleet simulator connecting every Demo Energy device
# over MQTT (a few failures and late devices, so retries and reconnects show). A second run reuses DATA_DIR
# (default .data). Ctrl-C stops everything.
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

echo "▶ Building the console (about a minute the first time)"
NODE_ENV=production node_modules/.bin/next build >/dev/null

export SEED_ARGS="--demo-firmware"
export SIMULATE_ARGS='--ou "Demo Energy" --devices 100000 --fail-download 0.03 --fail-flash 0.02 --reject 0.01 --offline 0.05 --reconnect-after 45000'
export STACK_READY_MESSAGE="
  OTA Console is running:  $NEXTAUTH_URL
  Sign in as developer@demo.local (or admin@, viewer@, norole@demo.local, admin@northwind.local),
  password \"demo-password\". Devices connect over MQTT on port ${MQTT_PORT:-1883}.
  Try: Firmware Management › \"Inverter Main FW\" › Verification › Create New Job.
  Press Ctrl-C to stop the console and the simulated fleet.
"
echo "▶ Seeding, then starting the console, its MQTT broker and the simulated Demo Energy fleet"
exec bash scripts/stack.sh
