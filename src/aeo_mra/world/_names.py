"""Names of holders: an administration by its id, name, alias or a place of its, a tier of
its programme (``EU/AEOS``), and the errors for a name that is neither."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from .. import errors
from .._limits import MAX_PLACE
from ..errors import DomesticPlaceError, Error, UnknownPlaceError, _did_you_mean, _quoted
from ..model import Territory
from ..places import lower_case_code, normalise, upper_case_code
from ..registry import Registry
from ._china import CHINA
from ._model import Administration, CommonProgramme, Plurilateral, ProgrammeTier, _tier_key

__all__ = [
    "MAX_SPLITS",
    "Names",
    "UnknownAdministrationError",
    "UnknownArrangementError",
    "UnknownTierError",
    "splits",
]


class UnknownAdministrationError(Error, LookupError):
    """A name that is no administration of the world data, nor a tier of one's programme.

    Attributes:
        name: The input as given.
        valid: The administrations' ids.
        hint: What else the message says: the administration to name instead, or the
            administrations whose programmes have the tier named. The message lists the
            valid ids only where the hint does not name the one to use.
        suggestions: Close matches among the administrations' ids and names, and their
            programmes' tiers.
    """

    def __init__(
        self,
        name: object,
        valid: tuple[str, ...],
        hint: str = "",
        suggestions: tuple[str, ...] = (),
        *,
        listed: bool = True,
        example: str = "a tier: e.g. 'EU/AEOS'",
        unknown: str = "administration or programme tier of the world data",
    ) -> None:
        self.name = name
        self.valid = valid
        self.hint = hint
        self.suggestions = suggestions
        named = f"{_quoted(name)} names no {unknown}"
        ids = f" Administrations: {', '.join(valid)}" if listed else ""
        ids += f" ({example})" if listed and example else ""
        super().__init__(f"{named}{hint}{_did_you_mean(suggestions) or '.'}{ids}")


class UnknownTierError(UnknownAdministrationError):
    """An administration named with a tier its programme does not have (``HK/Tier 3``).

    Attributes:
        administration: The administration's id: a union's, for a place inside it on the
            day asked (``Germany/AEOX``).
        valid: The holders that would be valid: the administration alone, or one of its
            tiers (``HK``, ``HK/T1``, ``HK/T2``).
    """

    def __init__(
        self,
        name: object,
        administration: Administration,
        tiers: tuple[ProgrammeTier, ...],
        inside: tuple[Territory, date] | None = None,
    ) -> None:
        self.administration = ident = administration.id
        tiers_named = ", ".join(t.described() for t in tiers) or "none listed"
        why = "" if inside is None else f"on {inside[1]} {inside[0].name}'s AEOs were {ident}'s; "
        super().__init__(
            name,
            (ident, *(f"{ident}/{t.code}" for t in tiers)),
            f" ({why}{ident}'s tiers: {tiers_named}; or {ident} alone)",
            listed=False,
            unknown=f"tier of {ident}'s programme",
        )


class UnknownArrangementError(errors.UnknownArrangementError):
    """An id that is no arrangement's of the world data; where it names an administration
    (``administration``: its id and name), the message says to ask for its partners.

    Attributes:
        id: The id as given.
        valid: The arrangements' ids.
        suggestions: The ids close to it (none where it names an administration).
    """

    def __init__(
        self,
        id: object,
        valid: Sequence[str],
        suggestions: Sequence[str] = (),
        administration: str | None = None,
    ) -> None:
        self.id = id
        self.valid = tuple(valid)
        self.suggestions = tuple(suggestions)
        named = (
            f"; it names an administration, {administration}: ask for its partners"
            if administration
            else ""
        )
        Error.__init__(
            self,
            f"{_quoted(id)} is the id of no arrangement of the world data (a bilateral one "
            f"joins its parties' ids, in either order: 'EU-JP', 'JP-EU'; China's are 'CN-' "
            f"and its partner's: 'CN-EU'){named}{_did_you_mean(suggestions) or '.'}",
        )


class Names:
    """What a holder's name names: one of ``administrations``, or a tier of its programme
    or of a common programme among ``commons`` (``plurilaterals`` only explain a name of
    theirs given as a holder); places as ``china`` resolves them."""

    def __init__(
        self,
        administrations: Mapping[str, Administration],
        plurilaterals: tuple[Plurilateral, ...],
        commons: tuple[CommonProgramme, ...],
        china: Registry,
    ) -> None:
        self.administrations = administrations
        self._plurilaterals, self._commons = plurilaterals, commons
        self._china = china
        self._by_id, self._by_name = _by_names(administrations)
        self._order = {ident: index for index, ident in enumerate(administrations)}

    def holder(self, name: str) -> tuple[Administration, ProgrammeTier | None]:
        """[`World.holder`][aeo_mra.world.World.holder]'s answer."""
        if not isinstance(name, str):
            hint = ": give the day as on=" if isinstance(name, date) else ""
            raise TypeError(f"an administration must be a string, not {type(name).__name__}{hint}")
        self.refuse_long(name)
        text = name.strip()
        if text.endswith("/"):  # "KR/": a tier left out, not the administration alone
            administration = self.administration(text.rstrip("/ "))
            if administration is not None:
                raise UnknownTierError(name, administration, self.tiers(administration))
        named = self.administration(text)
        if named is not None:  # a whole name first: "Hong Kong SAR" names no tier "SAR"
            return named, None
        wrong_tier = None  # "Hong Kong SAR/T1": "Hong Kong" with a tier "SAR/T1" is not it
        for head, tail in splits(text):
            administration = self.administration(head)
            if administration is not None:
                tier = self.tier(administration, tail)
                if tier is not None:
                    return administration, tier
                coarse = self._coarse(administration, tail)
                if coarse is not None:
                    return coarse
                wrong_tier = wrong_tier or administration
        if wrong_tier is not None:  # unless the whole is a place: "Korea, Democratic …"
            if place_hint := self._no_programme(text):
                raise UnknownAdministrationError(name, self.ids(), place_hint)
            raise UnknownTierError(name, wrong_tier, self.tiers(wrong_tier))
        found = [(a, t) for a in self.administrations.values() if (t := a.tier(text))]
        if len(found) == 1:
            return found[0]
        if found:
            hint = " (a tier of several: " + ", ".join(f"{a.id}/{t.code}" for a, t in found) + ")"
        else:
            hint = self._misread(text) or self._grouping(text) or self._no_programme(text)
        close = () if hint else self._close_to(text.casefold())
        raise UnknownAdministrationError(name, self.ids(), hint, close)

    def _coarse(
        self, administration: Administration, text: str
    ) -> tuple[Administration, ProgrammeTier | None] | None:
        """The holder a tier of the China record's partner side names (``TW/AEO``,
        ``TW/安全认证优质企业``, as `check_foreign` reads them): the one tier of the world
        data within it, or the administration alone where every tier is within it."""
        record = next(
            (a for a in self._china.dataset.arrangements if a.id == administration.id), None
        )
        key = _tier_key(text)
        for coarse in record.partner_tiers if record is not None else ():
            if key in (_tier_key(coarse.code), _tier_key(coarse.name)):
                within = [t for t in administration.tiers if t.within == coarse.code]
                if len(within) == 1:
                    return administration, within[0]
                if within and len(within) == len(administration.tiers):
                    return administration, None
        return None

    def refuse_long(self, name: str) -> None:
        """Refuse a name longer than any place's, before any work on it: each separator in
        it is a place to cut it into an administration and a tier."""
        if len(name) > MAX_PLACE:
            hint = f" (it is {len(name):,} characters long, over {MAX_PLACE})"
            raise UnknownAdministrationError(name, self.ids(), hint)

    def administration(self, text: str) -> Administration | None:
        """The administration ``text`` names, by its id, name or alias, or by a place whose
        AEOs are its; else ``None``."""
        return self._named(text) or self._place_administration(text)

    def _misread(self, text: str) -> str:
        """The hint for a name that a placeholder or a code in lower case explains."""
        try:
            self.place(text)
        except UnknownPlaceError as error:
            union = self._china.places.unions().get(normalise(text))
            if error.hint and union is None:  # as a place: a placeholder, a code in lower case
                return f" ({error.hint})"
        upper = upper_case_code(text)
        if upper != text:
            try:
                administration, tier = self.holder(upper)
            except UnknownAdministrationError:
                return ""
            named = repr(upper) if tier else f"{upper!r} is {administration.name}"
            return f" (codes are written in upper case: {named}; names may be in any case)"
        return ""

    def _no_programme(self, text: str) -> str:
        """The hint for a place the data knows that no administration covers on any day
        (``North Korea``, not ``Germany``): no near name is suggested for it."""
        try:
            place = self.place(text)
        except UnknownPlaceError:
            return ""
        administrations = self.administrations.values()
        if any(m.territory == place.code for a in administrations for m in a.members):
            return ""
        return f" ({place.name}, {place.code}, has no AEO programme in the world data)"

    def _grouping(self, text: str) -> str:
        """The hint for a name of a plurilateral arrangement or a common programme (``ASEAN``,
        ``GCC``), whose members, not itself, hold AEO status."""
        key = _tier_key(text)
        for grouping in (*self._plurilaterals, *self._commons):
            names = (grouping.id, grouping.id.split("-")[0], grouping.name.split()[0])
            if key in map(_tier_key, names):
                members = ", ".join(m.administration for m in grouping.members)
                status = grouping.status if isinstance(grouping, CommonProgramme) else None
                if status is not None:
                    members += f"; its status: e.g. '{grouping.members[0].administration}/"
                    members += f"{status.code}'"
                return (
                    f" ({text!r} is the {grouping.name}, not an administration: name one of its "
                    f"members, {members})"
                )
        return ""

    def _named(self, text: str) -> Administration | None:
        """The administration whose id (as written: ``NO`` is Norway, "no" a word), name or
        alias (in any case, but in upper case as a code is if as short: ``PIP``, not ``pip``)
        is ``text``; for a union, also a name of its China record (``欧盟``, not ``eu``)."""
        short = lower_case_code(text)
        by_name = None if short else self._by_name.get(text.casefold())
        found = [a for a in (self._by_id.get(text), by_name) if a]
        named = min(found, key=lambda a: self._order[a.id], default=None)
        union = None if named or short else self._china.places.unions().get(normalise(text))
        return named or (self.administrations.get(union) if union else None)

    def _close_to(self, text: str) -> tuple[str, ...]:
        """Administrations' names and ids, and their tiers, close to ``text``."""
        import difflib  # only for a mistyped name

        names = {a.name.casefold(): a.name for a in self.administrations.values()}
        names |= {n.casefold(): n for a in self.administrations.values() for n in a.aliases}
        names |= {a.id.casefold(): a.id for a in self.administrations.values()}
        names |= {
            f"{a.id}/{t.code}".casefold(): f"{a.id}/{t.code}"
            for a in self.administrations.values()
            for t in (*a.tiers, *self._statuses(a.id))
        }
        close = difflib.get_close_matches(text, list(names), n=3, cutoff=0.75)
        return tuple(names[c] for c in close)

    def tier(self, administration: Administration, code: str) -> ProgrammeTier | None:
        """The tier ``code`` of its programme, or the common status of one it takes part in."""
        statuses = (t for t in self._statuses(administration.id) if t.named(code))
        return administration.tier(code) or next(statuses, None)

    def tiers(self, administration: Administration) -> tuple[ProgrammeTier, ...]:
        """Its programme's tiers, and the common statuses of the common programmes it takes
        part in."""
        return (*administration.tiers, *self._statuses(administration.id))

    def _statuses(self, ident: str) -> list[ProgrammeTier]:
        """The common statuses of the common programmes ``ident`` is a member of."""
        return [c.status for c in self._commons if c.status and c.member(ident) is not None]

    def _place_administration(self, name: str) -> Administration | None:
        """The administration whose id is the code of the place ``name`` names (``Korea``)."""
        try:
            code = self.place(name).code
        except (UnknownPlaceError, TypeError):
            return None
        return self.administrations.get(code)

    def ids(self) -> tuple[str, ...]:
        """The administrations' ids, sorted."""
        return tuple(sorted(self.administrations))

    def place(self, place: str | int) -> Territory:
        """The place ``place`` names, China's own customs territory among them."""
        try:
            return self._china.resolve(place)
        except DomesticPlaceError:  # China's own territory is a place like any other here
            return self._china.places.territory(CHINA)


def _by_names(
    administrations: Mapping[str, Administration],
) -> tuple[dict[str, Administration], dict[str, Administration]]:
    """The administrations by id (as written) and by name or alias (folded); of two with
    one name, the first in the data's order, as a search in turn finds it."""
    by_id: dict[str, Administration] = {}
    by_name: dict[str, Administration] = {}
    for administration in reversed(list(administrations.values())):
        by_id[administration.id] = administration
        for name in (administration.name, *administration.aliases):
            by_name[name.casefold()] = administration
    return by_id, by_name


def splits(text: str) -> Iterator[tuple[str, str]]:
    """``text`` cut into an administration and a tier at each ``/``, space or hyphen:
    ``eu/aeos``, ``eu / aeos``, ``eu-aeos``, ``united states t2``, ``kw-gcc-aeo``; at the
    first `MAX_SPLITS` only, as no name of a place or administration has more words."""
    cuts = (index for index, character in enumerate(text) if character in "/ -")
    for index in itertools.islice(cuts, MAX_SPLITS):
        head, tail = text[:index].strip(" /-"), text[index + 1 :].strip(" /-")
        if head and tail:
            yield head, tail


MAX_SPLITS = 10
"""The most places a holder is cut at: "United Kingdom of Great Britain and Northern
Ireland AEOS" is cut at its eighth."""
