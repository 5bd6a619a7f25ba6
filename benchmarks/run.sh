#!/usr/bin/env bash
# Every benchmark in one run, ending in a table of ratios against the baselines the issues name.
#   benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT

java -jar benchmarks/target/benchmarks.jar DomainBenchmark.sendDecisionAllowed -t 1 -f 1 -wi 2 -w 2 -i 3 -r 2 \
  | tee "$OUT/jmh.txt" | tail -3
benchmarks/webhook-ingest.sh h2 15 16 | tee "$OUT/ingest-h2.txt" | tail -4
benchmarks/webhook-ingest.sh postgres 15 16 | tee "$OUT/ingest-pg.txt" | tail -4
benchmarks/dropin-send.sh 15 16 | tee "$OUT/dropin.txt" | tail -4
benchmarks/startup.sh 3 | tee "$OUT/startup.txt"

ratio() { grep -oE 'ratio[^:]*: [0-9.]+' "$1" | grep -oE '[0-9.]+$'; }
echo
printf '%-44s %12s %10s\n' "measure" "result" "target"
printf '%-44s %12s %10s\n' "send decisions/s, 1 thread (JMH)" "$(awk '/^DomainBenchmark.sendDecisionAllowed/ {printf "%.0f", $4}' "$OUT/jmh.txt")" ">= 1e7"
printf '%-44s %12s %10s\n' "webhook ingest H2 / bare handler" "$(ratio "$OUT/ingest-h2.txt")" ">= 0.35"
printf '%-44s %12s %10s\n' "webhook ingest PostgreSQL / bare handler" "$(ratio "$OUT/ingest-pg.txt")" ">= 0.35"
printf '%-44s %12s %10s\n' "drop-in send / pass-through proxy" "$(ratio "$OUT/dropin.txt")" ">= 0.80"
printf '%-44s %12s %10s\n' "start to ready, ms (first run)" "$(awk '/run 1:/ {print $5}' "$OUT/startup.txt")" "<= 1500"
