"""summary() against the running totals China's customs has published.

Each row names its source. The data must meet every row; a row it cannot meet (a record
nobody can source would be missing, or the published figure conflicts with sourced data) is a
strict expected failure saying what is missing or what conflicts.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import aeo_mra
from aeo_mra import Basis

SIGNED, IMPL = Basis.SIGNED, Basis.IMPLEMENTED


def _conflict(row: tuple[object, ...], reason: str) -> object:
    """A published total the data does not meet, kept as a strict expected failure."""
    return pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=reason))


# (as of, basis, economies or None, countries and regions or None, source)
PUBLISHED = [
    (date(2017, 3, 28), SIGNED, None, 33, "igoldhk.com quoting GACC, 2017-03-28 (weak)"),
    (date(2017, 11, 6), SIGNED, None, 33, "Belt and Road Portal, 2017-11-06 (GACC spokesman)"),
    (date(2017, 11, 6), SIGNED, None, 33, "Xinhua, 2017-11-09, before Israel"),
    (date(2017, 11, 6), IMPL, None, 33, "Xinhua, 2017-11-09, before Israel"),
    (date(2018, 10, 26), SIGNED, None, 36, "ChemYCAL on the Japan signing"),
    (date(2019, 7, 24), SIGNED, 14, None, "JIFFA, undated; its 14 read as economies"),
    (date(2019, 7, 24), SIGNED, None, 41, "Belarus implementation report (beltandroad.news)"),
    (date(2020, 12, 31), SIGNED, 15, 42, "China Daily, 2021-01-29, read as end-2020"),
    _conflict(
        (date(2021, 1, 29), SIGNED, 15, 42, "China Daily, 2021-01-29, on its own date"),
        "conflict: the data gives 16 / 42 on 2021-01-29, counting the UK as an economy from "
        "2021-01-01 (inferred from the 17 / 43 of 2021-02-14); 15 / 42 fits only the end of 2020",
    ),
    (date(2021, 2, 14), SIGNED, 17, 43, "GACC via CNS, 2021-02-14 (m.xomn.cn)"),
    (date(2021, 5, 28), SIGNED, 20, 46, "CCTV, 2021-05-28 (cnafrica.org)"),
    (date(2021, 8, 31), SIGNED, 20, 46, "GACC press conference 2021-09-24 (CNS; Xinhua)"),
    (date(2021, 11, 30), SIGNED, None, 47, "China Daily Zhejiang, 2021-12-21"),
    (date(2022, 2, 5), SIGNED, 22, 48, "CNS via Zaobao, 2022-02-05 (yzaobao.com)"),
    (date(2023, 1, 4), SIGNED, 23, 49, "CNS via HKCD, 2023-01-05"),
    (date(2023, 5, 22), SIGNED, 26, 52, "CNS, 2023-05-22 (crfgs.com; qut.ac.cn)"),
    (date(2023, 8, 27), SIGNED, 26, 52, "Fujian Daily, 2023-08-27 (hyyz888.com)"),
    (date(2024, 3, 31), SIGNED, 26, 52, "GACC figures via CNS, 2024-04-23 (bzlm.8848f.cn)"),
    (date(2024, 5, 10), SIGNED, 28, 54, "Xinhua via SCIO, 2024-05-10; CNS (zz.ccnkj.com)"),
    _conflict(
        (date(2024, 10, 28), SIGNED, 28, 54, "aggregator list dated 2024-10-28 (wxredian.com)"),
        "conflict: the data gives 29 / 55, with Benin signed on 2024-10-25 (Beninese press); "
        "the list's 28 / 54 is GACC's figure of 2024-05-10 and may be stale",
    ),
    (date(2025, 7, 1), SIGNED, 31, 57, "CCTV, 2025-07-01 (gqwz.net; bastillepost.com)"),
    (date(2025, 7, 1), IMPL, None, 50, "CCTV, 2025-07-01 (gqwz.net; bastillepost.com)"),
    (date(2025, 8, 7), SIGNED, 31, 57, "Tianjin Customs, 2025-08-07 (hmeonline.com)"),
    (date(2025, 8, 13), IMPL, None, 52, "Hunan provincial government, 2025-08-13"),
    (date(2026, 2, 12), SIGNED, 32, 58, "CCTV on GACC's briefing, 2026-02-12 (cnsonews.com.cn)"),
]  # fmt: skip


@pytest.mark.parametrize(("on", "basis", "economies", "territories", "source"), PUBLISHED)
def test_summary_matches_published_total(
    on: date, basis: Basis, economies: int | None, territories: int | None, source: str
) -> None:
    total = aeo_mra.summary(on, basis=basis)
    if economies is not None:
        assert total.economies == economies, source
    if territories is not None:
        assert total.territories == territories, source


def test_countries_exceed_economies_by_the_eu_members_less_one() -> None:
    """Between published dates the totals keep the shape every published pair has."""
    for year in range(2015, 2027):
        for month in (1, 4, 7, 10):
            day = date(year, month, 1)
            total = aeo_mra.summary(day)
            eu_members = len(aeo_mra.arrangement("EU").covered(day))
            assert total.territories - total.economies == eu_members - 1, day


def test_implemented_never_exceeds_signed() -> None:
    for year in range(2012, 2027):
        day = date(year, 6, 30)
        signed, implemented = aeo_mra.summary(day), aeo_mra.summary(day, basis=IMPL)
        assert implemented.territories <= signed.territories
        assert set(implemented.arrangements) <= set(signed.arrangements)


def test_summary_after_the_review_names_the_review_day() -> None:
    reviewed = aeo_mra.DATA_REVIEWED
    later = str(aeo_mra.summary(reviewed + timedelta(days=1)))
    assert later.endswith(f"; data reviewed {reviewed})")
    assert "reviewed" not in str(aeo_mra.summary(reviewed))
