#!/usr/bin/env bash
# Slow clients (issue 8): CONNECTIONS connections dribble request headers one byte a second each
# (bench/stress/slow_headers.py; a closed one is replaced at once), while a real /metrics scrape
# is timed every half second. Loopback only; everything started is stopped on exit.
# Targets: every real scrape answers 200 in under 1 s; the server ends every slow connection
# within CLOSE_WITHIN seconds (its request-header deadline is the 10 s idle timeout, plus the
# client's 1 s between bytes and scheduling slack).
# Needs: python3, curl. Exits 1 when a target is missed, 2 when it cannot run.
# Usage: bench/stress-slow-clients.sh [CONNECTIONS (500)] [SECONDS (60)]
#   env: CLOSE_WITHIN (15) SKIP_BUILD (unset: builds with mvn -o package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-500}
seconds=${2:-60}
close_within=${CLOSE_WITHIN:-15}
source bench/stress/lib.sh
stress_require python3 curl
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests

# The client holds CONNECTIONS sockets and the daemon as many; both inherit this shell's limit.
need=$((connections + 256))
if [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || { echo "$0: ulimit -n is $(ulimit -n); $need needed" >&2; exit 2; }
fi

mkdir -p bench/results
stamp=$(date +%Y%m%d-%H%M%S)
scrapes=bench/results/slow-clients-$stamp-scrapes.txt
port=$(free_port)
stress_start_daemon "$port" "bench/results/slow-clients-$stamp-daemon.log"
echo "== daemon pid $daemon_pid on 127.0.0.1:$port; $connections slow connections for ${seconds}s"

summary_file=$(mktemp)
python3 bench/stress/slow_headers.py "$port" "$connections" "$seconds" >"$summary_file" &
client_pid=$!
stress_pids+=("$client_pid")

# Real scrapes, one every half second, while the client is at it: "code seconds" per line; the
# daemon's open fds sampled with each, to show the slow connections it holds.
max_fds=0
while kill -0 "$client_pid" 2>/dev/null; do
  curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/metrics" \
    >>"$scrapes" || true
  fds=$(ls "/proc/$daemon_pid/fd" | wc -l)
  [ "$fds" -le "$max_fds" ] || max_fds=$fds
  sleep 0.5
done
wait "$client_pid"
summary=$(cat "$summary_file")
rm -f "$summary_file"

echo "== slow connections: $summary"
echo "== daemon open fds: at most $max_fds during the run, $(ls "/proc/$daemon_pid/fd" | wc -l) after"
# curl writes 000 for a scrape that got no answer (refused, timed out).
read -r count failed over max p99 < <(sort -k2 -g "$scrapes" | awk '
  {n++; t[n]=$2; if ($1 != "200") bad++; if ($2 >= 1) slow++}
  END {printf "%d %d %d %s %s\n", n, bad+0, slow+0, t[n], t[int(0.99 * (n - 1)) + 1]}')
echo "== real scrapes: $count, not 200: $failed, 1 s or slower: $over; max ${max}s, p99 ${p99}s"

value() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $summary"; }
status=0
[ "$count" -gt 0 ] && [ "$failed" -eq 0 ] && [ "$over" -eq 0 ] || { echo "MISSED: a real scrape failed or took 1 s or more"; status=1; }
[ "$(value closed)" != 0 ] || { echo "MISSED: the server closed no slow connection"; status=1; }
awk -v m="$(value close_max_s)" -v o="$(value oldest_open_s)" -v l="$close_within" 'BEGIN {exit !(m + 0 <= l && o + 0 <= l)}' \
  || { echo "MISSED: a slow connection lived over ${close_within}s"; status=1; }
[ "$status" -ne 0 ] || echo "== all targets met"
exit "$status"
