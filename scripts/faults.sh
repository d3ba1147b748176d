#!/usr/bin/env bash
# Runs the fault-injection tests (issue 8: agent/src/test/java/io/gpudoctor/agent/faults) against a
# real daemon on a simulated driver and a host root changed under it, then prints the figures each
# test measured (agent/target/faults/*.txt): requests made, answers other than 2xx by status and
# route, the slowest /healthz and /metrics, the daemon's threads (apart from its HTTP pool, which is
# bounded), its HTTP pool threads and this JVM's open file descriptors before and after the fault.
# docs/reliability.md ("Faults the daemon survives") quotes a run of this script.
# Usage: scripts/faults.sh [extra mvn arguments, e.g. -o to stay offline]
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf agent/target/faults
mvn -B -q "$@" test -pl agent -am -Dtest='io.gpudoctor.agent.faults.*Test' -Dsurefire.failIfNoSpecifiedTests=false \
  >agent/target/faults.log 2>&1 || { tail -50 agent/target/faults.log >&2; echo "scripts/faults.sh: tests failed (agent/target/faults.log)" >&2; exit 1; }
grep -h "Tests run:" agent/target/surefire-reports/io.gpudoctor.agent.faults.*.txt
for figures in agent/target/faults/*.txt; do
  echo
  echo "== $(basename "$figures" .txt)"
  cat "$figures"
done
