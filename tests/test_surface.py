"""The public functions' conventions: filters, places for ids, dates passed alike everywhere."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

import aeo_mra
from aeo_mra import Basis, MissingDateError, Registry, Role, Scope, Tier, codes, home, world

DAY = date(2020, 5, 1)


def test_arrangements_for_a_role(registry: Registry) -> None:
    for day in [date(2015, 1, 1), DAY, date(2026, 1, 1)]:
        for basis in Basis:
            every = registry.arrangements(day, basis=basis)
            assert registry.arrangements(day, basis=basis, role=Role.EXPORTER) == every
            importer = registry.arrangements(day, basis=basis, role=Role.IMPORTER)
            assert importer == tuple(a for a in every if a.scope.value is Scope.IMPORTS_AND_EXPORTS)
    # The filter agrees with check(): an importer qualifies only under those arrangements.
    implemented = {a.id for a in registry.arrangements(DAY, basis=Basis.IMPLEMENTED)}
    helpful = {
        a.id for a in registry.arrangements(DAY, basis=Basis.IMPLEMENTED, role=Role.IMPORTER)
    }
    for arrangement in registry.dataset.arrangements:
        for place in arrangement.covered(DAY):
            answer = registry.check(place, DAY, role=Role.IMPORTER)
            if answer.arrangement is arrangement and answer.qualifies:
                assert arrangement.id in helpful & implemented
    with pytest.raises(TypeError, match="role"):
        registry.arrangements(DAY, role="importer")  # type: ignore[arg-type]


@pytest.mark.parametrize(("given", "found"), [("EU", "EU"), ("Germany", "EU"), ("德国", "EU"),
                                              (276, "EU"), ("UK", "EU"), ("sg", "SG"),
                                              ("European Union", "EU"), ("欧盟", "EU"),
                                              ("欧洲联盟", "EU")])  # fmt: skip
def test_arrangement_by_id_or_place(given: str | int, found: str) -> None:
    assert aeo_mra.arrangement(given).id == found


def test_arrangement_of_a_place_is_the_one_check_names(registry: Registry) -> None:
    for place in ["FR", "HK", "BR", "TW", "GB"]:
        assert registry.arrangement(place) is registry.check(place).arrangement


@pytest.mark.parametrize(
    ("given", "error", "says"),
    [
        ("Germny", aeo_mra.UnknownArrangementError, "did you mean 'Germany'"),
        ("XX", aeo_mra.UnknownArrangementError, "neither an arrangement id nor a place"),
        ("US", aeo_mra.UnknownArrangementError, "(United States) is covered by no AEO"),
        ("CN", aeo_mra.DomesticPlaceError, "China's own customs territory"),
        (2.5, TypeError, "2.5"),
    ],
)
def test_arrangement_of_no_place(given: Any, error: type[Exception], says: str) -> None:
    with pytest.raises(error) as raised:
        aeo_mra.arrangement(given)
    assert says in str(raised.value)
    if isinstance(raised.value, aeo_mra.UnknownArrangementError):
        assert "EU" in raised.value.valid


DATED: list[tuple[Callable[..., Any], tuple[Any, ...]]] = [
    (aeo_mra.check, ("DE",)),
    (aeo_mra.check_many, (["DE", "US"],)),
    (aeo_mra.check_foreign, ("FR", "AEOS")),
    (aeo_mra.summary, ()),
    (aeo_mra.arrangements, ()),
    (aeo_mra._default().tiers_in_force, ()),
    (codes.validate, ("SG123456789012",)),
    (codes.is_valid, ("SG123456789012",)),
    (codes.declaration, ("SG123456789012",)),
    (home.measures, (Tier.ADVANCED_CERTIFIED,)),
    (home.compare, (Tier.ADVANCED_CERTIFIED, Tier.DISCREDITED)),
    (world.check, ("EU/AEOS", "Japan")),
    (world.partners, ("US",)),
    (world.summary, ("KR",)),
    (world.recognisers, ("EU/AEOS",)),
]


@pytest.mark.parametrize(("function", "args"), DATED, ids=lambda x: getattr(x, "__name__", ""))
def test_the_date_is_passed_alike_everywhere(
    function: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    """``on`` follows the question's subjects, by position or by name, and defaults to today."""
    parameter = inspect.signature(function).parameters["on"]
    assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert parameter.default is None
    assert list(inspect.signature(function).parameters).index("on") == len(args)
    assert function(*args, DAY) == function(*args, on=DAY)
    assert function(*args) == function(*args, on=date.today())


def test_declaration_defaults_to_today() -> None:
    today = codes.declaration("SG123456789012")
    assert today == codes.declaration("SG123456789012", date.today())
    assert today.field is codes.DeclarationField.OVERSEAS_CONSIGNOR_CONSIGNEE_CODE


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_check_many_refuses_a_row_without_a_date(missing: object) -> None:
    days = [DAY, DAY, missing, DAY]
    with pytest.raises(MissingDateError) as raised:
        aeo_mra.check_many(["DE", "FR", "IT", "US"], on=days)  # type: ignore[arg-type]
    assert raised.value.row == 2
    assert "row 2" in str(raised.value)
    assert isinstance(raised.value, TypeError)


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_a_missing_place_is_an_error_naming_its_row(missing: object) -> None:
    with pytest.raises(aeo_mra.MissingPlaceError) as raised:
        aeo_mra.check_many(["DE", missing, "FR"], on=DAY)  # type: ignore[list-item]
    assert raised.value.place is missing
    assert f"in row 1 of check_many: {missing!r}" in raised.value.__notes__
    assert isinstance(raised.value, TypeError)


def test_numpy_integers_are_iso_numeric_codes_and_numpy_bools_are_not() -> None:
    np = pytest.importorskip("numpy")
    assert aeo_mra.check(np.int64(276), on=DAY) == aeo_mra.check("DE", on=DAY)
    assert (
        aeo_mra.check_many([np.int16(276), 276, "DE"], on=DAY) == [aeo_mra.check(276, on=DAY)] * 3
    )
    with pytest.raises(TypeError, match="not bool") as raised:
        aeo_mra.check_many([np.int64(276), np.True_], on=DAY)
    assert "in row 1 of check_many: np.True_" in raised.value.__notes__


def test_check_many_refuses_pandas_nat() -> None:
    pd = pytest.importorskip("pandas")
    days = pd.Series(pd.to_datetime(["2020-05-01", None, "2021-01-01"]))
    with pytest.raises(MissingDateError, match="row 1"):
        aeo_mra.check_many(["DE", "FR", "IT"], on=list(days))
    answers = aeo_mra.check_many(["DE", "FR"], on=list(days.dropna()))  # Timestamps are dates
    assert [a.on for a in answers] == [date(2020, 5, 1), date(2021, 1, 1)]


def test_check_many_names_the_row_of_a_wrong_date() -> None:
    with pytest.raises(TypeError, match="str") as raised:
        aeo_mra.check_many(["DE", "FR"], on=[DAY, "2020-05-01"])  # type: ignore[list-item]
    assert "in row 1 of check_many" in raised.value.__notes__
