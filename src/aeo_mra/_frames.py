"""`check_frame`: a column of places (and of days) answered in a pandas or polars frame.

Through narwhals, so neither library is a dependency. An answer can only change on a day
the dataset names or the day after, so those days cut time into segments; each distinct
place and segment present is answered once, and the rows are mapped onto the answers by
the frame library's own vectorised operations.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from ._change_days import change_days
from ._dates import as_date, day_or_today
from ._eligibility import Eligibility
from ._vocabulary import role as checked_role
from ._vocabulary import tier_or_none
from .errors import ColumnError, Error, MissingDateError, _is_missing, _quoted
from .model import Role, Tier
from .registry import registry_or_default

if TYPE_CHECKING:
    import narwhals as nw
    from narwhals.typing import IntoDataFrameT

    from .registry import Registry

__all__ = ["COLUMNS", "check_frame"]

COLUMNS: dict[str, Callable[[Eligibility], object]] = {
    "qualifies": lambda answer: answer.qualifies,
    "verdict": lambda answer: answer.verdict.value,
    "reason": lambda answer: answer.reason.value,
    "arrangement": lambda answer: answer.arrangement.id if answer.arrangement else None,
    "confidence": lambda answer: str(answer.confidence),
}
"""The columns `check_frame` adds, and how each is read from an answer."""


def check_frame(
    frame: IntoDataFrameT,
    *,
    place: str,
    on: str | date | None = None,
    role: Role = Role.EXPORTER,
    tier: Tier | None = None,
    registry: Registry | None = None,
) -> IntoDataFrameT:
    """[`check`][aeo_mra.check] for every row of a pandas or polars data frame.

    Needs the ``frames`` extra: ``pip install "aeo-mra[frames]"`` (it installs narwhals).

    Args:
        frame: A pandas or polars ``DataFrame`` (any eager frame narwhals reads).
        place: The name of the column of places (codes, names or aliases, as for ``check``).
        on: The name of a column of days (dates or datetimes), or one day for every row
            (default: today).
        role: As for [`check`][aeo_mra.check].
        tier: As for [`check`][aeo_mra.check].
        registry: Whose data answers (default: the bundled data).

    Returns:
        A frame of the same kind, with the same rows, and the columns ``qualifies``
        (boolean), ``verdict`` (a [`Verdict`][aeo_mra.Verdict] value: ``probably`` is
        kept apart from ``yes``), ``reason`` (a [`Reason`][aeo_mra.Reason] value),
        ``arrangement`` (an id, or null) and ``confidence`` (``low``, ``medium`` or
        ``high``) added.

    Raises:
        MissingDateError: A row of the day column is null (``None``, ``NaT``).
        MissingPlaceError: A row of the place column is null (``None``, ``NaN``).
        ColumnError: A named column is missing, an answer column exists already, or two
            columns have the same name.
        TypeError: ``frame`` is not a data frame, or a row holds a value of the wrong type.
        Error: As for [`check`][aeo_mra.check]. Each error raised for a row has a note
            giving the first such row's position and its value (``in row 5 of
            check_frame: 'Germny'``); a bad ``role`` or ``tier`` is no row's.

    >>> import pandas as pd
    >>> from datetime import date
    >>> rows = pd.DataFrame({"to": ["DE", "US", "GB"], "day": [date(2020, 5, 1)] * 3})
    >>> check_frame(rows, place="to", on="day")[["to", "qualifies", "reason", "arrangement"]]
       to  qualifies         reason arrangement
    0  DE       True        covered          EU
    1  US      False  not-a-partner         NaN
    2  GB       True        covered          EU
    """
    try:
        import narwhals as nw
    except ImportError:
        extra = 'check_frame needs the frames extra: pip install "aeo-mra[frames]"'
        raise ImportError(extra) from None

    answers = _Answers(registry_or_default(registry), role, tier)
    try:
        data = nw.from_native(frame, eager_only=True)
    except TypeError:
        raise TypeError(
            "check_frame takes an eager data frame, such as a pandas or polars DataFrame "
            f"(collect a lazy one first), not {type(frame).__module__}.{type(frame).__name__}"
        ) from None
    except nw.exceptions.DuplicateError:  # pandas and pyarrow allow two columns of one name
        names = list(getattr(frame, "column_names", None) or frame.columns)
        twice = [name for name in names if names.count(name) > 1]
        if not twice:
            raise
        raise ColumnError(twice[0], names) from None
    _check_columns(data, place, on)
    if len(data) == 0:  # no rows, no answers (and no keys to add up)
        return _with_answers(data, nw.col(place).is_null(), answers).to_native()
    places = _distinct(data, place)
    codes = _each(data, place, places, answers.code)
    if not isinstance(on, str):  # one day for every row: one answer per place
        day = day_or_today(on)
        code_of = dict(zip(places, codes, strict=True))
        classes = _each(data, place, places, lambda v: answers.class_of(code_of[v], day))
        index = nw.col(place).replace_strict(places, classes, return_dtype=nw.Int64)
        return _with_answers(data, index, answers).to_native()
    key, row_day = _unused(data, "key"), _unused(data, "day")
    dtype = data.schema[on]
    if isinstance(dtype, nw.Datetime):  # read back in microseconds, the unit of Python's
        day_of_row = nw.col(on).cast(nw.Datetime("us", dtype.time_zone))
    else:
        day_of_row = nw.col(on)
    data = data.with_columns(day_of_row.alias(row_day))
    days = _distinct(data, row_day)
    bounds = answers.days.anyone
    segments = _each(data, row_day, days, lambda v: bisect.bisect_right(bounds, _day(v)), [on])
    first_day = {s: _day(v) for s, v in reversed(list(zip(segments, days, strict=True)))}
    code_ids = {code: i for i, code in enumerate(dict.fromkeys(codes))}
    width = len(bounds) + 1
    keyed = data.with_columns(
        (
            nw.col(place).replace_strict(
                places, [code_ids[c] * width for c in codes], return_dtype=nw.Int64
            )
            + nw.col(row_day).replace_strict(days, segments, return_dtype=nw.Int64)
        ).alias(key)
    )
    keys = _distinct(keyed, key)
    found = list(code_ids)
    classes = _each(
        keyed,
        key,
        keys,
        lambda k: answers.class_of(found[k // width], first_day[k % width]),
        [place, on],
    )
    index = nw.col(key).replace_strict(keys, classes, return_dtype=nw.Int64)
    return _with_answers(keyed, index, answers).drop(key, row_day).to_native()


class _Answers:
    """The answers of one call, numbered by what the answer columns read from them.

    An answer for a place can only change on a day the dataset names for it (its
    arrangements' and the dataset-wide dates) or the day after; between two such days one
    answer stands for all.
    """

    def __init__(self, registry: Registry, role: Role, tier: Tier | None) -> None:
        self.registry, self.role, self.tier = registry, checked_role(role), tier_or_none(tier)
        self.classes: dict[tuple[object, ...], Eligibility] = {}
        self.known: dict[tuple[str, int], int] = {}
        self.days = change_days(registry)

    def code(self, place: object) -> str:
        return self.registry.resolve(place).code  # type: ignore[arg-type]

    def class_of(self, code: str, day: date) -> int:
        """The number of the class of ``check(code, day)``."""
        segment = code, bisect.bisect_right(self.days.of(code), day)
        if segment not in self.known:
            answer = self.registry.check(code, day, role=self.role, tier=self.tier)
            read = _read(answer)
            self.classes.setdefault(read, answer)
            self.known[segment] = list(self.classes).index(read)
        return self.known[segment]


def _check_columns(data: nw.DataFrame[Any], place: str, on: object) -> None:
    wanted = [place, on] if isinstance(on, str) else [place]
    for name in wanted:
        if isinstance(name, tuple):  # it would select several columns
            raise TypeError(
                f"check_frame reads a column by one name, not by a tuple ({name!r}, as a "
                "pandas MultiIndex names columns): flatten the frame's column names first"
            )
    missing = [name for name in wanted if name not in data.columns]
    clash = [name for name in COLUMNS if name in data.columns]
    if missing or clash:
        raise ColumnError((missing or clash)[0], data.columns)


def _unused(data: nw.DataFrame[Any], name: str) -> str:
    """A name for a working column that no column of ``data`` has."""
    name = f"__aeo_mra_{name}"
    while name in data.columns:
        name += "_"
    return name


def _distinct(data: nw.DataFrame[Any], column: str) -> list[Any]:
    """The column's distinct values in the order they first appear."""
    return data.get_column(column).unique(maintain_order=True).to_list()


T = TypeVar("T")


def _each(
    data: nw.DataFrame[Any],
    column: str,
    values: Sequence[Any],
    function: Callable[[Any], T],
    shown: Sequence[str] = (),
) -> list[T]:
    """``function`` of each value; an error gets a note naming the first row with the value,
    and that row's values in the ``shown`` columns (default: ``column``)."""
    results: list[T] = []
    value = None
    try:
        for value in values:
            results.append(function(value))
    except (Error, TypeError) as error:
        row = _first_row(data, column, value)
        if isinstance(error, MissingDateError):
            raise MissingDateError(value, row) from None
        given = ", ".join(_shown(data.item(row, name)) for name in shown or [column])
        error.add_note(f"in row {row} of check_frame: {given}")
        raise
    return results


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else _quoted(value)


def _first_row(data: nw.DataFrame[Any], column: str, value: Any) -> int:
    import narwhals as nw

    mask = nw.col(column).is_null() if _is_missing(value) else nw.col(column) == value
    row = _unused(data, "row")
    return int(data.with_row_index(row).filter(mask).get_column(row).item(0))


def _day(value: object) -> date:
    """A row's day; a missing one (``None``, ``NaT``) is an error, never today."""
    if _is_missing(value):
        raise MissingDateError(value, -1)  # _each finds the row
    return as_date(value)


def _read(answer: Eligibility) -> tuple[object, ...]:
    """What the answer columns read from an answer."""
    return tuple(read(answer) for read in COLUMNS.values())


def _with_answers(
    data: nw.DataFrame[IntoDataFrameT], index: nw.Expr, answers: _Answers
) -> nw.DataFrame[IntoDataFrameT]:
    """``data`` with the answer columns; ``index`` gives each row's class of answer."""
    import narwhals as nw

    rows = data.select(index.cast(nw.Int64).alias("class")).get_column("class")
    backend = nw.get_native_namespace(rows)
    columns = []
    for name, read in COLUMNS.items():
        values = [read(answer) for answer in answers.classes.values()]
        dtype = nw.Boolean() if name == "qualifies" else nw.String()
        by_class = nw.new_series(name, values, dtype, backend=backend)
        columns.append(by_class[rows] if len(rows) else by_class)  # no rows, no classes
    return data.with_columns(*columns)
