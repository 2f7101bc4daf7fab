"""What changed between two versions of the data: facts record by record, and answers.

The data changelog is the human record of a data release; this is the machine one. Compare
the bundled data with a file of your own, or two files:

>>> import aeo_mra
>>> from aeo_mra import diff
>>> bundled = aeo_mra.Registry.bundled()
>>> diff.facts(bundled, bundled)
()

[`answers`][aeo_mra.diff.answers] says which answers change for the rows you care about
(or, by default, for every place on every day the data changes).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

import attrs

from ._dates import as_date
from ._eligibility import Eligibility
from .errors import Error, MissingDateError, _is_missing, _quoted
from .model import Arrangement, Dataset, Fact, Record, Role, Tier, When
from .registry import Registry

__all__ = ["AnswerChange", "Change", "Row", "answers", "facts"]

Row = tuple[str | int, date] | tuple[str | int, date, Role] | tuple[str | int, date, Role, Tier]
"""A question: place and day, optionally role and tier (default: exporter, the AEO tier)."""


@attrs.frozen(eq=False, repr=False)
class Change(Record):
    """One fact or field that differs between two datasets.

    Attributes:
        record: The record, e.g. ``arrangement EU``, ``source gacc-2015-52``, ``tier AA``.
        field: The field or fact, e.g. ``implemented``; empty when the whole record was
            added or removed.
        old: Its value in the old data (with confidence and sources for a fact), or
            ``None`` if absent.
        new: Its value in the new data, or ``None`` if absent.
    """

    record: str
    field: str
    old: str | None
    new: str | None

    def __str__(self) -> str:
        where = f"{self.record}: {self.field}" if self.field else self.record
        if self.old is None:
            return f"{where}: added {self.new}"
        if self.new is None:
            return f"{where}: removed {self.old}"
        return f"{where}: {self.old} → {self.new}"


@attrs.frozen(eq=False, repr=False)
class AnswerChange(Record):
    """A question whose answer differs between two datasets.

    Attributes:
        old: The old data's answer.
        new: The new data's answer.
        fields: What differs: some of ``verdict``, ``reason``, ``arrangement``,
            ``confidence``, ``benefits``.
    """

    old: Eligibility
    new: Eligibility
    fields: tuple[str, ...]

    def __str__(self) -> str:
        a = self.old
        question = f"{a.place.code} on {a.on} ({a.role.value}, {_tier_name(a.tier)})"
        return (
            f"{question}: {', '.join(self.fields)} changed\n"
            f"  was: {a.explain()}\n  now: {self.new.explain()}"
        )


def facts(old: Registry, new: Registry) -> tuple[Change, ...]:
    """Every record and fact that differs between the data of ``old`` and ``new``.

    Arrangements, sources, tiers, declaration rules, aliases and counted territories are
    matched by their ids or keys; an arrangement's facts by their labels
    ([`Arrangement.facts`][aeo_mra.Arrangement.facts]).

    Raises:
        TypeError: ``old`` or ``new`` is not a Registry.
    """
    before, after = _dataset(old, "old"), _dataset(new, "new")
    changes: list[Change] = []
    for read in _RECORDS:
        changes += _compare(read(before), read(after))
    return tuple(changes)


def answers(
    old: Registry, new: Registry, rows: Iterable[Row] | None = None
) -> tuple[AnswerChange, ...]:
    """The questions whose answers differ between ``old`` and ``new``, and how.

    Args:
        old: The registry of the old data.
        new: The registry of the new data.
        rows: The questions: ``(place, day)``, ``(place, day, role)`` or
            ``(place, day, role, tier)``. Default: every ISO 3166-1 place either dataset
            names, on every day either dataset's timeline dates, as exporter and importer.

    Raises:
        MissingDateError: A row's day is missing (``None``, ``NaT``): never read as today.
        Error: As [`check`][aeo_mra.Registry.check] raises for a row (in either data), with
            a note naming the row.
        TypeError: ``old`` or ``new`` is not a Registry, or a row is malformed.
    """
    _dataset(old, "old"), _dataset(new, "new")
    found = []
    for index, row in enumerate(_default_rows(old, new) if rows is None else rows):
        if not isinstance(row, tuple) or not 2 <= len(row) <= 4:
            raise TypeError(f"row {index} is not (place, day[, role[, tier]]): {_quoted(row)}")
        if _is_missing(row[1]):
            raise MissingDateError(row[1], index)
        question = dict(zip(("place", "on", "role", "tier"), row, strict=False))
        try:
            as_date(row[1])  # a day, as the row must give one: None is no default here
            was = old.check(**question)  # type: ignore[arg-type]
            now = new.check(**question)  # type: ignore[arg-type]
        except (Error, TypeError) as error:
            error.add_note(f"in row {index} of diff.answers: {_quoted(row[0])}")
            raise
        differ = tuple(f for f in _ANSWER_FIELDS if _answer_field(was, f) != _answer_field(now, f))
        if differ:
            found.append(AnswerChange(was, now, differ))
    return tuple(found)


_ANSWER_FIELDS = ("verdict", "reason", "arrangement", "confidence", "benefits")


def _answer_field(answer: Eligibility, name: str) -> object:
    value = getattr(answer, name)
    return value.id if isinstance(value, Arrangement) else value


def _default_rows(old: Registry, new: Registry) -> Iterator[Row]:
    places: set[str] = set()
    days: set[date] = set()
    for registry in (old, new):
        for a in registry.dataset.arrangements:
            places.update(m.territory for m in a.members + a.territories)
        places.update(c.territory for c in registry.dataset.counted_territories)
        for event in registry.timeline():
            days.update(d for d in (event.when.earliest, event.when.latest) if d)
    for place in sorted(places):
        for day in sorted(days):
            for role in Role:
                yield place, day, role


def _dataset(registry: object, name: str) -> Dataset:
    if not isinstance(registry, Registry):
        raise TypeError(f"{name} must be an aeo_mra.Registry, not {_quoted(registry)}")
    return registry.dataset


def _tier_name(tier: object) -> str:
    return tier.name if isinstance(tier, Tier) else str(getattr(tier, "code", tier))


# -- each kind of record as {key: {field: text}} ----------------------------------------


def _fact(fact: Fact[object] | None) -> str | None:
    if fact is None:
        return None
    value = _text(fact.value)
    marks = [str(fact.confidence)] + (["inferred"] if fact.inferred else [])
    sources = ", ".join(s.id for s in fact.sources)
    note = f"; note: {fact.note}" if fact.note else ""
    return f"{value} ({', '.join(marks)}; {sources}{note})"


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    if isinstance(value, When):
        return str(value)
    if isinstance(value, Tier):
        return value.name
    if isinstance(value, enum.Enum):
        return str(value.value)  # by its value, as the data file writes it
    if attrs.has(type(value)):
        fields = attrs.asdict(value, recurse=False)  # type: ignore[arg-type]
        return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in fields.items()) + "}"
    return str(value)


def _arrangements(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    records = {}
    for a in dataset.arrangements:
        fields: dict[str, str | None] = {
            "name": a.name,
            "partner": a.partner,
            "partner_zh": a.partner_zh,
            "partner_aliases": _text(a.partner_aliases),
            "kind": a.partner_kind.value,
            "instrument": a.instrument.value,
            "counted": str(a.counted),
            "members": _text(tuple(m.territory for m in a.members)),
            "stages": _text(tuple(f"{s.start}: {s.description}" for s in a.stages)),
            "partner_tiers": _text(a.partner_tiers),
            "benefits_wording": a.benefits_wording,
        }
        for label, fact in _numbered(a.facts()):
            fields[label] = _fact(fact)
        records[f"arrangement {a.id}"] = fields
    return records


def _numbered(labelled: Iterable[tuple[str, Fact[object]]]) -> Iterator[tuple[str, Fact[object]]]:
    """Labels made unique: a second ``caveat`` becomes ``caveat 2``."""
    seen: dict[str, int] = {}
    for label, fact in labelled:
        seen[label] = seen.get(label, 0) + 1
        yield (label if seen[label] == 1 else f"{label} {seen[label]}"), fact


def _sources(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    return {
        f"source {s.id}": {"title": s.title, "kind": s.kind.value, "urls": _text(s.urls),
                           "note": s.note}
        for s in dataset.sources.values()
    }  # fmt: skip


def _tiers(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    return {
        f"tier {p.tier.name}": {
            "since": str(p.since), "until": str(p.until), "default": str(p.default),
            "aeo": str(p.aeo), "sources": _text(tuple(s.id for s in p.sources)),
            **{label: _fact(f) for label, f in _numbered(("caveat", c) for c in p.caveats)},
        }
        for p in dataset.tiers.values()
    }  # fmt: skip


def _rules(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    return {
        f"declaration rule {r.field.value}": {
            "form": r.form, "since": str(r.since), "until": str(r.until),
            "sources": _text(tuple(s.id for s in r.sources)),
        }
        for r in dataset.declaration_rules
    }  # fmt: skip


def _aliases(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    return {f"alias {name!r}": {"place": code} for name, code in dataset.aliases.items()}


def _counted(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    return {
        f"counted territory {c.territory}": {
            "since": _fact(c.since),
            "bases": _text(tuple(b.value for b in c.bases)),
        }
        for c in dataset.counted_territories
    }


def _meta(dataset: Dataset) -> dict[str, dict[str, str | None]]:
    return {"dataset": {"version": dataset.version, "reviewed": str(dataset.reviewed)}}


_RECORDS = (_meta, _arrangements, _sources, _tiers, _rules, _aliases, _counted)


def _compare(
    before: Mapping[str, Mapping[str, str | None]],
    after: Mapping[str, Mapping[str, str | None]],
) -> list[Change]:
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        if key not in after:
            changes.append(Change(key, "", _summary(before[key]), None))
        elif key not in before:
            changes.append(Change(key, "", None, _summary(after[key])))
        else:
            old, new = before[key], after[key]
            for name in [*old, *(n for n in new if n not in old)]:
                if old.get(name) != new.get(name):
                    changes.append(Change(key, name, old.get(name), new.get(name)))
    return changes


def _summary(fields: Mapping[str, str | None]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in fields.items() if v)
