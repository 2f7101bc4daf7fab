"""The questions of the web API and of the MCP server, as a table: parameters in, JSON out.

Pure: no web framework here. Each `Endpoint` names its parameters with their types, reads
them from strings (a query) or JSON values (a body), asks a `Registry`, and returns what
`to_dict` gives. Bad input raises `Problem`, an RFC 9457 problem naming the parameter and
what is valid. The OpenAPI document is generated from the same table.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from . import codes, home
from ._dates import day_or_today
from ._jsonschema import json_schema, shapes
from ._plain import to_dict
from .errors import (
    DomesticPlaceError,
    Error,
    MissingDateError,
    TierNotInForceError,
    UnknownArrangementError,
    UnknownPartnerTierError,
    UnknownPlaceError,
    _quoted,
)
from .model import Basis, Role, Tier
from .registry import Registry

__all__ = ["ENDPOINTS", "Endpoint", "Limits", "Param", "Problem", "openapi", "problem_of"]

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


# Which parameter each of the library's errors is about, and its problem type.
_ERRORS: tuple[tuple[type[Exception], str, str], ...] = (
    (UnknownPlaceError, "place", "unknown-place"),
    (DomesticPlaceError, "place", "domestic-place"),
    (TierNotInForceError, "tier", "tier-not-in-force"),
    (UnknownPartnerTierError, "tier", "unknown-partner-tier"),
    (UnknownArrangementError, "id", "unknown-arrangement"),
    (MissingDateError, "on", "missing-date"),
    (home.UnknownDistrictError, "where", "unknown-district"),
    (codes.NotDeclarable, "code", "not-declarable"),
    (codes.InvalidCode, "code", "invalid-code"),
)


def problem_of(error: Error) -> Problem:
    """The problem an error of the library is: 404 for an unknown arrangement, else 400/422."""
    for kind, name, slug in _ERRORS:
        if isinstance(error, kind):
            valid = [*getattr(error, "valid", ()), *getattr(error, "suggestions", ())]
            status = 404 if slug == "unknown-arrangement" else 400
            status = 422 if slug == "not-declarable" else status
            extra: JSON = {"invalid_params": [{"name": name, "reason": str(error)}]}
            if valid:
                extra["valid"] = list(dict.fromkeys(valid))
            title = slug.replace("-", " ").capitalize()
            return Problem(status, slug, title, str(error), **extra)
    return Problem(400, "invalid-input", "Invalid input", str(error))


# -- parameters --------------------------------------------------------------------------


@attrs.frozen
class Param:
    """A parameter of an endpoint.

    Attributes:
        name: Its name, as in the library's function.
        kind: ``str``, ``date``, an enum class; in a body, ``list`` (of places) or
            ``"dates"`` (one date, or a list of dates, one per row).
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
        if self.kind is str and isinstance(value, str):
            if not value.strip():
                raise _invalid(self.name, f"{self.name} is empty")
            return value
        if self.kind is list and isinstance(value, list):
            return value
        if self.kind == "dates":
            if isinstance(value, list):  # a missing day stays None: check_many names its row
                return [None if d is None else _read_date(self.name, d) for d in value]
            return _read_date(self.name, value)
        wanted = {str: "a string", list: "a list"}.get(self.kind, str(self.kind))
        raise _invalid(self.name, f"{self.name} must be {wanted}, not {_quoted(value)}")

    def schema(self) -> JSON:
        """The JSON Schema of the parameter's value."""
        day = {"type": "string", "format": "date"}
        if self.kind is date:
            return day
        if self.kind == "dates":
            return {"anyOf": [day, {"type": "array", "items": {"anyOf": [day, {"type": "null"}]}}]}
        if self.kind is list:
            return {"type": "array", "items": {"type": ["string", "integer"]}}
        if isinstance(self.kind, type) and issubclass(self.kind, enum.Enum):
            return {"type": "string", "enum": [str(m.value) for m in self.kind]}
        return {"type": "string"}


def _read_date(name: str, value: object) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else _bad_date(name, value)
        except ValueError:
            _bad_date(name, value)
    return _bad_date(name, value)


def _bad_date(name: str, value: object) -> date:
    raise _invalid(name, f"{name} must be a date in the form YYYY-MM-DD, not {_quoted(value)}")


def _read_member(name: str, kind: type[enum.Enum], value: object) -> enum.Enum:
    def key(text: str) -> str:
        return "_".join(text.replace("-", " ").split()).upper()

    members = {key(str(m.value)): m for m in kind} | {key(m.name): m for m in kind}
    found = members.get(key(value)) if isinstance(value, str) else None
    if found is None:
        valid = [str(m.value) for m in kind]
        raise _invalid(name, f"{_quoted(value)} is not a valid {name}", valid)
    return found


# -- the endpoints -----------------------------------------------------------------------

PLACE = Param(
    "place", str, "An ISO 3166-1 code, an English or Chinese name, or an alias.", required=True
)
ON = Param("on", date, "The day, YYYY-MM-DD (default: today, on the server's clock).")
ROLE = Param("role", Role, "exporter (ships to the place; default) or importer.")
TIER = Param("tier", Tier, "The operator's tier with China's customs (default: the AEO tier).")
BASIS = Param("basis", Basis, "Count arrangements signed (default) or implemented by the day.")
CODE = Param("code", str, "An AEO code, in any case, with or without separators.", required=True)


@attrs.frozen
class Endpoint:
    """A question of the API: its path, parameters, answer and the answer's schema.

    Attributes:
        name: The library function it asks, e.g. ``check``.
        path: Its path, e.g. ``/v1/check``; ``{id}`` is a path parameter.
        method: ``GET`` or ``POST`` (a JSON body of the parameters).
        summary: One line for the OpenAPI document.
        params: Its parameters.
        answer: The answer to validated parameters, as JSON-ready data.
        schema: The JSON Schema of the answer (references to the records' schemas).
        dated: Whether an absent ``on`` means today (so the answer changes at midnight).
    """

    name: str
    path: str
    method: str
    summary: str
    params: tuple[Param, ...]
    answer: Callable[[Registry, Mapping[str, Any]], JSON]
    schema: JSON
    dated: bool = True

    def ask(self, registry: Registry, given: Mapping[str, object]) -> JSON:
        """The answer to raw parameters (query strings or JSON values)."""
        known = {p.name: p for p in self.params}
        unknown = [name for name in given if name not in known]
        if unknown:
            valid = list(known)
            raise _invalid(unknown[0], f"unknown parameter {_quoted(unknown[0])}", valid)
        values = {}
        for param in self.params:
            values[param.name] = param.read(given.get(param.name))
            if param.required and values[param.name] is None:
                raise _invalid(param.name, f"{param.name} is required")
        try:
            return self.answer(registry, values)
        except Error as error:
            raise problem_of(error) from None


def _ref(name: str) -> JSON:
    return {"$ref": f"#/components/schemas/{name}"}


def _data(registry: Registry) -> JSON:
    return {"data_version": registry.version, "data_reviewed": registry.reviewed.isoformat()}


_DATA_SCHEMA: JSON = {
    "data_version": {"type": "string"},
    "data_reviewed": {"type": "string", "format": "date"},
}


def _envelope(**properties: JSON) -> JSON:
    every = {**properties, **_DATA_SCHEMA}
    return {"type": "object", "properties": every, "required": list(every)}


def _role(values: Mapping[str, Any]) -> Role:
    return values["role"] or Role.EXPORTER


def _check(r: Registry, v: Mapping[str, Any]) -> JSON:
    return to_dict(r.check(v["place"], v["on"], role=_role(v), tier=v["tier"]))


def _check_foreign(r: Registry, v: Mapping[str, Any]) -> JSON:
    return to_dict(r.check_foreign(v["place"], v["tier"], v["on"], role=_role(v)))


def _arrangements(r: Registry, v: Mapping[str, Any]) -> JSON:
    basis, day = v["basis"] or Basis.SIGNED, day_or_today(v["on"])
    found = r.arrangements(day, basis=basis, role=v["role"])
    return {
        "on": day.isoformat(),
        "basis": basis.value,
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
    codes.validate(v["code"], v["on"], registry=r)  # the date, if given, is checked too
    return to_dict(codes.parse(v["code"], registry=r))


def _declaration(r: Registry, v: Mapping[str, Any]) -> JSON:
    return to_dict(codes.declaration(v["code"], v["on"], registry=r))


def _measures(r: Registry, v: Mapping[str, Any]) -> JSON:
    measures = home.Measures(lambda: home._BUNDLED.data, r)  # the bundled measures, r's tiers
    answer = measures.measures(v["tier"], on=v["on"], where=v["where"])
    return {**to_dict(answer), "complete": answer.complete, "explanation": answer.explain()}


def _check_many(r: Registry, v: Mapping[str, Any]) -> JSON:
    answers = r.check_many(v["places"], v["on"], role=_role(v), tier=v["tier"])
    plain: dict[int, JSON] = {}  # repeated rows share one answer: convert it once
    rows = [plain.get(id(a)) or plain.setdefault(id(a), to_dict(a)) for a in answers]
    return {**_data(r), "answers": rows}


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
        (PLACE, Param("tier", str, "The partner programme's tier, e.g. AEOS.", True), ON, ROLE),
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
        _envelope(answers={"type": "array", "items": _ref("Eligibility")}),
    ),
    Endpoint(
        "arrangements",
        "/v1/arrangements",
        "GET",
        "The arrangements signed (or implemented) by a day, for either role or one.",
        (ON, BASIS, ROLE),
        _arrangements,
        _envelope(
            on={"type": "string", "format": "date"},
            basis={"type": "string", "enum": [b.value for b in Basis]},
            arrangements={"type": "array", "items": _ref("Arrangement")},
        ),
    ),
    Endpoint(
        "arrangement",
        "/v1/arrangements/{id}",
        "GET",
        "One arrangement in full, by id or by a place it covers.",
        (Param("id", str, "An arrangement id (EU) or a place.", True),),
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
        _envelope(events={"type": "array", "items": _ref("Event")}),
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
            Param("where", str, "A customs district with a catalogue, e.g. Shenyang."),
        ),
        _measures,
        {
            "allOf": [
                _ref("MeasuresAnswer"),
                {
                    "type": "object",
                    "properties": {
                        "complete": {"type": "boolean"},
                        "explanation": {"type": "string"},
                    },
                    "required": ["complete", "explanation"],
                },
            ]
        },
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
)
"""Every question the API answers, in the order of the docs."""


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
    """The records' JSON Schemas as OpenAPI components, their references rewritten."""
    found: dict[str, JSON] = {"Problem": PROBLEM_SCHEMA}
    for record in shapes():
        schema = dict(json_schema(record))
        schema.pop("$schema")
        found |= schema.pop("$defs", {})
        found[record.__name__] = schema
    return _rewrite(found)  # type: ignore[no-any-return]


def _rewrite(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _rewrite(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_rewrite(v) for v in value]
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
