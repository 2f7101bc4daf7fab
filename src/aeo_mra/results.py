"""The answers aeo_mra gives: frozen values that explain themselves and cite their sources.

`check`'s answer, `Eligibility` with its `Reason` and `Verdict`, is defined in `_eligibility`,
so that the first question does not also build the classes of the totals and the timeline.
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from ._eligibility import Eligibility, Reason, Verdict
from .model import (
    Basis,
    Confidence,
    Record,
    Source,
    When,
)

__all__ = ["Eligibility", "Event", "EventKind", "Reason", "Summary", "Verdict"]


@attrs.frozen(eq=False, repr=False)
class Summary(Record):
    """Running totals counted as China's customs counts them.

    The EU counts as one economy and each member state as one country or region; every
    other partner counts as one of each.

    Attributes:
        on: The day counted.
        basis: Signed, or implemented, arrangements.
        economies: The number of economies (counterparties).
        territories: The number of countries and regions covered.
        arrangements: The ids of the arrangements counted.
        counted_territories: Territories counted with no arrangement of their own.
        data_version: The version of the data that answered.
        data_reviewed: The day that data was last checked against the public record.

    >>> import aeo_mra
    >>> from datetime import date
    >>> str(aeo_mra.summary(date(2020, 12, 31)))
    '15 economies, 42 countries and regions (signed, as of 2020-12-31)'
    """

    on: date
    basis: Basis
    economies: int
    territories: int
    arrangements: tuple[str, ...]
    counted_territories: tuple[str, ...]
    data_version: str
    data_reviewed: date

    def __str__(self) -> str:
        """The counts, and for a day after the data's review, that day (later arrangements
        are not counted)."""
        unreviewed = f"; data reviewed {self.data_reviewed}" if self.on > self.data_reviewed else ""
        return (
            f"{self.economies} economies, {self.territories} countries and regions "
            f"({self.basis.value}, as of {self.on}{unreviewed})"
        )


class EventKind(enum.Enum):
    """What happened on a timeline date."""

    SIGNED = "signed"
    IMPLEMENTED = "implemented"
    STAGE = "stage"
    JOINED = "joined"
    LEFT = "left"
    COUNTED = "counted"


@attrs.frozen(eq=False, repr=False)
class Event(Record):
    """One dated event of the timeline.

    Attributes:
        when: The date, as precisely as it is known.
        kind: What happened.
        arrangement: The arrangement's id, or ``None`` for a counted territory.
        territory: The territory concerned, for joins, leaves and counts.
        description: One line in English.
        confidence: How firm the date is.
        sources: The documents behind it.
    """

    when: When
    kind: EventKind
    arrangement: str | None
    territory: str | None
    description: str
    confidence: Confidence
    sources: tuple[Source, ...]

    def __str__(self) -> str:
        return f"{self.when}  {self.kind.value:<11}  {self.description}"
