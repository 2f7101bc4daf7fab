"""The regular expressions of code formats: the subset a dataset may use, and what a
pattern can match, measured without running it.

A code format's pattern comes from a file the user may not have written, and Python's
``re`` backtracks: ``(a|a)+`` takes exponential time. So a pattern is accepted only in a
subset whose matching time is bounded: literal characters, ``\\d``, character classes,
groups of alternatives (not nested, not repeated), and repetition of a single character
or class by ``?``, ``{m}`` or ``{m,n}`` (never ``*`` or ``+``). The ways a pattern can
match a code, the product of its choices, are at most `MAX_WAYS`, which bounds the
backtracking.

>>> check_pattern("SG[0-9]{12}")
>>> check_pattern("SG([0-9]|[0-9])+")
Traceback (most recent call last):
...
ValueError: '+' at 15 repeats a group: repeat one character
"""

from __future__ import annotations

import functools
import importlib
import re

__all__ = ["MAX_PATTERN", "MAX_REPEAT", "MAX_WAYS", "check_pattern", "misfit", "widths"]

MAX_PATTERN = 100
"""The longest pattern, in characters."""
MAX_REPEAT = 64
"""The largest count a repetition ``{m,n}`` may give."""
MAX_WAYS = 1_000
"""The most ways a pattern may match one code (the product of its choices)."""

_UNBOUNDED = 10_000
_SPECIAL = set("\\[](){}|?*+.^$")
_ESCAPABLE = set("\\[](){}|?*+.^$-/ ")


class _Reader:
    """A cursor over the pattern: the character at hand and its position."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        self.at += 1
        return char


def check_pattern(pattern: str) -> None:
    """Accept ``pattern`` if it is in the subset, else raise a ValueError saying why.

    Raises:
        ValueError: Naming the first construct outside the subset and where it stands.
    """
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"{len(pattern)} characters, over the limit of {MAX_PATTERN}")
    if not pattern.isascii() or not pattern.isprintable():
        raise ValueError("only printable ASCII characters are allowed")
    reader = _Reader(pattern)
    ways = _alternatives(reader, in_group=False)
    if reader.peek():
        raise ValueError(f"unbalanced {reader.peek()!r} at {reader.at}")
    if ways > MAX_WAYS:
        raise ValueError(
            f"can match a code in {ways:,} ways, over the limit of {MAX_WAYS:,}: "
            "use fewer optional or variable-length parts"
        )


def _alternatives(reader: _Reader, *, in_group: bool) -> int:
    """Branches separated by ``|``, up to ``)`` or the end: the sum of their ways."""
    ways = _branch(reader, in_group=in_group)
    while reader.peek() == "|":
        reader.take()
        ways += _branch(reader, in_group=in_group)
    return ways


def _branch(reader: _Reader, *, in_group: bool) -> int:
    """A sequence of pieces: the product of their ways."""
    ways = 1
    while reader.peek() not in ("", "|", ")"):
        if reader.peek() == "(":
            ways *= _group(reader, in_group=in_group)
        else:
            _atom(reader)
            least, most = _repeat(reader)
            ways *= most - least + 1
        if ways > MAX_WAYS:  # stop multiplying: the caller reports it
            return ways
    return ways


def _group(reader: _Reader, *, in_group: bool) -> int:
    start = reader.at
    reader.take()
    if in_group:
        raise ValueError(f"a group inside a group at {start}: groups may not be nested")
    if reader.peek() == "?":
        reader.take()
        if reader.take() != ":":
            raise ValueError(f"'(?' at {start}: flags and extensions are not allowed")
    ways = _alternatives(reader, in_group=True)
    if reader.take() != ")":
        raise ValueError(f"the group at {start} is not closed")
    if reader.peek() in ("?", "*", "+", "{"):
        raise ValueError(f"{reader.peek()!r} at {reader.at} repeats a group: repeat one character")
    return ways


def _atom(reader: _Reader) -> None:
    at, char = reader.at, reader.take()
    if char == "\\":
        _escape(reader, at)
    elif char == "[":
        _class(reader, at)
    elif char in ("*", "+"):
        raise ValueError(f"{char!r} at {at} repeats without bound: write {{m,n}}")
    elif char in _SPECIAL:
        raise ValueError(f"{char!r} at {at} is not allowed here: escape it to mean itself")


def _escape(reader: _Reader, at: int) -> None:
    char = reader.take()
    if char != "d" and char not in _ESCAPABLE:
        raise ValueError(f"'\\{char}' at {at}: only \\d and escaped punctuation are allowed")


def _class(reader: _Reader, start: int) -> None:
    if reader.peek() == "^":
        reader.take()
    members = 0
    while reader.peek() != "]":
        at, char = reader.at, reader.take()
        if not char:
            raise ValueError(f"the class at {start} is not closed")
        if char == "\\":
            _escape(reader, at)
        elif char == "[":
            raise ValueError(f"'[' at {at} inside a class: escape it")
        elif char in "&|~-" and reader.peek() == char:  # set operations, in a future Python
            raise ValueError(f"{char * 2!r} at {at} inside a class: escape one of them")
        members += 1
    reader.take()
    if not members:
        raise ValueError(f"the class at {start} is empty")


def _repeat(reader: _Reader) -> tuple[int, int]:
    """The repetition after an atom, if any: the least and most times it allows."""
    at, char = reader.at, reader.peek()
    if char == "?":
        reader.take()
        return 0, 1
    if char in ("*", "+"):
        raise ValueError(f"{char!r} at {at} repeats without bound: write {{m,n}}")
    if char != "{":
        return 1, 1
    reader.take()
    body = ""
    while reader.peek() not in ("}", ""):
        body += reader.take()
    if reader.take() != "}":
        raise ValueError(f"the repetition at {at} is not closed")
    low, _, high = body.partition(",")
    if not low.isdigit() or not (high.isdigit() or "," not in body):
        raise ValueError(f"'{{{body}}}' at {at}: write {{m}} or {{m,n}} with both counts")
    least, most = int(low), int(high) if high else int(low)
    if not least <= most <= MAX_REPEAT:
        raise ValueError(f"'{{{body}}}' at {at}: counts must rise and be at most {MAX_REPEAT}")
    if reader.peek() in ("?", "+", "*", "{"):
        raise ValueError(f"{reader.peek()!r} at {reader.at} repeats a repetition")
    return least, most


def misfit(pattern: str, text: str) -> int | None:
    """Where ``text``, as long as some string ``pattern`` matches, first leaves every such
    string: the index of its first character that fits none of them after the characters
    before it; ``None`` if it matches, or no string of its length does.

    ``None`` too for a pattern `check_pattern` refuses.

    >>> misfit("SG[0-9]{12}", "SG12345678901X"), misfit("SG[0-9]{12}", "SG123456789012")
    (13, None)
    """
    spellings = [s for s in _spellings_of(pattern) if len(s) == len(text)]
    if not spellings or any(_fitting(s, text) == len(text) for s in spellings):
        return None
    return max(_fitting(s, text) for s in spellings)


@functools.lru_cache(maxsize=64)
def _spellings_of(pattern: str) -> tuple[list[str], ...]:
    """`_spellings` of a whole pattern (none for one `check_pattern` refuses)."""
    try:
        check_pattern(pattern)
    except ValueError:
        return ()
    return tuple(_spellings(_Reader(pattern)))


def _spellings(reader: _Reader) -> list[list[str]]:
    """Every way the alternatives up to ``)`` or the end can match, each as the atoms that
    match its characters one by one (at most `MAX_WAYS`, as `check_pattern` bounds them)."""
    found = _spelled_branch(reader)
    while reader.peek() == "|":
        reader.take()
        found += _spelled_branch(reader)
    return found


def _spelled_branch(reader: _Reader) -> list[list[str]]:
    spellings: list[list[str]] = [[]]
    while reader.peek() not in ("", "|", ")"):
        if reader.peek() == "(":
            reader.take()
            if reader.peek() == "?":  # (?:
                reader.at += 2
            options = _spellings(reader)
            reader.take()
        else:
            start = reader.at
            _atom(reader)
            atom = reader.text[start : reader.at]
            least, most = _repeat(reader)
            options = [[atom] * times for times in range(least, most + 1)]
        spellings = [spelled + option for spelled in spellings for option in options]
    return spellings


def _fitting(atoms: list[str], text: str) -> int:
    """How many of ``text``'s first characters the atoms match, one each."""
    for index, (atom, char) in enumerate(zip(atoms, text, strict=False)):
        if not re.fullmatch(atom, char, re.ASCII):
            return index
    return min(len(atoms), len(text))


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
