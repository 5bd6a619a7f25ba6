#!/usr/bin/env bash
# How long each command takes from `java` to its end (serve: to /health/ready answering 200), on the embedded
# H2 default with a current schema, median of N rounds: this build's jar with `java -jar`, and with its start-up
# archive as the README starts it (`java -XX:SharedArchiveFile=bootstrap/target/trustgate.jsa -jar …`). With
# BASELINE_JAR set, that jar runs too; all run alternately in every round, so a machine shared with other work
# slows them alike.
#   BASELINE_JAR=/path/to/old/trustgate.jar benchmarks/start-time.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
PORT=${BENCH_PORT:-18092}
JAR=$(pwd)/bootstrap/target/trustgate.jar
ARCHIVE=$(pwd)/bootstrap/target/trustgate.jsa
[ -f "$JAR" ] || mvn -B -q -DskipTests package
WORK=$(mktemp -d); SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
export WHATSAPP_APP_SECRET=start-time-app-secret TRUSTGATE_ADMIN_KEY=start-time-benchmark-admin-key-00 TRUSTGATE_PORT=$PORT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
jvm() { # name: what comes between `java` and the jar's arguments for that variant
  case $1 in
    baseline) echo "-jar $BASELINE_JAR" ;;
    trustgate) echo "-jar $JAR" ;;
    archive) echo "-XX:SharedArchiveFile=$ARCHIVE -jar $JAR" ;;
  esac
}
command_ms() { # dir name args...: runs one command to its end, prints its milliseconds
  local dir=$1 name=$2 t0; shift 2; t0=$(date +%s%N)
  # shellcheck disable=SC2046
  (cd "$dir" && java $(jvm "$name") "$@" > /dev/null 2>&1) || true
  ms "$t0"
}
serve_ms() { # dir name: starts the server, prints the milliseconds until it is ready, stops it
  local dir=$1 name=$2 t0 took; t0=$(date +%s%N)
  # shellcheck disable=SC2046
  (cd "$dir" && exec java $(jvm "$name") > server.log 2>&1) & SERVER=$!
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
[ -f "$ARCHIVE" ] || echo "no $ARCHIVE (this JVM could not record one): measuring without it" >&2
[ -f "$ARCHIVE" ] && JARS+=(archive)
for name in "${JARS[@]}"; do
  mkdir -p "$WORK/$name"
  # shellcheck disable=SC2046
  (cd "$WORK/$name" && java $(jvm "$name") migrate > /dev/null 2>&1) # the schema exists: every start below is a restart
done
for round in $(seq 1 "$ROUNDS"); do
  for name in "${JARS[@]}"; do
    for i in "${!COMMANDS[@]}"; do
      if [ "${COMMANDS[$i]}" = serve ]; then t=$(serve_ms "$WORK/$name" "$name"); else
        # shellcheck disable=SC2086
        t=$(command_ms "$WORK/$name" "$name" ${COMMANDS[$i]}); fi
      TIMES[$name,$i]="${TIMES[$name,$i]:-} $t"
    done
  done
  echo "round $round done" >&2
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $ROUNDS rounds, medians in ms"
declare -A HEAD=([baseline]=baseline [trustgate]="trustgate (java -jar)" [archive]="trustgate with its archive (README)")
header="| command |"; rule="|---|"
for name in "${JARS[@]}"; do header="$header ${HEAD[$name]} |"; rule="$rule---|"; done
[ -n "${BASELINE_JAR:-}" ] && { header="$header ratio |"; rule="$rule---|"; }
echo "$header goal |"; echo "$rule---|"
for i in "${!COMMANDS[@]}"; do
  label=${COMMANDS[$i]%% --*}; [ "$label" = "" ] && label=--help; [ "$label" = serve ] && label="serve (to ready)"
  row="| \`$label\` |"
  for name in "${JARS[@]}"; do row="$row $(echo "${TIMES[$name,$i]}" | median) |"; done
  if [ -n "${BASELINE_JAR:-}" ]; then # the README's command (the archive when there is one) against the baseline
    last=${JARS[${#JARS[@]}-1]}
    row="$row $(awk -v t="$(echo "${TIMES[$last,$i]}" | median)" -v b="$(echo "${TIMES[baseline,$i]}" | median)" \
      'BEGIN {printf "%.2f×", t / b}') |"
  fi
  echo "$row ≤ ${GOALS[$i]} |"
done
