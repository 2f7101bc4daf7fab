"""Every vocabulary the dataset uses carries its own text, for every member."""

from __future__ import annotations

import enum

import pytest

from aeo_mra._schema import FIELDS, VOCABULARIES
from aeo_mra.model import Confidence

MEMBERS = [m for kind in VOCABULARIES if kind is not Confidence for m in kind]


@pytest.mark.parametrize("member", MEMBERS, ids=str)
def test_every_member_has_its_words(member: enum.Enum) -> None:
    description = getattr(member, "description", None)
    assert isinstance(description, str)
    assert description.strip()


def test_confidence_reads_as_its_name() -> None:
    assert [str(c) for c in Confidence] == ["low", "medium", "high"]


def test_every_vocabulary_the_file_uses_is_listed() -> None:
    """Each enum whose values the field table allows is among the checked vocabularies."""

    def enums(schema: object) -> list[list[object]]:
        if isinstance(schema, dict):
            found = [schema["enum"]] if "enum" in schema else []
            return found + [e for v in schema.values() for e in enums(v)]
        if isinstance(schema, list):
            return [e for v in schema for e in enums(v)]
        return []

    listed = {
        tuple(m.name if kind.__name__ in ("Tier",) else m.value for m in kind)
        for kind in VOCABULARIES
        if kind is not Confidence
    } | {tuple(c.name.lower() for c in Confidence)}
    for values in enums(FIELDS):
        assert tuple(values) in listed, values
