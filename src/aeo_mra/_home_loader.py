"""Reading and validating a measures file into frozen records.

Built on the arrangements' reader: every problem is collected, each naming the file, the
record and the field, and the file fails with one `DataError` listing them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ._home_schema import SCHEMA_VERSION, json_schema, keys
from ._loader import (
    _array,
    _bool,
    _enum,
    _fuzzy_date,
    _int,
    _Invalid,
    _list_of,
    _mapping,
    _meta,
    _Reader,
    _source,
    _str,
    _toml_date,
    _tuple_of,
    _when,
    read_toml,
)
from .errors import DataError
from .home import (
    AeoCount,
    Concept,
    District,
    InstrumentKind,
    Measure,
    MeasureData,
    MeasureInstrument,
    MeasureList,
    Qualifier,
)
from .model import Precision, Tier, When

__all__ = ["parse"]

_TIERS = _tuple_of(_enum(Tier))


def parse(text: str, filename: str = "<measures>") -> MeasureData:
    """Parse and validate a measures file's TOML text.

    Raises:
        DataError: Listing every problem found, each with file, record and field.
    """
    raw = read_toml(text, filename)
    reader = _Reader(filename)
    reader.keys("top level", raw, set(json_schema()["properties"]))
    version, reviewed = _meta(reader, raw.get("meta"), SCHEMA_VERSION)
    for key, table in _mapping(reader, raw, "sources").items():
        _source(reader, key, table)
    concepts = _concepts(reader, _mapping(reader, raw, "concepts"))
    districts = _districts(reader, _mapping(reader, raw, "districts"))
    instruments: dict[str, MeasureInstrument] = {}
    lists: dict[tuple[str, str], dict[str, Any]] = {}
    for number, table in enumerate(_array(reader, raw, "instrument"), 1):
        _instrument(reader, number, table, districts, instruments, lists)
    drafts = [
        draft
        for number, table in enumerate(_array(reader, raw, "measure"), 1)
        if (draft := _measure(reader, number, table, concepts, lists)) is not None
    ]
    made = _lists(reader, lists, drafts)
    measures = tuple(Measure(list=made[key], **parts) for key, parts in drafts)
    counts = _counts(reader, _array(reader, raw, "aeo_count"))
    if reader.problems:
        raise DataError(reader.problems)
    assert version is not None
    assert reviewed is not None
    return MeasureData(
        version,
        reviewed,
        MappingProxyType(reader.sources),
        MappingProxyType(concepts),
        MappingProxyType(districts),
        tuple(instruments.values()),
        tuple(made.values()),
        measures,
        tuple(sorted(counts, key=lambda c: c.on)),
    )


def _concepts(reader: _Reader, raw: Mapping[str, Any]) -> dict[str, Concept]:
    concepts = {}
    for key, name in raw.items():
        if isinstance(name, str) and name:
            concepts[key] = Concept(key, name)
        else:
            reader.problem(f"concepts.{key}", f"expected its English name, got {name!r}")
    return concepts


def _districts(reader: _Reader, raw: Mapping[str, Any]) -> dict[str, District]:
    districts = {}
    for key, table in raw.items():
        where = f"district {key}"
        if not isinstance(table, dict):
            reader.problem(where, "must be a table")
            reader.unread["district"].add(key)
            continue
        reader.keys(where, table, keys("district"))
        names = [
            reader.maybe(where, table, n, _str) for n in ("name", "name_zh", "region", "region_zh")
        ]
        sources = reader.maybe(where, table, "sources", reader.source_refs)
        if sources is None or None in names:
            reader.unread["district"].add(key)
            continue
        name, name_zh, region, region_zh = (str(n) for n in names)
        districts[key] = District(key, name, name_zh, region, region_zh, sources)
    return districts


def _day(value: Any) -> When:
    """A period's bound: a date, ``YYYY-MM``, ``YYYY`` or a table ``{earliest, latest}``."""
    if isinstance(value, dict):
        if not value or set(value) - {"earliest", "latest"}:
            raise ValueError(f"a range has 'earliest' and/or 'latest' only, not {value}")
        return _when(value)
    return _fuzzy_date(value)


def _instrument(
    reader: _Reader,
    number: int,
    table: Any,
    districts: Mapping[str, District],
    instruments: dict[str, MeasureInstrument],
    lists: dict[tuple[str, str], dict[str, Any]],
) -> None:
    if not isinstance(table, dict):
        reader.problem(f"instrument[{number}]", "must be a table")
        return
    ident = table.get("id")
    where = f"instrument {ident}" if isinstance(ident, str) else f"instrument[{number}]"
    reader.keys(where, table, keys("instrument"))
    try:
        since = reader.optional(where, table, "since", _day, When(None, None, Precision.UNKNOWN))
        until = reader.optional(where, table, "until", _day, None)
        places = reader.field(where, {"districts": [], **table}, "districts", _list_of_str)
        for place in places:
            if place not in districts and place not in reader.unread["district"]:
                reader.problem(f"{where}.districts", f"{place!r} is not a key of [districts]")
        provenance = reader.fact_from(where, table, None)
        instrument = MeasureInstrument(
            reader.field(where, table, "id", _str),
            reader.field(where, table, "kind", _enum(InstrumentKind)),
            reader.field(where, table, "title", _str),
            reader.optional(where, table, "title_zh", _str, None),
            reader.field(where, table, "issuer", _str),
            since or When(None, None, Precision.UNKNOWN),
            until,
            tuple(districts[p] for p in places if p in districts),
            provenance.sources,
            provenance.confidence,
            provenance.note,
        )
    except _Invalid:
        if isinstance(ident, str):
            reader.unread["list"].add((ident, None))  # None: any list of it
        return
    first, last = instrument.since.earliest, instrument.until and instrument.until.latest
    if first and last and last < first:
        reader.problem(where, f"ends ({instrument.until}) before it starts ({instrument.since})")
    if instrument.id in instruments:
        reader.problem(where, "duplicate id")
    instruments[instrument.id] = instrument
    for index, raw in enumerate(_list_of(table.get("list", []), dict), 1):
        here = f"{where}.list[{index}]"
        reader.keys(here, raw, keys("instrument", "list"))
        name = reader.maybe(here, raw, "name", _str)
        try:
            if name is None:
                raise _Invalid
            parts = {
                "instrument": instrument,
                "name": name,
                "tiers": reader.field(here, raw, "tiers", _TIERS),
                "items": reader.optional(here, raw, "items", _int, None),
                "complete": reader.field(here, raw, "complete", _bool),
                "provenance": reader.fact_from(here, raw, None),
                "where": here,
            }
        except _Invalid:
            reader.unread["list"].add((instrument.id, name))
            continue
        if (instrument.id, name) in lists:
            reader.problem(here, f"{name!r} is the name of another list of {instrument.id}")
        lists[instrument.id, name] = parts


def _list_of_str(value: Any) -> list[str]:
    return _list_of(value, str)


def _measure(
    reader: _Reader,
    number: int,
    table: Any,
    concepts: Mapping[str, Concept],
    lists: Mapping[tuple[str, str], Any],
) -> tuple[tuple[str, str], dict[str, Any]] | None:
    if not isinstance(table, dict):
        reader.problem(f"measure[{number}]", "must be a table")
        reader.unread["measure"].add((number, None))  # None: in a list not known
        return None
    ident = table.get("id")
    where = f"measure {ident}" if isinstance(ident, str) else f"measure[{number}]"
    reader.keys(where, table, keys("measure"))
    instrument = reader.maybe(where, table, "instrument", _str)
    name = reader.maybe(where, table, "list", _str)
    key = (instrument, name) if instrument is not None and name is not None else None
    try:
        if key is None:
            raise _Invalid
        concept = reader.field(where, table, "concept", _str)
        provenance = reader.fact_from(where, table, None)
        parts = {
            "id": reader.field(where, table, "id", _str),
            "article": reader.optional(where, table, "article", _str, None),
            "concept": concepts.get(concept),
            "text_zh": reader.field(where, table, "text_zh", _str),
            "text_en": reader.field(where, table, "text_en", _str),
            "sources": provenance.sources,
            "confidence": provenance.confidence,
            "inferred": provenance.inferred,
            "note": provenance.note,
        }
    except _Invalid:
        reader.unread["measure"].add((number, key))  # None: in a list not known
        return None
    if key not in lists:
        if reader.unread["list"].isdisjoint({key, (key[0], None)}):
            reader.problem(where, f"instrument {key[0]!r} has no list named {key[1]!r}")
        return None
    if parts["concept"] is None:
        reader.problem(f"{where}.concept", f"{concept!r} is not a key of [concepts]")
        reader.unread["measure"].add((number, key))
        return None
    return key, parts


def _lists(
    reader: _Reader,
    lists: Mapping[tuple[str, str], dict[str, Any]],
    drafts: list[tuple[tuple[str, str], dict[str, Any]]],
) -> dict[tuple[str, str], MeasureList]:
    """The lists, each with the number of its measures found, checked against its count."""
    made = {}
    unread = [key for _, key in reader.unread["measure"]]
    ids: set[str] = set()
    for _, parts in drafts:
        if parts["id"] in ids:
            reader.problem(f"measure {parts['id']}", "duplicate id")
        ids.add(parts["id"])
    for key, parts in lists.items():
        found = sum(1 for k, _ in drafts if k == key)
        items, complete, where = parts["items"], parts["complete"], parts["where"]
        most = None if None in unread else found + unread.count(key)
        _check_count(reader, where, (found, most), items, complete)
        provenance = parts["provenance"]
        made[key] = MeasureList(
            parts["instrument"],
            parts["name"],
            parts["tiers"],
            items,
            complete,
            found,
            provenance.sources,
            provenance.confidence,
            provenance.note,
        )
    return made


def _check_count(
    reader: _Reader,
    where: str,
    measures: tuple[int, int | None],
    items: int | None,
    complete: bool,
) -> None:
    """Check a list's count against its ``measures``: those found, and at most that many
    with the measures not read that may be in it (``None``: any number)."""
    found, most = measures
    if items is not None and (found > items or (complete and most is not None and most < items)):
        but = "complete, but " if complete else ""
        reader.problem(where, f"{but}{found} measures are recorded for {items} items")
    if complete and most == 0:
        reader.problem(where, "complete, but no measure is recorded")


def _counts(reader: _Reader, tables: list[Any]) -> list[AeoCount]:
    counts = []
    for number, table in enumerate(tables, 1):
        where = f"aeo_count[{number}]"
        if not isinstance(table, dict):
            reader.problem(where, "must be a table")
            continue
        reader.keys(where, table, keys("aeo_count"))
        if ("as_of" in table) == ("published" in table):
            reader.problem(where, "give exactly one of 'as_of' and 'published'")
            continue
        published = "published" in table
        try:
            provenance = reader.fact_from(where, table, None)
            counts.append(
                AeoCount(
                    reader.field(where, table, "published" if published else "as_of", _toml_date),
                    published,
                    reader.field(where, table, "scope", _str),
                    reader.optional(where, table, "scope_zh", _str, None),
                    reader.optional(where, table, "tiers", _TIERS, ()) or (),
                    reader.field(where, table, "count", _int),
                    reader.field(where, table, "qualifier", _enum(Qualifier)),
                    reader.optional(where, table, "share", _str, "") or "",
                    provenance.sources,
                    provenance.confidence,
                    provenance.note,
                )
            )
        except _Invalid:
            continue
    return counts
