#!/usr/bin/env bash
# Runs the product on a built checkout: migrate + seed DATA_DIR (idempotent; SEED_ARGS, e.g. --demo-firmware), the
# console on PORT with its embedded MQTT broker on MQTT_PORT, and the fleet simulator for the seeded devices
# (SIMULATE_ARGS). Used by `npm run demo`, the MQTT end-to-end tests and `npm run demo:record`. Ctrl-C or SIGTERM
# stops both processes.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATA_DIR:?}" "${PORT:?}" "${NEXTAUTH_URL:?}" "${NEXTAUTH_SECRET:?}"
export DATA_DIR PORT NEXTAUTH_URL NEXTAUTH_SECRET NEXT_TELEMETRY_DISABLED=1
# Shell words, so quoted values with spaces work: SIMULATE_ARGS='--ou "Demo Energy" --fail-flash 0.02'.
eval "seed_args=(${SEED_ARGS:-})"
eval "simulate_args=(${SIMULATE_ARGS:---ou \"Demo Energy\" --devices 100000})"

node_modules/.bin/tsx scripts/seed.ts "${seed_args[@]+"${seed_args[@]}"}"

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# Our runtime stops the broker and the scheduler on SIGINT/SIGTERM, then exits (Next's own handler would race it).
NEXT_MANUAL_SIG_HANDLE=true NODE_ENV=production node_modules/.bin/next start -p "$PORT" &
pids+=($!)
# Waits for the login page with node itself (a fresh machine may have no curl).
for _ in $(seq 1 120); do
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://localhost:$PORT/login" && break
  sleep 0.5
done

node_modules/.bin/tsx scripts/simulate.ts "${simulate_args[@]}" &
pids+=($!)
${STACK_READY_MESSAGE:+echo "$STACK_READY_MESSAGE"}
wait
