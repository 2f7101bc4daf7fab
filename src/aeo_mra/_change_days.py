"""The days on which an answer can change: each day a dataset names, and the day after.

Between two of them every answer for a place stands, so bulk answers (`check_many`,
`check_frame`) and the HTTP API's cache decide once per span instead of once per day.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .model import Dataset
    from .registry import Registry

__all__ = ["ChangeDays", "and_next", "change_days", "dates_in"]


class ChangeDays:
    """The days an answer can change on: each day the dataset names, and the day after.

    ``anyone`` holds for every place; ``of(code)`` only the days that can change the
    answers for one place (the dataset-wide ones and those of its own arrangements).
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        shared = [getattr(dataset, f.name) for f in attrs.fields(type(dataset))
                  if f.name not in ("arrangements", "counted_territories")]  # fmt: skip
        self.shared = set(dates_in(shared))
        self.anyone = and_next(dates_in(dataset))
        self.by_code: dict[str, list[date]] = {}
        # Each arrangement's places (members and the others it records), and its days.
        self.arrangements = [
            ({m.territory for m in a.members + a.territories}, set(dates_in(a)))
            for a in dataset.arrangements
        ]

    def of(self, code: str) -> list[date]:
        try:
            return self.by_code[code]
        except KeyError:
            pass
        own = set(dates_in([c for c in self.dataset.counted_territories if c.territory == code]))
        for places, named in self.arrangements:
            if code in places:
                own |= named
        days = self.by_code[code] = and_next(self.shared | own)
        return days


_FOUND: weakref.WeakKeyDictionary[Registry, ChangeDays] = weakref.WeakKeyDictionary()


def change_days(registry: Registry) -> ChangeDays:
    """The days of a registry's dataset, found on first use."""
    try:
        return _FOUND[registry]
    except KeyError:  # two threads may both find them; either result will do
        days = _FOUND[registry] = ChangeDays(registry.dataset)
        return days


def and_next(days: Iterable[date]) -> list[date]:
    """Each day and the day after, once each, in order."""
    found = set()
    for day in days:
        found.add(day)
        if day < date.max:
            found.add(day + timedelta(days=1))
    return sorted(found)


def dates_in(value: Any) -> Iterator[date]:
    """Every date in ``value``: a date, or one inside its sequences, mappings and records."""
    if isinstance(value, date):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from dates_in(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from dates_in(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from dates_in(getattr(value, field.name))
