"""The English sentence behind `Recognition.explain`."""

from __future__ import annotations

import re

from .._explain import _the as _place_the
from .._explain import tail
from ..model import Source
from ._model import (
    Bilateral,
    CommonProgramme,
    Plurilateral,
    Recognition,
    StepKind,
    WorldReason,
    role_words,
)


def explain(answer: Recognition) -> str:
    """One sentence on why ``answer`` is what it is, with dates, sources and confidence."""
    holder = answer.holder
    who = f"an AEO of {_the(holder.name)}"
    if answer.tier is not None:
        who += f" ({holder.id}/{answer.tier.code}, {answer.tier.name})"
    doing = f"{who} {role_words(answer.role)} {_the(_place_name(answer))} on {answer.on}"
    body = f"{answer.verdict.description}: {doing} {_why(answer)}."
    if answer.shared_partners and answer.reason is WorldReason.NOT_A_PARTNER:
        other = answer.administration.name if answer.administration else "the place's customs"
        body += (
            f" Recognition is not transitive: that both have arrangements with "
            f"{_listed([_the(n) for n in answer.shared_partners])} gives AEOs of "
            f"{_the(holder.name)} nothing in {_the(other)}."
        )
    return body + _cited(answer.sources) + tail(answer)


def _complete(answer: Recognition) -> str:
    """The sides of a firm "no arrangement" whose lists of partners are complete that day."""
    sides = (answer.holder, answer.administration)
    return " and ".join(
        _the(side.name)
        for side in sides
        if side is not None and side.coverage.complete_on(answer.on, answer.data_reviewed)
    )


def _place_name(answer: Recognition) -> str:
    """The place as the sentence's other names read: an administration's own territory by the
    administration's name (``Russia``, ``Turkey``, as world.toml writes it), not ISO's
    (``Russian Federation``, ``Türkiye``); any other place by its ISO name (``Germany``)."""
    other = answer.administration
    return other.name if other is not None and other.id == answer.place.code else answer.place.name


def _the(name: str) -> str:
    """A name in a sentence: ``the European Union``, ``the United States``, ``Japan``."""
    return f"the {name}" if name.startswith("European ") else _place_the(name)


def _why(answer: Recognition) -> str:
    arrangement = answer.arrangement
    other = answer.administration
    there = _the(other.name) if other else "the place's customs"
    reason = answer.reason
    if reason in (WorldReason.NOT_A_PARTNER, WorldReason.NO_LONGER_COVERED):
        none = f"the data has no arrangement with {there}"
        if arrangement is not None:  # no longer covered by it: the place, or the holders
            place = _the(_place_name(answer))
            gone = place if _party(arrangement, answer.holder.id) else _holders(answer)
            none = (
                f"the {arrangement.name}{_dates(arrangement)} no longer covers {gone}, and {none}"
            )
        if answer.verdict.name == "NO":
            listed = f"the data lists every partner of {_complete(answer)} then"
            return f"gets no recognition: {none} ({listed})"
        lists = "the data's lists of partners are partial, so one may be missing"
        return f"is not known to be recognised: {none} ({lists})"
    if reason is WorldReason.OUTSIDE_TERRITORY:
        return f"gets no recognition: the place is outside the customs territory of {there}"
    if reason is WorldReason.COVERAGE_UNKNOWN and other is None:
        return "may or may not be recognised: the data does not record which customs clears it"
    if reason is WorldReason.COVERAGE_UNKNOWN and other is answer.holder:  # its own tie
        place = _the(_place_name(answer))
        status = f"{there}'s AEO status holds in {place}"
        return f"may or may not be recognised: no source settles whether {status}"
    if reason is WorldReason.COVERAGE_UNKNOWN:
        return f"may or may not be recognised: no source settles whether {there} covers the place"
    assert arrangement is not None
    name = arrangement.name
    if reason is WorldReason.RECOGNISED:
        return f"is recognised by {there} under the {name}{_dates(arrangement)}{_began(answer)}"
    if reason is WorldReason.TIER_NEEDED:
        holder = answer.holder.id
        tiers = _listed([f"{holder}/{t}" for t in arrangement.recognised[holder].value], "or")
        return (
            f"is not known to be recognised by {there}: the {name}{_dates(arrangement)} "
            f"recognises only holders of {tiers}, and the question names no tier"
        )
    holders = _holders(answer)
    words = {
        WorldReason.NOT_YET_SIGNED: "had not yet been signed",
        WorldReason.SIGNED_NOT_IMPLEMENTED: "was signed but not yet implemented",
        WorldReason.IMPLEMENTATION_UNKNOWN: "was signed, but no date its benefits began is known",
        WorldReason.NOT_YET_LIVE: "had not yet gone live for both",
        WorldReason.SUSPENDED: "was suspended",
        WorldReason.ENDED: "had ended",
        WorldReason.TIER_NOT_RECOGNISED: "does not recognise that tier",
        WorldReason.TIERS_UNKNOWN: "is not known to recognise that tier",
        WorldReason.ROLE_OUT_OF_SCOPE: f"facilitates only what {holders} export, not their imports",
        WorldReason.SCOPE_UNKNOWN: f"is not known to cover what {holders} import",
    }
    if answer.tier is None:  # which of the programme's tiers it recognises is not recorded
        words[WorldReason.TIERS_UNKNOWN] = (
            f"is not known to recognise every tier of the {answer.holder.programme}, and "
            "which it recognises is not recorded"
        )
    if reason is WorldReason.TIERS_UNKNOWN and not isinstance(arrangement, CommonProgramme):
        words[reason] = _known_tiers(answer, arrangement) or words[reason]
    if answer.verdict.name == "UNKNOWN":  # a date's bounds straddle the day
        words |= _MAYBE
    signed = arrangement.step(StepKind.SIGNED)
    if answer.verdict.name == "NO" and signed is not None and signed.value.possible_by(answer.on):
        words[WorldReason.NOT_YET_SIGNED] = "was not yet in effect, whenever it was signed"
    if reason is WorldReason.NOT_YET_OPEN:
        words[reason] = _not_yet_open(answer, there)
    if isinstance(arrangement, CommonProgramme):
        words |= _common(answer, arrangement)
    verdict = answer.verdict.name
    verb = _VERBS.get(verdict, "is not known to be recognised")
    weak = "on facts inferred or of low confidence, " if verdict == "PROBABLY_NOT" else ""
    return f"{verb} by {there}: {weak}the {name} {words[reason]}{_dates(arrangement)}"


_VERBS = {"NO": "is not recognised", "PROBABLY_NOT": "is probably not recognised"}


def _known_tiers(answer: Recognition, arrangement: Bilateral | Plurilateral) -> str | None:
    """Where the holder's side lists only some tiers as recognised: which, and that whether
    it recognises the tier named (or, with none named, the others) is not known."""
    at_least = arrangement.recognised_at_least.get(answer.holder.id)
    named = answer.tier
    if at_least is None or (named is not None and answer.holder.tier(named.code) is None):
        return None  # a common status named: the programme's tiers are beside the point
    known = _listed([f"{answer.holder.id}/{t}" for t in at_least.value], "and")
    others = "the programme's other tiers, and the question names no tier"
    return f"is known to recognise {known}, but not whether it recognises " + (
        others if named is None else "that tier"
    )


# What a reason says when the day falls between a step's earliest and latest dates.
_MAYBE = {
    WorldReason.NOT_YET_SIGNED: "may not yet have been signed",
    WorldReason.SIGNED_NOT_IMPLEMENTED: "was signed, but may not yet have been implemented",
    WorldReason.NOT_YET_LIVE: "may not yet have gone live for both",
}


def _party(arrangement: Bilateral | Plurilateral | CommonProgramme, ident: str) -> bool:
    """Whether the administration ``ident`` is a party (or member) of ``arrangement``."""
    if isinstance(arrangement, Bilateral):
        return ident in arrangement.parties
    return arrangement.member(ident) is not None


def _holders(answer: Recognition) -> str:
    """``AEOs of the European Union``: the holders a question is about."""
    return f"AEOs of {_the(answer.holder.name)}"


def _began(answer: Recognition) -> str:
    """``, live for Thailand on 2024-08-19 and for Indonesia on 2024-10-01``: the days a
    recognition rests on beyond the arrangement's own dates, where it has them (a
    plurilateral's going live for each of the two members; the day the recogniser opened
    to the holder's AEOs, where later)."""
    arrangement, other = answer.arrangement, answer.administration
    if arrangement is None or isinstance(arrangement, CommonProgramme) or other is None:
        return ""
    parts = []
    if isinstance(arrangement, Plurilateral):
        sides = ((answer.holder.id, answer.holder.name), (other.id, other.name))
        lives = [
            f"for {_the(name)} {member.live.value.phrase}"
            for ident, name in sides
            if (member := arrangement.member(ident)) is not None and member.live is not None
        ]
        parts += [f"live {' and '.join(lives)}"] if lives else []
    opening = arrangement.opening(other.id, answer.holder.id)
    if opening is not None:
        parts.append(f"opened by {_the(other.name)} to {_holders(answer)} {opening.value.phrase}")
    return "".join(f", {part}" for part in parts)


def _not_yet_open(answer: Recognition, there: str) -> str:
    """The recogniser opened to the holder's AEOs later than recognition began, after the day."""
    arrangement, other = answer.arrangement, answer.administration
    assert arrangement is not None
    assert other is not None
    opening = arrangement.opening(other.id, answer.holder.id)
    assert opening is not None
    holders, when = _holders(answer), opening.value.phrase
    if answer.verdict.name == "UNKNOWN":
        return f"may not yet have been opened by {there} to {holders}, which happened {when}"
    return f"was opened by {there} to {holders} only {when}"


def _common(answer: Recognition, programme: CommonProgramme) -> dict[WorldReason, str]:
    """What a common programme's reasons say: in force or not, and the status it needs."""
    maybe = answer.verdict.name == "UNKNOWN"  # the day falls within its first day's bounds
    words = {
        WorldReason.NOT_YET_LIVE: f"{'may not yet have been' if maybe else 'was not yet'} in force"
    }
    status = programme.status
    if status is not None:
        words[WorldReason.COMMON_STATUS_NEEDED] = (
            f"recognises only holders of the common status ({answer.holder.id}/{status.code}, "
            f"{status.name}), not a national AEO alone"
        )
    return words


def _listed(names: list[str], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B and C`` (or another conjunction)."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _dates(arrangement: Bilateral | Plurilateral) -> str:
    """`` (signed on …, implemented on …)``; an arrangement applied before it was signed
    (the EU–Andorra protocol, provisionally) says so."""
    parts = [
        f"{kind.value} {when.value.phrase}"
        for kind in (StepKind.SIGNED, StepKind.IMPLEMENTED, StepKind.SUSPENDED, StepKind.ENDED)
        if (when := arrangement.step(kind)) is not None
    ]
    signed, applied = arrangement.step(StepKind.SIGNED), arrangement.step(StepKind.IMPLEMENTED)
    last = applied.value.latest if applied else None
    first = signed.value.earliest if signed else None
    if last and first and last < first:
        parts.append("applied before it was signed")
    return f" ({', '.join(parts)})" if parts else ""


def _cited(sources: tuple[Source, ...]) -> str:
    """The first three sources by name, each once (a release and its translation are one):
    a title's words before its first colon, without its parentheses (``KOTRA, 2014-08-14``);
    the records carry the rest."""
    named: dict[str, str] = {}  # by the title before its parentheses: one document
    for source in sources:
        named.setdefault(source.short_title, _name(source))
    names = list(dict.fromkeys(named.values()))
    return " Sources: " + "; ".join(names[:3]) + "." if names else ""


def _name(source: Source) -> str:
    """Its citation, or its title's words before the colon, without parentheses:
    ``KOTRA (Korea Trade-Investment Promotion Agency), 2014-08-14: …`` → ``KOTRA,
    2014-08-14``."""
    return source.citation or _PARENTHESES.sub("", source.title).split(": ")[0]


_PARENTHESES = re.compile(r" \((?:[^()]|\([^()]*\))*\)")  # one level of nesting: (COM(2025) …)
