"""The checker page's data: the library's own answers, exported for a page with no server.

An answer changes only on the days something in the data begins or ends: a signing, an
implementation, a stage, a place joining or leaving, a count, a tier coming or going, the
day after the data's review. Between two such days every question has one answer, apart
from the day it names. So for every place, role and tier the export holds, per interval
between those days, the answer `aeo_mra.check` (or `check_foreign`) gives on its first day,
with that day in its text replaced by ``{on}``. The page only looks answers up: it knows
no rule. Each interval is checked at its last day too, so a day missing from the list of
boundaries fails the build rather than giving a wrong answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

import pycountry

from aeo_mra import (
    DomesticPlaceError,
    Eligibility,
    Error,
    Registry,
    Role,
    Source,
    Tier,
    UnknownPlaceError,
    Verdict,
)
from aeo_mra._limits import MAX_PLACE
from aeo_mra.errors import _quoted
from aeo_mra.places import _LONGEST_NAME, _SHORT, PLACEHOLDERS, SPREADSHEET_ERRORS

FIRST_DAY = date(1, 1, 1)
DOMESTIC = "CN"
LATER = 3653  # days past the last change on which the last interval is checked
PLACE = "@@PLACE@@"  # where the page puts the name a reader typed, in the library's messages
ON = "{on}"
Ask = Callable[[date], Eligibility]


def boundaries(registry: Registry) -> list[date]:
    """Every day an answer can change on, with the first day of all: the intervals' starts."""
    days = {FIRST_DAY, registry.reviewed + timedelta(days=1)}
    for event in registry.timeline():
        if event.when.earliest is not None:
            days.add(event.when.earliest)
        if event.when.latest is not None:  # a date known as a range is known by its end
            days.update((event.when.latest, event.when.latest + timedelta(days=1)))
    for period in registry.dataset.tiers.values():
        if period.since is not None:
            days.add(period.since)
        if period.until is not None:
            days.add(period.until + timedelta(days=1))
    return sorted(days)


def record(answer: Eligibility | Error, day: date) -> dict[str, Any]:
    """An answer on ``day`` without the day: what the page shows, ``{on}`` for the day."""
    if isinstance(answer, Error):
        return {"error": type(answer).__name__, "text": _template(str(answer), day)}
    return {
        "qualifies": answer.qualifies,
        "verdict": answer.verdict.value,
        "reason": answer.reason.value,
        "arrangement": answer.arrangement.id if answer.arrangement else None,
        "confidence": answer.confidence.name.lower(),
        "text": _template(answer.explain(), day),
        "benefits": [b.description for b in answer.benefits],
        "caveats": [_template(caveat, day) for caveat in answer.caveats],
        "sources": [s.id for s in answer.sources],
    }


def _template(text: str, day: date) -> str:
    """``text`` with the day asked about (``on 2020-05-01``, ``for 2020-05-01``) as ``{on}``."""
    return text.replace(f"on {day}", f"on {ON}").replace(f"for {day}", f"for {ON}")


def render(record: dict[str, Any], day: date) -> dict[str, Any]:
    """``record`` with ``{on}`` replaced by ``day``: what the page shows for that day."""
    shown = {**record, "text": record["text"].replace(ON, day.isoformat())}
    if "caveats" in record:
        shown["caveats"] = [c.replace(ON, day.isoformat()) for c in record["caveats"]]
    return shown


class Export:
    """The answers of a registry for every place, role and tier, as intervals."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.days = boundaries(registry)
        self.records: list[dict[str, Any]] = []
        self.sources: dict[str, Source] = {}
        self._numbers: dict[str, int] = {}
        self._series: dict[tuple[int, ...], int] = {}

    def record(self, ask: Ask, day: date) -> dict[str, Any]:
        """The record of ``ask``'s answer on ``day``; the sources it cites are kept."""
        try:
            answer = ask(day)
        except Error as error:
            return record(error, day)
        self.sources.update((s.id, s) for s in answer.sources)
        return record(answer, day)

    def series(self, ask: Ask) -> int:
        """The index in `all_series` of ``[start, record, start, record, …]``: an interval's
        start (an index of `days`) and its answer (an index of `records`), for each interval
        where the answer changes.

        Raises:
            AssertionError: The answer on an interval's last day is not that of its first.
        """
        out: list[int] = []
        for index, start in enumerate(self.days):
            first = self.record(ask, start)
            last = (
                self.days[index + 1] - timedelta(days=1)
                if index + 1 < len(self.days)
                else start + timedelta(days=LATER)  # the open last interval: ten years on
            )
            if last != start:
                assert self.record(ask, last) == first, f"an answer changes in {start}…{last}"
            number = self._number(first)
            if not out or out[-1] != number:
                out += [index, number]
        return self._series.setdefault(tuple(out), len(self._series))

    @property
    def all_series(self) -> list[list[int]]:
        return [list(series) for series in self._series]

    def _number(self, record: dict[str, Any]) -> int:
        key = json.dumps(record, sort_keys=True, ensure_ascii=False)
        if key not in self._numbers:
            self._numbers[key] = len(self.records)
            self.records.append(record)
        return self._numbers[key]


def places(registry: Registry) -> list[str]:
    """The ISO 3166-1 codes of every place a check can be asked about (all but China)."""
    codes = []
    for country in pycountry.countries:
        try:
            codes.append(registry.resolve(country.alpha_2).code)
        except Error:  # China itself
            continue
    return codes


def resolution(registry: Registry) -> dict[str, Any]:
    """What the page needs to resolve a name as `Registry.resolve` does (``places.js``):
    the library's index of normalised names, each place's name as its errors quote it, the
    placeholders, spreadsheet error values and unions it refuses, its limits, and its
    messages, with ``@@PLACE@@`` where the name typed goes (quoted as the library quotes
    it) and ``@@…@@`` for the rest.
    """
    index = registry.places.names()
    unions = {union: name for name, union in registry.places.unions().items()}
    suggestions = [f"SUGGESTION{n}" for n in (1, 2, 3)]
    return {
        "index": dict(index),
        "quoted": {c: repr(registry.places.territory(c).name) for c in set(index.values())},
        "placeholders": sorted(PLACEHOLDERS),
        "error_values": sorted(SPREADSHEET_ERRORS),
        "unions": dict(registry.places.unions()),
        "limits": {"place": MAX_PLACE, "short": _SHORT, "longest": _LONGEST_NAME},
        "messages": {
            "unknown": _message(UnknownPlaceError(PLACE), PLACE=PLACE),
            "suggested": [
                _message(
                    UnknownPlaceError(PLACE, suggestions[:n]),
                    PLACE=PLACE,
                    **{f"S{i}": s for i, s in enumerate(suggestions[:n], 1)},
                )
                for n in (1, 2, 3)
            ],
            "domestic": _message(DomesticPlaceError(PLACE), PLACE=PLACE),
            "placeholder": _message(_refusal(registry, "n/a"), PLACE="n/a"),
            "error_value": _message(_refusal(registry, "#N/A"), PLACE="#N/A"),
            "code": _message(
                _refusal(registry, "de"),
                PLACE="de",
                UPPER="DE",
                NAME=registry.places.territory("DE").name,
            ),
            "union": {u: _message(_refusal(registry, n), PLACE=n) for u, n in unions.items()},
            "long": _message(_refusal(registry, _LONG), PLACE=_LONG, LENGTH=f"{len(_LONG):,}"),
        },
    }


_LONG = "x" * (MAX_PLACE + 1)


def _refusal(registry: Registry, name: str) -> Error:
    try:
        registry.resolve(name)
    except Error as error:
        return error
    raise AssertionError(f"{name!r} is not refused")


def _message(error: Error, **parts: str) -> str:
    """``error``'s message with each part's text (its repr where the message quotes it)
    as ``@@NAME@@``.

    Raises:
        AssertionError: A part is not in the message.
    """
    text = str(error)
    for name, part in parts.items():
        quoted = _quoted(part) if name == "PLACE" else repr(part)
        found = quoted if quoted in text else part
        assert found in text, f"{part!r} is not in {text!r}"
        text = text.replace(found, f"@@{name}@@")
    return text


def _period(registry: Registry, tier: Tier) -> str:
    """When ``tier`` was in use, as the checker groups the tiers: ``Tiers from 2026-04-01``."""
    period = registry.dataset.tiers[tier]
    if period.since and period.until:
        return f"Tiers of {period.since} to {period.until}"
    if period.until:
        return f"Tiers until {period.until}"
    return f"Tiers from {period.since}" if period.since else "Tiers"


def partner_tiers(registry: Registry, code: str) -> list[tuple[str, str]]:
    """The partner programme tiers (code, name) of the arrangements that ever covered ``code``."""
    tiers: dict[str, str] = {}
    for arrangement in registry.dataset.arrangements:
        if any(m.territory == code for m in arrangement.members):
            tiers.update((t.code, t.name) for t in arrangement.partner_tiers)
    return list(tiers.items())


def _foreign(registry: Registry, code: str, tier: str, day: date, role: Role) -> Eligibility:
    """`check_foreign`; for a place no arrangement ever covered (``tier`` empty), checked
    to give one answer whatever tier is asked about."""
    answer = registry.check_foreign(code, tier or "AEOS", on=day, role=role)
    if not tier:
        other = registry.check_foreign(code, "AEO", on=day, role=role)
        assert record(answer, day) == record(other, day), f"{code}'s answer depends on the tier"
    return answer


def _interned(record: dict[str, Any], strings: dict[str, int]) -> dict[str, Any]:
    """``record`` with its texts as indexes of one list of strings, each string kept once."""

    def number(text: str) -> int:
        return strings.setdefault(text, len(strings))

    out = dict(record)
    out["text"] = number(record["text"])
    for key in ("benefits", "caveats"):
        if key in record:
            out[key] = [number(text) for text in record[key]]
    return out


def checker_data(registry: Registry) -> dict[str, Any]:
    """Everything the checker page looks up: places, names, tiers, sources and answers."""
    export = Export(registry)
    strings: dict[str, int] = {}
    codes = places(registry)
    china_tiers: list[Tier | None] = [None, *Tier]
    out_places: dict[str, Any] = {}
    for code in codes:
        territory = registry.resolve(code)
        china = {
            f"{role.value}/{tier.name if tier else ''}": export.series(
                partial(registry.check, code, role=role, tier=tier)
            )
            for role in Role
            for tier in china_tiers
        }
        tiers = partner_tiers(registry, code) or [("", "any tier")]
        foreign = {
            f"{role.value}/{tier}": export.series(
                partial(_foreign, registry, code, tier, role=role)
            )
            for role in Role
            for tier, _ in tiers
        }
        out_places[code] = {
            "name": territory.name,
            "zh": territory.name_zh,
            "china": china,
            "foreign": foreign,
            "tiers": tiers,
        }
    sources = {s.id: {"title": s.title, "urls": list(s.urls)} for s in export.sources.values()}
    return {
        "version": registry.version,
        "reviewed": registry.reviewed.isoformat(),
        "days": [d.isoformat() for d in export.days],
        "records": [_interned(r, strings) for r in export.records],
        "strings": list(strings),
        "series": export.all_series,
        "places": out_places,
        "resolution": resolution(registry),
        "tiers": [
            {
                "name": t.name,
                "description": t.description,
                "zh": t.name_zh,
                "period": _period(registry, t),
            }
            for t in Tier
        ],
        "roles": [r.value for r in Role],
        "verdicts": {v.value: v.description for v in Verdict},
        "sources": sources,
    }
