"""Records as plain data: what `aeo_mra.to_dict` gives, the same in every surface.

The conversion is generic over attrs records, so a field added to a record appears in
its JSON without a change here. The few rules that are not field-by-field are tables:
values written differently (`When` gains its text, an arrangement inside another record is
its id) and derived values added to a record (an arrangement's name and sources, an
answer's explanation).
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs

from ._eligibility import Eligibility
from .errors import _quoted
from .model import Arrangement, When

__all__ = ["DERIVED", "to_dict"]

DERIVED: dict[type, dict[str, str]] = {
    When: {"text": "__str__"},
    Arrangement: {"sources": "sources"},
    Eligibility: {"explanation": "explain"},
}
"""Per record class, the JSON keys added after its fields and the attribute each comes from
(a property, or a method called without arguments)."""


def to_dict(record: Any) -> dict[str, Any]:
    """A record of aeo_mra as JSON-ready data: dicts, lists, strings, numbers, ``None``.

    Every attrs record converts: an `Eligibility`, `Arrangement`, `Summary`, `Event`, an
    AEO code or declaration of [`aeo_mra.codes`][aeo_mra.codes], and any record inside
    them. Fields keep their names; enums are written by value (a `Confidence` by name:
    ``"high"``); dates as ISO 8601 strings; tuples as lists; a `When` gains its ``text``
    (``"2012-06"``); an arrangement inside another record is its id, and on its own gains
    its ``name`` and every ``sources`` cited; an `Eligibility` gains its ``explanation``.
    The JSON Schema of each shape is [`json_schema`][aeo_mra.json_schema]'s.

    >>> import aeo_mra, json
    >>> from datetime import date
    >>> data = aeo_mra.to_dict(aeo_mra.check("DE", on=date(2020, 5, 1)))
    >>> data["reason"], data["arrangement"], data["place"]["alpha_3"], data["on"]
    ('covered', 'EU', 'DEU', '2020-05-01')
    >>> data["confidence"], type(json.dumps(data))
    ('high', <class 'str'>)

    Raises:
        TypeError: ``record`` is not an attrs record.
    """
    if not attrs.has(type(record)):
        raise TypeError(f"to_dict() takes a record of aeo_mra, not {_quoted(record)}")
    return _record(record)


def _record(record: Any) -> dict[str, Any]:
    cls = type(record)
    names = _FIELDS.get(cls) or _fields(cls)
    data = {name: _value(getattr(record, name)) for name in names}
    for key, attribute in DERIVED.get(cls, {}).items():
        value = getattr(record, attribute)
        data[key] = _value(value() if callable(value) else value)
    return data


_FIELDS: dict[type, tuple[str, ...]] = {}
_AS_IS = frozenset({str, int, float, bool, type(None)})  # exact types: enums are subclasses


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS[cls] = tuple(field.name for field in attrs.fields(cls))
    return names


def _value(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value.value, str) else value.name.lower()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return list(map(_value, value))
    if isinstance(value, Arrangement):  # inside another record: by id, in full on its own
        return value.id
    if attrs.has(type(value)):
        return _record(value)
    if isinstance(value, str | int | float):  # a subclass of a plain type
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}: {_quoted(value)}")
