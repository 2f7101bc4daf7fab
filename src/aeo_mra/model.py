"""The records aeo_mra reads from its dataset: frozen, slotted attrs classes, and the enums
of their vocabularies (defined in `_vocabulary`).

Every fact carries its sources and a confidence mark, so any answer built from facts
can say where it comes from and how firm it is.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import attrs

from ._vocabulary import (
    Basis,
    Benefit,
    CodePrefix,
    Confidence,
    Coverage,
    DeclarationField,
    Instrument,
    PartnerKind,
    Precision,
    Role,
    Scope,
    SourceKind,
    Tier,
)

__all__ = [
    "Arrangement",
    "Basis",
    "Benefit",
    "CodeFormat",
    "CodePrefix",
    "Confidence",
    "CountedTerritory",
    "Coverage",
    "Dataset",
    "DeclarationField",
    "DeclarationRule",
    "Fact",
    "Instrument",
    "Membership",
    "PartnerKind",
    "PartnerTier",
    "Precision",
    "Record",
    "Role",
    "Scope",
    "Source",
    "SourceKind",
    "Stage",
    "Territory",
    "Tier",
    "TierPeriod",
    "When",
]

T_co = TypeVar("T_co", covariant=True)


class Record:
    """The base of every record and answer: equal to another of its class whose fields are
    equal, hashable by its fields (where they are), printed as attrs prints,
    ``Source(id='…', …)``.

    Its fields are compared as one tuple, as dataclasses compare theirs. A subclass is an
    attrs class declared ``@attrs.frozen(eq=False, repr=False)``, so that attrs leaves these
    three methods to this class rather than compiling its own for each class when it is
    built, a cost every process pays at start-up; its fields take no ``eq``, ``hash`` or
    ``repr`` option.
    """

    __slots__ = ()
    if TYPE_CHECKING:  # attrs sets it on each subclass; type hints read at run time skip it
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]

    def __repr__(self) -> str:
        fields = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__attrs_attrs__)
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _values(self.__class__)
        return values(self) == values(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _values(self.__class__)(self)))


def _values(record: type) -> Callable[[object], tuple[object, ...]]:
    """What gives the values of a record of class ``record``, as a tuple (made once)."""
    values = _VALUES.get(record)
    if values is None:
        names = [f.name for f in attrs.fields(record)]
        get = operator.attrgetter(*names)  # one name: the value itself, not a tuple
        values = get if len(names) > 1 else lambda value: (get(value),)
        _VALUES[record] = values
    return values


_VALUES: dict[type, Callable[[object], tuple[object, ...]]] = {}

K = TypeVar("K")
V_co = TypeVar("V_co", covariant=True)


class FrozenMap(Mapping[K, V_co]):
    """A read-only mapping that hashes and pickles, for a record's mapping fields: a record
    is immutable and hashable, and a ``dict`` is neither."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V_co] | Iterable[tuple[K, V_co]] = ()) -> None:
        self._items: dict[K, V_co] = dict(items)

    def __getitem__(self, key: K) -> V_co:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return repr(self._items)

    def __reduce__(self) -> tuple[type[FrozenMap[K, V_co]], tuple[dict[K, V_co]]]:
        return type(self), (self._items,)


def frozen_map(items: Mapping[str, Any]) -> FrozenMap[str, Any]:
    """``items`` as a `FrozenMap`: the converter of the records' mapping fields."""
    return items if type(items) is FrozenMap else FrozenMap(items)


@attrs.frozen(eq=False, repr=False)
class Source(Record):
    """A public document a fact rests on.

    Attributes:
        id: The dataset's key for the source, e.g. ``gacc-2015-52``.
        title: The document's title or a description of it.
        kind: What kind of document it is.
        urls: Where it was read (announcements are often only found as reposts).
        note: What to know about the source, e.g. that it is a repost.
        citation: How explanations name it where its title is too long to
            (``Council Decision 2009/556/EC``); empty where the title serves.
    """

    id: str
    title: str
    kind: SourceKind
    urls: tuple[str, ...]
    note: str = ""
    citation: str = ""

    @property
    def short_title(self) -> str:
        """Its ``citation``, or the title without its parenthesised description."""
        return self.citation or self.title.split(" (")[0]


@attrs.frozen(eq=False, repr=False)
class When(Record):
    """A date known to the day, month or year, or only as a range, or not at all.

    Attributes:
        earliest: The first day it can have been, or ``None`` if unbounded.
        latest: The last day it can have been, or ``None`` if unbounded.
        precision: How precisely it is known.

    ``str()`` gives ``2014-05-16``, ``2012-06``, ``2019``, ``between 2024-05-09 and
    2025-07-01`` or ``unknown``.
    """

    earliest: date | None
    latest: date | None
    precision: Precision

    @classmethod
    def exact(cls, day: date) -> When:
        """A date known to the day."""
        return cls(day, day, Precision.DAY)

    def __str__(self) -> str:
        if self.precision is Precision.DAY and self.earliest is not None:
            return self.earliest.isoformat()
        if self.precision is Precision.MONTH and self.earliest is not None:
            return self.earliest.isoformat()[:7]
        if self.precision is Precision.YEAR and self.earliest is not None:
            return str(self.earliest.year)
        if self.earliest is not None and self.latest is not None:
            return f"between {self.earliest} and {self.latest}"
        if self.latest is not None:
            return f"by {self.latest}"
        if self.earliest is not None:
            return f"on or after {self.earliest}"
        return "unknown"

    @property
    def phrase(self) -> str:
        """The date after a verb: ``on 2014-05-16``, ``in June 2012``, ``in 2019``,
        ``between …``, ``by …``, or ``on a date not found``."""
        if self.precision is Precision.UNKNOWN:
            return "on a date not found"
        if self.precision is Precision.MONTH and self.earliest is not None:
            return f"in {_MONTHS[self.earliest.month - 1]} {self.earliest.year}"
        preposition = {Precision.DAY: "on ", Precision.YEAR: "in "}
        return preposition.get(self.precision, "") + str(self)

    def known_by(self, day: date) -> bool:
        """Whether the event had certainly happened by ``day``."""
        return self.latest is not None and self.latest <= day

    def possible_by(self, day: date) -> bool:
        """Whether the event may have happened by ``day``."""
        return self.earliest is None or self.earliest <= day


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
"""English month names, whatever the program's locale (``%B`` follows it)."""


@attrs.frozen(eq=False, repr=False)
class Fact(Generic[T_co], Record):
    """A value with the sources it rests on.

    Attributes:
        value: The fact itself.
        sources: The public documents it rests on.
        confidence: How firm it is.
        inferred: Whether it is an inference (e.g. from arithmetic on published totals)
            rather than something a source states.
        note: Conflicts between sources, doubts, or context.
    """

    value: T_co
    sources: tuple[Source, ...]
    confidence: Confidence
    inferred: bool = False
    note: str = ""


@attrs.frozen(eq=False, repr=False)
class Territory(Record):
    """A country or customs territory, named as ISO 3166-1 names it.

    Attributes:
        code: ISO 3166-1 alpha-2 code, e.g. ``DE``.
        alpha_3: ISO 3166-1 alpha-3 code, e.g. ``DEU``.
        numeric: ISO 3166-1 numeric code, e.g. ``276``.
        name: English short name.
        name_zh: Chinese name (Simplified).
    """

    code: str
    alpha_3: str
    numeric: str
    name: str
    name_zh: str

    def __str__(self) -> str:
        return self.name


@attrs.frozen(eq=False, repr=False)
class TierPeriod(Record):
    """When one of China's credit tiers existed.

    Attributes:
        tier: The tier.
        since: Its first day, or ``None`` if before the data begins.
        until: Its last day, or ``None`` if still in force.
        sources: The decrees and announcements that set it.
        default: Whether it is China's AEO tier over the period, the tier
            [`check`][aeo_mra.Registry.check] assumes when none is given.
        caveats: What to know about every answer for an operator of this tier.
        aeo: Whether China's customs counts the tier's enterprises as AEOs: the default
            tier, general certified enterprises (一般认证企业, 2014-12-01 to 2021-10-31) and
            certified enterprises (认证企业, from 2026-04-01), though no arrangement is
            known to name the last two.
    """

    tier: Tier
    since: date | None
    until: date | None
    sources: tuple[Source, ...]
    default: bool = False
    caveats: tuple[Fact[str], ...] = ()
    aeo: bool = False

    def in_force(self, day: date) -> bool:
        """Whether the tier existed on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def __str__(self) -> str:
        """``from 2014-12-01 to 2021-10-31``, ``until 2014-11-30``, ``from 2026-04-01 on``."""
        if self.since is None:
            return "throughout" if self.until is None else f"until {self.until}"
        return (
            f"from {self.since} on" if self.until is None else f"from {self.since} to {self.until}"
        )


@attrs.frozen(eq=False, repr=False)
class PartnerTier(Record):
    """A tier of the partner's programme and whether China's customs recognises it.

    Attributes:
        code: Short name, e.g. ``AEOS``.
        name: The programme's own name for it.
        recognised: Whether the arrangement covers operators of this tier.
    """

    code: str
    name: str
    recognised: bool


@attrs.frozen(eq=False, repr=False)
class CodeFormat(Record):
    """How a partner's AEO code is written, as the announcement gives it.

    Attributes:
        pattern: A regular expression, matching what ``prefix`` says, e.g. ``SG[0-9]{12}``.
        prefix: Whether the pattern covers the place code (``INCLUDED``), matches only
            what follows it (``SEPARATE``), or codes carry none (``NONE``).
        example: An example code, written in full.
        description: The format in words.
        verified: Whether an announcement states the format (``False``: only a country
            prefix is assumed).
    """

    pattern: str
    prefix: CodePrefix
    example: str
    description: str
    verified: bool


@attrs.frozen(eq=False, repr=False)
class Stage(Record):
    """A step of a staged rollout: from ``start``, benefits apply as ``description`` says.

    Attributes:
        start: The first day of the stage.
        description: Where or how benefits apply in this stage.
        sources: The documents that announce it.
    """

    start: date
    description: str
    sources: tuple[Source, ...]


@attrs.frozen(eq=False, repr=False)
class Membership(Record):
    """A territory covered by an arrangement, with dated joining and leaving.

    A member (``basis`` ``None``) counts in the published totals. A place that is not a
    member but whose standing in the arrangement's customs territory the data records
    (``basis``: inside, outside or unknown, with its sources) does not: Réunion and Monaco
    are inside the EU's customs territory, Gibraltar and Greenland outside it.

    Attributes:
        territory: The territory's ISO alpha-2 code.
        since: First covered day, when it joined after the arrangement was signed.
        until: Last covered day, when it left (e.g. the United Kingdom: 2020-12-31).
        basis: For a place that is not a member: whether it is inside the customs
            territory the arrangement covers, and on what evidence.
    """

    territory: str
    since: Fact[date] | None = None
    until: Fact[date] | None = None
    basis: Fact[Coverage] | None = None

    def covers(self, day: date) -> bool:
        """Whether the territory is covered on ``day``."""
        inside = self.basis is None or self.basis.value is Coverage.INSIDE
        return inside and self.applies(day)

    def applies(self, day: date) -> bool:
        """Whether the record applies on ``day``: after joining and before leaving."""
        return (self.since is None or self.since.value <= day) and (
            self.until is None or day <= self.until.value
        )


@attrs.frozen(eq=False, repr=False)
class CountedTerritory(Record):
    """A territory China's customs counts in its running totals with no arrangement of its own.

    The United Kingdom is the case: after leaving the EU arrangement it seems still to be
    counted, although no UK–China instrument has been found. Counting gives no benefits.

    Attributes:
        territory: ISO alpha-2 code.
        since: First day counted, with the evidence (usually an inference from the totals).
        bases: The totals it is counted in.
    """

    territory: str
    since: Fact[date]
    bases: tuple[Basis, ...]


@attrs.frozen(eq=False, repr=False)
class Arrangement(Record):
    """One AEO mutual recognition arrangement of China's customs with a counterparty.

    Attributes:
        id: Stable id, e.g. ``EU`` or ``SG``.
        name: A readable name, e.g. ``China–European Union AEO mutual recognition
            arrangement``.
        partner: The counterparty's English name.
        partner_zh: The counterparty's Chinese name as China's customs writes it.
        partner_aliases: Other names of the counterparty (e.g. ``欧洲联盟``).
        partner_kind: Country, customs territory or union.
        instrument: Arrangement, government-level agreement, or pilot.
        counted: Whether China's customs counts it in its running totals.
        signed: When it was signed.
        implemented: When benefits started (a day, or a range when the record dates it
            no closer), or ``None`` if the record shows no implementation.
        stages: Staged rollout, in date order (empty if none).
        scope: Imports only, or imports and exports.
        china_tiers: The tiers of China's customs the partner recognises.
        partner_programme: The partner's AEO programme.
        partner_tiers: The tiers of the partner's programme, and whether each is recognised.
        benefits: The normalised benefits.
        benefits_wording: The announcement's own wording of the benefits.
        code_format: The partner's AEO code format, or ``None`` if unpublished.
        members: The covered territories counted in the totals (a union's member states).
        territories: Places that are not members, with their standing in the customs
            territory covered (inside, outside, unknown) and its evidence.
        caveats: What to know before relying on it.
    """

    id: str
    name: str
    partner: str
    partner_zh: str
    partner_aliases: tuple[str, ...]
    partner_kind: PartnerKind
    instrument: Instrument
    counted: bool
    signed: Fact[When]
    implemented: Fact[When] | None
    stages: tuple[Stage, ...]
    scope: Fact[Scope]
    china_tiers: Fact[tuple[Tier, ...]]
    partner_programme: Fact[str]
    partner_tiers: tuple[PartnerTier, ...]
    benefits: Fact[tuple[Benefit, ...]]
    benefits_wording: str
    code_format: Fact[CodeFormat] | None
    members: tuple[Membership, ...]
    territories: tuple[Membership, ...]
    caveats: tuple[Fact[str], ...]

    def facts(self) -> Iterator[tuple[str, Fact[object]]]:
        """Every fact of the arrangement with a label, e.g. ``("signed", …)``, in file order.

        Joining and leaving dates are labelled ``DE covered from`` and ``GB covered until``;
        caveats ``caveat``. Absent facts (no implementation, no code format) are skipped.
        """
        labelled: list[tuple[str, Fact[object] | None]] = [
            ("signed", self.signed),
            ("implemented", self.implemented),
            ("scope", self.scope),
            ("China's tiers recognised", self.china_tiers),
            ("partner programme", self.partner_programme),
            ("benefits", self.benefits),
            ("partner's code format", self.code_format),
        ]
        for member in self.members + self.territories:
            labelled += [
                (f"{member.territory} covered from", member.since),
                (f"{member.territory} covered until", member.until),
                (f"{member.territory} in the customs territory", member.basis),
            ]
        labelled += [("caveat", caveat) for caveat in self.caveats]
        return ((label, fact) for label, fact in labelled if fact is not None)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source cited by the arrangement's facts and stages, without repeats."""
        cited = [fact.sources for _, fact in self.facts()] + [s.sources for s in self.stages]
        return unique_sources(cited)

    def is_signed(self, day: date) -> bool:
        """Whether it had certainly been signed by ``day`` (implementation implies it)."""
        return self.signed.value.known_by(day) or self.is_implemented(day)

    def is_implemented(self, day: date) -> bool:
        """Whether benefits had certainly started by ``day``."""
        return self.implemented is not None and self.implemented.value.known_by(day)

    def membership(self, code: str) -> Membership:
        """The record of the place with ISO code ``code``: a member's, or a territory's.

        Raises:
            KeyError: The arrangement records nothing for the place.
        """
        for member in self.members + self.territories:
            if member.territory == code:
                return member
        raise KeyError(code)

    def covered(self, day: date) -> tuple[str, ...]:
        """The ISO codes of the members covered on ``day`` (those the totals count)."""
        return tuple(m.territory for m in self.members if m.covers(day))

    def stage(self, day: date) -> Stage | None:
        """The rollout stage in force on ``day``, if the rollout is staged."""
        current = None
        for stage in self.stages:
            if stage.start <= day:
                current = stage
        return current


@attrs.frozen(eq=False, repr=False)
class DeclarationRule(Record):
    """Where a partner's AEO code goes in a Chinese declaration over a period, and its form.

    Attributes:
        field: The declaration field.
        form: The text to type, with ``{code}`` (the code in full), ``{place}`` (its
            place code) and ``{number}`` (the enterprise number), e.g. ``AEO<{code}>``.
        since: The first day of the rule, or ``None`` from the beginning.
        until: The last day of the rule, or ``None`` if still in force.
        sources: The announcements that set it.
    """

    field: DeclarationField
    form: str
    since: date | None
    until: date | None
    sources: tuple[Source, ...]

    def in_force(self, day: date) -> bool:
        """Whether the rule applies on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@attrs.frozen(eq=False, repr=False)
class Dataset(Record):
    """A validated dataset: the arrangements, the rules they are read with, their sources.

    Attributes:
        version: The data version, e.g. ``2026.11.23``.
        reviewed: The day the data was last checked against the public record.
        sources: Every source of the file, by id, cited or not.
        arrangements: Every arrangement, in the file's order.
        tiers: When each of China's credit tiers existed, and which was the AEO tier.
        declaration_rules: Where partners' codes go in a Chinese declaration, over time.
        aliases: Extra names of places, mapped to ISO alpha-2 codes.
        counted_territories: Territories counted in the totals without an arrangement.
    """

    version: str
    reviewed: date
    sources: Mapping[str, Source]
    arrangements: tuple[Arrangement, ...]
    tiers: Mapping[Tier, TierPeriod]
    declaration_rules: tuple[DeclarationRule, ...]
    aliases: Mapping[str, str]
    counted_territories: tuple[CountedTerritory, ...]


def unique_sources(groups: Iterable[Sequence[Source]]) -> tuple[Source, ...]:
    """Every source in ``groups``, once each, in the order first cited."""
    found: dict[str, Source] = {}
    for group in groups:
        for source in group:
            found.setdefault(source.id, source)
    return tuple(found.values())
