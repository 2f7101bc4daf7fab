"""The world graph: its rules on the small test data (tests/data/world.toml, joined to the
China test data tests/data/shapes.toml), and the consistency of the bundled world data."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections import UserString
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import pytest

import aeo_mra
from aeo_mra import (
    Confidence,
    DataError,
    Reason,
    Registry,
    Role,
    Tier,
    TierNotInForceError,
    UnknownPlaceError,
    Verdict,
    world,
)
from aeo_mra._change_days import change_days
from aeo_mra.places import lower_case_code
from aeo_mra.world import (
    Bilateral,
    Counted,
    Plurilateral,
    PublishedCount,
    SameAdministrationError,
    StepKind,
    UnknownAdministrationError,
    UnknownTierError,
    World,
    WorldReason,
)
from aeo_mra.world._explain import _name

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def china() -> Registry:
    return Registry.from_file(DATA / "shapes.toml")


@pytest.fixture(scope="module")
def test_world(china: Registry) -> World:
    return world.load(DATA / "world.toml", china)


def _on(text: str) -> date:
    return date.fromisoformat(text)


# -- the rules, on the test data ----------------------------------------------------------


@pytest.mark.parametrize(
    ("holder", "place", "on", "verdict", "reason"),
    [
        # implemented, tiers recognised, and a tier that is not
        ("UNION/AEOS", "US", "2013-01-01", Verdict.YES, WorldReason.RECOGNISED),
        ("UNION/AEOC", "US", "2013-01-01", Verdict.NO, WorldReason.TIER_NOT_RECOGNISED),
        ("UNION", "US", "2012-06-01", Verdict.NO, WorldReason.SIGNED_NOT_IMPLEMENTED),
        # a tier left out: a firm "not yet" answers first, as check() answers it
        ("UNION/AEOC", "US", "2012-06-01", Verdict.NO, WorldReason.SIGNED_NOT_IMPLEMENTED),
        ("UNION", "US", "2012-01-01", Verdict.NO, WorldReason.NOT_YET_SIGNED),
        # signed, no implementation date known
        ("US", "Japan", "2015-01-01", Verdict.UNKNOWN, WorldReason.IMPLEMENTATION_UNKNOWN),
        # a month: signed in 2009-06 is certain by 2009-07-01, uncertain on 2009-06-15 ...
        ("US", "Japan", "2009-06-15", Verdict.UNKNOWN, WorldReason.NOT_YET_SIGNED),
        # ... but before a first day of benefits certainly later, a firm no all the same
        ("KR/A", "JP", "2011-05-15", Verdict.NO, WorldReason.NOT_YET_SIGNED),
        ("KR/A", "JP", "2011-08-01", Verdict.NO, WorldReason.SIGNED_NOT_IMPLEMENTED),
        # implemented within a range: unknown inside it, yes after it
        ("JP", "KR", "2012-03-01", Verdict.UNKNOWN, WorldReason.SIGNED_NOT_IMPLEMENTED),
        ("JP", "KR", "2012-07-01", Verdict.YES, WorldReason.RECOGNISED),
        # tiers of a multi-tier programme the arrangement does not list
        ("KR/AA", "JP", "2013-01-01", Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN),
        # inferred dates give an inference, never a firm yes
        ("NZ", "KR", "2021-01-01", Verdict.PROBABLY, WorldReason.RECOGNISED),
        # a programme of several tiers, none named, and the tiers recognised not recorded
        ("KR", "NZ", "2021-01-01", Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN),
        # before a firm first day of benefits, whenever it was signed
        ("PILOT", "CN", "2016-09-30", Verdict.NO, WorldReason.NOT_YET_SIGNED),
        # ended; suspended (and the plurilateral not yet live for New Zealand)
        ("NZ", "US", "2016-01-01", Verdict.NO, WorldReason.ENDED),
        ("JP", "NZ", "2020-06-01", Verdict.NO, WorldReason.SUSPENDED),
        # a plurilateral: live for both, and a member with no go-live day
        ("JP", "NZ", "2021-06-01", Verdict.YES, WorldReason.RECOGNISED),
        ("JP", "MN", "2021-06-01", Verdict.UNKNOWN, WorldReason.IMPLEMENTATION_UNKNOWN),
        # no arrangement: firm when one side's list is complete, unknown otherwise
        ("US", "MN", "2019-06-01", Verdict.NO, WorldReason.NOT_A_PARTNER),
        ("US", "MN", "2025-06-01", Verdict.UNKNOWN, WorldReason.NOT_A_PARTNER),
        ("NZ", "France", "2013-01-01", Verdict.UNKNOWN, WorldReason.NOT_A_PARTNER),
        # a union's places: outside its customs territory, or not settled
        ("US", "Greenland", "2013-01-01", Verdict.NO, WorldReason.OUTSIDE_TERRITORY),
        # ... outside for a holder with no arrangement with the union too (Korea, Gibraltar)
        ("NZ", "Greenland", "2013-01-01", Verdict.NO, WorldReason.OUTSIDE_TERRITORY),
        ("US", "SM", "2013-01-01", Verdict.UNKNOWN, WorldReason.COVERAGE_UNKNOWN),
        # ... before the holder's arrangement with the union may be in effect, moot
        ("US", "SM", "2012-01-01", Verdict.NO, WorldReason.NOT_YET_SIGNED),
        ("US", "SM", "2012-06-01", Verdict.NO, WorldReason.SIGNED_NOT_IMPLEMENTED),
        # a place inside the union's territory by inference: probably, not a firm yes
        ("US", "Monaco", "2013-01-01", Verdict.PROBABLY, WorldReason.RECOGNISED),
        # between blocs: across them once implemented, never within a bloc
        ("UNION", "MN", "2026-03-01", Verdict.NO, WorldReason.NOT_YET_LIVE),
        ("MN", "France", "2026-07-01", Verdict.YES, WorldReason.RECOGNISED),
        ("MN", "KR", "2026-07-01", Verdict.UNKNOWN, WorldReason.NOT_A_PARTNER),
        # one side opens to the other's AEOs later than the implementation
        ("US", "France", "2012-08-01", Verdict.NO, WorldReason.NOT_YET_OPEN),
        ("UNION/AEOS", "US", "2012-08-01", Verdict.YES, WorldReason.RECOGNISED),
        # a holder named without a tier, where only some of its tiers are recognised
        ("UNION", "US", "2012-08-01", Verdict.UNKNOWN, WorldReason.TIER_NEEDED),
        ("US", "France", "2012-10-01", Verdict.YES, WorldReason.RECOGNISED),
        # a member opens to another later than both went live, and only that way round
        ("ID", "TH", "2024-09-01", Verdict.NO, WorldReason.NOT_YET_LIVE),
        ("ID", "TH", "2024-10-10", Verdict.NO, WorldReason.NOT_YET_OPEN),
        ("TH/T2", "ID", "2024-10-10", Verdict.YES, WorldReason.RECOGNISED),
        ("ID", "TH", "2024-10-17", Verdict.YES, WorldReason.RECOGNISED),
        ("ID", "MY", "2024-10-15", Verdict.UNKNOWN, WorldReason.NOT_YET_OPEN),
        ("ID", "MY", "2024-11-01", Verdict.YES, WorldReason.RECOGNISED),
        # a plurilateral's recognised tiers, as a bilateral's: a tier left out once live
        ("TH/T1", "MY", "2024-01-01", Verdict.NO, WorldReason.NOT_YET_LIVE),
        ("TH/T1", "MY", "2025-01-01", Verdict.NO, WorldReason.TIER_NOT_RECOGNISED),
        ("TH/T2", "MY", "2024-01-01", Verdict.NO, WorldReason.NOT_YET_LIVE),
        ("TH/T2", "MY", "2025-01-01", Verdict.YES, WorldReason.RECOGNISED),
        # ... and tiers known to be recognised: those are, and the others are not known
        ("MY/M2", "TH", "2025-01-01", Verdict.YES, WorldReason.RECOGNISED),
        ("MY/M1", "TH", "2025-01-01", Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN),
        ("MY", "TH", "2025-01-01", Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN),
        ("MY/M2", "TH", "2024-08-10", Verdict.NO, WorldReason.NOT_YET_LIVE),
        # a common status: its holders, once in force; a national AEO alone is not enough
        ("UG/REG-AEO", "KE", "2016-01-01", Verdict.YES, WorldReason.RECOGNISED),
        ("UG/REG-AEO", "KE", "2015-06-01", Verdict.UNKNOWN, WorldReason.NOT_YET_LIVE),
        ("UG/REG-AEO", "KE", "2013-06-01", Verdict.NO, WorldReason.NOT_YET_LIVE),
        ("UG", "KE", "2016-01-01", Verdict.UNKNOWN, WorldReason.COMMON_STATUS_NEEDED),
        ("UG/U1", "KE", "2016-01-01", Verdict.NO, WorldReason.COMMON_STATUS_NEEDED),
        ("TH/REG-AEO", "KE", "2025-01-01", Verdict.YES, WorldReason.RECOGNISED),
        # an arrangement between programmes is not known to recognise a common status
        ("TH/REG-AEO", "MY", "2025-01-01", Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN),
        # a common code: each member's own AEOs, from the day it came into force
        ("AM", "BY", "2018-01-01", Verdict.YES, WorldReason.RECOGNISED),
        ("BY", "AM", "2017-12-31", Verdict.NO, WorldReason.NOT_YET_LIVE),
    ],
)
def test_check(
    test_world: World, holder: str, place: str, on: str, verdict: Verdict, reason: WorldReason
) -> None:
    answer = test_world.check(holder, place, on=_on(on))
    assert (answer.verdict, answer.reason) == (verdict, reason)
    assert answer.recognised is (verdict is Verdict.YES)
    assert answer.explain().startswith(verdict.description + ":")


@pytest.mark.parametrize(
    ("holder", "place", "on", "words"),
    [
        ("US", "Japan", "2009-06-15", "may not yet have been signed"),
        ("KR/A", "JP", "2011-05-15", "was not yet in effect, whenever it was signed (signed in"),
        ("US", "Japan", "2009-06-15", "may not yet have been signed (signed in June 2009)"),
        ("KR/A", "JP", "2011-08-01", "was signed but not yet implemented"),
        ("JP", "KR", "2012-03-01", "was signed, but may not yet have been implemented"),
        (
            "ID",
            "MY",
            "2024-10-15",
            "may not yet have been opened by Malaysia to AEOs of Indonesia, which happened"
            " between 2024-10-01 and 2024-10-31",
        ),
    ],
)
def test_a_day_inside_a_dates_bounds_is_explained_as_uncertain(
    test_world: World, holder: str, place: str, on: str, words: str
) -> None:
    assert words in test_world.check(holder, place, on=_on(on)).explain()


def test_a_firm_yes_names_the_arrangement_its_dates_and_sources(test_world: World) -> None:
    answer = test_world.check("UNION/AEOS", "US", on=_on("2013-01-01"))
    assert isinstance(answer.arrangement, Bilateral)
    assert answer.arrangement.id == "UNION-US"
    assert [s.id for s in answer.sources] == ["w-law"]
    text = answer.explain()
    assert "Union–US decision" in text
    assert "2012-05-04" in text
    assert "2012-07-01" in text


def test_a_holder_without_a_tier_is_told_which_tiers_count(test_world: World) -> None:
    # The US recognises the union's AEOS and AEOF holders, not its AEOC ones.
    answer = test_world.check("UNION", "US", on=_on("2013-01-01"))
    assert (answer.verdict, answer.reason) == (Verdict.UNKNOWN, WorldReason.TIER_NEEDED)
    assert not answer.recognised
    assert "recognises only holders of UNION/AEOS or UNION/AEOF" in answer.explain()
    assert test_world.check("UNION/AEOF", "US", on=_on("2013-01-01")).recognised
    assert not test_world.check("UNION/AEOC", "US", on=_on("2013-01-01")).recognised


def test_a_member_opened_later_to_another_is_not_yet_recognised_there(
    test_world: World,
) -> None:
    # Both are live from 2024-10-01; Thailand opens to Indonesia's AEOs on 2024-10-17.
    closed = test_world.check("ID", "TH", on=_on("2024-10-10"))
    assert closed.arrangement is not None
    assert closed.arrangement.id == "OPENS"
    assert "was opened by Thailand to AEOs of Indonesia only on 2024-10-17" in closed.explain()
    assert closed.sources[0].id == "w-news"  # the deciding fact's source first
    opened = test_world.check("ID", "TH", on=_on("2024-10-17"))
    assert "w-news" in [s.id for s in opened.sources]

    # The arrangement has begun between the two (both are live): partners() says so.
    partners = test_world.partners("TH", on=_on("2024-10-10"))
    assert {p.administration.id: p.implemented for p in partners} == {"ID": True, "MY": True}


def test_a_bilateral_may_begin_one_way_round_first(test_world: World) -> None:
    # Implemented on 2012-07-01; the union recognises US AEOs only from 2012-10-01.
    closed = test_world.check("US", "France", on=_on("2012-08-01"))
    assert "was opened by Test Union to AEOs of the United States only on 2012-10-01" in (
        closed.explain()
    )
    assert test_world.check("UNION/AEOS", "US", on=_on("2012-08-01")).recognised
    assert test_world.summary("US", on=_on("2012-08-01")).bilateral_implemented == 3


def test_a_plurilateral_counts_as_implemented_for_a_member_live_with_another(
    test_world: World,
) -> None:
    # On 2024-09-01 Malaysia and Thailand are live; Indonesia is not yet.
    day = _on("2024-09-01")
    assert test_world.summary("MY", on=day).plurilateral_implemented == 1
    assert test_world.summary("ID", on=day).plurilateral_implemented == 0
    assert test_world.summary("ID", on=day).plurilateral_signed == 1
    # The world counts it as its members do: live between two of them, though neither has an
    # implemented step. BLOC is live for Japan from 2020 and New Zealand from 2021.
    assert "1 plurilateral signed, 0 implemented" in str(test_world.summary(on=_on("2020-06-01")))
    assert test_world.summary(on=_on("2024-08-10")).plurilateral_implemented == 1  # BLOC
    assert test_world.summary(on=day).plurilateral_implemented == 2  # and OPENS


def test_tiers_openings_and_per_side_scope_are_plain_data(test_world: World) -> None:
    import jsonschema

    opens = next(p for p in test_world.plurilaterals if p.id == "OPENS")
    data = aeo_mra.to_dict(opens)
    jsonschema.validate(data, aeo_mra.json_schema(type(opens)))
    assert data["recognised"]["TH"]["value"] == ["T2"]
    assert [
        (o["recogniser"], o["holder"], o["when"]["value"]["text"]) for o in data["openings"]
    ] == [
        ("TH", "ID", "2024-10-17"),
        ("MY", "ID", "between 2024-10-01 and 2024-10-31"),
    ]
    edge = next(b for b in test_world.bilaterals if b.id == "ID-KR")
    sides = aeo_mra.to_dict(edge)
    jsonschema.validate(sides, aeo_mra.json_schema(type(edge)))
    assert (sides["scope"], sides["scope_by"]["ID"]["value"]) == (None, "imports")


def test_a_plurilateral_names_the_tiers_its_members_recognise(test_world: World) -> None:
    answer = test_world.check("TH", "MY", on=_on("2025-01-01"))
    assert answer.reason is WorldReason.TIER_NEEDED
    assert "recognises only holders of TH/T2" in answer.explain()
    assert test_world.check("TH/T2", "MY", on=_on("2025-01-01")).recognised
    found = {r.administration.id: r for r in test_world.recognisers("TH/T1", on=_on("2025-01-01"))}
    assert found["MY"].reason is WorldReason.TIER_NOT_RECOGNISED
    assert found["ID"].reason is WorldReason.TIER_NOT_RECOGNISED
    # Malaysia's M2 is known to be recognised by the other members; whether M1 is, is not
    found = {r.administration.id: r for r in test_world.recognisers("MY/M2", on=_on("2025-01-01"))}
    assert (found["TH"].reason, found["ID"].reason) == (WorldReason.RECOGNISED,) * 2
    unnamed = test_world.check("MY", "TH", on=_on("2025-01-01")).explain()
    assert "is known to recognise MY/M2, but not whether it recognises" in unnamed


def test_importers_need_the_partner_to_facilitate_its_exports(test_world: World) -> None:
    imports_only = test_world.check("UNION", "US", on=_on("2013-01-01"), role=Role.IMPORTER)
    assert imports_only.reason is WorldReason.ROLE_OUT_OF_SCOPE
    assert imports_only.verdict is Verdict.NO
    # what is left out is the holder's imports, not the partner's exports
    assert "facilitates only what AEOs of Test Union export, not their imports" in (
        imports_only.explain()
    )
    both_ways = test_world.check("JP", "KR", on=_on("2013-01-01"), role=Role.IMPORTER)
    assert both_ways.recognised
    unknown = test_world.check("NZ", "KR", on=_on("2021-01-01"), role=Role.IMPORTER)
    assert unknown.reason is WorldReason.SCOPE_UNKNOWN
    assert "is not known to cover what AEOs of New Zealand import" in unknown.explain()


def test_a_scope_recorded_as_unknown_answers_with_its_sources_and_confidence(
    test_world: World,
) -> None:
    day = _on("2011-01-01")
    importer = test_world.check("US", "KR", on=day, role=Role.IMPORTER)
    assert (importer.verdict, importer.reason) == (Verdict.UNKNOWN, WorldReason.SCOPE_UNKNOWN)
    assert "w-list" in [s.id for s in importer.sources]
    assert importer.confidence is Confidence.LOW
    assert "The sources conflict (test)." in importer.caveats  # why it is unknown
    exporter = test_world.check("US", "KR", on=day)
    assert exporter.recognised
    assert "w-list" not in [s.id for s in exporter.sources]
    assert "The sources conflict (test)." not in exporter.caveats


def test_a_tier_known_to_be_recognised_is_recognised_and_the_others_stay_unknown(
    test_world: World,
) -> None:
    # Korea's grade A is known to be recognised under US-KR; whether grade AA is, is not.
    day = _on("2011-01-01")
    known = test_world.check("KR/A", "US", on=day)
    assert (known.verdict, known.reason) == (Verdict.YES, WorldReason.RECOGNISED)
    assert "w-list" in [s.id for s in known.sources]
    other = test_world.check("KR/AA", "US", on=day)
    assert (other.verdict, other.reason) == (Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN)
    assert "is known to recognise KR/A, but not whether it recognises that tier" in (
        other.explain()
    )
    unnamed = test_world.check("KR", "US", on=day)
    assert (unnamed.verdict, unnamed.reason) == (Verdict.UNKNOWN, WorldReason.TIERS_UNKNOWN)
    assert "other tiers, and the question names no tier" in unnamed.explain()
    assert all("w-list" in [s.id for s in a.sources] for a in (other, unnamed))
    edge = next(b for b in test_world.bilaterals if b.id == "US-KR")
    assert "KR" not in edge.recognised  # the list is not complete: no tier is left out
    assert edge.recognised_at_least["KR"].value == ("A",)


def test_a_plurilateral_member_s_customs_facilitates_the_scope_recorded_for_it(
    test_world: World,
) -> None:
    # Under OPENS, Thailand's customs facilitates imports only, Malaysia's imports and
    # exports; Indonesia's is not recorded.
    day = _on("2024-11-01")
    from_thailand = test_world.check("ID", "TH", on=day, role=Role.IMPORTER)
    assert (from_thailand.verdict, from_thailand.reason) == (
        Verdict.NO,
        WorldReason.ROLE_OUT_OF_SCOPE,
    )
    assert "facilitates only what AEOs of Indonesia export" in from_thailand.explain()
    from_malaysia = test_world.check("ID", "MY", on=day, role=Role.IMPORTER)
    assert from_malaysia.recognised
    assert "Both ways (member test)." in from_malaysia.caveats
    from_indonesia = test_world.check("TH/T2", "ID", on=day, role=Role.IMPORTER)
    assert (from_indonesia.verdict, from_indonesia.reason) == (
        Verdict.UNKNOWN,
        WorldReason.SCOPE_UNKNOWN,
    )
    assert test_world.check("ID", "TH", on=day).recognised  # exporters: every member
    opens = next(p for p in test_world.plurilaterals if p.id == "OPENS")
    assert "w-list" in {s.id for s in opens.sources}  # cited by Thailand's scope alone
    # one scope for every member: the Union's and Mongolia's customs both ease imports only
    for holder, place in (("MN", "France"), ("UNION/AEOS", "MN")):
        importer = test_world.check(holder, place, on=_on("2026-07-01"), role=Role.IMPORTER)
        assert importer.reason is WorldReason.ROLE_OUT_OF_SCOPE
        assert "Every member facilitates imports (test)." in importer.caveats


def test_each_side_s_customs_may_facilitate_a_scope_of_its_own(test_world: World) -> None:
    # Indonesia's customs facilitates imports only; Korea's imports and exports.
    day = _on("2021-01-01")
    from_indonesia = test_world.check("KR", "ID", on=day, role=Role.IMPORTER)
    assert (from_indonesia.verdict, from_indonesia.reason) == (
        Verdict.NO,
        WorldReason.ROLE_OUT_OF_SCOPE,
    )
    assert [s.id for s in from_indonesia.sources] == ["w-law"]
    from_korea = test_world.check("ID", "KR", on=day, role=Role.IMPORTER)
    assert from_korea.recognised
    assert "w-news" in [s.id for s in from_korea.sources]
    # each importer's answer carries the note of the side's scope it rests on, not the other's
    assert "Imports only (test)." in from_indonesia.caveats
    assert (
        "Both ways (test)." in from_korea.caveats,
        "Imports only (test)." in from_korea.caveats,
    ) == (True, False)
    exporter = test_world.check("ID", "KR", on=day)
    assert exporter.recognised  # exporters: both sides
    assert not {"Imports only (test).", "Both ways (test)."} & set(exporter.caveats)
    # out of scope whatever the tier, though Korea's tiers recognised are not recorded
    assert test_world.check("KR/A", "ID", on=day, role=Role.IMPORTER).verdict is Verdict.NO
    edge = next(b for b in test_world.bilaterals if b.id == "ID-KR")
    assert edge.scope is None
    assert edge.scope_of("KR") is edge.scope_by["KR"]


def test_tiers_finer_than_the_china_record_s_fall_within_its_tiers(test_world: World) -> None:
    # The China record recognises its partner's one tier "AEO"; the world data names grades.
    within = test_world.check("RANGE/G1", "CN", on=_on("2021-01-01"))
    assert (within.verdict, within.reason) == (Verdict.PROBABLY, WorldReason.RECOGNISED)
    outside = test_world.check("RANGE/G0", "CN", on=_on("2021-01-01"))
    assert (outside.verdict, outside.reason) == (Verdict.NO, WorldReason.TIER_NOT_RECOGNISED)
    edge = next(b for b in test_world.bilaterals if b.id == "CN-RANGE")
    assert edge.recognised["RANGE"].value == ("G1", "G2")
    assert "AEO" in edge.recognised["RANGE"].note


def test_recognition_is_not_transitive_and_the_answer_says_so(test_world: World) -> None:
    # New Zealand and the union both have arrangements with the United States in 2013.
    answer = test_world.check("NZ", "France", on=_on("2013-01-01"))
    assert answer.shared_partners == ("United States",)
    assert "not transitive" in answer.explain()
    assert "the United States" in answer.explain()
    direct = test_world.check("UNION", "US", on=_on("2013-01-01"))
    assert direct.shared_partners == ()
    assert "transitive" not in direct.explain()


def test_a_place_follows_its_union_membership_over_time(test_world: World) -> None:
    # Croatia joins the test union on 2016-07-01; Britain leaves it after 2020-12-31.
    before = test_world.check("US", "HR", on=_on("2016-01-01"))
    assert before.administration is None
    assert any("joined" in caveat for caveat in before.caveats)
    after = test_world.check("US", "HR", on=_on("2017-01-01"))
    assert after.administration is not None
    assert after.administration.id == "UNION"
    assert after.recognised
    gone = test_world.check("US", "GB", on=_on("2021-06-01"))
    assert gone.administration is None
    assert any("left" in caveat for caveat in gone.caveats)
    # Which customs clears it since is not recorded: a complete list cannot settle it.
    assert (gone.verdict, gone.reason, gone.arrangement) == (
        Verdict.UNKNOWN,
        WorldReason.COVERAGE_UNKNOWN,
        None,
    )
    assert "does not record which customs clears it" in gone.explain()
    assert gone.shared_partners == ()


def test_a_place_iso_lists_under_another_country_is_not_settled_by_a_complete_list(
    test_world: World,
) -> None:
    # Puerto Rico is an outlying area of the United States in ISO 3166-2, unrecorded in the
    # test data: the United States' complete list (to 2020) settles nothing there.
    day = _on("2020-06-01")
    answer = test_world.check("US", "PR", on=day)
    assert (answer.verdict, answer.reason) == (Verdict.UNKNOWN, WorldReason.COVERAGE_UNKNOWN)
    assert any("dependent part of the United States" in c for c in answer.caveats)
    fiji = test_world.check("US", "FJ", on=day)  # a place clearing its own goods: settled
    assert (fiji.verdict, fiji.reason) == (Verdict.NO, WorldReason.NOT_A_PARTNER)
    assert "lists every partner of the United States" in fiji.explain()


def test_a_place_recorded_in_an_administration_s_customs_territory_is_answered_by_it(
    test_world: World,
) -> None:
    day = _on("2020-06-01")
    inside = test_world.check("KR", "MP", on=day)  # inside the United States' territory
    assert inside.administration is not None
    assert inside.administration.id == "US"
    assert (inside.verdict, inside.arrangement) == (
        test_world.check("KR", "US", on=day).verdict,
        test_world.check("KR", "US", on=day).arrangement,
    )
    with pytest.raises(SameAdministrationError):
        test_world.check("US", "MP", on=day)
    held = test_world.check("MP", "KR", on=day)  # its AEOs are the United States'
    assert held.holder.id == "US"
    assert any("customs territory of the United States" in c for c in held.caveats)
    outside = test_world.check("KR", "GU", on=day)
    assert (outside.verdict, outside.reason) == (Verdict.NO, WorldReason.OUTSIDE_TERRITORY)
    assert "outside the customs territory of the United States" in outside.explain()
    assert "Guam clears its own goods (test)." in outside.caveats


def test_a_territory_s_first_day_dates_its_standing(test_world: World) -> None:
    before = test_world.check("KR", "AS", on=_on("2014-12-31"))  # not yet recorded: unknown
    assert (before.verdict, before.reason) == (Verdict.UNKNOWN, WorldReason.COVERAGE_UNKNOWN)
    assert any("joined the customs territory of the United States on 2015-01-01" in c
               for c in before.caveats)  # fmt: skip
    after = test_world.check("KR", "AS", on=_on("2015-01-01"))
    assert (after.verdict, after.reason) == (Verdict.UNKNOWN, WorldReason.COVERAGE_UNKNOWN)
    assert after.administration is not None
    assert after.administration.id == "US"
    assert "no source settles whether the United States covers the place" in after.explain()


def test_the_bundled_data_records_which_customs_territory_dependent_places_are_in() -> None:
    # Every place ISO 3166-2 lists as a dependent part of a country with an administration
    # is recorded in some administration's places: none is left to the unrecorded rule.
    world = aeo_mra.world.bundled()
    recorded = {m.territory for a in world.administrations.values() for m in a.members}
    for code, parent in aeo_mra.places.iso_parents().items():
        if parent in world.administrations or parent in recorded:
            assert code in recorded, code
    day = date(2024, 1, 1)
    assert (
        world.check("KR", "PR", on=day).arrangement == world.check("KR", "US", on=day).arrangement
    )
    assert world.check("KR", "GU", on=day).reason is WorldReason.OUTSIDE_TERRITORY
    with pytest.raises(SameAdministrationError):
        world.check("US", "PR", on=day)
    for place in ("IM", "JE", "GG"):  # in the UK–Crown Dependencies customs union since 2021
        answer = world.check("JP", place, on=day)
        assert answer.reason is WorldReason.COVERAGE_UNKNOWN
        assert answer.administration is not None
        assert answer.administration.id == "GB"
        assert any("left the customs territory of the European Union" in c for c in answer.caveats)
        assert world.cleared_by(place, date(2020, 12, 31))[0] is world.administrations["EU"]
        # China has no arrangement with the UK: the place's standing is moot
        chinese = world.check("CN", place, on=day)
        assert chinese.reason is WorldReason.NO_LONGER_COVERED


def test_a_union_s_place_with_an_arrangement_of_its_own_is_decided_by_it() -> None:
    # Andorra is in the EU's list with its coverage unknown; the EU-Andorra protocol decides.
    world = aeo_mra.world.bundled()
    day = date(2024, 10, 10)
    answer = world.check("EU/AEOS", "AD", on=day)
    assert answer.arrangement is not None
    assert answer.arrangement.id == "EU-AD"
    assert answer.administration is not None
    assert answer.administration.id == "AD"
    assert "implemented on 2011-01-01, applied before it was signed)" in answer.explain()
    assert {r.administration.id: r.verdict for r in world.recognisers("EU/AEOS", on=day)}[
        "AD"
    ] is answer.verdict


def test_an_administration_is_named_by_its_programme_s_aliases(test_world: World) -> None:
    united_states = test_world.administration("US")
    assert test_world.holder("CTPAT") == (united_states, None)
    assert test_world.holder("c-tpat") == (united_states, None)  # a name: any case
    day = _on("2020-06-01")
    assert test_world.check("CTPAT", "KR", on=day) == test_world.check("US", "KR", on=day)
    with pytest.raises(UnknownAdministrationError) as raised:
        test_world.check("CTPATT", "KR", on=day)
    assert "CTPAT" in raised.value.suggestions


def test_holder_names_that_are_whole_place_names_or_carry_a_plus_sign() -> None:
    world = aeo_mra.world.bundled()
    assert world.holder("Hong Kong SAR") == (world.administration("HK"), None)
    plus = world.holder("SG/STP+")[1]
    assert plus is not None
    assert plus.code == "STP-Plus"
    assert world.holder("SG/STP")[1] != plus


@pytest.mark.parametrize("name", ["North Korea", "KP", "Korea, Democratic People's Republic of"])
def test_a_holder_that_is_a_place_without_a_programme_is_told_so(name: str) -> None:
    """A place the data knows, with no AEO programme of its own or its union's, is told so,
    not offered a near name (South Korea), nor read as a tier of one ("Korea, …")."""
    with pytest.raises(UnknownAdministrationError) as raised:
        aeo_mra.world.check(name, "JP", on=_on("2020-01-01"))
    assert "(North Korea, KP, has no AEO programme in the world data)" in str(raised.value)
    assert raised.value.suggestions == ()


def test_a_place_in_a_union_is_not_said_to_have_no_programme() -> None:
    graph = aeo_mra.world.bundled()
    for name in ("Germany", "DE", "Monaco"):  # the EU's AEOs: the union's programme
        with pytest.raises(UnknownAdministrationError) as raised:
            graph.holder(name)
        assert "has no AEO programme" not in str(raised.value)


def test_unknown_names_are_typed_errors_naming_what_is_valid(test_world: World) -> None:
    with pytest.raises(UnknownAdministrationError) as raised:
        test_world.check("Atlantis", "US")
    assert isinstance(raised.value, aeo_mra.Error)
    assert isinstance(raised.value, LookupError)
    assert "Atlantis" in str(raised.value)
    assert "UNION" in raised.value.valid
    with pytest.raises(UnknownTierError) as wrong:
        test_world.check("UNION/XYZ", "US")
    assert str(wrong.value) == (
        "'UNION/XYZ' names no tier of UNION's programme (UNION's tiers: AEOC (Simplifications), "
        "AEOS (Security), AEOF (Full); or UNION alone)."
    )  # the administration is known: its tiers are what would be valid, not every id
    assert wrong.value.valid == ("UNION", "UNION/AEOC", "UNION/AEOS", "UNION/AEOF")
    assert wrong.value.administration == "UNION"
    # a slash is no separator to drop inside a tier's code: it joins two codes
    with pytest.raises(UnknownAdministrationError, match="'A/E/O/S' names no administration"):
        test_world.check("A/E/O/S", "US")
    assert test_world.holder("UNION/aeoc / aeos")[1] == test_world.holder("UNION/AEOF")[1]
    too_long = "UNION/" + "A" * 195  # over the 200 characters of a place, refused at once
    with pytest.raises(UnknownAdministrationError, match="201 characters long, over 200"):
        test_world.check(too_long, "US")
    with pytest.raises(UnknownAdministrationError, match="over 200"):
        test_world.partners(too_long)
    for cut_short in ("UNION/", "UNION /"):  # a tier left out: not the administration alone
        with pytest.raises(UnknownTierError, match="names no tier of UNION's") as wrong:
            test_world.check(cut_short, "US")
        assert wrong.value.valid == ("UNION", "UNION/AEOC", "UNION/AEOS", "UNION/AEOF")
    with pytest.raises(UnknownPlaceError):
        test_world.check("US", "Atlantis")
    with pytest.raises(TypeError):
        test_world.check(42, "US")  # type: ignore[arg-type]


def test_a_holder_named_by_a_place_in_a_union_is_the_union_s(test_world: World) -> None:
    day = _on("2013-01-01")
    answer = test_world.check("France/AEOF", "US", on=day)
    assert (answer.holder.id, answer.tier, answer.verdict) == (
        "UNION",
        test_world.administrations["UNION"].tier("AEOF"),
        Verdict.YES,
    )
    assert answer.caveats[0].startswith("On 2013-01-01 France was in the customs territory")
    assert test_world.check("FR", "US", on=day).reason is WorldReason.TIER_NEEDED
    # A place inside by inference gives an inference; the reverse question follows too.
    assert test_world.check("MC/AEOS", "US", on=day).verdict is Verdict.PROBABLY
    found = test_world.recognisers("FR/AEOS", on=day)
    assert {r.administration.id for r in found if r.recognised} == {"US"}
    assert all(r.caveats[0].startswith("On 2013-01-01 France") for r in found)
    # Britain's AEOs are the union's until it leaves; Croatia's from when it joins.
    assert test_world.check("GB/AEOS", "US", on=_on("2020-12-31")).holder.id == "UNION"
    assert test_world.check("France/aeof", "US", on=day).holder.id == "UNION"  # a name: any case
    with pytest.raises(UnknownAdministrationError, match="upper case: 'FR' is France"):
        test_world.check("fr/aeof", "US", on=day)  # "fr": a code, written as ISO writes it
    with pytest.raises(
        UnknownAdministrationError, match="left the customs territory of Test Union"
    ):
        test_world.check("GB/AEOS", "US", on=_on("2021-01-01"))
    with pytest.raises(
        UnknownAdministrationError, match="joined the customs territory of Test Union"
    ):
        test_world.check("HR", "US", on=_on("2016-06-30"))
    with pytest.raises(UnknownTierError, match="France's AEOs were UNION's; UNION's tiers: AEOC"):
        test_world.check("France/XYZ", "US", on=day)
    # A place tied to the union but outside its territory, or not settled, is not its holder;
    # as a place, the union's AEOs trading with it are answered, not refused.
    with pytest.raises(
        UnknownAdministrationError, match="Greenland is outside the customs territory of Test Union"
    ):
        test_world.check("GL/AEOS", "US", on=day)
    with pytest.raises(
        UnknownAdministrationError,
        match="no source settles whether Test Union's arrangements cover",
    ):
        test_world.check("SM", "US", on=day)
    with pytest.raises(UnknownAdministrationError, match="customs territory of Test Union: name"):
        test_world.partners("France", on=day)  # the union's partners are its members'
    outside = test_world.check("UNION/AEOS", "Greenland", on=day)
    assert (outside.verdict, outside.reason) == (Verdict.NO, WorldReason.OUTSIDE_TERRITORY)
    with pytest.raises(SameAdministrationError, match="on 2013-01-01, and so is FR") as raised:
        test_world.check("FR/AEOS", "Germany", on=day)  # a member's AEOs are the union's
    assert (raised.value.on, raised.value.holder, raised.value.within) == (day, "UNION", "FR")
    with pytest.raises(SameAdministrationError) as raised:
        test_world.check("UNION/AEOS", "Germany", on=day)
    assert raised.value.within is None
    assert str(raised.value).endswith(
        "on 2013-01-01: name a place cleared by another administration"
    )


@pytest.mark.parametrize(
    "written", ["UNION/AEOS", "UNION / aeos", "UNION-AEOS", "Test Union AEOS", "test union/aeo-s"]
)
def test_a_tier_may_be_written_with_a_slash_a_space_or_a_hyphen(
    test_world: World, written: str
) -> None:
    union = test_world.administrations["UNION"]
    assert test_world.holder(written) == (union, union.tier("AEOS"))


@pytest.mark.parametrize(
    "written", ["UNION/AEOF", "UNION/Full", "UNION/AEOC/AEOS", "UNION aeoc aeos"]
)
def test_a_tier_is_named_by_its_code_its_name_or_an_alias(test_world: World, written: str) -> None:
    union = test_world.administrations["UNION"]
    assert test_world.holder(written) == (union, union.tier("AEOF"))


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("us", "codes are written in upper case: 'US' is United States"),
        ("No", "'NO' is Norway"),  # an answer in a spreadsheet, not Norway
        ("n/a", "a placeholder for a missing value"),
        ("kr/aa", "codes are written in upper case: 'KR/AA'"),
        ("tu", "codes are written in upper case: 'TU' is Test Union"),  # its China alias
        ("tu/aeos", "codes are written in upper case: 'TU/AEOS';"),
        ("The tu", "codes are written in upper case: 'TU' is Test Union"),
        ("na", "a placeholder for a missing value"),  # not Namibia's code in lower case
    ],
)
def test_a_holder_code_is_read_as_iso_writes_it(test_world: World, written: str, hint: str) -> None:
    with pytest.raises(UnknownAdministrationError, match=hint) as raised:
        test_world.holder(written)
    assert raised.value.suggestions == ()


@pytest.mark.parametrize("written", ["The TU", "the TU", "TU", "The TU/AEOS", "Test union"])
def test_a_holder_s_code_may_follow_the_article(test_world: World, written: str) -> None:
    assert test_world.holder(written)[0].id == "UNION"


def test_a_holder_may_be_named_as_the_china_data_names_it(test_world: World) -> None:
    union = test_world.administrations["UNION"]
    assert test_world.holder("测试联盟") == (union, None)  # the union's Chinese name
    assert test_world.holder("测试联盟/AEOS") == (union, union.tier("AEOS"))
    china = test_world.administrations["CN"]
    found = test_world.holder("CN/高级认证企业")  # China's tiers by their Chinese names
    assert found == (china, china.tier("ADVANCED_CERTIFIED"))


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Bloc", "'Bloc' is the Bloc arrangement, not an administration: name one of its members"),
        ("REGION", "its status: e.g. 'KE/REG-AEO'"),
    ],
)
def test_a_plurilateral_named_as_a_holder_gets_its_members(
    test_world: World, written: str, hint: str
) -> None:
    with pytest.raises(UnknownAdministrationError, match=re.escape(hint)) as raised:
        test_world.check(written, "US")
    assert raised.value.suggestions == ()


def test_a_mistyped_holder_gets_suggestions(test_world: World) -> None:
    with pytest.raises(UnknownAdministrationError, match="did you mean 'Japan'") as raised:
        test_world.check("Japn", "US")
    assert raised.value.suggestions[0] == "Japan"
    with pytest.raises(UnknownAdministrationError, match="did you mean 'France'"):
        test_world.check("Frnace", "US")  # a union's member, named as a place


def test_partners_say_whether_recognition_had_begun_as_a_verdict(test_world: World) -> None:
    def begun(ident: str, on: str) -> dict[str, Verdict]:
        return {
            p.administration.id: p.implementation for p in test_world.partners(ident, on=_on(on))
        }

    assert begun("KR", "2011-08-01") == {"JP": Verdict.NO, "US": Verdict.YES}
    assert begun("JP", "2012-03-01")["KR"] is Verdict.UNKNOWN  # within its date's bounds
    assert begun("KR", "2021-01-01")["NZ"] is Verdict.PROBABLY  # an inferred date
    inferred = next(
        p for p in test_world.partners("KR", on=_on("2021-01-01")) if p.arrangement.id == "KR-NZ"
    )
    assert not inferred.implemented  # never true on an inference alone
    assert test_world.summary("KR", on=_on("2021-01-01")).bilateral_implemented == sum(
        p.implementation in (Verdict.YES, Verdict.PROBABLY)  # the count goes by the dates
        for p in test_world.partners("KR", on=_on("2021-01-01"))
    )
    summary = test_world.summary("JP", on=_on("2012-03-01"))
    assert (summary.bilateral_implemented, summary.bilateral_implementation_unknown) == (1, 2)
    assert "1 implemented, 2 not known" in str(summary)
    world_wide = test_world.summary(on=_on("2012-03-01"))
    assert world_wide.bilateral_implementation_unknown == 2
    partner = next(
        p for p in test_world.partners("JP", on=_on("2012-03-01")) if p.administration.id == "KR"
    )
    data = aeo_mra.to_dict(partner)
    assert (data["implementation"], data["implemented"]) == ("unknown", False)


def test_an_explanation_names_an_unknown_date_as_not_found(test_world: World) -> None:
    text = test_world.check("PILOT", "CN", on=_on("2021-06-01")).explain()
    assert "(signed on a date not found, implemented on 2016-10-01)" in text
    before = test_world.check("PILOT", "CN", on=_on("2016-09-30")).explain()
    assert "pilot was not yet in effect, whenever it was signed (signed on a date" in before


def test_an_answer_is_remembered_and_found_again(test_world: World) -> None:
    first = test_world.check("UNION/AEOS", "US", on=_on("2013-01-01"))
    assert test_world.check("UNION/AEOS", "US", on=_on("2013-01-01")) is first
    assert test_world.check("UNION/AEOS", "US", on=datetime(2013, 1, 1, 9)) is first
    assert test_world.check("UNION/AEOS", "US", on=_on("2013-01-01"), role=Role.IMPORTER) != first


class _LikeExporter:
    """Equal to Role.EXPORTER and hashed alike, but no role."""

    def __eq__(self, other: object) -> bool:
        return other is Role.EXPORTER

    def __hash__(self) -> int:
        return hash(Role.EXPORTER)


@pytest.mark.parametrize(
    ("holder", "place", "role"),
    [
        ("UNION", 840.0, Role.EXPORTER),
        ("UNION", complex(840), Role.EXPORTER),
        (UserString("UNION"), 840, Role.EXPORTER),
        ("UNION", 840, _LikeExporter()),
    ],
)
def test_a_value_equal_to_a_remembered_one_is_not_answered_by_it(
    test_world: World, holder: object, place: object, role: object
) -> None:
    test_world.check("UNION", 840, on=_on("2013-01-01"))
    with pytest.raises(TypeError):
        test_world.check(holder, place, on=_on("2013-01-01"), role=role)  # type: ignore[arg-type]


def test_a_member_listed_twice_in_a_graph_made_in_code_is_one_partner(
    test_world: World, china: Registry
) -> None:
    (opens,) = [p for p in test_world.plurilaterals if p.id == "OPENS"]
    doubled = attrs.evolve(opens, members=(*opens.members, opens.members[0]))
    data = attrs.evolve(
        test_world.data,
        plurilaterals=tuple(doubled if p is opens else p for p in test_world.plurilaterals),
    )

    def partners(graph: World) -> list[tuple[str, str, Verdict]]:
        found = graph.partners(opens.members[0].administration, on=_on("2026-01-01"))
        return [(p.administration.id, p.arrangement.id, p.implementation) for p in found]

    assert partners(World(data, china)) == partners(test_world)
    assert ("ID", "OPENS", Verdict.YES) in partners(test_world)


def test_remembered_answers_are_bounded(china: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = world.load(DATA / "world.toml", china)
    monkeypatch.setattr("aeo_mra.world._graph._CACHE_LIMIT", 3)
    for day in range(1, 11):
        fresh.check("UNION", "US", on=date(2013, 1, day))
        assert 0 < len(fresh._answers) <= 3
    long_name = "United States" + " " * 80
    fresh.check("UNION", long_name, on=_on("2013-01-01"))
    assert not any(long_name in key for key in fresh._answers)


def test_the_holder_s_own_territory_is_an_error(test_world: World) -> None:
    with pytest.raises(SameAdministrationError) as raised:
        test_world.check("UNION", "France", on=_on("2013-01-01"))
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, aeo_mra.Error)


def test_holders_are_named_by_id_name_or_tier(test_world: World) -> None:
    assert test_world.holder("US")[0].id == "US"
    assert test_world.holder("Japan")[0].id == "JP"
    administration, tier = test_world.holder("AEOF")
    assert (administration.id, tier and tier.code) == ("UNION", "AEOF")
    administration, tier = test_world.holder("KR AA")
    assert (administration.id, tier and tier.code) == ("KR", "AA")
    assert test_world.holder("KOR")[0].id == "KR"  # a name of its place


def test_partners_are_those_signed_and_not_ended(test_world: World) -> None:
    def ids(on: str) -> list[str]:
        return [p.administration.id for p in test_world.partners("NZ", on=_on(on))]

    assert ids("2009-01-01") == ["US"]
    assert ids("2016-01-01") == ["JP"]  # the US arrangement ended; Japan's is suspended
    assert ids("2021-06-01") == ["KR", "JP", "JP", "MN"]  # Japan twice: bilateral and bloc


def test_an_arrangement_recorded_only_by_its_work_plan_links_no_one(test_world: World) -> None:
    # US-MN: a joint work plan of 2015-03-01, no signing. The United States' list is
    # complete to 2020, Mongolia's partial.
    before = test_world.check("US", "Mongolia", on=_on("2015-02-28"))
    after = test_world.check("US", "Mongolia", on=_on("2016-01-01"))
    later = test_world.check("MN", "United States", on=_on("2022-01-01"))
    for answer, verdict in ((before, Verdict.NO), (after, Verdict.NO), (later, Verdict.UNKNOWN)):
        assert (answer.verdict, answer.reason) == (verdict, WorldReason.NOT_A_PARTNER)
        assert answer.arrangement is None
    assert before.caveats == ()  # the plan came later
    assert "w-news" not in {s.id for s in before.sources}
    for answer in (after, later):
        assert [c for c in answer.caveats if "work (or action) plan" in c and "2015-03-01" in c]
        assert "w-news" in {s.id for s in answer.sources}
    day = _on("2016-01-01")
    assert {p.administration.id for p in test_world.partners("US", on=day)} == {"UNION", "JP", "KR"}
    assert "US" not in {r.administration.id for r in test_world.recognisers("MN", on=day)}
    signings = [
        b.step(StepKind.SIGNED) for b in test_world.bilaterals if b.instrument.value != "pilot"
    ]
    counted = sum(s is not None and s.value.known_by(day) for s in signings)
    assert test_world.summary(on=day).bilateral_signed == counted


def test_a_work_plan_dated_by_an_inference_says_so(
    china: Registry, test_world: World, tmp_path: Path
) -> None:
    text = (DATA / "world.toml").read_text(encoding="utf-8")
    firm = '{ step = "work-plan", date = 2015-03-01, confidence = "high", sources = ["w-news"] }'
    inferred = firm.replace('confidence = "high"', 'confidence = "low", inferred = true')
    assert firm in text
    (tmp_path / "world.toml").write_text(text.replace(firm, inferred), encoding="utf-8")
    graph = world.load(tmp_path / "world.toml", china)
    for asked, said in ((test_world, ""), (graph, " (inferred)")):
        caveat = asked.check("US", "Mongolia", on=_on("2016-01-01")).caveats[0]
        assert f"plan towards an arrangement on 2015-03-01{said};" in caveat


def test_an_answer_before_the_signing_names_the_plans_agreed_by_then(test_world: World) -> None:
    # US-KR: work plans of 2009-01-01 and of September 2009 (inferred), signed and
    # implemented 2010-06-25.
    def plans(on: str) -> list[str]:
        answer = test_world.check("KR/A", "United States", on=_on(on))
        before = (Verdict.NO, WorldReason.NOT_YET_SIGNED)
        assert ((answer.verdict, answer.reason) == before) is (on < "2010-06-25")
        return [c for c in answer.caveats if "plan" in c]

    assert plans("2008-12-31") == []
    assert plans("2009-06-01") == [
        "A joint work (or action) plan towards it was agreed on 2009-01-01: a step before the "
        "signing, which recognises no one."
    ]
    assert plans("2010-01-01") == [
        "Joint work (or action) plans towards it were agreed on 2009-01-01 and between "
        "2009-09-01 and 2009-09-30 (inferred): steps before the signing, which "
        "recognise no one."
    ]
    assert plans("2011-01-01") == []
    assert test_world.check("KR/A", "United States", on=_on("2011-01-01")).verdict is Verdict.YES


def test_a_summary_counts_joint_work_plans_not_yet_signed(test_world: World) -> None:
    # US-KR: a work plan of 2009-01-01, signed 2010-06-25; US-MN: a plan of 2015-03-01 alone.
    for on, planned in (
        ("2008-12-31", ()),
        ("2009-06-01", ("KR",)),
        ("2012-01-01", ()),
        ("2016-01-01", ("MN",)),
    ):
        us, everyone = test_world.summary("US", on=_on(on)), test_world.summary(on=_on(on))
        assert (us.planned, us.bilateral_planned, everyone.bilateral_planned) == (
            planned,
            len(planned),
            len(planned),
        ), on
        assert not set(us.planned) & set(us.partners)
    assert "; 1 joint work plan not yet signed (" in str(
        test_world.summary("MN", _on("2016-01-01"))
    )
    assert "joint work plan" not in str(test_world.summary("MN", on=_on("2015-01-01")))


def test_a_joint_work_plan_ends_where_another_arrangement_makes_partners(
    test_world: World,
) -> None:
    # JP-MN: a plan of 2018-06-01 alone; BLOC, signed 2019-01-01, makes them partners.
    before = test_world.summary("JP", _on("2018-07-01"))
    after = test_world.summary("JP", _on("2019-06-01"))
    assert (before.planned, before.bilateral_planned) == (("MN",), 1)
    assert "MN" not in before.partners
    assert "MN" in after.partners
    assert (after.planned, after.bilateral_planned) == ((), 0)
    # the world's: US-MN's plan, and JP-MN's until BLOC
    assert test_world.summary(on=_on("2018-07-01")).bilateral_planned == 2
    assert test_world.summary(on=_on("2019-06-01")).bilateral_planned == 1


def test_an_arrangement_between_blocs_makes_partners_across_them_only(
    test_world: World,
) -> None:
    def ids(ident: str) -> list[str]:
        return [p.administration.id for p in test_world.partners(ident, on=_on("2026-07-01"))]

    assert "UNION" in ids("MN")
    assert "KR" not in ids("MN")  # the same bloc
    assert {"KR", "MN"} <= set(ids("UNION"))


def test_summary_counts_each_administration_and_the_world(test_world: World) -> None:
    nz = test_world.summary("NZ", on=_on("2021-06-01"))
    assert (nz.bilateral_signed, nz.plurilateral_signed) == (2, 1)
    assert nz.partners == ("KR", "JP", "MN")
    assert not nz.complete
    us = test_world.summary("US", on=_on("2019-06-01"))
    assert us.complete
    everyone = test_world.summary(on=_on("2013-01-01"))
    # The China test records signed by then (pilots not counted) and the world's own.
    china = [
        b
        for b in test_world.bilaterals
        if b.from_china and b.instrument.value != "pilot" and b.step(StepKind.SIGNED)
    ]
    signed_china = [b for b in china if b.step(StepKind.SIGNED).value.known_by(_on("2013-01-01"))]  # type: ignore[union-attr]
    assert everyone.bilateral_signed == len(signed_china) + 6
    assert everyone.plurilateral_signed == 0
    assert not everyone.complete


def test_recognisers_leave_out_arrangements_signed_only_later(test_world: World) -> None:
    # ACROSS (signed 2026-01-01) joins Korea to the union: not a recogniser of KR before.
    def recognising(on: str) -> set[str]:
        return {r.administration.id for r in test_world.recognisers("KR", on=_on(on))}

    assert "UNION" not in recognising("2025-06-01")
    assert "UNION" in recognising("2026-01-01")
    for day in ("2010-01-01", "2015-01-01", "2020-01-01", "2025-06-01"):
        for found in test_world.recognisers("KR", on=_on(day)):
            assert found.reason is not WorldReason.NOT_YET_SIGNED or found.verdict is not Verdict.NO


def test_recognisers_answer_the_reverse_question(test_world: World) -> None:
    found = {
        r.administration.id: r for r in test_world.recognisers("UNION/AEOC", on=_on("2016-01-01"))
    }
    assert found["US"].reason is WorldReason.TIER_NOT_RECOGNISED
    assert found["CN"].reason is WorldReason.TIER_NOT_RECOGNISED  # from the China record
    recognising = [i for i, r in found.items() if r.verdict is Verdict.YES]
    assert recognising == []
    assert test_world.recognisers("UNION/AEOS", on=_on("2016-01-01"))


def test_recognisers_answer_for_an_importer_by_each_customs_scope(test_world: World) -> None:
    # Under OPENS, Thailand's customs facilitates imports only, Malaysia's imports and exports
    day = _on("2024-11-01")
    importing = {
        r.administration.id: r for r in test_world.recognisers("ID", day, role=Role.IMPORTER)
    }
    assert importing["TH"].reason is WorldReason.ROLE_OUT_OF_SCOPE
    assert importing["MY"].reason is WorldReason.RECOGNISED
    exporting = {r.administration.id: r for r in test_world.recognisers("ID", day)}
    assert exporting["TH"].reason is exporting["MY"].reason is WorldReason.RECOGNISED
    assert [
        test_world.check("ID", other, on=day, role=Role.IMPORTER).reason for other in ("TH", "MY")
    ] == [importing["TH"].reason, importing["MY"].reason]
    with pytest.raises(TypeError, match="role"):
        test_world.recognisers("ID", day, role="importer")  # type: ignore[arg-type]


def test_a_common_status_is_named_as_a_tier_and_explained(test_world: World) -> None:
    administration, tier = test_world.holder("UG/reg-aeo")
    assert (administration.id, tier and tier.code) == ("UG", "REG-AEO")
    with pytest.raises(UnknownTierError, match=r"UG's tiers: U1 \(National AEO\), REG-AEO"):
        test_world.holder("UG/AAA")
    with pytest.raises(UnknownAdministrationError):
        test_world.holder("US/REG-AEO")  # not a member
    alone = test_world.check("UG", "KE", on=_on("2016-01-01")).explain()
    assert "only holders of the common status (UG/REG-AEO, Regional AEO)" in alone
    assert "not a national AEO alone" in alone
    early = test_world.check("AM", "BY", on=_on("2017-01-01")).explain()
    assert "the Common customs code AEO was not yet in force (implemented on 2018-01-01)" in early


def test_a_published_count_is_compared_with_the_summary_of_its_day(test_world: World) -> None:
    reached, unreached = test_world.published
    assert (reached.administration, reached.counted, reached.count) == (
        "NZ",
        Counted.BILATERAL_SIGNED,
        1,
    )
    assert [s.id for s in reached.sources] == ["w-law"]
    summary = test_world.summary("NZ", on=reached.on)
    assert summary.count(Counted.BILATERAL_SIGNED) == summary.bilateral_signed == reached.count
    assert summary.count(Counted.BILATERAL_IMPLEMENTED) == summary.bilateral_implemented
    assert summary.count(Counted.PLURILATERAL_SIGNED) == summary.plurilateral_signed
    assert unreached.administration is None
    assert test_world.summary(on=unreached.on).count(unreached.counted) != unreached.count
    assert unreached.unreached


def test_an_arrangement_s_caveats_come_with_its_answers(test_world: World) -> None:
    code = next(c for c in test_world.commons if c.id == "CODE")
    (caveat,) = code.caveats
    assert caveat.value == "Goods between the members cross without customs clearance."
    assert [s.id for s in caveat.sources] == ["w-law"]
    for on in ("2017-01-01", "2019-01-01"):  # a no and a yes alike
        assert test_world.check("AM", "BY", on=_on(on)).caveats == (caveat.value,)
    assert test_world.check("US", "Japan", on=_on("2019-01-01")).caveats == ()


def test_a_common_programme_is_no_arrangement(test_world: World) -> None:
    on = _on("2020-01-01")
    assert test_world.partners("UG", on=on) == ()
    assert [p.administration.id for p in test_world.partners("TH", on=_on("2025-01-01"))] == [
        "ID",
        "MY",
    ]
    am = test_world.summary("AM", on=on)
    assert (am.bilateral_signed, am.plurilateral_signed, am.partners) == (0, 0, ())
    everyone = test_world.summary(on=_on("2027-01-01"))  # BLOC, ACROSS and OPENS; no common
    assert everyone.plurilateral_signed == len(test_world.plurilaterals) == 3
    found = {r.administration.id: r for r in test_world.recognisers("UG/REG-AEO", on=on)}
    assert {i for i, r in found.items() if r.recognised} == {"KE", "TH"}
    answer = aeo_mra.to_dict(test_world.check("UG/REG-AEO", "KE", on=on))
    assert answer["arrangement"] == "REGION"


def test_china_s_edges_are_the_china_records_themselves(test_world: World, china: Registry) -> None:
    edges = {b.parties[1]: b for b in test_world.bilaterals if b.from_china}
    assert sorted(edges) == sorted(a.id for a in china.dataset.arrangements)
    for arrangement in china.dataset.arrangements:
        edge = edges[arrangement.id]
        assert edge.step(StepKind.SIGNED) is arrangement.signed
        assert edge.step(StepKind.IMPLEMENTED) is arrangement.implemented
        assert edge.scope is arrangement.scope


def test_china_is_checked_the_world_way(test_world: World) -> None:
    answer = test_world.check("CN", "France", on=_on("2016-01-01"))
    assert answer.recognised
    assert answer.arrangement is not None
    assert answer.arrangement.id == "CN-UNION"
    back = test_world.check("UNION/AEOS", "China", on=_on("2016-01-01"))
    assert back.recognised


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ('parties = ["UNION", "US"]', 'parties = ["CN", "US"]'),
        ('parties = ["US", "JP"]', 'parties = ["US", "XX"]'),
        ('sources = ["w-news"] }]\n\n# Implemented', 'sources = ["nowhere"] }]\n\n# Implemented'),
        ('parties = ["JP", "KR"]', 'parties = ["US", "JP"]'),
        (
            '{ step = "signed", date = "2011-05"',
            '{ step = "work-plan", date = "2011-05"',
        ),
        (
            'steps = [{ step = "signed", date = 2019-01-01',
            'steps = [{ step = "work-plan", date = 2019-01-01',
        ),
        (
            'sources = ["w-law"]\ncoverage = { complete = false, note = "Partial (test)." }',
            'sources = ["w-law"]',
        ),
        (
            '{ administration = "UNION", side = "West" }',
            '{ administration = "UNION", side = "East" }',
        ),
        ('{ administration = "UNION", side = "West" }', '{ administration = "UNION" }'),
        ('name = "Grade 1", within = "AEO"', 'name = "Grade 1", within = "NONE"'),
        (
            '"Grade 1", within = "AEO" },\n  { code = "G2", name = "Grade 2", within = "AEO" }',
            '"Grade 1" },\n  { code = "G2", name = "Grade 2" }',
        ),
        ('{ code = "A", name = "Grade A" }', '{ code = "A", name = "Grade A", within = "AEO" }'),
        (
            'steps = [{ step = "implemented", date = 2018-01-01',
            'steps = [{ step = "signed", date = 2018-01-01',
        ),
        ('status = { code = "REG-AEO"', 'status = { code = "U1"'),
        ('name = "Full", aliases = ["AEOC/AEOS"]', 'name = "Full", aliases = ["aeo-s"]'),
        ('{ administration = "AM" }', '{ administration = "XX" }'),
        ('[{ administration = "AM" }', '[{ administration = "AM", side = "East" }'),
        ('caveats = [{ text = "Goods between', 'caveats = [{ txt = "Goods between'),
        ('administration = "NZ", counted', 'administration = "XX", counted'),
        ('counted = "bilateral", count = 1,', 'counted = "bilateral", count = -1,'),
        ('count = 1, sources = ["w-law"]', 'count = 1, sources = ["nowhere"]'),
        ('counted = "bilateral", count = 1,', 'counted = "signed", count = 1,'),
        ('{ code = "MP", coverage = "inside"', '{ code = "US", coverage = "inside"'),
        ('aliases = ["CTPAT", "C-TPAT"]', 'aliases = ["CTPAT", "Japan"]'),
        ('aliases = ["CTPAT", "C-TPAT"]', 'aliases = ["CTPAT", "united states"]'),
        ('aliases = ["CTPAT", "C-TPAT"]', 'aliases = ["CTPAT", "AEOS"]'),
        ('{ code = "GU", coverage = "outside"', '{ code = "MP", coverage = "outside"'),
        ('{ code = "MP", coverage = "inside"', '{ code = "MP", coverage = "within"'),
        (
            '{ code = "MP", coverage = "inside", confidence = "high", sources = ["w-law"] }',
            '{ code = "MP", coverage = "inside", confidence = "high" }',
        ),
    ],
    ids=[
        "china-party",
        "unknown-party",
        "unknown-source",
        "second-pair",
        "implemented-not-signed",
        "plurilateral-not-signed",
        "no-coverage",
        "one-sided-bloc",
        "a-member-without-a-side",
        "within-an-unknown-tier",
        "china-tier-unaccounted",
        "within-without-a-china-record",
        "common-never-in-force",
        "common-status-a-member-s-tier",
        "tier-alias-names-another-tier",
        "common-unknown-member",
        "common-member-with-a-side",
        "caveat-without-its-text",
        "published-unknown-administration",
        "published-negative-count",
        "published-unknown-source",
        "published-unknown-kind",
        "alias-names-another",
        "alias-is-its-name",
        "alias-names-a-tier",
        "territory-its-own",
        "territory-twice",
        "territory-unknown-coverage",
        "territory-without-a-source",
    ],
)
def test_bad_data_is_a_data_error(china: Registry, tmp_path: Path, edit: str, problem: str) -> None:
    assert _problems(china, tmp_path, edit, problem)


def _problems(china: Registry, tmp_path: Path, edit: str, problem: str) -> list[str]:
    """The problems of the test data with ``edit`` made ``problem``."""
    text = (DATA / "world.toml").read_text(encoding="utf-8")
    assert edit in text
    bad = tmp_path / "world.toml"
    bad.write_text(text.replace(edit, problem, 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        world.load(bad, china)
    return list(raised.value.problems)


# fmt: off
BAD_PER_SIDE = [
    ('recogniser = "TH", holder = "ID"', 'recogniser = "TH", holder = "US"',
     "plurilateral OPENS.openings TH: 'US': the arrangement does not recognise between them"),
    ('recogniser = "TH", holder = "ID"', 'recogniser = "TH", holder = "TH"',
     "plurilateral OPENS.openings TH: 'TH': the arrangement does not recognise between them"),
    ('recogniser = "MY", holder = "ID"', 'recogniser = "TH", holder = "ID"',
     "plurilateral OPENS.openings TH to ID: listed twice"),
    ('recogniser = "TH", holder = "ID", date', 'recogniser = "TH", date',
     "plurilateral OPENS.openings: missing field 'holder'"),
    ('holder = "ID", date = 2024-10-17', 'holder = "ID", date = 2024-09-01',
     "plurilateral OPENS.openings TH: opens to ID before recognition began for ID (2024-10-01)"),
    ('{ by = "TH", value = "imports"', '{ by = "US", value = "imports"',
     "plurilateral OPENS.scope: 'US' is not a party: one of TH, ID, MY"),
    ('{ by = "MY", value = "imports-and-exports"', '{ by = "TH", value = "imports-and-exports"',
     "plurilateral OPENS.scope by TH: listed twice"),
    ('{ side = "TH", tiers = ["T2"]', '{ side = "US", tiers = ["T2"]',
     "plurilateral OPENS.recognised: 'US' is not a party: one of TH, ID, MY"),
    ('tiers = ["T2"], confidence', 'tiers = ["T2"], sure = true, confidence',
     "plurilateral OPENS.recognised TH: unknown field 'sure'"),
    ('recogniser = "UNION", holder = "US"', 'recogniser = "UNION", holder = "JP"',
     "bilateral UNION-US.openings UNION: 'JP': the arrangement does not recognise between them"),
    ('holder = "US", date = 2012-10-01', 'holder = "US", date = 2012-06-01',
     "bilateral UNION-US.openings UNION: opens to US before recognition began for UNION"),
    ('{ by = "ID", value', '{ by = "US", value',
     "bilateral ID-KR.scope: 'US' is not a party: one of ID, KR"),
    ('{ by = "KR", value', '{ by = "ID", value', "bilateral ID-KR.scope by ID: listed twice"),
    ('{ by = "KR", value', '{ value', "bilateral ID-KR.scope: missing field 'by'"),
    ('aliases = ["CTPAT", "C-TPAT"]', 'aliases = ["CTPAT", "jp"]',
     "administration US.aliases: 'jp' names JP too"),
    ('name = "Mongolia"', 'name = "Japan"', "administration MN.name: 'Japan' names JP too"),
    ('{ administration = "AM" }, { administration = "BY" }',
     '{ administration = "AM" }, { administration = "AM" }',
     "common CODE.members AM: listed twice"),
    ('value = "imports-and-exports", confidence = "medium"',
     'value = "both", confidence = "medium"', "bilateral ID-KR.scope by KR.value"),
    ('tiers = ["A"], complete = false', 'tiers = ["A"], complete = "no"',
     "bilateral US-KR.recognised KR.complete: expected true or false, got 'no'"),
    ('recognised = [{ side = "KR", tiers = ["A"]', 'recognised = [{ side = "MN", tiers = ["A"]',
     "bilateral US-KR.recognised: 'MN' is not a party: one of US, KR"),
    ('tiers = ["A"], complete = false', 'tiers = [], complete = false',
     "bilateral US-KR.recognised KR.tiers: names no tier"),
    ('tiers = ["A"], complete = false', 'tiers = ["AAA"], complete = false',
     "bilateral US-KR.recognised KR.tiers: 'AAA' is not a tier of KR's programme: one of A, AA"),
    ('tiers = ["A"], complete = false', 'tiers = ["A", "A"], complete = false',
     "bilateral US-KR.recognised KR.tiers: names a tier twice"),
    ('tiers = ["A"], complete = false', 'tiers = ["AA", "A"], complete = false',
     "bilateral US-KR.recognised KR.tiers: names every tier: leave 'complete' out"),
    ('tiers = ["AEOS", "AEOF"]', 'tiers = ["AEOS", "AEO"]',
     "bilateral UNION-US.recognised UNION.tiers: 'AEO' is not a tier of UNION's programme"),
    ('tiers = ["T2"], confidence', 'tiers = ["T9"], confidence',
     "plurilateral OPENS.recognised TH.tiers: 'T9' is not a tier of TH's programme"),
]
# fmt: on


@pytest.mark.parametrize(("edit", "problem", "message"), BAD_PER_SIDE)
def test_bad_per_side_facts_name_the_record_and_field(
    china: Registry, tmp_path: Path, edit: str, problem: str, message: str
) -> None:
    problems = _problems(china, tmp_path, edit, problem)
    assert any(message in found for found in problems), problems


# -- the bundled data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> World:
    return world.bundled()


def test_china_s_edges_answer_as_check_does(bundled: World) -> None:
    # One fact, one place, one answer: an AEO of China gets from the world graph the verdict
    # check() gives, around every day an answer can change and after the data's review. The
    # AEO holds check()'s tier of the day, named where China has two AEO tiers (from
    # 2026-04-01).
    registry = bundled.china
    tiers = registry.dataset.tiers.values()
    places = {m.territory for a in registry.arrangements() for m in (*a.members, *a.territories)}
    after = registry.dataset.reviewed + timedelta(days=40)
    days = sorted({d + timedelta(days=k) for d in change_days(registry).anyone for k in (-1, 0, 1)})
    differ, unsettled = [], Reason.COVERAGE_UNKNOWN
    for role in Role:
        for place in sorted(places | {"US", "IN"}):
            for day in [*days, after]:
                china, world = registry.check(place, on=day, role=role), None
                aeo = [p for p in tiers if p.aeo and p.in_force(day)]
                default = next(p.tier.name for p in aeo if p.default)
                holder = "CN" if len(aeo) == 1 else f"CN/{default}"
                with contextlib.suppress(SameAdministrationError):
                    world = bundled.check(holder, place, on=day, role=role)
                if world is not None and world.verdict is not china.verdict:
                    differ.append((place, day, role.name, china.verdict.name, world.verdict.name))
                if world is not None and world.verdict is Verdict.PROBABLY:  # and tell why
                    assert set(china.caveats) <= set(world.caveats), (place, day)
                if world is not None and china.reason in (Reason.OUTSIDE_TERRITORY, unsettled):
                    assert world.arrangement is not None, (place, day)  # whose reach it is
                left = china.reason is Reason.NO_LONGER_COVERED
                if world is not None and left != (world.reason is WorldReason.NO_LONGER_COVERED):
                    differ.append((place, day, role.name, china.reason.name, world.reason.name))
    assert not differ, differ


def test_an_aeo_of_china_names_its_tier_once_china_has_two(bundled: World) -> None:
    """From 2026-04-01 China's customs counts certified enterprises as AEOs too, which no
    arrangement names: an AEO of China named without its tier gets unknown, as an EU AEO
    does; each tier by its name (Chinese too) gets check()'s answer for it."""
    first = bundled.china.dataset.tiers[Tier.CERTIFIED].since
    assert first is not None
    before, since = first - timedelta(days=1), first
    assert bundled.check("CN", "DE", on=before).recognised
    unnamed = bundled.check("CN", "DE", on=since)
    assert (unnamed.verdict, unnamed.reason) == (Verdict.UNKNOWN, WorldReason.TIER_NEEDED)
    for name in ("CN/CERTIFIED", "CN/认证企业", "CN/certified enterprise"):
        named = bundled.check(name, "DE", on=since)
        expected = bundled.china.check("DE", on=since, tier=Tier.CERTIFIED)
        assert (named.verdict, expected.verdict) == (Verdict.NO, Verdict.NO), name
    assert bundled.check("CN/高级认证企业", "DE", on=since).recognised
    with pytest.raises(TierNotInForceError):
        bundled.check("CN/CERTIFIED", "DE", on=before)
    china = bundled.china  # every place, as check() answers for the tier
    places = {m.territory for a in china.arrangements() for m in (*a.members, *a.territories)}
    for place, day, role in itertools.product(sorted(places), [since, china.reviewed], Role):
        with contextlib.suppress(SameAdministrationError):
            held = bundled.check("CN/CERTIFIED", place, on=day, role=role).verdict
            assert held is china.check(place, day, role=role, tier=Tier.CERTIFIED).verdict, place


def test_a_tier_of_a_china_record_names_the_world_tiers_within_it(bundled: World) -> None:
    """``TW/AEO`` (and its Chinese name in the record) is Taiwan's one tier within the
    record's AEO, as check_foreign reads it; ``KR/AEO``, within which every Korean tier
    falls, is Korea alone."""
    assert bundled.holder("TW/AEO")[1] == bundled.holder("TW/AEOS")[1]
    assert bundled.holder("TW/安全认证优质企业")[1] == bundled.holder("TW/AEOS")[1]
    assert bundled.holder("KR/AEO") == (bundled.administrations["KR"], None)
    compared = 0
    for record in bundled.china.arrangements():
        within = {t.within for t in getattr(bundled.administrations.get(record.id), "tiers", ())}
        for coarse in record.partner_tiers:
            if coarse.code not in within:
                continue
            for day, role in itertools.product([date(2016, 6, 1), date(2024, 6, 1)], Role):
                foreign = bundled.china.check_foreign(record.id, coarse.code, day, role=role)
                held = bundled.check(f"{record.id}/{coarse.code}", "CN", on=day, role=role)
                assert held.verdict is foreign.verdict, (record.id, coarse.code, day, role)
                compared += 1
    assert compared


def test_explanations_name_each_source_briefly(bundled: World) -> None:
    # every source an answer may cite: the world's and China's
    for source in [*bundled.data.sources.values(), *bundled.china.dataset.sources.values()]:
        assert len(_name(source)) <= 100, (source.id, "give it a citation")
        assert "; " not in _name(source), (source.id, "explanations part sources with '; '")


def test_every_edge_joins_two_administrations_and_cites_sources(bundled: World) -> None:
    for bilateral in bundled.bilaterals:
        assert all(p in bundled.administrations for p in bilateral.parties), bilateral.id
        assert bilateral.sources, bilateral.id
        kinds = {step.kind for step in bilateral.steps}
        assert StepKind.SIGNED in kinds or kinds == {StepKind.WORK_PLAN}, bilateral.id
    for plurilateral in bundled.plurilaterals:
        assert all(m.administration in bundled.administrations for m in plurilateral.members)
        assert plurilateral.sources, plurilateral.id


def test_no_record_cites_a_source_twice(bundled: World) -> None:
    seen: set[int] = set()

    def walk(value: object) -> None:
        if id(value) in seen or isinstance(value, aeo_mra.Source | str | date):
            return
        seen.add(id(value))
        if isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif attrs.has(type(value)):
            sources = getattr(value, "sources", ())
            ids = [s.id for s in sources if isinstance(s, aeo_mra.Source)]
            assert len(ids) == len(set(ids)), (type(value).__name__, ids)
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))

    for administration in bundled.administrations.values():
        walk(administration)
    walk((bundled.bilaterals, bundled.plurilaterals))


def test_every_recognised_tier_is_a_tier_of_that_side_s_programme(bundled: World) -> None:
    for arrangement in (*bundled.bilaterals, *bundled.plurilaterals):
        listed = [*arrangement.recognised.items(), *arrangement.recognised_at_least.items()]
        for side, recognised in listed:
            codes = {t.code for t in bundled.administrations[side].tiers}
            assert recognised.value, (arrangement.id, side)
            assert set(recognised.value) <= codes, (arrangement.id, side, codes)
        assert not set(arrangement.recognised) & set(arrangement.recognised_at_least)


def test_every_tier_is_found_by_each_of_its_names(bundled: World) -> None:
    # a holder writes a tier as its programme does: Hong Kong's "Tier 1", Korea's "class AA"
    assert bundled.holder("HK/Tier 1")[1] == bundled.administrations["HK"].tier("T1")
    for administration in bundled.administrations.values():
        for tier in administration.tiers:
            for name in (tier.code, tier.name, *tier.aliases):
                found = bundled.holder(f"{administration.id}/{name}")
                assert found == (administration, tier), (administration.id, name)


def test_every_administration_is_found_by_each_of_its_names(bundled: World) -> None:
    """In any case, but a name as short as a code (an id, ``PIP``) in upper case only."""
    for administration in bundled.administrations.values():
        for name in (administration.id, administration.name, *administration.aliases):
            for written in {name, name.upper(), name.lower()}:
                if lower_case_code(written):
                    with pytest.raises(UnknownAdministrationError, match=r"upper case|a tier"):
                        bundled.administration(written)
                else:
                    assert bundled.administration(written) is administration, written


def test_partners_are_every_record_signed_and_not_ended_in_the_data_s_order(
    bundled: World,
) -> None:
    # A search through every record, as the definition reads, finds what the graph finds.
    def certainly(arrangement: Bilateral | Plurilateral, kinds: set[StepKind], day: date) -> bool:
        return any(s.kind in kinds and s.when.value.known_by(day) for s in arrangement.steps)

    records = [
        *((b, b.parties) for b in bundled.bilaterals),
        *((p, [m.administration for m in p.members]) for p in bundled.plurilaterals),
    ]
    for day in [
        _on(d) for d in ("2008-07-01", "2014-06-30", "2020-12-31", "2021-01-01", "2026-07-01")
    ]:
        for ident in bundled.administrations:
            expected = [
                (arrangement.id, other)
                for arrangement, parties in records
                if ident in parties
                for other in (
                    [arrangement.other(ident)]
                    if isinstance(arrangement, Bilateral)
                    else arrangement.counterparts(ident)
                )
                if certainly(arrangement, {StepKind.SIGNED, StepKind.IMPLEMENTED}, day)
                and not certainly(arrangement, {StepKind.ENDED}, day)
            ]
            found = [(p.arrangement.id, p.administration.id) for p in bundled.partners(ident, day)]
            assert found == expected, (ident, day)


def test_every_common_programme_is_dated_sourced_and_no_arrangement(bundled: World) -> None:
    assert bundled.commons
    counted = {p.arrangement.id for a in bundled.administrations for p in bundled.partners(a)}
    for common in bundled.commons:
        assert common.sources, common.id
        assert common.step(StepKind.IMPLEMENTED) is not None, common.id
        assert common.id not in counted  # nobody's partner by it, nor in any count
        for member in common.members:
            own = bundled.administrations[member.administration]
            assert common.status is None or own.tier(common.status.code) is None, own.id


def test_china_s_arrangements_are_only_in_the_china_data(bundled: World) -> None:
    china = aeo_mra._default().dataset.arrangements
    from_china = [b for b in bundled.bilaterals if b.from_china]
    assert [b.parties for b in from_china] == [("CN", a.id) for a in china]
    assert all("CN" not in b.parties for b in bundled.data.bilaterals)


def test_every_administration_states_its_coverage(bundled: World) -> None:
    for administration in bundled.data.administrations.values():
        coverage = administration.coverage
        assert coverage.note, administration.id
        assert administration.sources, administration.id
        if coverage.complete:
            assert coverage.sources, administration.id
            assert (coverage.through or bundled.reviewed) <= bundled.reviewed


def test_no_pair_has_two_bilateral_arrangements(bundled: World) -> None:
    pairs = [frozenset(b.parties) for b in bundled.bilaterals]
    assert len(pairs) == len(set(pairs))


# -- the tiers each arrangement recognises, as published ------------------------------------

# (holder, place, day, verdict, reason, arrangement, source of the deciding fact or None).
# fmt: off
PUBLISHED_TIERS = [
    # Singapore Customs: the Hong Kong and India arrangements cover STP-Plus companies.
    ("SG/STP", "HK", "2026-01-01", "no", "tier-not-recognised", "HK-SG", "sg-hk-2014"),
    ("SG/STP", "IN", "2026-01-01", "no", "tier-not-recognised", "IN-SG", "sg-in-2025-09"),
    # Taiwan: only its security and safety AEOs (AEOS), never its general AEOs.
    ("TW/AEOG", "NZ", "2026-01-01", "no", "tier-not-recognised", "NZ-TW", "tw-nz-mra-text"),
    ("TW/AEOG", "US", "2026-01-01", "no", "tier-not-recognised", "US-TW", "mof-tw-aeo-2019"),
    ("TW/AEOG", "CA", "2026-01-01", "no", "tier-not-recognised", "CA-TW", "tw-ca-2025"),
    ("TW/AEOS", "CA", "2026-01-01", "yes", "recognised", "CA-TW", "tw-ca-2025"),
    # The UK and the EU: security and safety status only.
    ("GB/AEOC", "KR", "2026-01-01", "no", "tier-not-recognised", "GB-KR", "hmrc-uk-aeo"),
    ("GB/AEOS", "KR", "2026-01-01", "yes", "recognised", "GB-KR", "hmrc-uk-aeo"),
    ("EU/AEOC", "JP", "2026-01-01", "no", "tier-not-recognised", "EU-JP", "ec-mra"),
    # Korea: every class of KCS-certified AEO; Hong Kong: both tiers.
    ("KR/A", "NZ", "2013-01-01", "yes", "recognised", "KR-NZ", "kcs-mra-2019-09"),
    ("KR/AAA", "JP", "2012-01-01", "yes", "recognised", "JP-KR", "kcs-mra-2019-09"),
    ("HK/T1", "KR", "2015-01-01", "yes", "recognised", "HK-KR", "hk-lcq16-2025"),
    # China's records name coarser tiers; the world data's finer ones fall within them.
    ("KR/AA", "CN", "2015-01-01", "yes", "recognised", "CN-KR", None),
    ("TW/AEOG", "CN", "2026-01-01", "no", "tier-not-recognised", "CN-TW", None),
    # Brazil: its arrangements to January 2023 are in the OEA-Segurança modality.
    ("BR/OEA-C", "US", "2026-01-01", "no", "tier-not-recognised", "US-BR", "tradeworks-br"),
    ("BR/OEA-C", "CN", "2026-01-01", "no", "tier-not-recognised", "CN-BR", None),
    # ... Mercosur's and the regional arrangement among them.
    ("BR/OEA-C", "AR", "2026-01-01", "no", "tier-not-recognised", "MERCOSUR", "tradeworks-br"),
    ("BR/OEA-C", "CR", "2026-01-01", "no", "tier-not-recognised", "AMERICAS-REGIONAL",
     "tradeworks-br"),
    # The Philippines' Bureau of Customs: only its Level 2 AEOs in the AAMRA.
    ("PH/AEO-L1", "SG", "2026-01-01", "no", "tier-not-recognised", "AAMRA", "aamra-ph-2025"),
    ("PH/AEO-L2", "SG", "2026-01-01", "yes", "recognised", "AAMRA", "aamra-ph-2025"),
    # Singapore Customs' circular: STP-Plus companies in the AAMRA, as in its bilateral ones.
    ("SG/STP", "MY", "2025-01-01", "no", "tier-not-recognised", "MY-SG", "sg-mra-factsheet"),
    ("SG/STP", "BN", "2025-01-01", "no", "tier-not-recognised", "AAMRA", "sg-circular-06-2024"),
    ("SG/STP-Plus", "BN", "2025-01-01", "yes", "recognised", "AAMRA", "sg-circular-06-2024"),
    ("SG/STP", "US", "2026-01-01", "no", "tier-not-recognised", "US-SG", "sg-stp-page"),
    # The EU: CTPAT's validated importers (Tiers 2 and 3), not its merely certified Tier 1.
    ("US/T1", "France", "2014-01-01", "no", "tier-not-recognised", "EU-US", "sidley-eu-us-2013"),
    ("US/T2", "France", "2014-01-01", "yes", "recognised", "EU-US", "sidley-eu-us-2013"),
    ("US/T2", "JP", "2026-01-01", "unknown", "tiers-unknown", "US-JP", None),
    # CBP recognises Japan's audited exporters (FreightWaves, 2009); whether other types of
    # Japanese AEO too is not in the data.
    ("JP/exporter", "US", "2026-01-01", "yes", "recognised", "US-JP", "freightwaves-us-jp-2009"),
    ("JP/importer", "US", "2026-01-01", "unknown", "tiers-unknown", "US-JP", None),
]
# A party that opened to the other's AEOs later than recognition began (a plurilateral's
# member: later than both went live), as published.
PUBLISHED_OPENINGS = [
    # Japan: US exporters from 2012-12-03 (CTPAT certified none in 2009); the EU: CTPAT
    # members from 2013-01-31, the decision's second phase.
    ("US", "JP", "2012-12-02", "no", "not-yet-open", "US-JP", "mof-jp-us-2012"),
    # from then on, which of CTPAT's tiers (and of Japan's AEO types) each recognises is
    # not recorded: unknown, not a firm yes
    ("US", "JP", "2012-12-03", "unknown", "tiers-unknown", "US-JP", "mof-jp-us-2012"),
    ("JP", "US", "2010-01-01", "unknown", "tiers-unknown", "US-JP", None),
    ("US", "France", "2013-01-30", "no", "not-yet-open", "EU-US", "cbp-eu-2013"),
    ("US/T2", "France", "2013-01-31", "yes", "recognised", "EU-US", "cbp-eu-2013"),
    # Thai Customs opened to Indonesia's AEOs on 2024-10-17; Indonesia to Thailand's on 2024-10-01.
    ("ID", "TH", "2024-10-16", "no", "not-yet-open", "AAMRA", "jetro-th-aamra-2024"),
    ("ID", "TH", "2024-10-17", "yes", "recognised", "AAMRA", "jetro-th-aamra-2024"),
    ("TH", "ID", "2024-10-01", "yes", "recognised", "AAMRA", "ddtc-id-aamra-2024"),
]
# A common status valid across its members, as published: the GCC's (in full from
# 2023-01-01), the EAC's regional one (its first holders between 2013-03-04 and the end of
# 2015), and the Eurasian Economic Union's recognition of each member's AEOs (2018-01-01).
PUBLISHED_COMMONS = [
    ("KW/GCC-AEO", "QA", "2023-01-01", "yes", "recognised", "GCC-AEO", "pwc-gcc-aeo-2022"),
    # before either source's pilot began (2022-01-01 or 2022-08-01)
    ("SA/GCC-AEO", "OM", "2021-12-31", "no", "not-yet-live", "GCC-AEO", "gcc-aeo-qa"),
    # during the pilot: whether its participants had the Gulf benefits is not said
    ("SA/GCC-AEO", "OM", "2022-09-01", "unknown", "not-yet-live", "GCC-AEO", "gcc-aeo-qa"),
    ("KW", "QA", "2024-01-01", "unknown", "common-status-needed", "GCC-AEO", "gcc-aeo-qa"),
    ("UG/EAC-AEO", "KE", "2016-01-01", "yes", "recognised", "EAC-AEO", "eac-aeo-rollout"),
    ("KE/EAC-AEO", "TZ", "2014-01-01", "unknown", "not-yet-live", "EAC-AEO", "wco-eac-2013"),
    ("UG/AEO", "RW", "2020-01-01", "no", "common-status-needed", "EAC-AEO", "eac-aeo-rollout"),
    ("RU", "BY", "2018-01-01", "yes", "recognised", "EAEU-AEO", "eec-aeo-2018"),
    ("KZ", "AM", "2017-12-31", "no", "not-yet-live", "EAEU-AEO", "eec-aeo-2018"),
]
# fmt: on


@pytest.mark.parametrize(
    ("holder", "place", "on", "verdict", "reason", "arrangement", "source"),
    PUBLISHED_TIERS + PUBLISHED_OPENINGS + PUBLISHED_COMMONS,
)
def test_published_tiers(
    bundled: World,
    holder: str,
    place: str,
    on: str,
    verdict: str,
    reason: str,
    arrangement: str,
    source: str | None,
) -> None:
    answer = bundled.check(holder, place, on=_on(on))
    assert (answer.verdict.value, answer.reason.value) == (verdict, reason)
    assert answer.arrangement is not None
    assert answer.arrangement.id == arrangement
    if source is not None:
        assert source in [s.id for s in answer.sources]


def test_eu_us_recognition_serves_exporters_not_importers(bundled: World) -> None:
    # CBP's FAQs: exporters benefit; an importer only where it also exports.
    importer = bundled.check("EU", "US", on=_on("2026-01-01"), role=Role.IMPORTER)
    assert (importer.verdict, importer.reason) == (Verdict.NO, WorldReason.ROLE_OUT_OF_SCOPE)
    assert importer.arrangement is not None
    dated = {s.id for step in importer.arrangement.steps for s in step.when.sources}
    assert importer.sources[0].id == "cbp-eu-us-faq-2013"  # what decides
    assert {s.id for s in importer.sources[1:]} == dated  # and the dates explain() names
    assert bundled.check("EU/AEOS", "US", on=_on("2026-01-01")).recognised


def test_no_partner_recognises_taiwan_s_general_aeos(bundled: World) -> None:
    found = bundled.recognisers("TW/AEOG", on=_on("2026-01-01"))
    assert found
    assert not [r for r in found if r.verdict in (Verdict.YES, Verdict.PROBABLY)]
    refused = {r.administration.id for r in found if r.reason is WorldReason.TIER_NOT_RECOGNISED}
    assert {"CN", "US", "JP", "KR", "NZ", "CA"} <= refused


# -- published counts, reproduced from the data ---------------------------------------------


def _published() -> list[object]:
    """Each published count of the bundled data; one the data does not reach is a strict
    expected failure, named by why."""
    return [
        pytest.param(
            row,
            marks=[pytest.mark.xfail(strict=True, reason=row.unreached)] if row.unreached else [],
            id=f"{row.administration or 'world'}-{row.on}-{row.counted.value}",
        )
        for row in world.bundled().published
    ]


@pytest.mark.parametrize("row", _published())
def test_published_counts(bundled: World, row: PublishedCount) -> None:
    summary = bundled.summary(row.administration, on=row.on)
    assert summary.count(row.counted) == row.count


def test_each_published_count_is_in_the_data_once(bundled: World) -> None:
    rows = [(p.on, p.administration, p.counted, p.count, p.sources) for p in bundled.published]
    duplicates = {row for row in rows if rows.count(row) > 1}
    assert not duplicates, duplicates


# -- the command line -----------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    from aeo_mra import cli

    status = cli.main(["world", *argv])
    return status, capsys.readouterr().out


def test_an_administration_of_its_own_beside_a_union_stays_itself() -> None:
    # Andorra's standing in the EU's customs territory is not settled, and it has its own
    # arrangement with the EU: its AEOs are Andorra's, recognised in the EU under it.
    answer = world.check("AD", "DE", on=_on("2022-01-01"))
    assert (answer.holder.id, answer.arrangement and answer.arrangement.id) == ("AD", "EU-AD")
    assert "AD" not in {r.administration.id for r in world.recognisers("AD", on=_on("2022-01-01"))}


def test_a_summary_counts_what_the_partners_say() -> None:
    for ident in world.bundled().administrations:
        partners = [p for p in world.partners(ident) if isinstance(p.arrangement, Bilateral)]
        partners = [p for p in partners if p.arrangement.instrument.value != "pilot"]
        summary = world.summary(ident)
        implemented = sum(p.implementation in (Verdict.YES, Verdict.PROBABLY) for p in partners)
        assert summary.bilateral_implemented == implemented, ident
        unknown = sum(p.implementation is Verdict.UNKNOWN for p in partners)
        assert summary.bilateral_implementation_unknown == unknown, ident


def test_naming_a_tier_never_makes_a_firm_yes_uncertain() -> None:
    graph = world.bundled()
    for ident, administration in graph.administrations.items():
        firm = {r.administration.id for r in graph.recognisers(ident) if r.recognised}
        for tier in administration.tiers:
            try:
                found_by = graph.recognisers(f"{ident}/{tier.code}")
            except TierNotInForceError:  # a tier of China's no longer in force (AA)
                continue
            for found in found_by:
                if found.administration.id in firm:
                    assert found.verdict in (Verdict.YES, Verdict.NO), (ident, tier, found)


def test_a_tier_of_china_s_is_asked_about_only_while_in_force() -> None:
    assert world.check("CN/AA", "KR", on=_on("2014-06-01")).recognised
    with pytest.raises(TierNotInForceError, match="AA did not exist on 2024-01-01") as raised:
        world.check("CN/AA", "KR", on=_on("2024-01-01"))
    assert raised.value.valid == ("CN/ADVANCED_CERTIFIED",)  # of the programme, as a holder names
    with pytest.raises(TierNotInForceError) as raised:
        world.recognisers("CN/ADVANCED_CERTIFIED", on=_on("2013-06-01"))
    assert raised.value.valid == ("CN/AA",)


def test_an_answer_under_china_s_edge_carries_the_china_record_s_caveats() -> None:
    record = aeo_mra.arrangement("TW")
    answer = world.check("CN/ADVANCED_CERTIFIED", "Taiwan", on=_on("2017-01-01"))
    assert answer.recognised
    assert set(answer.caveats) >= {c.value for c in record.caveats}
    reverse = {r.administration.id: r for r in world.recognisers("TW", on=_on("2017-01-01"))}
    assert world.check("CN", "Taiwan", on=_on("2017-01-01")).reason is WorldReason.TIER_NEEDED
    assert set(reverse["CN"].caveats) >= {c.value for c in record.caveats}


def test_an_explanation_names_each_source_once() -> None:
    # Taiwan's pilot cites GACC's announcement and its English translation, one title.
    answer = world.check("TW/AEOS", "CN", on=_on("2017-09-30"))
    assert len({s.short_title for s in answer.sources}) < len(answer.sources)
    cited = answer.explain().split("Sources: ")[1].split(". Confidence")[0].split("; ")
    assert len(cited) == len(set(cited))
    assert sum(name.startswith("GACC announcement 2016 No. 49") for name in cited) == 1


def test_cli_check_is_the_library_answer(capsys: pytest.CaptureFixture[str]) -> None:

    answer = world.check("EU/AEOS", "Japan", on=_on("2012-01-01"))
    status, out = _cli(capsys, "check", "EU/AEOS", "Japan", "--on", "2012-01-01", "--json")
    data = json.loads(out)
    assert status == 0
    assert (data["verdict"], data["reason"]) == (answer.verdict.value, answer.reason.value)
    assert data["arrangement"] == "EU-JP"
    assert data["explanation"] == answer.explain()
    assert [s["id"] for s in data["sources"]] == [s.id for s in answer.sources]
    status, out = _cli(capsys, "check", "CN", "US", "--on", "2020-01-01")
    assert status == 1
    assert out.splitlines()[0] == world.check("CN", "US", on=_on("2020-01-01")).explain()


def test_cli_partners_summary_and_recognisers(capsys: pytest.CaptureFixture[str]) -> None:

    status, out = _cli(capsys, "partners", "US", "--on", "2010-01-31", "--json")
    assert status == 0
    data = json.loads(out)
    assert [p["administration"] for p in data["partners"]] == ["NZ", "CA", "JO", "JP"]
    assert data["complete"] is True
    _, out = _cli(capsys, "summary", "--on", "2020-12-18", "--json")
    summary = world.summary(on=_on("2020-12-18"))
    assert json.loads(out)["bilateral_signed"] == summary.bilateral_signed
    _, out = _cli(capsys, "recognisers", "EU/AEOC", "--on", "2022-01-01", "--json")
    reasons = {r["administration"]: r["reason"] for r in json.loads(out)["recognisers"]}
    assert reasons["GB"] == "tier-not-recognised"


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("US-KR", "US-KR"),
        ("kr-us", "US-KR"),  # a bilateral one by its parties, either order, any case
        (" union-us ", "UNION-US"),
        ("CN-UNION", "CN-UNION"),  # China's: from the China record UNION
        ("UNION-CN", "CN-UNION"),
        ("opens", "OPENS"),  # a plurilateral one
        ("REGION", "REGION"),  # a common programme
    ],
)
def test_an_arrangement_is_found_by_its_id(test_world: World, written: str, found: str) -> None:
    assert test_world.arrangement(written).id == found


def test_an_unknown_arrangement_id_is_refused_with_close_ones(test_world: World) -> None:
    with pytest.raises(world.UnknownArrangementError, match="either order") as raised:
        test_world.arrangement("US-JPN")
    assert raised.value.suggestions[0] == "US-JP"
    assert isinstance(raised.value, aeo_mra.UnknownArrangementError)  # as China's lookup
    assert "UNION-US" in raised.value.valid
    for unknown in ("UNION", "US-US", "", "US-KR-JP", "KR-US-KR"):
        with pytest.raises(world.UnknownArrangementError):
            test_world.arrangement(unknown)
    with pytest.raises(TypeError, match=r"must be a string, not int$"):
        test_world.arrangement(5)  # type: ignore[arg-type]
    with pytest.raises(world.UnknownArrangementError) as administration:
        test_world.arrangement("Union")  # an administration: its arrangements are partners
    assert "it names an administration, UNION (Test Union): ask for its partners" in str(
        administration.value
    )
    assert administration.value.suggestions == ()


def test_cli_show_prints_an_arrangement_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    eu_jp = world.arrangement("EU-JP")
    status, out = _cli(capsys, "show", "jp-eu")
    assert status == 0
    assert out.startswith(f"{eu_jp.name} (EU-JP)\n")
    assert all(f"{step.when.value} ({step.when.confidence})" in out for step in eu_jp.steps)
    assert all(source.id in out for source in eu_jp.sources)
    status, out = _cli(capsys, "show", "AAMRA")
    assert status == 0
    assert "TH opened to ID  2024-10-17 (high)" in out
    assert "not found" not in out  # recognition begins member by member: BN, live 2024-08-01
    _, out = _cli(capsys, "show", "CN-KZ")  # China's record has no implementation found
    assert "Implemented  not found in the public record" in out
    assert "(low, inferred)" in out  # its signing, from China's running totals
    status, out = _cli(capsys, "show", "gcc-aeo", "--json")
    data = json.loads(out)
    assert (data["kind"], data["id"], data["status"]["code"]) == (
        "common-programme",
        "GCC-AEO",
        "GCC-AEO",
    )


def test_a_short_alias_is_read_in_upper_case_as_a_code_is(bundled: World) -> None:
    """Canada's Partners in Protection is PIP; "pip" is a word, as "uk" is."""
    assert bundled.holder("PIP")[0].id == "CA"
    with pytest.raises(UnknownAdministrationError, match="'PIP' is Canada"):
        bundled.holder("pip")


def test_a_tier_code_is_matched_without_its_case_spaces_or_hyphens(bundled: World) -> None:
    kuwait = bundled.holder("KW/GCC-AEO")
    assert kuwait[1] is not None
    assert bundled.holder("KW/GCC AEO") == bundled.holder("KW/gccaeo") == kuwait
    assert bundled.holder("EU/AEO security and safety") == bundled.holder("EU/AEOS")  # by name
    assert bundled.holder("EU/aeos") == bundled.holder("EU/AEOS")


def test_a_summary_names_the_union_an_administration_was_inside(bundled: World) -> None:
    inside = bundled.summary("GB", on=_on("2020-06-01"))
    assert inside.union == "EU"
    assert str(inside).endswith("its AEOs were EU's then)")
    assert bundled.summary("GB", on=_on("2021-01-01")).union is None
    assert bundled.summary("CH", on=_on("2020-06-01")).union is None
    assert bundled.summary(on=_on("2020-06-01")).union is None
    assert bundled.union_of("GB", on=_on("2020-12-31")) == "EU"
    # the union's recognisers leave out the customs territory the holder was inside
    day = _on("2020-06-01")
    assert "GB" not in {r.administration.id for r in bundled.recognisers("GB/AEOS", on=day)}
    assert "GB" in {
        r.administration.id for r in bundled.recognisers("EU/AEOS", on=_on("2021-06-01"))
    }
    # nor, for any holder, an administration inside a union that day: the union's row is
    # its answer, as check() gives it (Switzerland's AEOs in the UK in 2016: the EU's)
    before = _on("2016-06-01")
    swiss = {r.administration.id: r for r in bundled.recognisers("CH", on=before)}
    assert "GB" not in swiss
    in_gb = bundled.check("CH", "GB", on=before)
    assert (in_gb.administration, in_gb.verdict) == (swiss["EU"].administration, Verdict.YES)
    # and the UK's own AEOs in the UK, once it left, ask of one administration
    with pytest.raises(SameAdministrationError, match="in GB's own customs territory"):
        bundled.check("GB", "United Kingdom", on=_on("2024-01-01"))
    # nor an administration's AEOs at home where a union's records leave its place unsettled
    with pytest.raises(SameAdministrationError, match="in AD's own customs territory"):
        bundled.check("AD", "Andorra", on=_on("2024-01-01"))


def test_a_union_s_own_unsettled_place_is_explained_as_its_own(test_world: World) -> None:
    day = _on("2013-01-01")
    own = test_world.check("UNION/AEOS", "SM", on=day)
    assert (own.verdict, own.reason) == (Verdict.UNKNOWN, WorldReason.COVERAGE_UNKNOWN)
    assert "no source settles whether Test Union's AEO status holds in San Marino" in (
        own.explain()
    )
    third = test_world.check("US", "SM", on=day).explain()
    assert "no source settles whether Test Union covers the place" in third


def test_a_yes_names_the_days_it_rests_on_beyond_the_arrangement_s(test_world: World) -> None:
    # a plurilateral's going live for each of the two members, and a later opening
    live = test_world.check("TH/T2", "MY", on=_on("2025-01-01")).explain()
    assert "(signed on 2023-09-19), live for Thailand on 2024-08-19 and for Malaysia on " in live
    opened = test_world.check("ID", "TH", on=_on("2024-10-17")).explain()
    assert ", opened by Thailand to AEOs of Indonesia on 2024-10-17." in opened
    bilateral = test_world.check("UNION/AEOS", "US", on=_on("2013-01-01")).explain()
    assert "(signed on 2012-05-04, implemented on 2012-07-01). Sources" in bilateral


def test_a_probable_no_is_worded_as_one(test_world: World) -> None:
    answer = test_world.check("RANGE", "CN", on=_on("2019-06-01"))
    assert (answer.verdict, answer.reason) == (Verdict.PROBABLY_NOT, WorldReason.NOT_YET_SIGNED)
    assert "is probably not recognised by China: on facts inferred or of low confidence, the " in (
        answer.explain()
    )


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("Congo, The Democratic Republic of the", "the Democratic Republic of the Congo"),
        ("Macedonia, the former Yugoslav Republic of", "the former Yugoslav Republic of Macedonia"),
        ("Virgin Islands, British", "the British Virgin Islands"),
        ("Bonaire, Sint Eustatius and Saba", "Bonaire, Sint Eustatius and Saba"),
        ("Czechoslovakia, Czechoslovak Socialist Republic",
         "Czechoslovakia, Czechoslovak Socialist Republic"),
        ("Dominican Republic", "the Dominican Republic"),
        ("Germany", "Germany"),
    ],
)  # fmt: skip
def test_iso_inverted_names_are_read_in_order(name: str, read: str) -> None:
    from aeo_mra._explain import _the

    assert _the(name) == read


def test_places_named_with_an_article_get_it(bundled: World) -> None:
    for place, named in (
        ("IM", "the Isle of Man"),
        ("VI", "the U.S. Virgin Islands"),
        ("VG", "the British Virgin Islands"),
        ("CD", "the Democratic Republic of the Congo"),
        ("FM", "the Federated States of Micronesia"),
        ("TF", "the French Southern Territories"),
    ):
        assert (
            f"exporting to {named} on" in bundled.check("CN", place, on=_on("2019-01-01")).explain()
        )


def test_a_holder_that_left_a_union_is_no_longer_covered_as_check_foreign_says(
    bundled: World,
) -> None:
    # the UK's AEOs were the EU's until 2020-12-31, recognised in China under China–EU
    day = _on("2024-01-01")
    answer = bundled.check("GB/AEOS", "CN", on=day)
    assert (answer.verdict, answer.reason) == (Verdict.NO, WorldReason.NO_LONGER_COVERED)
    assert answer.arrangement is not None
    assert answer.arrangement.id == "CN-EU"
    assert "no longer covers AEOs of the United Kingdom, and the data has no arrangement" in (
        answer.explain()
    )
    assert (
        "The United Kingdom left the customs territory of the European Union" in (answer.caveats[0])
    )
    china = aeo_mra.check_foreign("GB", "AEOS", on=day)
    assert china.reason.value == answer.reason.value == "no-longer-covered"
    # a place the union never covered stays not a partner, with no caveat of leaving
    elsewhere = bundled.check("GB", "TW", on=day)
    assert (elsewhere.reason, elsewhere.caveats) == (WorldReason.NOT_A_PARTNER, ())


def test_a_holder_named_by_a_long_name_is_cut_where_a_tier_follows(bundled: World) -> None:
    # "United Kingdom" is a name of GB too, but "of Great Britain … AEOS" is no tier of it
    for name in (
        "United Kingdom of Great Britain and Northern Ireland/AEOS",
        "United Kingdom of Great Britain and Northern Ireland AEOS",
    ):
        administration, tier = bundled.holder(name)
        assert (administration.id, tier and tier.code) == ("GB", "AEOS")
    with pytest.raises(UnknownTierError, match="no tier of GB's programme"):
        bundled.holder("United Kingdom of Great Britain and Northern Ireland/AEOX")


def test_tier_codes_and_names_stay_distinct_when_matched_loosely(bundled: World) -> None:
    for administration in bundled.administrations.values():
        commons = [c for c in bundled.commons if c.member(administration.id)]
        tiers = [*administration.tiers, *(c.status for c in commons if c.status)]
        for tier in tiers:
            named = [t.code for t in tiers if t.named(tier.code) or t.named(tier.name)]
            assert named == [tier.code], (administration.id, tier.code, named)


def test_cli_partners_of_a_union_member_point_to_the_union(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out = _cli(capsys, "partners", "GB", "--on", "2020-06-01")
    assert status == 0
    assert "its AEOs were EU's: see `aeo-mra world partners EU --on 2020-06-01`" in out
    _, out = _cli(capsys, "partners", "GB", "--on", "2020-06-01", "--json")
    assert json.loads(out)["union"] == "EU"
    _, out = _cli(capsys, "partners", "US", "--on", "2026-01-01")
    implementation = {
        p.administration.id: p.implementation for p in world.partners("US", on=_on("2026-01-01"))
    }
    for line in out.splitlines()[1:]:
        assert line.split()[-1] == implementation[line.split()[0]].value


def test_cli_bad_holder_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from aeo_mra import cli

    assert cli.main(["world", "check", "Atlantis", "US"]) == cli.EXIT_BAD_INPUT
    assert "Atlantis" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["check", "EU/XYZ", "JP"], ["partners", "XX"], ["summary", "XX"], ["recognisers", "XX"]],
    ids=" ".join,
)
def test_cli_errors_name_the_world_subcommand(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from aeo_mra import cli

    assert cli.main(["world", *args]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err.startswith(f"aeo-mra world {args[0]}: error: ")


@pytest.mark.parametrize(
    ("name", "on", "union"),
    [
        ("DE", date(2025, 1, 1), "EU"),
        ("MC", date(2025, 1, 1), "EU"),  # inside through France, not a member
        ("JE", date(2020, 12, 31), "EU"),  # inside with the United Kingdom until then
        ("JE", date(2021, 1, 1), None),
    ],
)
def test_a_summary_of_a_place_names_the_union_it_is_in_that_day(
    bundled: World, name: str, on: date, union: str | None
) -> None:
    with pytest.raises(UnknownAdministrationError) as raised:
        bundled.summary(name, on=on)
    hint = f"customs territory of the European Union: name {union}"
    assert (hint in str(raised.value)) is (union is not None)
    assert "a tier" not in str(raised.value)  # summary takes no tier


def test_a_summary_of_a_tier_suggests_its_administration(bundled: World) -> None:
    with pytest.raises(UnknownAdministrationError) as raised:
        bundled.summary("GB/AEOS")
    assert str(raised.value) == (
        "'GB/AEOS' names no administration (it names a tier: name the administration alone, GB)."
    )
    assert "EU/AEOS" not in str(raised.value)


def test_an_explanation_tells_how_many_caveats_its_answer_carries(bundled: World) -> None:
    eaeu = bundled.check("RU", "BY", on=date(2025, 6, 1))
    count = len(eaeu.caveats)
    assert count >= 1  # the EAEU's: goods cross without customs clearance
    told = "1 caveat applies" if count == 1 else f"{count} caveats apply"
    assert f" {told} (see caveats). Confidence: " in eaeu.explain()
    china = aeo_mra.check("Korea", on=date(2020, 1, 1))  # China's answers say it the same way
    assert f" {len(china.caveats)} caveat" in china.explain()
    bare = bundled.check("AD", "TR", on=date(2016, 1, 1))
    assert not bare.caveats
    assert "caveat" not in bare.explain()


@pytest.mark.parametrize(("holder", "place"), [("BY", "RU"), ("RU", "TR"), ("AD", "TR")])
def test_an_explanation_names_an_administrations_place_by_the_administrations_name(
    bundled: World, holder: str, place: str
) -> None:
    answer = bundled.check(holder, place, on=date(2025, 6, 1))
    assert answer.administration is not None
    own, iso = answer.administration.name, answer.place.name
    assert own != iso  # Russia, Russian Federation; Turkey, Türkiye
    text = answer.explain()
    assert f" to {own} on " in text
    assert iso not in text


@pytest.mark.parametrize("field", ["urls", "kind"])
@pytest.mark.parametrize("key", ["mk-customs-bilateral", "toll-no-2010-ch", "bw-2023-10"])
def test_a_broken_source_is_one_problem(tmp_path: Path, key: str, field: str) -> None:
    """The administration citing a source that cannot be read is dropped without the parties
    and members naming it each reported as no administration of the data."""
    from test_loader import assert_one_problem

    path = tmp_path / "world.toml"
    path.write_bytes((Path(aeo_mra.__file__).parent / "data" / "world.toml").read_bytes())
    assert_one_problem(path, world.load, key, field)


def test_a_not_yet_says_when_a_refusal_will_outlast_it(test_world: World) -> None:
    """A firm "not yet" answers first, as check() answers it; a tier the arrangement
    leaves out, or an importer where it facilitates imports only, is told it will not be
    recognised once it is in effect either, with the fact that says so among the sources."""
    tier = test_world.check("UNION/AEOC", "US", on=_on("2012-06-01"))
    assert (tier.verdict, tier.reason) == (Verdict.NO, WorldReason.SIGNED_NOT_IMPLEMENTED)
    assert tier.caveats[-1] == (
        "Once in effect it will not recognise UNION/AEOC either: it recognises only "
        "UNION/AEOS and UNION/AEOF."
    )
    importer = test_world.check("UNION/AEOS", "US", on=_on("2012-06-01"), role=Role.IMPORTER)
    assert importer.caveats[-1] == (
        "Once in effect it will not help an importer either: under it, the United States "
        "facilitates only goods imported from the other side's AEOs."
    )
    china = world.check("CN/GENERAL_CERTIFIED", "DE", on=_on("2015-06-01"))  # the bundled data
    assert china.caveats[-1] == (
        "Once in effect it will not recognise CN/GENERAL_CERTIFIED either: it recognises only "
        "CN/ADVANCED_CERTIFIED."
    )
    for helped in (
        test_world.check("UNION/AEOS", "US", on=_on("2012-06-01")),
        test_world.check("UNION/AEOC", "US", on=_on("2013-01-01")),  # the refusal is the reason
        test_world.check("CN/AA", "DE", on=_on("2014-09-01")),  # a tier that ends first
    ):
        assert not any(c.startswith("Once in effect") for c in helped.caveats)


def test_an_importer_is_told_so_even_with_a_tier_that_ends_first(tmp_path: Path) -> None:
    """The exception for a tier that ends before the arrangement begins is for a refusal of
    that tier: an importer under an arrangement that facilitates imports only is told, as
    check() tells it, whatever its tier (here the AA class, which ends on 2014-11-30)."""
    text = (DATA / "shapes.toml").read_text(encoding="utf-8")
    signed = 'signed = { date = "2012-06", confidence = "high", sources = ["ann"] }\n'
    implemented = 'implemented = { date = 2013-03-15, confidence = "high", sources = ["ann"] }\n'
    assert signed + implemented in text  # MONTH, Singapore, imports only
    later = signed.replace("2012-06", "2014-06") + implemented.replace("2013", "2015")
    (tmp_path / "shapes.toml").write_text(text.replace(signed + implemented, later), "utf-8")
    china = Registry.from_file(tmp_path / "shapes.toml")
    graph = world.load(DATA / "world.toml", china)
    day = _on("2014-09-01")
    answer = graph.check("CN/AA", "SG", on=day, role=Role.IMPORTER)
    assert (answer.verdict, answer.reason) == (Verdict.NO, WorldReason.SIGNED_NOT_IMPLEMENTED)
    told = "Once in effect it will not help an importer either"
    assert answer.caveats[-1].startswith(told)
    assert china.check("SG", on=day, role=Role.IMPORTER, tier=Tier.AA).caveats[-1].startswith(told)


def test_a_refusal_that_holds_anywhere_beats_a_place_s_unsettled_standing(
    test_world: World,
) -> None:
    """San Marino's standing in the union's customs territory is unknown, and American
    Samoa's in the US's; it is moot where the arrangement refuses the holder's tier or role
    wherever the place lies."""
    refused = test_world.check("UNION/AEOC", "AS", on=date(2016, 1, 1))  # the US leaves it out
    assert (refused.verdict, refused.reason) == (Verdict.NO, WorldReason.TIER_NOT_RECOGNISED)
    recognised = test_world.check("UNION/AEOS", "AS", on=date(2016, 1, 1))
    assert (recognised.verdict, recognised.reason) == (
        Verdict.UNKNOWN,
        WorldReason.COVERAGE_UNKNOWN,
    )
    day = date(2013, 1, 1)  # the US arrangement facilitates imports only
    role = test_world.check("US", "SM", on=day, role=Role.IMPORTER)
    assert (role.verdict, role.reason) == (Verdict.NO, WorldReason.ROLE_OUT_OF_SCOPE)
    helped = test_world.check("US", "SM", on=day)  # where it would help, the standing decides
    assert (helped.verdict, helped.reason) == (Verdict.UNKNOWN, WorldReason.COVERAGE_UNKNOWN)


def test_an_importer_refused_by_the_scope_is_refused_before_benefits_are_known_to_start(
    china: Registry, tmp_path: Path
) -> None:
    """Inside the window in which benefits may have begun, an importer under an arrangement
    that facilitates imports only gets a no, not an unknown."""
    text = (DATA / "world.toml").read_text(encoding="utf-8")
    both = 'scope = { value = "imports-and-exports", confidence = "high", sources = ["w-news"] }'
    assert text.count(both) == 1
    (tmp_path / "world.toml").write_text(text.replace(both, both.replace("-and-exports", "")))
    graph = world.load(tmp_path / "world.toml", china)
    window = date(2012, 3, 1)  # JP-KR implemented between 2012-01-01 and 2012-06-30
    importer = graph.check("JP", "KR", on=window, role=Role.IMPORTER)
    assert (importer.verdict, importer.reason) == (Verdict.NO, WorldReason.ROLE_OUT_OF_SCOPE)
    exporter = graph.check("JP", "KR", on=window)
    assert (exporter.verdict, exporter.reason) == (
        Verdict.UNKNOWN,
        WorldReason.SIGNED_NOT_IMPLEMENTED,
    )


def test_the_graph_s_administrations_are_read_only(test_world: World) -> None:
    with pytest.raises(TypeError):
        test_world.administrations["XX"] = test_world.administrations["US"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        test_world.administrations.pop("US")  # type: ignore[attr-defined]


def test_a_day_given_where_an_administration_goes_says_how_to_give_it(bundled: World) -> None:
    with pytest.raises(TypeError, match=r"not date: give the day as on=$"):
        bundled.summary(date(2020, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"must be a string, not int$"):
        bundled.partners(5)  # type: ignore[arg-type]


def test_china_s_edges_answer_as_check_does_for_each_aeo_tier(bundled: World) -> None:
    """Each AEO tier of China's, named (``CN/GENERAL_CERTIFIED``), gets from the world graph
    the verdict `check(place, tier=…)` gives, around every day an answer can change: a
    tier an arrangement leaves out is refused alike, inside an implementation window and
    for a place of unsettled standing too, and a firm "not yet" answers before a refusal."""
    registry = bundled.china
    places = {m.territory for a in registry.arrangements() for m in (*a.members, *a.territories)}
    days = sorted({d + timedelta(days=k) for d in change_days(registry).anyone for k in (-1, 0, 1)})
    differ, asked = [], set()
    for role in Role:
        for place in sorted(places):
            for day in days:
                for period in registry.dataset.tiers.values():
                    if not (period.aeo and period.in_force(day)):
                        continue
                    china = registry.check(place, on=day, role=role, tier=period.tier)
                    with contextlib.suppress(SameAdministrationError):
                        found = bundled.check(f"CN/{period.tier.name}", place, on=day, role=role)
                        asked.add(period.tier)
                        refused = china.reason.name in _REFUSALS, found.reason.name in _REFUSALS
                        if found.verdict is not china.verdict or refused[0] != refused[1]:
                            differ.append((place, day, role.name, period.tier.name, found.reason))
    assert not differ, differ
    assert asked == {p.tier for p in registry.dataset.tiers.values() if p.aeo}


_REFUSALS = {"TIER_NOT_RECOGNISED", "ROLE_OUT_OF_SCOPE"}  # and for the same reason
