#!/usr/bin/env bash
# Connection and auth floods (issue 20) against `gpu-doctor serve --simulate dgx-h100`, run as the
# systemd unit runs it: the unit's JAVA_OPTS (ExitOnOutOfMemoryError, so a heap that fills ends the
# process) on top of the launcher's 48 MiB heap, and the unit's LimitNOFILE.
#
#   1. For each CONNECTIONS and each of /metrics and /healthz: wrk keeps CONNECTIONS busy keep-alive
#      connections for SECONDS, while a scraper asks /metrics every 0.5 s from another loopback
#      address (127.0.0.2: another client, as Prometheus is) and one from the flood's own address
#      (127.0.0.1). Sampled every second: the daemon's RSS.
#      Targets: the daemon is alive after; its highest RSS is under the unit's MemoryMax; every
#      scrape from the other address is 200, 95 % of them within 1 s (the slowest is reported: on a
#      2-vCPU machine wrk takes one CPU and the flood's reconnections much of the other). Scrapes from the flood's own address are
#      reported, with no target: that address is over its connection share, so its new connections
#      are closed as they come (docs/reliability.md).
#   2. SIGTERM during a flood of the largest CONNECTIONS on /metrics: the daemon exits within 5 s.
#   3. Auth flood: basic auth on (bcrypt cost 10), AUTH_CONNECTIONS (64) connections sending random
#      wrong passwords for SECONDS, while an authenticated scraper asks /metrics every 0.5 s from
#      127.0.0.1 (the flood's address) and from 127.0.0.2. Target: every authenticated scrape 200,
#      95 % of them within 1 s. Reported: the flood's answers by status (429 once an address's burst is spent)
#      and the daemon's CPU over the flood (answering the flood, not bcrypt, which runs one at a time).
# Figures go to stdout and bench/results/flood-*.txt. Exits 1 when a target is missed, 2 when it
# cannot run.
# P95_LIMIT (1) is the p95 target in seconds: CI passes 2, so that a busy CI machine cannot fail the
# build on latency alone while a real regression (a dead, bloated or wedged daemon) still does.
# Usage: bench/stress-flood.sh [SECONDS (60)] [CONNECTIONS ... (1000 5000)]   env: SKIP_BUILD, AUTH_CONNECTIONS, P95_LIMIT
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
if [ $# -gt 0 ]; then counts=("$@"); else counts=(1000 5000); fi
auth_connections=${AUTH_CONNECTIONS:-64}
p95_limit=${P95_LIMIT:-1}
source bench/stress/lib.sh
stress_require wrk curl python3 java
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests

unit=packaging/systemd/gpu-doctor.service
# The unit's JVM options, less its JNA cache directory (made by systemd, absent here).
export JAVA_OPTS
JAVA_OPTS=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$unit" | sed 's/ *-Djna.tmpdir=[^ ]*//')
export STRESS_NOFILE
STRESS_NOFILE=$(sed -n 's/^LimitNOFILE=//p' "$unit")
memory_max_kib=$(sed -n 's/^MemoryMax=\([0-9]*\)M$/\1/p' "$unit")
memory_max_kib=$((memory_max_kib * 1024))
ulimit -n "$(ulimit -Hn)"
largest=$(printf '%s\n' "${counts[@]}" | sort -n | tail -1)
[ "$(ulimit -n)" -gt $((largest + 64)) ] || { echo "$0: $largest connections need more open files than $(ulimit -n)" >&2; exit 2; }

mkdir -p bench/results
out=bench/results/flood-$(date +%Y%m%d-%H%M%S)
failed=0
report() { echo "$*" | tee -a "$out.txt"; }
miss() { report "  MISSED: $*"; failed=1; }

# scrape_every_half_second SOURCE FILE UNTIL [curl args]: "code seconds" per line.
scrape_every_half_second() {
  local source=$1 file=$2 until=$3
  shift 3
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -s -o /dev/null --interface "$source" --max-time 5 -w '%{http_code} %{time_total}\n' "$@" \
      "http://127.0.0.1:$port/metrics" >>"$file" || true
    sleep 0.5
  done
}
# The highest VmRSS (KiB) of the daemon, sampled every second until UNTIL, into FILE.
highest_rss() {
  local file=$1 until=$2 high=0 rss
  while [ "$(date +%s)" -lt "$until" ] && kill -0 "$daemon_pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$daemon_pid/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$high" ] && high=$rss
    echo "$high" >"$file"
    sleep 1
  done
}
# summarize FILE: "n=N 200=N max=Ss over1s=N unanswered=N"
summarize() {
  python3 - "$1" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
codes = [r[0] for r in rows]
times = [float(r[1]) for r in rows]
ordered = sorted(times) or [0]
p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
print("n=%d ok=%d 503=%d other=%d p95=%.3fs max=%.3fs over1s=%d unanswered=%d" % (
    len(rows), codes.count("200"), codes.count("503"),
    sum(1 for c in codes if c not in ("200", "503", "000")), p95, max(ordered),
    sum(1 for t in times if t > 1.0), codes.count("000")))
PY
}
calc() { awk "BEGIN {print ($1)}"; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $2"; }

report "== flood: ${seconds}s per run; connections ${counts[*]}; p95 target ${p95_limit}s; JAVA_OPTS=$JAVA_OPTS; LimitNOFILE $STRESS_NOFILE; MemoryMax $((memory_max_kib / 1024)) MiB"
for connections in "${counts[@]}"; do
  for path in /metrics /healthz; do
    port=$(free_port)
    stress_start_daemon "$port" "$out-daemon-$connections${path//\//-}.log"
    until=$(( $(date +%s) + seconds ))
    : >"$out-other.txt"; : >"$out-same.txt"
    highest_rss "$out-rss.txt" "$until" &
    stress_pids+=($!)
    scrape_every_half_second 127.0.0.2 "$out-other.txt" "$until" & stress_pids+=($!)
    scrape_every_half_second 127.0.0.1 "$out-same.txt" "$until" & stress_pids+=($!)
    wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s bench/stress/count-statuses.lua \
      "http://127.0.0.1:$port$path" >"$out-wrk.txt" 2>&1 || true
    sleep 1
    other=$(summarize "$out-other.txt"); same=$(summarize "$out-same.txt")
    rss=$(cat "$out-rss.txt" 2>/dev/null || echo 0)
    statuses=$(grep '^status' "$out-wrk.txt" | tr '\n' ' ')
    report "-- $connections connections on $path: flood answers: ${statuses:-none} $(grep -o 'Socket errors.*' "$out-wrk.txt" || true)"
    report "   scrapes from 127.0.0.2: $other"
    report "   scrapes from 127.0.0.1: $same"
    report "   highest RSS $((rss / 1024)) MiB"
    kill -0 "$daemon_pid" 2>/dev/null || miss "the daemon died (log: $out-daemon-$connections${path//\//-}.log)"
    [ "$rss" -lt "$memory_max_kib" ] || miss "RSS $((rss / 1024)) MiB is not under MemoryMax"
    [ "$(field ok "$other")" = "$(field n "$other")" ] || miss "a scrape from another address was not 200"
    [ "$(calc "$(field p95 "$other") < $p95_limit")" = 1 ] || miss "scrapes from another address took over ${p95_limit} s (p95)"
    kill "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null || true
  done
done

port=$(free_port)
stress_start_daemon "$port" "$out-daemon-sigterm.log"
wrk -t2 -c"$largest" -d15s "http://127.0.0.1:$port/metrics" >/dev/null 2>&1 &
wrk_pid=$!
stress_pids+=("$wrk_pid")
sleep 5
start=$(date +%s.%N)
kill -TERM "$daemon_pid"
while kill -0 "$daemon_pid" 2>/dev/null; do
  sleep 0.05
  [ "$(calc "$(date +%s.%N) - $start > 20")" = 0 ] || break
done
stopped=$(calc "$(date +%s.%N) - $start")
kill "$wrk_pid" 2>/dev/null || true
report "-- SIGTERM during $largest connections on /metrics: exited after ${stopped}s"
[ "$(calc "$stopped < 5")" = 1 ] || miss "SIGTERM took ${stopped}s"

password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
(umask 077; printf 'basic_auth_users:\n  scraper: %s\n' \
  "$(java -cp agent/target/gpu-doctor.jar bench/stress/BcryptHash.java "$password" 10)" >"$out-web.yml")
port=$(free_port)
STRESS_CURL="-u scraper:$password" stress_start_daemon "$port" "$out-daemon-auth.log" --web.config.file "$out-web.yml"
until=$(( $(date +%s) + seconds ))
: >"$out-other.txt"; : >"$out-same.txt"
cpu_before=$(cpu_seconds "$daemon_pid"); started=$(date +%s.%N)
scrape_every_half_second 127.0.0.2 "$out-other.txt" "$until" -u "scraper:$password" & stress_pids+=($!)
scrape_every_half_second 127.0.0.1 "$out-same.txt" "$until" -u "scraper:$password" & stress_pids+=($!)
wrk -t2 -c"$auth_connections" -d"${seconds}s" -s bench/stress/wrong-passwords.lua \
  "http://127.0.0.1:$port/metrics" >"$out-wrk.txt" 2>&1 || true
sleep 1
cores=$(calc "($(cpu_seconds "$daemon_pid") - $cpu_before) / ($(date +%s.%N) - $started)")
other=$(summarize "$out-other.txt"); same=$(summarize "$out-same.txt")
report "-- auth flood, $auth_connections connections of wrong passwords: $(grep '^status' "$out-wrk.txt" | tr '\n' ' ')"
report "   authenticated scrapes from 127.0.0.2: $other"
report "   authenticated scrapes from 127.0.0.1: $same"
report "   daemon CPU: $cores cores"
for s in "$other" "$same"; do
  [ "$(field ok "$s")" = "$(field n "$s")" ] || miss "an authenticated scrape was not 200"
  [ "$(calc "$(field p95 "$s") < $p95_limit")" = 1 ] || miss "authenticated scrapes took over ${p95_limit} s (p95)"
done
rm -f "$out-web.yml" "$out-other.txt" "$out-same.txt" "$out-rss.txt" "$out-wrk.txt"
[ "$failed" = 0 ] && report "== all targets met" || report "== targets missed"
exit "$failed"
