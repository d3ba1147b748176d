#!/usr/bin/env bash
# Benchmarks the daemon's container watch (issue 9) with JMH, on a generated node of 200
# containers of which 50 asked for a GPU (WatchBenchmark), and prints what it costs as a share of
# one core: a steady-state scan every collection interval (5 s) plus every watched container
# diagnosed again once per rediagnose interval (5 min). Target: under 2 % of one core.
# Usage: bench/watch.sh [JMH options]. Short by design (one fork, 3 x 1 s warm-up, 5 x 1 s measured
# per benchmark): the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -pl bench -am -DskipTests package
java -jar bench/target/benchmarks.jar 'WatchBenchmark' -rf json -rff bench/target/watch-jmh.json "$@"
python3 - bench/target/watch-jmh.json <<'PY'
import json, sys
scores = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] for r in json.load(open(sys.argv[1]))}
scan, rediagnose = scores["scan"], scores["rediagnoseAll"]
interval_ms, rediagnose_ms = 5_000, 300_000
share = 100 * (scan / interval_ms + rediagnose / rediagnose_ms)
print(f"scan (steady state): {scan:.2f} ms every {interval_ms / 1000:.0f} s = {100 * scan / interval_ms:.3f} % of one core")
print(f"first scan (all decided): {scores['firstScan']:.2f} ms, once at start")
print(f"rediagnose all watched: {rediagnose:.2f} ms every {rediagnose_ms / 1000:.0f} s"
      f" = {100 * rediagnose / rediagnose_ms:.3f} % of one core")
print(f"container watch: {share:.3f} % of one core (target < 2 %)")
PY
