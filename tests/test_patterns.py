"""Code formats from a dataset: only a subset of regular expressions whose matching is bounded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import DataError
from aeo_mra._loader import parse
from aeo_mra._patterns import check_pattern, misfit, widths

BUNDLED_TEXT = (Path(aeo_mra.__file__).parent / "data" / "arrangements.toml").read_text(
    encoding="utf-8"
)
SINGAPORE = 'pattern = "SG[0-9]{12}", prefix = "included", example = "SG123456789012"'


def _with_format(pattern: str, example: str) -> str:
    assert SINGAPORE in BUNDLED_TEXT
    literal = pattern.replace("\\", "\\\\").replace('"', '\\"')
    code_format = f'pattern = "{literal}", prefix = "included", example = "{example}"'
    return BUNDLED_TEXT.replace(SINGAPORE, code_format)


@pytest.mark.parametrize(
    ("pattern", "example"),
    [
        ("(a|a)+", "a" * 30),
        ("SG([0-9]|[0-9])+", "SG" + "1" * 30),
        ("(" * 1000 + "a" + ")" * 1000, "a"),
        ("((a))", "a"),
        ("(?u)SG[0-9]{12}", "SG123456789012"),
        ("(?i)sg[0-9]{12}", "SG123456789012"),
        ("SG[0-9]+", "SG1"),
        ("SG[0-9]*", "SG1"),
        ("SG.{12}", "SG123456789012"),
        ("SG[0-9]{1,1000}", "SG1"),
        ("SG[0-9]{1,30}[0-9]{1,30}[0-9]{1,30}", "SG123"),
        ("SG(\\1)", "SG"),
        ("SG[0-9||]{12}", "SG123456789012"),
    ],
)
def test_a_pattern_outside_the_subset_is_refused_at_load(pattern: str, example: str) -> None:
    with pytest.raises(DataError) as error:
        parse(_with_format(pattern, example), "x.toml")
    assert "arrangement SG.code_format.pattern" in str(error.value)
    assert len(str(error.value)) < 1000


@pytest.mark.parametrize(
    "pattern",
    ["SG[0-9]{12}", "[A-Z]{2}[A-Z0-9]{1,15}", "RSAEO[FS][0-9]{24}", "(AEOF|AEOS)[0-9]{6}",
     "CHE\\d{9}", "(?:GB|XI)[0-9]{12}", "AB-?[0-9]{4}", "(SG|SG)[0-9]{12}"],
)  # fmt: skip
def test_patterns_in_the_subset_are_accepted(pattern: str) -> None:
    check_pattern(pattern)
    assert re.compile(pattern, re.ASCII)


def test_every_bundled_pattern_is_in_the_subset(registry: aeo_mra.Registry) -> None:
    for arrangement in registry.dataset.arrangements:
        if arrangement.code_format:
            check_pattern(arrangement.code_format.value.pattern)


_PIECES = st.sampled_from(
    ["a", "b", "0", "[0-9]", "[A-Z]", "\\d", "(", ")", "|", "?", "*", "+", "{2}", "{1,9}",
     "{0,64}", "(?:", "(?u)", ".", "^", "$", "\\1", "[", "]", "{", "}", "\\"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_an_accepted_pattern_compiles_and_has_bounded_ways(pattern: str) -> None:
    """Fuzz: any pattern is refused with a ValueError, or compiles and matches fast."""
    try:
        check_pattern(pattern)
    except ValueError:
        return
    regex = re.compile(pattern, re.ASCII)  # never re.error nor RecursionError
    assert regex.flags == re.ASCII  # no inline flags
    assert widths(pattern)[1] is not None  # no unbounded repetition
    for hostile in ("a" * 100, "0" * 100 + "!", "ab" * 50):
        regex.fullmatch(hostile)  # bounded by MAX_WAYS; a hang here fails the run


def test_misfit_is_where_a_code_first_leaves_its_pattern(registry: aeo_mra.Registry) -> None:
    # A character no pattern allows, put at each place of a matching example, is found
    # exactly there; the example itself fits.
    shapes = [a.code_format.value for a in registry.dataset.arrangements if a.code_format]
    assert len(shapes) > 10
    for shape in shapes:
        example = shape.example
        part = example if re.fullmatch(shape.pattern, example) else example[2:]
        assert re.fullmatch(shape.pattern, part), shape.pattern
        assert misfit(shape.pattern, part) is None
        for at in range(len(part)):
            assert misfit(shape.pattern, part[:at] + "_" + part[at + 1 :]) == at, (shape, at)


@pytest.mark.parametrize(
    ("pattern", "text", "at"),
    [
        ("(AB|CD)[0-9]{2}", "CE12", 1),  # C fits CD, E neither
        ("(AB|CD)[0-9]{2}", "AB1X", 3),
        ("NZ[0-9]{1,10}", "NZ12A", 4),  # of the spellings as long as the text
        ("NZ[0-9]{1,10}", "NZ" + "1" * 11, None),  # none is that long: a length error
        ("SG([0-9]", "SG1", None),  # refused by check_pattern: no place given
    ],
)
def test_misfit_reads_alternatives_and_repetitions(pattern: str, text: str, at: int | None) -> None:
    assert misfit(pattern, text) == at
