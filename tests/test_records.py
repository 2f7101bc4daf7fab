"""Records and answers share `Record`'s equality, hash and repr: they must behave as the
ones attrs would have compiled for each class."""

from __future__ import annotations

import importlib
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aeo_mra.model import Record

# Every module that defines records or answers.
MODULES = ["model", "_eligibility", "results", "home", "codes", "diff", "world._model"]


def _records() -> list[type[Record]]:
    found: set[type[Record]] = set()
    for name in MODULES:
        module = importlib.import_module(f"aeo_mra.{name}")
        found.update(
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Record) and value is not Record
        )
    return sorted(found, key=lambda record: record.__qualname__)


@pytest.mark.parametrize("record", _records(), ids=lambda r: r.__qualname__)
def test_attrs_compiles_no_equality_hash_or_repr_of_its_own(record: type[Record]) -> None:
    assert attrs.has(record)
    assert {"__eq__", "__hash__", "__repr__"}.isdisjoint(vars(record))


@attrs.frozen(eq=False, repr=False)
class Pair(Record):
    left: object
    right: object = ()


@attrs.frozen(eq=False, repr=False)
class Subpair(Pair):
    pass


@attrs.frozen
class Twin:  # what attrs makes of the same fields
    left: object
    right: object = ()


values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | st.text(max_size=3),
    lambda inner: st.tuples(inner, inner) | st.builds(Pair, inner, inner),
    max_leaves=6,
)


@given(values, values, values, values)
def test_records_compare_hash_and_print_as_attrs_would(
    a: object, b: object, c: object, d: object
) -> None:
    assert (Pair(a, b) == Pair(c, d)) is (Twin(a, b) == Twin(c, d))
    assert (Pair(a, b) != Pair(c, d)) is (Twin(a, b) != Twin(c, d))
    assert repr(Pair(a, b)) == repr(Twin(a, b)).replace("Twin", "Pair", 1)
    try:
        hash(Twin(a, b))
    except TypeError:  # a field that is not hashable
        with pytest.raises(TypeError):
            hash(Pair(a, b))
        return
    if Pair(a, b) == Pair(c, d):
        assert hash(Pair(a, b)) == hash(Pair(c, d))


def test_records_of_other_classes_are_unequal_whatever_their_fields() -> None:
    assert Pair(1, 2) == Pair(1, 2)
    assert Pair(1, 2) != Subpair(1, 2)
    assert Subpair(1, 2) != Pair(1, 2)
    assert Pair(1, 2) != Twin(1, 2)
    assert Pair(1, 2) != (1, 2)
    assert len({Pair(1, 2), Pair(1, 2), Subpair(1, 2)}) == 2


def test_records_pickle_and_stay_frozen() -> None:
    pair = Pair(1, (2, "three"))
    assert pickle.loads(pickle.dumps(pair)) == pair
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pair.left = 2  # type: ignore[misc]
