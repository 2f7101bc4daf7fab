"""The arguments the ``aeo-mra`` commands share (``--on``, ``--role``, ``--tier`` …) and how
their values are read, for `aeo_mra.cli` and ``aeo-mra world``. Declaring an argument does
not import argparse: `cli` reads a plain command line without it."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

from aeo_mra import Role, Tier
from aeo_mra._dates import iso_day
from aeo_mra._vocabulary import _spelled, named
from aeo_mra.errors import _did_you_mean

if TYPE_CHECKING:
    import argparse

    class Declaring(Protocol):
        """What a command's arguments are declared to: argparse's parser, or `cli`'s reader
        of a plain command line. (A protocol class takes a while to make: only for typing.)"""

        def add_argument(self, *names: str, **options: Any) -> object: ...


__all__ = [
    "Args",
    "add_choice",
    "add_on",
    "add_role",
    "add_tier",
    "bad_value",
    "iso_date",
    "member",
]

E = TypeVar("E", bound=enum.Enum)

Args: TypeAlias = "argparse.Namespace | SimpleNamespace"
"""A command line's values: argparse's, or those `cli` read from a plain command line."""


def member(kind: type[E], label: str) -> Callable[[str], E]:
    """An argparse ``type`` reading a member of ``kind`` as `named` reads it."""

    def convert(text: str) -> E:
        found = named(kind, text)
        if found is None:
            valid = [str(m.value) for m in kind]
            hint = (
                _did_you_mean(_close(_spelled(text), valid)) or f"; choose from {', '.join(valid)}"
            )
            raise bad_value(f"{text!r} is not a {label}{hint}")
        return found

    return convert


def _close(wanted: str, valid: Sequence[str]) -> list[str]:
    """The valid names close to ``wanted``, or with a word close to it (``advnced``)."""
    import difflib  # only for a mistyped word: it takes a while to import

    words = [
        (word, name) for name in valid for word in {_spelled(name), *_spelled(name).split("_")}
    ]
    close = difflib.get_close_matches(wanted, [w for w, _ in words], n=3, cutoff=0.75)
    return list(dict.fromkeys(name for word, name in words if word in close))[:3]


def iso_date(text: str) -> date:
    """An argparse ``type`` reading a date written ``YYYY-MM-DD``."""
    try:
        return iso_day(text)
    except ValueError as error:
        raise bad_value(f"{text!r} is {error}") from None


def bad_value(message: str) -> Exception:
    """The error argparse reports as a bad value of an argument."""
    import argparse

    return argparse.ArgumentTypeError(message)


def add_choice(
    parser: Declaring,
    flag: str,
    kind: type[E],
    *,
    help: str,
    default: E | None = None,
    label: str | None = None,
    metavar: str | None = None,
) -> None:
    """An option taking a member of ``kind``; the usage lists them unless ``metavar`` is given."""
    parser.add_argument(
        flag,
        type=member(kind, label or flag.removeprefix("--")),
        default=default,
        metavar=metavar or "{" + ",".join(str(m.value) for m in kind) + "}",
        help=help,
    )


def add_on(parser: Declaring, help: str = "the day, YYYY-MM-DD (default: today)") -> None:
    """``--on``: the day asked about."""
    parser.add_argument("--on", type=iso_date, metavar="DATE", help=help)


def add_role(parser: Declaring, where: str) -> None:
    """``--role``: an exporter ships goods to ``where``, an importer receives them from it."""
    add_choice(
        parser,
        "--role",
        Role,
        default=Role.EXPORTER,
        help=f"exporter (ships to {where}; default) or importer (receives from it)",
    )


def add_tier(parser: Declaring, help: str) -> None:
    """``--tier``: one of China's tiers (default: the AEO tier of the day)."""
    add_choice(
        parser,
        "--tier",
        Tier,
        label="tier of China's customs",
        metavar="TIER",
        help=f"{help} (default: the AEO tier then)",
    )
