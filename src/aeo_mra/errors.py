"""Exceptions raised by aeo_mra.

Every exception derives from [`Error`][aeo_mra.Error] and from the built-in exception a caller
would already catch for that kind of mistake (``LookupError`` for a name that matches
nothing, ``ValueError`` for a value that is well-formed but not allowed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "ColumnError",
    "DataError",
    "DomesticPlaceError",
    "Error",
    "MissingDateError",
    "MissingPlaceError",
    "TierNotInForceError",
    "UnknownArrangementError",
    "UnknownPartnerTierError",
    "UnknownPlaceError",
]


class Error(Exception):
    """Base class of every exception raised by aeo_mra.

    Every one survives ``pickle`` with its message, attributes and notes, so errors raised
    in a worker process (``ProcessPoolExecutor``, multiprocessing, dask, Spark) arrive whole.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The default rebuilds an exception by calling its class with ``args`` (the
        # message), which the subclasses' own signatures do not take.
        return _restore, (type(self), self.args, vars(self))


def _restore(kind: type[Error], args: tuple[object, ...], state: dict[str, Any]) -> Error:
    """An error unpickled: its message and attributes as they were, without ``__init__``."""
    error = kind.__new__(kind, *args)
    error.args = args
    vars(error).update(state)
    return error


def _quoted(value: object, limit: int = 80) -> str:
    """``repr(value)``, cut short when long: a place can be a whole spreadsheet cell."""
    try:
        text = repr(value)
    except ValueError:  # an int with more digits than Python will print
        text = f"<{type(value).__name__} too long to print>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _did_you_mean(suggestions: Sequence[str]) -> str:
    """``; did you mean 'A' or 'B'?``, or nothing without suggestions."""
    if not suggestions:
        return ""
    return "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"


class UnknownPlaceError(Error, LookupError):
    """A string names no country, customs territory or known alias.

    Attributes:
        place: The input as given.
        suggestions: Close matches among the names aeo_mra knows.
        hint: Why the input was refused, where that is known (a placeholder such as
            ``n/a``, or a code written in lower case); else empty.
    """

    def __init__(self, place: object, suggestions: Sequence[str] = (), hint: str = "") -> None:
        self.place = place
        self.suggestions = tuple(suggestions)
        self.hint = hint
        message = (
            f"{_quoted(place)} names no place aeo_mra knows "
            "(give an ISO 3166-1 code, an English or Chinese name, or a common alias)"
        )
        super().__init__(hint or message + _did_you_mean(self.suggestions))


class DomesticPlaceError(Error, ValueError):
    """The place is China's own customs territory, which is not a partner of itself.

    Attributes:
        place: The input as given.
    """

    def __init__(self, place: object) -> None:
        self.place = place
        super().__init__(
            f"{_quoted(place)} is China's own customs territory, not a trading partner of it; "
            "Hong Kong, Macao and Taiwan are separate customs territories and can be asked about"
        )


class UnknownArrangementError(Error, LookupError):
    """No arrangement has this id, and it names no place an arrangement covers.

    Attributes:
        id: The id (or place) as given.
        valid: The ids that exist.
    """

    def __init__(
        self,
        id: object,
        valid: Sequence[str],
        suggestions: Sequence[str] = (),
        place: str = "",
        hint: str = "",
    ) -> None:
        self.id = id
        self.valid = tuple(valid)
        if place:  # a place was named, which no arrangement covers
            problem = f"{_quoted(id)} ({place}) is covered by no AEO arrangement of China's customs"
        else:
            problem = f"{_quoted(id)} is neither an arrangement id nor a place"
            problem += f": {hint}" if hint else ""
        super().__init__(
            f"{problem}{_did_you_mean(suggestions)} (arrangement ids: {', '.join(self.valid)})"
        )


class UnknownPartnerTierError(Error, LookupError):
    """A partner programme has no tier of this name.

    Attributes:
        tier: The tier as given.
        valid: The tiers of the partner's programme that the data knows: the China
            record's, then those only the world data names.
    """

    def __init__(
        self,
        tier: object,
        arrangement_id: str,
        valid: Sequence[str],
        world_tiers: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``world_tiers``: the code and name of each tier only the world data names."""
        self.tier = tier
        self.valid = (*valid, *(code for code, _ in world_tiers))
        also = "; the world data's: " + ", ".join(f"{c} ({n})" for c, n in world_tiers)
        super().__init__(
            f"{_quoted(tier)} is not a tier of the partner programme in arrangement "
            f"{arrangement_id}; known tiers: {', '.join(valid)}{also if world_tiers else ''}"
        )


class TierNotInForceError(Error, ValueError):
    """China's customs had no such credit tier on the date asked about.

    Attributes:
        tier: The name of the tier asked about.
        on: The date asked about.
        valid: The tiers in force on that date.
    """

    def __init__(self, tier: object, on: object, valid: Sequence[str], period: str) -> None:
        self.tier = tier
        self.on = on
        self.valid = tuple(valid)
        super().__init__(
            f"tier {tier} did not exist on {on} (it existed {period}); "
            f"tiers in force then: {', '.join(self.valid)}"
        )


class MissingDateError(Error, TypeError):
    """A row of a bulk check has no date (``None``, ``NaN`` or pandas ``NaT``).

    A missing date is never read as today: the row is an error. A ``TypeError``, as a
    missing date given for ``on`` itself is.

    Attributes:
        on: The missing value as given.
        row: The row's index.
    """

    def __init__(self, on: object, row: int) -> None:
        self.on = on
        self.row = row
        super().__init__(
            f"on is missing in row {row} ({_quoted(on)}): give every row a datetime.date, "
            "or one date for all rows"
        )


class MissingPlaceError(Error, TypeError):
    """A place is missing: ``None``, ``NaN`` or pandas' ``NA``, as an empty cell of a
    spreadsheet reads.

    A missing place is never answered "not a partner". A ``TypeError``, as a
    [`MissingDateError`][aeo_mra.MissingDateError] is; in a bulk check a note on it gives
    the row.

    Attributes:
        place: The missing value as given.
    """

    def __init__(self, place: object) -> None:
        self.place = place
        super().__init__(
            f"the place is missing ({_quoted(place)}): give an ISO 3166-1 code or a name"
        )


class ColumnError(Error, ValueError):
    """A frame given to [`check_frame`][aeo_mra.check_frame] lacks a column it names,
    already has a column of the answer's, or has two columns of one name.

    Attributes:
        column: The column missing, the one in the way, or the name given twice.
        columns: The frame's columns.
    """

    def __init__(self, column: str, columns: Sequence[str]) -> None:
        from ._frames import COLUMNS

        self.column = column
        self.columns = tuple(columns)
        if self.columns.count(column) > 1:
            problem = (
                f"the frame has {self.columns.count(column)} columns named {_quoted(column)}; "
                "check_frame needs each column's name once: rename or drop one first"
            )
        elif column in self.columns:
            problem = (
                f"the frame already has a column {_quoted(column)}; check_frame adds the "
                f"columns {', '.join(COLUMNS)}: rename or drop it first"
            )
        else:
            problem = f"the frame has no column {_quoted(column)}; it has {list(columns)}"
        super().__init__(problem)


def _is_missing(value: object) -> bool:
    """Whether ``value`` is how data writes "no value": ``None``, ``NaN``, pandas' ``NA``
    or ``NaT``."""
    if value is None or type(value).__name__ in _MISSING_TYPES:
        return True
    return isinstance(value, float) and value != value  # noqa: PLR0124 (NaN equals nothing)


_MISSING_TYPES = frozenset({"NAType", "NaTType"})  # pandas', named so pandas is not imported


class DataError(Error, ValueError):
    """A dataset file failed validation.

    Attributes:
        problems: The problems found, each naming the file, the record and the field; at
            most the first 100, each cut to 300 characters.
        more: How many more problems were found but not listed.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        from ._limits import MAX_PROBLEM_CHARS, MAX_PROBLEMS

        self.problems = tuple(_cut(p, MAX_PROBLEM_CHARS) for p in problems[:MAX_PROBLEMS])
        self.more = len(problems) - len(self.problems)
        count = len(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        cut = f"\n  and {self.more} more" if self.more else ""
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the dataset:\n{lines}{cut}"
        )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
