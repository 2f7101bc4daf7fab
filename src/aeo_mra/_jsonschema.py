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
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from ._plain import rules
from .errors import _quoted
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
    from .diff import AnswerChange, Change
    from .home import AeoCount, MeasureChanges, MeasuresAnswer, TierGap
    from .model import Arrangement
    from .world import (
        Bilateral,
        CommonProgramme,
        Partner,
        Plurilateral,
        Recogniser,
        Recognition,
        WorldSummary,
    )

    return (
        Eligibility, Arrangement, Summary, Event, AeoCode, Declaration, MeasuresAnswer,
        TierGap, MeasureChanges, AeoCount, Change, AnswerChange, Recognition, Partner,
        Recogniser, WorldSummary, Bilateral, Plurilateral, CommonProgramme,
    )  # fmt: skip


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
    the = rules()
    index = the.indexes.get(record, {})
    by_id = {kind: _id(kind) for kind in the.referenced} | {
        kind: _id(kind, key) for kind, key in index.items()
    }
    context = _Context(by_id, {})
    body = _object(record, {}, context)
    schema = {"$schema": DIALECT, "title": record.__name__, **body}
    if context.definitions:
        schema["$defs"] = dict(sorted(context.definitions.items()))
    return schema


@attrs.frozen
class _Context:
    """What a schema is being generated with: the records written by id, the definitions."""

    by_id: dict[type, JSON]
    definitions: dict[str, JSON]


def _words(kind: type) -> str:
    """``MeasureInstrument`` as ``measure instrument``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", kind.__name__).lower()


def _id(kind: type, key: str | None = None) -> JSON:
    words = _words(kind)
    where = f", listed in full under ``{key}``" if key else ""
    article = "an" if words[0] in "aeiou" else "a"
    return {"type": "string", "description": f"The id of {article} {words}{where}."}


def _object(cls: type, bound: dict[object, Any], context: _Context) -> JSON:
    hints = typing.get_type_hints(cls)
    notes = _attribute_notes(cls)
    properties = {
        field.name: _with_note(_schema(hints[field.name], bound, context), notes.get(field.name))
        for field in attrs.fields(cls)
    }
    for key, attribute in rules().derived.get(cls, {}).items():
        member = inspect.getattr_static(cls, attribute)
        function = member.fget if isinstance(member, property) else member
        returned = typing.get_type_hints(function)["return"]
        properties[key] = _with_note(_schema(returned, bound, context), _summary(function))
    for kind, key in rules().indexes.get(cls, {}).items():  # written whole wherever it is
        properties[key] = {
            "type": "array",
            "description": f"Every {_words(kind)} it names, in full, once each.",
            "items": _definition(kind, {}, context),
        }
    summary = _summary(cls)
    return {
        "type": "object",
        **({"description": summary} if summary else {}),
        "properties": properties,
        "required": list(properties),
    }


def _schema(hint: Any, bound: dict[object, Any], context: _Context) -> JSON:
    hint = bound.get(hint, hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value if isinstance(m.value, str) else m.name.lower() for m in hint]}
    if origin in (types.UnionType, typing.Union):
        options = [_schema(arg, bound, context) for arg in args]
        unique = [o for i, o in enumerate(options) if o not in options[:i]]  # two kinds by id
        return unique[0] if len(unique) == 1 else {"anyOf": unique}
    if origin is tuple:
        return {"type": "array", "items": _schema(args[0], bound, context)}
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return {"type": "object", "additionalProperties": _schema(args[1], bound, context)}
    if hint in context.by_id:  # by id here
        return dict(context.by_id[hint])
    if origin is not None and attrs.has(origin):  # a generic record: Fact[When] …
        names = dict(zip(getattr(origin, "__parameters__", ()), args, strict=True))
        return _object(origin, {**bound, **names}, context)
    if isinstance(hint, type) and attrs.has(hint):
        return _definition(hint, bound, context)
    raise TypeError(f"no JSON Schema for the type {hint!r}")


def _definition(cls: type, bound: dict[object, Any], context: _Context) -> JSON:
    """A reference to the definition of ``cls``, which is written if it is not yet."""
    if cls.__name__ not in context.definitions:
        context.definitions[cls.__name__] = {}  # a placeholder, in case the record recurses
        context.definitions[cls.__name__] = _object(cls, bound, context)
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _with_note(schema: JSON, note: str | None) -> JSON:
    if not note or "$ref" in schema:  # a reference's siblings are ignored by older readers
        return schema
    return {**schema, "description": note}


def _summary(item: object) -> str:
    """The first paragraph of a docstring, on one line, as plain text."""
    doc = inspect.getdoc(item) or ""
    return _plain(" ".join(doc.split("\n\n")[0].split()))


def _plain(text: str) -> str:
    """``text`` without the docs' cross-references: ``[`format`][aeo_mra.codes.format]``
    is `` `format` ``, as a schema's reader, who has no docs site, should see it."""
    return _CROSS_REFERENCE.sub(r"\1", text)


_CROSS_REFERENCE = re.compile(r"\[([^\]]+)\]\[[\w.]*\]")


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
    return {name: _plain(" ".join(parts)) for name, parts in notes.items()}


def render(record: type) -> str:
    """The schema of ``record`` as the text of its shipped file."""
    return json.dumps(json_schema(record), ensure_ascii=False, indent=2) + "\n"
