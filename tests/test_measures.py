"""Measures at home: the rules on a small test file, the bundled data against its sources.

The rules run on tests/data/measures.toml with the tiers of tests/data/shapes.toml, so a
data update never moves them; the bundled data's counts are checked against the numbers
each decree's text gives, row by row with the source of the number.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_schema import _as_json

import aeo_mra
from aeo_mra import Confidence, DataError, Tier, TierNotInForceError
from aeo_mra.home import (
    BeforeMeasuresError,
    ChangeKind,
    Measures,
    ReversedDaysError,
    UnknownDistrictError,
    UnknownScopeError,
)

HERE = Path(__file__).parent / "data"
ADVANCED, GENERAL = Tier.ADVANCED_CERTIFIED, Tier.GENERAL_CERTIFIED
DATA = resources.files("aeo_mra").joinpath("data")


@pytest.fixture(scope="module")
def book() -> Measures:
    return Measures.from_file(HERE / "measures.toml", aeo_mra.load(HERE / "shapes.toml"))


def ids(answer: Any) -> list[str]:
    return [m.measure.id for m in answer]


# -- the rules, on the test file ------------------------------------------------------------

IN_FORCE = [
    # tier, day, the measures in force (certain ones), the lists of unknown items
    (ADVANCED, date(2016, 1, 1), ["old-1", "old-2", "old-3"], []),
    (GENERAL, date(2016, 1, 1), ["old-1", "old-2"], []),
    (ADVANCED, date(2018, 4, 30), ["old-1", "old-2", "old-3"], []),
    (ADVANCED, date(2018, 5, 1), ["new-1", "new-2", "new-3"], []),
    (GENERAL, date(2018, 5, 1), [], []),
    (ADVANCED, date(2020, 7, 1), ["new-1", "new-2", "new-3", "fuzzy-1"], []),
    (ADVANCED, date(2026, 4, 1), ["fuzzy-1"], ["measures"]),
    (Tier.CERTIFIED, date(2026, 4, 1), [], ["measures"]),
]  # fmt: skip


@pytest.mark.parametrize(("tier", "day", "expected", "unknown"), IN_FORCE)
def test_the_measures_of_a_tier_on_a_day(
    book: Measures, tier: Tier | None, day: date, expected: list[str], unknown: list[str]
) -> None:
    answer = book.measures(tier, on=day)
    assert ids(answer.measures) == expected
    assert all(m.certain for m in answer.measures)
    assert [u.name for u in answer.unknown] == unknown
    assert answer.complete is not unknown
    for found in answer.measures:
        assert answer.tier in found.measure.tiers
        assert found.measure.sources


def test_the_default_tier_is_the_aeo_tier_of_the_day(book: Measures) -> None:
    assert book.measures(on=date(2016, 1, 1)).tier is ADVANCED
    empty = book.measures(GENERAL, on=date(2018, 5, 1))
    assert empty.headline == "On 2018-05-01 no measure is recorded for a general certified " \
        "enterprise (一般认证企业) nationally."  # fmt: skip


def test_a_day_before_any_instrument_is_an_error(book: Measures) -> None:
    # The test file's first instrument starts on 2014-12-01; no earlier day is answered.
    assert book.first_day == date(2014, 12, 1)
    with pytest.raises(BeforeMeasuresError, match=r"2014-11-30.*begins on 2014-12-01") as caught:
        book.measures(on=date(2014, 11, 30))
    assert (caught.value.on, caught.value.first) == (date(2014, 11, 30), date(2014, 12, 1))
    assert isinstance(caught.value, ValueError)
    assert book.measures(on=date(2014, 12, 1)).measures


def test_an_instrument_with_no_known_start_bounded_by_its_tiers(tmp_path: Path) -> None:
    text = (HERE / "measures.toml").read_text(encoding="utf-8")
    text = text.replace("since = 2014-12-01\nuntil = 2018-04-30", "until = 2018-04-30", 1)
    (tmp_path / "m.toml").write_text(text, encoding="utf-8")
    book = Measures.from_file(tmp_path / "m.toml", aeo_mra.load(HERE / "shapes.toml"))
    assert book.first_day == date(2014, 12, 1)  # its lists name tiers from 2014-12-01
    with pytest.raises(BeforeMeasuresError):
        book.measures(on=date(2014, 11, 30))


def test_reversed_days_are_an_error(book: Measures) -> None:
    with pytest.raises(ReversedDaysError, match=r"2018-01-01.*2019-01-01") as caught:
        book.changes(ADVANCED, before=date(2019, 1, 1), after=date(2018, 1, 1))
    assert isinstance(caught.value, ValueError)
    assert book.changes(ADVANCED, before=date(2019, 1, 1), after=date(2019, 1, 1)).changes == ()
    with pytest.raises(ReversedDaysError, match=r"until=2020-01-01 is earlier than since=2021"):
        book.counts(since=date(2021, 1, 1), until=date(2020, 1, 1))
    with pytest.raises(TypeError, match=r"^before must be a datetime\.date"):  # the one given
        book.changes(ADVANCED, before="2019-01-01", after=date(2019, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^since must be a datetime\.date"):
        book.counts(since="2019-01-01")  # type: ignore[arg-type]


def test_the_headline_names_the_review_day_after_it(book: Measures) -> None:
    reviewed = book.data.reviewed
    later = book.measures(ADVANCED, on=reviewed + timedelta(days=1)).headline
    assert f"The data was last reviewed on {reviewed}" in later
    assert "last reviewed" not in book.measures(ADVANCED, on=reviewed).headline


def test_every_answer_for_a_day_after_the_review_says_so(book: Measures) -> None:
    reviewed = book.data.reviewed
    later, said = reviewed + timedelta(days=1), f"The data was last reviewed on {reviewed}"
    gap = book.compare(ADVANCED, Tier.DISCREDITED, on=later)
    assert gap.data_reviewed == reviewed
    assert gap.explain().endswith(said + "; later changes are not reflected.")
    assert said not in book.compare(ADVANCED, Tier.DISCREDITED, on=reviewed).explain()
    assert said in book.changes(ADVANCED, before=reviewed, after=later).explain()
    assert said not in book.changes(ADVANCED, before=reviewed, after=reviewed).explain()


def test_both_tiers_and_both_days_are_needed(book: Measures) -> None:
    day = book.data.reviewed
    with pytest.raises(TypeError, match=r"^tier must be an aeo_mra\.Tier, not None"):
        book.compare(None, ADVANCED, on=day)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^other must be an aeo_mra\.Tier, not None"):
        book.compare(ADVANCED, None, on=day)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^before must be a datetime\.date \(changes\(\) needs"):
        book.changes(ADVANCED, before=None, after=day)  # type: ignore[arg-type]


def test_a_district_by_the_name_its_error_lists_or_its_province(book: Measures) -> None:
    with pytest.raises(UnknownDistrictError) as caught:
        book.district("South")
    for listed in caught.value.valid:
        assert str(book.district(listed)) == listed
    assert book.district("Northland").id == "north"
    assert book.district("北方省").id == "north"


def test_a_tier_that_did_not_exist_is_an_error(book: Measures) -> None:
    with pytest.raises(TierNotInForceError, match="GENERAL_CERTIFIED did not exist on 2022"):
        book.measures(GENERAL, on=date(2022, 1, 1))
    with pytest.raises(TypeError, match=r"tier must be an aeo_mra\.Tier"):
        book.measures("ADVANCED", on=date(2022, 1, 1))  # type: ignore[arg-type]


def test_a_start_known_as_a_range_makes_a_measure_possible_not_certain(book: Measures) -> None:
    assert "fuzzy-1" not in ids(book.measures(ADVANCED, on=date(2019, 12, 31)).measures)
    maybe = book.measures(ADVANCED, on=date(2020, 3, 1))
    assert [(m.measure.id, m.certain) for m in maybe.measures][-1] == ("fuzzy-1", False)
    assert "1 of them only possibly in force" in maybe.headline
    assert maybe.measures[-1].explain().endswith("(possibly in force)")
    assert maybe.measures[-1].measure.inferred
    assert maybe.measures[-1].measure.confidence is Confidence.LOW


@pytest.mark.parametrize("name", ["North", "north customs", "North Customs", "北方海关", "北方"])
def test_a_district_is_named_in_english_or_chinese(book: Measures, name: str) -> None:
    answer = book.measures(ADVANCED, on=date(2019, 6, 1), where=name)
    assert answer.where is not None
    assert answer.where.id == "north"
    assert [(u.instrument.id, u.name, u.items) for u in answer.unknown] == [
        ("north-catalogue", "advanced only", 2)
    ]
    assert "nationally and in North Customs (北方海关, Northland)" in answer.headline
    assert ids(answer.measures) == ids(book.measures(ADVANCED, on=date(2019, 6, 1)).measures)


def test_a_catalogue_applies_only_where_named(book: Measures) -> None:
    assert book.measures(GENERAL, on=date(2019, 6, 1)).unknown == ()
    local = book.measures(GENERAL, on=date(2019, 6, 1), where="North")
    assert [u.name for u in local.unknown] == ["general only"]
    assert "none recorded" in local.explain()


def test_an_unknown_district_is_an_error_listing_the_known_ones(book: Measures) -> None:
    with pytest.raises(UnknownDistrictError, match=r"'South'.*North Customs \(北方海关") as error:
        book.measures(on=date(2019, 6, 1), where="South")
    assert isinstance(error.value, LookupError)
    assert error.value.valid == ("North Customs (北方海关, Northland)",)
    with pytest.raises(TypeError):
        book.district(7)  # type: ignore[arg-type]


def test_the_mra_measure_points_to_check(book: Measures) -> None:
    answer = book.measures(ADVANCED, on=date(2016, 1, 1))
    assert answer.mra is not None
    assert answer.mra.measure.id == "old-3"
    assert "Where it applies: aeo_mra.check(place)" in answer.mra.explain()
    assert book.measures(GENERAL, on=date(2016, 1, 1)).mra is None


def test_what_one_tier_gets_that_another_does_not(book: Measures) -> None:
    gap = book.compare(ADVANCED, GENERAL, on=date(2016, 1, 1))
    assert ids(gap.only) == ["old-3"]
    assert ids(gap.lacks) == []
    assert gap.unknown == ()
    reverse = book.compare(GENERAL, ADVANCED, on=date(2016, 1, 1))
    assert ids(reverse.lacks) == ["old-3"]
    assert gap.explain().startswith(
        "On 2016-01-01 an advanced certified enterprise gets 1 recorded measure a general "
        "certified enterprise does not:\n  - "
    )
    assert reverse.explain().startswith(
        "On 2016-01-01 a general certified enterprise gets no recorded measure an advanced "
        "certified enterprise does not, and lacks 1:\n  - "
    )
    same = book.compare(ADVANCED, ADVANCED, on=date(2019, 6, 1), where="North")
    assert (same.only, same.lacks, same.unknown) == ((), (), ())  # no gap, none unknown
    assert same.explain().endswith("does not.")
    local = book.compare(ADVANCED, GENERAL, on=date(2019, 6, 1), where="North")
    assert [u.name for u in local.unknown] == ["advanced only", "general only"]
    with pytest.raises(TierNotInForceError):
        book.compare(ADVANCED, GENERAL, on=date(2022, 1, 1))


CHANGES = [
    # before, after, {concept: kind}
    (date(2018, 4, 30), date(2018, 5, 1), {
        "faster": ChangeKind.CHANGED, "other": ChangeKind.DROPPED,
        "mra-facilitation": ChangeKind.KEPT, "coordinator": ChangeKind.NEW}),
    (date(2026, 3, 31), date(2026, 4, 1), {
        "faster": ChangeKind.UNKNOWN, "mra-facilitation": ChangeKind.UNKNOWN,
        "coordinator": ChangeKind.UNKNOWN}),
    (date(2019, 1, 1), date(2021, 1, 1), {"guarantee": ChangeKind.NEW}),
    (date(2019, 1, 1), date(2019, 2, 1), {}),
]  # fmt: skip


@pytest.mark.parametrize(("before", "after", "kinds"), CHANGES)
def test_what_changed_between_two_days(
    book: Measures, before: date, after: date, kinds: dict[str, ChangeKind]
) -> None:
    changes = book.changes(ADVANCED, before=before, after=after)
    assert {c.concept.id: c.kind for c in changes.changes} == kinds
    for change in changes.changes:
        assert change.before == tuple(
            m.measure for m in changes.before.measures if m.measure.concept is change.concept
        )
    assert changes.of(ChangeKind.NEW) == tuple(c for c in changes.changes if c.kind.value == "new")


def test_changes_explain_what_is_unknown(book: Measures) -> None:
    text = book.changes(before=date(2026, 3, 31), after=date(2026, 4, 1)).explain()
    assert "unknown: faster clearance (new-decree art. 9(1) → —)" in text
    assert "Next decree (test), measures: number of items unknown, none recorded" in text


@pytest.mark.parametrize(("before", "after", "kinds"), CHANGES)
def test_changes_count_each_kind_in_their_first_line(
    book: Measures, before: date, after: date, kinds: dict[str, ChangeKind]
) -> None:
    first = book.changes(ADVANCED, before=before, after=after).explain().splitlines()[0]
    counts = Counter(kinds.values())
    assert f"{len(kinds)} concepts' measures differ" in first or (
        not kinds and first.endswith(": no concept differs.")
    )
    for kind, word in [
        (ChangeKind.NEW, "new"),
        (ChangeKind.KEPT, "kept in a new instrument"),
        (ChangeKind.DROPPED, "dropped"),
        (ChangeKind.UNKNOWN, "unknown"),
    ]:
        assert (f"{counts[kind]} {word}" in first) is (kind in counts), (kind, first)  # fmt: skip


def test_unknown_lists_are_named_only_where_they_may_hide_a_change(book: Measures) -> None:
    unknown = book.changes(before=date(2026, 3, 31), after=date(2026, 4, 1))
    assert unknown.of(ChangeKind.UNKNOWN)
    assert "so 'unknown' changes may be none" in unknown.explain()
    on_one_day = book.measures(on=date(2026, 4, 1)).unknown
    assert on_one_day  # in force on that day, so between it and itself no change hides
    same = book.changes(before=date(2026, 4, 1), after=date(2026, 4, 1)).explain()
    assert same.splitlines() == [same.splitlines()[0]]
    assert "Not recorded" not in same
    # a catalogue not itemised begins: no concept is seen to differ, but some may
    opened = book.changes(before=date(2018, 12, 31), after=date(2019, 1, 1), where="north")
    assert opened.changes == ()
    assert opened.explain().splitlines()[1:] == [
        "Not recorded item by item, so more may differ among:",
        "  - North Customs catalogue (test), advanced only: 2 items, none recorded",
    ]
    kept = book.changes(before=date(2019, 1, 1), after=date(2019, 2, 1), where="north")
    assert kept.after.unknown
    assert len(kept.explain().splitlines()) == 1


def test_counts_by_scope_and_date(book: Measures) -> None:
    national = book.counts("national")
    assert [(c.on, c.count, c.published) for c in national] == [
        (date(2020, 1, 1), 100, False),
        (date(2021, 1, 1), 200, True),
    ]
    assert str(national[1]) == "published 2021-01-01 national: about 200 " \
        "(advanced certified enterprise; medium)"  # fmt: skip
    assert book.counts("北方省") == book.counts("northland")
    assert str(book.counts("Northland")[0]).endswith("more than 5 (certified enterprise, " \
        "tier not stated; high)")  # fmt: skip
    assert [c.count for c in book.counts(until=date(2020, 6, 1))] == [100, 5]
    assert [c.count for c in book.counts(since=date(2020, 6, 2))] == [200]
    with pytest.raises(UnknownScopeError, match="scopes counted: national, Northland"):
        book.counts("Southland")
    for blank in ("", "   "):  # never every count without a Chinese name
        with pytest.raises(UnknownScopeError):
            book.counts(blank)


def test_a_broken_file_lists_every_problem_with_its_place() -> None:
    from aeo_mra._home_loader import parse

    text = (HERE / "measures.toml").read_text(encoding="utf-8")
    broken = (
        text.replace('concept = "coordinator"', 'concept = "nobody"')
        .replace("items = 3", "items = 4")
        .replace('districts = ["north"]', 'districts = ["south"]')
        .replace('list = "added"', 'list = "missing"')
        .replace("since = 2019-01-01", 'since = "soon"')
        .replace("schema = 1", "schema = 9")
    )
    with pytest.raises(DataError) as error:
        parse(broken, "broken.toml")
    problems = "\n".join(error.value.problems)
    for expected in [
        "broken.toml: meta.schema: schema 9 is not supported (expected 1)",
        "measure new-3.concept: 'nobody' is not a key of [concepts]",
        "instrument new-decree.list[1]: complete, but 2 measures are recorded for 4 items",
        "instrument north-catalogue.districts: 'south' is not a key of [districts]",
        "measure fuzzy-1: instrument 'fuzzy-list' has no list named 'missing'",
        "instrument north-catalogue.since: 'soon' is not a date",
    ]:
        assert expected in problems
    assert all(p.startswith("broken.toml: ") for p in error.value.problems)


# -- the bundled data -----------------------------------------------------------------------

LISTS = [
    # instrument, list, numbered items, where the number comes from
    ("decree-225", "general certified", 4, "consult-225-measures and lzxdjx-225 agree"),
    ("decree-225", "advanced certified, in addition", 4,
     "consult-225-measures; Economic Daily 2018: advanced measures 'from 4 to 8'"),
    ("decree-237", "art. 23", 4, "etogether-237 (bilingual text of art. 23)"),
    ("decree-237", "art. 24", 9, "etogether-237, luoyeguxing-237 (8 measures and a catch-all)"),
    ("decree-251", "art. 30", 12, "beijing-gov-251-zh (official), cq-gov-2022-73"),
    ("gacc-2022-73", "the six measures", 6, "cq-gov-2022-73 (official)"),
]  # fmt: skip


@pytest.fixture(scope="module")
def bundled() -> Measures:
    return Measures.bundled()


@pytest.mark.parametrize(("instrument", "name", "items", "source"), LISTS)
def test_each_decree_list_has_as_many_measures_as_its_text_numbers(
    bundled: Measures, instrument: str, name: str, items: int, source: str
) -> None:
    (found,) = [m for m in bundled.data.lists if m.instrument.id == instrument and m.name == name]
    recorded = [m for m in bundled.data.measures if m.list is found]
    assert found.items == items, source
    assert len(recorded) == items, source
    assert found.complete


PER_TIER = [
    # instrument, tier, day in force, measures for the tier, where the number comes from
    ("decree-225", GENERAL, date(2015, 1, 1), 4, "the general list"),
    ("decree-225", ADVANCED, date(2015, 1, 1), 8, "4 general + 4 in addition"),
    ("decree-237", GENERAL, date(2019, 1, 1), 4, "art. 23"),
    ("decree-237", ADVANCED, date(2019, 1, 1), 13, "art. 23 (4) + art. 24 (9)"),
    ("decree-251", ADVANCED, date(2022, 1, 1), 12, "art. 30"),
]  # fmt: skip


@pytest.mark.parametrize(("instrument", "tier", "day", "count", "source"), PER_TIER)
def test_measures_per_tier_per_decree(
    bundled: Measures, instrument: str, tier: Tier, day: date, count: int, source: str
) -> None:
    answer = bundled.measures(tier, on=day)
    assert sum(m.measure.instrument.id == instrument for m in answer.measures) == count, source


def test_decree_282_measures_are_recorded_as_unknown(bundled: Measures) -> None:
    (found,) = [m for m in bundled.data.lists if m.instrument.id == "decree-282"]
    assert (found.items, found.complete, found.found) == (None, False, 0)
    for tier in (ADVANCED, Tier.CERTIFIED):
        answer = bundled.measures(tier, on=date(2026, 4, 1))
        assert found in answer.unknown
        assert not answer.complete


def test_the_shenyang_split_is_reproduced_from_the_records(bundled: Measures) -> None:
    # China Daily, 2021-04-25 (chinadaily-shenyang-2021): 28 measures; 14 for advanced AEOs
    # only, 1 for general AEOs only, 13 for both.
    lists = [m for m in bundled.data.lists if m.instrument.id == "shenyang-catalogue-2021"]
    by_tiers = {frozenset(m.tiers): m.items or 0 for m in lists}
    assert by_tiers[frozenset({ADVANCED})] == 14
    assert by_tiers[frozenset({GENERAL})] == 1
    assert by_tiers[frozenset({ADVANCED, GENERAL})] == 13
    assert sum(by_tiers.values()) == 28
    assert all(not m.complete and m.found == 0 for m in lists)
    local = bundled.measures(GENERAL, on=date(2021, 6, 1), where="沈阳海关")
    assert sum(u.items or 0 for u in local.unknown if u.instrument.id.startswith("shenyang")) == 14


@pytest.mark.parametrize(("day", "article"), [
    (date(2015, 1, 1), None), (date(2019, 1, 1), "24(6)"), (date(2022, 1, 1), "30(9)"),
])  # fmt: skip
def test_mra_facilitation_is_a_top_tier_measure_in_every_decree_since_2014(
    bundled: Measures, day: date, article: str | None
) -> None:
    top = bundled.measures(on=day)
    assert top.mra is not None
    assert top.mra.measure.article == article
    assert top.mra.measure.tiers == (ADVANCED,)
    if day < date(2021, 11, 1):
        assert bundled.measures(GENERAL, on=day).mra is None


def test_every_concept_and_district_is_used(bundled: Measures) -> None:
    used = {m.concept.id for m in bundled.data.measures}
    assert used == set(bundled.data.concepts)
    places = {d.id for i in bundled.data.instruments for d in i.districts}
    assert places == set(bundled.data.districts)


def test_national_counts_rise_and_cite_their_sources(bundled: Measures) -> None:
    national = bundled.counts("national")
    assert national[-1].count == 6876  # Xinhua 2026-02-16, via two copies
    assert [c.on for c in national] == sorted(c.on for c in national)
    assert all(c.sources for c in bundled.data.counts)


# -- the file and its schema ----------------------------------------------------------------


SCHEMA = json.loads(DATA.joinpath("measures.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [DATA.joinpath("measures.toml"), HERE / "measures.toml"])
def test_the_files_match_the_schema(path: Any) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(_as_json(tomllib.loads(path.read_text(encoding="utf-8"))), SCHEMA)


def test_the_committed_schema_is_generated_from_the_field_table() -> None:
    from aeo_mra._home_schema import render

    committed = DATA.joinpath("measures.schema.json").read_text(encoding="utf-8")
    assert committed == render(), "run `python scripts/regenerate.py` and commit the result"


# -- the command line -----------------------------------------------------------------------

MEASURES_KEYS = [
    "tier", "on", "where", "measures", "unknown", "data_reviewed", "complete", "explanation",
    "instruments", "sources", "data_version",
]  # fmt: skip
MEASURE_KEYS = [
    "id", "list", "article", "concept", "text_zh", "text_en", "sources", "confidence",
    "inferred", "note",
]  # fmt: skip


def test_the_command_prints_the_answer_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    from test_cli import call

    from aeo_mra import cli

    args = ("measures", "--on", "2021-06-01", "--where", "沈阳海关", "--json")
    status, out, _ = call(capsys, *args)
    data = json.loads(out)
    answer = aeo_mra.measures(on=date(2021, 6, 1), where="Shenyang")
    assert status == cli.EXIT_YES
    assert list(data) == MEASURES_KEYS
    assert list(data["measures"][0]["measure"]) == MEASURE_KEYS
    bundled = aeo_mra.home._BUNDLED.data
    assert data == {
        **aeo_mra.to_dict(answer),
        "data_version": bundled.version,
        "data_reviewed": bundled.reviewed.isoformat(),
    }
    assert (data["tier"], data["where"]["id"], data["complete"]) == (
        "ADVANCED_CERTIFIED",
        "shenyang",
        False,
    )
    docs = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for key in MEASURES_KEYS + MEASURE_KEYS:
        assert f'"{key}"' in docs


def test_the_command_points_to_check_and_refuses_bad_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from test_cli import call

    from aeo_mra import cli

    status, out, _ = call(capsys, "measures", "--on", "2022-01-01")
    assert status == cli.EXIT_YES
    assert "decree-251 art. 30(9)" in out
    assert out.rstrip().endswith("where it applies, ask `aeo-mra check PLACE`.")
    status, out, err = call(capsys, "measures", "--where", "Dalian")
    assert (status, out) == (cli.EXIT_BAD_INPUT, "")
    assert "'Dalian' names no customs district" in err
    assert "Shenyang Customs (沈阳海关, Liaoning)" in err
    status, _, err = call(capsys, "measures", "--tier", "general_certified", "--on", "2022-01-01")
    assert status == cli.EXIT_BAD_INPUT
    assert "GENERAL_CERTIFIED did not exist on 2022-01-01" in err


# -- the data page --------------------------------------------------------------------------


def test_the_matrix_has_a_row_per_concept_and_a_column_per_decree_and_tier() -> None:
    from docs_gen import measures as page

    book = Measures.bundled()
    matrix = page.measures_matrix(aeo_mra._default())
    table = [line for line in matrix.splitlines() if line.startswith("|")]  # in its <div>
    rows = [line.split(" | ") for line in table[2:]]
    assert [r[0].strip("| ") for r in rows] == [c.name for c in book.data.concepts.values()]
    columns = [(d.id, t) for d, _, tiers in page.periods(book) for t in tiers]
    assert len(rows[0]) == len(columns) + 1
    (mra,) = [
        r
        for r in rows
        if r[0].strip("| ") == "clearance facilitation by mutual recognition partners"
    ]
    cells = dict(zip(columns, [c.strip("| ") for c in mra[1:]], strict=True))
    assert cells["decree-237", ADVANCED] == "24(6)"
    assert cells["decree-251", ADVANCED] == "30(9)"
    assert cells["decree-225", GENERAL] == "—"
    assert cells["decree-282", ADVANCED] == "?"


def test_the_counts_table_lists_every_count() -> None:
    from docs_gen import measures as page

    table = page.aeo_counts(aeo_mra._default())
    assert len(table.splitlines()) == 2 + len(Measures.bundled().data.counts)
    assert "| 2025-12-31 | national | 6,876 |" in table


def test_every_list_names_tiers_that_existed_while_its_instrument_was_in_force(
    bundled: Measures,
) -> None:
    periods = bundled.registry.dataset.tiers
    for item in bundled.data.lists:
        first = item.instrument.since.earliest or date.min
        last = (item.instrument.until and item.instrument.until.latest) or date.max
        for tier in item.tiers:
            period = periods[tier]
            assert (period.since or date.min) <= last, (item, tier)
            assert first <= (period.until or date.max), (item, tier)


# -- properties on the bundled data ---------------------------------------------------------

days = st.dates(date(2008, 4, 1), date(2030, 12, 31))


@settings(max_examples=200)
@given(days, st.sampled_from([ADVANCED, GENERAL, Tier.AA, Tier.A, Tier.CERTIFIED]))
def test_every_answer_holds_only_what_the_tier_gets_on_the_day(
    bundled: Measures, day: date, tier: Tier
) -> None:
    if tier not in bundled.registry.tiers_in_force(day):
        with pytest.raises(TierNotInForceError):
            bundled.measures(tier, on=day)
        return
    answer = bundled.measures(tier, on=day)
    for found in answer.measures:
        assert tier in found.measure.tiers
        assert found.measure.instrument.standing(day) is not False
        assert found.certain is (found.measure.instrument.standing(day) is True)
        assert not found.measure.instrument.districts
    for item in answer.unknown:
        assert tier in item.tiers
        assert not item.complete


@settings(max_examples=100)
@given(days)
def test_a_tier_compared_with_itself_gets_nothing_more(bundled: Measures, day: date) -> None:
    tier = bundled.measures(on=day).tier
    gap = bundled.compare(tier, tier, on=day)
    assert gap.only == gap.lacks == ()


def test_the_measures_file_is_held_to_the_same_limits() -> None:
    from aeo_mra._home_loader import parse

    text = (HERE / "measures.toml").read_text(encoding="utf-8")
    with pytest.raises(DataError, match="control character U\\+0007"):
        parse(text.replace('text_en = "Faster."', 'text_en = "Fast\\u0007er."'), "bell.toml")
    with pytest.raises(DataError, match="not valid TOML"):
        parse(text + "\n[meta\n", "cut.toml")


def test_the_bundled_data_begins_with_decree_170() -> None:
    bundled = aeo_mra.home._BUNDLED
    first = min(i.since.earliest for i in bundled.data.instruments if i.since.earliest)
    assert bundled.first_day == first == date(2008, 4, 1)
    with pytest.raises(BeforeMeasuresError, match=r"1990-01-01.*2008-04-01"):
        aeo_mra.measures(on=date(1990, 1, 1))
    assert aeo_mra.measures(on=first).tier is Tier.AA


def test_the_bundled_district_names_its_error_lists_are_accepted() -> None:
    bundled = aeo_mra.home._BUNDLED
    for district in bundled.data.districts.values():
        assert bundled.district(str(district)) is district
    assert bundled.district("Liaoning").id == "shenyang"
    with pytest.raises(UnknownDistrictError) as caught:  # two: the name chooses neither
        bundled.district("Fujian")
    assert str(caught.value).startswith("'Fujian' is a province with several customs districts")
    assert len(caught.value.valid) == 2
    assert {bundled.district(d).region for d in caught.value.valid} == {"Fujian"}


def test_a_tier_by_name_is_a_type_error_naming_the_enum() -> None:
    with pytest.raises(TypeError, match=r"aeo_mra\.Tier"):
        aeo_mra.measures(tier="ADVANCED_CERTIFIED")  # type: ignore[arg-type]


def test_an_unrecorded_list_not_surely_in_force_is_marked(tmp_path: Path) -> None:
    text = (HERE / "measures.toml").read_text(encoding="utf-8")
    text = text.replace('districts = ["north"]\nsince = 2019-01-01', 'districts = ["north"]\n'
                        "since = { latest = 2019-01-01 }", 1)  # fmt: skip
    (tmp_path / "m.toml").write_text(text, encoding="utf-8")
    book = Measures.from_file(tmp_path / "m.toml", aeo_mra.load(HERE / "shapes.toml"))
    early = book.measures(ADVANCED, on=date(2016, 1, 1), where="North").explain()
    assert "advanced only: " in early
    assert "(possibly in force: north-catalogue runs from" in early
    late = book.measures(ADVANCED, on=date(2019, 6, 1), where="North").explain()
    assert "advanced only: " in late
    assert "possibly in force" not in late


@pytest.mark.parametrize("field", ["urls", "kind"])
@pytest.mark.parametrize(
    "key",
    [
        "economic-daily-2018-05-01",  # a list's: its measures' list is not read
        "wenbaishu-237",  # a measure's: its list's count is not known
        "fujian-2025-06-05",  # districts': the instrument naming them
        "brics-decree-170",  # an instrument's: the measures of its lists
    ],
)
def test_a_broken_source_is_one_problem(tmp_path: Path, key: str, field: str) -> None:
    """What refers to a record citing a source that cannot be read reports no problem of its
    own: the source's is the one problem."""
    from test_loader import assert_one_problem

    path = tmp_path / "measures.toml"
    path.write_bytes(DATA.joinpath("measures.toml").read_bytes())
    assert_one_problem(path, Measures.from_file, key, field)


def test_a_measure_not_read_leaves_its_list_count_unreported() -> None:
    """A list's count is not reported wrong when it is right with its unread measure."""
    from aeo_mra._home_loader import parse

    text = (HERE / "measures.toml").read_text(encoding="utf-8")
    with pytest.raises(DataError) as error:
        parse(text.replace('concept = "coordinator"', 'concept = "nobody"'), "broken.toml")
    assert error.value.problems == (
        "broken.toml: measure new-3.concept: 'nobody' is not a key of [concepts]",
    )
