"""What an AEO gets at home: China's customs facilitation measures by credit tier, over time.

The other half of the question [`check`][aeo_mra.check] answers: not what a Chinese AEO gets
abroad, but what each tier gets from China's customs, nationally (the measures of each
enterprise-credit decree and the lists added to them) and in customs districts with a
catalogue of their own. The data is a second bundled file, ``data/measures.toml``, read and
validated like the arrangements: every measure, list and count cites its sources.

>>> from datetime import date
>>> answer = measures(on=date(2020, 1, 1))
>>> len(answer.measures), answer.tier.name
(13, 'ADVANCED_CERTIFIED')
>>> print(answer.mra.measure.instrument.id, answer.mra.measure.article)
decree-237 24(6)

What the record does not hold is said, never filled in: a list in force whose items are not
all recorded is in the ``unknown`` of the [`MeasuresAnswer`][aeo_mra.home.MeasuresAnswer].
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from os import PathLike
from typing import TYPE_CHECKING

import attrs

from . import _decide
from ._dates import as_date, day_or_today
from ._explain import counted
from .errors import Error, _quoted
from .model import Confidence, Precision, Record, Source, Tier, When, unique_sources
from .registry import registry_or_default

if TYPE_CHECKING:
    from .registry import Registry

__all__ = [
    "AeoCount",
    "BeforeMeasuresError",
    "ChangeKind",
    "Concept",
    "ConceptChange",
    "District",
    "InForce",
    "InstrumentKind",
    "Measure",
    "MeasureChanges",
    "MeasureData",
    "MeasureInstrument",
    "MeasureList",
    "Measures",
    "MeasuresAnswer",
    "Qualifier",
    "ReversedDaysError",
    "TierGap",
    "UnknownDistrictError",
    "UnknownScopeError",
    "aeo_counts",
    "changes",
    "compare",
    "measures",
]

MRA_CONCEPT = "mra-facilitation"
"""The concept of the measure where home meets abroad: partners' clearance facilitation."""


class InstrumentKind(enum.Enum):
    """What an instrument is."""

    DECREE = "decree"
    ANNOUNCEMENT = "announcement"
    MEMORANDUM = "memorandum"
    LIST = "list"
    CATALOGUE = "catalogue"


class Qualifier(enum.Enum):
    """How a published count is worded: exactly, about, or more than the number."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more-than"


class ChangeKind(enum.Enum):
    """How a concept's measures differ between two days.

    ``UNKNOWN``: listed on one day only, while the other day has a list in force whose
    items are not found, so the measure may be there too.
    """

    NEW = "new"
    DROPPED = "dropped"
    CHANGED = "changed"
    KEPT = "kept"
    UNKNOWN = "unknown"


# -- records -------------------------------------------------------------------------------


@attrs.frozen(eq=False, repr=False)
class Concept(Record):
    """A kind of measure, followed across decrees, e.g. ``mra-facilitation``.

    Attributes:
        id: The concept's id.
        name: The concept in English.
    """

    id: str
    name: str


@attrs.frozen(eq=False, repr=False)
class District(Record):
    """A customs district with a catalogue of its own.

    Attributes:
        id: The data's key, e.g. ``shenyang``.
        name: English name, e.g. ``Shenyang Customs``.
        name_zh: Chinese name, e.g. ``沈阳海关``.
        region: The province it serves, in English.
        region_zh: The province in Chinese.
        sources: Where it is named.
    """

    id: str
    name: str
    name_zh: str
    region: str
    region_zh: str
    sources: tuple[Source, ...]

    def __str__(self) -> str:
        return f"{self.name} ({self.name_zh}, {self.region})"


@attrs.frozen(eq=False, repr=False)
class MeasureInstrument(Record):
    """A decree, announcement, memorandum, list or catalogue that grants measures.

    Attributes:
        id: The data's key, e.g. ``decree-237``.
        kind: What it is.
        title: Its title in English.
        title_zh: Its Chinese title, or ``None`` if not found.
        issuer: Who issued it.
        since: Its first day in force (``Precision.UNKNOWN`` if not found).
        until: Its last day in force, or ``None`` if no end is found.
        districts: The customs districts it applies in (empty: nationwide).
        sources: Where it is read.
        confidence: How firm the record is.
        note: What else to know.
    """

    id: str
    kind: InstrumentKind
    title: str
    title_zh: str | None
    issuer: str
    since: When
    until: When | None
    districts: tuple[District, ...]
    sources: tuple[Source, ...]
    confidence: Confidence
    note: str = ""

    def standing(self, day: date) -> bool | None:
        """``True`` if certainly in force on ``day``, ``None`` if possibly, else ``False``."""
        ended = self.until is not None and self.until.latest is not None and self.until.latest < day
        if ended or not self.since.possible_by(day):
            return False
        open_ended = self.until is None or (
            self.until.earliest is not None and day <= self.until.earliest
        )
        return True if self.since.known_by(day) and open_ended else None

    @property
    def period(self) -> str:
        """When it was in force, e.g. ``from 2014-12-01 to 2018-04-30``."""
        return f"from {_bound(self.since)} " + (
            f"to {_bound(self.until)}" if self.until else "with no end found"
        )

    def __str__(self) -> str:
        return self.title


@attrs.frozen(eq=False, repr=False)
class MeasureList(Record):
    """A numbered list of measures an instrument grants to some tiers.

    Attributes:
        instrument: The instrument that gives it.
        name: Its name within the instrument, e.g. ``art. 24``.
        tiers: Every tier that gets it (a list inherited by a higher tier names both).
        items: The number of items as the text numbers them, or ``None`` if unknown.
        complete: Whether every item is recorded as a [`Measure`][aeo_mra.home.Measure].
        found: How many items are recorded.
        sources: Where the list and its count are read.
        confidence: How firm the count is.
        note: What else to know.
    """

    instrument: MeasureInstrument
    name: str
    tiers: tuple[Tier, ...]
    items: int | None
    complete: bool
    found: int
    sources: tuple[Source, ...]
    confidence: Confidence
    note: str = ""

    @property
    def missing(self) -> str:
        """What is not recorded, e.g. ``49 items, none recorded`` or ``items unknown``."""
        count = "number of items unknown" if self.items is None else counted(self.items, "item")
        found = "none recorded" if not self.found else f"{self.found} recorded"
        return f"{count}, {found}"

    def __str__(self) -> str:
        return f"{self.instrument.title}, {self.name}"


@attrs.frozen(eq=False, repr=False)
class Measure(Record):
    """One item of a list: what a tier gets, in Chinese as found and in English.

    Attributes:
        id: The data's key, e.g. ``d237-a24-6``.
        list: The list it is an item of (its instrument, its tiers).
        article: Article and item, e.g. ``24(6)``, or ``None`` if not known.
        concept: The kind of measure, followed across decrees.
        text_zh: The wording as found.
        text_en: An English rendering (the data's own words).
        sources: Where it is read.
        confidence: How firm it is.
        inferred: Whether the record is an inference (e.g. our split of a prose passage).
        note: What else to know.
    """

    id: str
    list: MeasureList
    article: str | None
    concept: Concept
    text_zh: str
    text_en: str
    sources: tuple[Source, ...]
    confidence: Confidence
    inferred: bool = False
    note: str = ""

    @property
    def instrument(self) -> MeasureInstrument:
        """The instrument that grants it."""
        return self.list.instrument

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers that get it."""
        return self.list.tiers

    @property
    def where(self) -> str:
        """Its place in the instrument, e.g. ``Decree 237 art. 24(6)``."""
        article = f"art. {self.article}" if self.article else f"({self.list.name})"
        return f"{self.instrument.id} {article}"

    def explain(self) -> str:
        """The measure in a sentence, with its place, tiers, sources and confidence."""
        tiers = ", ".join(t.description for t in self.tiers)
        sources = ", ".join(s.id for s in self.sources)
        mark = f"{self.confidence}{', inferred' if self.inferred else ''}"
        text = f"{self.text_en} ({self.text_zh}) [{self.where}; for {tiers}; {sources}; {mark}]"
        if self.concept.id == MRA_CONCEPT:
            text += " Where it applies: aeo_mra.check(place) (aeo-mra check PLACE)."
        return text

    def __str__(self) -> str:
        return self.explain()


@attrs.frozen(eq=False, repr=False)
class AeoCount(Record):
    """A published number of certified enterprises.

    Attributes:
        on: The day it is of, or the day it was published when the source gives none.
        published: Whether ``on`` is the publication day (the source says "at present").
        scope: ``national``, or the region or district counted.
        scope_zh: The scope in Chinese, if a region.
        tiers: The tiers counted (empty: the source does not say).
        count: The number.
        qualifier: Exactly, about, or more than ``count``.
        share: What share of trade or firms they are, as published.
        sources: Where it is published.
        confidence: How firm it is.
        note: What else to know.
    """

    on: date
    published: bool
    scope: str
    scope_zh: str | None
    tiers: tuple[Tier, ...]
    count: int
    qualifier: Qualifier
    share: str
    sources: tuple[Source, ...]
    confidence: Confidence
    note: str = ""

    def __str__(self) -> str:
        words = {Qualifier.EXACT: "", Qualifier.ABOUT: "about ", Qualifier.MORE_THAN: "more than "}
        tiers = (
            " or ".join(t.description for t in self.tiers)
            or "certified enterprise, tier not stated"
        )
        dated = f"published {self.on}" if self.published else str(self.on)
        number = f"{words[self.qualifier]}{self.count:,}"
        return f"{dated} {self.scope}: {number} ({tiers}; {self.confidence})"


@attrs.frozen(eq=False, repr=False)
class MeasureData(Record):
    """A validated measures file.

    Attributes:
        version: The data version.
        reviewed: The day it was last checked against the public record.
        sources: Every source, by id.
        concepts: The concepts, by id.
        districts: The districts with a catalogue, by id.
        instruments: Every instrument, in the file's order.
        lists: Every list, in the file's order.
        measures: Every measure, in the file's order.
        counts: The published counts of certified enterprises, by date.
    """

    version: str
    reviewed: date
    sources: Mapping[str, Source]
    concepts: Mapping[str, Concept]
    districts: Mapping[str, District]
    instruments: tuple[MeasureInstrument, ...]
    lists: tuple[MeasureList, ...]
    measures: tuple[Measure, ...]
    counts: tuple[AeoCount, ...]


# -- answers -------------------------------------------------------------------------------


@attrs.frozen(eq=False, repr=False)
class InForce(Record):
    """A measure in force on a day.

    Attributes:
        measure: The measure.
        certain: ``False`` when its instrument's period on the day rests on a date not
            found (it may or may not have been in force yet, or still).
    """

    measure: Measure
    certain: bool

    def explain(self) -> str:
        """The measure's sentence, marked when it is only possibly in force."""
        return self.measure.explain() + ("" if self.certain else " (possibly in force)")


@attrs.frozen(eq=False, repr=False)
class MeasuresAnswer(Record):
    """The measures a tier gets on a day, nationally and in a district if one is named.

    Attributes:
        tier: The tier asked about.
        on: The day.
        where: The district named, or ``None`` for national measures only.
        measures: The recorded measures in force, in the data's order.
        unknown: Lists in force for the tier whose items are not all recorded.
        data_reviewed: The day the data was last reviewed.
    """

    tier: Tier
    on: date
    where: District | None
    measures: tuple[InForce, ...]
    unknown: tuple[MeasureList, ...]
    data_reviewed: date

    @property
    def complete(self) -> bool:
        """Whether every measure in force is recorded (no list of unknown items)."""
        return not self.unknown

    @property
    def mra(self) -> InForce | None:
        """The measure "clearance facilitation by mutual recognition partners", if in force.

        Where it applies is [`check`][aeo_mra.check]'s answer.
        """
        return next((m for m in self.measures if m.measure.concept.id == MRA_CONCEPT), None)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source of the measures and the unknown lists, once each."""
        return unique_sources(
            [m.measure.sources for m in self.measures] + [u.sources for u in self.unknown]
        )

    @property
    def headline(self) -> str:
        """The answer's first sentence: how many measures, from which instruments."""
        place = f"nationally and in {self.where}" if self.where else "nationally"
        who = f"{_a(self.tier)} ({self.tier.name_zh})"
        if not self.measures:
            head = f"On {self.on} no measure is recorded for {who} {place}."
        else:
            by = list(dict.fromkeys(m.measure.instrument.id for m in self.measures))
            count = counted(len(self.measures), "recorded measure")
            head = f"On {self.on} {who} gets {count} {place}, from {', '.join(by)}."
            possible = sum(not m.certain for m in self.measures)
            if possible:
                head += f" {possible} of them only possibly in force (a date not found)."
        return head + _after_review(self.on, self.data_reviewed)

    def explain(self) -> str:
        """The answer in words: the headline, each measure, and what is not recorded."""
        lines = [self.headline] + [f"  - {m.explain()}" for m in self.measures]
        if self.unknown:
            lines.append("Not recorded:")
            lines += [f"  - {u}: {u.missing}{_possibly(u, self.on)}" for u in self.unknown]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


@attrs.frozen(eq=False, repr=False)
class TierGap(Record):
    """What one tier gets that another does not, on a day.

    Attributes:
        tier: The tier compared.
        other: The tier it is compared with.
        on: The day.
        only: Measures ``tier`` gets and ``other`` does not.
        lacks: Measures ``other`` gets and ``tier`` does not.
        unknown: Lists in force for either tier whose items are not all recorded.
        data_reviewed: The day the data was last reviewed.
    """

    tier: Tier
    other: Tier
    on: date
    only: tuple[InForce, ...]
    lacks: tuple[InForce, ...]
    unknown: tuple[MeasureList, ...]
    data_reviewed: date

    def explain(self) -> str:
        """The gap in words."""
        gets = counted(len(self.only), "recorded measure") if self.only else "no recorded measure"
        head = f"On {self.on} {_a(self.tier)} gets {gets} {_a(self.other)} does not"
        lacks = [f"and lacks {len(self.lacks)}:"] if self.lacks else []
        if self.only:
            lines = [f"{head}:", *(f"  - {m.explain()}" for m in self.only), *lacks]
        else:
            lines = [f"{head}, {lacks[0]}" if lacks else f"{head}."]
        lines += [f"  - {m.explain()}" for m in self.lacks]
        if self.unknown:
            lines.append("Not recorded, so the gap may be larger or smaller:")
            lines += [f"  - {u}: {u.missing}" for u in self.unknown]
        late = _after_review(self.on, self.data_reviewed)
        return "\n".join([*lines, late.strip()] if late else lines)

    def __str__(self) -> str:
        return self.explain()


@attrs.frozen(eq=False, repr=False)
class ConceptChange(Record):
    """How one concept's measures differ between two days.

    Attributes:
        concept: The concept.
        kind: New, dropped, changed in wording, kept with the same wording in a new
            instrument, or unknown (a list of unknown items may hold it).
        before: Its measures on the first day.
        after: Its measures on the second day.
    """

    concept: Concept
    kind: ChangeKind
    before: tuple[Measure, ...]
    after: tuple[Measure, ...]

    def __str__(self) -> str:
        was = "; ".join(m.where for m in self.before) or "—"
        now = "; ".join(m.where for m in self.after) or "—"
        return f"{self.kind.value}: {self.concept.name} ({was} → {now})"


@attrs.frozen(eq=False, repr=False)
class MeasureChanges(Record):
    """What changed between two days, concept by concept.

    Attributes:
        before: The answer for the first day.
        after: The answer for the second day.
        changes: The concepts whose measures differ, in the data's order.
    """

    before: MeasuresAnswer
    after: MeasuresAnswer
    changes: tuple[ConceptChange, ...]

    def of(self, kind: ChangeKind) -> tuple[ConceptChange, ...]:
        """The changes of one kind."""
        return tuple(c for c in self.changes if c.kind is kind)

    def explain(self) -> str:
        """The changes in words."""
        b, a = self.before, self.after
        kinds = [f"{len(found)} {_CHANGE_WORDS[kind]}" for kind in ChangeKind
                 if (found := self.of(kind))]  # fmt: skip
        counted = f"{len(self.changes)} concepts' measures differ ({', '.join(kinds)})"
        lines = [f"From {b.on} ({b.tier.description}) to {a.on} ({a.tier.description}): "
                 f"{counted if self.changes else 'no concept differs'}."
                 f"{_after_review(max(a.on, b.on), a.data_reviewed)}"]  # fmt: skip
        lines += [f"  - {c}" for c in self.changes]
        if self.of(ChangeKind.UNKNOWN):
            lines.append("Not recorded, so 'unknown' changes may be none:")
            lines += [f"  - {u}: {u.missing}" for u in unique_lists(b.unknown + a.unknown)]
        elif hidden := _one_side(b.unknown, a.unknown):
            lines.append("Not recorded item by item, so more may differ among:")
            lines += [f"  - {u}: {u.missing}" for u in hidden]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


_CHANGE_WORDS = {
    ChangeKind.NEW: "new",
    ChangeKind.DROPPED: "dropped",
    ChangeKind.CHANGED: "changed in wording",
    ChangeKind.KEPT: "kept in a new instrument",
    ChangeKind.UNKNOWN: "unknown",
}


def _one_side(
    before: tuple[MeasureList, ...], after: tuple[MeasureList, ...]
) -> tuple[MeasureList, ...]:
    """The lists of unknown items in force on one of two days only: a list in force on both
    is the same list, and hides no change between them."""
    both = {_list_key(item) for item in before} & {_list_key(item) for item in after}
    return tuple(item for item in unique_lists(before + after) if _list_key(item) not in both)


def _bound(day: When) -> str:
    """A period's bound: ``2014-12-01``, or ``a day not found (by 2021-04-21)``."""
    if day.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return str(day)
    known = "" if day.precision is Precision.UNKNOWN else f" ({day})"
    return f"a day not found{known}"


def _possibly(item: MeasureList, day: date) -> str:
    """`` (possibly in force …)`` when ``item``'s instrument may not be in force on ``day``."""
    if item.instrument.standing(day):
        return ""
    return f" (possibly in force: {item.instrument.id} runs {item.instrument.period})"


def _after_review(day: date, reviewed: date) -> str:
    """A sentence saying the answer for ``day`` may miss changes after the data's review."""
    if day <= reviewed:
        return ""
    return f" The data was last reviewed on {reviewed}; later changes are not reflected."


def _a(tier: Tier) -> str:
    """The tier with its article: ``an advanced certified enterprise``."""
    return ("an " if tier.description[0].lower() in "aeiou" else "a ") + tier.description


def unique_lists(lists: Iterable[MeasureList]) -> tuple[MeasureList, ...]:
    """``lists`` once each, in order."""
    seen: dict[tuple[str, str], MeasureList] = {}
    for item in lists:
        seen.setdefault(_list_key(item), item)
    return tuple(seen.values())


def _list_key(item: MeasureList) -> tuple[str, str]:
    """What tells a list apart: its instrument and its name there."""
    return item.instrument.id, item.name


# -- errors --------------------------------------------------------------------------------


class UnknownDistrictError(Error, LookupError):
    """No customs district with a catalogue in the data has this name.

    Attributes:
        where: The name as given.
        valid: The districts the data knows, in English and Chinese; where ``where``
            names a province with several, those.
    """

    def __init__(self, where: object, valid: Iterable[str], province: bool = False) -> None:
        self.where = where
        self.valid = tuple(valid)
        what = (
            "is a province with several customs districts with a catalogue; name one"
            if province
            else "names no customs district with a catalogue in the data; known districts"
        )
        super().__init__(f"{_quoted(where)} {what}: {', '.join(self.valid)}")


class BeforeMeasuresError(Error, ValueError):
    """The day is before the first day any recorded instrument can have been in force.

    Attributes:
        on: The day asked about.
        first: The first day answered.
    """

    def __init__(self, on: date, first: date) -> None:
        self.on = on
        self.first = first
        super().__init__(
            f"no measures are recorded for {on}: the data begins on {first}, the first day "
            f"a recorded instrument can have been in force"
        )


class ReversedDaysError(Error, ValueError):
    """[`changes`][aeo_mra.home.Measures.changes] was given an ``after`` before ``before``,
    or [`counts`][aeo_mra.home.Measures.counts] an ``until`` before ``since``.

    Attributes:
        before: The first day given (``before``, or ``since``).
        after: The second day given (``after``, or ``until``).
    """

    def __init__(
        self, before: date, after: date, names: tuple[str, str] = ("before", "after")
    ) -> None:
        self.before = before
        self.after = after
        first, second = names
        super().__init__(f"{second}={after} is earlier than {first}={before}: swap the two days")


class UnknownScopeError(Error, LookupError):
    """No published count of certified enterprises has this scope.

    Attributes:
        scope: The scope as given.
        valid: The scopes counted in the data.
    """

    def __init__(self, scope: object, valid: Iterable[str]) -> None:
        self.scope = scope
        self.valid = tuple(valid)
        super().__init__(
            f"no count of certified enterprises has the scope {_quoted(scope)}; "
            f"scopes counted: {', '.join(self.valid)}"
        )


# -- the questions -------------------------------------------------------------------------


def _name_key(name: str) -> str:
    """A name as compared: any case and spacing, with or without "Customs" (海关)."""
    key = "".join(name.casefold().split())
    for suffix in ("customsdistrict", "customs", "海关"):
        key = key.removesuffix(suffix)
    return key


class Measures:
    """The measures of one measures file, read with the tiers of one registry.

    Args:
        data: A validated measures file, or a function that returns one on first use.
        registry: The registry whose tiers say which tiers exist on a day, and which is
            China's AEO tier (the default tier).
    """

    def __init__(self, data: MeasureData | Callable[[], MeasureData], registry: Registry) -> None:
        self._make = data if callable(data) else lambda: data
        self._data: MeasureData | None = None
        self.registry = registry

    @property
    def data(self) -> MeasureData:
        """The validated measures file (read on first use)."""
        if self._data is None:
            self._data = self._make()
        return self._data

    @classmethod
    def bundled(cls, registry: Registry | None = None) -> Measures:
        """The measures shipped with aeo_mra, with the tiers of ``registry`` (default: the
        bundled one); the file is read once, on first use, for all of them.

        Raises:
            TypeError: ``registry`` is not a [`Registry`][aeo_mra.Registry].
        """
        return cls(_read_bundled, registry_or_default(registry))

    @classmethod
    def from_file(cls, path: str | PathLike[str], registry: Registry | None = None) -> Measures:
        """The measures in ``path``, with the tiers of ``registry`` (default: the bundled one).

        Raises:
            DataError: Listing every problem in the file, or saying that it is not a regular
                file, is larger than the limit or is not UTF-8.
            OSError: The file cannot be opened.
            TypeError: ``path`` is not a ``str`` or ``os.PathLike``, or ``registry`` is not a
                [`Registry`][aeo_mra.Registry].
        """
        from ._files import read_text
        from ._home_loader import parse

        return cls(parse(*read_text(path)), registry_or_default(registry))

    def district(self, where: str) -> District:
        """The district ``where`` names: its English or Chinese name, with or without
        "Customs" (海关), e.g. ``Shenyang``, ``沈阳海关``, as the error lists it, or its
        province's name where the province has one district with a catalogue (``Liaoning``).

        Raises:
            UnknownDistrictError: No district of the data has that name, or it names a
                province with several (the error lists them).
            TypeError: ``where`` is not a string.
        """
        if not isinstance(where, str):
            raise TypeError(f"a district is named by a string, not {_quoted(where)}")
        wanted = _name_key(where)
        districts = self.data.districts.values()
        for district in districts:
            names = (district.id, district.name, district.name_zh, str(district))
            if wanted in {_name_key(n) for n in names}:
                return district
        in_region = [
            d for d in districts if wanted in {_name_key(d.region), _name_key(d.region_zh)}
        ]
        if len(in_region) == 1:  # a province with one district names it
            return in_region[0]
        listed = in_region or districts
        raise UnknownDistrictError(where, [str(d) for d in listed], province=bool(in_region))

    def measures(
        self, tier: Tier | None = None, on: date | None = None, *, where: str | None = None
    ) -> MeasuresAnswer:
        """The measures ``tier`` gets on ``on``: national ones, and the district's if named.

        Args:
            tier: The tier (default: China's AEO tier on the day, as for
                [`check`][aeo_mra.check]).
            on: The day (default: today).
            where: A customs district with a catalogue, by English or Chinese name.

        Raises:
            BeforeMeasuresError: ``on`` is before [`first_day`][aeo_mra.home.Measures.first_day].
            TierNotInForceError: ``tier`` did not exist on ``on``.
            UnknownDistrictError: ``where`` names no district of the data.
            TypeError: An argument has the wrong type; ``tier`` is an
                [`aeo_mra.Tier`][aeo_mra.Tier] (``Tier["ADVANCED_CERTIFIED"]``), not its name,
                as for [`check`][aeo_mra.check].
        """
        day = day_or_today(on)
        first = self.first_day
        if first is not None and day < first:
            raise BeforeMeasuresError(day, first)
        chosen = _decide.chosen_tier(self.registry.dataset.tiers, tier, day)
        district = self.district(where) if where is not None else None
        found: list[InForce] = []
        unknown: list[MeasureList] = []
        lists = {}
        for item in self.data.lists:
            standing = item.instrument.standing(day)
            places = item.instrument.districts
            if standing is False or chosen not in item.tiers or (places and district not in places):
                continue
            lists[id(item)] = standing
            if not item.complete:
                unknown.append(item)
        for measure in self.data.measures:
            if id(measure.list) in lists:
                found.append(InForce(measure, lists[id(measure.list)] is True))
        return MeasuresAnswer(
            chosen, day, district, tuple(found), tuple(unknown), self.data.reviewed
        )

    def _earliest(self, instrument: MeasureInstrument) -> date | None:
        """The first day ``instrument`` can have been in force: its start's lower bound, or
        the first day of every tier its lists name, whichever is later; ``None`` if neither
        is known."""
        periods = self.registry.dataset.tiers
        named = [periods[t].since for i in self.data.lists if i.instrument is instrument
                 for t in i.tiers]  # fmt: skip
        tiers = None if not named or None in named else min(d for d in named if d is not None)
        bounds = [d for d in (instrument.since.earliest, tiers) if d is not None]
        return max(bounds, default=None)

    @functools.cached_property
    def first_day(self) -> date | None:
        """The first day answered: the earliest day a recorded instrument can have been in
        force (``None`` if one has no known lower bound). Found once: every answer asks."""
        starts = [self._earliest(i) for i in self.data.instruments]
        return None if not starts or None in starts else min(d for d in starts if d is not None)

    def compare(
        self, tier: Tier, other: Tier, on: date | None = None, *, where: str | None = None
    ) -> TierGap:
        """What ``tier`` gets that ``other`` does not on ``on`` (and what it lacks).

        Raises:
            BeforeMeasuresError: ``on`` is before [`first_day`][aeo_mra.home.Measures.first_day].
            TierNotInForceError: Either tier did not exist on ``on``.
            UnknownDistrictError: ``where`` names no district of the data.
            TypeError: ``tier`` or ``other`` is not a Tier (both must be given).
        """
        for name, given in (("tier", tier), ("other", other)):
            if not isinstance(given, Tier):
                raise TypeError(f"{name} must be an aeo_mra.Tier, not {_quoted(given)}")
        one = self.measures(tier, on=on, where=where)
        two = self.measures(other, on=one.on, where=where)
        ids = {m.measure.id for m in two.measures}
        theirs = {m.measure.id for m in one.measures}
        return TierGap(
            one.tier,
            two.tier,
            one.on,
            tuple(m for m in one.measures if m.measure.id not in ids),
            tuple(m for m in two.measures if m.measure.id not in theirs),
            () if tier is other else unique_lists(one.unknown + two.unknown),  # no gap
            one.data_reviewed,
        )

    def changes(
        self,
        tier: Tier | None = None,
        *,
        before: date,
        after: date,
        where: str | None = None,
    ) -> MeasureChanges:
        """What changed for ``tier`` from ``before`` to ``after``, concept by concept.

        Args:
            tier: The tier (default: China's AEO tier on each day).
            before: The first day.
            after: The second day.
            where: A customs district, as for [`measures`][aeo_mra.home.Measures.measures].

        Raises:
            ReversedDaysError: ``after`` is before ``before``.
            BeforeMeasuresError: A day is before [`first_day`][aeo_mra.home.Measures.first_day].
            TierNotInForceError: ``tier`` did not exist on one of the days.
            UnknownDistrictError: ``where`` names no district of the data.
            TypeError: ``before`` or ``after`` is not a date.
        """
        wanted = "a datetime.date (changes() needs both days)"
        if as_date(after, wanted, "after") < as_date(before, wanted, "before"):
            raise ReversedDaysError(before, after)
        old = self.measures(tier, on=before, where=where)
        new = self.measures(tier, on=after, where=where)
        changed = []
        for concept in self.data.concepts.values():
            was = tuple(m.measure for m in old.measures if m.measure.concept is concept)
            now = tuple(m.measure for m in new.measures if m.measure.concept is concept)
            if [m.id for m in was] == [m.id for m in now]:
                continue
            changed.append(ConceptChange(concept, _kind(was, now, old, new), was, now))
        return MeasureChanges(old, new, tuple(changed))

    def counts(
        self, scope: str | None = None, *, since: date | None = None, until: date | None = None
    ) -> tuple[AeoCount, ...]:
        """The published counts of certified enterprises, by date.

        Args:
            scope: ``national``, or a region or district in English or Chinese
                (default: every scope).
            since: The first day to include (default: all).
            until: The last day to include (default: all).

        Raises:
            UnknownScopeError: No count has that scope (an empty one included).
            ReversedDaysError: ``until`` is before ``since``.
            TypeError: ``scope`` is not a string, or ``since`` or ``until`` not a date.
        """
        counts = self.data.counts
        if scope is not None:
            if not isinstance(scope, str):
                raise TypeError(f"a scope is a string such as 'national', not {_quoted(scope)}")
            wanted = _name_key(scope)
            counts = tuple(
                c
                for c in counts
                if wanted in {_name_key(c.scope), _name_key(c.scope_zh or c.scope)}
            )
            if not counts:
                raise UnknownScopeError(scope, dict.fromkeys(c.scope for c in self.data.counts))
        first = date.min if since is None else day_or_today(since, "since")
        last = date.max if until is None else day_or_today(until, "until")
        if last < first:
            raise ReversedDaysError(first, last, ("since", "until"))
        return tuple(c for c in counts if first <= c.on <= last)


def _kind(
    was: tuple[Measure, ...], now: tuple[Measure, ...], old: MeasuresAnswer, new: MeasuresAnswer
) -> ChangeKind:
    """New, dropped, changed or kept; unknown when the day without the concept has a list of
    unknown items that the other day lacks, which may hold it."""
    if not was:
        return ChangeKind.UNKNOWN if _only(old.unknown, new.unknown) else ChangeKind.NEW
    if not now:
        return ChangeKind.UNKNOWN if _only(new.unknown, old.unknown) else ChangeKind.DROPPED
    if sorted(m.text_zh for m in was) == sorted(m.text_zh for m in now):
        return ChangeKind.KEPT
    return ChangeKind.CHANGED


def _only(lists: tuple[MeasureList, ...], other: tuple[MeasureList, ...]) -> bool:
    """Whether ``lists`` holds a list that ``other`` does not."""
    return any(item not in other for item in lists)


@functools.cache
def _read_bundled() -> MeasureData:
    from importlib import resources

    from ._home_loader import parse

    data = resources.files("aeo_mra").joinpath("data", "measures.toml")
    return parse(data.read_text(encoding="utf-8"), "aeo_mra/data/measures.toml")


_BUNDLED = Measures.bundled()

measures = _BUNDLED.measures
"""The measures a tier gets on a day: [`Measures.measures`][aeo_mra.home.Measures.measures]
of the bundled data."""

compare = _BUNDLED.compare
"""What one tier gets that another does not: [`Measures.compare`][aeo_mra.home.Measures.compare]."""

changes = _BUNDLED.changes
"""What changed for a tier between two days: [`Measures.changes`][aeo_mra.home.Measures.changes]."""

aeo_counts = _BUNDLED.counts
"""The published counts of certified enterprises:
[`Measures.counts`][aeo_mra.home.Measures.counts]."""
