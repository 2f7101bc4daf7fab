"""Every dated event in a dataset, in date order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ._explain import _capitalised, _the
from .model import Dataset, When
from .results import Event, EventKind


def timeline(dataset: Dataset, name_of: Callable[[str], str]) -> tuple[Event, ...]:
    """Signed, implemented, rollout, join, leave and count events, earliest first; a place is
    described by its name, as ``name_of`` gives it for its code.

    Events whose date is unknown come last.
    """

    def place(code: str) -> str:  # at the start of a description
        return _capitalised(_the(name_of(code)))

    events: list[Event] = []
    for a in dataset.arrangements:
        signed = a.signed
        events.append(
            Event(signed.value, EventKind.SIGNED, a.id, None, f"{a.name} signed",
                  signed.confidence, signed.sources)
        )  # fmt: skip
        if a.implemented is not None:
            events.append(
                Event(a.implemented.value, EventKind.IMPLEMENTED, a.id, None,
                      f"{a.name} implemented", a.implemented.confidence, a.implemented.sources)
            )  # fmt: skip
        for stage in a.stages[1:]:
            events.append(
                Event(When.exact(stage.start), EventKind.STAGE, a.id, None,
                      f"{a.name}: benefits apply {stage.description}",
                      a.implemented.confidence if a.implemented else signed.confidence,
                      stage.sources)
            )  # fmt: skip
        for member in a.members:
            if member.since is not None:
                events.append(
                    Event(When.exact(member.since.value), EventKind.JOINED, a.id, member.territory,
                          f"{place(member.territory)} covered by the {a.name}",
                          member.since.confidence, member.since.sources)
                )  # fmt: skip
            if member.until is not None:
                events.append(
                    Event(When.exact(member.until.value), EventKind.LEFT, a.id, member.territory,
                          f"{place(member.territory)} last covered by the {a.name}",
                          member.until.confidence, member.until.sources)
                )  # fmt: skip
    for counted in dataset.counted_territories:
        bases = " and ".join(b.value for b in counted.bases)
        what = f"counted in the {bases} totals without an arrangement"
        events.append(
            Event(When.exact(counted.since.value), EventKind.COUNTED, None, counted.territory,
                  f"{place(counted.territory)} {what}", counted.since.confidence,
                  counted.since.sources)
        )  # fmt: skip
    return tuple(sorted(events, key=_order))


def _order(event: Event) -> tuple[date, date, int, str]:
    when = event.when
    first = when.earliest or when.latest or date.max
    return first, when.latest or date.max, list(EventKind).index(event.kind), event.description
