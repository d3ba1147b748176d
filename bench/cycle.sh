#!/usr/bin/env bash
# Benchmarks one whole collection cycle of `gpu-doctor serve` (issue 17: every NVML field) with
# NVML calls that take as long as a real driver's (~0.1-1 ms each):
#   1. the simulated dgx-h100 (8 H100s, every field, 18 NVLinks each) with a 1 ms delay fault on
#      every NVML call (the simulator's smallest delay unit), so cycle time is dominated by calls;
#   2. NVIDIA's-header fake libnvidia-ml (native-bindings' test fixture: an H100 and an RTX 4090)
#      loaded through JNA, every call sleeping FAKE_NVML_LATENCY_US (default 500).
# Reported: gpu_doctor_collection_duration_seconds over CYCLES cycles (median, max) and the
# number of NVML calls one cycle makes. Run it on two checkouts to compare before and after:
#   GPU_DOCTOR=<old checkout>/bin/gpu-doctor bench/cycle.sh
# Usage: bench/cycle.sh   env: CYCLES (10) FAKE_NVML_LATENCY_US (500) GPU_DOCTOR (bin/gpu-doctor) SKIP_BUILD
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${CYCLES:-10}
latency=${FAKE_NVML_LATENCY_US:-500}
gpu_doctor=${GPU_DOCTOR:-bin/gpu-doctor}
port=19843
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests package
fake=native-bindings/target/native/fake-nvml/libnvidia-ml.so.1
[ -f "$fake" ] || mvn -B -q -pl native-bindings test -Dtest=JnaNvmlAbiTest -Dsurefire.failIfNoSpecifiedTests=false
work=$(mktemp -d)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Cycle durations, one per cycle, read from the daemon's own gauge as each new cycle lands.
durations() { # ARGS...: serve arguments
  "$gpu_doctor" serve --collect.interval 1s --web.listen-address "127.0.0.1:$port" "$@" >"$work/serve.log" 2>&1 &
  pid=$!
  local seen="" n=0 line
  while [ "$n" -lt "$cycles" ]; do
    line=$(curl -sf "http://127.0.0.1:$port/metrics" 2>/dev/null \
      | grep -E '^gpu_doctor_(collection_duration_seconds|collection_cycles_total|last_collection_timestamp_seconds) ' \
      | tr '\n' ' ') || true
    stamp=$(sed -n 's/.*gpu_doctor_last_collection_timestamp_seconds \([^ ]*\).*/\1/p' <<<"$line")
    if [ -n "$stamp" ] && [ "$stamp" != "$seen" ]; then
      seen=$stamp
      n=$((n + 1))
      [ "$n" -gt 1 ] && sed -n 's/.*gpu_doctor_collection_duration_seconds \([^ ]*\).*/\1/p' <<<"$line"
    fi
    sleep 0.2
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

summary() { # NAME
  sort -g | awk -v name="$1" '{a[NR]=$1*1000} END {printf "%s: median %.1f ms, max %.1f ms (%d cycles)\n", name, a[int((NR+1)/2)], a[NR], NR}'
}

mkdir -p "$work/dgx"
sed '/^faults:/,$d' agent/src/main/resources/io/gpudoctor/agent/scenarios/dgx-h100/scenario.yaml >"$work/dgx/scenario.yaml"
printf 'faults:\n  - {call: "*", delay: 1ms}\n' >>"$work/dgx/scenario.yaml"
echo "== simulated dgx-h100, 1 ms per NVML call"
durations --simulate "$work/dgx" | summary "cycle"

echo "== fake libnvidia-ml (2 GPUs), ${latency} us per NVML call"
FAKE_NVML_LATENCY_US=$latency durations --nvml.library "$fake" | summary "cycle"
