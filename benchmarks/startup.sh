#!/usr/bin/env bash
# Time from the README's start command (`java -XX:SharedArchiveFile=…trustgate.jsa -jar …trustgate.jar`) to
# /health/ready answering 200 on the embedded default (H2), first start and restart, with -Xmx128m; then the peak
# resident memory after 20 s of signed webhook load.
#   benchmarks/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
[ -f bootstrap/target/trustgate.jar ] || mvn -B -q -DskipTests package
WORK=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
SERVER=
start() { # dir: starts the server in the background and prints the ms until /health/ready answers 200
  local t0 t1
  t0=$(date +%s%N)
  (cd "$1" && TRUSTGATE_PORT=18090 TRUSTGATE_ADMIN_KEY=startup-benchmark-admin-key-000 WHATSAPP_APP_SECRET=bench-app-secret \
     exec java -Xmx128m -XX:SharedArchiveFile="$ROOT/bootstrap/target/trustgate.jsa" -jar "$ROOT/bootstrap/target/trustgate.jar" \
     > server.log 2>&1) &
  SERVER=$!
  until curl -sf -o /dev/null localhost:18090/health/ready; do sleep 0.02; done
  t1=$(date +%s%N)
  MS=$(( (t1 - t0) / 1000000 ))
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
ROOT=$(pwd)
for i in $(seq 1 "$RUNS"); do
  mkdir -p "$WORK/run$i"
  start "$WORK/run$i"; first=$MS; stop
  start "$WORK/run$i"; again=$MS; stop
  echo "run $i: first start ${first} ms, restart ${again} ms"
done
mkdir -p "$WORK/load"; start "$WORK/load"
python3 benchmarks/webhook-bodies.py 20000 bench-app-secret "$WORK/signed.lua"
wrk -t2 -c8 -d20s -s "$WORK/signed.lua" http://127.0.0.1:18090 | grep -E "Requests/sec|Non-2xx" || true
echo "peak RSS with -Xmx128m after load: $(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$SERVER/status)"
curl -sf -o /dev/null -w "still healthy after load: HTTP %{http_code}\n" localhost:18090/health/ready
