#!/usr/bin/env bash
# The long variants of the reliability suite (mvn -B verify runs the short ones):
#   benchmarks/reliability.sh [kills] [race-rounds]
# - CrashSafetyIT: the server process SIGKILLed <kills> times (default 20) under signed webhook load
# - TwoNodesRaceIT: two processes on one PostgreSQL, <race-rounds> (default 60) changes per customer
# - DatabaseOutageIT, and the seeds printed by each run (rerun one with -Dtrustgate.crash.seed=N)
# Node logs stay under bootstrap/target/it-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-20}
ROUNDS=${2:-60}
mvn -B -pl bootstrap -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='CrashSafetyIT,TwoNodesRaceIT,DatabaseOutageIT' \
  -Dtrustgate.crash.kills="$KILLS" -Dtrustgate.race.rounds="$ROUNDS" 2>&1 \
  | grep -E 'crash safety|two nodes|Tests run:|FAIL|BUILD'
