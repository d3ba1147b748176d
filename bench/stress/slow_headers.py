#!/usr/bin/env python3
"""Slowloris client for bench/stress-slow-clients.sh.

Keeps CONNECTIONS connections to 127.0.0.1:PORT open for SECONDS, dribbling an endless request
header onto each: one byte per connection every INTERVAL seconds, well under the server's idle
timeout, so that the idle timeout alone never fires. A connection the server ends (closes, resets
or answers) is noted with its age and replaced by a new one, so the pressure lasts the whole run.
Prints one summary line of key=value for the script to read:

  opened       connections opened in all
  closed       connections the server ended
  answered     of those, how many got an HTTP answer (e.g. 408 or 431) before the close
  open_at_end  connections still open when the run ended
  close_min_s close_median_s close_max_s   ages at which the server ended them
  oldest_open_s  age of the oldest connection still open at the end
  bytes_sent   header bytes sent in all

Usage: slow_headers.py PORT CONNECTIONS SECONDS [INTERVAL]
"""
import selectors
import socket
import sys
import time


def header_bytes():
    """A request line, then header lines without end: the request never completes."""
    yield from b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    n = 0
    while True:
        yield from b"X-Slow-%d: a\r\n" % n
        n += 1


def main():
    port, connections, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    interval = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    sel = selectors.DefaultSelector()
    conns = {}  # socket -> (opened at, header byte generator)
    opened, answered, sent, close_ages = 0, 0, 0, []

    def open_one():
        nonlocal opened
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.setblocking(False)
        conns[s] = (time.monotonic(), header_bytes())
        sel.register(s, selectors.EVENT_READ)
        opened += 1

    def ended(s):
        close_ages.append(time.monotonic() - conns[s][0])
        sel.unregister(s)
        s.close()
        del conns[s]

    deadline = time.monotonic() + seconds
    next_round = time.monotonic()
    while time.monotonic() < deadline:
        while len(conns) < connections:
            open_one()
        now = time.monotonic()
        if now >= next_round:
            # One byte on every open connection, then wait for the next round.
            for s, (_, gen) in list(conns.items()):
                try:
                    s.send(bytes([next(gen)]))
                    sent += 1
                except OSError:
                    pass  # the server closed it; the read below records it
            next_round = now + interval
        for key, _ in sel.select(timeout=max(0.0, min(next_round, deadline) - time.monotonic())):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if data.startswith(b"HTTP/"):
                answered += 1
            if data.startswith(b"HTTP/") or not data:
                ended(s)
    now = time.monotonic()
    oldest = max((now - at for at, _ in conns.values()), default=0.0)
    open_at_end = len(conns)
    for s in conns:
        s.close()
    close_ages.sort()

    def age(q):
        return "%.1f" % close_ages[int(q * (len(close_ages) - 1))] if close_ages else "-"

    print(f"opened={opened} closed={len(close_ages)} answered={answered} open_at_end={open_at_end} "
          f"close_min_s={age(0)} close_median_s={age(0.5)} close_max_s={age(1)} oldest_open_s={oldest:.1f} "
          f"bytes_sent={sent}")


if __name__ == "__main__":
    main()
