"""One arrangement's answer on a day: whether it was signed, had begun between two
administrations (a plurilateral's members going live, and opening to each other), and
whether it recognises an AEO of a given tier and role.

The same rules serve bilateral and plurilateral arrangements; a common programme asks
only whether it was in force and the holder holds its common status.
"""

from __future__ import annotations

from datetime import date

from .._eligibility import Verdict
from ..model import Fact, Instrument, Role, Scope, When, unique_sources
from ._model import (
    Administration,
    Bilateral,
    CommonProgramme,
    Plurilateral,
    ProgrammeTier,
    Recogniser,
    StepKind,
    WorldReason,
    certain,
    weakest,
)

__all__ = [
    "begun", "counted", "ended_from", "implemented_by", "judge", "live_by", "operating_by",
    "signed_by", "signed_from", "weigh",
]  # fmt: skip


def signed_by(arrangement: Bilateral | Plurilateral, day: date) -> bool:
    """Whether it had certainly been signed (or implemented) by ``day``."""
    first = signed_from(arrangement)
    return first is not None and first <= day


def signed_from(arrangement: Bilateral | Plurilateral) -> date | None:
    """The first day by which it had certainly been signed (or implemented), if known."""
    dates = [arrangement.step(StepKind.SIGNED), arrangement.step(StepKind.IMPLEMENTED)]
    return min((d.value.latest for d in dates if d and d.value.latest), default=None)


def ended_from(arrangement: Bilateral | Plurilateral) -> date | None:
    """The first day by which it had certainly ended, if it has."""
    ended = arrangement.step(StepKind.ENDED)
    return None if ended is None else ended.value.latest


def implemented_by(arrangement: Bilateral | Plurilateral, day: date) -> bool:
    """Whether it had certainly been implemented, for all parties, by ``day``."""
    implemented = arrangement.step(StepKind.IMPLEMENTED)
    return implemented is not None and implemented.value.known_by(day)


def operating_by(arrangement: Plurilateral, day: date) -> bool:
    """Whether recognition had certainly begun under it by ``day`` between some two of its
    members: it had been implemented, or two members it recognises between had gone live."""
    return implemented_by(arrangement, day) or any(
        live_by(arrangement, member.administration, other, day)
        for member in arrangement.members
        for other in arrangement.counterparts(member.administration)
    )


def live_by(arrangement: Bilateral | Plurilateral, first: str, second: str, day: date) -> bool:
    """Whether it had certainly begun by ``day`` between ``first`` and ``second``: been
    implemented, or gone live for both members. Which of them opened to the other's AEOs
    later is not counted here, but in the answer for that direction."""
    starts = _starts(arrangement, first, second)
    return all(start is not None and start.value.known_by(day) for start in starts)


def begun(arrangement: Bilateral | Plurilateral, first: str, second: str, day: date) -> Verdict:
    """Whether recognition had begun between ``first`` and ``second`` by ``day``, as
    `Partner.implementation` says it."""
    starts = _starts(arrangement, first, second)
    known = [start for start in starts if start is not None]
    deciding: list[Fact[object]] = [*known]
    if len(known) == len(starts) and all(start.value.known_by(day) for start in known):
        return Verdict.YES if certain(deciding) else Verdict.PROBABLY
    deciding = [start for start in known if not start.value.possible_by(day)]
    if deciding:
        return Verdict.NO if certain(deciding) else Verdict.PROBABLY_NOT
    return Verdict.UNKNOWN


def counted(arrangement: Bilateral | Plurilateral) -> bool:
    """Whether published counts take it in: pilots are left out."""
    return not (isinstance(arrangement, Bilateral) and arrangement.instrument is Instrument.PILOT)


_Judgement = tuple[Verdict, WorldReason, list[Fact[object]]]


def judge(
    arrangement: Bilateral | Plurilateral,
    holder: Administration,
    tier: ProgrammeTier | None,
    other: str,
    day: date,
    role: Role,
    tiers: tuple[ProgrammeTier, ...],
) -> _Judgement:
    """The verdict of one arrangement and the facts that decide it. ``tiers`` are
    the holder's programme's tiers on ``day``: where the arrangement recognises only some of
    them, a holder named without a tier may or may not be recognised."""
    for kind, reason in (
        (StepKind.ENDED, WorldReason.ENDED),
        (StepKind.SUSPENDED, WorldReason.SUSPENDED),
    ):
        step = arrangement.step(kind)
        if step is not None and step.value.known_by(day):
            return Verdict.NO, reason, [step]
    if isinstance(arrangement, CommonProgramme):
        return _common(arrangement, tier, day)
    recognised = arrangement.recognised.get(holder.id)
    scope = arrangement.scope_of(other)
    status = _status(arrangement, holder.id, other, day)
    if status is not None and status[1] is WorldReason.NOT_YET_SIGNED:
        return status
    refused = refusal(arrangement, holder, tier, other, role)
    if refused is not None and (status is None or status[0] is not Verdict.NO):
        # once benefits may have begun; a firm "not yet" answers first, as check() answers it
        return Verdict.NO, refused[0], [refused[1]]
    if status is not None:
        return status
    # the named tier if it is one of the holder's programme; None for a common status
    own_tier = holder.tier(tier.code) if tier is not None else None
    facts: list[Fact[object]] = []
    begun = [*_starts(arrangement, holder.id, other), _opening(arrangement, holder.id, other)]
    facts += [start for start in begun if start is not None]
    if tier is not None and own_tier is None:  # no arrangement is known to name a common status
        return Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN, facts
    some_tiers = False  # recognises only some of the holder's tiers, and none was named
    if recognised is not None:
        facts.append(recognised)
        some_tiers = tier is None and any(t.code not in recognised.value for t in tiers)
    elif len(tiers if tier is None else holder.tiers) > 1:  # which of them, not recorded
        at_least = arrangement.recognised_at_least.get(holder.id)  # some, others perhaps too
        if at_least is None:
            return Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN, facts
        facts.append(at_least)
        if own_tier is None or own_tier.code not in at_least.value:
            return Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN, facts
    if role is Role.IMPORTER:
        if scope is None:
            return Verdict.UNKNOWN, WorldReason.SCOPE_UNKNOWN, facts
        facts.append(scope)  # one recorded as unknown answers with its sources
        if scope.value is Scope.UNKNOWN:
            return Verdict.UNKNOWN, WorldReason.SCOPE_UNKNOWN, facts
    if some_tiers:
        return Verdict.UNKNOWN, WorldReason.TIER_NEEDED, facts
    return Verdict.YES, WorldReason.RECOGNISED, facts


def refusal(
    arrangement: Bilateral | Plurilateral,
    holder: Administration,
    tier: ProgrammeTier | None,
    other: str,
    role: Role,
) -> tuple[WorldReason, Fact[object]] | None:
    """The arrangement's refusal of an AEO of ``holder`` (of ``tier``) by ``other``, and the
    fact it rests on, whenever it began: a tier of the holder's programme it leaves out
    (``TIER_NOT_RECOGNISED``, by its recognised tiers), or an importer where ``other``'s
    customs facilitates imports only (``ROLE_OUT_OF_SCOPE``, by its scope)."""
    recognised = arrangement.recognised.get(holder.id)
    own_tier = holder.tier(tier.code) if tier is not None else None
    if recognised is not None and own_tier is not None and own_tier.code not in recognised.value:
        return WorldReason.TIER_NOT_RECOGNISED, recognised
    scope = arrangement.scope_of(other)
    if role is Role.IMPORTER and scope is not None and scope.value is Scope.IMPORTS:
        return WorldReason.ROLE_OUT_OF_SCOPE, scope  # whatever the tier
    return None


def _common(programme: CommonProgramme, tier: ProgrammeTier | None, day: date) -> _Judgement:
    """A member's AEOs in another member: recognised once the programme is in force, if
    they hold its common status (any AEO, where it has none of its own)."""
    began = programme.step(StepKind.IMPLEMENTED)
    assert began is not None  # the loader requires it
    if not began.value.known_by(day):
        verdict = Verdict.UNKNOWN if began.value.possible_by(day) else Verdict.NO
        return verdict, WorldReason.NOT_YET_LIVE, [began]
    status = programme.status
    if status is None or (tier is not None and tier.code == status.code):
        return Verdict.YES, WorldReason.RECOGNISED, [began]
    verdict = Verdict.UNKNOWN if tier is None else Verdict.NO  # it may hold the status too
    return verdict, WorldReason.COMMON_STATUS_NEEDED, [began]


def _status(
    arrangement: Bilateral | Plurilateral, first: str, second: str, day: date
) -> _Judgement | None:
    """The answer when recognition of ``first``'s AEOs by ``second`` had not certainly
    begun by ``day``; ``None`` when it had."""
    opening = _opening(arrangement, first, second)
    opened = opening is None or opening.value.known_by(day)
    if opened and live_by(arrangement, first, second, day):
        return None
    signed = arrangement.step(StepKind.SIGNED)
    starts = _starts(arrangement, first, second)
    known = [start for start in starts if start is not None]
    if isinstance(arrangement, Bilateral) and arrangement.from_china and signed is not None:
        return _china_pending(signed, known, day)
    if signed is None or not signed.value.possible_by(day):
        return Verdict.NO, WorldReason.NOT_YET_SIGNED, [signed] if signed else []
    pending = (
        WorldReason.SIGNED_NOT_IMPLEMENTED
        if isinstance(arrangement, Bilateral)
        else WorldReason.NOT_YET_LIVE
    )
    if any(not start.value.possible_by(day) for start in known):  # whenever it was signed
        if signed.value.known_by(day):
            return Verdict.NO, pending, [signed, *known]
        return Verdict.NO, WorldReason.NOT_YET_SIGNED, [*known]  # on the start alone
    if not signed.value.known_by(day):
        return Verdict.UNKNOWN, WorldReason.NOT_YET_SIGNED, [signed]
    if opening is not None and not opening.value.possible_by(day):
        return Verdict.NO, WorldReason.NOT_YET_OPEN, [opening, signed, *known]
    if len(known) < len(starts):
        return Verdict.UNKNOWN, WorldReason.IMPLEMENTATION_UNKNOWN, [signed, *known]
    if opening is not None and all(start.value.known_by(day) for start in known):
        return Verdict.UNKNOWN, WorldReason.NOT_YET_OPEN, [opening, signed, *known]
    return Verdict.UNKNOWN, pending, [signed, *known]


def _starts(
    arrangement: Bilateral | Plurilateral, first: str, second: str
) -> list[Fact[When] | None]:
    """When recognition began: the implementation, or each member's going live."""
    if isinstance(arrangement, Bilateral):
        return [arrangement.began(first)]
    return [arrangement.began(first), arrangement.began(second)]


def _opening(arrangement: Bilateral | Plurilateral, holder: str, other: str) -> Fact[When] | None:
    """The day ``other`` opened to ``holder``'s AEOs, where later than recognition began."""
    return arrangement.opening(other, holder)


def _china_pending(signed: Fact[When], started: list[Fact[When]], day: date) -> _Judgement:
    """A China edge before its benefits began, judged as China's ``check()`` judges it: no
    benefits before they start, which rests on the start alone (none found is firm: China's
    data has every one announced), and before the earliest possible signing on no fact; a
    day within the bounds of both the signing and the start is unknown."""
    signed_by_then = signed.value.known_by(day)
    reason = WorldReason.SIGNED_NOT_IMPLEMENTED if signed_by_then else WorldReason.NOT_YET_SIGNED
    if not signed.value.possible_by(day):
        return Verdict.NO, reason, []
    facts: list[Fact[object]] = list(started)
    if any(start.value.possible_by(day) for start in started):
        return Verdict.UNKNOWN, reason, facts
    return Verdict.NO, reason, facts


def weigh(
    other: Administration,
    arrangement: Bilateral | Plurilateral,
    verdict: Verdict,
    reason: WorldReason,
    facts: list[Fact[object]],
) -> Recogniser:
    """A verdict softened when a deciding fact is an inference or of low confidence. Where
    the scope of ``other``'s customs is a deciding fact (an importer's answer), its note is
    a caveat."""
    scope = arrangement.scope_of(other.id)
    doubts = (scope.note,) if scope is not None and scope.note and scope in facts else ()
    if not certain(facts):
        verdict = {Verdict.YES: Verdict.PROBABLY, Verdict.NO: Verdict.PROBABLY_NOT}.get(
            verdict, verdict
        )
    return Recogniser(
        administration=other,
        verdict=verdict,
        reason=reason,
        arrangement=arrangement,
        confidence=weakest(facts),
        # and the sources of the dates explain() names
        sources=unique_sources(f.sources for f in (*facts, *(s.when for s in arrangement.steps))),
        caveats=(*(caveat.value for caveat in arrangement.caveats), *doubts),
    )
