"""Compiled forms of the bundled data: derived at build time, read instead of the sources.

Reading the bundled TOML, validating it and importing pycountry take about 0.1 s; these
files take a few milliseconds. ``scripts/regenerate.py`` writes them: the dataset from the
*validated* records of ``arrangements.toml``, the world data from those of ``world.toml``,
the place index from pycountry.

Each file is a `marshal` of its key and its body, made only of strings, numbers, ``None``,
lists, tuples and dicts: the format of Python's own bytecode files, which the interpreter
reads without importing anything (json costs the first question about 1 ms), and which
executes nothing when read. It is written in marshal's version 4, which every Python from
3.4 reads; a file that cannot be read, or whose key does not match what it was derived
from, is passed over and the sources are read as before. Only the files shipped inside the
package are read this way: a dataset a user loads is always parsed and validated in full.

- ``data/arrangements.compiled`` is keyed to the data version, the size and CRC-32 of the
  TOML's bytes, and the records' fields (a changed model makes it stale too).
- ``data/world.compiled`` likewise, and to the China dataset's key: the world data is
  validated against the China dataset, whose sources and arrangements it shares. It is
  read only for the bundled China dataset.
- ``data/places.compiled`` is keyed to pycountry's version and the CRC-32 of the four
  files the index is built from (ISO 3166-1's JSON and its three Chinese catalogues).

A CRC-32 guards against a file left stale by mistake, not against an attacker: whoever can
change the files of the package can change its code.
"""

from __future__ import annotations

import enum
import functools
import marshal
import os
import zlib
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ._vocabulary import (
    Basis,
    Benefit,
    CodePrefix,
    Confidence,
    Coverage,
    DeclarationField,
    Instrument,
    PartnerKind,
    Precision,
    Scope,
    SourceKind,
    Tier,
)

if TYPE_CHECKING:
    from .model import Dataset, Source, Territory
    from .world import WorldDataset

__all__ = [
    "DATASET",
    "PLACES",
    "WORLD",
    "WORLD_TOML",
    "dataset_key",
    "dump_dataset",
    "dump_places",
    "dump_world",
    "load_dataset",
    "load_places",
    "load_world",
    "places_key",
    "world_key",
]

_DATA = os.path.join(os.path.dirname(__file__), "data")
TOML = os.path.join(_DATA, "arrangements.toml")
DATASET = os.path.join(_DATA, "arrangements.compiled")
PLACES = os.path.join(_DATA, "places.compiled")
WORLD_TOML = os.path.join(_DATA, "world.toml")
WORLD = os.path.join(_DATA, "world.compiled")
# The files of pycountry the place index is built from, relative to its package.
PYCOUNTRY_INPUTS = (
    ("databases", "iso3166-1.json"),
    *(("locales", lang, "LC_MESSAGES", "iso3166-1.mo") for lang in ("zh_CN", "zh_TW", "zh_HK")),
)

_ENUMS: tuple[type[enum.Enum], ...] = (
    Basis, Benefit, CodePrefix, Confidence, Coverage, DeclarationField, Instrument, PartnerKind,
    Precision, Scope, SourceKind, Tier,
)  # fmt: skip
Places = tuple[dict[str, str], dict[str, "Territory"]]
Layout = tuple[tuple[type, ...], tuple[type[enum.Enum], ...]]
"""The record classes a compiled file holds, and the enums their fields take."""
FORMAT = 3
"""The version of the compiled files' layout, part of their keys."""
MARSHAL_VERSION = 4
"""The version of marshal's format the files are written in: read by every Python 3.4+."""


@functools.cache
def _china() -> Layout:
    """The layout of the compiled dataset: built on first use, as `model` is imported only
    when a dataset is read."""
    from . import model

    return (model.Arrangement, model.CodeFormat, model.CountedTerritory, model.DeclarationRule,
            model.Fact, model.Membership, model.PartnerTier, model.Source, model.Stage,
            model.TierPeriod, model.When), _ENUMS  # fmt: skip


@functools.cache
def _world() -> Layout:
    """The layout of the compiled world data: the China dataset's, and the world's records."""
    from .world import _model as world

    records, enums = _china()
    return (*records, world.Administration, world.Bilateral, world.CommonProgramme,
            world.Completeness, world.Opening, world.Plurilateral, world.PlurilateralMember,
            world.ProgrammeTier, world.PublishedCount, world.Step), (
            *enums, world.Counted, world.StepKind)  # fmt: skip


def _typed(record: type, enums: tuple[type[enum.Enum], ...]) -> dict[str, type]:
    """The fields of ``record`` whose type is a date or one of ``enums``: written without a
    tag."""
    kinds: dict[str, type] = {kind.__name__: kind for kind in enums}
    kinds["date"] = date
    found = {}
    for field in attrs.fields(record):
        name = str(field.type).removesuffix(" | None")
        if name in kinds:
            found[field.name] = kinds[name]
    return found


def _fields_crc(layout: Layout) -> int:
    """A checksum of the layout's records and their fields: a changed model makes a
    compiled file stale."""
    fields = ";".join(f"{c.__name__}:{','.join(attrs.fields_dict(c))}" for c in layout[0])
    return zlib.crc32(fields.encode())


# -- the dataset -------------------------------------------------------------------------


def dataset_key(toml: bytes, version: str) -> dict[str, object]:
    """The key of the compiled dataset for the TOML file's bytes and its data version."""
    return {
        "format": FORMAT,
        "data_version": version,
        "toml_bytes": len(toml),
        "toml_crc32": zlib.crc32(toml),
        "fields_crc32": _fields_crc(_china()),
    }


def dump_dataset(dataset: Dataset, toml: bytes) -> bytes:
    """The compiled form of ``dataset``, validated from the TOML file's bytes ``toml``."""
    body = {
        "sources": list(dataset.sources.values()),  # first: the records cite them by id
        "version": dataset.version,
        "reviewed": dataset.reviewed,
        "tiers": list(dataset.tiers.values()),
        "declaration_rules": dataset.declaration_rules,
        "aliases": dict(dataset.aliases),
        "arrangements": dataset.arrangements,
        "counted_territories": dataset.counted_territories,
    }
    return _written(dataset_key(toml, dataset.version), body, _china())


def _written(key: Mapping[str, object], body: object, layout: Layout) -> bytes:
    """A compiled file: its key and ``body``, in marshal's plain values."""
    return marshal.dumps((dict(key), _plain(body, layout)), MARSHAL_VERSION)


def _plain(value: object, layout: Layout) -> Any:
    """``value`` in plain values, where a tuple is always a tag: a record of ``layout`` as
    its class's name and its fields' values (citing its sources by id), an enum member or a
    date as its type's name and its value; other sequences are lists."""
    records, enums = layout
    if isinstance(value, enums):  # before int: Confidence is an IntEnum
        return (type(value).__name__, value.value)
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, date):
        return ("date", value.isoformat())
    if isinstance(value, list | tuple):
        return [_plain(item, layout) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item, layout) for key, item in value.items()}
    if isinstance(value, records):
        fields = attrs.asdict(value, recurse=False)  # type: ignore[arg-type]
        if "sources" in fields:
            fields["sources"] = [source.id for source in fields["sources"]]
        typed = _typed(type(value), enums)
        plain = [v if k not in typed else _bare(v) for k, v in fields.items()]
        return (type(value).__name__, *[_plain(v, layout) for v in plain])
    raise TypeError(f"cannot compile {type(value).__name__}")


def _bare(value: object) -> object:
    """A date or enum member of a field of its own type: its ISO text or its value."""
    if isinstance(value, date):
        return value.isoformat()
    return value.value if isinstance(value, enum.Enum) else value


def load_dataset(toml: bytes, path: str | None = None) -> Dataset | None:
    """The dataset compiled in ``path`` (default: the bundled one) if its key matches the
    TOML's bytes, else ``None``."""
    key, body = _read(path or DATASET)
    if not isinstance(key, dict) or key != dataset_key(toml, str(key.get("data_version"))):
        return None
    from .model import Dataset

    raw = _decoder(_china(), {})(body)
    if raw["version"] != key["data_version"]:
        return None
    return Dataset(
        raw["version"],
        raw["reviewed"],
        MappingProxyType({source.id: source for source in raw["sources"]}),
        tuple(raw["arrangements"]),
        MappingProxyType({period.tier: period for period in raw["tiers"]}),
        tuple(raw["declaration_rules"]),
        MappingProxyType(raw["aliases"]),
        tuple(raw["counted_territories"]),
    )


def _decoder(layout: Layout, cited: Mapping[str, Source]) -> Callable[[object], Any]:
    """What turns a compiled body back into values: tagged tuples into records of
    ``layout``, enums and dates, lists into tuples; records cite the sources read before
    them, or those of ``cited``.

    A record's fields are written in its fields' order, so it is built from their values.
    """
    classes, enums = layout
    records: dict[str, Callable[..., object]] = {c.__name__: c for c in classes}
    members = {e.__name__: {m.value: m for m in e} for e in enums}
    read: dict[str, Callable[[Any], object]] = {
        e.__name__: members[e.__name__].__getitem__ for e in enums
    }
    read["date"] = date.fromisoformat
    from .model import Source

    sources = dict(cited)
    read["sources"] = lambda ids: tuple(map(sources.__getitem__, ids))
    # By record: the position and reader of each field whose value is converted.
    converted: dict[str, list[tuple[int, Callable[[Any], object]]]] = {}
    for record in classes:
        names = list(attrs.fields_dict(record))
        kinds = {name: kind.__name__ for name, kind in _typed(record, enums).items()}
        kinds.update(dict.fromkeys({"sources"} & set(names), "sources"))
        converted[record.__name__] = [(names.index(n), read[k]) for n, k in kinds.items()]
    nested = (list, tuple, dict)

    def decode(value: Any) -> object:
        kind = type(value)
        if kind is list:
            return tuple([decode(v) if type(v) in nested else v for v in value])
        if kind is dict:
            return {k: decode(v) if type(v) in nested else v for k, v in value.items()}
        tag, *values = value
        if tag in read:  # an enum member or a date
            return read[tag](values[0])
        values = [decode(v) if type(v) in nested else v for v in values]
        for index, convert in converted[tag]:
            if values[index] is not None:
                values[index] = convert(values[index])
        record = records[tag](*values)
        if type(record) is Source:
            sources[record.id] = record
        return record

    return decode


def _read(path: str) -> tuple[Any, Any]:
    """A compiled file's key and body, or ``(None, None)`` if it cannot be read (missing,
    or written in a format this Python does not read)."""
    try:
        with open(path, "rb") as file:
            key, body = marshal.loads(file.read())  # load(file) reads it piece by piece
    except (OSError, EOFError, ValueError, TypeError):
        return None, None
    return key, body


# -- the world data ----------------------------------------------------------------------


def world_key(toml: bytes, china: Mapping[str, object]) -> dict[str, object]:
    """The key of the compiled world data for the world TOML's bytes, validated against the
    China dataset keyed ``china`` (its sources and arrangements are the world's too)."""
    return {
        "format": FORMAT,
        "toml_bytes": len(toml),
        "toml_crc32": zlib.crc32(toml),
        "fields_crc32": _fields_crc(_world()),
        "china": dict(china),
    }


def dump_world(world: WorldDataset, toml: bytes, china: Mapping[str, object]) -> bytes:
    """The compiled form of ``world``, validated from the world TOML's bytes ``toml`` and the
    China dataset keyed ``china``."""
    body = {
        "sources": list(world.sources.values()),  # first: the records cite them by id
        "version": world.version,
        "reviewed": world.reviewed,
        "administrations": list(world.administrations.values()),
        "bilaterals": world.bilaterals,
        "plurilaterals": world.plurilaterals,
        "commons": world.commons,
        "published": world.published,
    }
    return _written(world_key(toml, china), body, _world())


def load_world(
    toml: bytes, china: Dataset, key: Mapping[str, object], path: str | None = None
) -> WorldDataset | None:
    """The world data compiled in ``path`` (default: the bundled one) if its key matches the
    world TOML's bytes and ``key``, that of the China dataset ``china``; else ``None``."""
    stored, body = _read(path or WORLD)
    if stored != world_key(toml, key):
        return None
    from .world import WorldDataset

    raw = _decoder(_world(), china.sources)(body)
    return WorldDataset(
        raw["version"],
        raw["reviewed"],
        MappingProxyType({source.id: source for source in raw["sources"]}),
        MappingProxyType({record.id: record for record in raw["administrations"]}),
        tuple(raw["bilaterals"]),
        tuple(raw["plurilaterals"]),
        tuple(raw["commons"]),
        tuple(raw["published"]),
    )


# -- the place index ---------------------------------------------------------------------


def places_key() -> dict[str, object] | None:
    """The key of the place index for the installed pycountry, found without importing it;
    ``None`` if its files are not where pycountry ships them."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = spec.submodule_search_locations[0]
    crc = 0
    try:
        for parts in PYCOUNTRY_INPUTS:
            with open(os.path.join(package, *parts), "rb") as file:
                crc = zlib.crc32(file.read(), crc)
    except OSError:
        return None
    return {"pycountry_crc32": crc}


def dump_places(places: Places, key: Mapping[str, object], version: str) -> bytes:
    """The compiled form of the place index ``places``, built from pycountry ``version``."""
    names, territories = places
    rows = [(t.code, t.alpha_3, t.numeric, t.name, t.name_zh) for t in territories.values()]
    stored = {**key, "pycountry_version": version}
    return marshal.dumps((stored, (dict(names), rows)), MARSHAL_VERSION)


def load_places(path: str | None = None) -> Places | None:
    """The place index compiled in ``path`` (default: the bundled one) if it was built from
    the installed pycountry's files, else ``None``."""
    (stored, body), wanted = _read(path or PLACES), places_key()
    if wanted is None or not isinstance(stored, dict) or not wanted.items() <= stored.items():
        return None
    from .model import Territory

    names, rows = body
    return names, {row[0]: Territory(*row) for row in rows}
