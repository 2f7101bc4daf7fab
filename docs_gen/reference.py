"""The API reference page: a section per group of ``aeo_mra``'s public names."""

from __future__ import annotations

import enum
import types

import aeo_mra
from aeo_mra import Registry

# The order a reader meets the names in; a public name missing here still gets rendered,
# in the group its kind belongs to, after these.
API_ORDER = (
    "check",
    "check_many",
    "check_frame",
    "check_foreign",
    "summary",
    "arrangements",
    "arrangement",
    "resolve",
    "timeline",
    "load",
    "to_dict",
    "json_schema",
    "DATA_VERSION",
    "DATA_REVIEWED",
    "Registry",
    "Eligibility",
    "Reason",
    "Summary",
    "Event",
    "EventKind",
    "Arrangement",
    "Fact",
    "When",
    "Source",
    "Territory",
    "Membership",
    "CountedTerritory",
    "Stage",
    "PartnerTier",
    "CodeFormat",
    "TierPeriod",
    "Record",
    "Role",
    "Tier",
    "Basis",
    "Scope",
    "Confidence",
    "Precision",
    "Instrument",
    "PartnerKind",
    "Benefit",
    "SourceKind",
    "Error",
    "UnknownPlaceError",
    "DomesticPlaceError",
    "TierNotInForceError",
    "UnknownArrangementError",
    "UnknownPartnerTierError",
    "MissingDateError",
    "MissingPlaceError",
    "ColumnError",
    "DataError",
)

API_GROUPS = (
    ("Questions", "questions",
     "The functions most programs need. Each answers from the dataset bundled with the "
     "package; each is the method of the same name of the bundled [`Registry`][aeo_mra.Registry]."),
    ("Plain data", "plain",
     "Every answer and record as JSON-ready data, and the JSON Schema of each shape "
     "([JSON shapes](json.md))."),
    ("The data's version", "version", "Which data answered."),
    ("Registry", "registry",
     "A dataset and every question asked of it. [`load`][aeo_mra.load] makes one of your "
     "own file."),
    ("Answers", "answers", "What the questions return: frozen values that explain themselves."),
    ("Records", "records",
     "What the dataset is made of. Every fact is a [`Fact`][aeo_mra.Fact] with its sources and "
     "a confidence mark."),
    ("Vocabularies", "vocabularies", "The enumerations the records and answers use."),
    ("Errors", "errors",
     "Every exception derives from [`Error`][aeo_mra.Error] and from the built-in exception a "
     "caller would already catch for that kind of mistake."),
    ("Modules", "modules", "Parts of aeo_mra with a reference page of their own."),
)  # fmt: skip


ANSWER_MODULES = ("aeo_mra.results", "aeo_mra._eligibility")
"""Where the answers' classes are defined (`results` imports those of `_eligibility`)."""


def api_group(name: str) -> str:
    """Which group of the reference a public name of ``aeo_mra`` belongs to."""
    value = getattr(aeo_mra, name)
    if isinstance(value, types.ModuleType):
        return "modules"
    if isinstance(value, type):
        if issubclass(value, BaseException):
            return "errors"
        if issubclass(value, enum.Enum):
            return "answers" if value.__module__ in ANSWER_MODULES else "vocabularies"
        if value is Registry:
            return "registry"
        return "answers" if value.__module__ in ANSWER_MODULES else "records"
    if callable(value):
        return "plain" if value in (aeo_mra.to_dict, aeo_mra.json_schema) else "questions"
    return "version"


def api_reference(registry: Registry) -> str:
    """A section per group, a ``:::`` block per public name of ``aeo_mra``."""
    order = {name: index for index, name in enumerate(API_ORDER)}
    names = sorted(aeo_mra.__all__, key=lambda n: (order.get(n, len(order)), n))
    out = []
    for title, key, intro in API_GROUPS:
        members = [n for n in names if api_group(n) == key]
        if not members:
            continue
        out += [f"## {title}", intro]
        if key == "modules":  # each on its own page, reference/<name>.md
            out += [f"- [`aeo_mra.{n}`]({n}.md): {_summary_line(n)}" for n in members]
        else:
            out += [f"::: aeo_mra.{n}" for n in members]
    return "\n\n".join(out)


def _summary_line(name: str) -> str:
    doc = getattr(aeo_mra, name).__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""
