"""`check`'s answer: an `Eligibility`, with its `Reason` and `Verdict`."""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import repeat

import attrs

from .model import (
    Arrangement,
    Benefit,
    Confidence,
    PartnerTier,
    Record,
    Role,
    Source,
    Territory,
    Tier,
)

__all__ = ["Eligibility", "Reason", "Verdict"]


class Reason(enum.Enum):
    """Why an operator does or does not get benefits.

    ``NOT_YET_SIGNED`` is for a day on which the arrangement is not known to have been
    signed; where its signing day is unknown or only bounded, the explanation says so (the
    verdict *no* is firm when its benefits had certainly not begun). ``NOT_YET_COVERED`` is
    for a place that joins a union after its arrangement was signed; ``NO_LONGER_COVERED``
    for one that has left (the United Kingdom after 2020-12-31).
    ``OUTSIDE_TERRITORY`` is for a place outside the customs territory an arrangement
    covers, though tied to a member (Greenland, Gibraltar); ``COVERAGE_UNKNOWN`` for one
    whose standing the record does not settle (San Marino). ``TIER_NOT_RECOGNISED`` and
    ``ROLE_OUT_OF_SCOPE`` hold whenever the arrangement began and wherever the place lies:
    they answer inside the window in which its benefits may have begun, and for a place of
    unsettled standing.
    """

    COVERED = "covered"
    NOT_A_PARTNER = "not-a-partner"
    NOT_YET_SIGNED = "not-yet-signed"
    NOT_YET_COVERED = "not-yet-covered"
    SIGNED_NOT_IMPLEMENTED = "signed-not-implemented"
    NO_LONGER_COVERED = "no-longer-covered"
    TIER_NOT_RECOGNISED = "tier-not-recognised"
    ROLE_OUT_OF_SCOPE = "role-out-of-scope"
    SCOPE_UNKNOWN = "scope-unknown"
    OUTSIDE_TERRITORY = "outside-territory"
    COVERAGE_UNKNOWN = "coverage-unknown"


class Verdict(enum.Enum):
    """How firm the answer is: a firm yes or no, a probable one, or unknown.

    ``PROBABLY`` and ``PROBABLY_NOT`` rest on a decisive fact that is inferred or of low
    confidence (when the arrangement was signed or took effect, a membership, the scope,
    the tiers recognised); ``UNKNOWN`` where the record does not say. Only ``YES``
    qualifies: an inference alone never does.
    """

    YES = "yes"
    PROBABLY = "probably"
    UNKNOWN = "unknown"
    PROBABLY_NOT = "probably-not"
    NO = "no"

    @property
    def description(self) -> str:
        """How ``explain()`` begins: ``Yes``, ``Probably yes``, ``Unknown``, ``Probably not``
        or ``No``."""
        return _VERDICT_WORDS[self]


_VERDICT_WORDS = {
    Verdict.YES: "Yes",
    Verdict.PROBABLY: "Probably yes",
    Verdict.UNKNOWN: "Unknown",
    Verdict.PROBABLY_NOT: "Probably not",
    Verdict.NO: "No",
}


@attrs.frozen(eq=False, repr=False)
class Eligibility(Record):
    """Whether an operator gets reciprocal AEO benefits trading with a place on a day.

    Attributes:
        qualifies: ``True`` when benefits apply, on firm facts: ``verdict`` is ``YES``.
        verdict: How firm the answer is; ``PROBABLY`` when benefits would apply but a
            decisive fact is an inference or of low confidence.
        reason: Why (or why not).
        place: The resolved territory.
        on: The day asked about.
        role: The operator's side of the trade.
        tier: The operator's tier: one of China's tiers, or for the reverse question a
            tier of the partner's programme.
        arrangement: The arrangement that decides the answer, if any.
        benefits: The benefits the arrangement gives (empty unless ``reason`` is
            ``COVERED``: with a ``PROBABLY`` verdict, the benefits that probably apply).
        caveats: What to know before relying on the answer.
        sources: The documents behind the facts that decide the answer, and behind the
            dates ``explain()`` names.
        confidence: The weakest confidence among the facts that decide the answer (a day
            before the earliest possible signing is certainly before it: that rests on no
            fact's confidence).
        data_version: The version of the data that answered.
        data_reviewed: The day that data was last checked against the public record.

    >>> import aeo_mra
    >>> from datetime import date
    >>> answer = aeo_mra.check("Germany", on=date(2020, 5, 1))
    >>> answer.qualifies, answer.verdict.name, answer.reason.name, answer.arrangement.id
    (True, 'YES', 'COVERED', 'EU')
    """

    qualifies: bool
    verdict: Verdict
    reason: Reason
    place: Territory
    on: date
    role: Role
    tier: Tier | PartnerTier
    arrangement: Arrangement | None
    benefits: tuple[Benefit, ...]
    caveats: tuple[str, ...]
    sources: tuple[Source, ...]
    confidence: Confidence
    data_version: str
    data_reviewed: date

    def explain(self) -> str:
        """One English sentence naming the arrangement, its dates and its announcement."""
        from ._explain import explain

        return explain(self)

    def _on_days(
        self, days: Sequence[date], caveats: Iterable[tuple[str, ...]] | None = None
    ) -> list[Eligibility]:
        """This answer for each of ``days``, with ``caveats`` (one per day) if given.

        Many copies are filled slot by slot, each slot for all of them in one pass, instead
        of through ``__init__``: millions of answers for many days are made this way, and
        they hold the same values ``__init__`` would store, so they are equal, hash, pickle
        and print alike. A pass has a cost of its own, so a few copies go through
        ``__init__``.
        """
        per_day = repeat(self.caveats) if caveats is None else caveats
        if len(days) < _FEW:
            fields = list(map(self.__getattribute__, _NAMES))
            made = []
            for fields[_ON], fields[_CAVEATS] in zip(days, per_day, strict=False):
                made.append(type(self)(*fields))
            return made
        copies = list(map(object.__new__, repeat(type(self), len(days))))
        for name, fill in _SLOTS:
            if name == "on":
                values: Iterable[object] = days
            elif name == "caveats":
                values = per_day
            else:
                values = repeat(getattr(self, name))
            deque(map(fill, copies, values), maxlen=0)
        return copies


_SLOTS: list[tuple[str, Callable[[Eligibility, object], None]]] = [
    (field.name, Eligibility.__dict__[field.name].__set__) for field in attrs.fields(Eligibility)
]
"""Each field of an `Eligibility`, and what stores it in an answer's slot."""
_NAMES = [name for name, _ in _SLOTS]
_ON, _CAVEATS = _NAMES.index("on"), _NAMES.index("caveats")
_FEW = 20
"""Fewer copies than this are made by ``__init__``, more slot by slot."""
