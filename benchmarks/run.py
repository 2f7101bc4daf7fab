"""Benchmarks: aeo_mra beside its references, measured in one run on one machine.

Run with ``python benchmarks/run.py`` after ``pip install -e ".[bench]"``. It prints a
Markdown table (paste it into docs/performance.md) with each measurement, its reference,
the ratio and the goal.
"""

from __future__ import annotations

import compileall
import platform
import statistics
import subprocess
import sys
import timeit
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPEAT = 7


def per_call(stmt: Callable[[], object], number: int = 200_000) -> float:
    """Best time of one call, in seconds."""
    return min(timeit.repeat(stmt, number=number, repeat=REPEAT)) / number


def process(code: str, runs: int = 15) -> float:
    """Median wall time of a fresh interpreter running ``code``, in seconds."""
    times = []
    for _ in range(runs):
        started = timeit.default_timer()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(timeit.default_timer() - started)
    return statistics.median(times)


def main() -> None:
    import holidays
    import pycountry

    import aeo_mra

    day = date(2020, 5, 1)
    cn_holidays = holidays.country_holidays("CN", years=range(2015, 2027))
    table = {"DE": 1}
    aeo_mra.check("DE")
    aeo_mra.check("Germany")
    aeo_mra.check("德国")
    aeo_mra.check("DE", on=day)
    pycountry.countries.get(alpha_2="DE")
    pycountry.countries.lookup("Germany")

    get = per_call(lambda: pycountry.countries.get(alpha_2="DE"))
    lookup = per_call(lambda: pycountry.countries.lookup("Germany"))
    rows: list[tuple[str, float, str, float, str]] = []

    def row(name: str, value: float, reference: str, ref: float, goal: str, unit: str) -> None:
        scale = 1e9 if unit == "ns" else 1e3
        rows.append((f"{name} ({value * scale:,.0f} {unit})", value / ref, reference, ref, goal))

    row("check(code), date default", per_call(lambda: aeo_mra.check("DE")),
        "pycountry get(alpha_2=)", get, "≤ 0.5", "ns")  # fmt: skip
    row("check(code, on=date)", per_call(lambda: aeo_mra.check("DE", on=day)),
        "pycountry get(alpha_2=)", get, "≤ 0.5", "ns")  # fmt: skip
    row("check(English name)", per_call(lambda: aeo_mra.check("Germany")),
        "pycountry get(alpha_2=)", get, "≤ 2", "ns")  # fmt: skip
    row("check(Chinese name)", per_call(lambda: aeo_mra.check("德国")),
        "pycountry get(alpha_2=)", get, "≤ 2", "ns")  # fmt: skip
    row("check(English name)", per_call(lambda: aeo_mra.check("Germany")),
        "pycountry lookup(name)", lookup, "—", "ns")  # fmt: skip
    row("check(code)", per_call(lambda: aeo_mra.check("DE")),
        "bare dict lookup", per_call(lambda: table["DE"]), "—", "ns")  # fmt: skip
    row("check(code, on=date)", per_call(lambda: aeo_mra.check("DE", on=day)),
        "holidays `date in`", per_call(lambda: day in cn_holidays), "—", "ns")  # fmt: skip
    row("summary()", per_call(aeo_mra.summary, 2_000),
        "pycountry get(alpha_2=)", get, "—", "ns")  # fmt: skip

    places = ["DE", "FR", "US", "JP", "GB", "KR", "BR", "HK", "ZA", "Germany"] * 500_000
    started = timeit.default_timer()
    aeo_mra.check_many(places, on=day)
    elapsed = timeit.default_timer() - started
    rate = len(places) / elapsed
    rows.append((f"check_many, 5M rows, 10 distinct ({rate / 1e6:.1f} M rows/s)",
                 rate / 5e6, "5 M rows/s", 5e6, "≥ 1"))  # fmt: skip

    # pip writes bytecode when it installs a package; an editable install may not have it.
    compileall.compile_dir(Path(aeo_mra.__file__).parent, quiet=1)
    first = process("import aeo_mra; aeo_mra.check('DE')")
    bare = process("pass")
    row("first check in a fresh process", first - bare, "interpreter start", bare, "—", "ms")
    light = process("import aeo_mra")
    attrs_import = process("import attrs")
    row("import aeo_mra, whole process", light, "import attrs, whole process",
        attrs_import, "≤ 1.3", "ms")  # fmt: skip

    tracemalloc.start()
    registry = aeo_mra.Registry.bundled()
    registry.check("DE")
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    rows.append((f"registry memory, loaded ({size / 1e6:.2f} MB)", size / 5e6, "5 MB", 5e6, "< 1"))

    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"Python {platform.python_version()}, {date.today()}")  # fmt: skip
    print()
    print("| measurement | ratio | reference | goal |")
    print("|---|---|---|---|")
    for name, ratio, reference, _, goal in rows:
        print(f"| {name} | {ratio:.2f} | {reference} | {goal} |")


if __name__ == "__main__":
    main()
