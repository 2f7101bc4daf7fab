"""Benchmarks: aeo_mra beside its references, measured in one run on one machine.

Run with ``python benchmarks/run.py`` after ``pip install -e ".[bench]"``. It prints a
Markdown table (paste it into docs/performance.md) with each measurement, its reference,
the ratio and the goal. Each measurement and its reference run in turn, several times, and the
best time of each is kept, so that other load on the machine affects both alike.
"""

from __future__ import annotations

import compileall
import platform
import subprocess
import sys
import timeit
import tracemalloc
from datetime import date
from pathlib import Path

import holidays
import pycountry

import aeo_mra

REPEAT = 7
DAY = date(2020, 5, 1)
NAMES = {
    "aeo_mra": aeo_mra,
    "pycountry": pycountry,
    "day": DAY,
    "IMPORTER": aeo_mra.Role.IMPORTER,  # bound once, as a loop over rows would
    "ADVANCED": aeo_mra.Tier.ADVANCED_CERTIFIED,
    "table": {"DE": 1},
    "holidays": holidays.country_holidays("CN", years=range(2015, 2027)),
}
GET = 'pycountry.countries.get(alpha_2="DE")'

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
    warm = ['aeo_mra.check("DE")', 'aeo_mra.check("Germany")', 'aeo_mra.check("德国")',
            "aeo_mra.check(276, on=day)", importer, tier, GET]  # fmt: skip
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
        compare("summary()", "aeo_mra.summary()", get, GET, "—", 2_000),
    ]  # fmt: skip


def bulk() -> list[Row]:
    places = ["DE", "FR", "US", "JP", "GB", "KR", "BR", "HK", "ZA", "Germany"] * 500_000
    started = timeit.default_timer()
    aeo_mra.check_many(places, on=DAY)
    rate = len(places) / (timeit.default_timer() - started)
    days = [DAY, date(2021, 1, 1), date(2024, 6, 30), date(2015, 1, 1)] * 1_250_000
    started = timeit.default_timer()
    aeo_mra.check_many(places, on=days)
    per_row = len(places) / (timeit.default_timer() - started)
    return [(f"check_many, 5M rows, 10 distinct ({rate / 1e6:.1f} M rows/s)",
             rate / 5e6, "5 M rows/s", "≥ 1"),
            (f"check_many, 5M rows, per-row dates, 20 distinct ({per_row / 1e6:.1f} M rows/s)",
             per_row / 5e6, "5 M rows/s", "≥ 1")]  # fmt: skip


def process(code: str, runs: int = 15) -> float:
    """Best wall time of a fresh interpreter running ``code``, in seconds."""
    times = []
    for _ in range(runs):
        started = timeit.default_timer()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(timeit.default_timer() - started)
    return min(times)


def processes() -> list[Row]:
    # pip writes bytecode when it installs a package; an editable install may not have it.
    compileall.compile_dir(Path(aeo_mra.__file__).parent, quiet=1)
    first, bare = process("import aeo_mra; aeo_mra.check('DE')"), process("pass")
    light, attrs_import = process("import aeo_mra"), process("import attrs")
    return [
        (f"first check in a fresh process ({(first - bare) * 1e3:.0f} ms)",
         (first - bare) / bare, "interpreter start", "—"),
        (f"import aeo_mra, whole process ({light * 1e3:.0f} ms)", light / attrs_import,
         "import attrs, whole process", "≤ 1.3"),
    ]  # fmt: skip


def memory() -> list[Row]:
    tracemalloc.start()
    registry = aeo_mra.Registry.bundled()
    registry.check("DE")
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return [(f"registry memory, loaded ({size / 1e6:.2f} MB)", size / 5e6, "5 MB", "< 1")]


def main() -> None:
    rows = lookups() + bulk() + processes() + memory()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {date.today()}")
    print()
    print("| measurement | ratio | reference | goal |")
    print("|---|---|---|---|")
    for name, ratio, reference, goal in rows:
        print(f"| {name} | {ratio:.2f} | {reference} | {goal} |")


if __name__ == "__main__":
    main()
