"""Work on one input is linear and bounded: long inputs are refused early, repeats are cheap.

How long the hostile cases take is measured in benchmarks/hostile.py, not here.
"""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import _limits, codes


def _compact_by_copies(code: str) -> str:
    """The old compact(): one copy of the string per AEO<…> level (quadratic)."""
    import unicodedata

    text = codes._SEPARATORS.sub("", unicodedata.normalize("NFKC", code).upper())
    while text.startswith("AEO<") and text.endswith(">"):
        text = text[4:-1]
    return text


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["AEO<", ">", "<", "AEO", "X", "1", " "]), max_size=12))
def test_compact_takes_off_wrappers_as_before(parts: list[str]) -> None:
    code = "".join(parts)
    assert codes.compact(code) == _compact_by_copies(code)


def test_compact_takes_off_a_thousand_wrappers() -> None:
    assert codes.compact("AEO<" * 1000 + "sg 1234" + ">" * 1000) == "SG1234"


@pytest.mark.parametrize("code", ["AEO<" * 300_000 + "SG123456789012" + ">" * 300_000, "9" * 10**6])
def test_a_code_over_the_length_limit_is_refused_naming_it(code: str) -> None:
    with pytest.raises(codes.InvalidLength, match=f"at most {_limits.MAX_CODE}") as error:
        codes.validate(code)
    assert len(str(error.value)) < 300
    assert not codes.is_valid(code)


@pytest.mark.parametrize("place", ["DE" + " " * 10**6, "Germany" * 100_000])
def test_a_place_over_the_length_limit_is_refused_naming_it(place: str) -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError, match=f"over {_limits.MAX_PLACE}") as error:
        aeo_mra.check(place)
    assert len(str(error.value)) < 300


def test_a_place_of_the_longest_allowed_length_still_resolves() -> None:
    padded = "Germany".center(_limits.MAX_PLACE)
    assert aeo_mra.resolve(padded).code == "DE"


def test_suggestions_for_an_unknown_name_are_worked_out_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    real = difflib.get_close_matches

    def counting(*args: object, **kwargs: object) -> list[str]:
        calls.append(args[0])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    registry = aeo_mra.Registry.bundled()
    for _ in range(3):
        with pytest.raises(aeo_mra.UnknownPlaceError) as error:
            registry.resolve("Germanyy")
        assert "Germany" in error.value.suggestions
    assert calls == ["germanyy"]
