"""How an answer is decided: pure functions over the dataset's records.

The registry finds the records (indexes, caches, the clock); these functions decide what
they mean for one place, day, role and tier, and build the answer.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date

from ._eligibility import Eligibility, Reason, Verdict
from ._vocabulary import tier_or_none
from .errors import TierNotInForceError, UnknownPartnerTierError
from .model import (
    Arrangement,
    Confidence,
    CountedTerritory,
    Coverage,
    Dataset,
    Fact,
    Membership,
    PartnerTier,
    Role,
    Scope,
    Territory,
    Tier,
    TierPeriod,
    When,
    unique_sources,
)

__all__ = [
    "Situation",
    "answer",
    "chosen_tier",
    "for_days",
    "partner_tier",
    "recognised_tiers",
    "situation",
    "tier_meets",
]


Situation = tuple[Arrangement | None, Membership | None, Reason | None]
"""The arrangement that decides, the membership it decides by, and the reason if the
answer is already settled (``None``: go on deciding)."""


def situation(links: Sequence[tuple[Arrangement, Membership]], day: date) -> Situation:
    """The arrangement that decides the answer for a territory on a day.

    ``links`` are the arrangements that name the territory as a member. Returns the one
    covering it (reason ``None``), else the one it is outside of or not known to be in,
    else the one it left, else the one it has yet to join, else the one not yet signed,
    else nothing (not a partner). Whether a place is in an arrangement's territory is moot
    while its benefits cannot have started: the arrangement's state answers then.
    """
    for arrangement, member in links:
        if arrangement.is_signed(day) and member.covers(day):
            return arrangement, member, None
    for arrangement, member in links:
        if member.basis is not None and member.basis.value in _STANDING and member.applies(day):
            if member.basis.value is Coverage.UNKNOWN and not _may_have_started(arrangement, day):
                signed = arrangement.is_signed(day)
                return arrangement, member, None if signed else Reason.NOT_YET_SIGNED
            return arrangement, member, _STANDING[member.basis.value]
    for arrangement, member in links:
        if member.until is not None and member.until.value < day:
            return arrangement, member, Reason.NO_LONGER_COVERED
    for arrangement, member in links:
        if arrangement.is_signed(day) and member.since is not None:
            return arrangement, member, Reason.NOT_YET_COVERED
    if links:
        return *links[0], Reason.NOT_YET_SIGNED
    return None, None, Reason.NOT_A_PARTNER


def chosen_tier(tiers: Mapping[Tier, TierPeriod], tier: Tier | None, day: date) -> Tier:
    """``tier``, or China's AEO tier on ``day`` if ``None``.

    Raises:
        TierNotInForceError: ``tier`` did not exist on ``day``.
        TypeError: ``tier`` is not a Tier.
    """
    tier = tier_or_none(tier)
    if tier is None:
        return next(p.tier for p in tiers.values() if p.default and p.in_force(day))
    period = tiers[tier]
    if not period.in_force(day):
        valid = [t.name for t, p in tiers.items() if p.in_force(day)]
        raise TierNotInForceError(tier.name, day, valid, str(period))
    return tier


def partner_tier(arrangement: Arrangement, tier: str) -> PartnerTier:
    """The tier of the partner's programme named ``tier`` (by code or name, any case).

    Raises:
        UnknownPartnerTierError: The programme has no such tier.
    """
    wanted = tier.strip().casefold()
    for candidate in arrangement.partner_tiers:
        if wanted in (candidate.code.casefold(), candidate.name.casefold()):
            return candidate
    raise UnknownPartnerTierError(tier, arrangement.id, [t.code for t in arrangement.partner_tiers])


def answer(
    dataset: Dataset,
    counted: CountedTerritory | None,
    territory: Territory,
    day: date,
    role: Role,
    tier: Tier | PartnerTier,
    found: Situation,
    recognised: bool,
) -> Eligibility:
    """The answer for ``territory`` on ``day``, given the situation ``found`` there.

    ``counted`` is the territory's record among those counted without an arrangement, and
    ``recognised`` whether the arrangement recognises ``tier``.
    """
    arrangement, member, reason = found
    facts: list[Fact[object]]
    refused = refusal = None  # the arrangement's refusal of the operator, and if it answers
    if arrangement is not None:
        refused = _refused(arrangement, role, recognised)
        refusal = refused if refused and _refusal_answers(arrangement, reason, day) else None
    if arrangement is not None and refusal is Reason.TIER_NOT_RECOGNISED:
        reason, facts = refusal, [arrangement.china_tiers]
        if isinstance(tier, Tier):  # a tier whose recognition is a known unknown
            facts += dataset.tiers[tier].caveats
    elif arrangement is not None and refusal is Reason.ROLE_OUT_OF_SCOPE:
        reason, facts = refusal, [arrangement.scope]  # whatever the day and the place
    elif arrangement is None or member is None:
        facts = []
    elif reason in _STANDING.values():
        facts = [member.basis] if member.basis else []
    elif reason is Reason.NO_LONGER_COVERED:
        facts = [member.until] if member.until else []
    elif reason is Reason.NOT_YET_COVERED:
        facts = [member.since] if member.since else []
    elif reason is Reason.NOT_YET_SIGNED or not arrangement.is_implemented(day):
        # No benefits before they start: that rests on the implementation alone (none found
        # is firm), and before the earliest possible signing day on no fact at all.
        earliest = arrangement.signed.value.earliest
        before_signing = earliest is not None and day < earliest
        started = arrangement.implemented
        facts = [started] if started and not before_signing else []
        reason = reason or Reason.SIGNED_NOT_IMPLEMENTED
    else:
        assert arrangement.implemented is not None
        facts = [arrangement.implemented, arrangement.china_tiers]
        facts += [f for f in (member.since, member.until, member.basis) if f]
        reason = Reason.COVERED
        if role is Role.IMPORTER:
            facts.append(arrangement.scope)
            if arrangement.scope.value is Scope.UNKNOWN:
                reason = Reason.SCOPE_UNKNOWN
    assert reason is not None
    verdict = _verdict(reason, facts, arrangement, day)
    cited = list(facts)  # and the dates explain() names, for their sources
    later: tuple[str, ...] = ()  # a "not yet" that a refusal will outlast
    if arrangement is not None:
        cited += [f for f in (arrangement.signed, arrangement.implemented) if f]
        if (
            refused is not None
            and reason in _NOT_IN_EFFECT
            and _outlasts(dataset, arrangement, tier, refused)
        ):
            fact = arrangement.china_tiers if refused is Reason.TIER_NOT_RECOGNISED else None
            cited.append(fact or arrangement.scope)
            later = (_refused_later(refused, arrangement, tier),)
    return Eligibility(
        qualifies=verdict is Verdict.YES,
        verdict=verdict,
        reason=reason,
        place=territory,
        on=day,
        role=role,
        tier=tier,
        arrangement=arrangement,
        benefits=arrangement.benefits.value if reason is Reason.COVERED and arrangement else (),
        caveats=(
            *_caveats(dataset, counted, day, tier, arrangement, member, reason, facts),
            *later,
        ),
        sources=unique_sources(fact.sources for fact in cited),
        confidence=min((f.confidence for f in facts), default=Confidence.HIGH),
        data_version=dataset.version,
        data_reviewed=dataset.reviewed,
    )


def _verdict(
    reason: Reason, facts: list[Fact[object]], arrangement: Arrangement | None, day: date
) -> Verdict:
    """How firm an answer for ``reason`` is, given the facts that decide it.

    A decisive fact that is inferred or of low confidence makes a yes or a no probable;
    a day inside the window in which benefits may have started is unknown.
    """
    weak = any(f.inferred or f.confidence is Confidence.LOW for f in facts)
    if reason is Reason.COVERED:
        return Verdict.PROBABLY if weak else Verdict.YES
    if reason in (Reason.SCOPE_UNKNOWN, Reason.COVERAGE_UNKNOWN):
        return Verdict.UNKNOWN
    if reason in _NOT_IN_EFFECT and arrangement is not None and _may_have_started(arrangement, day):
        return Verdict.UNKNOWN
    return Verdict.PROBABLY_NOT if weak else Verdict.NO


def _refused(arrangement: Arrangement, role: Role, recognised: bool) -> Reason | None:
    """The arrangement's refusal of the operator, whenever it began and wherever the place
    lies: a tier it does not recognise, or an importer where it facilitates imports only."""
    if not recognised:
        return Reason.TIER_NOT_RECOGNISED
    if role is Role.IMPORTER and arrangement.scope.value is Scope.IMPORTS:
        return Reason.ROLE_OUT_OF_SCOPE
    return None


def _refusal_answers(arrangement: Arrangement, reason: Reason | None, day: date) -> bool:
    """Whether a refusal decides the answer, given the ``reason`` the situation settled.

    It answers for a covered place once benefits may have begun, and for a place whose
    standing is unknown; a firm "not yet", or a place known to be outside the territory
    (or not covered that day), answers first.
    """
    if reason is Reason.COVERAGE_UNKNOWN:
        return True
    if reason is None and arrangement.is_implemented(day):
        return True
    in_window = reason is None or reason is Reason.NOT_YET_SIGNED
    return in_window and _may_have_started(arrangement, day)


def _outlasts(
    dataset: Dataset, arrangement: Arrangement, tier: Tier | PartnerTier, refused: Reason
) -> bool:
    """Whether a refusal of ``tier`` tells the operator something about later: not where
    the tier ends first, as China's AA class did before the EU arrangement began."""
    if refused is Reason.ROLE_OUT_OF_SCOPE or not isinstance(tier, Tier):
        return True
    return tier_meets(dataset.tiers[tier], arrangement.implemented)


def tier_meets(period: TierPeriod, started: Fact[When] | None) -> bool:
    """Whether a tier of ``period`` may still exist when benefits begin (``started``)."""
    return period.until is None or started is None or started.value.possible_by(period.until)


def _refused_later(refused: Reason, arrangement: Arrangement, tier: Tier | PartnerTier) -> str:
    """The caveat of a "not yet" for an operator the arrangement refuses anyway: it will
    not help once in effect either."""
    if refused is Reason.ROLE_OUT_OF_SCOPE:
        return (
            "Once in effect it will not help an importer either: it facilitates only goods "
            "imported from the other side's AEOs."
        )
    named = recognised_tiers(arrangement, tier)
    if isinstance(tier, Tier):
        return (
            f"Once in effect it will not help {tier.description}s either: it recognises "
            f"only {named}."
        )
    return (
        f"Once in effect it will not recognise {tier.code} either: China's customs recognises "
        f"only {named} under it."
    )


def recognised_tiers(arrangement: Arrangement, tier: Tier | PartnerTier) -> str:
    """The tiers the arrangement recognises, of China's for a ``Tier`` (``advanced certified
    enterprises``), else of the partner's programme (``AEOS and AEOF``)."""
    if isinstance(tier, Tier):
        return " and ".join(f"{t.description}s" for t in arrangement.china_tiers.value)
    return " and ".join(t.code for t in arrangement.partner_tiers if t.recognised)


_NOT_IN_EFFECT = frozenset({Reason.NOT_YET_SIGNED, Reason.SIGNED_NOT_IMPLEMENTED})
_STANDING = {Coverage.OUTSIDE: Reason.OUTSIDE_TERRITORY, Coverage.UNKNOWN: Reason.COVERAGE_UNKNOWN}


def _may_have_started(arrangement: Arrangement, day: date) -> bool:
    """Whether the arrangement's benefits may have started by ``day``: its signing and
    implementation may both have happened by then."""
    started = arrangement.implemented
    return (
        started is not None
        and started.value.possible_by(day)
        and arrangement.signed.value.possible_by(day)
    )


def _caveats(
    dataset: Dataset,
    counted: CountedTerritory | None,
    day: date,
    tier: Tier | PartnerTier,
    arrangement: Arrangement | None,
    member: Membership | None,
    reason: Reason,
    facts: list[Fact[object]],
) -> tuple[str, ...]:
    caveats: list[str] = []
    qualifies = reason is Reason.COVERED  # or probably so: the caveats of being covered
    if reason is Reason.NO_LONGER_COVERED and member and member.until and member.until.note:
        caveats.append(member.until.note)  # the arrangement's own caveats no longer apply
    elif reason in _STANDING.values() and member and member.basis and member.basis.note:
        caveats.append(member.basis.note)  # nor do they to a place outside it
    elif arrangement is not None:
        stage = arrangement.stage(day)
        if qualifies and stage is not None and stage is not arrangement.stages[-1]:
            caveats.append(f"Benefits apply {stage.description}.")
        if qualifies and not arrangement.benefits.value:
            caveats.append("The benefits the announcement names are not recorded in the data.")
        caveats += [c.value for c in arrangement.caveats]
        if arrangement.scope.note and arrangement.scope in facts:  # an importer's answer
            caveats.append(arrangement.scope.note)  # rests on the scope, and on its doubts
        if member and member.basis and member.basis.note:
            caveats.append(member.basis.note)
    if counted is not None and counted.since.value <= day and counted.since.note:
        caveats.append(counted.since.note)
    if isinstance(tier, Tier):
        caveats += [c.value for c in dataset.tiers[tier].caveats]
    if day > dataset.reviewed:
        caveats.append(unreviewed(dataset.reviewed, day))
    return tuple(caveats)


@functools.lru_cache(maxsize=1024)  # a bulk check's rows share a few hundred such days
def unreviewed(reviewed: date, day: date) -> str:
    """The caveat of an answer for ``day``, after the data's review on ``reviewed``."""
    return (
        f"The data was last reviewed on {reviewed}; this answer for {day} "
        "does not reflect later changes."
    )


def for_days(dataset: Dataset, answer: Eligibility, days: Sequence[date]) -> list[Eligibility]:
    """``answer`` for each of ``days``, days between the same two change days as its own."""
    if answer.on > dataset.reviewed:  # after the review, the last caveat names the day
        kept = answer.caveats[:-1]
        return answer._on_days(days, [(*kept, unreviewed(dataset.reviewed, day)) for day in days])
    return answer._on_days(days)
