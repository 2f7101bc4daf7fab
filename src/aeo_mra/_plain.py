"""Records as plain data: what `aeo_mra.to_dict` gives, the same in every surface.

The conversion is generic over attrs records, so a field added to a record appears in
its JSON without a change here. The few rules that are not field-by-field are tables
(`rules`): values added to a record (an answer's explanation), records written by their
id inside another (an arrangement inside an answer), and the records a root lists once in
full so that the rest of it can name them by id (an arrangement's sources).
"""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from ._eligibility import Eligibility
from .errors import _quoted
from .model import Arrangement, Source, When

__all__ = ["Rules", "rules", "to_dict"]


@attrs.frozen
class Rules:
    """What `to_dict` (and `json_schema`) do beyond writing a record field by field.

    Attributes:
        derived: Per record class, the keys added after its fields and the attribute each
            comes from (a property, or a method called without arguments).
        referenced: Records with an id of their own, written as their id inside another
            record and in full on their own: an answer names its arrangement, which is
            asked for separately.
        indexes: Per root record class, the records it lists in full, once each, under a
            key added after its fields; anywhere else in it such a record is its id.
    """

    derived: Mapping[type, Mapping[str, str]]
    referenced: frozenset[type]
    indexes: Mapping[type, Mapping[type, str]]


def rules() -> Rules:
    """The rules for the records that can exist: those of `home` and `world` only once their
    modules are imported (they load lazily, and a JSON answer about China needs neither)."""
    return _rules("aeo_mra.home" in sys.modules, "aeo_mra.world._model" in sys.modules)


@functools.cache
def _rules(home: bool, world: bool) -> Rules:
    derived: dict[type, Mapping[str, str]] = {
        When: {"text": "__str__"},
        Eligibility: {"explanation": "explain"},
    }
    referenced: set[type] = {Arrangement}
    indexes: dict[type, Mapping[type, str]] = {Arrangement: {Source: "sources"}}
    if home:
        from .home import MeasureChanges, MeasureInstrument, MeasuresAnswer, TierGap

        derived[MeasuresAnswer] = {"complete": "complete", "explanation": "explain"}
        derived[TierGap] = derived[MeasureChanges] = {"explanation": "explain"}
        for root in (MeasuresAnswer, TierGap, MeasureChanges):
            indexes[root] = {MeasureInstrument: "instruments", Source: "sources"}
    if world:
        from .world._model import (
            Administration,
            Bilateral,
            CommonProgramme,
            Partner,
            Plurilateral,
            Recogniser,
            Recognition,
        )

        derived[Recognition] = {"explanation": "explain"}
        derived[Partner] = {"implemented": "implemented"}
        derived[Recogniser] = {"recognised": "recognised"}
        referenced |= {Administration, Bilateral, Plurilateral, CommonProgramme}
    return Rules(derived=derived, referenced=frozenset(referenced), indexes=indexes)


def to_dict(record: Any) -> dict[str, Any]:
    """A record of aeo_mra as JSON-ready data: dicts, lists, strings, numbers, ``None``.

    Every attrs record converts: an `Eligibility`, `Arrangement`, `Summary`, `Event`, an
    AEO code or declaration of [`aeo_mra.codes`][aeo_mra.codes], the measures of
    [`aeo_mra.home`][aeo_mra.home], the answers of [`aeo_mra.world`][aeo_mra.world], and
    any record inside them. Fields keep their names; enums are written by value (a
    `Confidence` by name: ``"high"``); dates as ISO 8601 strings; tuples as lists; a `When`
    gains its ``text`` (``"2012-06"``); an arrangement (or a world administration)
    inside another record is its id; an answer gains its ``explanation``. An arrangement
    lists every source it cites in full under ``sources`` and names them by id elsewhere;
    so do the answers of [`aeo_mra.home`][aeo_mra.home], with their ``instruments`` too
    (each of the two answers inside a `MeasureChanges` lists its own).
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
    cls = type(record)
    if not attrs.has(cls):
        raise TypeError(f"to_dict() takes a record of aeo_mra, not {_quoted(record)}")
    the = rules()
    index = the.indexes.get(cls)
    if index is None:
        return _record(record, the, None)
    listed: dict[type, dict[str, Any]] = {kind: {} for kind in index}
    data = _record(record, the, listed)
    for kind, key in index.items():  # in order: an instrument may cite a source not yet met
        data[key] = [_record(found, the, listed) for found in list(listed[kind].values())]
    return data


def _record(record: Any, the: Rules, listed: dict[type, dict[str, Any]] | None) -> dict[str, Any]:
    cls = type(record)
    names = _FIELDS.get(cls) or _fields(cls)
    data = {name: _value(getattr(record, name), the, listed) for name in names}
    for key, attribute in the.derived.get(cls, {}).items():
        value = getattr(record, attribute)
        data[key] = _value(value() if callable(value) else value, the, listed)
    return data


_FIELDS: dict[type, tuple[str, ...]] = {}
_AS_IS = frozenset({str, int, float, bool, type(None)})  # exact types: enums are subclasses


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS[cls] = tuple(field.name for field in attrs.fields(cls))
    return names


def _value(value: Any, the: Rules, listed: dict[type, dict[str, Any]] | None) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value.value, str) else value.name.lower()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_value(item, the, listed) for item in value]
    if kind in the.referenced:  # inside another record: by id, in full on its own
        return value.id
    if listed is not None and kind in listed:  # listed in full by the root: by id here
        listed[kind].setdefault(value.id, value)
        return value.id
    if kind in the.indexes:  # a record with lists of its own is written whole anywhere
        return to_dict(value)
    if attrs.has(kind):
        return _record(value, the, listed)
    if isinstance(value, Mapping):
        return {str(key): _value(item, the, listed) for key, item in value.items()}
    if isinstance(value, str | int | float):  # a subclass of a plain type
        return value
    raise TypeError(f"no JSON form for {kind.__name__}: {_quoted(value)}")
