"""What the command line prints: aligned text for people, its control characters escaped,
and the JSON answers of the HTTP API for scripts."""

from __future__ import annotations

import codecs
import errno
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

import aeo_mra

__all__ = [
    "STDOUT_CLOSED",
    "answer_json",
    "bullets",
    "dated",
    "fields",
    "print_json",
    "printable",
    "say",
    "sections",
    "sources_text",
    "table",
    "width",
    "write_now",
]

JSON = dict[str, Any]

STDOUT_CLOSED = "standard output is closed"
"""Why nothing can be written when Python started with standard output closed."""


def write_now(text: str) -> None:
    """Write ``text`` on standard output and flush it, for argparse's help and version;
    a failure raises `OSError`, for `cli.main` to report (argparse would ignore it)."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, STDOUT_CLOSED)
    sys.stdout.write(text)
    sys.stdout.flush()


# -- JSON --------------------------------------------------------------------------------


def answer_json(name: str, **values: object) -> None:
    """Print the answer to the question ``name`` of the API's table: the same JSON as the
    HTTP API's and the MCP server's."""
    from aeo_mra import _api  # only for --json

    print_json(_api.ask(name, aeo_mra._default(), **values))


def print_json(data: JSON) -> None:
    import json  # only for --json: a plain answer needs none

    # Chinese as itself where the output can carry it; else \u escapes, which JSON reads back.
    unicode = codecs.lookup(sys.stdout.encoding or "ascii").name.startswith("utf")
    say(json.dumps(data, ensure_ascii=not unicode, indent=2))


# -- text for people ---------------------------------------------------------------------

# Control characters (C0 but newline, DEL, C1) and bidirectional overrides: text from a data
# file could move the cursor, recolour or reorder the terminal. JSON reads the escapes back.
_CONTROL = {
    code: f"\\u{code:04x}"
    for first, last in ((0x0, 0x9), (0xB, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
    for code in range(first, last + 1)
}


def printable(text: str) -> str:
    r"""``text`` with every control character written as a ``\uXXXX`` escape.

    >>> print(printable("EU" + chr(27) + "[2J"))
    EU\u001b[2J
    """
    return text.translate(_CONTROL)


def say(text: str, file: TextIO | None = None) -> None:
    """Print ``text`` with its control characters escaped."""
    print(printable(text), file=file)


def dated(text: str, day: date, reviewed: date) -> str:
    """``text``, then, for a day after the data's review, that it may be out of date, as an
    answer's caveat says."""
    if day <= reviewed:
        return text
    from aeo_mra._decide import unreviewed

    return f"{text}\n{unreviewed(reviewed, day)}"


def width(text: str) -> int:
    """Columns taken on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: Sequence[Sequence[str]]) -> str:
    """Rows as left-aligned columns two spaces apart."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    )


def fields(pairs: Sequence[tuple[str, Sequence[str]]]) -> str:
    """Labelled values, one line per value, the label on the first."""
    rows = [
        (label if i == 0 else "", line)
        for label, lines in pairs
        for i, line in enumerate(lines or ["—"])
    ]
    return table(rows)


def bullets(title: str, lines: Sequence[str]) -> str:
    """A titled list, or nothing if there is nothing to list."""
    return f"{title}\n" + "\n".join(f"  - {line}" for line in lines) if lines else ""


def sections(*sections: str) -> str:
    """The non-empty sections, a blank line apart."""
    return "\n\n".join(s for s in sections if s)


def sources_text(sources: Sequence[aeo_mra.Source]) -> str:
    """Sources as ``show`` lists them: each id beside its title, then its addresses."""
    rows = [
        ("  " + (source.id if i == 0 else ""), line)
        for source in sources
        for i, line in enumerate([source.title, *source.urls])
    ]
    return table(rows)
