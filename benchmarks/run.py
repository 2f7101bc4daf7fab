"""Benchmarks: aeo_mra beside its references, measured in one run on one machine.

Run with ``python benchmarks/run.py`` after ``pip install -e ".[bench]"`` (``python
benchmarks/run.py frames`` for the data frame measurements only). It prints a
Markdown table (paste it into docs/performance.md) with each measurement, its reference,
the ratio and the goal. Each measurement and its reference run in turn, several times, so
that other load on the machine affects both alike: the best time of each is kept for calls
in one process, the median (with the spread) of whole processes started afresh, and beside
it the median of their CPU time (user and system), which waits on other work less.
"""

from __future__ import annotations

import compileall
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import holidays
import pycountry

import aeo_mra
from aeo_mra import world
from aeo_mra.places import iso_territories

REPEAT = 7
DAY = date(2020, 5, 1)
NAMES = {
    "aeo_mra": aeo_mra,
    "world": world,
    "pycountry": pycountry,
    "day": DAY,
    "IMPORTER": aeo_mra.Role.IMPORTER,  # bound once, as a loop over rows would
    "ADVANCED": aeo_mra.Tier.ADVANCED_CERTIFIED,
    "table": {"DE": 1},
    "holidays": holidays.country_holidays("CN", years=range(2015, 2027)),
    "moment": datetime(2020, 5, 1, 9, 30, tzinfo=UTC),
    "cell": type("str_", (str,), {})("DE"),  # a str subclass, as numpy.str_ is
}
GET = 'pycountry.countries.get(alpha_2="DE")'
GET_PROCESS = "import pycountry; pycountry.countries.get(alpha_2='DE')"

Row = tuple[str, float, str, str]


def per_run(stmt: str, number: int) -> float:
    """Time of one run of ``stmt``, in seconds."""
    return timeit.timeit(stmt, globals=NAMES, number=number) / number


def compare(
    name: str, stmt: str, reference: str, ref: str, goal: str, number: int = 200_000
) -> Row:
    value = base = float("inf")
    for _ in range(REPEAT):  # interleaved, so that a slow spell of the machine slows both
        value, base = min(value, per_run(stmt, number)), min(base, per_run(ref, number))
    return f"{name} ({value * 1e9:,.0f} ns)", value / base, reference, goal


def lookups() -> list[Row]:
    importer = 'aeo_mra.check("DE", on=day, role=IMPORTER)'
    tier = 'aeo_mra.check("DE", on=day, tier=ADVANCED)'
    between = 'world.check("EU/AEOS", "JP", on=day)'
    warm = ['aeo_mra.check("DE")', 'aeo_mra.check("Germany")', 'aeo_mra.check("德国")',
            "aeo_mra.check(276, on=day)", importer, tier, between, GET]  # fmt: skip
    for stmt in warm:
        exec(stmt, NAMES)  # warm: load the data, fill the caches
    get = "pycountry get(alpha_2=)"
    return [
        compare("check(code), date default", 'aeo_mra.check("DE")', get, GET, "≤ 0.5"),
        compare("check(code, on=date)", 'aeo_mra.check("DE", on=day)', get, GET, "≤ 0.5"),
        compare("check(numeric code 276, on=date)", "aeo_mra.check(276, on=day)", get, GET,
                "≤ 0.5"),
        compare("check(code, on=date, role=IMPORTER)", importer, get, GET, "≤ 0.5"),
        compare("check(code, on=date, tier=ADVANCED_CERTIFIED)", tier, get, GET, "≤ 0.5"),
        compare("check(English name)", 'aeo_mra.check("Germany")', get, GET, "≤ 2"),
        compare("check(Chinese name)", 'aeo_mra.check("德国")', get, GET, "≤ 2"),
        compare("check(English name)", 'aeo_mra.check("Germany")', "pycountry lookup(name)",
                'pycountry.countries.lookup("Germany")', "—"),
        compare("check(code)", 'aeo_mra.check("DE")', "bare dict lookup", 'table["DE"]', "—"),
        compare("check(code, on=date)", 'aeo_mra.check("DE", on=day)', "holidays `date in`",
                "day in holidays", "—"),
        compare("check(code, on=datetime)", 'aeo_mra.check("DE", on=moment)', get, GET, "≤ 0.5"),
        compare("check(str subclass, on=date)", "aeo_mra.check(cell, on=day)", get, GET, "≤ 0.5"),
        compare("check(numeric code 276), date default", "aeo_mra.check(276)", get, GET, "≤ 0.5"),
        compare("check(str subclass), date default", "aeo_mra.check(cell)", get, GET, "≤ 0.5"),
        compare("summary()", "aeo_mra.summary()", get, GET, "—", 2_000),
        compare("world.check(holder, place, on=date)", between, get, GET, "—"),
        new_questions(),
    ]  # fmt: skip


def new_questions() -> Row:
    """`world.check` and China's `check` on 20,000 questions each, none asked before: random
    holders and places among the busiest administrations, random days of 2012–2027."""
    chance = random.Random(19)
    holders = ["KR", "JP", "US", "EU/AEOS", "CN", "SG", "HK", "CA", "AU", "IN", "BR", "MX"]
    first = date(2012, 1, 1)
    days = [first + timedelta(days=chance.randrange(5_844)) for _ in range(20_000)]
    pairs = [chance.sample(holders, 2) for _ in days]
    graph = world.load(Path(world.__file__).parent.parent / "data" / "world.toml")  # no answers
    started = time.perf_counter()
    for (holder, place), day in zip(pairs, days, strict=True):
        graph.check(holder, place.split("/")[0].replace("EU", "DE"), on=day)
    per_question = (time.perf_counter() - started) / len(days)
    registry, places = aeo_mra.Registry.bundled(), [place for _, place in pairs]
    started = time.perf_counter()
    for place, day in zip(places, days, strict=True):
        registry.check(place.split("/")[0].replace("EU", "DE").replace("CN", "HK"), on=day)
    china = (time.perf_counter() - started) / len(days)
    return (
        f"world.check, each question new ({per_question * 1e6:,.1f} µs)",
        per_question / china,
        f"check(), each question new ({china * 1e6:,.1f} µs)",
        "—",
    )


def bulk() -> list[Row]:
    places = ["DE", "FR", "US", "JP", "GB", "KR", "BR", "HK", "ZA", "Germany"] * 500_000
    rate, rate_cpu = rows_per_second(places, DAY)
    days = [DAY, date(2021, 1, 1), date(2024, 6, 30), date(2015, 1, 1)] * 1_250_000
    per_row, per_row_cpu = rows_per_second(places, days)
    # Every place, each row on a random day of 2012–2027: about 1.4 M distinct pairs.
    chance = random.Random(17)
    codes = sorted(code for code in iso_territories() if code != "CN")
    first, span = date(2012, 1, 1), (date(2027, 12, 31) - date(2012, 1, 1)).days
    many = [chance.choice(codes) for _ in range(5_000_000)]
    spread = [first + timedelta(days=chance.randrange(span + 1)) for _ in range(5_000_000)]
    distinct = len(set(zip(many, spread, strict=True)))
    high, high_cpu = rows_per_second(many, spread)
    floor = lookups_per_second(places)
    return [(f"yardstick: a dict lookup per row, 5M rows ({floor / 1e6:.1f} M rows/s)",
             floor / 5e6, "5 M rows/s", "—"),
            (f"check_many, 5M rows, 10 distinct ({rate / 1e6:.1f} M rows/s; CPU "
             f"{rate_cpu / 1e6:.1f})", rate / 5e6, "5 M rows/s", "≥ 1"),
            (f"check_many, 5M rows, per-row dates, 20 distinct ({per_row / 1e6:.1f} M rows/s; "
             f"CPU {per_row_cpu / 1e6:.1f})", per_row / 5e6, "5 M rows/s", "≥ 1"),
            (f"check_many, 5M rows, per-row random days 2012–2027, {distinct / 1e6:.2f} M "
             f"distinct ({high / 1e6:.1f} M rows/s; CPU {high_cpu / 1e6:.1f})", high / 2e6,
             "2 M rows/s", "≥ 1")]  # fmt: skip


def frame_rows() -> tuple[list[str], list[date]]:
    """1M shipment rows: ~300 places (ISO codes, partners also by name), 3000 days."""
    import random

    rng = random.Random(15)
    places = [c.alpha_2 for c in pycountry.countries if c.alpha_2 != "CN"]
    partners = {m.territory for a in aeo_mra.arrangements() for m in a.members}
    places += [aeo_mra.resolve(code).name for code in sorted(partners)]  # names, as typed
    days = [date(2014, 1, 1) + timedelta(days=n) for n in range(3_000)]
    return rng.choices(places, k=1_000_000), rng.choices(days, k=1_000_000)


def frames() -> list[Row]:
    """check_frame on pandas and polars, beside check_many on the same rows, best of 5."""
    import pandas as pd
    import polars as pl

    places, days = frame_rows()
    made = {
        "pandas": pd.DataFrame({"place": places, "day": pd.to_datetime(days)}),
        "polars": pl.DataFrame({"place": places, "day": days}),
    }
    runs = {
        **{name: lambda f=f: aeo_mra.check_frame(f, place="place", on="day")
           for name, f in made.items()},
        "check_many": lambda: aeo_mra.check_many(places, days),
    }  # fmt: skip
    first = {}
    for name, run in runs.items():
        aeo_mra._default()._tables[aeo_mra.Role.EXPORTER, None].clear()  # cold: no answers yet
        started = timeit.default_timer()
        run()
        first[name] = timeit.default_timer() - started
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(5):  # interleaved, so that a slow spell of the machine slows all
        for name, run in runs.items():
            best[name] = min(best[name], timeit.timeit(run, number=1))
    rows = len(places)
    distinct = f"{len(set(places))} places, {len(set(days))} days"
    out = []
    for name in runs:
        label = f"check_frame, {name}" if name != "check_many" else "check_many, per-row dates"
        rate, cold = rows / best[name], rows / first[name]
        out.append((f"{label}, 1M rows, {distinct} ({rate / 1e6:.1f} M rows/s; first call "
                    f"{cold / 1e6:.1f} M rows/s)", rate / 5e6, "5 M rows/s",
                    "≥ 1" if name != "check_many" else "—"))  # fmt: skip
    return out


def rows_per_second(places: list[str], on: date | list[date]) -> tuple[float, float]:
    """Rows a fresh registry answers per second in one `check_many` call (the list it
    returns freed too), by the clock and by this process's CPU time: the best of three
    fresh registries."""
    clock, cpu = float("inf"), float("inf")
    for _ in range(3):
        registry = aeo_mra.Registry.bundled()
        registry.check("DE")  # the data loaded, as in a long-running process
        started, used = timeit.default_timer(), time.process_time()
        registry.check_many(places, on=on)
        clock = min(clock, timeit.default_timer() - started)
        cpu = min(cpu, time.process_time() - used)
    return len(places) / clock, len(places) / cpu


def lookups_per_second(places: list[str]) -> float:
    """Rows per second of the least any bulk answer costs: each row looked up in a dict of
    its distinct values, the list it makes freed too. It tells how fast this machine is, so
    that rows per second measured on two machines can be compared."""
    table = dict.fromkeys(places, 0)
    started = timeit.default_timer()
    list(map(table.__getitem__, places))
    return len(places) / (timeit.default_timer() - started)


RUNS = 21
CLI = shutil.which("aeo-mra", path=str(Path(sys.executable).parent)) or "aeo-mra"
# Whole processes, each command as anyone can rerun it (PYTHON is this interpreter).
COMMANDS = {
    "bare": [sys.executable, "-c", "pass"],
    "attrs": [sys.executable, "-c", "import attrs"],
    "import": [sys.executable, "-c", "import aeo_mra"],
    "pycountry": [sys.executable, "-c", GET_PROCESS],
    "check": [sys.executable, "-c", "import aeo_mra; aeo_mra.check('DE')"],
    "cli": [CLI, "check", "DE"],
}
FIRST = (
    "import time, aeo_mra; started, used = time.perf_counter(), time.process_time(); "
    "aeo_mra.check('DE'); print(time.perf_counter() - started, time.process_time() - used)"
)


def processes() -> list[Row]:
    # pip writes bytecode when it installs a package; an editable install may not have it.
    compileall.compile_dir(Path(aeo_mra.__file__).parent, quiet=1)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    first: list[float] = []
    first_cpu: list[float] = []
    for _ in range(RUNS):  # in turn, so that a busy spell of the machine slows all alike
        for name, command in COMMANDS.items():
            used = _children_cpu()
            started = timeit.default_timer()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times[name].append(timeit.default_timer() - started)
            cpu[name].append(_children_cpu() - used)
        done = subprocess.run([sys.executable, "-c", FIRST], check=True, capture_output=True)
        wall, cpu_time = map(float, done.stdout.split())
        first.append(wall)
        first_cpu.append(cpu_time)
    median = {name: statistics.median(runs) for name, runs in times.items()}
    median_cpu = {name: statistics.median(runs) for name, runs in cpu.items()}

    def beside(name: str, what: str, reference: str, goal: str) -> Row:
        ratio_cpu = median_cpu[name] / median_cpu[reference]
        return (
            f"{what} ({_spread(times[name])}; CPU {median_cpu[name] * 1e3:.1f} ms, "
            f"ratio {ratio_cpu:.2f})",
            median[name] / median[reference],
            f"{COMMAND_NAMES[reference]} ({_spread(times[reference])}; "
            f"CPU {median_cpu[reference] * 1e3:.1f} ms)",
            goal,
        )

    return [
        beside("import", "python -c 'import aeo_mra'", "attrs", "≤ 1.2"),
        beside("check", "python -c 'import aeo_mra; aeo_mra.check(\"DE\")'", "pycountry", "≤ 1.0"),
        beside("cli", "aeo-mra check DE", "pycountry", "≤ 1.0"),
        (f"first check() after import ({_spread(first)}; CPU "
         f"{statistics.median(first_cpu) * 1e3:.1f} ms)", statistics.median(first) / 0.010,
         "10 ms", "≤ 1"),
    ]  # fmt: skip


def _children_cpu() -> float:
    """The CPU time (user and system) of this process's finished children, in seconds."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


COMMAND_NAMES = {"attrs": "python -c 'import attrs'", "pycountry": f"python -c '{GET_PROCESS}'"}


def _spread(runs: list[float]) -> str:
    """The median of ``runs`` in ms, and the range of their middle half."""
    low, middle, high = statistics.quantiles(runs, n=4)
    return f"{middle * 1e3:.1f} ms, {low * 1e3:.1f}–{high * 1e3:.1f}"


def memory() -> list[Row]:
    tracemalloc.start()
    registry = aeo_mra.Registry.bundled()
    registry.check("DE")
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return [(f"registry memory, loaded ({size / 1e6:.2f} MB)", size / 5e6, "5 MB", "< 1")]


def main() -> None:
    # python benchmarks/run.py frames: only the data frame measurements.
    if sys.argv[1:] == ["frames"]:
        rows = frames()
    else:
        started = processes()  # first: before the bulk rows fill this process's memory
        rows = lookups() + bulk() + frames() + started + memory()
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"Machine: {platform.machine()} ({os.cpu_count()} cores, load average {load} at the "
          f"end), Python {platform.python_version()}, {date.today()}")  # fmt: skip
    print()
    print("| measurement | ratio | reference | goal |")
    print("|---|---|---|---|")
    for name, ratio, reference, goal in rows:
        print(f"| {name} | {ratio:.2f} | {reference} | {goal} |")


if __name__ == "__main__":
    main()
