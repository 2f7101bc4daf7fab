"""check() on the real data: at every signed, implemented, join and leave date.

Cases are generated from the records, so every date in the data is tested on the day
before, the day itself and the day after.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import aeo_mra
from aeo_mra import Arrangement, Precision, Reason, Role, Scope, Tier, Verdict, When, world

DAY = timedelta(days=1)
ARRANGEMENTS = aeo_mra._default().dataset.arrangements


def _cases() -> Iterator[tuple[str, Arrangement, date]]:
    for a in ARRANGEMENTS:
        dates = [a.signed.value.earliest, a.signed.value.latest]
        dates += [a.implemented.value.earliest, a.implemented.value.latest] if a.implemented else []
        dates += [m.until.value for m in a.members if m.until]
        for member in a.members:
            for day in {d for d in dates if d is not None}:
                for when in (day - DAY, day, day + DAY):
                    yield member.territory, a, when


def _expected(territory: str, a: Arrangement, on: date) -> Reason:
    """The reason the record implies, worked out from its fields alone."""
    member = next(m for m in a.members if m.territory == territory)
    implemented = a.implemented is not None and a.implemented.value.latest <= on  # type: ignore[operator]
    signed = a.signed.value.latest is not None and a.signed.value.latest <= on
    if member.until and on > member.until.value:
        return Reason.NO_LONGER_COVERED
    if not (signed or implemented):
        return Reason.NOT_YET_SIGNED
    if not implemented:
        return Reason.SIGNED_NOT_IMPLEMENTED
    return Reason.COVERED


@pytest.mark.parametrize(("territory", "arrangement", "on"), list(_cases()), ids=str)
def test_boundaries(territory: str, arrangement: Arrangement, on: date) -> None:
    answer = aeo_mra.check(territory, on=on)
    expected = _expected(territory, arrangement, on)
    assert answer.reason is expected
    assert (answer.verdict in (Verdict.YES, Verdict.PROBABLY)) is (expected is Reason.COVERED)
    assert answer.arrangement is arrangement
    assert answer.place.code == territory


@pytest.mark.parametrize(
    "arrangement", [a for a in ARRANGEMENTS if a.signed.value.latest], ids=lambda a: a.id
)
def test_before_the_last_possible_signing_day_the_answer_hedges(arrangement: Arrangement) -> None:
    signed = arrangement.signed.value
    assert signed.latest is not None
    on = signed.latest - DAY
    text = aeo_mra.check(arrangement.members[0].territory, on=on).explain()
    uncertain = signed.earliest is None or signed.earliest <= on
    started = arrangement.implemented
    if uncertain and started is not None and not started.value.possible_by(on):
        # benefits certainly start later: the answer says so, whenever it was signed
        assert f"was not yet in effect (benefits start {started.value.phrase}" in text
    else:
        assert ("may not yet have been signed" in text) is uncertain
        assert ("had not been signed" in text) is not uncertain
    assert str(signed) in text


@pytest.mark.parametrize(
    "arrangement",
    [a for a in ARRANGEMENTS if a.implemented and a.is_signed(a.implemented.value.latest - DAY)],  # type: ignore[operator]
    ids=lambda a: a.id,
)
def test_the_day_before_benefits_certainly_start_the_answer_hedges_if_unsure(
    arrangement: Arrangement,
) -> None:
    assert arrangement.implemented is not None
    start = arrangement.implemented.value
    assert start.latest is not None
    on = start.latest - DAY
    answer = aeo_mra.check(arrangement.members[0].territory, on=on)
    assert answer.reason is Reason.SIGNED_NOT_IMPLEMENTED
    uncertain = start.precision is not Precision.DAY
    assert ("may not yet have been in effect" in answer.explain()) is uncertain
    assert str(start) in answer.explain()


def test_a_date_known_by_its_bounds_reads_with_both_bounds_included() -> None:
    first, last = date(2018, 11, 30), date(2019, 12, 31)
    assert str(When(first, None, Precision.RANGE)) == "on or after 2018-11-30"
    assert str(When(None, last, Precision.RANGE)) == "by 2019-12-31"
    assert str(When(first, last, Precision.RANGE)) == "between 2018-11-30 and 2019-12-31"


@pytest.mark.parametrize(
    "arrangement", [a for a in ARRANGEMENTS if a.implemented], ids=lambda a: a.id
)
def test_importer_depends_on_scope(arrangement: Arrangement) -> None:
    assert arrangement.implemented is not None
    on = arrangement.implemented.value.latest
    assert on is not None
    territory = arrangement.members[0].territory
    answer = aeo_mra.check(territory, on=on, role=Role.IMPORTER)
    expected = {
        Scope.IMPORTS: Reason.ROLE_OUT_OF_SCOPE,
        Scope.IMPORTS_AND_EXPORTS: Reason.COVERED,
        Scope.UNKNOWN: Reason.SCOPE_UNKNOWN,
    }[arrangement.scope.value]
    assert answer.reason is expected
    assert arrangement.scope.sources[0] in answer.sources


def test_germany_2020_is_covered_by_the_eu_with_benefits_and_sources() -> None:
    answer = aeo_mra.check("Germany", on=date(2020, 5, 1))
    eu = aeo_mra.arrangement("EU")
    assert answer.qualifies
    assert answer.arrangement is eu
    assert answer.benefits == eu.benefits.value
    assert eu.implemented is not None
    assert set(eu.implemented.sources) <= set(answer.sources)
    assert answer.tier is Tier.ADVANCED_CERTIFIED
    text = answer.explain()
    assert "European Union" in text
    assert str(eu.implemented.value) in text
    assert eu.implemented.sources[0].short_title in text


def test_the_uk_left_with_the_transition() -> None:
    assert aeo_mra.check("GB", on=date(2020, 12, 31)).qualifies
    after = aeo_mra.check("GB", on=date(2021, 1, 1))
    assert after.reason is Reason.NO_LONGER_COVERED
    assert not after.qualifies
    assert "2020-12-31" in after.explain()


def test_default_tier_follows_the_date() -> None:
    before = aeo_mra.check("SG", on=date(2014, 11, 30))
    after = aeo_mra.check("SG", on=date(2014, 12, 1))
    assert before.tier is Tier.AA
    assert after.tier is Tier.ADVANCED_CERTIFIED
    assert before.qualifies
    assert after.qualifies


@pytest.mark.parametrize(
    ("tier", "on"),
    [
        (Tier.GENERAL_CERTIFIED, date(2020, 1, 1)),
        (Tier.CERTIFIED, date(2026, 6, 1)),
        (Tier.AA, date(2014, 6, 1)),
    ],
)
def test_tiers_no_arrangement_names_are_not_recognised(tier: Tier, on: date) -> None:
    answer = aeo_mra.check("DE" if on.year > 2015 else "SG", on=on, tier=tier)
    if tier in answer.arrangement.china_tiers.value:  # type: ignore[union-attr]
        assert answer.qualifies
    else:
        assert answer.reason is Reason.TIER_NOT_RECOGNISED
        assert not answer.qualifies


def test_new_tier_answer_carries_a_caveat() -> None:
    answer = aeo_mra.check("DE", on=date(2026, 6, 1), tier=Tier.CERTIFIED)
    assert any("认证企业" in c for c in answer.caveats)


@pytest.mark.parametrize(
    ("tier", "on", "existed"),
    [
        (Tier.GENERAL_CERTIFIED, date(2022, 1, 1), "from 2014-12-01 to 2021-10-31"),
        (Tier.AA, date(2015, 1, 1), "until 2014-11-30"),
        (Tier.CERTIFIED, date(2026, 3, 31), "from 2026-04-01 on"),
        (Tier.ADVANCED_CERTIFIED, date(2014, 11, 30), "from 2014-12-01"),
    ],
)
def test_a_tier_that_did_not_exist_raises(tier: Tier, on: date, existed: str) -> None:
    with pytest.raises(aeo_mra.TierNotInForceError, match=tier.name) as error:
        aeo_mra.check("DE", on=on, tier=tier)
    assert tier.name not in error.value.valid
    assert f"(it existed {existed}" in str(error.value)


def test_staged_rollout_caveat_only_during_the_first_stage() -> None:
    hk = aeo_mra.arrangement("HK")
    first, second = hk.stages[0], hk.stages[1]
    during = aeo_mra.check("HK", on=first.start)
    after = aeo_mra.check("HK", on=second.start)
    assert during.qualifies
    assert after.qualifies
    assert any(first.description in c for c in during.caveats)
    assert not any(first.description in c for c in after.caveats)


def test_check_foreign_eu_tiers() -> None:
    assert aeo_mra.check_foreign("France", "AEOS", on=date(2016, 1, 1)).qualifies
    assert aeo_mra.check_foreign("France", "aeof", on=date(2016, 1, 1)).qualifies
    aeoc = aeo_mra.check_foreign("France", "AEOC", on=date(2016, 1, 1))
    assert aeoc.reason is Reason.TIER_NOT_RECOGNISED
    assert "AEOS" in aeoc.explain()
    assert not aeo_mra.check_foreign("France", "AEOS", on=date(2015, 10, 31)).qualifies


def test_check_foreign_role_follows_scope() -> None:
    on = date(2024, 1, 1)
    japan = aeo_mra.check_foreign("JP", "AEO", on=on, role=Role.IMPORTER)
    assert japan.reason is Reason.ROLE_OUT_OF_SCOPE
    assert aeo_mra.check_foreign("JP", "AEO", on=on).qualifies
    # its goods from China leave through China's export clearance, not Japan's
    assert "gets no benefits at China's export clearance" in japan.explain()
    chinese = aeo_mra.check("JP", on=on, role=Role.IMPORTER)
    assert "gets no benefits at Japan's export clearance" in chinese.explain()


def test_a_group_of_islands_takes_a_plural_verb() -> None:
    faroe = aeo_mra.check("FO", on=date(2024, 1, 1)).explain()
    assert faroe.startswith("No: the Faroe Islands are outside the customs territory")
    greenland = aeo_mra.check("GL", on=date(2024, 1, 1)).explain()
    assert greenland.startswith("No: Greenland is outside the customs territory")
    assert "covering the Falkland Islands (Malvinas)." in aeo_mra.check("FK").explain()
    with pytest.raises(world.UnknownAdministrationError, match="the Faroe Islands are outside"):
        world.check("FO", "JP", on=date(2022, 1, 1))  # as a holder: not the EU's AEO
    aland = world.check("AX", "JP", on=date(2022, 1, 1)).caveats[0]
    assert aland.startswith("On 2022-01-01 the Åland Islands were in the customs territory")
    eu = aeo_mra.check_foreign("FR", "AEOC", on=date(2022, 1, 1)).explain()
    assert "recognises only AEOS and AEOF under" in eu


def test_check_foreign_unknown_tier_lists_the_programme_tiers() -> None:
    with pytest.raises(aeo_mra.UnknownPartnerTierError, match="AEOS") as error:
        aeo_mra.check_foreign("DE", "gold", on=date(2020, 1, 1))
    assert isinstance(error.value, LookupError)


def test_answer_beyond_review_says_so() -> None:
    later = aeo_mra.DATA_REVIEWED + timedelta(days=400)
    answer = aeo_mra.check("DE", on=later)
    assert any(str(aeo_mra.DATA_REVIEWED) in c for c in answer.caveats)
    assert str(aeo_mra.DATA_REVIEWED) in answer.explain()


def test_confidence_shows_weak_facts() -> None:
    strong = aeo_mra.check("DE", on=date(2020, 1, 1))
    assert strong.confidence is aeo_mra.Confidence.HIGH
    weakest = min(
        (a for a in ARRANGEMENTS if a.implemented),
        key=lambda a: a.implemented.confidence,  # type: ignore[union-attr]
    )
    assert weakest.implemented is not None
    answer = aeo_mra.check(weakest.members[0].territory, on=weakest.implemented.value.latest)
    assert answer.confidence <= weakest.implemented.confidence
    assert str(answer.confidence) in answer.explain()


def test_check_many_equals_check_row_by_row() -> None:
    places = ["DE", "Germany", "UK", "韩国", "US", "DE", 276]
    days = [date(2014, 1, 1), date(2020, 5, 1), date(2021, 1, 1), date(2016, 1, 1),
            date(2020, 1, 1), date(2015, 11, 1), date(2015, 10, 31)]  # fmt: skip
    for role in Role:
        one_day = aeo_mra.check_many(places, on=date(2022, 1, 1), role=role)
        assert one_day == [aeo_mra.check(p, on=date(2022, 1, 1), role=role) for p in places]
        per_row = aeo_mra.check_many(places, on=days, role=role)
        assert per_row == [
            aeo_mra.check(p, on=d, role=role) for p, d in zip(places, days, strict=True)
        ]


def test_check_many_reads_each_row_s_day_whatever_its_kind() -> None:
    # Rows may mix dates with datetimes (as pandas' Timestamps are) and date subclasses
    # equal to a date; each row is answered for its own day.
    class Day(date):
        pass

    days: list[object] = [
        date(2015, 10, 31),
        Day(2015, 10, 31),
        datetime(2015, 11, 1, 23, 30),
        Day(2015, 11, 2),
    ]
    expected = [aeo_mra.check("DE", on=date(2015, 10, 31))] * 2
    expected += [aeo_mra.check("DE", on=date(2015, 11, d)) for d in (1, 2)]
    assert aeo_mra.check_many(["DE"] * 4, on=days) == expected  # type: ignore[arg-type]
    assert [a.on for a in expected] == [date(2015, 10, 31)] * 2 + [
        date(2015, 11, 1),
        date(2015, 11, 2),
    ]
    with pytest.raises(TypeError) as unhashable:
        aeo_mra.check_many(["DE", "DE"], on=[date(2020, 1, 1), [2020, 1, 1]])  # type: ignore[list-item]
    assert unhashable.value.__notes__ == ["in row 1 of check_many"]


def test_check_many_rejects_mismatched_dates() -> None:
    with pytest.raises(ValueError, match="2 places but 1 dates"):
        aeo_mra.check_many(["DE", "FR"], on=[date(2020, 1, 1)])


@pytest.mark.parametrize("odd", [276.0, True, Decimal(276)])
@pytest.mark.parametrize("on", [date(2020, 1, 1), [date(2020, 1, 1)] * 2])
def test_check_many_refuses_a_row_check_refuses_even_if_equal_to_another(
    odd: object, on: date | list[date]
) -> None:
    with pytest.raises(TypeError, match=type(odd).__name__):
        aeo_mra.check_many([276, odd], on=on)  # type: ignore[list-item]


@pytest.mark.parametrize("odd", [276.0, True, ["DE"], None])
@pytest.mark.parametrize("on", [date(2020, 1, 1), [date(2020, 1, 1)] * 3])
def test_check_many_refuses_a_row_of_another_type_among_strings(
    odd: object, on: date | list[date]
) -> None:
    with pytest.raises(TypeError) as refused:  # a MissingPlaceError for None
        aeo_mra.check_many(["DE", odd, "FR"], on=on)  # type: ignore[list-item]
    assert refused.value.__notes__ == [f"in row 1 of check_many: {odd!r}"]


def test_check_many_names_an_odd_row_s_own_day_and_a_missing_one() -> None:
    days = [date(2020, 1, 1), date(2019, 5, 1), None]
    with pytest.raises(TypeError, match=r"datetime\.date\(2019, 5, 1\)") as refused:
        aeo_mra.check_many(["DE", ["FR"], "FR"], on=days)  # type: ignore[list-item]
    assert refused.value.__notes__ == ["in row 1 of check_many: ['FR']"]
    with pytest.raises(aeo_mra.MissingDateError, match="row 2"):
        aeo_mra.check_many(["DE", "FR", ["FR"]], on=days)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="3 places but 2 dates"):
        aeo_mra.check_many(["DE", ["FR"], "FR"], on=days[:2])  # type: ignore[list-item]


def test_check_many_refuses_a_string_for_per_row_dates() -> None:
    with pytest.raises(TypeError, match="iterable of dates"):
        aeo_mra.check_many(["DE"], on="2020-01-01")  # type: ignore[arg-type]


def test_a_member_that_joins_later_is_not_yet_covered(tmp_path: Path) -> None:
    bundled = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"
    joins = '\njoins = [{ code = "HR", first_day = 2016-01-01, confidence = "high", sources = ["gacc-2014-38"] }]'  # noqa: E501
    text = bundled.read_text(encoding="utf-8").replace('"SE", "GB"]', '"SE", "GB"]' + joins, 1)
    (tmp_path / "joined.toml").write_text(text, encoding="utf-8")
    registry = aeo_mra.load(tmp_path / "joined.toml")
    before = registry.check("HR", on=date(2015, 12, 31))
    assert before.reason is Reason.NOT_YET_COVERED
    assert not before.qualifies
    assert "only from 2016-01-01" in before.explain()
    assert registry.check("HR", on=date(2016, 1, 1)).qualifies
    assert registry.check("DE", on=date(2015, 12, 31)).qualifies


@pytest.mark.parametrize("on", [date(2020, 1, 1), [date(2020, 1, 1)] * 4])
def test_check_many_names_the_row_that_failed(on: date | list[date]) -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError) as error:
        aeo_mra.check_many(["DE", "FR", "DE", "Atlantis"], on=on)
    assert error.value.__notes__ == ["in row 3 of check_many: 'Atlantis'"]


def test_one_instant_on_two_days_is_answered_for_each_day() -> None:
    utc = datetime(2021, 10, 7, 23, tzinfo=UTC)
    tokyo = datetime(2021, 10, 8, 8, tzinfo=timezone(timedelta(hours=9)))
    assert utc == tokyo
    for day in (utc, tokyo):
        assert aeo_mra.check("CL", on=day) == aeo_mra.check("CL", on=day.date())
        assert aeo_mra.check_many(["CL"], on=[day]) == [aeo_mra.check("CL", on=day.date())]


def test_check_many_refuses_a_string_for_places() -> None:
    with pytest.raises(TypeError, match="not a string"):
        aeo_mra.check_many("DE")


class _NaTType(datetime):
    """Modelled on pandas' NaT: a datetime that equals nothing and whose date() is itself."""

    def __new__(cls) -> _NaTType:
        return super().__new__(cls, 1, 1, 1)

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = datetime.__hash__

    def date(self) -> Any:
        return self


def _nats() -> list[object]:
    found: list[object] = [_NaTType()]
    try:
        import pandas as pd
    except ImportError:
        return found
    return [*found, pd.NaT]


@pytest.mark.parametrize("nat", _nats())
def test_a_missing_date_is_refused_naming_the_argument(nat: object) -> None:
    with pytest.raises(TypeError, match=r"\bon\b.*missing"):
        aeo_mra.check("DE", on=nat)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"\bon\b.*missing"):
        aeo_mra.check_many(["DE"], on=[nat])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"\bon\b.*missing"):
        aeo_mra.summary(nat)  # type: ignore[arg-type]


def test_check_foreign_takes_the_world_data_names_of_a_partner_tier() -> None:
    """Every name the world data gives a tier of a China partner's programme (Korea's
    ``class AAA``, Hong Kong's ``Tier 1``) gets from ``check_foreign`` the answer
    ``world.check`` gives that tier's holder exporting to China."""
    graph, on, asked = world.bundled(), date(2025, 6, 1), 0
    for record in aeo_mra.arrangements():
        administration = graph.administrations.get(record.id)
        if administration is None or not record.is_implemented(on):
            continue
        place = record.members[0].territory
        for tier in administration.tiers:
            expected = graph.check(f"{record.id}/{tier.code}", "CN", on=on).verdict
            for name in (tier.code, tier.name, *tier.aliases):
                assert aeo_mra.check_foreign(place, name, on=on).verdict is expected, name
                asked += 1
    assert asked > 20  # Korea's, Hong Kong's, the EU's, Singapore's ... tiers were asked


def test_check_foreign_unknown_to_both_names_the_tiers_of_both() -> None:
    # The China record knows Korea's tier AEO; the world data its classes, which are valid
    # names too, so the error lists them after the record's.
    with pytest.raises(aeo_mra.UnknownPartnerTierError) as error:
        aeo_mra.check_foreign("KR", "class Z", on=date(2024, 1, 1))
    assert error.value.valid == ("AEO", "A", "AA", "AAA")
    assert str(error.value).endswith(
        "known tiers: AEO; the world data's: A (AEO class A), AA (AEO class AA), "
        "AAA (AEO class AAA)"
    )
    for valid in error.value.valid:
        aeo_mra.check_foreign("KR", valid, on=date(2024, 1, 1))  # each one is an answer
    with pytest.raises(aeo_mra.UnknownPartnerTierError) as only_the_record:
        aeo_mra.check_foreign("France", "gold")
    assert only_the_record.value.valid == ("AEOS", "AEOF", "AEOC")  # the world data adds none
