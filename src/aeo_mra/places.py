"""Resolving any reasonable name of a place to a `Territory`.

Codes and names come from ISO 3166-1 through pycountry (English, and Chinese through
the translations pycountry ships); the dataset adds common aliases and the names China's
customs writes. The index of ISO names is read from its compiled form when that was built
from the installed pycountry's files, so pycountry is imported only when it was not.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._limits import MAX_PLACE, MAX_SUGGESTED
from .errors import DomesticPlaceError, MissingPlaceError, UnknownPlaceError, _is_missing, _quoted

if TYPE_CHECKING:
    from .model import Territory

__all__ = [
    "PlaceIndex",
    "iso_names",
    "iso_territories",
    "live_index",
    "lower_case_code",
    "normalise",
    "upper_case_code",
]

_DROP = re.compile(r"[.'’`]")
_SEPARATORS = re.compile(r"[\W_]+")
_LONGEST_NAME = 100
_DOMESTIC = "CN"
# What a spreadsheet cell holds for "no value"; none is a place. ("NA" in upper case is
# Namibia's code, so only the punctuated forms of n.a. are here; "na" fails the case rule.)
PLACEHOLDERS = frozenset(
    {"-", "--", "?", "n/a", "n.a.", "n.a", "n.v.", "none", "null", "nil", "nan", "nat", "tbd",
     "tba", "tbc", "unknown", "not applicable", "not available", "missing"}
)  # fmt: skip
# What a spreadsheet's formula gives where it found no value (#N/A) or failed; none is a place.
SPREADSHEET_ERRORS = frozenset(
    {"#n/a", "#name?", "#ref!", "#value!", "#div/0!", "#null!", "#num!", "#spill!", "#calc!",
     "#field!", "#blocked!", "#connect!", "#busy!", "#unknown!", "#error!", "#getting_data"}
)  # fmt: skip
_SHORT = 3  # names this short are codes (DE, DEU, UK, UAE): written in upper case only


def normalise(text: str) -> str:
    """The form names are compared in: no accents, case, punctuation, invisible marks or
    leading "the".

    >>> normalise("  Türkiye ")
    'turkiye'
    >>> normalise("ＵＫ")
    'uk'
    >>> normalise("The Netherlands")
    'netherlands'
    """
    kept = _visible(text).casefold()
    return _SEPARATORS.sub(" ", _DROP.sub("", kept)).strip().removeprefix("the ")


def lower_case_code(text: str) -> bool:
    """Whether ``text`` is short enough to be read as a code but is not written in upper
    case, as codes are: ``eu``, ``The uk``; not ``EU`` or ``The EU``, nor a longer name.

    >>> lower_case_code("eu"), lower_case_code("The EU"), lower_case_code("Japan")
    (True, False, False)
    """
    key = normalise(text)
    written = _without_article(_visible(text).strip())
    return len(key) <= _SHORT and key.isascii() and key.isalpha() and not written.isupper()


def upper_case_code(text: str) -> str:
    """``text`` written as a code is: in upper case, without a leading "the".

    >>> upper_case_code(" The uk ")
    'UK'
    """
    return _without_article(_visible(text).strip()).upper()


def _without_article(written: str) -> str:
    """``written`` without a leading "the " ("The UK": the article is no part of the code)."""
    return written[4:].lstrip() if written[:4].casefold() == "the " else written


def _refuse_error_value(place: str) -> None:
    """Refuse a spreadsheet's error value (``#N/A``), also as a CSV's text cell (``'#N/A``).

    Raises:
        UnknownPlaceError: Saying so, with no suggestion (``#N/A`` is close to Namibia).
    """
    if _visible(place).strip().lstrip("'").casefold() in SPREADSHEET_ERRORS:
        raise UnknownPlaceError(
            place,
            hint=f"{_quoted(place)} is a spreadsheet's error value, not a place: the "
            "formula that filled the cell found no value or failed",
        )


def _visible(text: str) -> str:
    """``text`` in compatibility form, without accents and invisible marks (BOM, ZWSP …)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        c
        for c in decomposed
        if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cf", "Cc")
    )


class PlaceIndex:
    """Every name of every ISO 3166-1 territory, built on first use.

    Args:
        aliases: Extra names (as written) mapped to ISO alpha-2 codes.
        unions: Names of unions (e.g. ``EU``, ``欧盟``) mapped to their arrangement's id:
            not places, so they are answered with a hint to name a member state.
    """

    def __init__(self, aliases: Mapping[str, str], unions: Mapping[str, str]) -> None:
        self._aliases = aliases
        self._unions = {normalise(name): ident for name, ident in unions.items()}
        self._lock = threading.Lock()
        self._names: dict[str, str] = {}
        self._territories: Mapping[str, Territory] = {}
        self._suggested: dict[str, tuple[str, ...]] = {}

    # docs/javascripts/places.js does what this does for the checker page, over names()
    # and the messages the site's build exports; the browser tests compare the two.
    def resolve(self, place: object) -> Territory:
        """The territory ``place`` names.

        Raises:
            MissingPlaceError: ``place`` is missing (``None``, ``NaN``, pandas' ``NA``).
            TypeError: ``place`` is neither a string nor an integer (NumPy's included).
            UnknownPlaceError: No territory has that name (the error suggests close ones).
            DomesticPlaceError: ``place`` is China's own customs territory.
        """
        if isinstance(place, bool) or not isinstance(place, str | int):
            place = _integer(place)
        if isinstance(place, str):
            if len(place) > MAX_PLACE:  # before any work on it
                raise UnknownPlaceError(
                    place,
                    hint=f"{_quoted(place)} is {len(place):,} characters long, over {MAX_PLACE}: "
                    "give an ISO 3166-1 code or a name",
                )
            if "#" in place or "＃" in place:
                _refuse_error_value(place)
            key = normalise(place)
            if len(key) <= _SHORT or key in PLACEHOLDERS:
                self._refuse_words(place, key)
            if key.isascii() and key.isdigit():  # a numeric code: "056" is 56, "0.56" none
                plain = _visible(place).strip().strip("'\"").isdigit()
                key = (key.lstrip("0") or "0") if plain else ""
        else:
            key = str(place) if 0 <= place < 1000 else ""
        self._build()
        code = self._names.get(key)
        if code is None:
            raise self._unknown(place, key)
        if code == _DOMESTIC:
            raise DomesticPlaceError(place)
        return self._territories[code]

    def _refuse_words(self, place: str, key: str) -> None:
        """Refuse placeholders (``n/a``), and short words read as codes unless in upper case.

        Codes are written as ISO writes them: ``NO`` is Norway, "No" an answer; ``IT`` is
        Italy, "it" a word.
        """
        written = _visible(place).strip()
        if written.casefold() in PLACEHOLDERS or (key == "na" and written != "NA"):
            raise UnknownPlaceError(
                place,
                hint=f"{_quoted(place)} is a placeholder for a missing value, not a place: "
                "give an ISO 3166-1 code in upper case (NA is Namibia) or a name",
            )
        if lower_case_code(place):
            self._build()
            upper = upper_case_code(place)
            code = self._names.get(normalise(upper))
            if code is not None:
                raise UnknownPlaceError(
                    place,
                    hint=f"{_quoted(place)} is read as a code, and codes are written in upper "
                    f"case: {upper!r} is {self._territories[code].name}; names may be in any case",
                )

    def territory(self, code: str) -> Territory:
        """The territory with ISO alpha-2 ``code`` (which must exist)."""
        self._build()
        return self._territories[code]

    def names(self) -> Mapping[str, str]:
        """Every name the index knows, normalised (`normalise`), with its alpha-2 code."""
        self._build()
        return MappingProxyType(self._names)

    def unions(self) -> Mapping[str, str]:
        """The names of unions, normalised, with their arrangement's id: not places."""
        return MappingProxyType(self._unions)

    def is_code(self, code: str) -> bool:
        """Whether ``code`` is an ISO 3166-1 alpha-2 code."""
        self._build()
        return code in self._territories

    def _unknown(self, place: object, key: str) -> UnknownPlaceError:
        union = self._unions.get(key)
        if union is not None:
            return UnknownPlaceError(
                place,
                hint=f"{_quoted(place)} is a union, not a place: name one of its member states "
                f"(China's arrangement with it has the id {union!r})",
            )
        if not key or len(key) > _LONGEST_NAME:
            return UnknownPlaceError(place)
        suggestions = self._suggested.get(key)
        if suggestions is None:  # a shipment list repeats its typos: work each out once
            import difflib

            close = difflib.get_close_matches(key, self._names, n=6, cutoff=0.75)
            names = dict.fromkeys(self._territories[self._names[k]].name for k in close)
            suggestions = tuple(names)[:3]
            if len(self._suggested) >= MAX_SUGGESTED:
                self._suggested.clear()
            self._suggested[key] = suggestions
        return UnknownPlaceError(place, suggestions)

    def _build(self) -> None:
        if self._territories:
            return
        with self._lock:
            if not self._territories:
                iso, territories = _iso()
                names = dict(iso)
                for alias, code in self._aliases.items():
                    names[normalise(alias)] = code
                self._names = names
                self._territories = territories  # assigned last: readers test this one


def iso_names() -> Mapping[str, str]:
    """Every ISO 3166-1 code and name (English, and Chinese), normalised: its alpha-2 code."""
    return _iso()[0]


def iso_territories() -> Mapping[str, Territory]:
    """Every ISO 3166-1 territory, by alpha-2 code."""
    return _iso()[1]


@functools.cache
def _iso() -> tuple[Mapping[str, str], Mapping[str, Territory]]:
    """ISO 3166-1's names and territories, read once per process: from the compiled index
    if it was built from the installed pycountry's files, else from pycountry."""
    from ._compiled import load_places

    names, territories = load_places() or live_index()
    return MappingProxyType(names), MappingProxyType(territories)


def live_index() -> tuple[dict[str, str], dict[str, Territory]]:
    """ISO 3166-1's names (normalised: their alpha-2 code) and territories, from pycountry."""
    import gettext

    import pycountry

    from .model import Territory

    chinese = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("zh_CN", "zh_TW", "zh_HK")
    }
    names: dict[str, str] = {}
    territories: dict[str, Territory] = {}
    generated: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        english = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        short = next(n for n in english if n)
        territories[code] = Territory(
            code=code,
            alpha_3=country.alpha_3,
            numeric=country.numeric,
            name=short,
            name_zh=chinese["zh_CN"].gettext(country.name),
        )
        for key in (code, country.alpha_3, str(int(country.numeric))):
            names[normalise(key)] = code
        for name in english:
            if name:
                generated.append((name, code))
                generated += [(t.gettext(name), code) for t in chinese.values()]
    for name, code in generated:
        names.setdefault(normalise(name), code)
    # A name without its qualifier, where no other has it: "聖馬丁 (法屬)" and "聖馬丁 (荷屬)"
    # leave "聖馬丁" to neither.
    unqualified: dict[str, set[str]] = {}
    for name, code in generated:
        if _QUALIFIER.search(name):
            unqualified.setdefault(normalise(_QUALIFIER.sub("", name)), set()).add(code)
    for key, codes in unqualified.items():
        if len(codes) == 1:
            names.setdefault(key, codes.pop())
    return names, territories


_QUALIFIER = re.compile(r"\s*[(（][^)）]*[)）]")
"""An ISO name's parenthesised part: "Saint Martin (French part)" is also "Saint Martin"."""


@functools.cache
def iso_parents() -> Mapping[str, str]:
    """The ISO 3166-1 territories that ISO 3166-2 also lists as a dependent part of another
    country, by alpha-2 code: that country's code (``PR``: ``US``; ``AW``: ``NL``). A
    subdivision is matched by its code (``US-PR``), by its name, the territory's own, and by
    a type ISO gives dependent parts (an outlying area, an overseas collectivity or
    territory, a constituent country, a special administrative region): Guinea's prefecture
    ``GN-ML``, named Mali, is not Mali."""
    import pycountry

    names = {
        country.alpha_2: {
            name.split(" (")[0]  # "Sint Maarten (Dutch part)" is NL-SX's "Sint Maarten"
            for a in ("common_name", "name", "official_name")
            if (name := getattr(country, a, None))
        }
        for country in pycountry.countries
    }
    parents = {}
    for subdivision in pycountry.subdivisions:
        parent, _, own = subdivision.code.partition("-")
        kind = subdivision.type.casefold()
        dependent = kind == "country" or any(w in kind for w in _DEPENDENT_KINDS)
        if own != parent and dependent and subdivision.name in names.get(own, ()):
            parents[own] = parent
    return MappingProxyType(parents)


_DEPENDENT_KINDS = ("outlying", "overseas", "special administrative")
"""Words of the ISO 3166-2 types of a country's dependent parts."""


def _integer(place: object) -> int:
    """``place`` as an ISO numeric code, where it is an integer of another kind
    (``numpy.int64``); else the error for a place of its type."""
    if _is_missing(place):
        raise MissingPlaceError(place)
    if not isinstance(place, bool):  # NumPy's bool refuses operator.index itself
        try:
            return operator.index(place)  # type: ignore[arg-type]
        except TypeError:
            pass
    raise TypeError(
        f"a place must be a string (code or name) or an ISO numeric code, "
        f"not {type(place).__name__}: {_quoted(place)}"
    )
