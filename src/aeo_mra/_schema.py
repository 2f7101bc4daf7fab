"""The dataset file's tables and their fields: one home for the loader and the JSON Schema.

The loader takes each table's allowed keys from here, and ``scripts/regenerate.py``
writes ``data/schema.json`` from here (a test proves the committed file is current).
Enumerations are listed from aeo_mra's own enums, so a new member is allowed everywhere
at once.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

from .model import (
    Basis,
    Benefit,
    CodePrefix,
    Confidence,
    Coverage,
    DeclarationField,
    Instrument,
    PartnerKind,
    Scope,
    SourceKind,
    Tier,
)

__all__ = ["FIELDS", "VOCABULARIES", "file_values", "json_schema", "keys", "render"]

JSON = dict[str, Any]
E = TypeVar("E", bound=enum.Enum)

SCHEMA_VERSION = 2

_DATE: JSON = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STRING: JSON = {"type": "string"}
_BOOL: JSON = {"type": "boolean"}
_CODE: JSON = {"type": "string", "pattern": "^[A-Z]{2}$"}
_SOURCES: JSON = {"type": "array", "items": _STRING, "minItems": 1}


def file_spellings(kind: type[E]) -> dict[str, E]:
    """Each member of ``kind`` by the one spelling the file writes: names for tiers,
    lower-case names for confidence, values for the rest."""
    if kind is Tier:
        return {m.name: m for m in kind}
    if kind is Confidence:
        return {m.name.lower(): m for m in kind}
    return {m.value: m for m in kind}


def file_values(kind: type[enum.Enum]) -> JSON:
    """The JSON schema of the values the file writes for ``kind``."""
    return {"enum": list(file_spellings(kind))}


def _array(items: JSON, **more: Any) -> JSON:
    return {"type": "array", "items": items, **more}


def _table(fields: Mapping[str, JSON], required: tuple[str, ...], **more: Any) -> JSON:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": dict(fields),
        **more,
    }


# The fields every fact has besides its value: where it comes from and how firm it is.
_PROVENANCE: dict[str, JSON] = {
    "sources": _SOURCES,
    "confidence": file_values(Confidence),
    "inferred": _BOOL,
    "note": _STRING,
}
_FUZZY_DATE: JSON = {"oneOf": [_DATE, {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"}]}
_WHEN: dict[str, JSON] = {"date": _FUZZY_DATE, "earliest": _DATE, "latest": _DATE}
_DATE_OR_RANGE = {
    "required": ["date"],
    "not": {"anyOf": [{"required": ["earliest"]}, {"required": ["latest"]}]},
}
_CAVEAT = _table(
    {"text": _STRING, "sources": _SOURCES, "confidence": file_values(Confidence), "note": _STRING},
    ("text", "sources"),
)


def _fact(value: JSON) -> JSON:
    return _table({"value": value, **_PROVENANCE}, ("value", "sources", "confidence"))


def _change(day_key: str) -> JSON:
    return _table(
        {"code": _CODE, day_key: _DATE, **_PROVENANCE}, ("code", day_key, "sources", "confidence")
    )


_ARRANGEMENT_REQUIRED = (
    "id", "partner", "partner_zh", "kind", "instrument", "members", "signed", "scope",
    "china_tiers", "partner_programme", "partner_tiers", "benefits",
)  # fmt: skip

FIELDS: dict[str, JSON] = {
    "meta": _table(
        {"schema": {"const": SCHEMA_VERSION}, "version": _STRING, "reviewed": _DATE},
        ("schema", "version", "reviewed"),
    ),
    "source": _table(
        {
            "title": _STRING,
            "kind": file_values(SourceKind),
            "urls": _array({"type": "string", "pattern": "^https?://"}, minItems=1),
            "note": _STRING,
            "citation": _STRING,
        },
        ("title", "kind", "urls"),
    ),
    "tier": _table(
        {
            "since": _DATE,
            "until": _DATE,
            "sources": _SOURCES,
            "default": {
                **_BOOL,
                "description": "China's AEO tier over the period: the tier check() assumes. "
                "Default-tier periods must neither overlap nor leave a gap.",
            },
            "caveats": _array(_CAVEAT),
            "aeo": {
                **_BOOL,
                "description": "Whether China's customs counts the tier's enterprises as AEOs "
                "over the period, as it always does the default tier's.",
            },
        },
        ("sources",),
    ),
    "declaration_rule": _table(
        {
            "field": file_values(DeclarationField),
            "form": {
                "type": "string",
                "description": "What to type, with {code}, {place} and {number} in braces.",
            },
            "since": _DATE,
            "until": _DATE,
            "sources": _SOURCES,
        },
        ("field", "form", "sources"),
    ),
    "arrangement": _table(
        {
            "id": {"type": "string", "pattern": "^[A-Z][A-Z0-9-]*$"},
            "name": {
                "type": "string",
                "description": "Default: China–{partner} and the instrument's words.",
            },
            "partner": _STRING,
            "partner_zh": _STRING,
            "partner_aliases": {
                **_array(_STRING),
                "description": "Other names of the counterparty; for a union, names that "
                "are answered with a hint to name a member state.",
            },
            "kind": file_values(PartnerKind),
            "instrument": file_values(Instrument),
            "counted": {
                **_BOOL,
                "default": True,
                "description": "Whether China's customs counts it in its running totals.",
            },
            "members": _array(_CODE, minItems=1, uniqueItems=True),
            "joins": _array(_change("first_day")),
            "leaves": _array(_change("last_day")),
            "territories": {
                **_array(
                    _table(
                        {
                            "code": _CODE,
                            "coverage": file_values(Coverage),
                            "first_day": _DATE,
                            "last_day": _DATE,
                            **_PROVENANCE,
                        },
                        ("code", "coverage", "sources", "confidence"),
                    )
                ),
                "description": "Places that are not members, and whether each is inside the "
                "customs territory the arrangement covers; not counted in the totals.",
            },
            "signed": _table(
                {**_WHEN, **_PROVENANCE},
                ("sources", "confidence"),
                description="Known to the day (date), month ('YYYY-MM'), year ('YYYY'), "
                "as a range (earliest/latest), or unknown (neither).",
                oneOf=[_DATE_OR_RANGE, {"not": {"required": ["date"]}}],
            ),
            "implemented": _table(
                {**_WHEN, **_PROVENANCE},
                ("sources", "confidence"),
                description="Known to the day (date), month ('YYYY-MM'), year ('YYYY'), or "
                "as a range (earliest/latest) with at least a latest day.",
                oneOf=[_DATE_OR_RANGE, {"required": ["latest"], "not": {"required": ["date"]}}],
            ),
            "stages": _array(
                _table(
                    {"start": _DATE, "description": _STRING, "sources": _SOURCES},
                    ("start", "description", "sources"),
                )
            ),
            "scope": _fact(file_values(Scope)),
            "china_tiers": _fact(_array(file_values(Tier))),
            "partner_programme": _fact(_STRING),
            "partner_tiers": _array(
                _table(
                    {"code": _STRING, "name": _STRING, "recognised": _BOOL},
                    ("code", "name", "recognised"),
                ),
                minItems=1,
            ),
            "benefits": _fact(_array(file_values(Benefit))),
            "benefits_wording": _STRING,
            "code_format": _table(
                {
                    "pattern": {"type": "string", "format": "regex"},
                    "prefix": {
                        **file_values(CodePrefix),
                        "description": "What the pattern covers: 'included' (the whole "
                        "code, place code included), 'separate' (what follows the place "
                        "code) or 'none' (codes without a place code; one-member "
                        "arrangements only, and no two such formats may share a length).",
                    },
                    "example": {"type": "string", "description": "A code written in full."},
                    "description": _STRING,
                    "verified": {**_BOOL, "default": True},
                    "sources": _SOURCES,
                    "confidence": file_values(Confidence),
                    "note": _STRING,
                },
                ("pattern", "prefix", "example", "description", "sources", "confidence"),
            ),
            "caveats": _array(_CAVEAT),
        },
        _ARRANGEMENT_REQUIRED,
    ),
    "counted_territory": _table(
        {
            "code": _CODE,
            "since": _DATE,
            "bases": _array(file_values(Basis), minItems=1),
            **_PROVENANCE,
        },
        ("code", "since", "bases", "sources", "confidence"),
    ),
}
"""Every table of the file, as JSON Schema."""

VOCABULARIES: tuple[type[enum.Enum], ...] = (
    SourceKind, Tier, DeclarationField, PartnerKind, Instrument, Scope, Benefit, CodePrefix,
    Coverage, Basis, Confidence,
)  # fmt: skip
"""The enumerations the file's values come from."""


def keys(table: str, *nested: str) -> set[str]:
    """The fields allowed in ``table`` (or in a nested table of it, e.g. ``signed``)."""
    schema = FIELDS[table]
    for name in nested:
        schema = schema["properties"][name]
        schema = schema.get("items", schema)
    return set(schema["properties"])


def json_schema() -> JSON:
    """The JSON Schema of the whole file, as ``tomllib`` reads it (dates as ISO strings)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://aeo-mra.invalid/schema/{SCHEMA_VERSION}/arrangements.json",
        "title": f"aeo_mra dataset, schema {SCHEMA_VERSION}",
        "description": "The TOML dataset of aeo_mra, as read by tomllib (TOML dates shown "
        "here as ISO 8601 strings). Source ids used under 'sources' must be keys of the "
        "top-level 'sources' table. Generated from aeo_mra/_schema.py: do not edit by hand.",
        "type": "object",
        "additionalProperties": False,
        "required": ["meta", "sources", "tiers", "declaration_rule", "arrangement"],
        "properties": {
            "meta": FIELDS["meta"],
            "sources": {"type": "object", "additionalProperties": FIELDS["source"]},
            "tiers": {
                "type": "object",
                "propertyNames": file_values(Tier),
                "additionalProperties": FIELDS["tier"],
            },
            "declaration_rule": _array(FIELDS["declaration_rule"], minItems=1),
            "aliases": {"type": "object", "additionalProperties": _CODE},
            "arrangement": _array(FIELDS["arrangement"]),
            "counted_territory": _array(FIELDS["counted_territory"]),
        },
    }


def render() -> str:
    """The JSON Schema as the committed ``data/schema.json`` holds it."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
