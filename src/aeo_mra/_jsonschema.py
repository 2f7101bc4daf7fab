"""JSON Schemas of the shapes `to_dict` gives, generated from the records' type hints.

The schemas ship in the package (``aeo_mra/schemas/``, written by
``scripts/regenerate.py``); a test checks that they are what this module generates, and
that real outputs validate against them.
"""

from __future__ import annotations

import enum
import inspect
import json
import re
import types
import typing
from datetime import date
from typing import Any

import attrs

from ._plain import DERIVED
from .errors import _quoted
from .model import Arrangement
from .results import Eligibility, Event, Summary

__all__ = ["json_schema", "render", "shapes"]

JSON = dict[str, Any]
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SCALARS: dict[object, JSON] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    date: {"type": "string", "format": "date"},
    type(None): {"type": "null"},
}
_ATTRIBUTE = re.compile(r"^ {4}(\w+): (.*)$")


def shapes() -> tuple[type, ...]:
    """The records a surface of aeo_mra answers with, each with a shipped schema."""
    from .codes import AeoCode, Declaration
    from .home import MeasuresAnswer

    return (Eligibility, Arrangement, Summary, Event, AeoCode, Declaration, MeasuresAnswer)


def json_schema(record: type) -> JSON:
    """The JSON Schema (2020-12) of what [`to_dict`][aeo_mra.to_dict] gives for a record class.

    Generated from the class's type hints and documented attributes, so it follows the
    records as they change. The schemas of the answers (``Eligibility``, ``Arrangement``,
    ``Summary``, ``Event``, ``codes.AeoCode``, ``codes.Declaration``) also ship as files in
    ``aeo_mra/schemas/``.

    >>> import aeo_mra
    >>> schema = aeo_mra.json_schema(aeo_mra.Summary)
    >>> schema["properties"]["basis"]
    {'enum': ['signed', 'implemented'], 'description': 'Signed, or implemented, arrangements.'}

    Raises:
        TypeError: ``record`` is not an attrs record class.
    """
    if not (isinstance(record, type) and attrs.has(record)):
        raise TypeError(f"json_schema() takes a record class of aeo_mra, not {_quoted(record)}")
    definitions: dict[str, JSON] = {}
    body = _object(record, {}, definitions)
    schema = {"$schema": DIALECT, "title": record.__name__, **body}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _object(cls: type, bound: dict[object, Any], definitions: dict[str, JSON]) -> JSON:
    hints = typing.get_type_hints(cls)
    notes = _attribute_notes(cls)
    properties = {
        field.name: _with_note(
            _schema(hints[field.name], bound, definitions), notes.get(field.name)
        )
        for field in attrs.fields(cls)
    }
    for key, attribute in DERIVED.get(cls, {}).items():
        member = inspect.getattr_static(cls, attribute)
        function = member.fget if isinstance(member, property) else member
        returned = typing.get_type_hints(function)["return"]
        properties[key] = _with_note(_schema(returned, bound, definitions), _summary(function))
    summary = _summary(cls)
    return {
        "type": "object",
        **({"description": summary} if summary else {}),
        "properties": properties,
        "required": list(properties),
    }


def _schema(hint: Any, bound: dict[object, Any], definitions: dict[str, JSON]) -> JSON:
    hint = bound.get(hint, hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value if isinstance(m.value, str) else m.name.lower() for m in hint]}
    if origin in (types.UnionType, typing.Union):
        return {"anyOf": [_schema(arg, bound, definitions) for arg in args]}
    if origin is tuple:
        return {"type": "array", "items": _schema(args[0], bound, definitions)}
    if hint is Arrangement:  # inside another record: by id
        return {"type": "string", "description": "The arrangement's id, e.g. ``EU``."}
    if origin is not None and attrs.has(origin):  # a generic record: Fact[When] …
        names = dict(zip(getattr(origin, "__parameters__", ()), args, strict=True))
        return _object(origin, {**bound, **names}, definitions)
    if isinstance(hint, type) and attrs.has(hint):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # a placeholder, in case the record recurses
            definitions[hint.__name__] = _object(hint, bound, definitions)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for the type {hint!r}")


def _with_note(schema: JSON, note: str | None) -> JSON:
    if not note or "$ref" in schema:  # a reference's siblings are ignored by older readers
        return schema
    return {**schema, "description": note}


def _summary(item: object) -> str:
    """The first paragraph of a docstring, on one line."""
    doc = inspect.getdoc(item) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _attribute_notes(cls: type) -> dict[str, str]:
    """The descriptions of a class's ``Attributes:`` section, by name."""
    notes: dict[str, list[str]] = {}
    section = inspect.cleandoc(cls.__doc__ or "").partition("\nAttributes:\n")[2]
    for line in section.splitlines():
        if not line.startswith("    "):  # a blank line, or the next section
            break
        if match := _ATTRIBUTE.match(line):
            notes[match[1]] = [match[2]]
        elif notes:
            notes[next(reversed(notes))].append(line.strip())
    return {name: " ".join(parts) for name, parts in notes.items()}


def render(record: type) -> str:
    """The schema of ``record`` as the text of its shipped file."""
    return json.dumps(json_schema(record), ensure_ascii=False, indent=2) + "\n"
