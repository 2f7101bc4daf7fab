"""What the regular expressions of code formats can match, measured without running them."""

from __future__ import annotations

import importlib

__all__ = ["widths"]

_UNBOUNDED = 10_000


def widths(pattern: str) -> tuple[int, int | None]:
    """The shortest and longest strings ``pattern`` matches (``None``: no limit).

    Read from the standard library's private parser; if it has moved, ``(0, None)``,
    which every caller treats as "could be any length".

    >>> widths("SG[0-9]{12}"), widths("[0-9]+")
    ((14, 14), (1, None))
    """
    try:
        parser = importlib.import_module("re._parser")
        low, high = parser.parse(pattern).getwidth()
    except (ImportError, AttributeError):
        return 0, None
    return int(low), None if high >= _UNBOUNDED else int(high)
