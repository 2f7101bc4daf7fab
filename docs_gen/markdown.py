"""Markdown building blocks: literal text, links, tables and folded notes."""

from __future__ import annotations

import html
import re
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


def unbroken_days(text: str) -> str:
    """``text`` (markdown) with each ISO day or month in it kept on one line: a narrow column
    would break ``2013-03-15`` at a hyphen."""
    return _ISO_DAY.sub(lambda day: f'<span class="aeo-day">{day[0]}</span>', text)


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def first_sentence(text: str) -> tuple[str, str]:
    """``text`` split after its first sentence (one that ends before a capital or an opening
    bracket or quote): the sentence, and the rest, empty when there is none."""
    found = re.match(r"(.+?[.!?])\s+(?=[A-Z('\"‘“])", text)
    return (found[1], text[found.end() :]) if found else (text, "")


def folded(line: str, rest: str) -> str:
    """``line`` (markdown), with ``rest`` (markdown) folded away under it, if any."""
    if not rest:
        return line
    return f'<details class="aeo-note"><summary>{line}</summary>{rest}</details>'
