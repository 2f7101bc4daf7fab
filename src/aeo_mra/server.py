"""The read-only JSON API that ``aeo-mra serve`` runs: Starlette on uvicorn (extra ``server``).

Every question of the library has a path under ``/v1/``, named after its function and
taking the same parameters; answers are what [`aeo_mra.to_dict`][aeo_mra.to_dict] gives.
Bad input is an RFC 9457 problem (``application/problem+json``) naming the parameter and
what is valid. Nothing a request sends names a file; the data is chosen at start-up.

>>> from aeo_mra.server import create_app
>>> [route.path for route in create_app().routes][:3]
['/v1/check', '/v1/check_foreign', '/v1/check_many']
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import aeo_mra

from . import _dates
from ._api import ENDPOINTS, Endpoint, Limits, Problem, openapi, plain, refuse_parameters
from ._render import DatedAnswers, encode, json_object, query_params
from .registry import Registry, registry_or_default
from .results import Eligibility

__all__ = ["DATA_VARIABLE", "Limits", "create_app", "from_environment", "serve"]

DATA_VARIABLE = "AEO_MRA_DATA"
"""The environment variable `from_environment` reads the data file's path from."""

_MAX_AGE = 3_600
_RENDERED = 2_048  # answers kept as bytes, by question; cleared when full
Handler = Callable[[Request], Awaitable[Response]]


def create_app(
    registry: Registry | None = None,
    *,
    limits: Limits = Limits(),  # noqa: B008 (frozen)
    cors_origins: Sequence[str] = (),
) -> Starlette:
    """The ASGI application: the endpoints, ``/health`` and ``/openapi.json``.

    Args:
        registry: Whose data answers (default: the bundled data).
        limits: The longest query, the largest body, the most rows of a bulk check.
        cors_origins: Origins a browser may call the API from; none by default.
    """
    registry = registry_or_default(registry)
    version = aeo_mra.__version__
    # What ETags are keyed to, with the question; found on first use, as the data is read.
    stamp = functools.cache(lambda: f"{version}|{_content(registry)}")
    rendered: dict[tuple[object, ...], _Rendered] = {}
    dated = DatedAnswers()
    routes = [
        Route(e.path, _handler(e, registry, limits, stamp, rendered, dated), methods=[e.method])
        for e in ENDPOINTS
    ]
    document = openapi(version, {"/health": _HEALTH})

    async def health(request: Request) -> Response:
        refuse_parameters(request.query_params, "/health")
        data = {"status": "ok", "version": version, "data_version": registry.version}
        return JSONResponse(data, headers={"Cache-Control": "no-store"})

    async def openapi_json(request: Request) -> Response:
        refuse_parameters(request.query_params, "/openapi.json")
        return JSONResponse(document)

    routes += [Route("/health", health), Route("/openapi.json", openapi_json)]
    middleware = []
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "If-None-Match"],
                expose_headers=["ETag"],
            )
        )
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        Problem: _problem,
        HTTPException: _http_problem,
        Exception: _bug,
    }
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)


_HEALTH = {
    "operationId": "health",
    "summary": "Whether the service is up, and the versions of the package and the data.",
    "responses": {"200": {"description": "Up."}},
}


def _handler(
    endpoint: Endpoint,
    registry: Registry,
    limits: Limits,
    stamp: Callable[[], str],
    rendered: dict[tuple[object, ...], _Rendered],
    dated: DatedAnswers,
) -> Handler:
    """The route's function; ``rendered`` keeps answers by question, shared by the routes."""

    async def get(request: Request) -> Response:
        query = request.scope["query_string"]
        if len(query) > limits.query:
            raise Problem(
                414,
                "query-too-long",
                "Query too long",
                f"the query has {len(query)} characters; the limit is {limits.query}",
            )
        # The same question of the same data on the same day: the same answer, kept as bytes.
        key = (request.scope["path"], query, _dates.today() if endpoint.dated else None)
        answer = rendered.get(key)
        if answer is None:
            answer = _render(endpoint, registry, request, stamp, dated)
            if len(rendered) >= _RENDERED:
                rendered.clear()
            rendered[key] = answer
        headers = {"ETag": answer.tag, "Cache-Control": f"public, max-age={answer.max_age()}"}
        wanted = request.headers.get("if-none-match", "")
        if wanted.strip() == "*" or answer.tag in wanted:  # RFC 9110 13.1.2: * matches any
            return Response(status_code=304, headers=headers)
        return Response(answer.body, media_type="application/json", headers=headers)

    async def post(request: Request) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip()
        if media_type.lower() != "application/json":  # RFC 9110 8.3.1: in any case
            raise Problem(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "send the parameters as a JSON object, Content-Type: application/json",
            )
        body = await _body(request, limits.body)
        try:
            given = json.loads(body, object_pairs_hook=json_object)
        except (ValueError, RecursionError) as error:  # nested deeper than the parser goes
            raise Problem(400, "invalid-json", "Invalid JSON", f"the body is not JSON: {error}")  # noqa: B904
        if not isinstance(given, dict):
            raise Problem(400, "invalid-json", "Invalid JSON", "the body must be a JSON object")
        rows = given.get("places")
        if isinstance(rows, list) and len(rows) > limits.rows:
            raise Problem(
                413,
                "too-many-rows",
                "Too many rows",
                f"{len(rows)} rows; the limit is {limits.rows} per request",
            )
        data = await run_in_threadpool(endpoint.ask, registry, given)
        return JSONResponse(data, headers={"Cache-Control": "no-store"})

    return get if endpoint.method == "GET" else post


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, or a 413 problem as soon as it is longer than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Problem(
            413,
            "body-too-large",
            "Body too large",
            f"the body has {declared} bytes; the limit is {limit}",
        )
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(
                413,
                "body-too-large",
                "Body too large",
                f"the body has more than {limit} bytes, the limit",
            )
        chunks.append(chunk)
    return b"".join(chunks)


@attrs.frozen
class _Rendered:
    """An answer as sent: its bytes, its ETag, and whether it is about today."""

    body: bytes
    tag: str
    today: bool

    def max_age(self) -> int:
        """How long the answer may be kept: an hour, and no later than midnight if today's."""
        if not self.today:
            return _MAX_AGE
        now = datetime.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
        return max(0, min(_MAX_AGE, int((midnight - now).total_seconds())))


def _render(
    endpoint: Endpoint,
    registry: Registry,
    request: Request,
    stamp: Callable[[], str],
    dated: DatedAnswers,
) -> _Rendered:
    """The answer to a GET request, rendered; a Problem if its parameters are bad."""
    given = endpoint.given(request.path_params, query_params(request.scope["query_string"]))
    if endpoint.name == "check":
        body = dated.check(registry, endpoint, endpoint.read(given))
    else:
        found = endpoint.found(registry, given)
        body = dated.render(found) if type(found) is Eligibility else encode(plain(found))
    today = endpoint.dated and "on" not in given
    day = _dates.today() if today else ""
    key = f"{stamp()}|{request.scope['path']}|{sorted(given.items())}|{day}"
    tag = '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'
    return _Rendered(body, tag, today)


def _content(registry: Registry) -> str:
    """A digest of the data's content, its every fact: a file corrected without a new
    version string still gets new ETags (the same data read twice, the same)."""
    return hashlib.blake2b(repr(registry.dataset).encode(), digest_size=12).hexdigest()


def _problem_response(body: dict[str, Any], status: int) -> Response:
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


async def _problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, Problem)
    return _problem_response(error.body, error.status)


async def _http_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    paths = [e.path for e in ENDPOINTS] + ["/health", "/openapi.json"]
    if error.status_code == 404:
        detail = f"nothing at {request.url.path}; the endpoints: {', '.join(paths)}"
    elif error.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    else:
        detail = str(error.detail)
    body = {
        "type": "about:blank",
        "title": str(error.detail),
        "status": error.status_code,
        "detail": detail,
    }
    response = _problem_response(body, error.status_code)
    response.headers.update(error.headers or {})  # a 405's Allow (RFC 9110 15.5.6)
    return response


async def _bug(request: Request, error: Exception) -> Response:
    """A bug: a plain 500 problem, the traceback only in the server's log."""
    body = {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "aeo_mra failed to answer; the server's log has the details",
    }
    return _problem_response(body, 500)


def from_environment() -> Starlette:
    """The app of the data file named by ``AEO_MRA_DATA`` (default: the bundled data).

    For process managers that start workers themselves:
    ``uvicorn --factory aeo_mra.server:from_environment --workers 4``.

    Raises:
        DataError: The data file fails validation.
        OSError: The data file cannot be read (``FileNotFoundError``: it does not exist);
            the message names the variable.
    """
    path = os.environ.get(DATA_VARIABLE)
    try:
        registry = aeo_mra.load(path) if path else None
    except OSError as error:  # uvicorn prints only the message: say where the path came from
        message = f"{DATA_VARIABLE}={path!r} cannot be read: {error.strerror or error}"
        raise OSError(error.errno, message) from None
    return create_app(registry)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    registry: Registry | None = None,
    *,
    cors_origins: Sequence[str] = (),
    limits: Limits = Limits(),  # noqa: B008 (frozen)
) -> None:
    """Serve the API of ``registry`` (default: the bundled data) until interrupted.

    Raises:
        DataError: The data fails validation: it is read before the port opens.
    """
    import uvicorn

    registry = registry_or_default(registry)
    _ = registry.dataset  # read and validated now, before the port opens
    app = create_app(registry, limits=limits, cors_origins=cors_origins)
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info")
