"""Whether a dataset file keeps to the limits of its shape: depth, entries, lengths, text.

Used only while a dataset file is validated, so its patterns are not compiled when aeo_mra
is imported.
"""

from __future__ import annotations

import re
from typing import Any

from ._limits import MAX_DEPTH, MAX_RECORDS, MAX_STRING

__all__ = ["shape_problems", "too_deep"]

# Control characters but tab and line ends, and bidirectional overrides: a dataset's text
# is printed, and these would move a terminal's cursor, recolour or reorder it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shape_problems(raw: dict[str, Any]) -> list[str]:
    """Every place where parsed TOML breaks a limit: too deep, too many entries, too long,
    or text with control characters.

    Walks the data without recursion, so that the check cannot itself run out of stack.
    """
    problems: list[str] = []
    stack: list[tuple[object, str, int]] = [(raw, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        where = path or "top level"
        if isinstance(value, str) and len(value) > MAX_STRING:
            problems.append(f"{where}: {len(value):,} characters, over the limit of {MAX_STRING:,}")
        elif isinstance(value, str) and (control := _CONTROL.search(value)):
            problems.append(f"{where}: control character U+{ord(control[0]):04X} in text")
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                problems.append(f"{where}: arrays or tables nested more than {MAX_DEPTH} deep")
            elif len(value) > MAX_RECORDS:
                problems.append(
                    f"{where}: {len(value):,} entries, over the limit of {MAX_RECORDS:,}"
                )
            elif isinstance(value, dict):
                for key, item in reversed(value.items()):
                    if len(key) > MAX_STRING:
                        problems.append(
                            f"{where}: a key over the limit of {MAX_STRING:,} characters"
                        )
                    else:
                        stack.append((item, f"{path}.{key}" if path else key, depth + 1))
            else:
                stack += [
                    (item, f"{path}[{n}]", depth + 1)
                    for n, item in reversed(list(enumerate(value, 1)))
                ]
    return problems


_KEY = re.compile(r"\s*([\w\"'.-]+)\s*=")
_STRINGS = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|#.*")


def too_deep(text: str) -> str:
    """Where TOML ``text``, too deep for the parser, first nests past the limit.

    Best effort (multi-line strings can mislead it): the report names the line and key.
    """
    depth, key = 0, ""
    for number, line in enumerate(text.splitlines(), 1):
        found = _KEY.match(line)
        if depth == 0 and found:
            key = found[1]
        for char in _STRINGS.sub("", line):
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return f"line {number}: {key!r} nests arrays or tables more than {MAX_DEPTH} deep"
    return f"arrays or tables nested more than {MAX_DEPTH} deep"
