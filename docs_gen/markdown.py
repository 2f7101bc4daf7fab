"""Markdown building blocks: literal text, links and tables."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]|"} | {"<": "&lt;", "\n": " "})


def escape(value: object) -> str:
    """``value`` as literal text, fit for a table cell."""
    return str(value).translate(_ESCAPE)


def link(text: str, url: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
