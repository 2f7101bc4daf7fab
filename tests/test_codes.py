"""AEO codes: every format in the dataset, round trips, random input, declarations."""

from __future__ import annotations

import re
import string
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import Arrangement, CodeFormat, Precision, Verdict, codes
from aeo_mra.codes import (
    AeoCode,
    Declaration,
    DeclarationField,
    InvalidCode,
    InvalidFormat,
    InvalidLength,
    NotDeclarable,
    UnknownPrefix,
)

REGISTRY = aeo_mra._default()
ARRANGEMENTS = REGISTRY.dataset.arrangements
FORMATS = [(a, a.code_format.value) for a in ARRANGEMENTS if a.code_format is not None]
UNPUBLISHED = [a for a in ARRANGEMENTS if a.code_format is None]
PARTNERS = sorted({m.territory for a in ARRANGEMENTS for m in a.members})
NON_PARTNER = next(
    a + b
    for a in string.ascii_uppercase
    for b in string.ascii_uppercase
    if a + b not in PARTNERS and a + b != "CN"
)
RULE_CHANGE = date(2018, 11, 1)
OVERSEAS = DeclarationField.OVERSEAS_CONSIGNOR_CONSIGNEE_CODE


def _places(arrangement: Arrangement) -> list[str]:
    return [m.territory for m in arrangement.members]


def _with_place(arrangement: Arrangement, shape: CodeFormat) -> bool:
    """Whether the published codes begin with the place code (Hong Kong's do not)."""
    return shape.example[:2] in _places(arrangement)


def _sample(arrangement: Arrangement, place: str) -> str:
    """A valid code of ``place`` under ``arrangement``, from the data."""
    if arrangement.code_format is None:
        return place + "12345"
    example = arrangement.code_format.value.example
    return (
        place + example[2:] if _with_place(arrangement, arrangement.code_format.value) else example
    )


SAMPLES = [(a, p, _sample(a, p)) for a in ARRANGEMENTS for p in _places(a)]
CHINA_SPELLINGS = [
    "aeocn 0123456789",
    "AEOCN0123456789",
    "CN0123456789",
    "cn-0123-456-789",
    "ＡＥＯＣＮ０１２３４５６７８９",
    "AEO<AEOCN0123456789>",
]
ALL_CODES = [code for _, _, code in SAMPLES] + CHINA_SPELLINGS


def _ids(items: list[tuple[Arrangement, CodeFormat]]) -> list[str]:
    return [a.id for a, _ in items]


# -- every format in the dataset -------------------------------------------------------


@pytest.mark.parametrize(("arrangement", "shape"), FORMATS, ids=_ids(FORMATS))
def test_example_is_valid(arrangement: Arrangement, shape: CodeFormat) -> None:
    parsed = codes.parse(shape.example)
    assert parsed.arrangement == arrangement.id
    assert parsed.place in _places(arrangement)
    assert parsed.verified is shape.verified
    assert codes.validate(shape.example) == parsed.code == shape.example
    assert codes.is_valid(shape.example)
    written = " ".join(shape.example.lower())
    assert codes.validate(written) == shape.example


@pytest.mark.parametrize(("arrangement", "shape"), FORMATS, ids=_ids(FORMATS))
def test_example_is_valid_with_its_place_code(arrangement: Arrangement, shape: CodeFormat) -> None:
    """Codes published without a place code are read with one too (the 2018 form)."""
    if _with_place(arrangement, shape):
        return
    place = _places(arrangement)[0]
    assert codes.parse(place + shape.example) == codes.parse(shape.example)


def _mutations(arrangement: Arrangement, shape: CodeFormat) -> list[tuple[str, type[InvalidCode]]]:
    """Codes made from the example that the pattern rejects, and the error each deserves."""
    example = shape.example
    last = "X" if example[-1].isdigit() else "0"
    candidates: list[tuple[str, type[InvalidCode]]] = [
        (example + "0" * 40, InvalidLength),
        (example[:2], InvalidLength),
        (example[:-1] + last, InvalidFormat),
        (example + "#", InvalidFormat),
        (NON_PARTNER + example[2:], UnknownPrefix),
    ]
    return [(code, error) for code, error in candidates if not _accepts(arrangement, shape, code)]


def _accepts(arrangement: Arrangement, shape: CodeFormat, code: str) -> bool:
    """Whether the data allows ``code`` as a code of ``arrangement``'s places."""
    places = _places(arrangement)
    if _with_place(arrangement, shape):
        return code[:2] in places and re.fullmatch(shape.pattern, code) is not None
    with_place = code[:2] in places and re.fullmatch(shape.pattern, code[2:]) is not None
    return with_place or re.fullmatch(shape.pattern, code) is not None


MUTATIONS = [
    pytest.param(a, s, code, error, id=f"{a.id}-{code}")
    for a, s in FORMATS
    for code, error in _mutations(a, s)
]


@pytest.mark.parametrize(("arrangement", "shape", "code", "error"), MUTATIONS)
def test_mutated_example_is_invalid(
    arrangement: Arrangement, shape: CodeFormat, code: str, error: type[InvalidCode]
) -> None:
    with pytest.raises(error) as caught:
        codes.validate(code)
    message = str(caught.value)
    assert message.startswith(f"{code!r} is not a valid AEO code: ")
    assert caught.value.code == code
    if error is UnknownPrefix:
        assert NON_PARTNER in message
    elif error is not InvalidFormat or "#" not in code:
        assert shape.description in message
    assert not codes.is_valid(code)


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("SG12345678901X", "(not 'X' after 'SG12345678901')"),
        ("AEO<SG 1234 5678 901X>", "(not 'X' after 'SG12345678901')"),  # as compacted
        ("RSAEOX123456789012345678901234", "(not 'X' after 'RSAEO')"),
        ("DE12#3", "(not '#')"),
    ],
)
def test_an_invalid_format_names_the_character_that_does_not_fit(code: str, named: str) -> None:
    with pytest.raises(InvalidFormat) as caught:
        codes.validate(code)
    assert str(caught.value).endswith(named)


def test_every_format_has_mutations() -> None:
    for arrangement, shape in FORMATS:
        errors = {error for _, error in _mutations(arrangement, shape)}
        assert errors >= {InvalidLength, UnknownPrefix}, arrangement.id


def test_singapore_message_names_the_format() -> None:
    with pytest.raises(InvalidLength, match=r"SG codes are SG followed by 12 digits"):
        codes.validate("SG12345")


@pytest.mark.parametrize("arrangement", UNPUBLISHED, ids=[a.id for a in UNPUBLISHED])
def test_unpublished_format_accepts_a_place_code_and_letters_or_digits(
    arrangement: Arrangement,
) -> None:
    for place in _places(arrangement):
        parsed = codes.parse(place.lower() + "-12ab5")
        assert (parsed.code, parsed.place, parsed.number) == (place + "12AB5", place, "12AB5")
        assert parsed.arrangement == arrangement.id
        assert parsed.verified is False
        assert codes.is_valid(place + "1" * 20)
        with pytest.raises(InvalidLength, match="not published"):
            codes.validate(place + "1" * 21)


def test_eu_codes_take_any_member_state_prefix() -> None:
    eu = REGISTRY.arrangement("EU")
    for place in _places(eu):
        parsed = codes.parse(place + "123456789")
        assert (parsed.place, parsed.arrangement) == (place, "EU")


# -- China's own codes -----------------------------------------------------------------


@pytest.mark.parametrize("spelling", CHINA_SPELLINGS)
def test_china_codes_in_either_spelling(spelling: str) -> None:
    assert codes.validate(spelling) == "AEOCN0123456789"
    assert codes.parse(spelling) == AeoCode("AEOCN0123456789", "CN", "0123456789", None, True)


@pytest.mark.parametrize("code", ["AEOCN012345678", "AEOCN01234567890", "CN123", "AEOCN"])
def test_china_codes_have_ten_characters(code: str) -> None:
    with pytest.raises(InvalidLength, match="AEOCN followed by the 10-character enterprise code"):
        codes.validate(code)


# -- normalisation, errors, types ------------------------------------------------------


def test_compact() -> None:
    assert codes.compact(" sg 1234-5678 9012 ") == "SG123456789012"
    assert codes.compact("ＳＧ１２３") == "SG123"
    assert codes.compact("AEO<CHE-123.456.789>") == "CHE123456789"


@pytest.mark.parametrize("code", ["", "-", "  "])
def test_empty_code(code: str) -> None:
    with pytest.raises(InvalidLength):
        codes.validate(code)


def test_exception_hierarchy() -> None:
    for error in (InvalidFormat, InvalidLength, UnknownPrefix):
        assert issubclass(error, InvalidCode)
    for error in (InvalidCode, NotDeclarable):
        assert issubclass(error, aeo_mra.Error)
        assert issubclass(error, ValueError)
    assert not issubclass(NotDeclarable, InvalidCode)


@pytest.mark.parametrize("value", [None, 123, b"SG123456789012", ["SG123456789012"]])
@pytest.mark.parametrize(
    "function", [codes.compact, codes.validate, codes.is_valid, codes.format, codes.parse]
)
def test_non_strings_are_type_errors(function: object, value: object) -> None:
    with pytest.raises(TypeError, match="an AEO code is a string"):
        function(value)  # type: ignore[operator]


@pytest.mark.parametrize("on", ["2020-01-01", 20200101])
def test_dates_must_be_dates(on: object) -> None:
    with pytest.raises(TypeError):
        codes.validate("SG123456789012", on=on)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        codes.declaration("SG123456789012", on)  # type: ignore[arg-type]


# -- validity on a date ----------------------------------------------------------------


def _left() -> list[tuple[Arrangement, str, date]]:
    return [(a, m.territory, m.until.value) for a in ARRANGEMENTS for m in a.members if m.until]


@pytest.mark.parametrize(("arrangement", "place", "until"), _left())
def test_codes_of_places_that_left_are_valid_until_they_left(
    arrangement: Arrangement, place: str, until: date
) -> None:
    code = _sample(arrangement, place)
    assert codes.validate(code, on=until) == codes.validate(code)
    with pytest.raises(UnknownPrefix, match=f"last covered .* on {until}") as caught:
        codes.validate(code, on=until + timedelta(days=1))
    assert caught.value.on == until + timedelta(days=1)
    assert codes.is_valid(code)  # without a date, any place ever covered will do


def test_codes_are_not_valid_before_signing() -> None:
    for arrangement, place, code in SAMPLES:
        signed = arrangement.signed.value
        if signed.precision is Precision.DAY and signed.earliest is not None:
            day = signed.earliest
            if place not in arrangement.covered(day):
                continue
            assert codes.is_valid(code, on=day)
            assert not codes.is_valid(code, on=day - timedelta(days=1))


# -- round trips and random input ------------------------------------------------------


@pytest.mark.parametrize("code", ALL_CODES)
def test_round_trip(code: str) -> None:
    parsed = codes.parse(code)
    assert codes.format(parsed) == codes.validate(code) == codes.format(code) == str(parsed)
    assert codes.parse(codes.format(parsed)) == parsed
    assert codes.validate(codes.validate(code)) == codes.validate(code)


@given(st.text(max_size=40))
def test_random_strings_raise_only_invalid_code(text: str) -> None:
    try:
        parsed = codes.parse(text)
    except InvalidCode:
        assert not codes.is_valid(text)
        return
    assert codes.is_valid(text)
    assert codes.validate(text) == codes.format(parsed) == parsed.code
    assert codes.parse(parsed.code) == parsed


code_like = st.builds(
    str.__add__,
    st.sampled_from([*PARTNERS, "AEOCN", "CN", NON_PARTNER, "", "AEO<"]),
    st.text(alphabet=string.digits + "AEFSXZ -.>#", max_size=32),
)


@given(code_like)
def test_code_like_strings_raise_only_invalid_code(text: str) -> None:
    if not codes.is_valid(text):
        with pytest.raises(InvalidCode) as caught:
            codes.parse(text)
        assert caught.value.code == text
        return
    parsed = codes.parse(text)
    assert codes.parse(codes.format(parsed)) == parsed


@given(st.data())
def test_codes_matching_a_format_are_valid(data: st.DataObject) -> None:
    arrangement, shape = data.draw(st.sampled_from(FORMATS))
    code = data.draw(st.from_regex(re.compile(shape.pattern, re.ASCII), fullmatch=True))
    places = _places(arrangement)
    if _with_place(arrangement, shape) and code[:2] not in places:
        code = data.draw(st.sampled_from(places)) + code[2:]
    assume(re.fullmatch(shape.pattern, code))
    parsed = codes.parse(code)
    assert (parsed.arrangement, parsed.verified) == (arrangement.id, shape.verified)
    assert parsed.place in places


# -- declarations ----------------------------------------------------------------------


def test_singapore_declaration_before_and_after_2018_11_01() -> None:
    before = codes.declaration("sg 1234 5678 9012", date(2018, 10, 31))
    assert before == Declaration("AEO<SG123456789012>", DeclarationField.REMARKS)
    after = codes.declaration("SG123456789012", date(2018, 11, 1))
    assert after == Declaration("SG123456789012", OVERSEAS)
    assert str(after).startswith("SG123456789012 in the overseas consignor/consignee code field")
    assert after.field.name_zh == "境外收发货人编码"
    assert before.field.name_zh == "备注栏"


IMPLEMENTED = [
    (a, p, code)
    for a, p, code in SAMPLES
    if a.implemented is not None
    and not a.implemented.inferred
    and a.implemented.value.latest
    and p in a.covered(a.implemented.value.latest)
]


@pytest.mark.parametrize(
    ("arrangement", "place", "code"),
    [s for s in SAMPLES if s[0].implemented is not None and s[0].implemented.inferred],
)
def test_no_declaration_on_an_inferred_implementation(
    arrangement: Arrangement, place: str, code: str
) -> None:
    """A probable yes is no instruction to declare: as inside a window of days."""
    assert arrangement.implemented is not None
    day = arrangement.implemented.value.latest or REGISTRY.reviewed
    assert aeo_mra.check(place, day).verdict is aeo_mra.Verdict.PROBABLY
    with pytest.raises(NotDeclarable, match=r"only an inference says the .* was in effect on") as e:
        codes.declaration(code, day)
    assert "Chinese" not in e.value.reason  # of the arrangement, not of a Chinese operator


@pytest.mark.parametrize(("arrangement", "place", "code"), IMPLEMENTED)
def test_declaration_by_date(arrangement: Arrangement, place: str, code: str) -> None:
    assert arrangement.implemented is not None
    start = arrangement.implemented.value.latest
    assert start is not None
    parsed = codes.parse(code)
    after = max(start, RULE_CHANGE)
    assert codes.declaration(code, after) == Declaration(place + parsed.number, OVERSEAS)
    assert codes.declaration(parsed, datetime.combine(after, datetime.min.time())).text == (
        place + parsed.number
    )
    if start < RULE_CHANGE:
        expected = Declaration(f"AEO<{parsed.code}>", DeclarationField.REMARKS)
        assert codes.declaration(code, start) == expected
        assert codes.declaration(code, RULE_CHANGE - timedelta(days=1)) == expected
    if arrangement.is_signed(start - timedelta(days=1)):
        when = arrangement.implemented.value
        uncertain = when.possible_by(start - timedelta(days=1))
        took_effect = f"implemented {when}" if uncertain else f"benefits start {when.phrase}"
        with pytest.raises(NotDeclarable, match=re.escape(took_effect)):
            codes.declaration(code, start - timedelta(days=1))


@pytest.mark.parametrize(
    ("arrangement", "place", "code"), [s for s in SAMPLES if s[0].implemented is None]
)
def test_no_declaration_before_implementation(
    arrangement: Arrangement, place: str, code: str
) -> None:
    with pytest.raises(NotDeclarable, match="no implementation has been found"):
        codes.declaration(code, REGISTRY.reviewed)


@pytest.mark.parametrize("spelling", CHINA_SPELLINGS)
def test_china_codes_are_not_declared_in_china(spelling: str) -> None:
    with pytest.raises(NotDeclarable, match="China's own AEO code"):
        codes.declaration(spelling, date(2020, 1, 1))


@pytest.mark.parametrize(("arrangement", "place", "until"), _left())
def test_no_declaration_after_a_place_left(
    arrangement: Arrangement, place: str, until: date
) -> None:
    code = _sample(arrangement, place)
    assert codes.declaration(code, until).field is OVERSEAS or until < RULE_CHANGE
    with pytest.raises(UnknownPrefix):
        codes.declaration(code, until + timedelta(days=1))


@given(
    st.sampled_from([code for _, _, code in SAMPLES]),
    st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31)),
)
def test_declaration_is_an_answer_or_a_documented_error(code: str, on: date) -> None:
    try:
        answer = codes.declaration(code, on)
    except (NotDeclarable, UnknownPrefix):
        return
    parsed = codes.parse(code)
    assert parsed.arrangement is not None
    assert REGISTRY.arrangement(parsed.arrangement).is_implemented(on)
    if on < RULE_CHANGE:
        assert answer == Declaration(f"AEO<{parsed.code}>", DeclarationField.REMARKS)
    else:
        assert answer == Declaration(parsed.place + parsed.number, OVERSEAS)


@pytest.mark.parametrize(
    "written", ["AEOSG123456789012", "AEO SG123456789012", "aeo-au12345678901"]
)
def test_the_remarks_form_without_brackets_is_the_partners_code(written: str) -> None:
    assert codes.parse(written) == codes.parse(written.upper().replace("AEO", "AEO<", 1) + ">")
    assert codes.parse(written).place != "AE"


@pytest.mark.parametrize(
    ("written", "error"),
    [("AEOCM0123456789", InvalidFormat), ("AEO", InvalidLength), ("aeo 123", InvalidFormat),
     ("AEOO12345", InvalidFormat)],
)  # fmt: skip
def test_aeo_before_no_valid_code_is_an_error(written: str, error: type[InvalidCode]) -> None:
    assert any(a.code_format is None for a in UNPUBLISHED if "AE" in _places(a))
    with pytest.raises(error) as caught:
        codes.validate(written)
    message = str(caught.value)
    assert message.startswith(f"{written!r} is not a valid AEO code: ")
    assert "AEOCN followed by 10 characters" in message
    assert all(place in message for place in PARTNERS)
    assert not codes.is_valid(written)
    with pytest.raises(error):
        codes.declaration(written, date(2024, 1, 1))


def test_aeo_before_a_mistyped_partner_code_names_that_format() -> None:
    with pytest.raises(InvalidLength, match="SG codes are SG followed by 12 digits"):
        codes.validate("AEOSG123")


@pytest.mark.parametrize("separator", [" ", "-", ".", "\u2013", "\t"])
def test_spaces_hyphens_and_dots_are_ignored(separator: str) -> None:
    assert codes.validate(f"AEOCN{separator}0123{separator}456789") == "AEOCN0123456789"


@pytest.mark.parametrize("separator", ["_", "/", ",", "+"])
def test_other_separators_are_refused_with_a_message_that_names_the_accepted_ones(
    separator: str,
) -> None:
    written = f"AEOCN{separator}0123456789"
    with pytest.raises(InvalidFormat, match="with or without spaces, hyphens or dots"):
        codes.validate(written)


def test_a_loaded_dataset_brings_its_own_code_formats(tmp_path: Path) -> None:
    bundled = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"
    text = bundled.read_text(encoding="utf-8").replace(
        'pattern = "NZ[0-9]{1,10}", prefix = "included", example = "NZ1234"',
        'pattern = "NZ[0-9]{12}", prefix = "included", example = "NZ123456789012"',
        1,
    )
    (tmp_path / "nz.toml").write_text(text, encoding="utf-8")
    custom = aeo_mra.load(tmp_path / "nz.toml")
    assert codes.is_valid("NZ1234")
    assert not codes.is_valid("NZ1234", registry=custom)
    assert codes.parse("NZ123456789012", registry=custom).arrangement == "NZ"
    with pytest.raises(codes.InvalidLength):
        codes.declaration("NZ1234", date(2020, 1, 1), registry=custom)


def test_a_registry_that_is_not_one_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="registry"):
        codes.validate("SG123456789012", registry="bundled")  # type: ignore[arg-type]


def test_a_prefix_no_code_has_is_refused_without_denying_the_place_s_coverage() -> None:
    """Monaco is covered through the EU arrangement, but its operators' codes are French:
    the error says no code begins with MC, not that Monaco is no partner's."""
    assert aeo_mra.check("MC", on=date(2020, 1, 1)).verdict is not Verdict.NO
    with pytest.raises(codes.UnknownPrefix) as caught:
        codes.validate("MC12345")
    assert "no AEO code China's customs reads begins with MC (Monaco)" in str(caught.value)
    assert "not a place covered" not in str(caught.value)
    with pytest.raises(codes.InvalidLength, match=r"\(not 1 character\)$"):
        codes.validate("C")
