"""check_frame(): the answers of check_many, as columns of a pandas or polars frame."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import polars as pl
import pytest

import aeo_mra
from aeo_mra import Eligibility, MissingDateError, Registry, Role, Tier, check_frame
from aeo_mra._change_days import dates_in
from aeo_mra._frames import COLUMNS

Maker = Callable[[dict[str, list[Any]]], Any]
MAKERS: dict[str, Maker] = {"pandas": pd.DataFrame, "polars": pl.DataFrame}


def column(frame: Any, name: str) -> list[Any]:
    values = frame[name].to_list() if isinstance(frame, pl.DataFrame) else list(frame[name])
    return [None if pd.isna(v) else v for v in values]  # pandas writes null as NaN


def expected(answers: list[Eligibility]) -> dict[str, list[Any]]:
    return {name: [read(a) for a in answers] for name, read in COLUMNS.items()}


def answered(frame: Any) -> dict[str, list[Any]]:
    return {name: column(frame, name) for name in COLUMNS}


@pytest.fixture(params=list(MAKERS))
def make(request: pytest.FixtureRequest) -> Maker:
    return MAKERS[request.param]


def test_every_day_an_answer_can_change_on(make: Maker, registry: Registry) -> None:
    """Around each day the data names, for every partner, every place an arrangement records
    (Réunion, Greenland) and a few others, as check_many."""
    named = sorted(
        {d for d in dates_in(registry.dataset) if date(2000, 1, 1) < d < date(2100, 1, 1)}
    )
    days = sorted({d + timedelta(days=k) for d in named for k in (-1, 0, 1)})
    arrangements = registry.dataset.arrangements
    places = sorted({m.territory for a in arrangements for m in a.members + a.territories})
    places += ["US", "Germany", "韩国", "UK", "276"]
    rows = list(itertools.product(places, days))
    frame = make({"place": [p for p, _ in rows], "day": [d for _, d in rows]})
    for role in Role:
        out = check_frame(frame, place="place", on="day", role=role)
        assert type(out) is type(frame)
        assert column(out, "place") == column(frame, "place")
        answers = aeo_mra.check_many([p for p, _ in rows], [d for _, d in rows], role=role)
        assert answered(out) == expected(answers)


def test_one_day_for_every_row(make: Maker) -> None:
    places = ["DE", "US", "GB", "SG", "BR", "DE"]
    frame = make({"to": places, "n": list(range(len(places)))})
    day = date(2021, 6, 1)
    out = check_frame(frame, place="to", on=day, tier=Tier.ADVANCED_CERTIFIED)
    assert answered(out) == expected(aeo_mra.check_many(places, day))
    assert column(out, "n") == list(range(len(places)))
    assert answered(check_frame(frame, place="to")) == expected(aeo_mra.check_many(places))


def test_days_as_datetimes_and_timestamps() -> None:
    days = [datetime(2015, 11, 2, 23, 0), datetime(2015, 11, 3, 1, 0)]
    frames = [pd.DataFrame({"p": ["DE", "DE"], "d": pd.to_datetime(days)}),
              pl.DataFrame({"p": ["DE", "DE"], "d": days})]  # fmt: skip
    frames += [frames[1].with_columns(pl.col("d").cast(pl.Datetime(unit)))  # as from numpy
               for unit in ("ns", "ms")]  # fmt: skip
    frames.append(frames[-1].with_columns(pl.col("d").dt.replace_time_zone("Asia/Shanghai")))
    for frame in frames:
        out = check_frame(frame, place="p", on="d")
        assert column(out, "qualifies") == [False, True]  # the EU arrangement by 2015-11-03
        assert column(out, "d") == column(frame, "d")


def test_the_index_and_the_input_stay() -> None:
    frame = pd.DataFrame({"p": ["DE", "US", "SG"]}, index=[30, 10, 20])
    out = check_frame(frame, place="p", on=date(2020, 1, 1))
    assert list(out.index) == [30, 10, 20]
    assert list(out["qualifies"]) == [True, False, True]
    assert list(frame.columns) == ["p"]


@pytest.mark.parametrize("day", [date(2020, 1, 1), "d"])
def test_an_empty_frame(make: Maker, day: date | str) -> None:
    for frame in (make({"p": [], "d": []}), make({"p": ["DE"], "d": [date(2020, 1, 1)]})[:0]):
        out = check_frame(frame, place="p", on=day)  # typed or not, as a filter leaves it
        assert len(out) == 0
        assert set(COLUMNS) <= set(out.columns)


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (pd.DataFrame({"p": ["DE", "FR", "IT"], "d": pd.to_datetime(["2020-01-01", "", None])}), 1),
        (pd.DataFrame({"p": ["DE", "FR"], "d": [date(2020, 1, 1), None]}), 1),
        (pl.DataFrame({"p": ["DE", "FR", "IT"], "d": [None, date(2020, 1, 1), None]}), 0),
        (pd.DataFrame({"p": ["DE", "FR"], "d": [date(2020, 1, 1), pd.NA]}), 1),
    ],
)  # fmt: skip
def test_a_row_without_a_day_is_an_error(data: Any, row: int) -> None:
    with pytest.raises(MissingDateError) as raised:
        check_frame(data, place="p", on="d")
    assert raised.value.row == row
    assert f"row {row}" in str(raised.value)


def test_a_bad_place_names_its_row(make: Maker) -> None:
    frame = make({"p": ["DE", "Germny", "FR", "Germny"], "d": [date(2020, 1, 1)] * 4})
    with pytest.raises(aeo_mra.UnknownPlaceError, match="Germany") as raised:
        check_frame(frame, place="p", on="d")
    assert "in row 1 of check_frame: 'Germny'" in raised.value.__notes__


def test_the_first_bad_row_is_named_whatever_the_frame_library(make: Maker) -> None:
    """polars' distinct values come in no fixed order unless asked; the row is the first."""
    places = ["DE"] * 5 + ["Germny"] + ["FR"] * 5 + ["Frnce"] + [f"Xx{i}" for i in range(30)]
    for _ in range(5):
        with pytest.raises(aeo_mra.UnknownPlaceError) as raised:
            check_frame(make({"p": places}), place="p", on=date(2020, 1, 1))
        assert raised.value.__notes__ == ["in row 5 of check_frame: 'Germny'"]


@pytest.mark.parametrize("day", [date(2021, 6, 1), "d"])
def test_a_bad_argument_is_no_row_s(make: Maker, day: date | str) -> None:
    for rows in (["DE", "UK"], []):
        frame = make({"p": rows, "d": [date(2021, 6, 1)] * len(rows)})
        for wrong in ({"role": "importer"}, {"tier": "aa"}, {"tier": "高级认证企业"}):
            with pytest.raises(TypeError, match="must be") as raised:
                check_frame(frame, place="p", on=day, **wrong)
            assert not getattr(raised.value, "__notes__", None)


def test_a_column_of_the_working_names_stays() -> None:
    key = "__aeo_mra_key"
    frame = pd.DataFrame({key: ["DE", "GB"], "d": [date(2020, 1, 1), date(2021, 6, 1)],
                          "__aeo_mra_day": ["keep", "me"]})  # fmt: skip
    out = check_frame(frame, place=key, on="d")
    assert list(out.columns) == [key, "d", "__aeo_mra_day", *COLUMNS]
    assert list(out[key]) == ["DE", "GB"]
    assert list(out["qualifies"]) == [True, False]


def test_a_missing_place_is_named_as_missing(make: Maker) -> None:
    frame = make({"p": ["DE", None], "d": [date(2020, 1, 1)] * 2})
    with pytest.raises(aeo_mra.MissingPlaceError, match="the place is missing") as raised:
        check_frame(frame, place="p", on="d")
    null = "nan" if isinstance(frame, pd.DataFrame) else "None"  # as the library gives it
    assert raised.value.__notes__ == [f"in row 1 of check_frame: {null}"]


@pytest.mark.parametrize(
    "column",
    [pd.array(["DE", "FR", None], dtype="string"), pd.array([276, 250, None], dtype="Int64")],
)
def test_a_missing_place_in_a_nullable_pandas_column_is_named_as_missing(column: Any) -> None:
    frame = pd.DataFrame({"p": column})
    with pytest.raises(aeo_mra.MissingPlaceError, match="the place is missing") as raised:
        check_frame(frame, place="p", on=date(2020, 1, 1))
    assert raised.value.__notes__[0].startswith("in row 2 of check_frame: ")


def test_integer_codes_read_from_a_frame_are_places(make: Maker) -> None:
    frame = make({"p": [276, 840], "d": [date(2020, 1, 1)] * 2})  # int64 columns
    answers = check_frame(frame, place="p", on="d")
    assert list(answers["reason"]) == [
        aeo_mra.check(code, on=date(2020, 1, 1)).reason.value for code in ("DE", "US")
    ]


def test_a_tier_not_in_force_names_its_row(make: Maker) -> None:
    frame = make({"p": ["DE", "DE"], "d": [date(2013, 1, 1), date(2020, 1, 1)]})
    with pytest.raises(aeo_mra.TierNotInForceError) as raised:
        check_frame(frame, place="p", on="d", tier=Tier.AA)
    assert "in row 1 of check_frame: 'DE', 2020-01-01" in raised.value.__notes__


def test_a_wrong_day_value_names_its_row() -> None:
    frame = pd.DataFrame({"p": ["DE", "FR"], "d": [date(2020, 1, 1), "2020-01-02"]})
    with pytest.raises(TypeError, match="2020-01-02") as raised:
        check_frame(frame, place="p", on="d")
    assert "in row 1 of check_frame: '2020-01-02'" in raised.value.__notes__


def test_columns_must_be_there_and_free(make: Maker) -> None:
    frame = make({"p": ["DE"], "reason": ["x"]})
    with pytest.raises(aeo_mra.ColumnError, match="no column 'place'") as raised:
        check_frame(frame, place="place")
    assert (raised.value.column, raised.value.columns) == ("place", ("p", "reason"))
    assert isinstance(raised.value, ValueError)  # as before it was typed
    with pytest.raises(aeo_mra.ColumnError, match="no column 'day'"):
        check_frame(frame, place="p", on="day")
    with pytest.raises(aeo_mra.ColumnError, match="already has a column 'reason'") as raised:
        check_frame(frame, place="p")
    assert raised.value.column == "reason"


def test_a_pandas_frame_s_column_names_must_be_unique_and_of_one_level() -> None:
    """pandas allows two columns of one name (a spreadsheet's two "Notes"), and names of
    several levels; both are refused as the library's errors, not narwhals'."""
    twice = pd.DataFrame([["a", "b", "DE"]], columns=["notes", "notes", "to"])
    with pytest.raises(aeo_mra.ColumnError, match="2 columns named 'notes'") as raised:
        check_frame(twice, place="to")
    assert (raised.value.column, raised.value.columns) == ("notes", ("notes", "notes", "to"))
    levels = pd.DataFrame([["DE"]], columns=pd.MultiIndex.from_tuples([("ship", "to")]))
    with pytest.raises(TypeError, match=r"not by a tuple \(\('ship', 'to'\), as a pandas"):
        check_frame(levels, place=("ship", "to"))  # type: ignore[arg-type]
    with pytest.raises(aeo_mra.ColumnError, match="no column 'to'"):
        check_frame(levels, place="to")


def test_only_frames() -> None:
    with pytest.raises(TypeError, match=r"eager data frame.*not builtins\.list"):
        check_frame([{"p": "DE"}], place="p")  # type: ignore[type-var]
    with pytest.raises(TypeError, match=r"collect a lazy one first.*LazyFrame"):
        check_frame(pl.DataFrame({"p": ["DE"]}).lazy(), place="p")  # type: ignore[type-var]


def test_a_loaded_registry_answers(make: Maker, registry: Registry) -> None:
    frame = make({"p": ["DE", "SG"]})
    out = check_frame(frame, place="p", on=date(2020, 1, 1), registry=registry)
    assert answered(out) == expected(registry.check_many(["DE", "SG"], date(2020, 1, 1)))
