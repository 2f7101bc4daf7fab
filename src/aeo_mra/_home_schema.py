"""The measures file's tables and their fields: one home for its loader and its JSON Schema.

As ``_schema`` does for the arrangements: the loader takes each table's allowed keys from
here, and ``scripts/regenerate.py`` writes ``data/measures.schema.json`` from here.
"""

from __future__ import annotations

from typing import Any

from ._schema import FIELDS as _ARRANGEMENT_FIELDS
from ._schema import file_values
from .model import Confidence, Tier

__all__ = [
    "FIELDS",
    "INSTRUMENT_KINDS",
    "QUALIFIERS",
    "SCHEMA_VERSION",
    "json_schema",
    "keys",
    "render",
]

JSON = dict[str, Any]

SCHEMA_VERSION = 1

INSTRUMENT_KINDS = ("decree", "announcement", "memorandum", "list", "catalogue")
"""What an instrument is: a decree, an announcement, a memorandum of departments, a list of
added measures, or a customs district's catalogue."""

QUALIFIERS = ("exact", "about", "more-than")
"""How a published count is worded: exactly, about, or more than the number."""

_DATE: JSON = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STRING: JSON = {"type": "string"}
_ID: JSON = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
_SOURCES: JSON = {"type": "array", "items": _STRING, "minItems": 1}
_TIERS: JSON = {"type": "array", "items": file_values(Tier), "minItems": 1, "uniqueItems": True}
_PROVENANCE: dict[str, JSON] = {
    "sources": _SOURCES,
    "confidence": file_values(Confidence),
    "inferred": {"type": "boolean"},
    "note": _STRING,
}
_REQUIRED = ("sources", "confidence")
_DAY = {
    "oneOf": [
        _DATE,
        {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"},
        {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {"earliest": _DATE, "latest": _DATE},
        },
    ]
}


def _table(fields: dict[str, JSON], required: tuple[str, ...], **more: Any) -> JSON:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": fields,
        **more,
    }


FIELDS: dict[str, JSON] = {
    "meta": _table(
        {"schema": {"const": SCHEMA_VERSION}, "version": _STRING, "reviewed": _DATE},
        ("schema", "version", "reviewed"),
    ),
    "source": _ARRANGEMENT_FIELDS["source"],
    "district": _table(
        {
            "name": _STRING,
            "name_zh": _STRING,
            "region": _STRING,
            "region_zh": _STRING,
            "sources": _SOURCES,
        },
        ("name", "name_zh", "region", "region_zh", "sources"),
    ),
    "instrument": _table(
        {
            "id": _ID,
            "kind": {"enum": list(INSTRUMENT_KINDS)},
            "title": _STRING,
            "title_zh": {**_STRING, "description": "Left out when the Chinese title is not found."},
            "issuer": _STRING,
            "districts": {
                "type": "array",
                "items": _STRING,
                "uniqueItems": True,
                "description": "Keys of 'districts': a catalogue applies in these only.",
            },
            "since": {
                **_DAY,
                "description": "First day in force: a date, 'YYYY-MM', 'YYYY' or a range; "
                "left out when unknown.",
            },
            "until": {
                **_DAY,
                "description": "Last day in force, as for since; left out when no end is found.",
            },
            "list": {
                "type": "array",
                "items": _table(
                    {
                        "name": _STRING,
                        "tiers": {**_TIERS, "description": "Every tier that gets the list."},
                        "items": {
                            "type": "integer",
                            "minimum": 0,
                            "description": "The number of items as the text numbers them; "
                            "left out when unknown.",
                        },
                        "complete": {
                            "type": "boolean",
                            "description": "Whether every item is a [[measure]] of the file.",
                        },
                        **_PROVENANCE,
                    },
                    ("name", "tiers", "complete", *_REQUIRED),
                ),
            },
            **_PROVENANCE,
        },
        ("id", "kind", "title", "issuer", *_REQUIRED),
    ),
    "measure": _table(
        {
            "id": _ID,
            "instrument": _STRING,
            "list": {**_STRING, "description": "The name of one of the instrument's lists."},
            "article": {**_STRING, "description": "Article and item; left out when unknown."},
            "concept": {**_STRING, "description": "A key of 'concepts'."},
            "text_zh": _STRING,
            "text_en": _STRING,
            **_PROVENANCE,
        },
        ("id", "instrument", "list", "concept", "text_zh", "text_en", *_REQUIRED),
    ),
    "aeo_count": _table(
        {
            "as_of": {**_DATE, "description": "The day the count is of."},
            "published": {**_DATE, "description": "The day it was published, when the source "
                          "gives no day it is of ('at present')."},
            "scope": {**_STRING, "description": "'national', or the region or district counted."},
            "scope_zh": _STRING,
            "tiers": {**_TIERS, "description": "The tiers counted; left out when not stated."},
            "count": {"type": "integer", "minimum": 0},
            "qualifier": {"enum": list(QUALIFIERS)},
            "share": _STRING,
            **_PROVENANCE,
        },
        ("scope", "count", "qualifier", *_REQUIRED),
        oneOf=[{"required": ["as_of"]}, {"required": ["published"]}],
    ),
}  # fmt: skip
"""Every table of the measures file, as JSON Schema."""


def json_schema() -> JSON:
    """The JSON Schema of the measures file, as ``tomllib`` reads it (dates as ISO strings)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://aeo-mra.invalid/schema/measures/{SCHEMA_VERSION}/measures.json",
        "title": f"aeo_mra measures data, schema {SCHEMA_VERSION}",
        "description": "China's customs facilitation measures per credit tier, as read by "
        "tomllib (TOML dates shown here as ISO 8601 strings). Ids under 'sources', "
        "'instrument', 'list', 'concept' and 'districts' must exist in the file. Generated "
        "from aeo_mra/_home_schema.py: do not edit by hand.",
        "type": "object",
        "additionalProperties": False,
        "required": ["meta", "sources", "concepts", "instrument", "measure"],
        "properties": {
            "meta": FIELDS["meta"],
            "sources": {"type": "object", "additionalProperties": FIELDS["source"]},
            "concepts": {
                "type": "object",
                "propertyNames": _ID,
                "additionalProperties": {**_STRING, "description": "The concept in English."},
            },
            "districts": {
                "type": "object",
                "propertyNames": _ID,
                "additionalProperties": FIELDS["district"],
            },
            "instrument": {"type": "array", "items": FIELDS["instrument"], "minItems": 1},
            "measure": {"type": "array", "items": FIELDS["measure"]},
            "aeo_count": {"type": "array", "items": FIELDS["aeo_count"]},
        },
    }


def keys(table: str, nested: str | None = None) -> set[str]:
    """The fields allowed in ``table`` (or in its nested array ``nested``, e.g. ``list``)."""
    schema = FIELDS[table]
    if nested is not None:
        schema = schema["properties"][nested]["items"]
    return set(schema["properties"])


def render() -> str:
    """The JSON Schema as the committed ``data/measures.schema.json`` holds it."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
