#!/usr/bin/env bash
# Every benchmark in one run, ending in the table of figures against their bare baselines, with the goals beside
# them. trustgate runs with -Xmx128m throughout (TRUSTGATE_HEAP to change it), and each line says how much of the
# load went to garbage collection.
#   benchmarks/run.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${1:-15}; CONNECTIONS=${2:-32}
export TRUSTGATE_HEAP=${TRUSTGATE_HEAP:-128m}
mvn -B -q -DskipTests package
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT

java -jar benchmarks/target/benchmarks.jar DomainBenchmark.sendDecisionAllowed -t 1 -f 1 -wi 2 -w 2 -i 3 -r 2 \
  | tee "$OUT/jmh.txt" | tail -3
benchmarks/dropin-send.sh "$SECONDS_" "$CONNECTIONS" | tee "$OUT/dropin.txt" | tail -6
benchmarks/webhook-ingest.sh h2 "$SECONDS_" "$CONNECTIONS" | tee "$OUT/ingest-h2.txt" | tail -6
benchmarks/webhook-ingest.sh postgres "$SECONDS_" "$CONNECTIONS" | tee "$OUT/ingest-pg.txt" | tail -6
benchmarks/start-time.sh 3 | tee "$OUT/start.txt"

row() { awk -v name="$2" '$0 ~ "^" name {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) {print $i; exit}}' "$1"; }
p99() { grep -E "^$2" "$1" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+(us|ms|s|m)$/) {print $i; exit}}'; }
ratio() { grep -oE "^$2[^:]*: [0-9.]+" "$1" | grep -oE '[0-9.]+$'; }
gc() { grep -oE 'GC time [0-9.]+ %' "$1" | grep -oE '[0-9.]+'; }
startms() { grep -F "| \`$1" "$OUT/start.txt" | awk -F'|' '{gsub(/ /, "", $(NF-2)); print $(NF-2)}'; } # the README's command
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; wrk -t2 -c$CONNECTIONS, ${SECONDS_} s; trustgate -Xmx$TRUSTGATE_HEAP"
echo "| path | bare baseline | trustgate | ratio | goal | GC share |"
echo "|---|---|---|---|---|---|"
echo "| drop-in send vs a bare pass-through proxy | $(row "$OUT/dropin.txt" "bare pass-through") req/s, p99 $(p99 "$OUT/dropin.txt" "bare pass-through") \
| $(row "$OUT/dropin.txt" "trustgate drop-in") req/s, p99 $(p99 "$OUT/dropin.txt" "trustgate drop-in") \
| $(ratio "$OUT/dropin.txt" "throughput ratio")×, p99 $(ratio "$OUT/dropin.txt" "p99 ratio")× | ≥ 0.80×, p99 ≤ 1.5× | $(gc "$OUT/dropin.txt") % |"
for db in h2 pg; do
  f="$OUT/ingest-$db.txt"
  echo "| signed webhook ingest ($db) vs a bare HMAC+parse handler | $(row "$f" "bare HMAC") req/s | $(row "$f" "trustgate") req/s \
| $(ratio "$f" "ratio trustgate")× | ≥ 0.35× | $(gc "$f") % |"
done
echo "| \`java -XX:SharedArchiveFile=trustgate.jsa -jar trustgate.jar\` to /health/ready | — | $(startms "serve") ms | — | ≤ 1,500 ms | — |"
for command in "--help" "simulate" "api-key" "audit"; do
  echo "| \`trustgate $command\` to its end | — | $(startms "$command") ms | — | ≤ 800 ms | — |"
done
echo "| send decisions/s, 1 thread (JMH) | — | $(awk '/^DomainBenchmark.sendDecisionAllowed/ {printf "%.0f", $4}' "$OUT/jmh.txt") | — | ≥ 10,000,000 | — |"
