#!/usr/bin/env bash
# Load and soak (issue 8) of `gpu-doctor serve --simulate dgx-h100` on loopback.
#
# Load (default): two wrk processes for SECONDS (+5), 32 connections on /metrics and 32 on /diagnose
#   (64 in all, four times the daemon's in-flight cap of 16, so it must answer some 503s), each
#   counting responses by status (bench/stress/count-statuses.lua).
#   Targets: no socket error, no non-2xx but 503; p99 under 250 ms per endpoint (wrk's latency
#   covers every response, the quick 503s included).
# Soak (--soak): three scrapers for SECONDS, each every 5 s, two on /metrics and one on /diagnose,
#   timed by curl; and the heap after a full GC (jcmd GC.run, then GC.heap_info) at minute 1 and
#   at the end. Targets: every scrape 200; heap after GC grows under 5 MiB. The 24-hour soak is
#   `bench/stress-load.sh --soak 86400`.
# Both: the daemon's RSS (VmRSS), threads and open fds from /proc every 10 s into
#   bench/results/load-*.csv; growth from the sample at 60 s (the first sample, at 10 s, on runs
#   shorter than 2 minutes) to the last: RSS under 20 MiB, threads within ±2, fds within ±5.
# Needs: wrk (load), curl, python3, jcmd (soak). Exits 1 when a target is missed, 2 when it cannot run.
# Usage: bench/stress-load.sh [--soak] [SECONDS (300)]   env: SKIP_BUILD (unset: builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=load
if [ "${1:-}" = "--soak" ]; then mode=soak; shift; fi
seconds=${1:-300}
source bench/stress/lib.sh
stress_require curl python3
if [ "$mode" = load ]; then stress_require wrk; else stress_require jcmd; fi
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests

mkdir -p bench/results
out=bench/results/$mode-$(date +%Y%m%d-%H%M%S)
port=$(free_port)
stress_start_daemon "$port" "$out-daemon.log"
# Growth is measured from this sample on: minute 1, or the first sample on a run under 2 minutes.
baseline=$((seconds >= 120 ? 60 : 10))
echo "== $mode: daemon pid $daemon_pid on 127.0.0.1:$port for ${seconds}s; samples in $out.csv"

# The heap's used KiB after a full collection (sums the generations' "total …, used …K" lines).
heap_after_gc() {
  jcmd "$daemon_pid" GC.run >/dev/null
  jcmd "$daemon_pid" GC.heap_info | awk '/ total .*, used / {
    for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); s += v } } END {print s}'
}

# One row every 10 s: seconds since start, VmRSS KiB, threads, open fds.
sample() {
  local start=$1 next=$(($1 + 10))
  echo "seconds,rss_kib,threads,fds" >"$out.csv"
  while :; do
    sleep $((next - $(date +%s))) 2>/dev/null || true
    echo "$((next - start)),$(awk '/^VmRSS/ {print $2}' "/proc/$daemon_pid/status")," \
      "$(awk '/^Threads/ {print $2}' "/proc/$daemon_pid/status"),$(ls "/proc/$daemon_pid/fd" | wc -l)" \
      | tr -d ' ' >>"$out.csv"
    next=$((next + 10))
  done
}
# A scraper for the soak: "code seconds" per line into $2, one request every 5 s.
scrape_every_5s() {
  local path=$1 file=$2 until=$3
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port$path" >>"$file" || true
    sleep 5
  done
}

start=$(date +%s)
sample "$start" &
stress_pids+=($!)
status=0
if [ "$mode" = load ]; then
  # wrk runs 5 s past the last sample, so that every sample is taken under the same load.
  for path in metrics diagnose; do
    wrk -t1 -c32 -d"$((seconds + 5))s" --timeout 5s --latency -s bench/stress/count-statuses.lua \
      "http://127.0.0.1:$port/$path" >"$out-wrk-$path.txt" &
    stress_pids+=($!)
  done
  wait "${stress_pids[@]: -2}"
  for path in metrics diagnose; do
    f=$out-wrk-$path.txt
    p50=$(awk '$1 == "50%" {print $2}' "$f")
    p99=$(awk '$1 == "99%" {print $2}' "$f")
    requests=$(awk '/requests in/ {print $1}' "$f")
    socket_errors=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$f")
    ok=$(awk '$1 == "status" && $2 >= 200 && $2 < 300 {s += $3} END {print s + 0}' "$f")
    designed=$(awk '$1 == "status" && $2 == 503 {print $3}' "$f")
    other=$(awk '$1 == "status" && ($2 < 200 || $2 >= 300) && $2 != 503 {s += $3} END {print s + 0}' "$f")
    echo "== /$path: $requests requests, 2xx ${ok}, 503 ${designed:-0}, other non-2xx $other," \
      "socket errors ${socket_errors:-0}; latency p50 $p50, p99 $p99"
    [ "$other" -eq 0 ] && [ "${socket_errors:-0}" -eq 0 ] || { echo "MISSED: /$path had errors"; status=1; }
    # wrk prints "123.45ms", "1.23s" or "456.00us".
    awk -v v="$p99" 'BEGIN { ms = v + 0; if (v ~ /us$/) ms /= 1000; else if (v ~ /[0-9]s$/) ms *= 1000
      exit !(ms < 250) }' || { echo "MISSED: /$path p99 $p99 is not under 250 ms"; status=1; }
  done
else
  until=$((start + seconds))
  for path in /metrics /metrics /diagnose; do
    scrape_every_5s "$path" "$out-scrapes-${path#/}.txt" "$until" &
    stress_pids+=($!)
  done
  sleep $((start + baseline - $(date +%s))) 2>/dev/null || true
  heap_first=$(heap_after_gc)
  wait "${stress_pids[@]: -3}"
  heap_last=$(heap_after_gc)
  for path in metrics diagnose; do
    sort -k2 -g "$out"-scrapes-$path.txt | awk -v p="/$path" '
      {n++; t[n] = $2; if ($1 != "200") bad++}
      END {printf "== %s: %d scrapes, not 200: %d; p50 %.3fs, p99 %.3fs, max %.3fs\n", p, n, bad,
             t[int(0.5 * (n - 1)) + 1], t[int(0.99 * (n - 1)) + 1], t[n]; exit bad > 0}' \
      || { echo "MISSED: a scrape of /$path failed"; status=1; }
  done
  echo "== heap after full GC: ${heap_first} KiB at ${baseline}s, ${heap_last} KiB at the end"
  [ $((heap_last - heap_first)) -lt 5120 ] || { echo "MISSED: the heap after GC grew 5 MiB or more"; status=1; }
fi
sleep $((start + seconds + 1 - $(date +%s))) 2>/dev/null || true
kill -0 "$daemon_pid" 2>/dev/null || { echo "MISSED: the daemon died"; exit 1; }

# Growth from the baseline sample to the last one.
read -r rss0 thr0 fd0 rss1 thr1 fd1 < <(awk -F, -v b="$baseline" '
  NR > 1 && $1 == b {r0 = $2; t0 = $3; f0 = $4} NR > 1 {r1 = $2; t1 = $3; f1 = $4}
  END {print r0, t0, f0, r1, t1, f1}' "$out.csv")
echo "== at ${baseline}s → at the end: RSS ${rss0} → ${rss1} KiB ($(awk -v d=$((rss1 - rss0)) 'BEGIN {printf "%+.1f", d / 1024}') MiB)," \
  "threads $thr0 → $thr1, fds $fd0 → $fd1"
[ $((rss1 - rss0)) -lt 20480 ] || { echo "MISSED: RSS grew 20 MiB or more"; status=1; }
[ $((thr1 - thr0)) -le 2 ] && [ $((thr0 - thr1)) -le 2 ] || { echo "MISSED: threads moved by more than 2"; status=1; }
[ $((fd1 - fd0)) -le 5 ] && [ $((fd0 - fd1)) -le 5 ] || { echo "MISSED: fds moved by more than 5"; status=1; }
[ "$status" -ne 0 ] || echo "== all targets met"
exit "$status"
