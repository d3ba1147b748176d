#!/usr/bin/env bash
# Auth abuse (issue 8): wrong passwords against `gpu-doctor serve --simulate dgx-h100` with basic
# auth (a web config written at run time, its bcrypt hash made by bench/stress/BcryptHash.java with
# the daemon's own bcrypt library, cost COST).
#
# Loopback clients get everything without credentials when the daemon runs with
# --web.loopback-without-auth, as here, so the client must not be one: the daemon listens on
# 127.0.0.1 only, and the client (bench/stress/auth_abuse.py) binds its end of each connection to this host's own non-loopback IPv4 address (from `hostname -I`). The
# packets never leave the host, and the daemon sees a non-loopback peer and asks for credentials.
#
#   1. timing: ATTEMPTS wrong passwords for the known user and ATTEMPTS for unknown users, one at a
#      time, alternating; per-request latency, mean and median per kind.
#   2. flood: ATTEMPTS wrong passwords for the known user from CONCURRENCY connections at once,
#      while a loopback /metrics scrape is timed every second; the daemon's CPU time over the flood
#      (utime + stime from /proc/PID/stat) over its wall time = cores used.
# Targets: median latency of unknown vs known users within 10%; at most 1 core during the flood
# (the authenticator runs one bcrypt at a time); every flood answer 401 (or the designed 503 over
# the in-flight cap, when CONCURRENCY is above 16); every real scrape 200 in under 1 s.
# Needs: python3, curl. Exits 1 when a target is missed, 2 when it cannot run.
# Usage: bench/stress-auth.sh [ATTEMPTS (1000)]   env: COST (10) CONCURRENCY (8) SKIP_BUILD
set -euo pipefail
cd "$(dirname "$0")/.."
attempts=${1:-1000}
cost=${COST:-10}
concurrency=${CONCURRENCY:-8}
source bench/stress/lib.sh
stress_require python3 curl java
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests

source_ip=$(hostname -I | tr ' ' '\n' | grep -E '^[0-9.]+$' | grep -v '^127\.' | head -1 || true)
[ -n "$source_ip" ] || { echo "$0: this host has no non-loopback IPv4 address to send from" >&2; exit 2; }

mkdir -p bench/results
out=bench/results/auth-$(date +%Y%m%d-%H%M%S)
password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
umask 077
printf 'basic_auth_users:\n  scraper: %s\n' \
  "$(java -cp agent/target/gpu-doctor.jar bench/stress/BcryptHash.java "$password" "$cost")" >"$out-web.yml"
port=$(free_port)
# Loopback stays the operator's own seat here (--web.loopback-without-auth): the flood comes from
# the non-loopback address, and the timed scrapes from loopback need no credentials.
stress_start_daemon "$port" "$out-daemon.log" --web.config.file "$out-web.yml" --web.loopback-without-auth
echo "== daemon pid $daemon_pid on 127.0.0.1:$port, bcrypt cost $cost; client source address $source_ip"
python3 bench/stress/auth_abuse.py check "$port" "$source_ip" scraper "$password"

echo "== timing: $attempts wrong passwords for the known user, $attempts for unknown users, one at a time"
python3 bench/stress/auth_abuse.py timing "$port" "$source_ip" scraper "$attempts" | tee "$out-timing.txt"

echo "== flood: $attempts wrong passwords from $concurrency connections"
cpu0=$(cpu_seconds "$daemon_pid")
t0=$(date +%s.%N)
python3 bench/stress/auth_abuse.py flood "$port" "$source_ip" scraper "$attempts" "$concurrency" >"$out-flood.txt" &
flood_pid=$!
stress_pids+=("$flood_pid")
while kill -0 "$flood_pid" 2>/dev/null; do
  curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/metrics" \
    >>"$out-scrapes.txt" || true
  sleep 1
done
wait "$flood_pid"
cpu1=$(cpu_seconds "$daemon_pid")
t1=$(date +%s.%N)
cat "$out-flood.txt"
cores=$(awk -v c0="$cpu0" -v c1="$cpu1" -v t0="$t0" -v t1="$t1" 'BEGIN {printf "%.2f", (c1 - c0) / (t1 - t0)}')
echo "== daemon CPU during the flood: $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {print b - a}') s" \
  "in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s = $cores cores"
read -r scrapes bad max < <(sort -k2 -g "$out-scrapes.txt" | awk '
  {n++; t = $2; if ($1 != "200" || $2 >= 1) bad++} END {print n, bad + 0, t}')
echo "== real /metrics scrapes during the flood: $scrapes, failed or 1 s or slower: $bad, max ${max}s"

status=0
gap=$(sed -n 's/.*median_pct=\([0-9.]*\).*/\1/p' "$out-timing.txt")
awk -v g="$gap" 'BEGIN {exit !(g < 10)}' || { echo "MISSED: known/unknown median gap ${gap}% is not under 10%"; status=1; }
awk -v c="$cores" 'BEGIN {exit !(c <= 1)}' || { echo "MISSED: $cores cores is over 1"; status=1; }
[ "$bad" -eq 0 ] || { echo "MISSED: a real scrape failed or took 1 s or more during the flood"; status=1; }
# 503 is the designed answer when CONCURRENCY exceeds the daemon's in-flight cap (16).
! grep -oE 'status_[0-9]+' "$out-flood.txt" | grep -qvE 'status_(401|503)' \
  || { echo "MISSED: a flood attempt got neither 401 nor 503"; status=1; }
[ "$status" -ne 0 ] || echo "== all targets met"
exit "$status"
