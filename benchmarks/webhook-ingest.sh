#!/usr/bin/env bash
# Signed webhook ingest with durable commit (trustgate on H2 or PostgreSQL) against a bare Javalin
# handler that only verifies the HMAC and parses, in the same run, with wrk.
#   benchmarks/webhook-ingest.sh [h2|postgres] [seconds] [connections]
# TRUSTGATE_JAR=path runs another build of trustgate.jar (to compare two versions on one machine);
# TRUSTGATE_HEAP (default 512m) is trustgate's -Xmx; BENCH_PORT (default 18080) is trustgate's port, the bare handler and PostgreSQL take the next two.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-h2}; SECONDS_=${2:-20}; CONNECTIONS=${3:-16}
JAR=${TRUSTGATE_JAR:-bootstrap/target/trustgate.jar}
PORT=${BENCH_PORT:-18080}; BARE_PORT=$((PORT + 1)); PG_PORT=$((PORT + 2))
for p in $PORT $BARE_PORT $PG_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set BENCH_PORT" >&2; exit 1; fi
done
SECRET=bench-app-secret
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; [ -n "${KEEP_LOGS:-}" ] && cp "$WORK"/*.log "$KEEP_LOGS"/ 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f bootstrap/target/trustgate.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests package
python3 benchmarks/webhook-bodies.py 30000 "$SECRET" "$WORK/signed.lua"

ENV=(TRUSTGATE_HOST=127.0.0.1 TRUSTGATE_PORT=$PORT WHATSAPP_APP_SECRET=$SECRET WHATSAPP_VERIFY_TOKEN=x
     TRUSTGATE_ADMIN_KEY=benchmark-admin-key-0123456789)
if [ "$DB" = postgres ]; then
  java -cp benchmarks/target/benchmarks.jar dev.trustgate.benchmarks.EmbeddedPostgresForBenchmarks $PG_PORT > "$WORK/pg.log" 2>&1 &
  for _ in $(seq 1 120); do grep -q READY "$WORK/pg.log" && break; sleep 0.5; done
  ENV+=(TRUSTGATE_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres TRUSTGATE_DB_USER=postgres TRUSTGATE_DB_PASSWORD=postgres)
else
  ENV+=(TRUSTGATE_DB_URL=jdbc:h2:file:$WORK/data/trustgate)
fi
env "${ENV[@]}" java -Xmx"${TRUSTGATE_HEAP:-512m}" -jar "$JAR" > "$WORK/trustgate.log" 2>&1 &
TRUSTGATE_PID=$!
java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.trustgate.benchmarks.BareWebhookServer $BARE_PORT "$SECRET" > "$WORK/bare.log" 2>&1 &
for port in $PORT $BARE_PORT; do
  for _ in $(seq 1 120); do curl -s -o /dev/null -X POST "localhost:$port/webhooks/whatsapp" && break; sleep 0.5; done
done
kill -0 $TRUSTGATE_PID 2>/dev/null || { echo "trustgate did not start:" >&2; tail -5 "$WORK/trustgate.log" >&2; exit 1; }
run() { # name port
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/signed.lua" "http://127.0.0.1:$2" > /dev/null   # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$WORK/signed.lua" "http://127.0.0.1:$2" > "$WORK/$1.txt"
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt")
  echo "$1 $rps $p99 ${non2xx:-0}"
}
gc_seconds() { jstat -gcutil "$TRUSTGATE_PID" | awk 'NR == 2 {print $NF}'; }
BARE=$(run bare $BARE_PORT)
GC_BEFORE=$(gc_seconds); T0=$(date +%s%N)
TG=$(run trustgate $PORT)
GC_SHARE=$(awk -v g0="$GC_BEFORE" -v g1="$(gc_seconds)" -v t="$(( ($(date +%s%N) - T0) / 1000000 ))" 'BEGIN {printf "%.1f", 100 * (g1 - g0) * 1000 / t}')
echo
printf '%-28s %12s %10s %8s\n' "server" "requests/s" "p99" "non-2xx"
printf '%-28s %12s %10s %8s\n' "bare HMAC+parse handler" $(echo "$BARE" | cut -d' ' -f2-4)
printf '%-28s %12s %10s %8s\n' "trustgate ($DB, durable)" $(echo "$TG" | cut -d' ' -f2-4)
awk -v a="$(echo "$TG" | cut -d' ' -f2)" -v b="$(echo "$BARE" | cut -d' ' -f2)" \
  'BEGIN { printf "ratio trustgate / bare: %.2f (target >= 0.35)\n", a / b }'
echo "trustgate -Xmx${TRUSTGATE_HEAP:-512m}: GC time ${GC_SHARE} % of the load, still running: $(kill -0 $TRUSTGATE_PID 2>/dev/null && echo yes || echo NO)"
if [ "$DB" = h2 ]; then
  echo "H2 file after the run: $(du -k "$WORK/data/trustgate.mv.db" | cut -f1) KiB"
fi
