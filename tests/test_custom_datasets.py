"""A custom dataset may add names and facts; it may not quietly rewrite the world."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import aeo_mra
from aeo_mra import DataError
from aeo_mra._loader import parse

BUNDLED_TEXT = (Path(aeo_mra.__file__).parent / "data" / "arrangements.toml").read_text(
    encoding="utf-8"
)
GB_LEAVES = '  { code = "GB", last_day = 2020-12-31, confidence = "high", sources = ["hmrc-uk-aeo"'
COUNTED_GB = '[[counted_territory]]\ncode = "GB"\nsince = 2021-01-01\n'


def _with_alias(name: str, code: str) -> str:
    return BUNDLED_TEXT.replace("[aliases]\n", f'[aliases]\n"{name}" = "{code}"\n', 1)


def _problems(text: str) -> str:
    with pytest.raises(DataError) as error:
        parse(text, "x.toml")
    return str(error.value)


@pytest.mark.parametrize(
    ("name", "code"),
    [("DE", "FR"), ("DEU", "FR"), ("276", "FR"), ("056", "DE"), ("56", "DE"), ("Germany", "FR"),
     ("Federal Republic of Germany", "FR"), ("德国", "FR"), ("united  kingdom", "US")],
)  # fmt: skip
def test_an_alias_may_not_redefine_an_iso_code_or_name(name: str, code: str) -> None:
    assert f"aliases.{name}" in _problems(_with_alias(name, code))


@pytest.mark.parametrize("name", ["Germany", "Shanghai", "Hong Kong", "Taiwan", "台北"])
def test_only_a_name_of_mainland_china_may_name_china(name: str) -> None:
    assert f"aliases.{name}" in _problems(_with_alias(name, "CN"))


@pytest.mark.parametrize(("name", "code"), [("Allemagne", "DE"), ("Germany", "DE")])
def test_an_alias_may_add_a_name(name: str, code: str) -> None:
    registry = aeo_mra.Registry(parse(_with_alias(name, code), "x.toml"))
    assert registry.resolve(name).code == code


def test_the_bundled_names_of_mainland_china_load() -> None:
    dataset = parse(BUNDLED_TEXT, "bundled.toml")
    assert "CN" in dataset.aliases.values()


def test_a_territory_counted_twice_is_refused() -> None:
    assert COUNTED_GB in BUNDLED_TEXT
    later = COUNTED_GB.replace("2021-01-01", "2021-06-01") + (
        'bases = ["signed"]\nsources = ["hmrc-uk-aeo"]\nconfidence = "low"\ninferred = true\n\n'
    )
    twice = BUNDLED_TEXT.replace(COUNTED_GB, later + COUNTED_GB)
    assert "counted_territory[2]" in _problems(twice)


def test_a_territory_counted_while_a_member_is_refused() -> None:
    early = BUNDLED_TEXT.replace(COUNTED_GB, COUNTED_GB.replace("2021-01-01", "2020-06-01"))
    problems = _problems(early)
    assert "counted_territory[1]" in problems
    assert "EU" in problems


def test_two_exits_of_one_member_are_refused() -> None:
    assert GB_LEAVES in BUNDLED_TEXT
    index = BUNDLED_TEXT.index(GB_LEAVES)
    line = BUNDLED_TEXT[index : BUNDLED_TEXT.index("\n", index) + 1]
    second = line.replace("2020-12-31", "2019-12-31")
    problems = _problems(BUNDLED_TEXT.replace(line, line + second, 1))
    assert "arrangement EU.leaves[2]" in problems


@pytest.mark.parametrize("text", ["\\u001b[31m", "\\u009b", "\\u202e", "\\u0000"])
def test_control_characters_in_a_dataset_are_refused(text: str) -> None:
    marked = BUNDLED_TEXT.replace("[meta]\n", f'[meta]\nnote = "x{text}x"\n', 1)
    assert "meta.note: control character" in _problems(marked)


def test_a_url_with_a_newline_is_refused() -> None:
    url = '"https://example.org/a\\n"'
    text = BUNDLED_TEXT.replace('urls = ["https://', f'urls = [{url}, "https://', 1)
    assert "urls" in _problems(text)


def test_the_timeline_names_a_code_the_place_list_lacks_by_the_code() -> None:
    dataset = aeo_mra.Registry.bundled().dataset
    eu = next(a for a in dataset.arrangements if any(m.until for m in a.members))
    members = tuple(attrs.evolve(m, territory="XX") if m.until else m for m in eu.members)
    built = attrs.evolve(
        dataset,
        arrangements=tuple(
            attrs.evolve(a, members=members) if a is eu else a for a in dataset.arrangements
        ),
    )
    left = [e for e in aeo_mra.Registry(built).timeline() if e.territory == "XX"]
    assert [e.description for e in left] == [f"XX last covered by the {eu.name}"]
