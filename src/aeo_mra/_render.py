"""Answers as the bytes the HTTP API sends: JSON as Starlette writes it, made fast.

A question the server has not answered yet costs what reading it, answering it and writing
its JSON cost. Answers of ``/v1/check`` for days between the same two days on which the
data can change an answer differ only in their day and explanation, so each span is decided
and rendered once (by `to_dict`, like every answer) and the other days are written into it.
"""

from __future__ import annotations

import bisect
import json
from typing import Any
from urllib.parse import unquote_plus

import attrs

from . import _decide
from ._api import Endpoint, Problem
from ._change_days import change_days
from ._explain import explain
from ._plain import to_dict
from .registry import Registry
from .results import Eligibility

__all__ = ["DatedAnswers", "encode", "json_object", "query_params"]


def query_params(query: bytes) -> dict[str, str]:
    """The parameters of a query string, as Starlette reads them; a Problem if one repeats."""
    given: dict[str, str] = {}
    pairs = [pair for pair in query.decode("latin-1").split("&") if pair]
    for pair in pairs:
        name, _, value = pair.partition("=")
        if "%" in pair or "+" in pair:
            name, value = unquote_plus(name), unquote_plus(value)
        if name in given:
            raise _repeated(name, sum(unquote_plus(p.partition("=")[0]) == name for p in pairs))
        given[name] = value
    return given


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object of a body (``json.loads``' ``object_pairs_hook``); a Problem if a name
    repeats, as in a query, rather than the last one winning."""
    found = dict(pairs)
    if len(found) < len(pairs):
        names = [name for name, _ in pairs]
        name = next(name for name in names if names.count(name) > 1)
        raise _repeated(name, names.count(name))
    return found


def _repeated(name: str, times: int) -> Problem:
    return Problem(
        400,
        "invalid-parameter",
        "Invalid parameter",
        f"{name} is given {times} times; give it once",
        invalid_params=[{"name": name, "reason": "repeated"}],
    )


_encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def encode(data: object) -> bytes:
    """``data`` as Starlette's JSONResponse writes it."""
    return _encoder.encode(data).encode("utf-8")


_REST = tuple(f.name for f in attrs.fields(Eligibility) if f.name != "on")
_MARKS = ("\x00on", "\x00explanation")  # strings no answer holds: where the day-bound parts go
_DATED_KEPT = 4_096


class DatedAnswers:
    """Answers as bytes, rendered once for all the days they hold for.

    Answers for different days of one span of the data (between two days on which an answer
    can change) differ only in their day and their explanation: the rest is rendered once
    (by `to_dict`, like every answer) and kept, and each answer writes its day and
    explanation into it.
    """

    def __init__(self) -> None:
        self._parts: dict[tuple[object, ...], tuple[Eligibility, tuple[bytes, ...]]] = {}
        self._spans: dict[tuple[object, ...], tuple[Eligibility, tuple[bytes, ...]]] = {}

    def check(self, registry: Registry, endpoint: Endpoint, values: dict[str, Any]) -> bytes:
        """``/v1/check``'s answer: decided once per span, as `check_many` does, and made for
        the other days of the span from that answer."""
        day = values["on"]
        if day is None or day > registry.reviewed:  # today's, or a caveat names the day
            return self.render(endpoint.answer_to(registry, values))
        span = bisect.bisect_right(change_days(registry).anyone, day)
        key = (values["place"], values["role"], values["tier"], span)
        found = self._spans.get(key)
        if found is None:
            answer = endpoint.answer_to(registry, values)
            if len(self._spans) >= _DATED_KEPT:
                self._spans.clear()
            self._spans[key] = (answer, _split(answer))
            return self.render(answer)
        first, parts = found
        return _join(parts, _decide.for_days(registry.dataset, first, (day,))[0])

    def render(self, answer: Eligibility) -> bytes:
        """The answer as Starlette's JSONResponse of ``to_dict(answer)`` would write it."""
        if answer.on > answer.data_reviewed:  # a caveat names the day: nothing to share
            return encode(to_dict(answer))
        # The rest by identity: the data's records are shared by the answers they decide;
        # the first answer of a key is kept with its parts, so that no id is reused.
        key = tuple(
            tuple(map(id, value)) if type(value) is tuple else id(value)
            for value in map(answer.__getattribute__, _REST)
        )
        found = self._parts.get(key)
        if found is None:
            if len(self._parts) >= _DATED_KEPT:
                self._parts.clear()
            found = self._parts[key] = (answer, _split(answer))
        return _join(found[1], answer)


def _split(answer: Eligibility) -> tuple[bytes, ...]:
    """The answer's bytes but its day and explanation: the parts around them."""
    data = to_dict(answer)
    data["on"], data["explanation"] = _MARKS
    body = encode(data)
    on, explanation = (encode(mark) for mark in _MARKS)
    if body.count(on) != 1 or body.count(explanation) != 1:
        return ()  # the data holds a mark
    head, rest = body.split(on)
    return (head, *rest.split(explanation))


def _join(parts: tuple[bytes, ...], answer: Eligibility) -> bytes:
    """The answer's bytes: its day and explanation written between ``parts``."""
    if not parts:
        return encode(to_dict(answer))
    day = b'"' + answer.on.isoformat().encode() + b'"'
    return b"".join((parts[0], day, parts[1], encode(explain(answer)), parts[2]))
