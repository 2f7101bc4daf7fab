"""The records aeo_mra reads from its dataset: frozen, slotted attrs classes and enums.

Every fact carries its sources and a confidence mark, so any answer built from facts
can say where it comes from and how firm it is.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Generic, TypeVar

import attrs

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


class _Worded:
    """A mixin giving each member of a vocabulary its English text, kept beside the enum."""

    @property
    def description(self) -> str:
        """The member in English words, e.g. ``imports only``."""
        return _WORDS[self]


_WORDS: dict[object, str] = {}


class Role(enum.Enum):
    """The operator's side of the trade.

    ``EXPORTER`` ships goods to the partner and is helped at the partner's import
    clearance; ``IMPORTER`` receives goods from the partner and is helped at the
    partner's export clearance, which only arrangements covering exports do.
    """

    EXPORTER = "exporter"
    IMPORTER = "importer"

    __hash__ = object.__hash__  # by identity, in C: Enum's hash runs in Python code


class Tier(_Worded, enum.Enum):
    """A credit tier of China's customs. Which tiers exist depends on the date.

    The AEO tier is ``AA`` before 2014-12-01 and ``ADVANCED_CERTIFIED`` since.
    """

    AA = "AA"
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    ADVANCED_CERTIFIED = "ADVANCED_CERTIFIED"
    GENERAL_CERTIFIED = "GENERAL_CERTIFIED"
    GENERAL_CREDIT = "GENERAL_CREDIT"
    DISCREDITED = "DISCREDITED"
    CERTIFIED = "CERTIFIED"
    REGULAR = "REGULAR"
    SERIOUSLY_DISCREDITED = "SERIOUSLY_DISCREDITED"

    __hash__ = object.__hash__  # by identity, in C: Enum's hash runs in Python code

    @property
    def name_zh(self) -> str:
        """The tier's Chinese name, e.g. ``高级认证企业``."""
        return _TIER_TEXT[self][1]


_TIER_TEXT = {
    Tier.AA: ("AA class enterprise", "AA类企业"),
    Tier.A: ("A class enterprise", "A类企业"),
    Tier.B: ("B class enterprise", "B类企业"),
    Tier.C: ("C class enterprise", "C类企业"),
    Tier.D: ("D class enterprise", "D类企业"),
    Tier.ADVANCED_CERTIFIED: ("advanced certified enterprise", "高级认证企业"),
    Tier.GENERAL_CERTIFIED: ("general certified enterprise", "一般认证企业"),
    Tier.GENERAL_CREDIT: ("general credit enterprise", "一般信用企业"),
    Tier.DISCREDITED: ("discredited enterprise", "失信企业"),
    Tier.CERTIFIED: ("certified enterprise", "认证企业"),
    Tier.REGULAR: ("regular enterprise", "常规企业"),
    Tier.SERIOUSLY_DISCREDITED: ("seriously discredited enterprise", "严重失信企业"),
}
_WORDS.update({tier: text[0] for tier, text in _TIER_TEXT.items()})


class Basis(_Worded, enum.Enum):
    """Which arrangements count: those signed by a date, or those implemented by it."""

    SIGNED = "signed"
    IMPLEMENTED = "implemented"


_WORDS.update(
    {
        Basis.SIGNED: "signed",
        Basis.IMPLEMENTED: "implemented",
    }
)


class Scope(_Worded, enum.Enum):
    """Which goods of the other side's AEOs each customs facilitates."""

    IMPORTS = "imports"
    IMPORTS_AND_EXPORTS = "imports-and-exports"
    UNKNOWN = "unknown"


_WORDS.update(
    {
        Scope.IMPORTS: "imports only",
        Scope.IMPORTS_AND_EXPORTS: "imports and exports",
        Scope.UNKNOWN: "unknown",
    }
)


class Confidence(enum.IntEnum):
    """How firm a fact is. Comparable: ``LOW < MEDIUM < HIGH``.

    ``HIGH``: the announcement, official or state media, or two independent copies agree.
    ``MEDIUM``: one credible copy. ``LOW``: weak, or inferred.
    """

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    def __str__(self) -> str:
        return self.name.lower()


class Precision(_Worded, enum.Enum):
    """How precisely a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


_WORDS.update(
    {
        Precision.DAY: "known to the day",
        Precision.MONTH: "known to the month",
        Precision.YEAR: "known to the year",
        Precision.RANGE: "known as a range of days",
        Precision.UNKNOWN: "unknown",
    }
)


class Instrument(_Worded, enum.Enum):
    """The kind of instrument an arrangement is."""

    ARRANGEMENT = "arrangement"
    AGREEMENT = "agreement"
    PILOT = "pilot"


_WORDS.update(
    {
        Instrument.ARRANGEMENT: "AEO mutual recognition arrangement",
        Instrument.AGREEMENT: "AEO mutual recognition agreement",
        Instrument.PILOT: "AEO pilot",
    }
)


class PartnerKind(_Worded, enum.Enum):
    """What the counterparty of an arrangement is."""

    COUNTRY = "country"
    CUSTOMS_TERRITORY = "customs-territory"
    UNION = "union"


_WORDS.update(
    {
        PartnerKind.COUNTRY: "country",
        PartnerKind.CUSTOMS_TERRITORY: "customs territory",
        PartnerKind.UNION: "union",
    }
)


class Benefit(_Worded, enum.Enum):
    """The controlled vocabulary of benefits the announcements name."""

    FEWER_DOCUMENT_CHECKS = "fewer-document-checks"
    LOWER_INSPECTION_RATE = "lower-inspection-rate"
    PRIORITY_INSPECTION = "priority-inspection"
    CUSTOMS_LIAISON = "customs-liaison"
    ENTERPRISE_COORDINATOR = "enterprise-coordinator"
    PRIORITY_AFTER_DISRUPTION = "priority-after-disruption"
    PRIORITY_RELEASE = "priority-release"
    RISK_ASSESSMENT = "risk-assessment"
    SECURE_PARTNER = "secure-partner"


_WORDS.update(
    {
        Benefit.FEWER_DOCUMENT_CHECKS: "fewer document checks",
        Benefit.LOWER_INSPECTION_RATE: "lower inspection rate",
        Benefit.PRIORITY_INSPECTION: "priority inspection of goods selected for examination",
        Benefit.CUSTOMS_LIAISON: "a designated customs liaison",
        Benefit.ENTERPRISE_COORDINATOR: "an enterprise coordinator (企业协调员)",
        Benefit.PRIORITY_AFTER_DISRUPTION: "priority clearance after trade disruption",
        Benefit.PRIORITY_RELEASE: "priority or fast release",
        Benefit.RISK_ASSESSMENT: "AEO status taken into account in risk assessment",
        Benefit.SECURE_PARTNER: "recognition as a secure business partner",
    }
)


class CodePrefix(_Worded, enum.Enum):
    """What a code format's pattern covers: the place code with the number, or not."""

    INCLUDED = "included"
    SEPARATE = "separate"
    NONE = "none"


_WORDS.update(
    {
        CodePrefix.INCLUDED: "the pattern matches the whole code, place code included",
        CodePrefix.SEPARATE: "the pattern matches what follows the two-letter place code",
        CodePrefix.NONE: "codes carry no place code: the pattern matches the whole code",
    }
)


class Coverage(_Worded, enum.Enum):
    """Whether a place is inside the customs territory an arrangement covers."""

    INSIDE = "inside"
    OUTSIDE = "outside"
    UNKNOWN = "unknown"


_WORDS.update(
    {
        Coverage.INSIDE: "inside the customs territory covered",
        Coverage.OUTSIDE: "outside the customs territory covered",
        Coverage.UNKNOWN: "not known to be inside or outside the customs territory covered",
    }
)


class DeclarationField(_Worded, enum.Enum):
    """Where a partner's AEO code goes in a Chinese customs declaration."""

    REMARKS = "remarks"
    OVERSEAS_CONSIGNOR_CONSIGNEE_CODE = "overseas-consignor-consignee-code"

    @property
    def name_zh(self) -> str:
        """The field's Chinese name, e.g. ``备注栏``."""
        return _FIELD_ZH[self]


_WORDS.update(
    {
        DeclarationField.REMARKS: "the remarks column (备注栏)",
        DeclarationField.OVERSEAS_CONSIGNOR_CONSIGNEE_CODE: (
            "the overseas consignor/consignee code field (境外收发货人编码) and the manifest's "
            "consignor/consignee AEO code fields"
        ),
    }
)
_FIELD_ZH = {
    DeclarationField.REMARKS: "备注栏",
    DeclarationField.OVERSEAS_CONSIGNOR_CONSIGNEE_CODE: "境外收发货人编码",
}


class SourceKind(_Worded, enum.Enum):
    """What kind of document a source is, from strongest to weakest."""

    ANNOUNCEMENT = "announcement"
    LEGAL_TEXT = "legal-text"
    OFFICIAL = "official"
    PARTNER_CUSTOMS = "partner-customs"
    STATE_MEDIA = "state-media"
    MEDIA = "media"
    REPOST = "repost"
    AGGREGATOR = "aggregator"


_WORDS.update(
    {
        SourceKind.ANNOUNCEMENT: "announcement of China's customs",
        SourceKind.LEGAL_TEXT: "legal text",
        SourceKind.OFFICIAL: "official publication",
        SourceKind.PARTNER_CUSTOMS: "partner customs' publication",
        SourceKind.STATE_MEDIA: "state media",
        SourceKind.MEDIA: "media report",
        SourceKind.REPOST: "repost of a document",
        SourceKind.AGGREGATOR: "aggregator page",
    }
)


@attrs.frozen
class Source:
    """A public document a fact rests on.

    Attributes:
        id: The dataset's key for the source, e.g. ``gacc-2015-52``.
        title: The document's title or a description of it.
        kind: What kind of document it is.
        urls: Where it was read (announcements are often only found as reposts).
        note: What to know about the source, e.g. that it is a repost.
    """

    id: str
    title: str
    kind: SourceKind
    urls: tuple[str, ...]
    note: str = ""

    @property
    def short_title(self) -> str:
        """The title without its parenthesised description."""
        return self.title.split(" (")[0]


@attrs.frozen
class When:
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
            return f"after {self.earliest}"
        return "unknown"

    @property
    def phrase(self) -> str:
        """The date after a verb: ``on 2014-05-16``, ``in 2012-06``, ``between …``, ``by …``."""
        preposition = {Precision.DAY: "on ", Precision.MONTH: "in ", Precision.YEAR: "in "}
        return preposition.get(self.precision, "") + str(self)

    def known_by(self, day: date) -> bool:
        """Whether the event had certainly happened by ``day``."""
        return self.latest is not None and self.latest <= day

    def possible_by(self, day: date) -> bool:
        """Whether the event may have happened by ``day``."""
        return self.earliest is None or self.earliest <= day


@attrs.frozen
class Fact(Generic[T_co]):
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


@attrs.frozen
class Territory:
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


@attrs.frozen
class TierPeriod:
    """When one of China's credit tiers existed.

    Attributes:
        tier: The tier.
        since: Its first day, or ``None`` if before the data begins.
        until: Its last day, or ``None`` if still in force.
        sources: The decrees and announcements that set it.
        default: Whether it is China's AEO tier over the period, the tier
            [`check`][aeo_mra.Registry.check] assumes when none is given.
        caveats: What to know about every answer for an operator of this tier.
    """

    tier: Tier
    since: date | None
    until: date | None
    sources: tuple[Source, ...]
    default: bool = False
    caveats: tuple[Fact[str], ...] = ()

    def in_force(self, day: date) -> bool:
        """Whether the tier existed on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def __str__(self) -> str:
        since = self.since.isoformat() if self.since else "…"
        until = self.until.isoformat() if self.until else "today"
        return f"from {since} to {until}"


@attrs.frozen
class PartnerTier:
    """A tier of the partner's programme and whether China's customs recognises it.

    Attributes:
        code: Short name, e.g. ``AEOS``.
        name: The programme's own name for it.
        recognised: Whether the arrangement covers operators of this tier.
    """

    code: str
    name: str
    recognised: bool


@attrs.frozen
class CodeFormat:
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


@attrs.frozen
class Stage:
    """A step of a staged rollout: from ``start``, benefits apply as ``description`` says.

    Attributes:
        start: The first day of the stage.
        description: Where or how benefits apply in this stage.
        sources: The documents that announce it.
    """

    start: date
    description: str
    sources: tuple[Source, ...]


@attrs.frozen
class Membership:
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


@attrs.frozen
class CountedTerritory:
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


@attrs.frozen
class Arrangement:
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


@attrs.frozen
class DeclarationRule:
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


@attrs.frozen
class Dataset:
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
