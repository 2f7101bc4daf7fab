"""AEO codes: parse, validate and format them, and say what to type in a Chinese declaration.

The verbs are python-stdnum's: [`compact`][aeo_mra.codes.compact] removes what
people add when writing a code down, [`validate`][aeo_mra.codes.validate] returns the
code in its normal form or raises, [`is_valid`][aeo_mra.codes.is_valid] says whether it
would, [`format`][aeo_mra.codes.format] gives the code as it is written, and
[`parse`][aeo_mra.codes.parse] takes it apart into an [`AeoCode`][aeo_mra.codes.AeoCode].

>>> from aeo_mra import codes
>>> codes.validate("aeocn 0123456789")
'AEOCN0123456789'
>>> codes.validate("CN0123456789")  # the older spelling of China's own codes
'AEOCN0123456789'
>>> codes.parse("SG 1234 5678 9012")  # doctest: +NORMALIZE_WHITESPACE
AeoCode(code='SG123456789012', place='SG', number='123456789012', arrangement='SG',
        verified=True)
>>> codes.is_valid("SG12345")
False
>>> codes.validate("SG12345")  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
aeo_mra.codes.InvalidLength: 'SG12345' is not a valid AEO code: SG codes are SG followed
by 12 digits, e.g. SG123456789012 (14 characters, not 7)

What goes into a Chinese declaration depends on the day: the remarks column before
2018-11-01, the overseas consignor/consignee code field from then on.

>>> from datetime import date
>>> print(codes.declaration("SG123456789012", date(2018, 10, 31)))
AEO<SG123456789012> in the remarks column (备注栏)
>>> codes.declaration("SG123456789012", date(2018, 11, 1)).text
'SG123456789012'

Partner codes are checked against each arrangement's ``code_format`` in the bundled
data. Where no format is published, a covered place's two-letter code followed by 1 to 20
letters or digits is accepted, and [`AeoCode.verified`][aeo_mra.codes.AeoCode] is ``False``.
A code beginning with ``AEO`` is China's own or a partner's code in the remarks form with
its brackets lost, never the UAE's ``AE`` followed by ``O…``:

>>> codes.validate("AEOSG123456789012")
'SG123456789012'
>>> codes.is_valid("AEOCM0123456789")
False
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from ._dates import as_date, day_or_today
from ._eligibility import Reason
from ._explain import _dates, counted, why
from ._limits import MAX_CODE
from ._patterns import misfit, widths
from .errors import Error, _quoted
from .model import CodePrefix, DeclarationField, Record
from .registry import Registry, registry_or_default

if TYPE_CHECKING:
    from .model import Arrangement

__all__ = [
    "PLACE_CODE_FIELD_SINCE",
    "AeoCode",
    "Declaration",
    "DeclarationField",
    "InvalidCode",
    "InvalidFormat",
    "InvalidLength",
    "NotDeclarable",
    "UnknownPrefix",
    "compact",
    "declaration",
    "format",
    "is_valid",
    "parse",
    "validate",
]

_CHINA = "CN"
_CHINA_PREFIX = "AEOCN"
_CHINA_NUMBER = re.compile(r"[0-9A-Z]{10}", re.ASCII)
_CHINA_EXPECTED = (
    "China's own codes are AEOCN followed by the 10-character enterprise code registered "
    "with China's customs (older texts write CN and the 10 characters), e.g. AEOCN0123456789"
)
_ANY_NUMBER = "[0-9A-Z]{1,20}"
_LETTERS_AND_DIGITS = re.compile(r"[0-9A-Z]*", re.ASCII)
# Spaces, hyphens and other dashes, and dots (Swiss numbers are written CHE-123.456.789).
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")
_ONLY_LETTERS_AND_DIGITS = (
    "AEO codes have only letters and digits, written with or without spaces, hyphens or dots "
    "between them"
)
# Where the bundled data first puts partners' codes in the overseas consignor/consignee field.
_PLACE_CODE_FIELD = DeclarationField.OVERSEAS_CONSIGNOR_CONSIGNEE_CODE
# What check() answers for a place no arrangement covered on the day.
_NOT_COVERED = frozenset(
    {Reason.NOT_A_PARTNER, Reason.NOT_YET_SIGNED, Reason.NOT_YET_COVERED, Reason.NO_LONGER_COVERED,
     Reason.OUTSIDE_TERRITORY, Reason.COVERAGE_UNKNOWN}
)  # fmt: skip


def __getattr__(name: str) -> date:
    if name == "PLACE_CODE_FIELD_SINCE":
        rule = next(r for r in _index(None).rules if r.field is _PLACE_CODE_FIELD)
        assert rule.since is not None
        return rule.since
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    PLACE_CODE_FIELD_SINCE: date
    """The first day partners' codes go in the overseas consignor/consignee code field, as
    GACC announcement 2018 No. 131 (issued 2018-10-15) set (read from the bundled data)."""


# -- errors ----------------------------------------------------------------------------


class InvalidCode(Error, ValueError):
    """A string that is not a valid AEO code.

    Attributes:
        code: The input as given.
        expected: What a valid code would have looked like.
    """

    def __init__(self, code: object, expected: str) -> None:
        self.code = code
        self.expected = expected
        super().__init__(f"{_quoted(code)} is not a valid AEO code: {expected}")


class InvalidFormat(InvalidCode):
    """The code has characters that its format does not allow where they stand."""


class InvalidLength(InvalidCode):
    """The code is too short or too long for its format."""


class UnknownPrefix(InvalidCode):
    """The code does not begin with the code of a partner of China's customs.

    Either the prefix names no place covered by an arrangement, or (when a date is
    given) the place was not covered on that date.

    Attributes:
        prefix: The two characters the code begins with.
        on: The date asked about, or ``None``.
    """

    def __init__(self, code: object, expected: str, prefix: str, on: date | None = None) -> None:
        self.prefix = prefix
        self.on = on
        super().__init__(code, expected)


class NotDeclarable(Error, ValueError):
    """A valid code that is not entered in a Chinese declaration on that date.

    China's own codes (AEOCN…) are given to partners abroad, and a partner's code has
    no place in a declaration before the partner's arrangement took effect.

    Attributes:
        code: The code as given.
        on: The date asked about.
        reason: Why it is not entered, e.g. the arrangement has not taken effect.
    """

    def __init__(self, code: object, on: date, reason: str) -> None:
        self.code = code
        self.on = on
        self.reason = reason
        super().__init__(
            f"{_quoted(code)} is not entered in a Chinese declaration on {on}: {reason}"
        )


# -- results ---------------------------------------------------------------------------


@attrs.frozen(eq=False, repr=False)
class AeoCode(Record):
    """An AEO code taken apart.

    Attributes:
        code: The code in its normal form, as [`format`][aeo_mra.codes.format] gives it.
        place: The ISO 3166-1 alpha-2 code of the place whose customs issued it
            (``CN`` for China's own codes).
        number: The enterprise number: the code without the place code (without
            ``AEOCN`` for China's own codes).
        arrangement: The id of the arrangement whose code format the code is written in
            (on any day: [`validate`][aeo_mra.codes.validate] says whether it counted on
            one), or ``None`` for China's own codes.
        verified: Whether an announcement gives the format (``False``: only a place code
            followed by letters and digits was checked).
    """

    code: str
    place: str
    number: str
    arrangement: str | None
    verified: bool

    def __str__(self) -> str:
        return self.code


@attrs.frozen(eq=False, repr=False)
class Declaration(Record):
    """What to type in a Chinese declaration for a partner's AEO code, and where.

    Attributes:
        text: The exact string, e.g. ``SG123456789012`` or ``AEO<SG123456789012>``.
        field: The field it goes in.
    """

    text: str
    field: DeclarationField

    def __str__(self) -> str:
        return f"{self.text} in {self.field.description}"


# -- the verbs -------------------------------------------------------------------------


def compact(code: str) -> str:
    """The code without separators, in upper case.

    Full-width characters become ASCII (NFKC), spaces, hyphens, dashes and dots go, and
    the remarks-column wrapper ``AEO<…>`` of older declarations is taken off. Nothing is
    checked.

    >>> compact("ｓｇ 1234-5678-9012")
    'SG123456789012'
    >>> compact("AEO<CHE-123.456.789>")
    'CHE123456789'

    Raises:
        TypeError: ``code`` is not a string.
    """
    text = unicodedata.normalize("NFKC", _text(code)).upper()
    text = _SEPARATORS.sub("", text)
    start, end = 0, len(text)  # wrappers counted, then cut once: linear however deep
    while text.startswith("AEO<", start, end) and text.endswith(">", start, end):
        start, end = start + 4, end - 1
    return text[start:end]


def validate(code: str, on: date | None = None, *, registry: Registry | None = None) -> str:
    """The code in its normal form, or an error saying what is wrong with it.

    Args:
        code: The code, in any case, with or without spaces, hyphens and dots.
        on: If given, the code's place must be covered by a signed arrangement on that
            day. ``None`` (the default) checks no date: any place an arrangement has
            covered will do.
        registry: Whose arrangements and code formats to use (default: the bundled
            data; pass one from [`load`][aeo_mra.load] for a dataset of your own).

    >>> validate("il 123 456 789")
    'IL123456789'

    Raises:
        InvalidLength: Too short or too long for its format.
        InvalidFormat: Characters its format does not allow.
        UnknownPrefix: It does not begin with a partner's code (on ``on``, if given).
        TypeError: ``code`` is not a string or ``on`` is not a date.
    """
    return _parse(code, None if on is None else as_date(on), registry).code


def is_valid(code: str, on: date | None = None, *, registry: Registry | None = None) -> bool:
    """Whether [`validate`][aeo_mra.codes.validate] accepts the code (same arguments).

    >>> is_valid("AU12345678901"), is_valid("AU1234")
    (True, False)

    Raises:
        TypeError: ``code`` is not a string or ``on`` is not a date.
    """
    try:
        validate(code, on=on, registry=registry)
    except InvalidCode:
        return False
    return True


def format(code: str | AeoCode, *, registry: Registry | None = None) -> str:
    """The code as it is written: no separators, China's own codes as ``AEOCN…``.

    >>> format("cn 0123456789")
    'AEOCN0123456789'

    Raises:
        InvalidCode: The code is not valid, as [`validate`][aeo_mra.codes.validate] says.
        TypeError: ``code`` is not a string.
    """
    if isinstance(code, AeoCode):
        return code.code
    return parse(code, registry=registry).code


def parse(code: str, *, registry: Registry | None = None) -> AeoCode:
    """The code taken apart: issuing place, enterprise number, arrangement.

    Args:
        code: The code, in any case, with or without spaces, hyphens and dots.
        registry: Whose arrangements and code formats to use (default: the bundled
            data; pass one from [`load`][aeo_mra.load] for a dataset of your own).

    >>> parse("AEOCN0123456789")  # doctest: +NORMALIZE_WHITESPACE
    AeoCode(code='AEOCN0123456789', place='CN', number='0123456789', arrangement=None,
            verified=True)
    >>> parse("RU 12345").verified
    False

    Raises:
        InvalidCode: The code is not valid, as [`validate`][aeo_mra.codes.validate] says.
        TypeError: ``code`` is not a string.
    """
    return _parse(code, None, registry)


def declaration(
    code: str | AeoCode, on: date | None = None, *, registry: Registry | None = None
) -> Declaration:
    """What to type for a partner's AEO code in a Chinese declaration on ``on``, and where.

    ``on`` is the day of the declaration (default: today).

    The dataset's declaration rules say where and how: in the bundled data, from
    2018-11-01 (GACC announcement 2018 No. 131) the place code followed by the enterprise
    code goes in the overseas consignor/consignee code field (境外收发货人编码) and in the
    manifest's AEO code fields; before that, ``AEO<`` + code + ``>`` in the remarks column
    (备注栏). ``registry`` is as for [`parse`][aeo_mra.codes.parse].

    >>> declaration("nz1234", date(2017, 7, 1)).text
    'AEO<NZ1234>'

    Raises:
        NotDeclarable: ``code`` is China's own code, or the partner's arrangement had not
            taken effect on ``on``, or only an inference says it had (Iran's).
        UnknownPrefix: The code's place was not covered by an arrangement on ``on``.
        InvalidLength, InvalidFormat: As for [`validate`][aeo_mra.codes.validate].
        TypeError: ``code`` is not a string or ``on`` is not a date.
    """
    day = day_or_today(on)
    given = code.code if isinstance(code, AeoCode) else code
    parsed = _parse(given, day, registry)
    if parsed.arrangement is None:
        raise NotDeclarable(
            given,
            day,
            "it is China's own AEO code, which Chinese AEOs give to their partners abroad "
            "for the partner's customs; only partners' codes are entered in China",
        )
    index = _index(registry)
    answer = index.registry.check(parsed.place, on=day)
    if answer.reason is Reason.SIGNED_NOT_IMPLEMENTED:
        raise NotDeclarable(given, day, why(answer))
    if not answer.qualifies and answer.arrangement is not None:  # an inference: no instruction
        arrangement = answer.arrangement
        inferred = f"only an inference says the {arrangement.name} was in effect on {day}"
        raise NotDeclarable(given, day, f"{inferred} ({_dates(arrangement)})")
    rule = next(r for r in index.rules if r.in_force(day))
    text = rule.form.format(code=parsed.code, place=parsed.place, number=parsed.number)
    return Declaration(text, rule.field)


# -- how codes are matched -------------------------------------------------------------


@attrs.frozen
class _Rule:
    """How one arrangement's partner codes are written.

    ``prefix`` says what ``regex`` matches: the whole code (``INCLUDED``), what follows
    the place code (``SEPARATE``), or a code with no place code (``NONE``, whose one place
    is ``bare``).
    """

    arrangement: Arrangement
    places: tuple[str, ...]
    regex: re.Pattern[str]
    prefix: CodePrefix
    widths: tuple[int, int | None]
    description: str
    example: str
    verified: bool

    @property
    def bare(self) -> str | None:
        """The place of a code written without a place code, or ``None``."""
        return self.places[0] if self.prefix is CodePrefix.NONE else None

    def matched(self, code: str) -> str:
        """The part of ``code``, which begins with a place code, the pattern must match."""
        return code if self.prefix is CodePrefix.INCLUDED else code[2:]

    def code(self, place: str, number: str) -> str:
        return number if self.bare else place + number

    def expected(self, place: str) -> str:
        if self.bare:
            return (
                f"{place} codes are {self.description}, with or without {place} before it, "
                f"e.g. {self.example}"
            )
        return f"{place} codes are {self.description}, e.g. {self.example}"


def _declared(
    code: AeoCode, day: date, registry: Registry
) -> tuple[Declaration | None, str | None]:
    """What to declare for a valid ``code`` on ``day``, or why nothing is declared."""
    try:  # declaration() also checks that the code's place is a partner on the day
        return declaration(code, day, registry=registry), None
    except NotDeclarable as error:  # China's own code, or not (firmly) in effect
        return None, error.reason


def _rule(arrangement: Arrangement) -> _Rule:
    places = tuple(m.territory for m in arrangement.members)
    fact = arrangement.code_format
    if fact is None:
        description = (
            f"{places[0] if len(places) == 1 else 'the place code'} followed by 1 to 20 "
            f"letters or digits ({arrangement.partner}'s format is not published)"
        )
        return _Rule(
            arrangement, places, re.compile(_ANY_NUMBER, re.ASCII), CodePrefix.SEPARATE,
            widths(_ANY_NUMBER), description, places[0] + "12345", False,
        )  # fmt: skip
    shape = fact.value
    return _Rule(
        arrangement, places, re.compile(shape.pattern, re.ASCII), shape.prefix,
        widths(shape.pattern), shape.description, shape.example, shape.verified,
    )  # fmt: skip


def _length_text(widths: tuple[int, int | None]) -> str:
    low, high = widths
    if high is None:
        return f"at least {low} characters"
    if low == high:
        return f"{low} characters"
    return f"{low} to {high} characters"


def _fits(widths: tuple[int, int | None], length: int) -> bool:
    low, high = widths
    return low <= length and (high is None or length <= high)


class _CodeRules:
    """The code rules of a registry's arrangements by place, and its declaration rules."""

    def __init__(self, registry: Registry) -> None:
        # Weak: the rules are cached by registry in a WeakKeyDictionary, whose values must
        # not refer to their key, or no registry used with codes would ever be freed.
        self._registry = weakref.ref(registry)
        self.by_place: dict[str, list[_Rule]] = {}
        self.bare: list[_Rule] = []
        for arrangement in registry.dataset.arrangements:
            rule = _rule(arrangement)
            for place in rule.places:
                self.by_place.setdefault(place, []).append(rule)
            if rule.bare:
                self.bare.append(rule)
        self.partners = tuple(sorted(self.by_place))
        self.rules = registry.dataset.declaration_rules

    @property
    def registry(self) -> Registry:
        """The registry, alive while a caller that passed it runs."""
        registry = self._registry()
        assert registry is not None
        return registry


_INDEXES: weakref.WeakKeyDictionary[Registry, _CodeRules] = weakref.WeakKeyDictionary()


def _index(registry: Registry | None) -> _CodeRules:
    """The code rules of ``registry`` (``None``: the bundled data's), built on first use."""
    registry = registry_or_default(registry)
    try:
        return _INDEXES[registry]
    except KeyError:  # two threads may both build it; either result will do
        index = _INDEXES[registry] = _CodeRules(registry)
        return index


def _parse(given: object, on: date | None, registry: Registry | None) -> AeoCode:
    if len(_text(given)) > MAX_CODE:
        raise InvalidLength(
            given, f"an AEO code, however written, is at most {MAX_CODE} characters long"
        )
    code = compact(_text(given))
    if not code:
        raise InvalidLength(given, "an AEO code is the issuing place's code and a number")
    if not _LETTERS_AND_DIGITS.fullmatch(code):
        odd = next(c for c in code if not _LETTERS_AND_DIGITS.fullmatch(c))
        raise InvalidFormat(given, f"{_ONLY_LETTERS_AND_DIGITS} (not {odd!r})")
    for prefix in (_CHINA_PREFIX, _CHINA):
        if code.startswith(prefix):
            number = code[len(prefix) :]
            if not _CHINA_NUMBER.fullmatch(number):
                counts = f"10 characters after {prefix}, not {len(number)}"
                raise InvalidLength(given, f"{_CHINA_EXPECTED} ({counts})")
            return AeoCode(_CHINA_PREFIX + number, _CHINA, number, None, True)
    index = _index(registry)
    if code.startswith("AEO"):
        # The remarks form AEO<…> with its brackets lost: AEOSG… is Singapore's, and an
        # AEO… code is never read as the UAE's AE followed by O….
        code = code[3:]
        found = _matches(index, code)
        if not found:
            raise _not_after_aeo(index, given, code)
    else:
        found = _matches(index, code)
    if not found:
        raise _mismatch(index, given, code)
    if on is not None:
        answer = index.registry.check(found[0][1], on=on)
        if answer.reason in _NOT_COVERED:
            place = found[0][1]
            expected = f"{place} was not covered by an AEO arrangement of China's customs on {on}"
            raise UnknownPrefix(given, f"{expected}: {why(answer)}", code[:2], on)
        found = [m for m in found if m[0].arrangement is answer.arrangement]
    rule, place, number = found[0]
    return AeoCode(rule.code(place, number), place, number, rule.arrangement.id, rule.verified)


def _matches(index: _CodeRules, code: str) -> list[tuple[_Rule, str, str]]:
    """Every (rule, place, enterprise number) the code can be read as."""
    found = []
    place = code[:2]
    for rule in index.by_place.get(place, ()):
        if rule.regex.fullmatch(rule.matched(code)):
            found.append((rule, place, code[2:]))
    for rule in index.bare:
        if rule.bare and rule.regex.fullmatch(code):  # codes written without a place code
            found.append((rule, rule.bare, code))
    return found


def _mismatch(index: _CodeRules, given: object, code: str) -> InvalidCode:
    """The most precise error for a code no rule matches."""
    place = code[:2]
    rules = index.by_place.get(place)
    if rules:
        rule = rules[0]
        part = rule.matched(code)
        if _fits(rule.widths, len(part)):
            at = misfit(rule.regex.pattern, part)
            if at is None:
                return InvalidFormat(given, rule.expected(place))
            at += len(code) - len(part)  # in the code as compacted
            where = f"not {code[at]!r} after {code[:at]!r}" if at else f"not {code[at]!r} first"
            return InvalidFormat(given, f"{rule.expected(place)} ({where})")
        after = "" if rule.prefix is CodePrefix.INCLUDED else f" after {place}"
        counts = f"{_length_text(rule.widths)}{after}, not {len(part)}"
        return InvalidLength(given, f"{rule.expected(place)} ({counts})")
    if len(place) == 2 and place.isalpha():
        return UnknownPrefix(given, _not_a_partner(index, place), place)
    expected = "an AEO code begins with the two-letter code of the place that issued it"
    if not index.bare:
        error = InvalidLength if len(code) < 3 else InvalidFormat
        return error(given, f"{expected}, followed by the enterprise number")
    bare = "; or ".join(rule.expected(rule.bare or "") for rule in index.bare)
    expected += f", or is a code written without it: {bare}"
    if any(_fits(rule.widths, len(code)) for rule in index.bare):
        return InvalidFormat(given, expected)
    return InvalidLength(given, f"{expected} (not {counted(len(code), 'character')})")


def _not_after_aeo(index: _CodeRules, given: object, rest: str) -> InvalidCode:
    """The error for a code that begins with AEO but is not a valid code after it."""
    if rest[:2] in index.by_place:
        return _mismatch(index, given, rest)
    bare = "".join(f"; {rule.expected(rule.bare or '')}" for rule in index.bare)
    expected = (
        f"{f'{rest!r} after AEO' if rest else 'AEO alone'} is neither China's own code (AEOCN "
        f"followed by 10 characters) nor a partner's code written AEO<…> (a partner's code "
        f"begins with {_or(index.partners)}{bare})"
    )
    return (InvalidLength if len(rest) < 3 else InvalidFormat)(given, expected)


def _not_a_partner(index: _CodeRules, place: str) -> str:
    from .errors import DomesticPlaceError, UnknownPlaceError

    try:
        name = f"{place} ({index.registry.resolve(place).name})"
    except (UnknownPlaceError, DomesticPlaceError):
        name = place
    return (
        f"no AEO code China's customs reads begins with {name}: partners' codes begin with "
        f"{_or(index.partners)}, China's own with AEOCN"
    )


def _or(words: Sequence[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _text(code: object) -> str:
    if not isinstance(code, str):
        raise TypeError(f"an AEO code is a string, not {type(code).__name__}: {_quoted(code)}")
    return code
