"""The vocabularies of the records and answers: enumerations, each member with its words.

They need no attrs class, so `import aeo_mra` builds them while the records wait for the
first question.
"""

from __future__ import annotations

import enum
import functools
from typing import TypeVar

from .errors import _quoted

__all__ = [
    "Basis",
    "Benefit",
    "CodePrefix",
    "Confidence",
    "Coverage",
    "DeclarationField",
    "Instrument",
    "PartnerKind",
    "Precision",
    "Role",
    "Scope",
    "SourceKind",
    "Tier",
    "named",
    "role",
]


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


def role(value: object) -> Role:
    """``value`` if it is a Role; else a TypeError saying what is valid."""
    if not isinstance(value, Role):
        raise TypeError(f"role must be Role.EXPORTER or Role.IMPORTER, not {_quoted(value)}")
    return value


def tier_or_none(value: object) -> Tier | None:
    """``value`` if it is a Tier or ``None``; else a TypeError saying what is valid."""
    if value is not None and not isinstance(value, Tier):
        raise TypeError(f"tier must be an aeo_mra.Tier or None, not {_quoted(value)}")
    return value


E = TypeVar("E", bound=enum.Enum)


def named(kind: type[E], text: str) -> E | None:
    """The member of ``kind`` that ``text`` names, else ``None``: by its value or name in
    any case, with spaces or hyphens for underscores (``advanced-certified``), and for a
    worded vocabulary by its words (``advanced certified enterprise``); a tier also by its
    Chinese name (``高级认证企业``)."""
    return _spellings(kind).get(_spelled(text))


def spellings(kind: type[enum.Enum]) -> list[str]:
    """The names `named` reads for ``kind``'s members, each as written once (a value, a
    name in upper and lower case, the words, a tier's Chinese name); it reads any case."""
    return list(dict.fromkeys(name for member in kind for name in _names(member)))


def _names(member: enum.Enum) -> list[str]:
    names = [str(member.value), member.name, member.name.lower()]
    if isinstance(member, _Worded):
        names.append(member.description)
    if isinstance(member, Tier):
        names.append(member.name_zh)
    return names


@functools.cache
def _spellings(kind: type[E]) -> dict[str, E]:
    spellings: dict[str, E] = {}
    for member in kind:
        for name in _names(member):
            spellings.setdefault(_spelled(name), member)
    return spellings


def _spelled(text: str) -> str:
    """The form names are compared in: ``advanced-certified`` is ``ADVANCED_CERTIFIED``."""
    return "_".join(text.replace("-", " ").split()).upper()
