"""The checker page's data gives exactly the library's answers.

The page looks answers up in what ``docs_gen.checker`` exports; ``lookup`` here does what its
script does, and every answer it finds is compared with ``check()`` or ``check_foreign()``
asked directly, on a grid of places, days either side of every change, roles and tiers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from aeo_mra import Error, Registry, Role, Tier
from docs_gen import checker


@pytest.fixture(scope="module")
def exported(registry: Registry) -> dict[str, Any]:
    return checker.checker_data(registry)


def lookup(data: dict[str, Any], code: str, kind: str, key: str, day: date) -> dict[str, Any]:
    """What the page shows: the record of the last interval starting on or before ``day``."""
    series = data["series"][data["places"][code][kind][key]]
    found = series[1]
    for start, record in zip(series[::2], series[1::2], strict=True):
        if data["days"][start] > day.isoformat():
            break
        found = record
    shown = dict(data["records"][found])
    shown["text"] = data["strings"][shown["text"]]
    for field in ("benefits", "caveats"):
        if field in shown:
            shown[field] = [data["strings"][i] for i in shown[field]]
    return checker.render(shown, day)


def grid_days(registry: Registry, count: int) -> list[date]:
    """Days either side of every event's dates and every tier's bounds, and random days."""
    days: set[date] = {registry.reviewed, registry.reviewed + timedelta(days=1), date.today()}
    bounds = [(e.when.earliest, e.when.latest) for e in registry.timeline()]
    bounds += [(p.since, p.until) for p in registry.dataset.tiers.values()]
    for first, last in bounds:
        for day in (first, last):
            if day is not None:
                days.update(day + timedelta(days=n) for n in (-1, 0, 1))
    rng = random.Random(16)
    days.update(date(2011, 1, 1) + timedelta(days=rng.randrange(6000)) for _ in range(count))
    return sorted(days)


def expected(ask: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The library's answer, asked directly, in the fields the page shows."""
    try:
        answer = ask(*args, **kwargs)
    except Error as error:
        return {"error": type(error).__name__, "text": str(error)}
    return {
        "qualifies": answer.qualifies,
        "verdict": answer.verdict.value,
        "reason": answer.reason.value,
        "arrangement": answer.arrangement.id if answer.arrangement else None,
        "confidence": answer.confidence.name.lower(),
        "text": answer.explain(),
        "benefits": [b.description for b in answer.benefits],
        "caveats": list(answer.caveats),
        "sources": [s.id for s in answer.sources],
    }


def test_the_days_either_side_of_the_uk_leaving_differ(registry: Registry) -> None:
    """The grid below compares real changes: here is one it must get right."""
    before = registry.check("GB", on=date(2020, 12, 31))
    after = registry.check("GB", on=date(2021, 1, 1))
    assert before.qualifies
    assert not after.qualifies


def test_every_exported_answer_of_china_is_the_library_s(
    registry: Registry, exported: dict[str, Any]
) -> None:
    partners = sorted({m.territory for a in registry.dataset.arrangements for m in a.members})
    places = [*partners, "US", "FR", "AD", "BR", "KZ"]
    days = grid_days(registry, 40)
    tiers: list[Tier | None] = [None, Tier.AA, Tier.ADVANCED_CERTIFIED, Tier.GENERAL_CERTIFIED,
                                Tier.CERTIFIED, Tier.DISCREDITED]  # fmt: skip
    compared = 0
    for code in places:
        for role in Role:
            for tier in tiers:
                key = f"{role.value}/{tier.name if tier else ''}"
                for day in days[:: max(1, len(days) // 60)] if tier is not None else days:
                    want = expected(registry.check, code, on=day, role=role, tier=tier)
                    got = lookup(exported, code, "china", key, day)
                    assert got == want, (code, role, tier, day)
                    compared += 1
    assert compared > 10_000


def test_every_exported_answer_of_a_foreign_tier_is_the_library_s(
    registry: Registry, exported: dict[str, Any]
) -> None:
    days = grid_days(registry, 20)
    compared = 0
    for code in ["DE", "GB", "SG", "KR", "HK", "TW", "CH", "NZ", "AU", "IR", "US", "CU"]:
        for role in Role:
            for tier, _ in checker.partner_tiers(registry, code) or [("", "")]:
                for day in days:
                    want = expected(registry.check_foreign, code, tier or "AEO", on=day, role=role)
                    assert lookup(exported, code, "foreign", f"{role.value}/{tier}", day) == want
                    compared += 1
    assert compared > 2_000


def test_the_page_resolves_names_over_the_library_s_own_index(
    registry: Registry, exported: dict[str, Any]
) -> None:
    resolution = exported["resolution"]
    assert resolution["index"] == dict(registry.places.names())
    assert resolution["index"]["中国"] == resolution["index"]["china"] == checker.DOMESTIC
    assert resolution["unions"]["eu"] == "EU"
    for code, quoted in resolution["quoted"].items():
        assert quoted == repr(registry.places.territory(code).name)


def test_each_message_is_the_library_s_with_the_name_typed_left_out(
    registry: Registry, exported: dict[str, Any]
) -> None:
    messages = exported["resolution"]["messages"]
    for name, template, parts in [
        ("n/a", messages["placeholder"], {}),
        ("#N/A", messages["error_value"], {}),
        ("no", messages["code"], {"UPPER": "'NO'", "NAME": "Norway"}),
        ("欧洲联盟", messages["union"]["EU"], {}),
        ("Atlantis", messages["unknown"], {}),
        ("中国", messages["domestic"], {}),
    ]:
        with pytest.raises(Error) as raised:
            registry.resolve(name)
        text = template.replace("@@PLACE@@", repr(name))
        for part, value in parts.items():
            text = text.replace(f"@@{part}@@", value)
        assert text == str(raised.value)
