"""Reading and validating a dataset file into frozen records.

Validation collects every problem before failing, each naming the file, the record and
the field, so one run shows everything that is wrong with a file.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from string import Formatter
from types import MappingProxyType
from typing import Any, TypeVar, cast

from ._limits import EARLIEST_DAY, LATEST_DAY, MAX_FILE_BYTES
from ._patterns import check_pattern, widths
from ._schema import SCHEMA_VERSION, file_spellings, json_schema, keys
from ._shape import shape_problems, too_deep
from .errors import DataError, _quoted
from .model import (
    Arrangement,
    Basis,
    Benefit,
    CodeFormat,
    CodePrefix,
    Confidence,
    CountedTerritory,
    Coverage,
    Dataset,
    DeclarationField,
    DeclarationRule,
    Fact,
    Instrument,
    Membership,
    PartnerKind,
    PartnerTier,
    Precision,
    Scope,
    Source,
    SourceKind,
    Stage,
    Tier,
    TierPeriod,
    When,
)

__all__ = ["SCHEMA_VERSION", "parse", "read_toml"]

E = TypeVar("E", bound="Any")
V = TypeVar("V")

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_ID = re.compile(r"[A-Z][A-Z0-9-]*")


class _Invalid(Exception):
    """One field is wrong; the reader records it and moves on."""


class _Reader:
    """Turns raw TOML tables into records, recording every problem it meets."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[str] = []
        self.sources: dict[str, Source] = {}
        self.unread: defaultdict[str, set[Any]] = defaultdict(set)
        """Keys of records there but not read, by kind ("source", …): their problems are
        recorded, so what refers to them reports none of its own."""

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.filename}: {where}: {message}")

    def field(self, where: str, table: Mapping[str, Any], key: str, read: Callable[[Any], V]) -> V:
        """Read ``table[key]`` with ``read``; on failure record it and raise ``_Invalid``."""
        if key not in table:
            self.problem(where, f"missing field {key!r}")
            raise _Invalid
        try:
            return read(table[key])
        except (TypeError, ValueError) as error:
            self.problem(f"{where}.{key}", str(error))
            raise _Invalid from None

    def optional(
        self, where: str, table: Mapping[str, Any], key: str, read: Callable[[Any], V], default: V
    ) -> V | None:
        """Like `maybe`, but ``default`` when the field is absent."""
        return self.maybe(where, table, key, read) if key in table else default

    def maybe(
        self, where: str, table: Mapping[str, Any], key: str, read: Callable[[Any], V]
    ) -> V | None:
        """Like `field`, but ``None`` (with the problem recorded) on failure."""
        try:
            return self.field(where, table, key, read)
        except _Invalid:
            return None

    def territory(self, where: str, code: object, *, china: bool = False) -> None:
        """Record a problem unless ``code`` is an ISO 3166-1 alpha-2 code (China's if allowed)."""
        if code == "CN" and not china:
            self.problem(where, "'CN' is China itself, not a partner")
        elif not isinstance(code, str) or code not in _iso_codes():
            self.problem(where, f"{_quoted(code)} is not an ISO 3166-1 alpha-2 code")

    def keys(self, where: str, table: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(where, f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")

    def source_refs(self, value: Any) -> tuple[Source, ...]:
        names = _list_of(value, str)
        if not names:
            raise ValueError("cites no source")
        missing = [n for n in names if n not in self.sources and n not in self.unread["source"]]
        if missing:
            raise ValueError(f"cites unknown source(s) {', '.join(missing)}")
        if not self.unread["source"].isdisjoint(names):
            raise _Invalid
        return tuple(self.sources[n] for n in names)

    def fact(
        self,
        where: str,
        table: Mapping[str, Any],
        key: str,
        read: Callable[[Any], V],
    ) -> Fact[V]:
        """Read a fact: an inline table with the value, ``sources`` and ``confidence``."""
        raw = self.field(where, table, key, _table)
        here = f"{where}.{key}"
        self.keys(here, raw, keys("arrangement", "scope"))
        return self.fact_from(here, raw, self.field(here, raw, "value", read))

    def fact_from(self, where: str, raw: Mapping[str, Any], value: V) -> Fact[V]:
        sources = self.maybe(where, raw, "sources", self.source_refs)
        confidence = self.maybe(where, raw, "confidence", _enum(Confidence))
        inferred = self.optional(where, raw, "inferred", _bool, False)
        note = self.optional(where, raw, "note", _str, "")
        if inferred and confidence is not Confidence.LOW:
            self.problem(where, "an inferred fact must have confidence 'low'")
        if sources is None or confidence is None or inferred is None or note is None:
            raise _Invalid
        return Fact(value, sources, confidence, inferred, note)


def read_toml(text: str, filename: str) -> dict[str, Any]:
    """A data file's TOML, held to the limits on its size and shape.

    Raises:
        DataError: The text is not TOML, or breaks a limit.
    """
    import tomllib

    if len(text) > MAX_FILE_BYTES:
        raise DataError([f"{filename}: longer than the limit of {MAX_FILE_BYTES:,} characters"])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError([f"{filename}: not valid TOML: {error}"]) from None
    except RecursionError:
        raise DataError([f"{filename}: {too_deep(text)}"]) from None
    too_big = shape_problems(raw)
    if too_big:
        raise DataError([f"{filename}: {problem}" for problem in too_big])
    return raw


def parse(text: str, filename: str = "<dataset>") -> Dataset:
    """Parse and validate a dataset's TOML text.

    Raises:
        DataError: Listing every problem found, each with file, record and field.
    """
    raw = read_toml(text, filename)
    reader = _Reader(filename)
    reader.keys("top level", raw, set(json_schema()["properties"]))
    version, reviewed = _meta(reader, raw.get("meta", {}))
    for key, table in _mapping(reader, raw, "sources").items():
        _source(reader, key, table)
    tiers = _tiers(reader, _mapping(reader, raw, "tiers"))
    rules = _declaration_rules(reader, _array(reader, raw, "declaration_rule"))
    aliases = _aliases(reader, _mapping(reader, raw, "aliases"))
    arrangements = []
    for index, table in enumerate(_array(reader, raw, "arrangement")):
        arrangement = _arrangement(reader, index, table)
        if arrangement is not None:
            arrangements.append(arrangement)
    counted = _counted_territories(reader, _array(reader, raw, "counted_territory"))
    _check_unique_coverage(reader, arrangements)
    _check_counted(reader, arrangements, counted)
    _check_bare_formats(reader, arrangements)
    if reader.problems:
        raise DataError(reader.problems)
    assert version is not None
    assert reviewed is not None
    return Dataset(
        version,
        reviewed,
        MappingProxyType(reader.sources),
        tuple(arrangements),
        tiers,
        rules,
        aliases,
        counted,
    )


def _mapping(reader: _Reader, raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        reader.problem(key, "must be a table")
        return {}
    return value


def _array(reader: _Reader, raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        reader.problem(key, "must be an array of tables ([[...]])")
        return []
    return value


def _meta(
    reader: _Reader, meta: Any, expected: int = SCHEMA_VERSION
) -> tuple[str | None, date | None]:
    """The file's version and review day; its schema must be ``expected``."""
    if not isinstance(meta, dict):
        reader.problem("meta", "must be a table")
        return None, None
    reader.keys("meta", meta, keys("meta"))
    schema = reader.maybe("meta", meta, "schema", _int)
    if schema is not None and schema != expected:
        reader.problem("meta.schema", f"schema {schema} is not supported (expected {expected})")
    version = reader.maybe("meta", meta, "version", _str)
    reviewed = reader.maybe("meta", meta, "reviewed", _toml_date)
    return version, reviewed


def _source(reader: _Reader, key: str, table: Any) -> None:
    where = f"source {key}"
    if not isinstance(table, dict):
        reader.problem(where, "must be a table")
        reader.unread["source"].add(key)
        return
    reader.keys(where, table, keys("source"))
    title = reader.maybe(where, table, "title", _str)  # each read: every problem is recorded
    kind = reader.maybe(where, table, "kind", _enum(SourceKind))
    urls = reader.maybe(where, table, "urls", _urls)
    note = reader.optional(where, table, "note", _str, "")
    citation = reader.optional(where, table, "citation", _str, "")
    if title is None or kind is None or urls is None or note is None or citation is None:
        reader.unread["source"].add(key)
        return
    reader.sources[key] = Source(key, title, kind, urls, note, citation)


def _tiers(reader: _Reader, raw: Mapping[str, Any]) -> Mapping[Tier, TierPeriod]:
    periods: dict[Tier, TierPeriod] = {}
    for key, value in raw.items():
        where = f"tier {key}"
        try:
            tier = _enum(Tier)(key)
            table = _table(value)
            reader.keys(where, table, keys("tier"))
            since, until = _period(reader, where, table)
            default = _bool(table.get("default", False))
            if default and table.get("aeo", True) is False:
                reader.problem(where, "aeo = false on a default tier: China's AEO tier is an AEO's")
            periods[tier] = TierPeriod(
                tier,
                since,
                until,
                reader.field(where, table, "sources", reader.source_refs),
                default,
                _caveats(reader, where, table.get("caveats", [])),
                default or _bool(table.get("aeo", False)),  # the default tier is the AEO's
            )
        except (_Invalid, TypeError, ValueError) as error:
            if not isinstance(error, _Invalid):
                reader.problem(where, str(error))
    for tier in Tier:
        if tier.name not in raw:
            reader.problem("tiers", f"tier {tier.name} has no period")
    if len(periods) == len(raw):  # else the default tiers are not all known
        defaults = [p for p in periods.values() if p.default]
        _check_continuous(reader, "tiers", "default tier", [(p.since, p.until) for p in defaults])
    return MappingProxyType(periods)


def _period(
    reader: _Reader, where: str, table: Mapping[str, Any]
) -> tuple[date | None, date | None]:
    """The optional ``since`` and ``until`` days of a table, in order."""
    since = reader.optional(where, table, "since", _toml_date, None)
    until = reader.optional(where, table, "until", _toml_date, None)
    if since and until and until < since:
        reader.problem(where, f"until {until} is before since {since}")
    return since, until


def _check_continuous(
    reader: _Reader, where: str, what: str, periods: list[tuple[date | None, date | None]]
) -> None:
    """Periods that cover all time: open at both ends, and neither overlapping nor leaving
    a gap, so that exactly one applies on any day."""
    ordered = sorted(periods, key=lambda p: p[0] or date.min)
    if not ordered:
        reader.problem(where, f"no {what} is given")
        return
    if ordered[0][0] is not None:
        reader.problem(where, f"no {what} before {ordered[0][0]}")
    if ordered[-1][1] is not None:
        reader.problem(where, f"no {what} after {ordered[-1][1]}")
    for (_, until), (since, _) in itertools.pairwise(ordered):
        if until is None or since is None or since <= until:
            reader.problem(where, f"two {what} periods overlap from {since}")
        elif since != until + timedelta(days=1):
            reader.problem(where, f"no {what} from {until + timedelta(days=1)} to {since}")


def _declaration_rules(reader: _Reader, tables: list[Any]) -> tuple[DeclarationRule, ...]:
    rules = []
    for number, raw in enumerate(tables, 1):
        where = f"declaration_rule[{number}]"
        try:
            table = _table(raw)
            reader.keys(where, table, keys("declaration_rule"))
            since, until = _period(reader, where, table)
            rules.append(
                DeclarationRule(
                    reader.field(where, table, "field", _enum(DeclarationField)),
                    reader.field(where, table, "form", _form),
                    since,
                    until,
                    reader.field(where, table, "sources", reader.source_refs),
                )
            )
        except (_Invalid, TypeError) as error:
            if not isinstance(error, _Invalid):
                reader.problem(where, str(error))
    _check_continuous(
        reader, "declaration_rule", "declaration rule", [(r.since, r.until) for r in rules]
    )
    return tuple(rules)


def _form(value: Any) -> str:
    """A declaration form: text with only ``{code}``, ``{place}`` and ``{number}`` fields."""
    text = _str(value)
    wanted = "{code}, or {place} and {number}, and no other fields"
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(text)]
    except ValueError as error:
        raise ValueError(f"{_quoted(text)} is not a form with {wanted}: {error}") from None
    names = {name for name, spec, conversion in fields if name is not None}
    plain = all(not spec and conversion is None for name, spec, conversion in fields if name)
    if not names or not names <= {"code", "place", "number"} or not plain:
        raise ValueError(f"{_quoted(text)} is not a form with {wanted}")
    return text


def _aliases(reader: _Reader, raw: Mapping[str, Any]) -> Mapping[str, str]:
    from .places import normalise

    aliases: dict[str, str] = {}
    seen: dict[str, str] = {}  # normalised name: the alias that has it
    for name, code in raw.items():
        where = f"aliases.{name}"
        before = len(reader.problems)
        reader.territory(where, code, china=True)
        key = normalise(name)
        if not key:
            reader.problem(where, "is empty once spaces and punctuation are dropped")
        elif key in seen and raw[seen[key]] != code:
            reader.problem(where, f"reads as {seen[key]!r}, which names {raw[seen[key]]}")
        else:
            _check_alias(reader, where, key, code)
        seen.setdefault(key, name)
        if len(reader.problems) == before:
            aliases[name] = code
    return MappingProxyType(aliases)


# The names of mainland China an alias may give to CN (the ISO names already name it).
_MAINLAND_CHINA = ("中国大陆", "中国内地", "内地", "大陆", "Mainland China", "PRC", "P.R.C.")


def _check_alias(reader: _Reader, where: str, key: str, code: object) -> None:
    """An alias adds a name: it may not take an ISO code or name from its place, nor make
    anything but a name of mainland China name China itself."""
    from .places import iso_names, normalise

    if key.isdigit():
        reader.problem(where, "is digits, which read as an ISO 3166-1 numeric code")
        return
    iso = iso_names().get(key)
    if iso is not None and iso != code:
        reader.problem(
            where, f"is ISO 3166-1's name or code of {iso}; an alias may not redefine it"
        )
    elif code == "CN" and iso is None and key not in {normalise(n) for n in _MAINLAND_CHINA}:
        reader.problem(
            where,
            f"only a name of mainland China may name CN ({', '.join(_MAINLAND_CHINA)}); "
            "China is not a partner of itself",
        )


def _arrangement(reader: _Reader, index: int, table: Any) -> Arrangement | None:
    if not isinstance(table, dict):
        reader.problem(f"arrangement #{index + 1}", "must be a table")
        return None
    ident = table.get("id")
    where = f"arrangement {ident}" if isinstance(ident, str) else f"arrangement #{index + 1}"
    reader.keys(where, table, keys("arrangement"))
    before = len(reader.problems)
    parts: dict[str, Any] = {}
    readers: dict[str, Callable[[], Any]] = {
        "id": lambda: reader.field(where, table, "id", _identifier),
        "name": lambda: reader.optional(where, table, "name", _str, ""),
        "partner": lambda: reader.field(where, table, "partner", _str),
        "partner_zh": lambda: reader.field(where, table, "partner_zh", _str),
        "partner_aliases": lambda: tuple(_list_of(table.get("partner_aliases", []), str)),
        "partner_kind": lambda: reader.field(where, table, "kind", _enum(PartnerKind)),
        "instrument": lambda: reader.field(where, table, "instrument", _enum(Instrument)),
        "counted": lambda: _bool(table.get("counted", True)),
        "signed": lambda: _dated(reader, where, table, "signed"),
        "implemented": lambda: (
            _dated(reader, where, table, "implemented") if "implemented" in table else None
        ),
        "stages": lambda: _stages(reader, where, table.get("stages", [])),
        "scope": lambda: reader.fact(where, table, "scope", _enum(Scope)),
        "china_tiers": lambda: reader.fact(where, table, "china_tiers", _tuple_of(_enum(Tier))),
        "partner_programme": lambda: reader.fact(where, table, "partner_programme", _str),
        "partner_tiers": lambda: reader.field(where, table, "partner_tiers", _partner_tiers),
        "benefits": lambda: reader.fact(where, table, "benefits", _tuple_of(_enum(Benefit))),
        "benefits_wording": lambda: _str(table.get("benefits_wording", "")),
        "code_format": lambda: _code_format(reader, where, table),
        "members": lambda: _members(reader, where, table),
        "territories": lambda: _territories(reader, where, table),
        "caveats": lambda: _caveats(reader, where, table.get("caveats", [])),
    }
    for name, read in readers.items():
        try:
            parts[name] = read()
        except _Invalid:
            pass
        except (TypeError, ValueError) as error:
            reader.problem(f"{where}.{name}", str(error))
    if len(reader.problems) > before or len(parts) < len(readers):  # a part cites a bad source
        return None
    if not parts["name"]:
        parts["name"] = f"China–{parts['partner']} {parts['instrument'].description}"
    arrangement = Arrangement(**parts)
    _check_dates(reader, where, arrangement)
    return arrangement


def _dated(reader: _Reader, where: str, table: Mapping[str, Any], key: str) -> Fact[When]:
    raw = reader.field(where, table, key, _table)
    here = f"{where}.{key}"
    reader.keys(here, raw, keys("arrangement", key))
    try:
        when = _when(raw)
    except (TypeError, ValueError) as error:
        reader.problem(here, str(error))
        raise _Invalid from None
    return reader.fact_from(here, raw, when)


def _when(raw: Mapping[str, Any]) -> When:
    if "date" in raw:
        if "earliest" in raw or "latest" in raw:
            raise ValueError("give either 'date' or 'earliest'/'latest', not both")
        return _fuzzy_date(raw["date"])
    earliest = _toml_date(raw["earliest"]) if "earliest" in raw else None
    latest = _toml_date(raw["latest"]) if "latest" in raw else None
    if earliest and latest and latest < earliest:
        raise ValueError(f"latest {latest} is before earliest {earliest}")
    precision = Precision.UNKNOWN if earliest is None and latest is None else Precision.RANGE
    return When(earliest, latest, precision)


def _fuzzy_date(value: Any) -> When:
    if isinstance(value, date):
        return When.exact(_toml_date(value))
    text = _str(value)
    month = _MONTH.fullmatch(text)
    if (month or _YEAR.fullmatch(text)) and not (
        EARLIEST_DAY.year <= int(text[:4]) <= LATEST_DAY.year
    ):
        raise ValueError(f"{_quoted(text)} is not between {EARLIEST_DAY} and {LATEST_DAY}")
    if month:
        year, number = int(month[1]), int(month[2])
        if not 1 <= number <= 12:
            raise ValueError(f"{_quoted(text)} has no month {number}")
        first = date(year, number, 1)
        last = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
        return When(first, last, Precision.MONTH)
    if _YEAR.fullmatch(text):
        year = int(text)
        return When(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
    raise ValueError(f"{_quoted(text)} is not a date, 'YYYY-MM' or 'YYYY'")


def _stages(reader: _Reader, where: str, raw: Any) -> tuple[Stage, ...]:
    stages = []
    for number, table in enumerate(_list_of(raw, dict), 1):
        here = f"{where}.stages[{number}]"
        reader.keys(here, table, keys("arrangement", "stages"))
        stages.append(
            Stage(
                reader.field(here, table, "start", _toml_date),
                reader.field(here, table, "description", _str),
                reader.field(here, table, "sources", reader.source_refs),
            )
        )
    starts = [s.start for s in stages]
    if starts != sorted(set(starts)):
        reader.problem(f"{where}.stages", "stages must be in date order, one per day")
    return tuple(stages)


def _partner_tiers(raw: Any) -> tuple[PartnerTier, ...]:
    tiers = []
    for table in _list_of(raw, dict):
        if set(table) != keys("arrangement", "partner_tiers"):
            raise ValueError(f"a partner tier has exactly code, name and recognised, not {table}")
        tiers.append(
            PartnerTier(_str(table["code"]), _str(table["name"]), _bool(table["recognised"]))
        )
    codes = [t.code.casefold() for t in tiers]
    if not tiers or len(set(codes)) != len(codes):
        raise ValueError("needs at least one tier, each code once")
    return tuple(tiers)


def _code_format(reader: _Reader, where: str, table: Mapping[str, Any]) -> Fact[CodeFormat] | None:
    if "code_format" not in table:
        return None
    raw = reader.field(where, table, "code_format", _table)
    here = f"{where}.code_format"
    reader.keys(here, raw, keys("arrangement", "code_format"))
    pattern = reader.field(here, raw, "pattern", _str)
    prefix = reader.field(here, raw, "prefix", _enum(CodePrefix))
    example = reader.field(here, raw, "example", _str)
    members = table.get("members")
    places = members if isinstance(members, list) else []
    try:  # before re sees it: a pattern outside the subset may take exponential time
        check_pattern(pattern)
    except ValueError as error:
        reader.problem(f"{here}.pattern", f"{_quoted(pattern)}: {error}")
        raise _Invalid from None
    try:
        regex = re.compile(pattern, re.ASCII)
    except re.error as error:
        reader.problem(f"{here}.pattern", f"not a regular expression: {error}")
        raise _Invalid from None
    if prefix is CodePrefix.NONE and len(places) != 1:
        reader.problem(f"{here}.prefix", "'none' is for an arrangement with one member")
    if prefix is not CodePrefix.NONE and example[:2] not in places:
        reader.problem(f"{here}.example", f"{_quoted(example)} does not begin with a member's code")
    matched = example[2:] if prefix is CodePrefix.SEPARATE else example
    if not regex.fullmatch(matched):
        reader.problem(f"{here}.example", f"{_quoted(matched)} does not match {_quoted(pattern)}")
    code_format = CodeFormat(
        pattern,
        prefix,
        example,
        reader.field(here, raw, "description", _str),
        _bool(raw.get("verified", True)),
    )
    return reader.fact_from(here, raw, code_format)


def _members(reader: _Reader, where: str, table: Mapping[str, Any]) -> tuple[Membership, ...]:
    codes = reader.field(where, table, "members", lambda v: _list_of(v, str))
    if not codes or len(set(codes)) != len(codes):
        reader.problem(f"{where}.members", "needs at least one territory, each once")
    for code in codes:
        reader.territory(f"{where}.members", code)
    changes: dict[str, dict[str, Fact[date]]] = {}
    for key, bound in (("joins", "since"), ("leaves", "until")):
        day_key = "first_day" if key == "joins" else "last_day"
        for number, raw in enumerate(_list_of(table.get(key, []), dict), 1):
            here = f"{where}.{key}[{number}]"
            reader.keys(here, raw, keys("arrangement", key))
            change = reader.maybe(here, raw, "code", _str)
            day = reader.maybe(here, raw, day_key, _toml_date)
            if change is not None and change not in codes:
                reader.problem(here, f"{_quoted(change)} is not among the members")
            try:  # each entry read, so that every problem is recorded
                fact = reader.fact_from(here, raw, day)
            except _Invalid:
                continue
            if change is not None and bound in changes.get(change, {}):
                reader.problem(here, f"{change} {key} a second time (one {day_key} a member)")
            elif change is not None and day is not None:
                changes.setdefault(change, {})[bound] = cast("Fact[date]", fact)
    members = tuple(
        Membership(code, changes.get(code, {}).get("since"), changes.get(code, {}).get("until"))
        for code in codes
    )
    for member in members:
        if member.since and member.until and member.until.value < member.since.value:
            reader.problem(f"{where}.members", f"{member.territory} leaves before it joins")
    return members


def _territories(reader: _Reader, where: str, table: Mapping[str, Any]) -> tuple[Membership, ...]:
    """Places that are not members, with their standing in the customs territory covered."""
    members = table.get("members")
    seen = set(members) if isinstance(members, list) else set()
    territories = []
    for number, raw in enumerate(_list_of(table.get("territories", []), dict), 1):
        here = f"{where}.territories[{number}]"
        reader.keys(here, raw, keys("arrangement", "territories"))
        try:
            code = reader.field(here, raw, "code", _str)
            reader.territory(here, code)
            if code in seen:
                reader.problem(here, f"{code} is a member, or listed twice")
            seen.add(code)
            basis = reader.fact_from(
                here, raw, reader.field(here, raw, "coverage", _enum(Coverage))
            )
            since, until = (
                reader.optional(here, raw, key, _toml_date, None)
                for key in ("first_day", "last_day")
            )
        except _Invalid:
            continue
        dated = [Fact(d, basis.sources, basis.confidence, basis.inferred) if d else None
                 for d in (since, until)]  # fmt: skip
        territories.append(Membership(code, dated[0], dated[1], basis))
    return tuple(territories)


def _caveats(reader: _Reader, where: str, raw: Any) -> tuple[Fact[str], ...]:
    caveats = []
    for number, table in enumerate(_list_of(raw, dict), 1):
        here = f"{where}.caveats[{number}]"
        reader.keys(here, table, keys("arrangement", "caveats"))
        text = reader.field(here, table, "text", _str)
        caveats.append(reader.fact_from(here, {"confidence": "high", **table}, text))
    return tuple(caveats)


def _counted_territories(reader: _Reader, tables: list[Any]) -> tuple[CountedTerritory, ...]:
    counted = []
    for number, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            reader.problem(f"counted_territory[{number}]", "must be a table")
            continue
        where = f"counted_territory[{number}]"
        reader.keys(where, table, keys("counted_territory"))
        try:
            code = reader.field(where, table, "code", _str)
            reader.territory(f"{where}.code", code)
            bases = reader.field(where, table, "bases", _tuple_of(_enum(Basis)))
            since = reader.fact_from(where, table, reader.field(where, table, "since", _toml_date))
            counted.append(CountedTerritory(code, since, bases))
        except _Invalid:
            pass
    return tuple(counted)


def _check_counted(
    reader: _Reader, arrangements: list[Arrangement], counted: tuple[CountedTerritory, ...]
) -> None:
    """A territory is counted on its own once at most, and only while no arrangement covers it."""
    seen: set[str] = set()
    for number, entry in enumerate(counted, 1):
        where = f"counted_territory[{number}]"
        if entry.territory in seen:
            reader.problem(where, f"{entry.territory} is counted a second time")
        seen.add(entry.territory)
        for arrangement in arrangements:
            for member in arrangement.members:
                if member.territory == entry.territory and (
                    member.until is None or member.until.value >= entry.since.value
                ):
                    reader.problem(
                        where,
                        f"{entry.territory} is counted from {entry.since.value} while a member "
                        f"of arrangement {arrangement.id}, which counts it already",
                    )


def _check_dates(reader: _Reader, where: str, arrangement: Arrangement) -> None:
    signed = arrangement.signed.value
    implemented = arrangement.implemented.value if arrangement.implemented else None
    last = implemented.latest if implemented else None
    if implemented and last is None:
        reader.problem(f"{where}.implemented", "give a 'date' or a 'latest' day")
    elif last and signed.earliest and last < signed.earliest:
        reader.problem(f"{where}.implemented", f"{implemented} is before it was signed ({signed})")
    elif last and signed.latest and signed.latest > last:
        reader.problem(
            f"{where}.signed", f"latest possible day {signed.latest} is after implementation"
        )
    if arrangement.stages and (implemented != When.exact(arrangement.stages[0].start)):
        reader.problem(f"{where}.stages", "the first stage must start on the implementation day")
    changes = [(m, "joins", "leaves") for m in arrangement.members]
    changes += [(t, "territories", "territories") for t in arrangement.territories]
    for member, since_key, until_key in changes:
        for key, day_key, bound in (
            (since_key, "first_day", member.since),
            (until_key, "last_day", member.until),
        ):
            if bound and signed.earliest and bound.value < signed.earliest:
                reader.problem(
                    f"{where}.{key}",
                    f"{member.territory}'s {day_key} {bound.value} is before it was signed "
                    f"({signed})",
                )


def _check_unique_coverage(reader: _Reader, arrangements: list[Arrangement]) -> None:
    """Ids are unique, and no territory is covered by two arrangements at once."""
    seen: dict[str, str] = {}
    spans: dict[str, list[tuple[date, date, str]]] = {}
    for arrangement in arrangements:
        if arrangement.id in seen:
            reader.problem(f"arrangement {arrangement.id}", "duplicate id")
        seen[arrangement.id] = arrangement.id
        start = arrangement.signed.value.earliest or date.min
        inside = [
            t for t in arrangement.territories if t.covers(t.since.value if t.since else start)
        ]
        for member in arrangement.members + tuple(inside):
            first = member.since.value if member.since else start
            last = member.until.value if member.until else date.max
            spans.setdefault(member.territory, []).append((first, last, arrangement.id))
    for territory, intervals in spans.items():
        intervals.sort()
        for (_, last, one), (first, _, other) in itertools.pairwise(intervals):
            if first <= last:
                reader.problem(
                    f"arrangement {other}",
                    f"covers {territory} from {first} while arrangement {one} still does",
                )


def _check_bare_formats(reader: _Reader, arrangements: list[Arrangement]) -> None:
    """No two formats of codes without a place code can match the same code.

    Such a code is told apart only by its pattern, so their lengths may not overlap.
    """
    bare = [
        (widths(a.code_format.value.pattern), a.id)
        for a in arrangements
        if a.code_format and a.code_format.value.prefix is CodePrefix.NONE
    ]
    for ((low, high), one), ((other_low, other_high), other) in itertools.combinations(bare, 2):
        if (high is None or other_low <= high) and (other_high is None or low <= other_high):
            reader.problem(
                f"arrangement {other}.code_format",
                f"codes without a place code may also be arrangement {one}'s: "
                "formats with prefix 'none' must differ in length",
            )


# Small converters: each returns the value or raises TypeError/ValueError with a message.


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a table, got {type(value).__name__}")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__} {_quoted(value)}")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, got {_quoted(value)}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_quoted(value)}")
    return value


def _identifier(value: Any) -> str:
    text = _str(value)
    if not _ID.fullmatch(text):
        raise ValueError(f"{_quoted(text)} is not an id (upper-case letters, digits and '-')")
    return text


def _toml_date(value: Any) -> date:
    if type(value) is not date:
        raise TypeError(f"expected a date like 2020-12-31, got {_quoted(value)}")
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(f"{value} is not between {EARLIEST_DAY} and {LATEST_DAY}")
    return value


def _urls(value: Any) -> tuple[str, ...]:
    urls = _list_of(value, str)
    bad = [u for u in urls if not u.startswith(("https://", "http://")) or _has_space(u)]
    if not urls or bad:
        raise ValueError(f"needs at least one http(s) URL; bad: {bad}")
    return tuple(urls)


def _has_space(text: str) -> bool:
    return any(map(str.isspace, text))


def _list_of(value: Any, kind: type[V]) -> list[V]:
    if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
        raise TypeError(f"expected a list of {kind.__name__}, got {_quoted(value)}")
    return value


def _tuple_of(convert: Callable[[Any], V]) -> Callable[[Any], tuple[V, ...]]:
    def read(value: Any) -> tuple[V, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {_quoted(value)}")
        return tuple(convert(v) for v in value)

    return read


def _enum(kind: type[E]) -> Callable[[Any], E]:
    spellings = file_spellings(kind)

    def read(value: Any) -> E:
        text = _str(value)
        if text in spellings:
            return spellings[text]
        hint = next((f"; write {s!r}" for s in spellings if s.casefold() == text.casefold()), "")
        raise ValueError(f"{_quoted(text)} is not one of {', '.join(spellings)}{hint}")

    return read


def _iso_codes() -> Mapping[str, object]:
    from .places import iso_territories

    return iso_territories()
