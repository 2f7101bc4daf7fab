"""The JSON Schemas of the records' shapes and of every answer, for the JSON shapes page."""

from __future__ import annotations

import json
from typing import Any

from aeo_mra import Registry, json_schema
from aeo_mra._api import answer_schemas
from aeo_mra._jsonschema import shapes


def _folded(schema: dict[str, Any]) -> str:
    text = json.dumps(schema, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return f'??? note "Schema"\n\n    ```json\n    {text}\n    ```'


def json_schemas(registry: Registry) -> str:
    """A section per record: what it is, and its schema folded, as the package ships it."""
    out = []
    for record in shapes():
        schema = json_schema(record)
        out += [
            f"### {record.__name__}",
            f"{schema['description']} File: `aeo_mra/schemas/{record.__name__}.schema.json`.",
            _folded(schema),
        ]
    return "\n\n".join(out)


def answer_schemas_section(registry: Registry) -> str:
    """A section per answer: the endpoint or command that gives it, and its schema folded."""
    out = []
    for name, schema in answer_schemas().items():
        out += [
            f"### `{name}`",
            f"{schema['description']} File: `aeo_mra/schemas/answers/{name}.schema.json`.",
            _folded(schema),
        ]
    return "\n\n".join(out)
