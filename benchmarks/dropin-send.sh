#!/usr/bin/env bash
# Drop-in gated send (trustgate, live against a fake Graph upstream, on H2) against a bare Javalin
# pass-through proxy to the same upstream, in the same run, with wrk.
#   benchmarks/dropin-send.sh [seconds] [connections]
# TRUSTGATE_JAR=path runs another build of trustgate.jar; TRUSTGATE_HEAP (default 512m) is its -Xmx.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${1:-20}; CONNECTIONS=${2:-16}
ADMIN=dropin-benchmark-admin-key-0123456789
PNID=106540352242922
WORK=$(mktemp -d)
JAR=$(realpath "${TRUSTGATE_JAR:-bootstrap/target/trustgate.jar}")
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f bootstrap/target/trustgate.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests package
java -cp benchmarks/target/benchmarks.jar dev.trustgate.benchmarks.FakeGraphUpstream 18300 > "$WORK/upstream.log" 2>&1 &
java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.trustgate.benchmarks.BareProxy 18301 http://127.0.0.1:18300 > "$WORK/proxy.log" 2>&1 &
(cd "$WORK" && TRUSTGATE_HOST=127.0.0.1 TRUSTGATE_PORT=18302 TRUSTGATE_ADMIN_KEY=$ADMIN WHATSAPP_ACCESS_TOKEN=x \
   WHATSAPP_APP_SECRET=bench-app-secret WHATSAPP_VERIFY_TOKEN=x WHATSAPP_GRAPH_URL=http://127.0.0.1:18300 \
   exec java -Xmx"${TRUSTGATE_HEAP:-512m}" -jar "$JAR" > trustgate.log 2>&1) &
TRUSTGATE_PID=$!
for port in 18300 18301 18302; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "localhost:$port/" && break; sleep 0.5; done
done
# opted in (retried: on a loaded machine the first call may find the server still warming up)
for attempt in $(seq 1 10); do
  curl -sf -X PUT "localhost:18302/v1/businesses/$PNID/identity-checks" -H "Authorization: Bearer $ADMIN" -d '{"enabled":true}' \
    > /dev/null && break
  [ "$attempt" = 10 ] && { echo "could not opt the business in:" >&2; tail -5 "$WORK/trustgate.log" >&2; exit 1; }
  sleep 1
done
# 200 customers with a known identity, so every send is decided on a locked contact row and pinned
python3 - "$WORK" <<'PY'
import hashlib, hmac, json, sys, urllib.request
for i in range(200):
    wa = str(4915100000000 + i)
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
        "value": {"metadata": {"phone_number_id": "106540352242922"},
        "contacts": [{"wa_id": wa, "identity_key_hash": "SGFzaA%06d==" % i}],
        "messages": [{"from": wa, "id": "wamid.seed%d" % i, "timestamp": "1749416383", "type": "text"}]}}]}]}).encode()
    sig = "sha256=" + hmac.new(b"bench-app-secret", body, hashlib.sha256).hexdigest()
    urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:18302/webhooks/whatsapp", body,
                           {"X-Hub-Signature-256": sig, "Content-Type": "application/json"})).read()
lua = ["n = 0", "function request()", "  n = n + 1",
       "  local wa = 4915100000000 + (n % 200)",
       '  local body = \'{"messaging_product":"whatsapp","recipient_type":"individual","to":"+\' .. wa .. \'","type":"text","text":{"body":"Your latest statement is attached."}}\'',
       '  return wrk.format("POST", "/v25.0/106540352242922/messages", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer dropin-benchmark-admin-key-0123456789"}, body)',
       "end"]
open(sys.argv[1] + "/send.lua", "w").write("\n".join(lua))
PY
run() { # name port
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/send.lua" "http://127.0.0.1:$2" > /dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$WORK/send.lua" "http://127.0.0.1:$2" > "$WORK/$1.txt"
  echo "$1 $(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt") $(awk '$1=="99%" {print $2}' "$WORK/$1.txt") $(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt")"
}
gc_seconds() { jstat -gcutil "$(pgrep -P "$TRUSTGATE_PID" java || echo "$TRUSTGATE_PID")" | awk 'NR == 2 {print $NF}'; }
PROXY=$(run proxy 18301)
GC_BEFORE=$(gc_seconds); T0=$(date +%s%N)
TG=$(run trustgate 18302)
GC_SHARE=$(awk -v g0="$GC_BEFORE" -v g1="$(gc_seconds)" -v t="$(( ($(date +%s%N) - T0) / 1000000 ))" 'BEGIN {printf "%.1f", 100 * (g1 - g0) * 1000 / t}')
echo
printf '%-32s %12s %10s %8s\n' "server" "requests/s" "p99" "non-2xx"
printf '%-32s %12s %10s %8s\n' "bare pass-through proxy" $(echo "$PROXY" | cut -d' ' -f2-3) "$(echo "$PROXY" | cut -d' ' -f4)"
printf '%-32s %12s %10s %8s\n' "trustgate drop-in (H2, gated)" $(echo "$TG" | cut -d' ' -f2-3) "$(echo "$TG" | cut -d' ' -f4)"
awk -v a="$(echo "$TG" | cut -d' ' -f2)" -v b="$(echo "$PROXY" | cut -d' ' -f2)" \
  'BEGIN { printf "throughput ratio trustgate / proxy: %.2f (target >= 0.80)\n", a / b }'
awk -v a="$(echo "$TG" | cut -d' ' -f3)" -v b="$(echo "$PROXY" | cut -d' ' -f3)" 'function ms(v) {
    return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
  BEGIN { printf "p99 ratio trustgate / proxy: %.1f (target <= 1.5)\n", ms(a) / ms(b) }'
echo "trustgate -Xmx${TRUSTGATE_HEAP:-512m}: GC time ${GC_SHARE} % of the load"
