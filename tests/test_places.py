"""Naming places: codes, names in English and Chinese, aliases, and bad input."""

from __future__ import annotations

import pytest

import aeo_mra
from aeo_mra import Registry


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ("DE", "DE"), ("DEU", "DE"), ("276", "DE"), (276, "DE"), ("Germany", "DE"),
        ("  germany ", "DE"), ("Federal Republic of Germany", "DE"), ("德国", "DE"),
        ("KR", "KR"), ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("韩国", "KR"),
        ("大韩民国", "KR"), ("UK", "GB"), ("U.K.", "GB"), ("United Kingdom", "GB"), ("英国", "GB"),
        ("Hong Kong SAR", "HK"), ("中国香港", "HK"), ("香港", "HK"), ("Macau", "MO"),
        ("中国澳门", "MO"), ("UAE", "AE"), ("阿联酋", "AE"), ("Türkiye", "TR"), ("Turkiye", "TR"),
        ("Turkey", "TR"), ("Taiwan", "TW"), ("中国台湾", "TW"), ("ＤＥ", "DE"),
        ("Ger\u200bmany", "DE"), ("Russia", "RU"), ("Cape Verde", "CV"), ("大韓民國", "KR"),
        ("036", "AU"), ("Côte d'Ivoire", "CI"), ("The Netherlands", "NL"),
        ("the United Kingdom", "GB"), ("The Gambia", "GM"), ("马耳他", "MT"), ("蒙古国", "MN"),
        ("香港特别行政区", "HK"), ("刚果（金）", "CD"), ("韓國", "KR"), ("\ufeff276", "DE"),
        ('"276"', "DE"), ("276\u200b", "DE"),
        # ISO's names without their qualifier, as concepts.md names them; Åland without "Islands"
        ("Saint-Martin", "MF"), ("Sint Maarten", "SX"), ("Holy See", "VA"), ("Åland", "AX"),
        ("Falkland Islands", "FK"), ("Cocos Islands", "CC"), ("Vatican City", "VA"),
    ],
)  # fmt: skip
def test_resolve(place: str | int, code: str) -> None:
    assert aeo_mra.resolve(place).code == code


@pytest.mark.parametrize("place", ["聖馬丁", "圣马丁"])
def test_a_name_two_places_share_without_their_qualifiers_names_neither(place: str) -> None:
    """聖馬丁 (法屬) is Saint-Martin and 聖馬丁 (荷屬) Sint Maarten: the first is covered by
    the EU's arrangement, the second outside it, so the short name must not pick one."""
    with pytest.raises(aeo_mra.UnknownPlaceError):
        aeo_mra.resolve(place)


def test_territory_carries_iso_codes_and_names() -> None:
    germany = aeo_mra.resolve("Germany")
    assert (germany.alpha_3, germany.numeric, germany.name_zh) == ("DEU", "276", "德国")


@pytest.mark.parametrize(
    "place", ["CN", "China", "中国", "CHN", "156", "中华人民共和国", "Mainland China"]
)
def test_china_is_not_its_own_partner(place: str) -> None:
    with pytest.raises(aeo_mra.DomesticPlaceError, match="own customs territory"):
        aeo_mra.check(place)


@pytest.mark.parametrize(
    ("place", "suggestion"),
    [("Germny", "Germany"), ("Swizerland", "Switzerland"), ("Brasil", "Brazil")],
)
def test_a_misspelt_place_raises_with_suggestions(place: str, suggestion: str) -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError) as error:
        aeo_mra.check(place)
    assert isinstance(error.value, LookupError)
    assert isinstance(error.value, aeo_mra.Error)
    assert suggestion in error.value.suggestions
    assert repr(place) in str(error.value)


@pytest.mark.parametrize(
    "place",
    ["", "   ", "Atlantis", "XX", "999", "❹", -276, "-276", "0.56", "27.6"]
    + [pytest.param(p, id=f"huge {type(p).__name__}") for p in ("9" * 5000, "x" * 10**4, 10**5000)],
)
def test_input_naming_no_place_raises_a_short_message(place: str | int) -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError) as error:
        aeo_mra.check(place)
    assert len(str(error.value)) < 300


def test_the_eu_is_a_union_not_a_place() -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError, match="member state") as raised:
        aeo_mra.resolve("European Union")
    # the arrangement's id, for any surface: no Python call in a command line's message
    assert "'EU'" in str(raised.value)
    assert "aeo_mra." not in str(raised.value)


@pytest.mark.parametrize("place", [None, 3.5, b"DE", ["DE"], True])
def test_wrong_types_raise_type_error(place: object) -> None:
    with pytest.raises(TypeError):
        aeo_mra.check(place)  # type: ignore[arg-type]


def test_every_alias_names_a_real_territory(registry: Registry) -> None:
    for alias, code in registry.dataset.aliases.items():
        if code != "CN":
            assert aeo_mra.resolve(alias).code == code, alias


def test_non_partner_answers_not_a_partner() -> None:
    answer = aeo_mra.check("United States")
    assert answer.reason is aeo_mra.Reason.NOT_A_PARTNER
    assert answer.arrangement is None
    assert not answer.qualifies


@pytest.mark.parametrize("number", [4.0, True, 4.0 + 0j])
def test_numbers_equal_to_a_cached_code_still_raise(number: object) -> None:
    assert aeo_mra.check(4).place.code == "AF"
    with pytest.raises(TypeError):
        aeo_mra.check(number)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "place",
    ["n.a.", "N.A.", "n/a", "N/A", "na", "Na", "none", "None", "NULL", "nan", "NaT", "-", "--",
     "?", "TBD", "unknown", "not applicable"],
)  # fmt: skip
def test_a_placeholder_is_refused_not_a_place(place: str) -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError) as error:
        aeo_mra.check(place)
    assert repr(place) in str(error.value)
    assert len(str(error.value)) < 300


@pytest.mark.parametrize(
    "place", ["#N/A", "#n/a", " #N/A ", "'#N/A", "#NAME?", "#REF!", "#VALUE!", "＃VALUE!"]
)
def test_a_spreadsheet_s_error_value_is_refused_with_no_suggestion(place: str) -> None:
    """Excel's ``#N/A`` is its "no value": read as a name, it was close to Namibia. A CSV
    writes it as a text cell (``'#N/A``) too."""
    with pytest.raises(aeo_mra.UnknownPlaceError, match="spreadsheet's error value") as error:
        aeo_mra.check(place)
    assert repr(place) in str(error.value)
    assert error.value.suggestions == ()


@pytest.mark.parametrize(("place", "code"), [("#Germany", "DE"), ("Japan#", "JP"), ("#DE", "DE")])
def test_a_name_with_a_hash_is_read_as_before(place: str, code: str) -> None:
    assert aeo_mra.resolve(place).code == code


@pytest.mark.parametrize(
    "place",
    ["No", "no", "It", "it", "Be", "at", "by", "is", "in", "de", "and", "can", "per", "uk",
     "The uk"],
)  # fmt: skip
def test_a_short_word_is_not_a_code_unless_upper_case(place: str) -> None:
    with pytest.raises(aeo_mra.UnknownPlaceError, match="upper case") as error:
        aeo_mra.resolve(place)
    assert repr(place) in str(error.value)
    upper = place.upper().removeprefix("THE ")
    assert aeo_mra.resolve(upper).code  # written as ISO writes it, the code resolves
    assert repr(upper) in str(error.value)


@pytest.mark.parametrize(
    ("place", "code"), [("NA", "NA"), ("NO", "NO"), ("IT", "IT"), ("IN", "IN")]
)
def test_upper_case_codes_still_resolve(place: str, code: str) -> None:
    assert aeo_mra.resolve(place).code == code
