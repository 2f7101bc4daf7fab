"""The JSON Schema shipped with the package describes the bundled dataset exactly."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from importlib import resources
from typing import Any

import jsonschema
import pytest

DATA = resources.files("aeo_mra").joinpath("data")


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


SCHEMA = json.loads(DATA.joinpath("schema.json").read_text(encoding="utf-8"))
BUNDLED = _as_json(tomllib.loads(DATA.joinpath("arrangements.toml").read_text(encoding="utf-8")))


def test_the_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_bundled_dataset_matches_the_schema() -> None:
    jsonschema.validate(BUNDLED, SCHEMA)


@pytest.mark.parametrize(
    ("path", "bad"),
    [(("meta", "schema"), 3), (("arrangement", 0, "scope", "value"), "both"),
     (("arrangement", 0, "members"), []),
     (("arrangement", 0, "signed", "latest"), "2013-01-01"),
     (("arrangement", 0, "implemented", "earliest"), "2013-01-01"),
     (("arrangement", 0, "implemented"), {"earliest": "2013-01-01", "sources": ["gacc-2013-13"],
                                          "confidence": "low"})],
)  # fmt: skip
def test_the_schema_rejects_what_the_loader_rejects(path: tuple[Any, ...], bad: Any) -> None:
    from aeo_mra import DataError
    from aeo_mra._loader import parse

    broken = json.loads(json.dumps(BUNDLED))
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    text = DATA.joinpath("arrangements.toml").read_text(encoding="utf-8")
    if path == ("meta", "schema"):
        with pytest.raises(DataError, match="schema 3 is not supported"):
            parse(text.replace("schema = 2", "schema = 3", 1))


def test_the_committed_schema_is_generated_from_the_field_table() -> None:
    from aeo_mra._schema import render

    committed = DATA.joinpath("schema.json").read_text(encoding="utf-8")
    assert committed == render(), "run `python scripts/regenerate.py` and commit the result"
