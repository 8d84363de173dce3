#!/usr/bin/env python3
"""Time from exec to the first `GET /ping` answered 200, for `recs serve` started fresh N times, and the CPU the
process had used by then (the sum over its threads of /proc/<pid>/task/*/schedstat, which other work on the machine
does not inflate the way it does the wall time).

Usage: bench/startup-time.py <path/to/recs> [runs] [store folder]
Each run starts the binary on a free loopback port with the embedded store in the given folder (a temporary one by
default; its first run seeds nothing, since --demo is not passed), sends a raw HTTP/1.1 request every 0.5 ms until one
is answered 200, records the time since exec, and stops the process. Traffic goes to 127.0.0.1 only.
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REQUEST = b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ms(pid: int) -> float:
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass  # a thread that ended between the listing and the read
    return total / 1e6


def first_ping(binary: str, folder: str, deadline_s: float = 30.0) -> tuple[float, float]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "DATABASE_URL")}
    env["RECS_SQLITE_PATH"] = os.path.join(folder, "recs.db")
    started = time.perf_counter()
    process = subprocess.Popen([binary, "serve", "--urls", f"http://127.0.0.1:{port}"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        while time.perf_counter() - started < deadline_s:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(REQUEST)
                    if s.recv(16).startswith(b"HTTP/1.1 200"):
                        return (time.perf_counter() - started) * 1000, cpu_ms(process.pid)
            except OSError:
                time.sleep(0.0005)
        raise TimeoutError(f"no 200 from /ping within {deadline_s} s")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    binary = os.path.realpath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as scratch:
        folder = sys.argv[3] if len(sys.argv) > 3 else scratch
        first_ping(binary, folder)  # creates the store's schema, so every measured run opens an existing one
        runs_ = [first_ping(binary, folder) for _ in range(runs)]
    times, cpus = [r[0] for r in runs_], [r[1] for r in runs_]
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"binary {binary}: {os.path.getsize(binary) / 1e6:.1f} MB; load average after the runs {load}")
    print("exec to first /ping 200, ms:", " ".join(f"{t:.1f}" for t in times))
    print(f"wall: median {statistics.median(times):.1f} ms, fastest {min(times):.1f} ms over {runs} runs; "
          f"CPU by then: median {statistics.median(cpus):.1f} ms, least {min(cpus):.1f} ms")


if __name__ == "__main__":
    main()
