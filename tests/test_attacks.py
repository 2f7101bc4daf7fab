"""The attack suite, kept: hostile input of every kind, each run on a fixed budget.

Every public entry point either answers or raises a documented error with a short message;
nothing hangs, crashes with an internal error, or answers for a word or a placeholder.
The times hostile inputs take are measured in benchmarks/hostile.py.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import DataError, _limits, codes
from aeo_mra._loader import parse
from aeo_mra.places import PLACEHOLDERS, SPREADSHEET_ERRORS, _visible, normalise

BUDGET = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
BUNDLED_TEXT = (Path(aeo_mra.__file__).parent / "data" / "arrangements.toml").read_text(
    encoding="utf-8"
)
# Words, codes in the wrong case, placeholders, padding, and control characters.
_WORDS = st.sampled_from(
    ["No", "it", "at", "by", "is", "in", "and", "n.a.", "N/A", "none", "-", "#N/A", "#REF!"]
)
_PLACES = st.one_of(
    st.text(max_size=_limits.MAX_PLACE + 20),
    _WORDS,
    st.builds(lambda w, pad: " " * pad + w, _WORDS, st.integers(0, 300)),
)


def _attempt(call: Callable[[], object]) -> tuple[object, aeo_mra.Error | None]:
    """What ``call`` returns, or the aeo_mra error it raises (any other error fails the test)."""
    try:
        return call(), None
    except aeo_mra.Error as error:
        return None, error


@BUDGET
@given(_PLACES)
def test_any_place_answers_or_raises_a_short_error_that_travels(place: str) -> None:
    answer, error = _attempt(lambda: aeo_mra.check(place, on=date(2020, 1, 1)))
    if error is not None:
        assert len(str(error)) < 600
        assert str(pickle.loads(pickle.dumps(error))) == str(error)
        return
    assert isinstance(answer, aeo_mra.Eligibility)
    written, key = _visible(place).strip(), normalise(place)
    assert written.casefold() not in PLACEHOLDERS | SPREADSHEET_ERRORS
    if len(key) <= 3 and key.isascii() and key.isalpha():  # read as a code: upper case only
        assert written.isupper()
    assert answer.place.code != "CN"


@BUDGET
@given(st.text(max_size=_limits.MAX_CODE * 2))
def test_any_code_is_valid_or_raises_a_short_error(code: str) -> None:
    normal, error = _attempt(lambda: codes.validate(code))
    if error is not None:
        assert isinstance(error, codes.InvalidCode)
        assert len(str(error)) < 1000
        return
    assert codes.validate(str(normal)) == normal


_BRACKETS = st.lists(st.sampled_from(["[", "]", "{", "}", "a = ", "1", ", ", '"', "\\"]))


@BUDGET
@given(st.integers(0, 2000), _BRACKETS)
def test_any_nesting_in_a_dataset_is_a_data_error(depth: int, noise: list[str]) -> None:
    value = "[" * depth + "".join(noise) + "]" * depth
    text = BUNDLED_TEXT.replace("[meta]\n", f"[meta]\nnest = {value}\n", 1)
    with pytest.raises(DataError) as error:  # 'nest' is no field of meta, if nothing else
        parse(text, "x.toml")
    assert len(str(error.value)) < 40_000


@BUDGET
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_dataset_file_are_a_data_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.toml"
    path.write_bytes(data)
    _, error = _attempt(lambda: aeo_mra.load(path))
    if error is not None:
        assert isinstance(error, DataError)
        assert error.problems
        assert all(len(p) <= _limits.MAX_PROBLEM_CHARS for p in error.problems)
