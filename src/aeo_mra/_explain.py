"""The English sentence behind `Eligibility.explain`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._decide import recognised_tiers
from ._eligibility import Eligibility, Reason, Verdict
from .model import Arrangement, Role, Scope, Tier

if TYPE_CHECKING:
    from .world import Recognition


def explain(answer: Eligibility) -> str:
    """One sentence on why ``answer`` is what it is, with dates, source and confidence."""
    return f"{answer.verdict.description}: {why(answer)}.{tail(answer)}"


def tail(answer: Eligibility | Recognition) -> str:
    """What every explanation ends with: how many caveats the answer carries (their text
    is in ``caveats``), its confidence, and the data's review day if the day is later. An
    unknown answer's confidence is that of what is recorded, not of the unknown."""
    count = len(answer.caveats)
    told = f" {count} caveat{'s apply' if count > 1 else ' applies'} (see caveats)."
    of = " in what is recorded" if answer.verdict is Verdict.UNKNOWN else ""
    ended = f"{told if count else ''} Confidence{of}: {answer.confidence}."
    if answer.on > answer.data_reviewed:
        ended += f" Data last reviewed on {answer.data_reviewed}."
    return ended


def why(answer: Eligibility) -> str:
    """The reason of ``answer`` as a clause, e.g. ``the China–… arrangement had not been
    signed (signed in June 2012)``: the body of `explain`, and what other messages quote."""
    arrangement = answer.arrangement
    if arrangement is None:
        place = _the(answer.place.name)
        return f"on {answer.on} China's customs had no AEO arrangement covering {place}"
    return _BODIES[answer.reason](answer, arrangement, _operator(answer))


def _operator(answer: Eligibility) -> str:
    place = answer.place.name
    if isinstance(answer.tier, Tier):
        doing = "exporting to" if answer.role is Role.EXPORTER else "importing from"
        tier = answer.tier
        return f"a Chinese {tier.description} ({tier.name_zh}) {doing} {_the(place)}"
    doing = "exporting to China" if answer.role is Role.EXPORTER else "importing from China"
    return (
        f"an operator of {_the(place)} certified as {answer.tier.name} ({answer.tier.code}) {doing}"
    )


def counted(count: int, noun: str) -> str:
    """``1 fact``, ``2 facts``: a count and its noun, plural unless one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _the(name: str) -> str:
    """``the United Kingdom``, ``the Philippines``, ``the Isle of Man``, ``the Russian
    Federation``, but ``Germany``; ISO's inverted names read in order: ``the U.S. Virgin
    Islands``, ``the Democratic Republic of the Congo``."""
    head, comma, tail = name.partition(", ")
    if tail.endswith((" of", " of the")):  # "Congo, The Democratic Republic of the"
        return f"the {tail.removeprefix('The ').removeprefix('the ')} {head}"
    if comma and " " not in tail:  # "Virgin Islands, U.S."
        name = head = f"{tail} {head}"
    plural = head.split(" (")[0].endswith(  # "Falkland Islands (Malvinas)"
        (
            "Islands",
            "Republic",
            "Federation",
            "lands",
            "pines",
            "Emirates",
            "Bahamas",
            "Territories",
        )
    )
    return f"the {name}" if head.startswith(("United ", "Isle of ", "Holy See")) or plural else name


def _is(name: str) -> str:
    """The verb a place's name takes: ``the Faroe Islands are``, ``the Netherlands is``."""
    head = name.partition(", ")[0].split(" (")[0]
    return "are" if head.endswith(("Islands", "Territories")) else "is"


def _was(name: str) -> str:
    return "were" if _is(name) == "are" else "was"


def _capitalised(text: str) -> str:
    """``the United Kingdom`` → ``The United Kingdom``, at the start of a sentence."""
    return text[:1].upper() + text[1:]


def _dates(arrangement: Arrangement) -> str:
    signed = _signed(arrangement)
    return f"{signed}, {_implemented(arrangement)}" if arrangement.implemented else signed


def _signed(arrangement: Arrangement) -> str:
    """``signed on 2014-05-16``, ``signed in March 2021``, ``signed between …``, or ``signed on
    a date not found``."""
    return f"signed {arrangement.signed.value.phrase}"


def _implemented(arrangement: Arrangement) -> str:
    """``implemented on 2015-11-01 per GACC announcement 2015 No. 52``, or ``…, an
    inference``."""
    implemented = arrangement.implemented
    assert implemented is not None
    if implemented.inferred:
        return f"implemented {implemented.value.phrase}, an inference"
    return f"implemented {implemented.value.phrase} per {implemented.sources[0].short_title}"


def _covered(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    return (
        f"on {answer.on} {who} gets reciprocal AEO benefits "
        f"under the {arrangement.name} ({_dates(arrangement)})"
    )


def _not_yet_signed(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    signed, started = arrangement.signed.value, arrangement.implemented
    maybe = signed.possible_by(answer.on)
    if maybe and started is not None and not started.value.possible_by(answer.on):
        return (  # a firm no, whenever it was signed
            f"on {answer.on} the {arrangement.name} was not yet in effect (benefits start "
            f"{started.value.phrase}; {_signed(arrangement)})"
        )
    had = "may not yet have been" if maybe else "had not been"
    return f"on {answer.on} the {arrangement.name} {had} signed ({_signed(arrangement)})"


def _not_implemented(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    implemented = arrangement.implemented
    signed = f"the {arrangement.name} was {_signed(arrangement)}"
    if implemented is None:
        return (
            f"{signed} but on {answer.on} was not in effect "
            "(no implementation has been found in the public record)"
        )
    start = implemented.value
    if start.possible_by(answer.on):
        may = f"may not yet have been in effect ({_implemented(arrangement)})"
        return f"{signed} but on {answer.on} {may}"
    return f"{signed} but on {answer.on} was not in effect (benefits start {start.phrase})"


def _not_yet_joined(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    first = arrangement.membership(answer.place.code).since
    assert first is not None
    return (
        f"{_the(answer.place.name)} {_is(answer.place.name)} covered by the {arrangement.name} "
        f"({_dates(arrangement)}) only from {first.value}"
    )


def _left(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    last = arrangement.membership(answer.place.code).until
    assert last is not None
    return (
        f"{_the(answer.place.name)} {_was(answer.place.name)} last covered by the "
        f"{arrangement.name} "
        f"({_dates(arrangement)}) on {last.value}"
    )


def _tier(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    dates = _dates(arrangement)
    named = recognised_tiers(arrangement, answer.tier)
    if isinstance(answer.tier, Tier):
        return (
            f"the {arrangement.name} ({dates}) recognises only {named}, "
            f"not {answer.tier.description}s"
        )
    return (
        f"China's customs recognises only {named} under the {arrangement.name} "
        f"({dates}), not {answer.tier.code}"
    )


def _out_of_scope(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    exporting = _the(answer.place.name) if isinstance(answer.tier, Tier) else "China"
    return (  # a foreign operator's goods from China leave through China's export clearance
        f"the {arrangement.name} ({_dates(arrangement)}) facilitates only goods imported "
        f"from the other side's AEOs, so {who} gets no benefits at {exporting}'s export "
        "clearance"
    )


def _scope_unknown(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    assert arrangement.scope.value is Scope.UNKNOWN
    return (
        f"the {arrangement.name} is in effect ({_dates(arrangement)}), "
        "but the record does not show whether it covers exports, "
        f"so benefits for {who} cannot be confirmed"
    )


def _outside(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    return (
        f"{_the(answer.place.name)} {_is(answer.place.name)} outside the customs territory "
        f"the {arrangement.name} "
        f"({_dates(arrangement)}) covers"
    )


def _standing_unknown(answer: Eligibility, arrangement: Arrangement, who: str) -> str:
    return (
        f"the record does not settle whether {_the(answer.place.name)} "
        f"{_is(answer.place.name)} inside the customs "
        f"territory the {arrangement.name} ({_dates(arrangement)}) covers"
    )


_BODIES = {
    Reason.COVERED: _covered,
    Reason.NOT_YET_SIGNED: _not_yet_signed,
    Reason.SIGNED_NOT_IMPLEMENTED: _not_implemented,
    Reason.NOT_YET_COVERED: _not_yet_joined,
    Reason.NO_LONGER_COVERED: _left,
    Reason.TIER_NOT_RECOGNISED: _tier,
    Reason.ROLE_OUT_OF_SCOPE: _out_of_scope,
    Reason.SCOPE_UNKNOWN: _scope_unknown,
    Reason.OUTSIDE_TERRITORY: _outside,
    Reason.COVERAGE_UNKNOWN: _standing_unknown,
}
