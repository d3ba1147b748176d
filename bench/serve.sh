#!/usr/bin/env bash
# Benchmarks `gpu-doctor serve --simulate dgx-h100` (issue: the daemon):
#   1. process start to the first successful /metrics (median of RUNS starts);
#   2. /metrics latency p50/p99 under wrk (8 connections, DURATION), and the same wrk run against
#      Debian's prometheus-node-exporter on the same machine, as the reference;
#   3. the daemon's RSS after RSS_AFTER seconds of being scraped every second.
# Targets: first /metrics under 1.5 s; p99 no worse than node_exporter's; RSS under 96 MiB.
# Needs: wrk, prometheus-node-exporter (apt-get install wrk prometheus-node-exporter).
# Usage: bench/serve.sh   env: RUNS (5) DURATION (30s) RSS_AFTER (600) SKIP_BUILD (unset)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
duration=${DURATION:-30s}
rss_after=${RSS_AFTER:-600}
port=19842
node_port=19100
for tool in wrk prometheus-node-exporter curl; do
  command -v "$tool" >/dev/null || { echo "bench/serve.sh: $tool is not installed" >&2; exit 2; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests package
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_daemon() {
  bin/gpu-doctor serve --simulate dgx-h100 --web.listen-address "127.0.0.1:$port" >/tmp/gpu-doctor-bench.log 2>&1 &
  echo $!
}

echo "== process start to first /metrics ($runs starts)"
firsts=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  pid=$(start_daemon)
  until curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; do sleep 0.01; done
  firsts+=($(( ($(date +%s%N) - start) / 1000000 )))
  kill "$pid"
  # Not a child of this shell (started in a command substitution): wait for its port to close.
  while curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.02; done
done
printf '%s\n' "${firsts[@]}" | sort -n | awk '{a[NR]=$1} END {print "first /metrics: median " a[int((NR+1)/2)] " ms, min " a[1] " ms, max " a[NR] " ms"}'

pid=$(start_daemon); pids+=("$pid")
until curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; do sleep 0.05; done
prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" >/tmp/node-exporter-bench.log 2>&1 &
pids+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$node_port/metrics"; do sleep 0.05; done
echo "== /metrics sizes: gpu-doctor $(curl -s "http://127.0.0.1:$port/metrics" | wc -c) bytes," \
  "node_exporter $(curl -s "http://127.0.0.1:$node_port/metrics" | wc -c) bytes"
# A warm-up so the JIT has compiled the scrape path before it is measured.
wrk -t2 -c8 -d5s "http://127.0.0.1:$port/metrics" >/dev/null
for target in "gpu-doctor:$port" "node_exporter:$node_port"; do
  echo "== wrk -t2 -c8 -d$duration --latency ${target%%:*}"
  wrk -t2 -c8 -d"$duration" --latency "http://127.0.0.1:${target##*:}/metrics" \
    | grep -E '^\s+(50|75|90|99)%|Requests/sec|Non-2xx|Socket errors'
done

echo "== RSS after ${rss_after}s, scraped every second"
end=$(( $(date +%s) + rss_after ))
while [ "$(date +%s)" -lt "$end" ]; do curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; sleep 1; done
grep -E 'VmRSS|VmHWM' "/proc/$pid/status"
