#!/usr/bin/env python3
"""Wrong passwords for bench/stress-auth.sh, sent from SOURCE (a non-loopback address of this
host, so that the daemon does not wave the client through as loopback) to 127.0.0.1:PORT.

  auth_abuse.py check PORT SOURCE USER PASSWORD
      The right password must get 200 and a wrong one 401: proof that credentials are checked.
  auth_abuse.py timing PORT SOURCE USER ATTEMPTS
      One keep-alive connection, one request at a time, alternating a wrong password for USER and
      a wrong password for an unknown user, ATTEMPTS of each; every password and unknown user is
      new, so no answer comes from the daemon's cache of outcomes. Prints per kind: n, mean,
      median, p99 (ms), then the gap between the two, in % of the known user's figure.
  auth_abuse.py flood PORT SOURCE USER ATTEMPTS CONCURRENCY
      ATTEMPTS wrong passwords for USER from CONCURRENCY connections at once; prints the answers
      by status and the wall time.
"""
import base64
import http.client
import statistics
import sys
import threading
import time

PATH = "/api/v1/gpus"  # behind the access rules, unlike /metrics


def connect(port, source):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))


def ask(conn, user, password):
    """Status and latency (ms) of one request with these credentials."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    start = time.perf_counter()
    conn.request("GET", PATH, headers={"Authorization": "Basic " + token})
    response = conn.getresponse()
    response.read()
    return response.status, (time.perf_counter() - start) * 1000


def check(port, source, user, password):
    conn = connect(port, source)
    right, _ = ask(conn, user, password)
    wrong, _ = ask(conn, user, password + "-wrong")
    print(f"right password: {right}, wrong password: {wrong}")
    sys.exit(0 if (right, wrong) == (200, 401) else 1)


def timing(port, source, user, attempts):
    conn = connect(port, source)
    known, unknown = [], []
    for i in range(attempts):
        pair = ((known, user), (unknown, f"nobody-{i}"))
        for kind, name in pair if i % 2 == 0 else reversed(pair):  # neither kind always goes first
            status, ms = ask(conn, name, f"wrong-{i}")
            if status != 401:
                sys.exit(f"expected 401, got {status}")
            kind.append(ms)

    def stats(ms):
        ms = sorted(ms)
        return statistics.fmean(ms), statistics.median(ms), ms[int(0.99 * (len(ms) - 1))]

    k, u = stats(known), stats(unknown)
    for name, (mean, median, p99) in (("known", k), ("unknown", u)):
        print(f"{name} n={attempts} mean_ms={mean:.1f} median_ms={median:.1f} p99_ms={p99:.1f}")
    print(f"gap mean_pct={100 * abs(u[0] - k[0]) / k[0]:.1f} median_pct={100 * abs(u[1] - k[1]) / k[1]:.1f}")


def flood(port, source, user, attempts, concurrency):
    statuses = {}
    lock = threading.Lock()
    counter = iter(range(attempts))

    def worker():
        conn = connect(port, source)
        for i in counter:  # shared: each attempt is taken by one worker
            status, _ = ask(conn, user, f"flood-{i}")
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    start = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(concurrency)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    answers = " ".join(f"status_{s}={n}" for s, n in sorted(statuses.items()))
    print(f"flood attempts={attempts} concurrency={concurrency} wall_s={time.perf_counter() - start:.1f} {answers}")


if __name__ == "__main__":
    mode, port, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "check":
        check(port, source, sys.argv[4], sys.argv[5])
    elif mode == "timing":
        timing(port, source, sys.argv[4], int(sys.argv[5]))
    else:
        flood(port, source, sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
