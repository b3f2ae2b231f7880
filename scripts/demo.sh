#!/usr/bin/env bash
# `npm run demo`: the whole product on one machine — install, migrate, seed (idempotent), build, then the console
# on :3000 with its embedded MQTT broker, and the fleet simulator connecting every Demo Energy device over MQTT
# (a few failures and late devices, so retries and reconnects show). A second run reuses DATA_DIR (default .data).
# Ctrl-C stops everything.
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
node_modules/.bin/tsx scripts/seed.ts --demo-firmware
echo "▶ Building the console (about a minute the first time)"
NODE_ENV=production node_modules/.bin/next build >/dev/null

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "▶ Stopping the fleet simulator and the console…"
  for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

echo "▶ Starting the console and its MQTT broker"
NODE_ENV=production node_modules/.bin/next start -p "$PORT" &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://localhost:$PORT/login" 2>/dev/null && break
  sleep 0.5
done

echo "▶ Connecting the simulated Demo Energy fleet over MQTT"
node_modules/.bin/tsx scripts/simulate.ts --ou "Demo Energy" --devices 100000 \
  --fail-download 0.03 --fail-flash 0.02 --reject 0.01 --offline 0.05 --reconnect-after 45000 &
pids+=($!)

cat <<INFO

  OTA Console is running:  $NEXTAUTH_URL
  Sign in as developer@demo.local (or admin@, viewer@, norole@demo.local, admin@northwind.local),
  password "demo-password". Devices connect over MQTT on port ${MQTT_PORT:-1883}.
  Try: Firmware Management › "Inverter Main FW" › Verification › Create New Job.
  Press Ctrl-C to stop the console and the simulated fleet.

INFO
wait
