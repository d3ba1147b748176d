#!/usr/bin/env bash
# Benchmarks `gpu-doctor diagnose` on a simulated 8-GPU node (dgx-h100):
#   1. the whole command, process start to exit, median of RUNS runs (hyperfine when installed);
#   2. the warm in-process diagnosis with JMH (sample time: p50/p99).
# Targets (issue: host diagnosis): whole command under 1 s, warm diagnosis under 20 ms.
# Usage: bench/diagnose.sh [RUNS]   (default 10). Loopback-free, bounded, stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
mvn -B -q -Pbench -DskipTests package
echo "== whole command: bin/gpu-doctor diagnose --simulate dgx-h100 ($runs runs)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" -N --ignore-failure 'bin/gpu-doctor diagnose --simulate dgx-h100'
else
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    bin/gpu-doctor diagnose --simulate dgx-h100 >/dev/null || true
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms, min " a[1] " ms, max " a[NR] " ms"}'
fi
echo "== warm in-process diagnosis (JMH)"
java -jar bench/target/benchmarks.jar DiagnoseBenchmark -rf text -rff bench/target/diagnose-jmh.txt
