"""The questions of the web API and of the MCP server, as a table: parameters in, JSON out.

Pure: no web framework here. Each `Endpoint` names its parameters with their types, reads
them from strings (a query) or JSON values (a body), asks a `Registry`, and returns what
`to_dict` gives. Bad input raises `Problem`, an RFC 9457 problem naming the parameter and
what is valid. The OpenAPI document is generated from the same table.
"""

from __future__ import annotations

import enum
import functools
import json
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import day_or_today, iso_day
from ._plain import to_dict
from ._vocabulary import named, spellings
from .errors import (
    DataError,
    DomesticPlaceError,
    Error,
    MissingDateError,
    MissingPlaceError,
    TierNotInForceError,
    UnknownArrangementError,
    UnknownPartnerTierError,
    UnknownPlaceError,
    _quoted,
)
from .model import Basis, Role, Tier
from .registry import Registry, failed_row
from .results import Eligibility

if TYPE_CHECKING:  # imported where used: a JSON answer about China needs neither
    from . import home, world

__all__ = [
    "ENDPOINTS",
    "Endpoint",
    "Limits",
    "Param",
    "Problem",
    "openapi",
    "problem_of",
    "refuse_parameters",
]

JSON = dict[str, Any]


@attrs.frozen
class Limits:
    """What one request may ask: query length, body size, rows of a bulk check."""

    query: int = 2_048
    body: int = 1_048_576
    rows: int = 10_000


class Problem(Exception):
    """An RFC 9457 problem: a status, a type, and details naming the bad input."""

    def __init__(self, status: int, kind: str, title: str, detail: str, **extra: Any) -> None:
        self.status = status
        self.body: JSON = {
            "type": f"urn:aeo-mra:problem:{kind}" if kind else "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            **extra,
        }
        super().__init__(detail)


def _invalid(name: str, detail: str, valid: Sequence[str] = (), status: int = 400) -> Problem:
    extra: JSON = {"invalid_params": [{"name": name, "reason": detail}]}
    if valid:
        extra["valid"] = list(valid)
    return Problem(status, "invalid-parameter", "Invalid parameter", detail, **extra)


def refuse_parameters(names: Iterable[str], path: str) -> None:
    """Raise a Problem naming the first of ``names``, given to ``path``, which takes none
    (``/health``): a parameter is never ignored."""
    for name in names:
        raise _invalid(name, f"unknown parameter {_quoted(name)}: {path} takes none")


@functools.cache
def _errors() -> tuple[tuple[type[Exception], tuple[str, ...], str], ...]:
    """Which parameter each of the library's errors is about (the first the question has),
    and its problem type."""
    from . import codes, home, world

    return (
        (UnknownPlaceError, ("place", "id"), "unknown-place"),  # id: an arrangement's place
        (DomesticPlaceError, ("place", "id"), "domestic-place"),
        (TierNotInForceError, ("tier", "other", "holder"), "tier-not-in-force"),
        (UnknownPartnerTierError, ("tier",), "unknown-partner-tier"),
        (UnknownArrangementError, ("id",), "unknown-arrangement"),
        (MissingDateError, ("on",), "missing-date"),
        (MissingPlaceError, ("place",), "missing-place"),
        (home.UnknownDistrictError, ("where",), "unknown-district"),
        (home.UnknownScopeError, ("scope",), "unknown-scope"),
        (home.ReversedDaysError, ("after", "until"), "reversed-days"),
        (home.BeforeMeasuresError, ("on", "before"), "before-measures"),
        (codes.NotDeclarable, ("code",), "not-declarable"),
        (codes.InvalidCode, ("code",), "invalid-code"),
        (world.UnknownTierError, ("holder",), "unknown-tier"),  # before its base class
        (world.UnknownAdministrationError, ("holder", "administration"), "unknown-administration"),
        (world.SameAdministrationError, ("place",), "same-administration"),
    )


def problem_of(
    error: Error, params: Sequence[str] = (), values: Mapping[str, object] | None = None
) -> Problem:
    """The problem an error of the library is: 404 for an unknown arrangement, else 400/422.

    ``params`` are the question's parameters, to name the one the error is about; with
    their ``values``, a tier not in force is named by the parameter that gave it (``tier``
    or ``other``).
    """
    for kind, names, slug in _errors():
        if isinstance(error, kind):
            asked = [n for n in names if n in params] or [names[0]]
            name = next((n for n in asked if _gave(error, (values or {}).get(n))), asked[0])
            valid = [*getattr(error, "valid", ()), *getattr(error, "suggestions", ())]
            status = 404 if slug == "unknown-arrangement" else 400
            status = 422 if slug == "not-declarable" else status
            extra: JSON = {"invalid_params": [{"name": name, "reason": str(error)}]}
            if valid:
                extra["valid"] = list(dict.fromkeys(valid))
            title = slug.replace("-", " ").capitalize()
            return Problem(status, slug, title, str(error), **extra)
    return Problem(400, "invalid-input", "Invalid input", str(error))


def _gave(error: Error, value: object) -> bool:
    """Whether ``value`` is the tier ``error`` says was not in force."""
    tier = getattr(error, "tier", None)  # a TierNotInForceError's
    return tier is not None and tier in (value, getattr(value, "name", None))


# -- parameters --------------------------------------------------------------------------


@attrs.frozen
class Param:
    """A parameter of an endpoint.

    Attributes:
        name: Its name, as in the library's function.
        kind: ``str``, ``date``, an enum class, ``"place"`` (a string, or in JSON an
            integer, an ISO numeric code); in a body, ``list`` (of places) or ``"dates"``
            (one date, or a list of dates, one per row).
        description: What it is.
        required: Whether it must be given.
    """

    name: str
    kind: Any
    description: str
    required: bool = False

    def read(self, value: object) -> object:
        """The parameter's value from a query string or a JSON value; a Problem if bad."""
        if value is None:
            return None
        if self.kind is date:
            return _read_date(self.name, value)
        if isinstance(self.kind, type) and issubclass(self.kind, enum.Enum):
            return _read_member(self.name, self.kind, value)
        if self.kind == "place" and type(value) is int:
            return value
        if self.kind in (str, "place") and isinstance(value, str):
            if not value.strip():
                raise _invalid(self.name, f"{self.name} is empty")
            return value
        if self.kind is list and isinstance(value, list):
            for row, item in enumerate(value):  # a null is a missing place, which check_many names
                name = f"{self.name}[{row}]"
                if item is not None and (isinstance(item, bool) or not isinstance(item, str | int)):
                    raise _invalid(name, f"{name} must be {_PLACE_VALUE}, not {_quoted(item)}")
                if isinstance(item, str) and not item.strip():  # as an empty place is in a query
                    raise _invalid(name, f"{name} is empty")
            return value
        if self.kind == "dates":
            if isinstance(value, list):  # a missing day is never read as today
                return [_row_date(self.name, row, d) for row, d in enumerate(value)]
            return _read_date(self.name, value)
        wanted = {str: "a string", list: "a list", "place": _PLACE_VALUE}.get(
            self.kind, str(self.kind)
        )
        raise _invalid(self.name, f"{self.name} must be {wanted}, not {_quoted(value)}")

    def schema(self) -> JSON:
        """The JSON Schema of the parameter's value."""
        day = {"type": "string", "format": "date"}
        if self.kind is date:
            return day
        if self.kind == "dates":
            return {"anyOf": [day, {"type": "array", "items": day}]}
        if self.kind is list:
            return {"type": "array", "items": {"type": ["string", "integer"]}}
        if isinstance(self.kind, type) and issubclass(self.kind, enum.Enum):
            return {"type": "string", "enum": spellings(self.kind)}  # read in any case too
        return {"type": "string"}


_PLACE_VALUE = "a string or an integer (an ISO numeric code)"


def _read_date(name: str, value: object) -> date:
    if not isinstance(value, str):
        raise _invalid(name, f"{name} must be a date in the form YYYY-MM-DD, not {_quoted(value)}")
    try:
        return iso_day(value)
    except ValueError as error:
        raise _invalid(name, f"{name}: {_quoted(value)} is {error}") from None


def _row_date(name: str, row: int, value: object) -> date:
    """A row's day of a list of days, ``on[row]``; a Problem naming the row if missing or bad."""
    if value is None:
        detail = f"{name}[{row}] is null: give every row a day, YYYY-MM-DD, or one day for all"
        raise _invalid(f"{name}[{row}]", detail)
    return _read_date(f"{name}[{row}]", value)


def _read_member(name: str, kind: type[enum.Enum], value: object) -> enum.Enum:
    found = named(kind, value) if isinstance(value, str) else None
    if found is None:
        valid = [str(m.value) for m in kind]
        raise _invalid(name, f"{_quoted(value)} is not a valid {name}", valid)
    return found


# -- the endpoints -----------------------------------------------------------------------

PLACE = Param(
    "place", "place", "An ISO 3166-1 code, an English or Chinese name, or an alias.", True
)
ON = Param("on", date, "The day, YYYY-MM-DD (default: today, on the server's clock).")
ROLE = Param("role", Role, "exporter (ships to the place; default) or importer.")
_RECOGNISERS_ROLE = "exporter (ships to the administrations asked; default) or importer."
_FOREIGN_ROLE = "exporter (the foreign AEO ships to China; default) or importer (from China)."
_ARRANGEMENTS_ROLE = (
    "Only those that help: exporter (all of them) or importer (those known to cover exports "
    "too); default: all, echoed as null."
)
TIER = Param(
    "tier",
    Tier,
    "The operator's tier with China's customs (default: the AEO tier); also by its English "
    "or Chinese name (高级认证企业).",
)
BASIS = Param("basis", Basis, "Count arrangements signed (default) or implemented by the day.")
CODE = Param("code", str, "An AEO code, in any case, with or without separators.", required=True)
HOLDER = Param(
    "holder", str, "An administration (KR, EU, Japan) or a tier of its programme (EU/AEOS).", True
)
WHERE = Param("where", str, "A customs district with a catalogue, e.g. Shenyang.")
ADMINISTRATION = Param("administration", str, "An administration: KR, EU, Japan …", True)


@attrs.frozen
class Endpoint:
    """A question of the API: its path, parameters, answer and the answer's schema.

    Attributes:
        name: The library function it asks, e.g. ``check``.
        path: Its path, e.g. ``/v1/check``; ``{id}`` is a path parameter.
        method: ``GET`` or ``POST`` (a JSON body of the parameters).
        summary: One line for the OpenAPI document.
        params: Its parameters.
        answer: The answer to validated parameters: a record, which `to_dict` converts,
            or JSON-ready data (a record with the data's version around it, a list).
        schema: The JSON Schema of the answer (references to the records' schemas).
        dated: Whether an absent ``on`` means today (so the answer changes at midnight).
    """

    name: str
    path: str
    method: str
    summary: str
    params: tuple[Param, ...]
    answer: Callable[[Registry, Mapping[str, Any]], Any]
    schema: JSON
    dated: bool = True

    def ask(self, registry: Registry, given: Mapping[str, object]) -> JSON:
        """The answer to raw parameters (query strings or JSON values), as JSON-ready data."""
        return plain(self.found(registry, given))

    def found(self, registry: Registry, given: Mapping[str, object]) -> Any:
        """The answer to raw parameters, a record or JSON-ready data; a Problem if bad."""
        return self.answer_to(registry, self.read(given))

    def given(self, path: Mapping[str, str], query: Mapping[str, str]) -> dict[str, object]:
        """A GET request's raw parameters: its path's (``id``), and its query's, which may
        not give a path's again (``/v1/arrangements/EU?id=SG``); a Problem if one does."""
        again = next((name for name in query if name in path), None)
        if again is not None:
            detail = f"{again} is given in the path; the query may not give it again"
            raise _invalid(again, detail)
        return {**path, **query}

    def read(self, given: Mapping[str, object]) -> dict[str, Any]:
        """The parameters' values from raw ones; a Problem naming a bad one."""
        known = [p.name for p in self.params]
        unknown = [name for name in given if name not in known]
        if unknown:
            raise _invalid(unknown[0], f"unknown parameter {_quoted(unknown[0])}", known)
        values = {}
        for param in self.params:
            values[param.name] = param.read(given.get(param.name))
            if param.required and values[param.name] is None:
                raise _invalid(param.name, f"{param.name} is required")
        return values

    def answer_to(self, registry: Registry, values: Mapping[str, Any]) -> Any:
        """The answer to read values; a Problem for an error of the library."""
        try:
            return self.answer(registry, values)
        except Error as error:
            raise problem_of(error, [p.name for p in self.params], values) from None


def plain(answer: Any) -> JSON:
    """An endpoint's answer as JSON-ready data."""
    return answer if isinstance(answer, dict) else to_dict(answer)


def _ref(name: str) -> JSON:
    return {"$ref": f"#/components/schemas/{name}"}


def _data(registry: Registry | world.World | home.MeasureData) -> JSON:
    """The version of the data that answered, and the day it was last reviewed."""
    return {"data_version": registry.version, "data_reviewed": registry.reviewed.isoformat()}


_DAY: JSON = {"type": "string", "format": "date"}
_DATA_SCHEMA: JSON = {"data_version": {"type": "string"}, "data_reviewed": _DAY}


def _envelope(**properties: JSON) -> JSON:
    every = {**properties, **_DATA_SCHEMA}
    return {"type": "object", "properties": every, "required": list(every)}


def _list_of(name: str) -> JSON:
    return {"type": "array", "items": _ref(name)}


def _role(values: Mapping[str, Any]) -> Role:
    return values["role"] or Role.EXPORTER


def _check(r: Registry, v: Mapping[str, Any]) -> Eligibility:
    return r.check(v["place"], v["on"], role=_role(v), tier=v["tier"])


def _check_foreign(r: Registry, v: Mapping[str, Any]) -> Eligibility:
    return r.check_foreign(v["place"], v["tier"], v["on"], role=_role(v))


def _arrangements(r: Registry, v: Mapping[str, Any]) -> JSON:
    basis, day = v["basis"] or Basis.SIGNED, day_or_today(v["on"])
    found = r.arrangements(day, basis=basis, role=v["role"])
    return {
        "on": day.isoformat(),
        "basis": basis.value,
        "role": v["role"].value if v["role"] else None,
        **_data(r),
        "arrangements": [to_dict(a) for a in found],
    }


def _arrangement(r: Registry, v: Mapping[str, Any]) -> JSON:
    return {**to_dict(r.arrangement(v["id"])), **_data(r)}


def _summary(r: Registry, v: Mapping[str, Any]) -> JSON:
    return to_dict(r.summary(v["on"], basis=v["basis"] or Basis.SIGNED))


def _timeline(r: Registry, v: Mapping[str, Any]) -> JSON:
    return {**_data(r), "events": [to_dict(e) for e in r.timeline()]}


def _validate(r: Registry, v: Mapping[str, Any]) -> JSON:
    from . import codes

    codes.validate(v["code"], v["on"], registry=r)  # the date, if given, is checked too
    return to_dict(codes.parse(v["code"], registry=r))


def _declaration(r: Registry, v: Mapping[str, Any]) -> JSON:
    from . import codes

    return to_dict(codes.declaration(v["code"], v["on"], registry=r))


def _home(r: Registry) -> home.Measures:
    """The bundled measures, asked with ``r``'s tiers."""
    from . import home

    return home.Measures.bundled(r)


def _measures(r: Registry, v: Mapping[str, Any]) -> JSON:
    measures = _home(r)
    found = measures.measures(v["tier"], v["on"], where=v["where"])
    return {**to_dict(found), **_data(measures.data)}


def _measures_compare(r: Registry, v: Mapping[str, Any]) -> JSON:
    measures = _home(r)
    gap = measures.compare(v["tier"], v["other"], v["on"], where=v["where"])
    return {**to_dict(gap), **_data(measures.data)}


def _measures_changes(r: Registry, v: Mapping[str, Any]) -> JSON:
    measures = _home(r)
    found = measures.changes(v["tier"], before=v["before"], after=v["after"], where=v["where"])
    return {**to_dict(found), **_data(measures.data)}


def _aeo_counts(r: Registry, v: Mapping[str, Any]) -> JSON:
    measures = _home(r)
    found = measures.counts(v["scope"], since=v["since"], until=v["until"])
    return {"counts": [to_dict(c) for c in found], **_data(measures.data)}


def _check_many(r: Registry, v: Mapping[str, Any]) -> JSON:
    if isinstance(v["on"], list) and len(v["on"]) != len(v["places"]):
        given = f"on has {len(v['on'])} dates but places has {len(v['places'])}"
        raise _invalid("on", f"{given}: give one date, or one per place")
    try:
        answers = r.check_many(v["places"], v["on"], role=_role(v), tier=v["tier"])
    except Error as error:
        raise _in_row(error) from None
    plain: dict[int, JSON] = {}  # repeated rows share one answer: convert it once
    rows = [plain.get(id(a)) or plain.setdefault(id(a), to_dict(a)) for a in answers]
    return {**_data(r), "answers": rows}


def _in_row(error: Error) -> Problem:
    """The problem of an error of `check_many`, naming the row (``places[2]``) that the
    library's note on the error gives."""
    problem = problem_of(error, ["places", "on", "role", "tier"])
    row, param = failed_row(error), problem.body["invalid_params"][0]["name"]
    if row is not None and param in _ROW_PARAMS:  # not a tier, which is every row's
        name = f"{_ROW_PARAMS[param]}[{row}]"
        detail = problem.body["detail"] = f"{name}: {problem.body['detail']}"
        problem.body["invalid_params"] = [{"name": name, "reason": detail}]
    return problem


_ROW_PARAMS = {"place": "places", "places": "places", "on": "on"}
"""The parameters of `check_many` given per row, by the name a problem gives them."""


def _world(r: Registry) -> world.World:
    """The world graph joined to ``r``; a 404 problem if the world data does not join it."""
    graph = _joined(r)
    if graph is None:
        raise Problem(
            404,
            "world-unavailable",
            "World data unavailable",
            "the world data cannot join the China dataset this server answers from (it cites "
            "arrangements or sources that dataset lacks): the world questions are not answered "
            "here",
        )
    return graph


def _joined(r: Registry) -> world.World | None:
    """The world graph joined to ``r``, or ``None`` if the world data does not join it (a
    registry it does not join is remembered, so that its server reads the file once, not on
    every question, and is not kept alive)."""
    if r in _UNJOINED:
        return None
    try:
        return r.world()
    except DataError:
        _UNJOINED.add(r)
        return None


_UNJOINED: weakref.WeakSet[Registry] = weakref.WeakSet()


def _world_check(r: Registry, v: Mapping[str, Any]) -> JSON:
    return to_dict(_world(r).check(v["holder"], v["place"], on=v["on"], role=_role(v)))


def _world_partners(r: Registry, v: Mapping[str, Any]) -> JSON:
    graph, day = _world(r), day_or_today(v["on"])
    own = graph.administration(v["administration"], day)
    return {
        "administration": own.id,
        "on": day.isoformat(),
        "complete": own.coverage.complete_on(day, graph.reviewed),
        "union": graph.union_of(own.id, day),
        **_data(graph),
        "partners": [to_dict(p) for p in graph.partners(own.id, on=day)],
    }


def _world_summary(r: Registry, v: Mapping[str, Any]) -> JSON:
    graph = _world(r)
    return {**to_dict(graph.summary(v["administration"], on=v["on"])), **_data(graph)}


def _world_arrangement(r: Registry, v: Mapping[str, Any]) -> JSON:
    graph = _world(r)
    found = graph.arrangement(v["id"])
    kind = next(k for k, record in _WORLD_ARRANGEMENTS.items() if type(found).__name__ == record)
    return {"kind": kind, **to_dict(found), **_data(graph)}


def _world_recognisers(r: Registry, v: Mapping[str, Any]) -> JSON:
    graph, day, role = _world(r), day_or_today(v["on"]), _role(v)
    found = graph.recognisers(v["holder"], on=day, role=role)
    administration, tier, _ = graph._holder_on(v["holder"], day)  # as the answers read it
    return {
        "holder": administration.id if tier is None else f"{administration.id}/{tier.code}",
        "on": day.isoformat(),
        "role": role.value,
        **_data(graph),
        "recognisers": [to_dict(found_by) for found_by in found],
    }


_WORLD_ARRANGEMENTS = {
    "bilateral": "Bilateral",
    "plurilateral": "Plurilateral",
    "common-programme": "CommonProgramme",
}
"""A world arrangement's ``kind`` in its answer, and the record it is."""

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "check",
        "/v1/check",
        "GET",
        "Does a Chinese AEO get benefits trading with a place on a day?",
        (PLACE, ON, ROLE, TIER),
        _check,
        _ref("Eligibility"),
    ),
    Endpoint(
        "check_foreign",
        "/v1/check_foreign",
        "GET",
        "Does China's customs recognise a foreign AEO of a partner programme's tier?",
        (
            PLACE,
            Param("tier", str, "The partner programme's tier, e.g. AEOS.", True),
            ON,
            attrs.evolve(ROLE, description=_FOREIGN_ROLE),
        ),
        _check_foreign,
        _ref("Eligibility"),
    ),
    Endpoint(
        "check_many",
        "/v1/check_many",
        "POST",
        "check for many rows: a JSON body {places, on, role, tier}.",
        (
            Param("places", list, "The places, one per row.", True),
            Param("on", "dates", "One day (YYYY-MM-DD) for all rows, or one per row."),
            ROLE,
            TIER,
        ),
        _check_many,
        _envelope(answers=_list_of("Eligibility")),
    ),
    Endpoint(
        "arrangements",
        "/v1/arrangements",
        "GET",
        "The arrangements signed (or implemented) by a day, for either role or one.",
        (ON, BASIS, attrs.evolve(ROLE, description=_ARRANGEMENTS_ROLE)),
        _arrangements,
        _envelope(
            on=_DAY,
            basis={"type": "string", "enum": [b.value for b in Basis]},
            role={"type": ["string", "null"], "enum": [*(r.value for r in Role), None]},
            arrangements=_list_of("Arrangement"),
        ),
    ),
    Endpoint(
        "arrangement",
        "/v1/arrangements/{id}",
        "GET",
        "One arrangement in full, by id or by a place it covers.",
        (Param("id", "place", "An arrangement id (EU) or a place.", True),),
        _arrangement,
        {"allOf": [_ref("Arrangement"), _envelope()]},
        dated=False,
    ),
    Endpoint(
        "summary",
        "/v1/summary",
        "GET",
        "Running totals as China's customs counts them.",
        (ON, BASIS),
        _summary,
        _ref("Summary"),
    ),
    Endpoint(
        "timeline",
        "/v1/timeline",
        "GET",
        "Every dated event of the data, earliest first.",
        (),
        _timeline,
        _envelope(events=_list_of("Event")),
        dated=False,
    ),
    Endpoint(
        "validate_code",
        "/v1/codes/validate",
        "GET",
        "An AEO code taken apart; with on, its place must be covered that day.",
        (CODE, Param("on", date, "If given, the day the code's place must be covered.")),
        _validate,
        _ref("AeoCode"),
        dated=False,
    ),
    Endpoint(
        "measures",
        "/v1/measures",
        "GET",
        "What a tier gets from China's customs at home on a day, nationally and in a district.",
        (
            Param("tier", Tier, "The tier (default: China's AEO tier on the day)."),
            ON,
            WHERE,
        ),
        _measures,
        {"allOf": [_ref("MeasuresAnswer"), _envelope()]},
    ),
    Endpoint(
        "measures_compare",
        "/v1/measures/compare",
        "GET",
        "What one tier gets from China's customs at home that another does not, on a day.",
        (
            Param("tier", Tier, "The tier compared; also by its English or Chinese name.", True),
            Param("other", Tier, "The tier it is compared with.", True),
            ON,
            WHERE,
        ),
        _measures_compare,
        {"allOf": [_ref("TierGap"), _envelope()]},
    ),
    Endpoint(
        "measures_changes",
        "/v1/measures/changes",
        "GET",
        "What changed for a tier at home between two days, concept by concept.",
        (
            Param("tier", Tier, "The tier (default: China's AEO tier on each day)."),
            Param("before", date, "The first day, YYYY-MM-DD.", True),
            Param("after", date, "The second day, YYYY-MM-DD.", True),
            WHERE,
        ),
        _measures_changes,
        {"allOf": [_ref("MeasureChanges"), _envelope()]},
        dated=False,
    ),
    Endpoint(
        "aeo_counts",
        "/v1/aeo_counts",
        "GET",
        "The published counts of China's certified enterprises, by date.",
        (
            Param("scope", str, "national, or a region or district in English or Chinese."),
            Param("since", date, "The first day to include (default: all)."),
            Param("until", date, "The last day to include (default: all)."),
        ),
        _aeo_counts,
        _envelope(counts=_list_of("AeoCount")),
        dated=False,
    ),
    Endpoint(
        "declaration",
        "/v1/codes/declaration",
        "GET",
        "What to type for a partner's AEO code in a Chinese declaration on a day.",
        (CODE, ON),
        _declaration,
        _ref("Declaration"),
    ),
    Endpoint(
        "world_check",
        "/v1/world/check",
        "GET",
        "Is an AEO of any administration (or a tier of its programme) recognised at a place?",
        (HOLDER, PLACE, ON, ROLE),
        _world_check,
        _ref("Recognition"),
    ),
    Endpoint(
        "world_partners",
        "/v1/world/partners",
        "GET",
        "An administration's partners on a day, and whether each arrangement is implemented.",
        (ADMINISTRATION, ON),
        _world_partners,
        _envelope(
            administration={"type": "string"},
            on=_DAY,
            complete={"type": "boolean", "description": "Whether the list is known complete."},
            union={
                "type": ["string", "null"],
                "description": "The union whose customs territory it was inside on the day: "
                "its AEOs were the union's.",
            },
            partners=_list_of("Partner"),
        ),
    ),
    Endpoint(
        "world_summary",
        "/v1/world/summary",
        "GET",
        "Counts of arrangements signed and implemented, and of joint work plans not yet "
        "signed: the world's, or one administration's.",
        (attrs.evolve(ADMINISTRATION, required=False, description="Default: the world."), ON),
        _world_summary,
        {"allOf": [_ref("WorldSummary"), _envelope()]},
    ),
    Endpoint(
        "world_arrangement",
        "/v1/world/arrangements/{id}",
        "GET",
        "One arrangement of the world graph in full, by id: a bilateral one by its parties' "
        "ids in either order (EU-JP, JP-EU; China's: CN-EU), a plurilateral one by its own "
        "(PACIFIC-ALLIANCE).",
        (Param("id", str, "A world arrangement's id (EU-JP, CN-EU, PACIFIC-ALLIANCE).", True),),
        _world_arrangement,
        {
            "oneOf": [  # no field beyond its record's: a common programme is no plurilateral
                {
                    "allOf": [_ref(record), _envelope(kind={"const": kind})],
                    "unevaluatedProperties": False,
                }
                for kind, record in _WORLD_ARRANGEMENTS.items()
            ]
        },
        dated=False,
    ),
    Endpoint(
        "world_recognisers",
        "/v1/world/recognisers",
        "GET",
        "Every administration with an arrangement with a holder's, and whether it recognises it.",
        (HOLDER, ON, attrs.evolve(ROLE, description=_RECOGNISERS_ROLE)),
        _world_recognisers,
        _envelope(
            holder={"type": "string"},
            on=_DAY,
            role={"enum": [r.value for r in Role]},
            recognisers=_list_of("Recogniser"),
        ),
    ),
)
"""Every question the API answers, in the order of the docs."""

_BY_NAME = {e.name: e for e in ENDPOINTS}


def ask(name: str, registry: Registry, **values: object) -> JSON:
    """The answer to the question ``name`` given typed values (those left out: ``None``).

    What the command line and the MCP server print; raises the library's errors.
    """
    endpoint = _BY_NAME[name]
    return plain(endpoint.answer(registry, {p.name: values.get(p.name) for p in endpoint.params}))


# -- answers of the command line alone ---------------------------------------------------


def code_report(registry: Registry, code: str, on: date | None) -> JSON:
    """``aeo-mra code --json``: the code taken apart, and what to declare for it on a day."""
    from . import codes

    day = day_or_today(on)
    parsed = codes.parse(code, registry=registry)
    declaration, why = codes._declared(parsed, day, registry)
    return {
        **to_dict(parsed),
        "on": day.isoformat(),
        "declaration": None if declaration is None else to_dict(declaration),
        "not_declared": why,
        **_data(registry),
    }


def diff_report(old: Registry, new: Registry) -> JSON:
    """``aeo-mra diff --json``: the facts and the answers that differ."""
    from . import diff

    return {
        "old": old.version,
        "new": new.version,
        "facts": [to_dict(c) for c in diff.facts(old, new)],
        "answers": [to_dict(c) for c in diff.answers(old, new)],
    }


_NULL: JSON = {"type": "null"}
COMMAND_SHAPES: dict[str, tuple[str, JSON]] = {
    "code": (
        "aeo-mra code --json: an AEO code taken apart, and what to declare for it on a day.",
        {
            "allOf": [
                _ref("AeoCode"),
                _envelope(
                    on=_DAY,
                    declaration={"anyOf": [_ref("Declaration"), _NULL]},
                    not_declared={"anyOf": [{"type": "string"}, _NULL]},
                ),
            ]
        },
    ),
    "diff": (
        "aeo-mra diff --json: the facts and the answers that differ between two datasets.",
        {
            "type": "object",
            "properties": {
                "old": {"type": "string", "description": "The old data's version."},
                "new": {"type": "string", "description": "The new data's version."},
                "facts": _list_of("Change"),
                "answers": _list_of("AnswerChange"),
            },
            "required": ["old", "new", "facts", "answers"],
        },
    ),
}
"""The JSON answers of the command line that no endpoint gives: summary and schema."""


def answer_schemas() -> dict[str, JSON]:
    """Every answer's JSON Schema, whole, by question (endpoint or command) name.

    The files ``aeo_mra/schemas/answers/NAME.schema.json``: the records' schemas each
    answer refers to are under its ``$defs``.
    """
    from ._jsonschema import DIALECT

    every = {e.name: (e.summary, e.schema) for e in ENDPOINTS} | COMMAND_SHAPES
    known = components()
    found = {}
    for name, (summary, schema) in every.items():
        definitions: dict[str, JSON] = {}
        wanted = _refs(schema)
        while wanted:
            ref = wanted.pop()
            if ref not in definitions:
                definitions[ref] = known[ref]
                wanted |= _refs(known[ref])
        whole = {"$schema": DIALECT, "title": name, "description": summary, **schema}
        whole["$defs"] = dict(sorted(definitions.items()))
        found[name] = _rewrite(whole, "#/components/schemas/", "#/$defs/")
    return found


def _refs(schema: object) -> set[str]:
    """The names of the components ``schema`` refers to."""
    text = json.dumps(schema)
    return {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}


# -- OpenAPI -----------------------------------------------------------------------------

PROBLEM_SCHEMA: JSON = {
    "type": "object",
    "description": "An RFC 9457 problem: what was wrong with the request, and what is valid.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "valid": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["type", "title", "status", "detail"],
}


def components() -> dict[str, JSON]:
    """The records' JSON Schemas as OpenAPI components, their references rewritten.

    Raises:
        ValueError: Two records define one name differently (a bug).
    """
    from ._jsonschema import json_schema, shapes

    found: dict[str, JSON] = {"Problem": PROBLEM_SCHEMA}
    for record in shapes():
        schema = dict(json_schema(record))
        del schema["$schema"], schema["title"]  # as a definition inside another has them
        for name, definition in {**schema.pop("$defs", {}), record.__name__: schema}.items():
            if found.setdefault(name, definition) != definition:
                raise ValueError(f"two schemas named {name}: rename a record")
    return _rewrite(found, "#/$defs/", "#/components/schemas/")  # type: ignore[no-any-return]


def _rewrite(value: Any, old: str, new: str) -> Any:
    """``value`` with the references starting ``old`` starting ``new`` instead."""
    if isinstance(value, dict):
        return {
            k: v.replace(old, new) if k == "$ref" else _rewrite(v, old, new)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_rewrite(v, old, new) for v in value]
    return value


def openapi(version: str, extra: Mapping[str, JSON] | None = None) -> JSON:
    """The OpenAPI 3.1 document of `ENDPOINTS` (and ``extra`` paths, e.g. ``/health``)."""
    problem = {"application/problem+json": {"schema": _ref("Problem")}}
    paths: dict[str, JSON] = {}
    for e in ENDPOINTS:
        operation: JSON = {"operationId": e.name, "summary": e.summary}
        if e.method == "GET":
            operation["parameters"] = [
                {
                    "name": p.name,
                    "in": "path" if "{" + p.name + "}" in e.path else "query",
                    "required": p.required,
                    "description": p.description,
                    "schema": p.schema(),
                }
                for p in e.params
            ]
        else:
            body = {
                "type": "object",
                "properties": {
                    p.name: {**p.schema(), "description": p.description} for p in e.params
                },
                "required": [p.name for p in e.params if p.required],
                "additionalProperties": False,
            }
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": body}},
            }
        operation["responses"] = {
            "200": {
                "description": "The answer.",
                "content": {"application/json": {"schema": e.schema}},
            },
            "4XX": {"description": "A problem with the request.", "content": problem},
        }
        paths.setdefault(e.path, {})[e.method.lower()] = operation
    for path, operation in (extra or {}).items():
        paths[path] = {"get": operation}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "aeo_mra",
            "version": version,
            "description": "China's customs AEO mutual recognition arrangements: read-only "
            "answers, the same JSON as aeo_mra.to_dict() gives.",
        },
        "paths": paths,
        "components": {"schemas": components()},
    }
