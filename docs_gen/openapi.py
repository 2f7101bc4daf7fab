"""The HTTP API page: the endpoints and the OpenAPI document, from the API's route table."""

from __future__ import annotations

import json

import aeo_mra
from aeo_mra import Registry
from aeo_mra._api import ENDPOINTS, Param, openapi


def api_endpoints(registry: Registry) -> str:
    """A section per endpoint: method and path, what it answers, its parameters."""
    out = []
    for e in ENDPOINTS:
        out += [f"### `{e.method} {e.path}`", f"{e.summary} The library's `{e.name}`."]
        in_path = [p for p in e.params if "{" + p.name + "}" in e.path]
        rest = [p for p in e.params if p not in in_path]
        body = "the JSON body" if e.method == "POST" else "the query"
        for where, params in (("the path", in_path), (body, rest)):
            if params:
                out.append(f"Parameters, in {where}:\n\n{_table(params)}")
    return "\n\n".join(out)


def _table(params: list[Param]) -> str:
    """The parameters' table."""
    rows = [f"| `{p.name}` | {'yes' if p.required else 'no'} | {p.description} |" for p in params]
    return "| name | required | meaning |\n|---|---|---|\n" + "\n".join(rows)


def openapi_document(registry: Registry) -> str:
    """The whole OpenAPI document, folded."""
    text = json.dumps(openapi(aeo_mra.__version__), ensure_ascii=False, indent=2)
    return (
        '??? note "openapi.json"\n\n    ```json\n    ' + text.replace("\n", "\n    ") + "\n    ```"
    )
