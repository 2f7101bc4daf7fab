"""The records of the world graph: administrations, their arrangements, and the answers.

Every dated fact is a [`Fact`][aeo_mra.Fact] of a [`When`][aeo_mra.When] with its sources, as in
the China data; the arrangements of China's customs are made from the China records themselves.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from datetime import date

import attrs

from .._eligibility import Verdict
from .._explain import counted
from ..model import (
    Confidence,
    Fact,
    FrozenMap,
    Instrument,
    Membership,
    Record,
    Role,
    Scope,
    Source,
    Territory,
    When,
    frozen_map,
    unique_sources,
)

__all__ = [
    "Administration",
    "Bilateral",
    "CommonProgramme",
    "Completeness",
    "Opening",
    "Partner",
    "Plurilateral",
    "PlurilateralMember",
    "ProgrammeTier",
    "Recogniser",
    "Recognition",
    "Step",
    "StepKind",
    "WorldDataset",
    "WorldReason",
    "WorldSummary",
]


class StepKind(enum.Enum):
    """A dated step of an arrangement. Earlier steps (a joint work plan) are steps too."""

    WORK_PLAN = "work-plan"
    SIGNED = "signed"
    IMPLEMENTED = "implemented"
    SUSPENDED = "suspended"
    ENDED = "ended"


@attrs.frozen(eq=False, repr=False)
class Step(Record):
    """One dated step of an arrangement.

    Attributes:
        kind: What happened.
        when: When, with its sources and confidence.
    """

    kind: StepKind
    when: Fact[When]


@attrs.frozen(eq=False, repr=False)
class ProgrammeTier(Record):
    """A tier of an administration's AEO programme, e.g. the EU's ``AEOS``.

    Attributes:
        code: Short name, unique within the programme.
        name: The programme's own name for it.
        within: The code of the China record's coarser tier that includes it, where the
            China data names the programme's tiers more coarsely (Korea's grades all fall
            within its ``AEO``); ``None`` otherwise.
        aliases: Other names holders use for it (Hong Kong's ``T1``: ``Tier 1``).
    """

    code: str
    name: str
    within: str | None = None
    aliases: tuple[str, ...] = ()

    def named(self, text: str) -> bool:
        """Whether ``text`` is its code, its name or an alias, written in any case, with or
        without spaces and hyphens, and with or without a slash of the name's
        (``AEOC/AEOS`` or ``AEOC AEOS``); a slash of the text's must be the name's."""
        key = _tier_key(text)
        names = [_tier_key(n) for n in (self.code, self.name, *self.aliases)]
        return any(key in (name, name.replace("/", "")) for name in names)

    def described(self) -> str:
        """Its code and name, as an error lists it: ``T1 (Tier 1 HKAEO)``."""
        return f"{self.code} ({self.name})"


@attrs.frozen(eq=False, repr=False)
class Completeness(Record):
    """How complete the data's list of an administration's partners is.

    Attributes:
        complete: Whether every arrangement of the administration up to ``through`` is in
            the data.
        through: The last day the list is known complete (``None``: the data's review date).
        note: What the statement rests on, and what is missing.
        sources: The lists it was checked against.
    """

    complete: bool
    through: date | None
    note: str
    sources: tuple[Source, ...]

    def complete_on(self, day: date, reviewed: date) -> bool:
        """Whether the list is known complete on ``day``, the data having been reviewed on
        ``reviewed``: up to ``through``; and a list complete up to the review stays complete
        after it, as of the review (as every answer after the review is, with a caveat
        saying so)."""
        complete_to = self.through or reviewed
        return self.complete and (day <= complete_to or complete_to >= reviewed)


@attrs.frozen(eq=False, repr=False)
class Administration(Record):
    """A customs administration with an AEO programme.

    Attributes:
        id: An ISO 3166-1 alpha-2 code, or ``EU``.
        name: English name of the customs territory, e.g. ``Japan``.
        programme: The name of its AEO programme.
        tiers: The tiers of the programme (empty when the data does not list them).
        members: The places it covers, with dated joining and leaving (a union's member
            states), and places whose standing in its customs territory is recorded; empty
            when it covers just the place of its own code.
        coverage: How complete the data's list of its partners is.
        sources: The documents that name its programme and tiers.
        aliases: Other names a holder may give it: its programme's (``CTPAT`` for the
            United States).
    """

    id: str
    name: str
    programme: str
    tiers: tuple[ProgrammeTier, ...]
    members: tuple[Membership, ...]
    coverage: Completeness
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()

    def named(self, text: str) -> bool:
        """Whether ``text`` is its id (as written: ``NO`` is Norway, "no" a word), or its
        name or an alias in any case."""
        folded = text.casefold()
        return text == self.id or any(folded == n.casefold() for n in (self.name, *self.aliases))

    def tier(self, code: str) -> ProgrammeTier | None:
        """The programme tier with code or name ``code`` (any case, with or without its
        spaces and hyphens: ``aeos`` or ``AEO security and safety`` is the EU's ``AEOS``), if
        it has one."""
        return next((t for t in self.tiers if t.named(code)), None)


@attrs.frozen(eq=False, repr=False)
class Opening(Record):
    """The day one party began to recognise the other's AEOs, where that came later than
    the arrangement's implementation (a plurilateral's: both members going live).

    Attributes:
        recogniser: The party (a plurilateral's member) that recognises.
        holder: The party whose AEOs it recognises from then on.
        when: When, with its sources and confidence.
    """

    recogniser: str
    holder: str
    when: Fact[When]


def _opened(openings: tuple[Opening, ...], recogniser: str, holder: str) -> Fact[When] | None:
    return next(
        (o.when for o in openings if (o.recogniser, o.holder) == (recogniser, holder)), None
    )


@attrs.frozen(eq=False, repr=False)
class Bilateral(Record):
    """An AEO mutual recognition arrangement or agreement between two administrations.

    Attributes:
        id: Stable id, e.g. ``EU-JP``; China's are ``CN-`` and the China record's id.
        name: A readable name.
        parties: The two administrations' ids.
        instrument: Arrangement, agreement or pilot.
        steps: Its dated steps, in date order; an arrangement not yet signed has only its
            joint work plans, and links no one.
        scope: Which goods of the other side's AEOs each side facilitates, if known and
            the same for both (see ``scope_by``).
        recognised: For a party, the tiers of its programme the other side recognises,
            where known: a tier left out is not recognised.
        note: What to know about it.
        from_china: Whether it is made from a record of the China dataset.
        scope_by: Where the sides differ, for a party, which goods of the other side's AEOs
            its customs facilitates (one side imports only, the other imports and exports).
        openings: The day a party began to recognise the other's AEOs, where later than
            the implementation (one way round first).
        caveats: What to know before relying on an answer it decides, each with its
            sources (China's edges: the China record's caveats).
        recognised_at_least: For a party whose ``recognised`` tiers are not recorded,
            tiers of its programme the other side is known to recognise; whether it
            recognises the others is not known.
    """

    id: str
    name: str
    parties: tuple[str, str]
    instrument: Instrument
    steps: tuple[Step, ...]
    scope: Fact[Scope] | None
    recognised: Mapping[str, Fact[tuple[str, ...]]] = attrs.field(converter=frozen_map)
    note: str
    from_china: bool = False
    scope_by: Mapping[str, Fact[Scope]] = attrs.field(converter=frozen_map, factory=FrozenMap)
    openings: tuple[Opening, ...] = ()
    caveats: tuple[Fact[str], ...] = ()
    recognised_at_least: Mapping[str, Fact[tuple[str, ...]]] = attrs.field(
        converter=frozen_map, factory=FrozenMap
    )

    def step(self, kind: StepKind) -> Fact[When] | None:
        """The date of its first step of ``kind``, if it has one."""
        return self._first_steps.get(kind)

    @functools.cached_property
    def _first_steps(self) -> Mapping[StepKind, Fact[When]]:
        return {s.kind: s.when for s in reversed(self.steps)}  # the first kept

    def scope_of(self, party: str) -> Fact[Scope] | None:
        """Which goods of the other side's AEOs ``party``'s customs facilitates, if known."""
        return self.scope_by.get(party, self.scope)

    def opening(self, recogniser: str, holder: str) -> Fact[When] | None:
        """The day ``recogniser`` opened to ``holder``'s AEOs, if a later one is recorded."""
        return _opened(self.openings, recogniser, holder)

    def covers(self, first: str, second: str) -> bool:
        """Whether it recognises between ``first`` and ``second``: its two parties."""
        return {first, second} == set(self.parties)

    def began(self, party: str) -> Fact[When] | None:
        """When recognition began for ``party``: the implementation, the same for both."""
        return self.step(StepKind.IMPLEMENTED)

    def other(self, administration: str) -> str:
        """The party that is not ``administration``."""
        first, second = self.parties
        return second if administration == first else first

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source its facts cite, once each."""
        facts: list[Fact[object]] = [s.when for s in self.steps]
        facts += [f for f in (self.scope, *self.scope_by.values()) if f is not None]
        facts += [*self.recognised.values(), *self.recognised_at_least.values()]
        facts += [o.when for o in self.openings]
        return unique_sources(f.sources for f in facts)


@attrs.frozen(eq=False, repr=False)
class PlurilateralMember(Record):
    """A member of a plurilateral arrangement and the day recognition went live for it.

    Attributes:
        administration: The member administration's id.
        live: When recognition began for the member, if known; ``None`` when the
            arrangement does not go live member by member or the day is unknown.
        side: The bloc the member signed for, in an arrangement between blocs (e.g.
            ``Mercosur``); ``None`` when every member recognises every other.
    """

    administration: str
    live: Fact[When] | None
    side: str | None = None


@attrs.frozen(eq=False, repr=False)
class Plurilateral(Record):
    """An AEO mutual recognition arrangement among several administrations.

    Attributes:
        id: Stable id, e.g. ``AAMRA``.
        name: A readable name.
        members: The members, with their go-live dates.
        steps: Its dated steps (signed, implemented) for all members.
        note: What to know about it.
        recognised: For a member, the tiers of its programme the other members recognise,
            where known: a tier left out is not recognised.
        openings: Days a member began to recognise one other member's AEOs, later than
            both went live.
        caveats: What to know before relying on an answer it decides, each with its
            sources.
        recognised_at_least: For a member whose ``recognised`` tiers are not recorded,
            tiers of its programme the other members are known to recognise; whether they
            recognise the others is not known.
        scope: Which goods of the other members' AEOs each member facilitates, if known
            and the same for all (see ``scope_by``).
        scope_by: Where members differ, for a member, which goods of the other members'
            AEOs its customs facilitates.
    """

    id: str
    name: str
    members: tuple[PlurilateralMember, ...]
    steps: tuple[Step, ...]
    note: str
    recognised: Mapping[str, Fact[tuple[str, ...]]] = attrs.field(
        converter=frozen_map, factory=FrozenMap
    )
    openings: tuple[Opening, ...] = ()
    caveats: tuple[Fact[str], ...] = ()
    recognised_at_least: Mapping[str, Fact[tuple[str, ...]]] = attrs.field(
        converter=frozen_map, factory=FrozenMap
    )
    scope: Fact[Scope] | None = None
    scope_by: Mapping[str, Fact[Scope]] = attrs.field(converter=frozen_map, factory=FrozenMap)

    def step(self, kind: StepKind) -> Fact[When] | None:
        """The date of its first step of ``kind``, if it has one."""
        return self._first_steps.get(kind)

    @functools.cached_property
    def _first_steps(self) -> Mapping[StepKind, Fact[When]]:
        return {s.kind: s.when for s in reversed(self.steps)}  # the first kept

    def member(self, administration: str) -> PlurilateralMember | None:
        """The membership record of ``administration``, if it is a member."""
        return self._by_administration.get(administration)

    @functools.cached_property
    def _by_administration(self) -> Mapping[str, PlurilateralMember]:
        return {m.administration: m for m in reversed(self.members)}  # the first kept

    def covers(self, first: str, second: str) -> bool:
        """Whether it recognises between ``first`` and ``second``.

        Both must be members; in an arrangement between blocs they must also be on
        different sides, since it recognises across the blocs, not within them.
        """
        one, other = self.member(first), self.member(second)
        return (
            one is not None
            and other is not None
            and one is not other
            and (one.side is None or one.side != other.side)
        )

    def began(self, administration: str) -> Fact[When] | None:
        """When recognition began for the member ``administration``: its going live, or
        the implementation where it has no day of its own; ``None`` if unknown."""
        member = self.member(administration)
        live = member.live if member is not None else None
        return live or self.step(StepKind.IMPLEMENTED)

    def counterparts(self, administration: str) -> tuple[str, ...]:
        """The members it recognises with ``administration``, in the record's order."""
        return tuple(
            m.administration for m in self.members if self.covers(administration, m.administration)
        )

    def opening(self, recogniser: str, holder: str) -> Fact[When] | None:
        """The day ``recogniser`` opened to ``holder``'s AEOs, if a later one is recorded."""
        return _opened(self.openings, recogniser, holder)

    def scope_of(self, member: str) -> Fact[Scope] | None:
        """Which goods of the other members' AEOs ``member``'s customs facilitates, if
        known."""
        return self.scope_by.get(member, self.scope)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source its facts cite, once each."""
        facts: list[Fact[object]] = [s.when for s in self.steps]
        facts += [m.live for m in self.members if m.live]
        facts += [f for f in (self.scope, *self.scope_by.values()) if f is not None]
        facts += [*self.recognised.values(), *self.recognised_at_least.values()]
        facts += [o.when for o in self.openings]
        return unique_sources(f.sources for f in facts)


@attrs.frozen(eq=False, repr=False)
class CommonProgramme(Plurilateral):
    """A common AEO status of several administrations, valid in each of them: one
    programme, not an arrangement between programmes, and not counted as one.

    Attributes:
        status: The common status each member grants beside its own programme (the GCC's
            ``GCC-AEO``): only its holders are recognised, named as a tier of their
            administration (``KW/GCC-AEO``); ``None`` where each member's own AEO status
            is valid in the others.
    """

    status: ProgrammeTier | None = None


class Counted(enum.Enum):
    """What a published count counts, named as the `WorldSummary` count it compares with:
    ``BILATERAL_SIGNED`` (``bilateral`` in the data), ``PLURILATERAL_SIGNED``
    (``plurilateral``) or ``BILATERAL_IMPLEMENTED`` (``implemented``)."""

    BILATERAL_SIGNED = "bilateral"
    PLURILATERAL_SIGNED = "plurilateral"
    BILATERAL_IMPLEMENTED = "implemented"


@attrs.frozen(eq=False, repr=False)
class PublishedCount(Record):
    """A count of arrangements an administration, the WCO or the press published.

    Attributes:
        on: The day it counts to.
        administration: Whose arrangements it counts, or ``None`` for the world's.
        counted: What it counts.
        count: The number published.
        sources: Where it was published.
        unreached: Why the data counts otherwise on that day, where it does (what is
            missing, or why the published count is taken to be off); empty where the data
            reaches it.
    """

    on: date
    administration: str | None
    counted: Counted
    count: int
    sources: tuple[Source, ...]
    unreached: str = ""


@attrs.frozen(eq=False, repr=False)
class WorldDataset(Record):
    """The world graph's own data, before China's records are joined to it.

    Attributes:
        version: The data version.
        reviewed: The day it was last checked against the public record.
        sources: Its sources by id.
        administrations: Its administrations, by id.
        bilaterals: Its bilateral arrangements (China's come from the China data).
        plurilaterals: Its plurilateral arrangements.
        commons: Its common programmes.
        published: Counts of arrangements published over the years, which the data's
            counts are checked against.
    """

    version: str
    reviewed: date
    sources: Mapping[str, Source]
    administrations: Mapping[str, Administration]
    bilaterals: tuple[Bilateral, ...]
    plurilaterals: tuple[Plurilateral, ...]
    commons: tuple[CommonProgramme, ...] = ()
    published: tuple[PublishedCount, ...] = ()


class WorldReason(enum.Enum):
    """Why an AEO of one administration is or is not recognised by another.

    ``TIER_NEEDED`` is for a holder named without a tier where the arrangement recognises
    only some of its programme's tiers (``EU`` in Japan, which recognises AEOS and AEOF
    holders, not AEOC ones): name the tier (``EU/AEOS``) for a firm answer.
    ``COMMON_STATUS_NEEDED`` is the same for a common programme's status (``KW/GCC-AEO``).
    ``NO_LONGER_COVERED`` is ``NOT_A_PARTNER`` for a place that left a union's customs
    territory: the arrangement with the union covered it until then (China's AEOs in the
    United Kingdom after 2020-12-31), and none with its own administration is known.
    ``COVERAGE_UNKNOWN`` is also the answer for a place that no source settles the reach of
    an administration's arrangements in (Jersey, in the UK's customs union since 2021), or
    whose clearing customs the data does not record, where the holder's arrangements may
    reach it (a dependent part of another country in ISO 3166-2, in data a user loads).
    """

    RECOGNISED = "recognised"
    NOT_A_PARTNER = "not-a-partner"
    NO_LONGER_COVERED = "no-longer-covered"
    NOT_YET_SIGNED = "not-yet-signed"
    SIGNED_NOT_IMPLEMENTED = "signed-not-implemented"
    IMPLEMENTATION_UNKNOWN = "implementation-unknown"
    NOT_YET_LIVE = "not-yet-live"
    NOT_YET_OPEN = "not-yet-open"
    SUSPENDED = "suspended"
    ENDED = "ended"
    TIER_NOT_RECOGNISED = "tier-not-recognised"
    TIERS_UNKNOWN = "tiers-unknown"
    ROLE_OUT_OF_SCOPE = "role-out-of-scope"
    SCOPE_UNKNOWN = "scope-unknown"
    OUTSIDE_TERRITORY = "outside-territory"
    COVERAGE_UNKNOWN = "coverage-unknown"
    COMMON_STATUS_NEEDED = "common-status-needed"
    TIER_NEEDED = "tier-needed"


@attrs.frozen(eq=False, repr=False)
class Recogniser(Record):
    """Whether one administration recognises an AEO of another (a tier of it) on a day.

    Attributes:
        administration: The recognising administration.
        verdict: How firm the answer is; only ``YES`` is firm.
        reason: Why.
        arrangement: The arrangement (or common programme) that decides it, if any.
        confidence: The weakest confidence among the deciding facts.
        sources: The documents behind the deciding facts.
        caveats: What to know before relying on it.
    """

    administration: Administration
    verdict: Verdict
    reason: WorldReason
    arrangement: Bilateral | Plurilateral | None
    confidence: Confidence
    sources: tuple[Source, ...]
    caveats: tuple[str, ...]

    @property
    def recognised(self) -> bool:
        """Whether it recognises the holder on firm facts: ``verdict`` is ``YES``."""
        return self.verdict is Verdict.YES


@attrs.frozen(eq=False, repr=False)
class Recognition(Record):
    """Whether an AEO of an administration trading with a place on a day is recognised there.

    Attributes:
        recognised: ``True`` only on firm facts: ``verdict`` is ``YES``.
        verdict: How firm the answer is; ``PROBABLY`` where a deciding fact is inferred or
            of low confidence, ``UNKNOWN`` where the data does not say.
        reason: Why (or why not).
        holder: The AEO's administration.
        tier: The AEO's programme tier, if one was named.
        place: The place traded with.
        administration: The administration whose customs clear goods at the place on the
            day, if the data knows one.
        on: The day asked about.
        role: The AEO's side of the trade.
        arrangement: The arrangement (or common programme) that decides the answer, if any.
        shared_partners: Where no arrangement links the two (``NOT_A_PARTNER``), the names
            of administrations both sides have arrangements with on the day: recognition is
            not transitive, so these give nothing.
        caveats: What to know before relying on the answer.
        sources: The documents behind the deciding facts.
        confidence: The weakest confidence among the deciding facts.
        data_version: The version of the world data that answered.
        data_reviewed: The day that data was last checked against the public record.
    """

    recognised: bool
    verdict: Verdict
    reason: WorldReason
    holder: Administration
    tier: ProgrammeTier | None
    place: Territory
    administration: Administration | None
    on: date
    role: Role
    arrangement: Bilateral | Plurilateral | None
    shared_partners: tuple[str, ...]
    caveats: tuple[str, ...]
    sources: tuple[Source, ...]
    confidence: Confidence
    data_version: str
    data_reviewed: date

    def explain(self) -> str:
        """One English sentence: the verdict, the arrangement and its dates, or why not."""
        from ._explain import explain

        return explain(self)


@attrs.frozen(eq=False, repr=False)
class Partner(Record):
    """An administration's partner on a day, and the arrangement that makes it one.

    Attributes:
        administration: The partner.
        arrangement: The bilateral or plurilateral arrangement.
        implementation: Whether recognition had begun by the day (for a plurilateral: gone
            live for both members): ``YES`` or ``NO`` where its dates settle it
            (``PROBABLY`` or ``PROBABLY_NOT`` where the deciding date is inferred or of low
            confidence), ``UNKNOWN`` where no date was found or the day falls within a
            date's bounds. One side may open to the other's AEOs later (an `Opening`):
            `check` answers each direction.
    """

    administration: Administration
    arrangement: Bilateral | Plurilateral
    implementation: Verdict

    @property
    def implemented(self) -> bool:
        """Whether recognition had certainly begun by the day: ``implementation`` is
        ``YES``. Never on an inference alone: ``PROBABLY`` (a date inferred or of low
        confidence) is not enough, though `WorldSummary` counts it, as its dates say."""
        return self.implementation is Verdict.YES


@attrs.frozen(eq=False, repr=False)
class WorldSummary(Record):
    """Counts of arrangements on a day: the world's, or one administration's.

    Attributes:
        on: The day counted.
        administration: The administration counted, or ``None`` for the world.
        bilateral_signed: Bilateral arrangements certainly signed by the day (pilots left out).
        bilateral_implemented: Those implemented by the day by their recorded dates, some
            inferred or of low confidence (a partner's `implementation` ``YES`` or
            ``PROBABLY``).
        bilateral_implementation_unknown: Those not known to be implemented by the day nor
            known not to be: no date was found, or the day falls within a date's bounds.
        plurilateral_signed: Plurilateral arrangements signed by the day (for an
            administration: those it is a member of).
        plurilateral_implemented: Those under which recognition had begun by the day
            between two members (for an administration: between it and another member):
            implemented, or two members gone live in one that goes live member by member.
        partners: For an administration, the partners of its signed arrangements.
        complete: Whether the counts are complete on the day: the administration's list
            (for the world: every administration's) is known complete.
        union: The union whose customs territory the administration was inside on the
            day, if any (``EU`` for ``GB`` until 2020-12-31): its AEOs were the union's,
            so the union's counts and partners are the ones that applied to them.
        bilateral_planned: Bilateral arrangements whose joint work (or action) plan was
            agreed by the day, by its recorded date, that were not yet certainly signed,
            between two administrations no other arrangement made partners by then: not
            among the counts above. Plans are recorded where found; no list of them is
            known to be complete.
        planned: For an administration, the other parties of those.
    """

    on: date
    administration: str | None
    bilateral_signed: int
    bilateral_implemented: int
    bilateral_implementation_unknown: int
    plurilateral_signed: int
    plurilateral_implemented: int
    partners: tuple[str, ...]
    complete: bool
    union: str | None
    bilateral_planned: int
    planned: tuple[str, ...]

    def count(self, counted: Counted) -> int:
        """The count that a published count of ``counted`` compares with."""
        return {
            Counted.BILATERAL_SIGNED: self.bilateral_signed,
            Counted.PLURILATERAL_SIGNED: self.plurilateral_signed,
            Counted.BILATERAL_IMPLEMENTED: self.bilateral_implemented,
        }[counted]

    def __str__(self) -> str:
        who = self.administration or "world"
        partial = "" if self.complete else ", partial"
        unknown = self.bilateral_implementation_unknown
        held = f"; its AEOs were {self.union}'s then" if self.union else ""
        plans = f"; {counted(self.bilateral_planned, 'joint work plan')} not yet signed"
        return (
            f"{who}: {self.bilateral_signed} bilateral signed, {self.bilateral_implemented} "
            f"implemented{f', {unknown} not known' if unknown else ''}; "
            f"{self.plurilateral_signed} plurilateral signed, {self.plurilateral_implemented} "
            f"implemented{plans if self.bilateral_planned else ''} (as of {self.on}{partial}{held})"
        )


def weakest(facts: list[Fact[object]]) -> Confidence:
    """The lowest confidence among ``facts`` (``HIGH`` with none)."""
    return min((f.confidence for f in facts), default=Confidence.HIGH)


def certain(facts: list[Fact[object]]) -> bool:
    """Whether none of ``facts`` is inferred or of low confidence."""
    return all(not f.inferred and f.confidence > Confidence.LOW for f in facts)


def role_words(role: Role) -> str:
    """``exporting to`` or ``importing from``."""
    return "exporting to" if role is Role.EXPORTER else "importing from"


def _tier_key(code: str) -> str:
    """A tier code as names are matched: letters and digits only, any case (``GCC-AEO``,
    ``gcc aeo`` and ``GCCAEO`` are one), a plus sign read as ``plus`` (``STP+`` is
    ``STP-Plus``, not ``STP``), and a slash kept: it joins two codes (``AEOC/AEOS``, the
    EU's ``AEOF``), so ``a/a/a`` is no ``AAA`` (`ProgrammeTier.named`)."""
    return "".join(c for c in code.casefold().replace("+", "plus") if c.isalnum() or c == "/")
