"""Records and answers share `Record`'s equality, hash and repr: equal as tuples of their
fields are, printed as attrs prints."""

from __future__ import annotations

import importlib
import pickle
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aeo_mra.model import Record

# Every module that defines records or answers, and its attrs classes that are neither.
MODULES = ["model", "_eligibility", "results", "home", "codes", "diff", "world._model"]
HELPERS = {"aeo_mra.codes._Rule"}


def _attrs_classes() -> list[type]:
    found: set[type] = set()
    for name in MODULES:
        module = importlib.import_module(f"aeo_mra.{name}")
        found.update(
            value
            for value in vars(module).values()
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
        )
    named = {f"{record.__module__}.{record.__qualname__}": record for record in found}
    assert named.keys() >= HELPERS
    return [record for name, record in sorted(named.items()) if name not in HELPERS]


@pytest.mark.parametrize("record", _attrs_classes(), ids=lambda r: r.__qualname__)
def test_every_record_is_a_record_and_attrs_compiles_none_of_the_three(record: type) -> None:
    assert issubclass(record, Record)
    assert {"__eq__", "__hash__", "__repr__"}.isdisjoint(vars(record))


@attrs.frozen(eq=False, repr=False)
class Pair(Record):
    left: object
    right: object = ()


@attrs.frozen(eq=False, repr=False)
class Single(Record):
    only: object


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
def test_records_compare_as_tuples_of_their_fields(
    a: object, b: object, c: object, d: object
) -> None:
    assert (Pair(a, b) == Pair(c, d)) is ((a, b) == (c, d))
    assert (Pair(a, b) != Pair(c, d)) is ((a, b) != (c, d))
    assert (Single(a) == Single(c)) is ((a,) == (c,))
    assert Pair(a, b) == Pair(a, b)  # the same values: equal, as in a tuple, NaN too


@given(values, values, values, values)
def test_equal_records_hash_alike_and_print_as_attrs_would(
    a: object, b: object, c: object, d: object
) -> None:
    assert repr(Pair(a, b)) == repr(Twin(a, b)).replace("Twin", "Pair", 1)
    try:
        hash((a, b))
    except TypeError:  # a field that is not hashable
        with pytest.raises(TypeError):
            hash(Pair(a, b))
        return
    assert hash(Pair(a, b)) == hash(Pair(a, b))
    if Pair(a, b) == Pair(c, d):
        assert hash(Pair(a, b)) == hash(Pair(c, d))


def test_records_of_other_classes_are_unequal_whatever_their_fields() -> None:
    assert Pair(1, 2) == Pair(1, 2)
    assert Pair(1, 2) != Subpair(1, 2)
    assert Subpair(1, 2) != Pair(1, 2)
    assert Pair(1, 2) != Twin(1, 2)
    assert Pair(1, 2) != (1, 2)
    assert Pair(1, 2).__eq__(Twin(1, 2)) is NotImplemented  # the other side may answer
    assert Pair(1, 2) == mock.ANY
    assert len({Pair(1, 2), Pair(1, 2), Subpair(1, 2)}) == 2


def test_records_pickle_and_stay_frozen() -> None:
    pair = Pair(1, (2, "three"))
    assert pickle.loads(pickle.dumps(pair)) == pair
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pair.left = 2  # type: ignore[misc]


def test_a_frozen_map_is_read_only_and_hashes_and_pickles_as_its_items() -> None:
    from aeo_mra.model import FrozenMap

    items = FrozenMap({"a": 1, "b": (2,)})
    assert items == {"a": 1, "b": (2,)}
    assert hash(items) == hash(FrozenMap([("b", (2,)), ("a", 1)]))
    with pytest.raises(TypeError):
        items["c"] = 3  # type: ignore[index]
    copy = pickle.loads(pickle.dumps(items))
    assert copy == items
    assert type(copy) is FrozenMap


def test_the_world_graphs_records_and_answers_hash_and_pickle() -> None:
    from datetime import date

    from aeo_mra import world

    graph, day = world.bundled(), date(2024, 1, 1)
    found = [
        *graph.bilaterals,
        *graph.plurilaterals,
        *graph.partners("KR", on=day),
        *graph.recognisers("EU/AEOS", on=day),
        graph.check("EU/AEOS", "JP", on=day),
    ]
    for record in found:
        assert pickle.loads(pickle.dumps(record)) == record
        assert hash(pickle.loads(pickle.dumps(record))) == hash(record)
