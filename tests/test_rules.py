"""The rules, on the small test dataset (tests/data/shapes.toml), one record of each shape.

A data update never moves these tests; the real data has its consistency tests elsewhere.
Every Reason and every explain() sentence is pinned here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import aeo_mra
from aeo_mra import Basis, Confidence, Reason, Registry, Role, Tier, codes
from aeo_mra import Verdict as V
from aeo_mra._decide import unreviewed
from aeo_mra.codes import Declaration, DeclarationField

SHAPES = Path(__file__).parent / "data" / "shapes.toml"
EXPORTER, IMPORTER = Role.EXPORTER, Role.IMPORTER
UNION = "(signed on 2014-05-16, implemented on 2015-11-01 per Announcement 2015 No. 1)"
ADVANCED = "a Chinese advanced certified enterprise (高级认证企业)"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return aeo_mra.load(SHAPES)


CASES = [
    # place, day, role, tier, reason, verdict, confidence, explain() without its confidence
    ("DE", date(2016, 1, 1), EXPORTER, None, Reason.COVERED, V.YES, Confidence.HIGH,
     f"Yes: on 2016-01-01 {ADVANCED} exporting to Germany gets reciprocal AEO benefits "
     f"under the China–Test Union AEO mutual recognition arrangement {UNION}."),
    ("DE", date(2016, 1, 1), IMPORTER, None, Reason.COVERED, V.YES, Confidence.HIGH,
     f"Yes: on 2016-01-01 {ADVANCED} importing from Germany gets reciprocal AEO benefits "
     f"under the China–Test Union AEO mutual recognition arrangement {UNION}."),
    ("US", date(2016, 1, 1), EXPORTER, None, Reason.NOT_A_PARTNER, V.NO, Confidence.HIGH,
     "No: on 2016-01-01 China's customs had no AEO arrangement covering the United States."),
    ("DE", date(2014, 5, 15), EXPORTER, None, Reason.NOT_YET_SIGNED, V.NO, Confidence.HIGH,
     "No: on 2014-05-15 the China–Test Union AEO mutual recognition arrangement had not "
     "been signed (signed on 2014-05-16)."),
    ("KZ", date(2019, 4, 21), EXPORTER, None, Reason.NOT_YET_SIGNED, V.NO, Confidence.HIGH,
     "No: on 2019-04-21 the China–Kazakhstan AEO mutual recognition agreement had not been "
     "signed (signed between 2019-04-22 and 2019-07-24)."),
    ("KZ", date(2019, 5, 1), EXPORTER, None, Reason.NOT_YET_SIGNED, V.PROBABLY_NOT, Confidence.LOW,
     "Probably not: on 2019-05-01 the China–Kazakhstan AEO mutual recognition agreement was "
     "not yet in effect (benefits start between 2020-01-01 and 2020-06-30; signed between "
     "2019-04-22 and 2019-07-24)."),
    ("HR", date(2016, 6, 30), EXPORTER, None, Reason.NOT_YET_COVERED, V.NO, Confidence.HIGH,
     "No: Croatia is covered by the China–Test Union AEO mutual recognition arrangement "
     f"{UNION} only from 2016-07-01."),
    ("DE", date(2015, 10, 31), EXPORTER, None, Reason.SIGNED_NOT_IMPLEMENTED, V.NO, Confidence.HIGH,
     "No: the China–Test Union AEO mutual recognition arrangement was signed on 2014-05-16 but "
     "on 2015-10-31 was not in effect (benefits start on 2015-11-01)."),
    ("KZ", date(2020, 3, 1), EXPORTER, None, Reason.SIGNED_NOT_IMPLEMENTED, V.UNKNOWN,
     Confidence.LOW,
     "Unknown: the China–Kazakhstan AEO mutual recognition agreement was signed between "
     "2019-04-22 and 2019-07-24 but on 2020-03-01 may not yet have been in effect "
     "(implemented between 2020-01-01 and 2020-06-30, an inference)."),
    # ... but a tier the arrangement leaves out is refused whenever it began
    ("KZ", date(2020, 3, 1), EXPORTER, Tier.GENERAL_CERTIFIED, Reason.TIER_NOT_RECOGNISED, V.NO,
     Confidence.MEDIUM,
     "No: the China–Kazakhstan AEO mutual recognition agreement (signed between 2019-04-22 and "
     "2019-07-24, implemented between 2020-01-01 and 2020-06-30, an inference) recognises only "
     "advanced certified enterprises, not general certified enterprises."),
    ("RU", date(2023, 1, 1), EXPORTER, None, Reason.SIGNED_NOT_IMPLEMENTED, V.NO, Confidence.HIGH,
     "No: the China–Russia AEO mutual recognition arrangement was signed on 2022-02-04 but on "
     "2023-01-01 was not in effect (no implementation has been found in the public record)."),
    ("GB", date(2021, 1, 1), EXPORTER, None, Reason.NO_LONGER_COVERED, V.NO, Confidence.HIGH,
     "No: the United Kingdom was last covered by the China–Test Union AEO mutual recognition "
     f"arrangement {UNION} on 2020-12-31."),
    ("DE", date(2016, 1, 1), EXPORTER, Tier.GENERAL_CERTIFIED, Reason.TIER_NOT_RECOGNISED, V.NO,
     Confidence.HIGH,
     f"No: the China–Test Union AEO mutual recognition arrangement {UNION} recognises only "
     "advanced certified enterprises, not general certified enterprises."),
    ("SG", date(2016, 1, 1), IMPORTER, None, Reason.ROLE_OUT_OF_SCOPE, V.NO, Confidence.HIGH,
     "No: the China–Singapore AEO mutual recognition arrangement (signed in June 2012, "
     "implemented on 2013-03-15 per Announcement 2015 No. 1) facilitates only goods imported "
     f"from the other side's AEOs, so {ADVANCED} importing from Singapore gets no benefits "
     "at Singapore's export clearance."),
    ("KZ", date(2021, 1, 1), IMPORTER, None, Reason.SCOPE_UNKNOWN, V.UNKNOWN, Confidence.LOW,
     "Unknown: the China–Kazakhstan AEO mutual recognition agreement is in effect (signed "
     "between 2019-04-22 and 2019-07-24, implemented between 2020-01-01 and 2020-06-30, an "
     "inference), but the record does not show whether it covers exports, so benefits for "
     f"{ADVANCED} importing from Kazakhstan cannot be confirmed."),
    # before a firm first day of benefits, a firm no, whenever it was signed
    ("TW", date(2016, 9, 30), EXPORTER, None, Reason.NOT_YET_SIGNED, V.NO, Confidence.HIGH,
     "No: on 2016-09-30 the China–Taiwan test pilot was not yet in effect (benefits start on "
     "2016-10-01; signed on a date not found)."),
    ("TW", date(2016, 11, 1), EXPORTER, None, Reason.COVERED, V.YES, Confidence.MEDIUM,
     f"Yes: on 2016-11-01 {ADVANCED} exporting to Taiwan gets reciprocal AEO benefits under "
     "the China–Taiwan test pilot (signed on a date not found, implemented on 2016-10-01 per "
     "Announcement 2015 No. 1)."),
    ("KZ", date(2021, 1, 1), EXPORTER, None, Reason.COVERED, V.PROBABLY, Confidence.LOW,
     f"Probably yes: on 2021-01-01 {ADVANCED} exporting to Kazakhstan gets reciprocal AEO "
     "benefits under the China–Kazakhstan AEO mutual recognition agreement (signed between "
     "2019-04-22 and 2019-07-24, implemented between 2020-01-01 and 2020-06-30, an "
     "inference)."),
    ("RE", date(2016, 1, 1), EXPORTER, None, Reason.COVERED, V.YES, Confidence.HIGH,
     f"Yes: on 2016-01-01 {ADVANCED} exporting to Réunion gets reciprocal AEO benefits under "
     f"the China–Test Union AEO mutual recognition arrangement {UNION}."),
    ("MC", date(2016, 1, 1), EXPORTER, None, Reason.COVERED, V.PROBABLY, Confidence.LOW,
     f"Probably yes: on 2016-01-01 {ADVANCED} exporting to Monaco gets reciprocal AEO benefits "
     f"under the China–Test Union AEO mutual recognition arrangement {UNION}."),
    ("JE", date(2021, 1, 1), EXPORTER, None, Reason.NO_LONGER_COVERED, V.NO, Confidence.HIGH,
     "No: Jersey was last covered by the China–Test Union AEO mutual recognition arrangement "
     f"{UNION} on 2020-12-31."),
    ("GL", date(2016, 1, 1), EXPORTER, None, Reason.OUTSIDE_TERRITORY, V.NO, Confidence.HIGH,
     "No: Greenland is outside the customs territory the China–Test Union AEO mutual "
     f"recognition arrangement {UNION} covers."),
    # a tier the arrangement leaves out is refused wherever the place lies
    ("SM", date(2016, 1, 1), EXPORTER, Tier.GENERAL_CERTIFIED, Reason.TIER_NOT_RECOGNISED, V.NO,
     Confidence.HIGH,
     f"No: the China–Test Union AEO mutual recognition arrangement {UNION} recognises only "
     "advanced certified enterprises, not general certified enterprises."),
    ("SM", date(2016, 1, 1), EXPORTER, None, Reason.COVERAGE_UNKNOWN, V.UNKNOWN,
     Confidence.MEDIUM,
     "Unknown: the record does not settle whether San Marino is inside the customs territory "
     f"the China–Test Union AEO mutual recognition arrangement {UNION} covers."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("place", "day", "role", "tier", "reason", "verdict", "confidence", "text"), CASES
)
def test_each_reason_and_its_sentence(
    registry: Registry,
    place: str,
    day: date,
    role: Role,
    tier: Tier | None,
    reason: Reason,
    verdict: V,
    confidence: Confidence,
    text: str,
) -> None:
    answer = registry.check(place, on=day, role=role, tier=tier)
    assert (answer.reason, answer.verdict, answer.confidence) == (reason, verdict, confidence)
    assert answer.qualifies is (verdict is V.YES)
    count = len(answer.caveats)  # told by number, before the confidence
    told = {0: "", 1: " 1 caveat applies (see caveats)."}.get(
        count, f" {count} caveats apply (see caveats)."
    )
    of = " in what is recorded" if verdict is V.UNKNOWN else ""  # not in the unknown
    assert answer.explain() == f"{text}{told} Confidence{of}: {confidence}."
    if reason is not Reason.COVERED:
        assert not answer.benefits


def test_every_verdict_is_exercised() -> None:
    assert {case[5] for case in CASES} == set(V)


def test_every_reason_is_exercised() -> None:
    assert {case[4] for case in CASES} == set(Reason)


@pytest.mark.parametrize("day", [date(2014, 5, 15), date(2015, 10, 31)])
def test_a_place_of_unsettled_standing_answers_as_a_member_until_benefits_may_start(
    registry: Registry, day: date
) -> None:
    # San Marino's standing is moot before the union's benefits may have started: no one
    # gets them, so the arrangement's state answers, as for a member (and later it is not)
    unsettled, member = registry.check("SM", on=day), registry.check("DE", on=day)
    assert unsettled.verdict is V.NO
    asked = (unsettled.reason, unsettled.confidence, unsettled.arrangement)
    assert asked == (member.reason, member.confidence, member.arrangement)
    later = registry.check("SM", on=date(2016, 1, 1))
    assert later.reason is Reason.COVERAGE_UNKNOWN


def test_the_default_tier_follows_the_data(registry: Registry) -> None:
    assert registry.check("SG", on=date(2014, 11, 30)).tier is Tier.AA
    assert registry.check("SG", on=date(2014, 12, 1)).tier is Tier.ADVANCED_CERTIFIED
    with pytest.raises(aeo_mra.TierNotInForceError, match="did not exist on 2014-12-01"):
        registry.check("SG", on=date(2014, 12, 1), tier=Tier.AA)


def test_an_importer_s_answer_carries_the_note_of_the_scope_it_rests_on(
    registry: Registry,
) -> None:
    day = date(2016, 1, 1)
    assert "Imports only (test)." in registry.check("SG", on=day, role=IMPORTER).caveats
    assert "Imports only (test)." not in registry.check("SG", on=day).caveats
    unknown = registry.check("KZ", on=date(2021, 1, 1), role=IMPORTER)
    assert "Which way is not known (test)." in unknown.caveats
    assert "Which way is not known (test)." not in registry.check("KZ", on=date(2021, 1, 1)).caveats
    # after the review, the note comes before the review's caveat, which names the day
    days = [date(2030, 6, 1), date(2030, 6, 2)]
    answers = registry.check_many(["SG", "SG"], on=days, role=IMPORTER)
    for day, answer in zip(days, answers, strict=True):
        assert answer.caveats[-2:] == ("Imports only (test).", unreviewed(date(2030, 1, 1), day))
        assert answer == registry.check("SG", on=day, role=IMPORTER)


def test_a_tier_caveat_comes_from_the_data(registry: Registry) -> None:
    answer = registry.check("DE", on=date(2026, 5, 1), tier=Tier.CERTIFIED)
    assert answer.reason is Reason.TIER_NOT_RECOGNISED
    assert "No partner is known to recognise this tier." in answer.caveats
    assert not any("recognise this tier" in c for c in registry.check("DE").caveats)


def test_a_not_yet_says_when_a_refusal_will_outlast_it(registry: Registry) -> None:
    """Before benefits start, "not yet" is the reason; a tier the arrangement leaves out, or
    an importer where it facilitates imports only, is told it will not be helped after."""
    day = date(2015, 6, 1)  # signed 2014-05-16, implemented 2015-11-01
    tier = registry.check("DE", on=day, tier=Tier.GENERAL_CERTIFIED)
    assert (tier.reason, tier.verdict) == (Reason.SIGNED_NOT_IMPLEMENTED, V.NO)
    assert tier.caveats[-1] == (
        "Once in effect it will not help general certified enterprises either: it recognises "
        "only advanced certified enterprises."
    )
    foreign = registry.check_foreign("FR", "AEOC", on=date(2014, 9, 1))
    assert foreign.caveats[-1] == (
        "Once in effect it will not recognise AEOC either: China's customs recognises only "
        "AEOS under it."
    )
    importer = registry.check("SG", on=date(2012, 12, 1), role=IMPORTER)  # from 2013-03-15
    assert (importer.reason, importer.verdict) == (Reason.SIGNED_NOT_IMPLEMENTED, V.NO)
    assert importer.caveats[-1].startswith("Once in effect it will not help an importer either")
    for helped in (
        registry.check("DE", on=day),
        registry.check("DE", on=date(2014, 9, 1), tier=Tier.AA),  # a tier that ends first
        registry.check("SG", on=date(2012, 12, 1)),  # an exporter: helped once in effect
        registry.check("SG", on=date(2014, 1, 1), role=IMPORTER),  # the refusal is the reason
    ):
        assert not any(c.startswith("Once in effect") for c in helped.caveats)


def test_stages_counted_territories_and_review_date_make_caveats(registry: Registry) -> None:
    staged = registry.check("TW", on=date(2016, 11, 1))
    assert "Benefits apply at two ports only." in staged.caveats
    assert not any(c.startswith("Benefits apply") for c in registry.check("TW").caveats)
    assert "Counted without an instrument (test)." in registry.check("GB").caveats
    assert "GB left the test union." in registry.check("GB", on=date(2021, 1, 1)).caveats
    late = registry.check("DE", on=date(2030, 1, 2))
    assert any("last reviewed on 2030-01-01" in c for c in late.caveats)
    assert late.explain().endswith("Data last reviewed on 2030-01-01.")
    assert not any("last reviewed" in c for c in registry.check("DE", on=date(2030, 1, 1)).caveats)
    assert "A union caveat." in registry.check("DE", on=date(2016, 1, 1)).caveats


def test_foreign_operators_by_their_programme_tier(registry: Registry) -> None:
    day = date(2016, 1, 1)
    assert registry.check_foreign("FR", "AEOS", on=day).qualifies
    refused = registry.check_foreign("FR", "aeoc", on=day)
    assert refused.reason is Reason.TIER_NOT_RECOGNISED
    assert refused.explain() == (
        "No: China's customs recognises only AEOS under the China–Test Union AEO mutual "
        f"recognition arrangement {UNION}, not AEOC. 1 caveat applies (see caveats). "
        "Confidence: high."
    )
    with pytest.raises(aeo_mra.UnknownPartnerTierError, match="AEOS, AEOC"):
        registry.check_foreign("FR", "gold", on=day)


def test_places_of_a_customs_territory_carry_their_evidence(registry: Registry) -> None:
    assert "Réunion is inside (test)." in registry.check("RE", on=date(2016, 1, 1)).caveats
    outside = registry.check("GL", on=date(2016, 1, 1))
    assert outside.caveats[0] == "Greenland is outside (test)."
    assert "A union caveat." not in outside.caveats
    assert outside.sources[0].id == "ann"


def test_totals_count_a_union_by_members_and_skip_uncounted_pilots(registry: Registry) -> None:
    before_exit = registry.summary(date(2020, 12, 31))
    assert (before_exit.economies, before_exit.territories) == (3, 6)
    assert before_exit.arrangements == ("UNION", "MONTH", "RANGE")
    after_exit = registry.summary(date(2021, 1, 1))
    assert (after_exit.economies, after_exit.territories) == (4, 6)
    assert after_exit.counted_territories == ("GB",)
    implemented = registry.summary(date(2021, 1, 1), basis=Basis.IMPLEMENTED)
    assert implemented.arrangements == ("UNION", "MONTH", "RANGE")
    assert (implemented.economies, implemented.territories) == (3, 5)


def test_a_union_is_not_a_place(registry: Registry) -> None:
    for name in ("TU", "Test Union", "union"):
        with pytest.raises(aeo_mra.UnknownPlaceError, match=r"the id 'UNION'"):
            registry.resolve(name)
    assert registry.resolve("Testland").code == "NZ"


@pytest.mark.parametrize(
    ("code", "place", "arrangement"),
    [("fr 123456", "FR", "UNION"), ("SG1234", "SG", "MONTH"), ("123456789", "TW", "PILOT"),
     ("TW123456789", "TW", "PILOT"), ("RU12345", "RU", "SIGNED")],
)  # fmt: skip
def test_each_kind_of_code_format(
    registry: Registry, code: str, place: str, arrangement: str
) -> None:
    parsed = codes.parse(code, registry=registry)
    assert (parsed.place, parsed.arrangement) == (place, arrangement)
    assert parsed.verified is (arrangement != "SIGNED")


def test_declarations_follow_the_rules_of_the_data(registry: Registry) -> None:
    before = codes.declaration("SG1234", date(2018, 10, 31), registry=registry)
    assert before == Declaration("AEO<SG1234>", DeclarationField.REMARKS)
    after = codes.declaration("123456789", date(2018, 11, 1), registry=registry)
    assert after == Declaration("TW123456789", DeclarationField.OVERSEAS_CONSIGNOR_CONSIGNEE_CODE)
    with pytest.raises(codes.NotDeclarable, match="no implementation has been found"):
        codes.declaration("RU12345", date(2023, 1, 1), registry=registry)
    with pytest.raises(codes.UnknownPrefix, match=r"last covered .* on 2020-12-31"):
        codes.validate("GB123456", on=date(2020, 12, 31) + timedelta(days=1), registry=registry)


def test_the_timeline_names_the_places_that_join_leave_or_are_counted(
    registry: Registry,
) -> None:
    described = {(e.kind.value, e.territory): e.description for e in registry.timeline()}
    union = "the China–Test Union AEO mutual recognition arrangement"
    assert described["joined", "HR"] == f"Croatia covered by {union}"
    assert described["left", "GB"] == f"The United Kingdom last covered by {union}"
    assert described["counted", "GB"] == (
        "The United Kingdom counted in the signed totals without an arrangement"
    )


def test_an_importer_refused_by_the_scope_is_refused_before_benefits_are_known_to_start(
    tmp_path: Path,
) -> None:
    """Inside the window in which benefits may have begun, an importer under an arrangement
    that facilitates imports only gets a no, not an unknown; an exporter still an unknown."""
    text = SHAPES.read_text(encoding="utf-8")
    unknown = 'scope = { value = "unknown", confidence = "low", sources = ["news"], note = "Which'
    assert text.count(unknown) == 1
    imports = unknown.replace('"unknown", confidence = "low"', '"imports", confidence = "medium"')
    (tmp_path / "shapes.toml").write_text(text.replace(unknown, imports), encoding="utf-8")
    registry = aeo_mra.load(tmp_path / "shapes.toml")
    window = date(2020, 3, 1)  # Kazakhstan's implemented between 2020-01-01 and 2020-06-30
    importer = registry.check("KZ", on=window, role=IMPORTER)
    # on the scope alone (medium), not the inferred implementation it holds without
    assert (importer.reason, importer.verdict) == (Reason.ROLE_OUT_OF_SCOPE, V.NO)
    assert not importer.qualifies
    exporter = registry.check("KZ", on=window)
    assert (exporter.reason, exporter.verdict) == (Reason.SIGNED_NOT_IMPLEMENTED, V.UNKNOWN)
