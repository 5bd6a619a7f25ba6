#!/usr/bin/env bash
# How long each command takes from `java -jar` to its end (serve: to /health/ready answering 200), on the embedded
# H2 default with a current schema, median of N rounds. With BASELINE_JAR set, that jar and this build's jar run
# alternately in every round, so a machine shared with other work slows both alike.
#   BASELINE_JAR=/path/to/old/trustgate.jar benchmarks/start-time.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
PORT=${BENCH_PORT:-18092}
JAR=$(pwd)/bootstrap/target/trustgate.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
WORK=$(mktemp -d); SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
export WHATSAPP_APP_SECRET=start-time-app-secret TRUSTGATE_ADMIN_KEY=start-time-benchmark-admin-key-00 TRUSTGATE_PORT=$PORT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
command_ms() { # dir jar args...: runs one command to its end, prints its milliseconds
  local dir=$1 jar=$2 t0; shift 2; t0=$(date +%s%N)
  (cd "$dir" && java -jar "$jar" "$@" > /dev/null 2>&1) || true
  ms "$t0"
}
serve_ms() { # dir jar: starts the server, prints the milliseconds until it is ready, stops it
  local dir=$1 jar=$2 t0 took; t0=$(date +%s%N)
  (cd "$dir" && exec java -jar "$jar" > server.log 2>&1) & SERVER=$!
  until curl -sf -o /dev/null "localhost:$PORT/health/ready"; do
    kill -0 "$SERVER" 2>/dev/null || { echo "server in $dir did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    sleep 0.01
  done
  took=$(ms "$t0"); kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; echo "$took"
}
COMMANDS=("--help" "simulate message --to 15551234567 --hash c2ltdWxhdGVk --url http://127.0.0.1:9" "api-key list"
  "audit verify --phone-number-id 106540352242922" "serve")
GOALS=(800 800 800 800 1500)
declare -A TIMES
JARS=(trustgate); [ -n "${BASELINE_JAR:-}" ] && JARS=(baseline trustgate)
for name in "${JARS[@]}"; do
  mkdir -p "$WORK/$name"
  jar=$JAR; [ "$name" = baseline ] && jar=$BASELINE_JAR
  (cd "$WORK/$name" && java -jar "$jar" migrate > /dev/null 2>&1) # the schema exists: every start below is a restart
done
for round in $(seq 1 "$ROUNDS"); do
  for name in "${JARS[@]}"; do
    jar=$JAR; [ "$name" = baseline ] && jar=$BASELINE_JAR
    for i in "${!COMMANDS[@]}"; do
      if [ "${COMMANDS[$i]}" = serve ]; then t=$(serve_ms "$WORK/$name" "$jar"); else
        # shellcheck disable=SC2086
        t=$(command_ms "$WORK/$name" "$jar" ${COMMANDS[$i]}); fi
      TIMES[$name,$i]="${TIMES[$name,$i]:-} $t"
    done
  done
  echo "round $round done" >&2
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $ROUNDS rounds, medians in ms"
if [ ${#JARS[@]} = 2 ]; then
  echo "| command | baseline | trustgate | ratio | goal |"; echo "|---|---|---|---|---|"
else
  echo "| command | trustgate | goal |"; echo "|---|---|---|"
fi
for i in "${!COMMANDS[@]}"; do
  label=${COMMANDS[$i]%% --*}; [ "$label" = "" ] && label=--help; [ "$label" = serve ] && label="serve (to ready)"
  t=$(echo "${TIMES[trustgate,$i]}" | median)
  if [ ${#JARS[@]} = 2 ]; then
    b=$(echo "${TIMES[baseline,$i]}" | median)
    echo "| \`$label\` | $b | $t | $(awk -v t="$t" -v b="$b" 'BEGIN {printf "%.2f×", t / b}') | ≤ ${GOALS[$i]} |"
  else
    echo "| \`$label\` | $t | ≤ ${GOALS[$i]} |"
  fi
done
