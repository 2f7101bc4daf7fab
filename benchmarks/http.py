"""Load benchmark of the HTTP API, on loopback only, with a fixed number of requests.

Run with ``python benchmarks/http.py`` after ``pip install -e ".[bench,server]"``. It starts
``aeo-mra serve``'s app in a separate process, with one trivial JSON endpoint added on the
same stack (Starlette on uvicorn) as the yardstick, then sends the same number of requests
to ``/v1/check`` and to the trivial endpoint from 1, 16 and 64 concurrent keep-alive
clients, in turn, and prints throughput, p50/p99 latency and errors as a Markdown table.
The goal: ``/v1/check``, asked again or new, at 0.8 times the trivial endpoint's throughput
or better, with no errors. On a small machine the client, in Python, can be as slow as the
server, so beside the throughput the client sees, the table gives the server's own CPU time
per request (from /proc, so Linux only): its inverse is the server's capacity, and the
ratio is taken on it.
Each cell is the run with the least server CPU per request, of ROUNDS interleaved runs.
The ``/v1/check`` questions are 400 realistic ones, each asked many times; a second
``/v1/check`` row asks a new question every time, so the server's rendered answers never
help: 12 places on 200 consecutive days, each question coming back only after 2,400 others;
most days fall in a span (between two days on which the data can change an answer)
already decided and rendered for another day.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REQUESTS = 12_000  # per endpoint and concurrency
CONCURRENCY = (1, 16, 64)
ROUNDS = 5  # each measurement is the best of these, interleaved

SERVER = """
import sys, uvicorn
from starlette.responses import JSONResponse
from aeo_mra.server import create_app

async def trivial(request):
    return JSONResponse({"ok": True})

app = create_app()
app.add_route("/trivial", trivial)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def check_paths() -> list[str]:
    """Realistic questions: 40 places, 50 days, both roles; each asked many times."""
    places = ["DE", "FR", "US", "JP", "GB", "KR", "BR", "HK", "ZA", "SG"] * 4
    days = [date(2014, 1, 1) + timedelta(days=97 * n) for n in range(50)]
    roles = ["exporter", "importer"]
    return [f"/v1/check?place={p}&on={d}&role={r}"
            for p, d, r in zip(places * 10, days * 8, roles * 200, strict=True)]  # fmt: skip


def new_paths() -> list[str]:
    """REQUESTS distinct questions, more than the server keeps rendered: each one new."""
    places = ["DE", "FR", "US", "JP", "GB", "KR", "BR", "HK", "ZA", "SG", "AU", "CH"] * 5
    days = [date(2012, 1, 1) + timedelta(days=n) for n in range(REQUESTS // len(places))]
    return [f"/v1/check?place={p}&on={d}" for p in places for d in days]


async def client(port: int, paths: itertools.cycle[str], count: int, out: list[float]) -> int:
    """Send ``count`` requests on one keep-alive connection; the number of errors."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors = 0
    for _ in range(count):
        request = f"GET {next(paths)} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
        started = time.perf_counter()
        writer.write(request)
        status = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        out.append(time.perf_counter() - started)
        errors += not status.startswith(b"HTTP/1.1 200")
    writer.close()
    return errors


Result = tuple[float, list[float], int, float]


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used (Linux: user and system time from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def load(port: int, pid: int, paths: list[str], concurrency: int) -> Result:
    """Throughput (requests/s), latencies, errors, and the server's CPU seconds per request."""
    cycle = itertools.cycle(paths)
    latencies: list[float] = []
    cpu = cpu_seconds(pid)
    started = time.perf_counter()
    errors = await asyncio.gather(
        *(client(port, cycle, REQUESTS // concurrency, latencies) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    per_request = (cpu_seconds(pid) - cpu) / len(latencies)
    return len(latencies) / elapsed, latencies, sum(errors), per_request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    try:
        for _ in range(200):  # wait for the port to open
            try:
                socket.create_connection(("127.0.0.1", port)).close()
                break
            except OSError:
                time.sleep(0.05)
        endpoints = {
            "/v1/check": check_paths(),
            "/v1/check, every question new": new_paths(),
            "trivial JSON": ["/trivial"],
        }
        for paths in endpoints.values():  # warm: answers cached, code paths hot
            asyncio.run(load(port, server.pid, paths, 16))
        rows = []
        for concurrency in CONCURRENCY:
            best: dict[str, Result] = {}
            for _ in range(ROUNDS):
                for name, paths in endpoints.items():
                    result = asyncio.run(load(port, server.pid, paths, concurrency))
                    if name not in best or result[3] < best[name][3]:
                        best[name] = result
            rows.append((concurrency, best))
    finally:
        server.terminate()
        server.wait()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {date.today()}; "
          f"{REQUESTS} requests per cell, best of {ROUNDS}")  # fmt: skip
    print()
    print("| clients | endpoint | requests/s | p50 ms | p99 ms | errors | server CPU µs/request "
          "| capacity ratio to trivial | goal |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for concurrency, best in rows:
        trivial = best["trivial JSON"][3]
        for name, (rate, latencies, errors, cpu) in best.items():
            cuts = statistics.quantiles(latencies, n=100)
            ratio = f"{trivial / cpu:.2f}" if name != "trivial JSON" else "—"
            goal = "0 errors" if name == "trivial JSON" else "≥ 0.8, 0 errors"
            cells = [concurrency, name, f"{rate:,.0f}", f"{cuts[49] * 1e3:.2f}",
                     f"{cuts[98] * 1e3:.2f}", errors, f"{cpu * 1e6:.0f}", ratio, goal]  # fmt: skip
            print("| " + " | ".join(map(str, cells)) + " |")


if __name__ == "__main__":
    main()
