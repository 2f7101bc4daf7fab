"""Properties over random input: answers are stable, and bad input fails loudly."""

from __future__ import annotations

import itertools
import pickle
import threading
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import (
    Eligibility,
    Reason,
    Role,
    Tier,
    Verdict,
    _decide,
    _eligibility,
)
from aeo_mra._change_days import change_days

REGISTRY = aeo_mra._default()
PARTNER_CODES = sorted({m.territory for a in REGISTRY.dataset.arrangements for m in a.members})
days = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))
roles = st.sampled_from(Role)
places = st.sampled_from([*PARTNER_CODES, "US", "Germany", "韩国", "UK", "中国香港"])
ERRORS = (aeo_mra.Error, TypeError)


def _answer_or_error(place: object, on: object, role: object, tier: object) -> object:
    try:
        return aeo_mra.check(place, on=on, role=role, tier=tier)  # type: ignore[arg-type]
    except ERRORS as error:
        return type(error)


@given(places, days, roles)
def test_same_question_same_answer(place: str, on: date, role: Role) -> None:
    assert aeo_mra.check(place, on=on, role=role) == aeo_mra.check(place, on=on, role=role)


@given(places, days, roles)
def test_qualifies_only_on_or_after_implementation(place: str, on: date, role: Role) -> None:
    answer = aeo_mra.check(place, on=on, role=role)
    assert answer.qualifies is (answer.verdict is Verdict.YES)
    assert (answer.verdict in (Verdict.YES, Verdict.PROBABLY)) is (answer.reason is Reason.COVERED)
    if answer.qualifies:  # never on an inference or a weak fact alone
        assert answer.arrangement is not None
        implemented = answer.arrangement.implemented
        assert implemented is not None
        assert implemented.value.known_by(on)
        assert not implemented.inferred
        assert answer.confidence is not aeo_mra.Confidence.LOW
        assert answer.place.code in answer.arrangement.covered(on)
        assert answer.sources


@given(places, days)
def test_importer_never_qualifies_where_exporter_does_not(place: str, on: date) -> None:
    importer = aeo_mra.check(place, on=on, role=Role.IMPORTER)
    if importer.qualifies:
        assert aeo_mra.check(place, on=on, role=Role.EXPORTER).qualifies


@given(places, days, roles)
def test_explain_is_one_line_naming_the_arrangement_and_its_dates(
    place: str, on: date, role: Role
) -> None:
    answer = aeo_mra.check(place, on=on, role=role)
    text = answer.explain()
    assert "\n" not in text
    assert text.endswith(".")
    if answer.arrangement is not None:
        assert answer.arrangement.name in text
        assert f"signed {answer.arrangement.signed.value.phrase}" in text
        for fact in (answer.arrangement.signed, answer.arrangement.implemented):
            assert fact is None or set(fact.sources) <= set(answer.sources)


@given(places, days, roles)
def test_answers_are_frozen(place: str, on: date, role: Role) -> None:
    answer = aeo_mra.check(place, on=on, role=role)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        answer.qualifies = not answer.qualifies  # type: ignore[misc]


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_random_strings_answer_or_raise_a_documented_error(text: str) -> None:
    result = _answer_or_error(text, date(2024, 1, 1), Role.EXPORTER, None)
    assert isinstance(result, Eligibility) or issubclass(result, aeo_mra.Error)  # type: ignore[arg-type]


@settings(max_examples=100)
@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Zs", "Cf", "Lo"]), max_size=20))
def test_unicode_noise_never_answers_not_a_partner_without_a_place(text: str) -> None:
    try:
        answer = aeo_mra.check(text, on=date(2024, 1, 1))
    except (aeo_mra.UnknownPlaceError, aeo_mra.DomesticPlaceError):
        return
    # If it answered, the text named a real place.
    assert aeo_mra.resolve(text) == answer.place


@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text())))
def test_wrong_types_raise_type_error_or_lookup(value: object) -> None:
    result = _answer_or_error(value, date(2024, 1, 1), Role.EXPORTER, None)
    assert isinstance(result, Eligibility) or result in (
        TypeError,
        aeo_mra.UnknownPlaceError,
        aeo_mra.DomesticPlaceError,
        aeo_mra.MissingPlaceError,
    )
    missing = value is None or value != value  # noqa: PLR0124 (NaN)
    assert (result is aeo_mra.MissingPlaceError) == missing


@pytest.mark.parametrize("on", [date.min, date.max, date(1900, 1, 1), "2020-01-01", 20200101, None])
def test_extreme_and_wrong_dates(on: object) -> None:
    result = _answer_or_error("DE", on, Role.EXPORTER, None)
    if isinstance(on, date) or on is None:
        assert isinstance(result, Eligibility)
    else:
        assert result is TypeError


@pytest.mark.parametrize(("role", "tier"), [("exporter", None), (Role.EXPORTER, "AA"), (1, None)])
def test_wrong_role_or_tier_types(role: object, tier: object) -> None:
    assert _answer_or_error("DE", date(2020, 1, 1), role, tier) is TypeError


def test_concurrent_first_use_gives_identical_answers() -> None:
    registry = aeo_mra.Registry.bundled()  # fresh: nothing loaded or cached yet
    questions = [(p, date(2015 + i % 10, 1 + i % 12, 1)) for i, p in enumerate(PARTNER_CODES * 4)]
    results: list[list[object]] = []
    barrier = threading.Barrier(16)

    def ask() -> None:
        barrier.wait()
        results.append([registry.check(p, on=d) for p, d in questions])

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16
    assert all(r == results[0] for r in results)
    assert results[0] == [aeo_mra.check(p, on=d) for p, d in questions]


def test_huge_input_fails_fast() -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError):
        aeo_mra.check("Germany" * 100_000)


def test_tier_enum_is_complete_in_the_data() -> None:
    assert set(REGISTRY.dataset.tiers) == set(Tier)


def test_import_stays_light() -> None:
    import subprocess
    import sys

    # Nor are the record and answer classes built: the first question builds them.
    heavy = "{'pycountry', 'tomllib', 'difflib', 'json', 'aeo_mra.model', 'aeo_mra._eligibility'}"
    code = f"import sys, aeo_mra; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


CHANGE_DAYS = change_days(REGISTRY).anyone
near_changes = st.sampled_from(CHANGE_DAYS).flatmap(
    lambda day: st.sampled_from([day - timedelta(days=1), day, day + timedelta(days=1)])
)
bulk_places = st.sampled_from([*PARTNER_CODES, "US", "RE", "GL", "SM", "GI", "HK", "CL", 276])


@settings(max_examples=60)
@given(
    st.lists(st.tuples(bulk_places, near_changes | days), min_size=1, max_size=60),
    roles,
    st.sampled_from([None, Tier.ADVANCED_CERTIFIED]),
)
def test_check_many_with_a_day_per_row_answers_as_check_does(
    rows: list[tuple[str | int, date]], role: Role, tier: Tier | None
) -> None:
    # Answers are decided once per span between change days: each must still be check()'s,
    # whether only the pairs asked are answered or (rows repeated until there are as many
    # as pairs of a place and a day) every pair.
    places, on = [p for p, _ in rows], [d for _, d in rows]
    expected = [_answer_or_error(p, d, role, tier) for p, d in rows]
    failed = next((e for e in expected if isinstance(e, type)), None)
    times = len(set(places)) * len(set(on)) // len(rows) + 1
    for repeat in (1, times):
        registry = aeo_mra.Registry.bundled()
        if failed is not None:  # the first row that fails raises its error
            with pytest.raises(failed):
                registry.check_many(places * repeat, on=on * repeat, role=role, tier=tier)
        else:
            got = registry.check_many(places * repeat, on=on * repeat, role=role, tier=tier)
            assert got == expected * repeat


@pytest.mark.parametrize("few", [0, 100], ids=["slot by slot", "by __init__"])
def test_between_change_days_answers_differ_only_in_their_day(
    few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The answers for a span's other days are made without Eligibility's __init__ (but for
    # a few days): they must be equal to check()'s, and hash, print and pickle alike, after
    # the data's last review too (when a caveat names the day).
    monkeypatch.setattr(_eligibility, "_FEW", few)
    registry = aeo_mra.Registry.bundled()
    ends = [*CHANGE_DAYS, date(2100, 1, 1)]
    assert ends[-2] <= registry.dataset.reviewed + timedelta(days=1)
    for place in [*PARTNER_CODES, "US", "GL", "SM"]:
        for day, next_change in itertools.pairwise(ends):
            first, last = day, next_change - timedelta(days=1)  # a span's first and last days
            answer = registry.check(place, on=first)
            days = sorted({first + (last - first) // 2, last})
            made = _decide.for_days(REGISTRY.dataset, answer, days)
            checked = [registry.check(place, on=d) for d in days]
            assert made == checked
            if place in ("DE", "GB"):  # printing the whole record is slow: two places
                assert hash(made[-1]) == hash(checked[-1])
                assert repr(made[-1]) == repr(checked[-1])
                assert pickle.loads(pickle.dumps(made[-1])) == checked[-1]
