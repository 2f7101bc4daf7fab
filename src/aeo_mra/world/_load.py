"""Reading and validating the world data file (``data/world.toml``).

Like the China loader, it records every problem before failing, each naming the record
and the field. Sources may be the file's own or the China dataset's: one fact, one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any

from .._loader import (
    _caveats,
    _enum,
    _Invalid,
    _iso_codes,
    _list_of,
    _Reader,
    _source,
    _str,
    _table,
    _territories,
    _toml_date,
    _when,
)
from ..errors import DataError
from ..model import Arrangement, Dataset, Fact, Instrument, Membership, Scope, When
from ._china import programme_tiers
from ._model import (
    Administration,
    Bilateral,
    CommonProgramme,
    Completeness,
    Counted,
    Opening,
    Plurilateral,
    PlurilateralMember,
    ProgrammeTier,
    PublishedCount,
    Step,
    StepKind,
    WorldDataset,
)

__all__ = ["parse"]

UNION = "EU"
"""The one administration id that is not an ISO code."""

_FACT = {"sources", "confidence", "inferred", "note"}
_DATED = _FACT | {"date", "earliest", "latest"}
_BILATERAL = {
    "id", "name", "parties", "instrument", "steps", "scope", "recognised", "openings", "note",
    "caveats",
}  # fmt: skip
_PUBLISHED = {"on", "administration", "counted", "count", "sources", "unreached"}


def parse(text: str, china: Dataset, filename: str = "<world>") -> WorldDataset:
    """Parse and validate the world data's TOML text, reading sources with ``china``'s.

    Raises:
        DataError: Listing every problem found, each with record and field.
    """
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError([f"{filename}: not valid TOML: {error}"]) from None
    reader = _Reader(filename)
    reader.keys(
        "top level",
        raw,
        {"meta", "sources", "administration", "bilateral", "plurilateral", "common", "published"},
    )
    reader.sources.update(china.sources)
    for key, table in _mapping(raw, "sources").items():
        if key in china.sources:
            reader.problem(f"source {key}", "already a source of the China dataset: cite that one")
        _source(reader, key, table)
    meta = _mapping(raw, "meta")
    reader.keys("meta", meta, {"version", "reviewed"})
    version = reader.maybe("meta", meta, "version", _str)
    reviewed = reader.maybe("meta", meta, "reviewed", _toml_date)
    administrations: dict[str, Administration] = {}
    for index, table in enumerate(_list(raw, "administration")):
        administration = _administration(reader, index, table, china)
        if administration is not None:
            if administration.id in administrations:
                reader.problem(f"administration {administration.id}", "listed twice")
            administrations[administration.id] = administration
    _check_names(reader, administrations)
    bilaterals = [
        b
        for index, table in enumerate(_list(raw, "bilateral"))
        if (b := _bilateral(reader, index, table)) is not None
    ]
    plurilaterals = [
        p
        for index, table in enumerate(_list(raw, "plurilateral"))
        if (p := _plurilateral(reader, index, table)) is not None
    ]
    commons = [
        c
        for index, table in enumerate(_list(raw, "common"))
        if (c := _common(reader, index, table)) is not None
    ]
    unread = reader.unread["administration"]  # references to them follow from their problems
    known = set(administrations) | unread | {"CN"} | {a.id for a in china.arrangements}
    _check_references(reader, known, bilaterals, [*plurilaterals, *commons])
    _check_tiers(reader, administrations, china, [*bilaterals, *plurilaterals])
    for common in commons:
        _check_status(reader, common, administrations)
    published = _published(reader, _mapping(raw, "published"), known)
    if reader.problems:
        raise DataError(reader.problems)
    assert version is not None
    assert reviewed is not None
    own = {k: s for k, s in reader.sources.items() if k not in china.sources}
    return WorldDataset(
        version,
        reviewed,
        MappingProxyType(own),
        MappingProxyType(administrations),
        tuple(bilaterals),
        tuple(plurilaterals),
        tuple(commons),
        published,
    )


def _mapping(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    return value if isinstance(value, dict) else {}


def _list(raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    return value if isinstance(value, list) else []


def _dated(reader: _Reader, where: str, raw: Any) -> Fact[When]:
    """A date fact: ``date`` (day, ``YYYY-MM`` or ``YYYY``) or ``earliest``/``latest``."""
    table = _table(raw)
    reader.keys(where, table, _DATED)
    try:
        when = _when(table)
    except (TypeError, ValueError) as error:
        reader.problem(where, str(error))
        raise _Invalid from None
    return reader.fact_from(where, table, when)


def _administration(
    reader: _Reader, index: int, table: Any, china: Dataset
) -> Administration | None:
    where = f"administration #{index + 1}"
    ident: str | None = None
    try:
        table = _table(table)
        ident = reader.field(where, table, "id", _str)
        where = f"administration {ident}"
        allowed = {
            "id", "name", "programme", "aliases", "tiers", "members", "territories", "coverage",
            "sources",
        }  # fmt: skip
        reader.keys(where, table, allowed)
        if ident == "CN":
            reader.problem(where, "China's administration comes from the China dataset")
        records = {a.id: a for a in china.arrangements}
        if ident != UNION and ident not in _iso_codes() and ident not in records:
            reader.problem(f"{where}.id", f"{ident!r} is neither an ISO 3166-1 code nor {UNION}")
        name = reader.field(where, table, "name", _str)
        programme = reader.field(where, table, "programme", _str)
        aliases = (
            tuple(reader.field(where, table, "aliases", lambda v: _list_of(v, str)))
            if "aliases" in table
            else ()
        )
        tiers = _tiers(reader, where, table.get("tiers", []), records.get(ident))
        members = _members(reader, where, table.get("members"), china)
        members += _places(reader, where, ident, table, members)
        coverage = _coverage(reader, f"{where}.coverage", table.get("coverage"))
        sources = reader.field(where, table, "sources", reader.source_refs)
    except (_Invalid, KeyError, TypeError) as error:
        if not isinstance(error, _Invalid):
            reader.problem(where, f"malformed: {error}")
        if ident is not None:
            reader.unread["administration"].add(ident)
        return None
    return Administration(ident, name, programme, tiers, members, coverage, sources, aliases)


def _places(
    reader: _Reader,
    where: str,
    ident: str,
    table: Mapping[str, Any],
    members: tuple[Membership, ...],
) -> tuple[Membership, ...]:
    """The places whose standing in its customs territory is recorded, as a China record's
    ``territories`` are written: ``[{ code, coverage, first_day?, last_day?, sources,
    confidence, note? }]`` (Puerto Rico inside the United States', Guam outside)."""
    places = _territories(reader, where, table)
    taken = {m.territory for m in members} | {ident}
    for place in places:
        if place.territory in taken:
            reader.problem(f"{where}.territories", f"{place.territory} is its own or a member")
    return places


def _tiers(
    reader: _Reader, where: str, raw: Any, record: Arrangement | None
) -> tuple[ProgrammeTier, ...]:
    """The programme's tiers; with a China record, they must account for its tiers.

    A tier named ``within`` falls within the China record's coarser tier of that code;
    every tier the China record names must be a tier here, or include some.
    """
    tiers = []
    for entry in _list_of_tables(raw):
        reader.keys(f"{where}.tiers", entry, {"code", "name", "within", "aliases"})
        within = entry.get("within")
        aliases = tuple(_list_of(entry.get("aliases", []), str))
        code, name = _str(entry["code"]), _str(entry["name"])
        tiers.append(ProgrammeTier(code, name, within and _str(within), aliases))
    if not tiers:
        return ()
    for index, tier in enumerate(tiers):
        for other in tiers[index + 1 :]:
            shared = [n for n in (tier.code, tier.name, *tier.aliases) if other.named(n)]
            if shared:
                reader.problem(
                    f"{where}.tiers {tier.code}", f"{shared[0]!r} also names {other.code}"
                )
    if record is None:
        if any(t.within is not None for t in tiers):
            reader.problem(
                f"{where}.tiers",
                "'within' names a tier of a China record, and China has none with it",
            )
        return tuple(tiers)
    theirs = {t.code for t in record.partner_tiers}
    for tier in tiers:
        if tier.within is not None and tier.within not in theirs:
            reader.problem(
                f"{where}.tiers {tier.code}",
                f"within {tier.within!r}: the China record's tiers are {sorted(theirs)}",
            )
    accounted = {t.code for t in tiers} | {t.within for t in tiers}
    for code in sorted(theirs - accounted):
        reader.problem(
            f"{where}.tiers", f"the China record's tier {code!r} is neither a tier nor 'within' one"
        )
    return tuple(tiers)


def _members(reader: _Reader, where: str, raw: Any, china: Dataset) -> tuple[Membership, ...]:
    """A union's places: the China record's members and territories, with dated joins.

    ``members = { from_china = "EU", joined = [{ code, date, sources, confidence }] }``.
    """
    if raw is None:
        return ()
    here = f"{where}.members"
    table = _table(raw)
    reader.keys(here, table, {"from_china", "joined"})
    ident = reader.field(here, table, "from_china", _str)
    record = next((a for a in china.arrangements if a.id == ident), None)
    if record is None:
        reader.problem(here, f"the China dataset has no arrangement {ident!r}")
        raise _Invalid
    joined: dict[str, Fact[date]] = {}
    for entry in _list_of_tables(table.get("joined", [])):
        code = entry.get("code")
        fact = _dated(
            reader, f"{here}.joined {code}", {k: v for k, v in entry.items() if k != "code"}
        )
        if fact.value.earliest is None or fact.value.earliest != fact.value.latest:
            reader.problem(f"{here}.joined {code}", "a joining day must be known to the day")
            raise _Invalid
        joined[str(code)] = Fact(
            fact.value.earliest, fact.sources, fact.confidence, fact.inferred, fact.note
        )
    members = []
    for member in record.members + record.territories:
        since = joined.pop(member.territory, member.since)
        members.append(Membership(member.territory, since, member.until, member.basis))
    for code in joined:
        reader.problem(f"{here}.joined {code}", f"not a member of the China record {ident}")
    return tuple(members)


def _coverage(reader: _Reader, where: str, raw: Any) -> Completeness:
    if raw is None:
        reader.problem(where, "missing: say whether the list of partners is complete")
        raise _Invalid
    table = _table(raw)
    reader.keys(where, table, {"complete", "through", "note", "sources"})
    complete = reader.field(where, table, "complete", _boolean)
    through = reader.optional(where, table, "through", _toml_date, None)
    note = reader.field(where, table, "note", _str)
    if complete or "sources" in table:
        sources = reader.field(where, table, "sources", reader.source_refs)
    else:
        sources = ()
    return Completeness(complete, through, note, sources)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _list_of_tables(value: Any) -> list[dict[str, Any]]:
    return _list_of(value, dict)


def _steps(reader: _Reader, where: str, raw: Any) -> tuple[Step, ...]:
    steps = []
    for entry in _list_of_tables(raw):
        kind = _enum(StepKind)(entry.get("step"))
        here = f"{where}.steps {kind.value}"
        fact = _dated(reader, here, {k: v for k, v in entry.items() if k != "step"})
        steps.append(Step(kind, fact))
    return tuple(steps)


def _check_steps(reader: _Reader, where: str, steps: tuple[Step, ...], bilateral: bool) -> None:
    """An arrangement is recorded once signed; a bilateral one also before that, by its
    joint work (or action) plans alone."""
    kinds = {step.kind for step in steps}
    if StepKind.SIGNED in kinds or (bilateral and kinds == {StepKind.WORK_PLAN}):
        return
    before = ", or before that with 'work-plan' steps only" if bilateral else ""
    reader.problem(where, f"has no 'signed' step: an arrangement is recorded once signed{before}")


def _bilateral(reader: _Reader, index: int, table: Any) -> Bilateral | None:
    where = f"bilateral #{index + 1}"
    try:
        table = _table(table)
        ident = reader.field(where, table, "id", _str)
        where = f"bilateral {ident}"
        reader.keys(where, table, _BILATERAL)
        name = reader.field(where, table, "name", _str)
        parties = reader.field(where, table, "parties", _pair)
        instrument = reader.field(where, table, "instrument", _enum(Instrument))
        steps = _steps(reader, where, table.get("steps", []))
        scope, scope_by = _scope(reader, f"{where}.scope", table.get("scope"))
        recognised, at_least = _recognised(reader, where, table.get("recognised", []))
        openings = _openings(reader, where, table.get("openings", []))
        note = _str(table.get("note", ""))
        caveats = _caveats(reader, where, table.get("caveats", []))
    except (_Invalid, TypeError, ValueError) as error:
        if not isinstance(error, _Invalid):
            reader.problem(where, str(error))
        return None
    _check_steps(reader, where, steps, bilateral=True)
    bilateral = Bilateral(
        ident,
        name,
        parties,
        instrument,
        steps,
        scope,
        recognised,
        note,
        scope_by=scope_by,
        openings=openings,
        caveats=caveats,
        recognised_at_least=at_least,
    )
    for opening in openings:
        _check_opening(reader, f"{where}.openings {opening.recogniser}", bilateral, opening)
    return bilateral


def _scope(
    reader: _Reader, where: str, raw: Any
) -> tuple[Fact[Scope] | None, dict[str, Fact[Scope]]]:
    """The scope of all sides, ``{ value, confidence, sources, note? }``, or of each side
    where they differ: ``[{ by, value, … }]``, ``by`` the party (or member) whose customs
    facilitates."""
    if raw is None:
        return None, {}
    if not isinstance(raw, list):
        table = _table(raw)
        reader.keys(where, table, _FACT | {"value"})
        return reader.fact_from(where, table, _enum(Scope)(table.get("value"))), {}
    scope_by: dict[str, Fact[Scope]] = {}
    for entry in _list_of_tables(raw):
        party = reader.field(where, entry, "by", _str)
        here = f"{where} by {party}"
        reader.keys(here, entry, _FACT | {"by", "value"})
        if party in scope_by:
            reader.problem(here, "listed twice")
        value = reader.field(here, entry, "value", _enum(Scope))
        scope_by[party] = reader.fact_from(here, entry, value)
    return None, scope_by


_Tiers = dict[str, Fact[tuple[str, ...]]]


def _recognised(reader: _Reader, where: str, raw: Any) -> tuple[_Tiers, _Tiers]:
    """Per side (a party, or a plurilateral's member), the tiers of its programme the others
    recognise, ``[{ side, tiers, complete?, confidence, sources, note? }]``: complete lists,
    and those marked ``complete = false``, which name some tiers and leave the rest unknown."""
    complete: _Tiers = {}
    partial: _Tiers = {}
    for entry in _list_of_tables(raw):
        side = reader.field(f"{where}.recognised", entry, "side", _str)
        here = f"{where}.recognised {side}"
        reader.keys(here, entry, _FACT | {"side", "tiers", "complete"})
        if side in complete or side in partial:
            reader.problem(here, "listed twice")
        tiers = tuple(_list_of(entry.get("tiers"), str))
        listed = complete if reader.optional(here, entry, "complete", _boolean, True) else partial
        listed[side] = reader.fact_from(here, entry, tiers)
    return complete, partial


def _pair(value: Any) -> tuple[str, str]:
    parties = _list_of(value, str)
    if len(parties) != 2 or parties[0] == parties[1]:
        raise ValueError(f"expected two different administrations, got {parties!r}")
    return parties[0], parties[1]


def _members_of(reader: _Reader, where: str, raw: Any) -> tuple[PlurilateralMember, ...]:
    """A plurilateral's (or common programme's) members: ``[{ administration, live?, side? }]``."""
    members: list[PlurilateralMember] = []
    for entry in _list_of_tables(raw):
        code = _str(entry.get("administration"))
        reader.keys(f"{where}.members {code}", entry, {"administration", "live", "side"})
        if any(m.administration == code for m in members):
            reader.problem(f"{where}.members {code}", "listed twice")
        live = entry.get("live")
        fact = _dated(reader, f"{where}.members {code}.live", live) if live else None
        side = entry.get("side")
        members.append(PlurilateralMember(code, fact, None if side is None else _str(side)))
    return tuple(members)


def _common(reader: _Reader, index: int, table: Any) -> CommonProgramme | None:
    """A common programme: ``id``, ``name``, ``members``, an ``implemented`` step (the day
    its status became valid across them), an optional common ``status``, a ``note`` and
    ``caveats``."""
    where = f"common #{index + 1}"
    try:
        table = _table(table)
        ident = reader.field(where, table, "id", _str)
        where = f"common {ident}"
        allowed = {"id", "name", "members", "steps", "status", "note", "caveats"}
        reader.keys(where, table, allowed)
        name = reader.field(where, table, "name", _str)
        members = _members_of(reader, where, table.get("members", []))
        steps = _steps(reader, where, table.get("steps", []))
        raw = table.get("status")
        status = None
        if raw is not None:
            reader.keys(f"{where}.status", _table(raw), {"code", "name"})
            status = ProgrammeTier(_str(raw["code"]), _str(raw["name"]))
        note = _str(table.get("note", ""))
        caveats = _caveats(reader, where, table.get("caveats", []))
    except (_Invalid, KeyError, TypeError, ValueError) as error:
        if not isinstance(error, _Invalid):
            reader.problem(where, f"malformed: {error}")
        return None
    if not any(s.kind is StepKind.IMPLEMENTED for s in steps):
        reader.problem(where, "has no 'implemented' step: the day its status became valid")
    if any(m.live is not None or m.side is not None for m in members):
        reader.problem(f"{where}.members", "a common programme's members have no day or side")
    return CommonProgramme(ident, name, members, steps, note, caveats=caveats, status=status)


def _plurilateral(reader: _Reader, index: int, table: Any) -> Plurilateral | None:
    where = f"plurilateral #{index + 1}"
    try:
        table = _table(table)
        ident = reader.field(where, table, "id", _str)
        where = f"plurilateral {ident}"
        allowed = {
            "id", "name", "members", "steps", "scope", "recognised", "openings", "note", "caveats",
        }  # fmt: skip
        reader.keys(where, table, allowed)
        name = reader.field(where, table, "name", _str)
        members = _members_of(reader, where, table.get("members", []))
        steps = _steps(reader, where, table.get("steps", []))
        scope, scope_by = _scope(reader, f"{where}.scope", table.get("scope"))
        recognised, at_least = _recognised(reader, where, table.get("recognised", []))
        openings = _openings(reader, where, table.get("openings", []))
        note = _str(table.get("note", ""))
        caveats = _caveats(reader, where, table.get("caveats", []))
    except (_Invalid, TypeError, ValueError) as error:
        if not isinstance(error, _Invalid):
            reader.problem(where, str(error))
        return None
    _check_steps(reader, where, steps, bilateral=False)
    sides = {member.side for member in members}
    if sides != {None} and (None in sides or len(sides) != 2):
        reader.problem(f"{where}.members", "between blocs, every member names one of two sides")
    plurilateral = Plurilateral(
        ident,
        name,
        members,
        steps,
        note,
        recognised,
        openings,
        caveats=caveats,
        recognised_at_least=at_least,
        scope=scope,
        scope_by=scope_by,
    )
    for opening in openings:
        _check_opening(reader, f"{where}.openings {opening.recogniser}", plurilateral, opening)
    return plurilateral


def _check_names(reader: _Reader, administrations: Mapping[str, Administration]) -> None:
    """A name or alias names one administration: no other's id (in any case), name or
    alias; and an alias names no tier."""
    for administration in administrations.values():
        others = [a for a in administrations.values() if a is not administration]
        where = f"administration {administration.id}"
        for name in (administration.name, *administration.aliases):
            named = [a.id for a in others if a.named(name) or a.id.casefold() == name.casefold()]
            if name == administration.name:
                if named:
                    reader.problem(f"{where}.name", f"{name!r} names {named[0]} too")
                continue
            tiers = [a.id for a in administrations.values() if a.tier(name) is not None]
            if named or tiers or name.casefold() == administration.name.casefold():
                also = (
                    f"names {named[0]} too" if named
                    else f"names a tier of {tiers[0]}" if tiers
                    else "is its name already"
                )  # fmt: skip
                reader.problem(f"{where}.aliases", f"{name!r} {also}")


def _check_opening(
    reader: _Reader, where: str, arrangement: Bilateral | Plurilateral, opening: Opening
) -> None:
    """An opening is between two parties it recognises between, and not before recognition
    began for either (a member going live): until then, that day decides."""
    if not arrangement.covers(opening.recogniser, opening.holder):
        reader.problem(
            where, f"{opening.holder!r}: the arrangement does not recognise between them"
        )
        return
    latest = opening.when.value.latest
    for code in (opening.recogniser, opening.holder):
        began = arrangement.began(code)
        start = began.value.earliest if began is not None else None
        if latest is not None and start is not None and latest < start:
            reader.problem(
                where,
                f"opens to {opening.holder} before recognition began for {code} ({start}): "
                "an opening is recorded only where it came later",
            )


def _openings(reader: _Reader, where: str, raw: Any) -> tuple[Opening, ...]:
    """Days a party opened to the other's (a member to one other member's) AEOs:
    ``[{ recogniser, holder, date | earliest / latest, confidence, sources, note? }]``."""
    openings: dict[tuple[str, str], Opening] = {}
    for entry in _list_of_tables(raw):
        here = f"{where}.openings"
        pair = (
            reader.field(here, entry, "recogniser", _str),
            reader.field(here, entry, "holder", _str),
        )
        here += f" {pair[0]} to {pair[1]}"
        if pair in openings:
            reader.problem(here, "listed twice")
        dated = {k: v for k, v in entry.items() if k not in ("recogniser", "holder")}
        openings[pair] = Opening(*pair, _dated(reader, here, dated))
    return tuple(openings.values())


def _check_references(
    reader: _Reader,
    known: set[str],
    bilaterals: list[Bilateral],
    plurilaterals: list[Plurilateral],
) -> None:
    """Every party names an administration (``known``: the data's, China and China's
    partners); China's own arrangements stay in the China data."""
    seen: set[frozenset[str]] = set()
    for bilateral in bilaterals:
        where = f"bilateral {bilateral.id}"
        for party in bilateral.parties:
            if party == "CN":
                reader.problem(where, "China's arrangements come from the China dataset")
            elif party not in known:
                reader.problem(where, f"party {party!r} is no administration of the data")
        for per_side in (bilateral.recognised, bilateral.recognised_at_least):
            _check_sides(reader, f"{where}.recognised", per_side, bilateral.parties)
        _check_sides(reader, f"{where}.scope", bilateral.scope_by, bilateral.parties)
        pair = frozenset(bilateral.parties)
        if pair in seen:
            reader.problem(where, "a second arrangement between the same parties")
        seen.add(pair)
    for plurilateral in plurilaterals:
        common = isinstance(plurilateral, CommonProgramme)
        where = f"{'common' if common else 'plurilateral'} {plurilateral.id}"
        members = tuple(m.administration for m in plurilateral.members)
        for member in members:
            if member not in known:
                reader.problem(where, f"member {member!r} is no administration of the data")
        for per_side in (plurilateral.recognised, plurilateral.recognised_at_least):
            _check_sides(reader, f"{where}.recognised", per_side, members)
        _check_sides(reader, f"{where}.scope", plurilateral.scope_by, members)


def _published(
    reader: _Reader, table: Mapping[str, Any], known: set[str]
) -> tuple[PublishedCount, ...]:
    """The published counts: ``[published] counts = [{ on, administration?, counted, count,
    sources, unreached? }]``, ``administration`` left out for the world's."""
    reader.keys("published", table, {"counts"})
    found = []
    for index, raw in enumerate(_list(table, "counts")):
        where = f"published count #{index + 1}"
        try:
            row = _table(raw)
            reader.keys(where, row, _PUBLISHED)
            on = reader.field(where, row, "on", _toml_date)
            who = reader.optional(where, row, "administration", _str, None)
            if who is not None and who not in known:
                reader.problem(where, f"{who!r} is no administration of the data")
            counted = reader.field(where, row, "counted", _enum(Counted))
            count = reader.field(where, row, "count", _count)
            sources = reader.field(where, row, "sources", reader.source_refs)
            unreached = reader.field(where, row, "unreached", _str) if "unreached" in row else ""
        except (_Invalid, TypeError, ValueError) as error:
            if not isinstance(error, _Invalid):
                reader.problem(where, str(error))
            continue
        found.append(PublishedCount(on, who, counted, count, sources, unreached))
    return tuple(found)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"expected a count (an integer of 0 or more), got {value!r}")
    return value


def _check_status(
    reader: _Reader, common: CommonProgramme, administrations: Mapping[str, Administration]
) -> None:
    """A holder names a common status as a tier of its administration: it must not be one."""
    status = common.status
    for member in (m.administration for m in common.members):
        own = administrations.get(member)
        if status is not None and own is not None and own.tier(status.code) is not None:
            reader.problem(f"common {common.id}.status", f"{status.code!r} is a tier of {member}")


def _check_tiers(
    reader: _Reader,
    administrations: Mapping[str, Administration],
    china: Dataset,
    arrangements: Sequence[Bilateral | Plurilateral],
) -> None:
    """Each side's recognised tiers are tiers of its programme (the world data's, or the
    China record's), each once; an incomplete list leaves one out."""
    records = {a.id: a for a in china.arrangements}
    for arrangement in arrangements:
        kind = "bilateral" if isinstance(arrangement, Bilateral) else "plurilateral"
        lists = [(s, f, True) for s, f in arrangement.recognised.items()]
        lists += [(s, f, False) for s, f in arrangement.recognised_at_least.items()]
        for side, fact, complete in lists:
            where = f"{kind} {arrangement.id}.recognised {side}.tiers"
            own, record = administrations.get(side), records.get(side)
            if own is None and record is None:  # no administration: reported as such
                continue
            codes = [t.code for t in programme_tiers(own, record)]
            if not fact.value:
                reader.problem(where, "names no tier")
            for code in sorted({c for c in fact.value if c not in codes}):
                valid = f"one of {', '.join(codes)}" if codes else "its programme has no tiers"
                reader.problem(where, f"{code!r} is not a tier of {side}'s programme: {valid}")
            if len(set(fact.value)) < len(fact.value):
                reader.problem(where, "names a tier twice")
            if not complete and codes and set(codes) <= set(fact.value):
                reader.problem(where, "names every tier: leave 'complete' out")


def _check_sides(
    reader: _Reader, where: str, per_side: Mapping[str, object], parties: tuple[str, ...]
) -> None:
    """Tiers and scope are given per party (or member) of the arrangement, by its id."""
    for side in per_side:
        if side not in parties:
            reader.problem(where, f"{side!r} is not a party: one of {', '.join(parties)}")
