"""How long hostile inputs take to be refused, beside what they cost before the limits.

Run with ``python benchmarks/hostile.py``. It prints a Markdown table: each hostile input,
the error it gets, the time to get it (best of a few runs), and the time the 2026-11 attack
run measured before the limits (docs/security.md quotes it). Each case must end in
milliseconds, with the error shown, never in a hang or a crash.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import aeo_mra
from aeo_mra import codes, world
from aeo_mra._loader import parse

REPEAT = 3
BUNDLED = (Path(aeo_mra.__file__).parent / "data" / "arrangements.toml").read_text(encoding="utf-8")
SINGAPORE = 'pattern = "SG[0-9]{12}", prefix = "included", example = "SG123456789012"'


def with_pattern(pattern: str, example: str) -> str:
    literal = pattern.replace("\\", "\\\\")
    format_ = f'pattern = "{literal}", prefix = "included", example = "{example}"'
    return BUNDLED.replace(SINGAPORE, format_)


def nested(value: str) -> str:
    return BUNDLED.replace("[meta]\n", f"[meta]\nnest = {value}\n", 1)


def refused(action: Callable[[], object]) -> Callable[[], str]:
    def run() -> str:
        try:
            action()
        except (aeo_mra.Error, TypeError) as error:
            return type(error).__name__
        return "accepted"

    return run


def unknown_names() -> str:
    """A shipment list with one typo, 1,000 times: the suggestions are worked out once."""
    return {refused(lambda: aeo_mra.resolve("Germanyy"))() for _ in range(1000)}.pop()


def cases(folder: Path) -> list[tuple[str, Callable[[], str], str]]:
    big = folder / "big.toml"
    with big.open("wb") as file:
        file.truncate(100 * 2**20)
    hostile_patterns = {
        "pattern (a\\|a)+, 30-character example": (with_pattern("(a|a)+", "a" * 30), "91 s"),
        "pattern SG([0-9]\\|[0-9])+": (
            with_pattern("SG([0-9]|[0-9])+", "SG" + "1" * 30),
            "loaded; then seconds per is_valid",
        ),
        "pattern with 1,000 nested groups": (
            with_pattern("(" * 1000 + "a" + ")" * 1000, "a"),
            "RecursionError",
        ),
    }
    wrapped = "AEO<" * 262_144 + "SG123456789012" + ">" * 262_144  # about 1.3 MB
    return [
        *((name, refused(lambda t=text: parse(t, "x.toml")), before)
          for name, (text, before) in hostile_patterns.items()),
        ("arrays nested 1,000 deep", refused(lambda: parse(nested("[" * 1000 + "]" * 1000),
                                                           "x.toml")), "RecursionError"),
        ("100 MB file", refused(lambda: aeo_mra.load(big)), "16 s, 920 MB"),
        ("/dev/zero", refused(lambda: aeo_mra.load("/dev/zero")), "fills memory"),
        ("codes.validate, 1.3 MB of AEO<…>", refused(lambda: codes.validate(wrapped)), "8 s"),
        ("codes.compact, 1.3 MB of AEO<…>", lambda: codes.compact(wrapped)[:6], "8 s"),
        ("check(), a 1 MiB place", refused(lambda: aeo_mra.check("DE" + " " * 2**20)), "0.25 s"),
        ("1,000 unknown names, one repeated", unknown_names, "1.5–3.5 s"),
        ("world.check(), a holder of 40,000 characters 'a/a/…'",
         refused(lambda: world.check("a/" * 20_000, "JP")), "174 s"),
        ("world.check(), a holder of 200 characters 'a/a/…'",
         refused(lambda: world.check(("a/" * 100)[:200], "JP")), "0.17 s"),
    ]  # fmt: skip


def main() -> None:
    print("| Hostile input | Outcome | Time | Before the limits |")
    print("|---|---|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, action, before in cases(Path(folder)):
            best, outcome = float("inf"), ""
            for _ in range(REPEAT):
                start = time.perf_counter()
                outcome = action()
                best = min(best, time.perf_counter() - start)
            print(f"| {name} | {outcome} | {best * 1e3:,.1f} ms | {before} |")


if __name__ == "__main__":
    main()
