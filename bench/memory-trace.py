#!/usr/bin/env python3
"""Traces a running Recs server's memory every 0.1 s, for finding what sets a load run's resident peak.

The load suite keeps only each phase's peak; this prints the whole series. Start it, then the suite, in one shell:

    python3 bench/memory-trace.py /tmp/trace.txt & \
    SKIP_PUBLISH=1 loadtests/run.sh letterboxd --closed-seconds 1 --open-seconds 1 --warmup-seconds 1

Each line: seconds since the server was first seen, VmRSS / RssAnon / RssFile (MiB, from /proc), and the server's
own account from GET /api/memory, read at most every 0.3 s (training scratch, model and retired bytes, the
collector's committed bytes and heap size, MB). It finds the server by its command line (`recs serve --urls URL`)
and stops 30 s after the server has gone.
"""
import json
import os
import sys
import time
import urllib.request

URL = os.environ.get("RECS_URL", "http://127.0.0.1:18080")


def find_server():
    needle = f"serve --urls {URL}".encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if needle in f.read().replace(b"\0", b" "):
                    return pid
        except OSError:
            continue
    return None


def resident(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":")[0]
            if key in ("VmRSS", "RssAnon", "RssFile"):
                values[key] = int(line.split()[1]) / 1024
    return values


def megabytes(value):
    return "-" if value is None else f"{value / 1e6:.1f}"


def main(path):
    with open(path, "w") as out:
        server, started, last_seen, last_poll, account = None, 0.0, time.time(), 0.0, {}
        while True:
            pid = find_server()
            if pid is None:
                if server and time.time() - last_seen > 30:
                    return
                time.sleep(0.2)
                continue
            if pid != server:
                server, started = pid, time.time()
                out.write(f"# server {pid}\n")
            last_seen = time.time()
            try:
                rss = resident(pid)
            except OSError:
                continue
            if time.time() - last_poll > 0.3:
                last_poll = time.time()
                try:
                    with urllib.request.urlopen(f"{URL}/api/memory", timeout=0.3) as response:
                        account = json.load(response)
                except (OSError, ValueError):
                    pass
            gc = account.get("gc", {})
            retired = account.get("retired", {})
            out.write(
                f"{time.time() - started:.1f} rss {rss.get('VmRSS', 0):.1f} anon {rss.get('RssAnon', 0):.1f} "
                f"file {rss.get('RssFile', 0):.1f} scratch {megabytes(account.get('training_scratch_bytes'))} "
                f"model {megabytes(account.get('model_bytes'))} retired {megabytes(retired.get('bytes'))} "
                f"committed {megabytes(gc.get('committed_bytes'))} heap {megabytes(gc.get('heap_size_bytes'))}\n")
            out.flush()
            time.sleep(0.1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: memory-trace.py OUTPUT")
    main(sys.argv[1])
