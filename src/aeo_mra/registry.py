"""The registry: a validated dataset and every question asked of it.

A `Registry` is immutable once built; its caches only remember answers, so it can
be shared between threads.
"""

from __future__ import annotations

import _thread
import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from itertools import groupby, repeat
from operator import add, itemgetter
from os import PathLike
from time import time as _time
from typing import TYPE_CHECKING, Any, NoReturn

import attrs  # noqa: F401 (see below)

from . import _dates
from ._dates import day_or_today
from ._limits import MAX_CACHED_KEY
from ._vocabulary import Basis, PartnerKind, Role, Scope, Tier
from ._vocabulary import role as _role
from .errors import (
    Error,
    MissingDateError,
    UnknownArrangementError,
    UnknownPartnerTierError,
    UnknownPlaceError,
    _quoted,
)
from .places import PlaceIndex, normalise

# The record and answer classes are built when a registry first reads its dataset, not when
# aeo_mra is imported (the code that names places is): the modules that define them, read the
# compiled data (and json with it) and make answers are imported in the methods that need
# them. attrs itself is imported with aeo_mra: the first answer's budget (10 ms) is less
# than its import.
if TYPE_CHECKING:
    from . import _decide
    from ._eligibility import Eligibility
    from .model import Arrangement, CountedTerritory, Dataset, Membership, PartnerTier, Territory
    from .results import Event, Summary
    from .world import World

__all__ = ["Registry"]

_CACHE_LIMIT = 200_000
_EXPORTER, _IMPORTER = Role.EXPORTER, Role.IMPORTER


class _Derived:
    """What a registry derives from its dataset once, when first asked."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        unions = [a for a in dataset.arrangements if a.partner_kind is PartnerKind.UNION]
        union_names = {
            n: a.id for a in unions for n in (a.id, a.partner, a.partner_zh, *a.partner_aliases)
        }
        self.places = PlaceIndex(dataset.aliases, union_names)
        self.links: dict[str, list[tuple[Arrangement, Membership]]] = {}
        for arrangement in dataset.arrangements:
            for member in arrangement.members + arrangement.territories:
                self.links.setdefault(member.territory, []).append((arrangement, member))
        self.counted: dict[str, CountedTerritory] = {
            c.territory: c for c in dataset.counted_territories
        }
        self.by_id = {a.id.casefold(): a for a in dataset.arrangements}


class Registry:
    """The arrangements of one dataset, and the questions asked of them.

    The module-level functions (``aeo_mra.check`` …) are the methods of the registry of
    the bundled data; [`from_file`][aeo_mra.Registry.from_file] makes one of a dataset of your own.

    Args:
        dataset: A validated dataset, or a function that returns one on first use.

    Raises:
        TypeError: ``dataset`` is neither (a file's path: use [`load`][aeo_mra.load]).

    >>> registry = Registry.bundled()
    >>> registry.check("SG", on=date(2013, 3, 15)).qualifies
    True
    """

    def __init__(self, dataset: Dataset | Callable[[], Dataset]) -> None:
        if not callable(dataset) and not _is_dataset(dataset):
            raise TypeError(
                f"Registry takes a validated Dataset, not {type(dataset).__name__} "
                f"{_quoted(dataset)}; to read a dataset file, use aeo_mra.load(path)"
            )
        self._make = dataset if callable(dataset) else lambda: dataset
        self._derived: _Derived | None = None
        self._lock = _thread.allocate_lock()
        self._tables: dict[tuple[Role, Tier | None], dict[tuple[object, ...], Eligibility]] = {
            (role, tier): {} for role in Role for tier in (None, *Tier)
        }
        self._exporter_answers = self._tables[_EXPORTER, None]
        self._importer_answers = self._tables[_IMPORTER, None]
        self._resolved: dict[object, Territory] = {}
        self._world: World | None = None
        self._world_lock = _thread.allocate_lock()
        self._cached = 0  # answers in all the tables together
        # check(place) for today: its answers by the place alone, and the local midnights
        # (as timestamps) between which they hold.
        self._today: tuple[float, float, date, dict[str | int, Eligibility]] = (0, 0, date.min, {})

    def __reduce__(self) -> tuple[Any, ...]:
        """A registry of the bundled data pickles as a reference to that data, so that its
        methods run in worker processes (``pool.map(aeo_mra.check, places)``): the module's
        own as the module's, another as a new one; a registry of a file does not pickle."""
        from . import _default

        if self is _default():
            return _default, ()
        if self._make is _read_bundled:
            return Registry.bundled, ()
        raise TypeError(
            "a Registry of a dataset file is not sent to other processes: "
            "call aeo_mra.load(path) in each process (e.g. in the pool's initializer)"
        )

    def _forget(self) -> None:
        """Empty every table of answers: they hold `_CACHE_LIMIT` answers at most together."""
        for table in self._tables.values():
            table.clear()
        self._today = (0, 0, date.min, {})
        self._cached = 1

    def _loaded(self) -> _Derived:
        if self._derived is None:
            with self._lock:
                if self._derived is None:
                    with _collector_paused():  # thousands of new records
                        self._derived = _Derived(self._make())
        return self._derived

    @property
    def dataset(self) -> Dataset:
        """The validated dataset (loaded on first use)."""
        return self._loaded().dataset

    @property
    def places(self) -> PlaceIndex:
        """The index of place names."""
        return self._loaded().places

    @classmethod
    def bundled(cls) -> Registry:
        """A new registry of the dataset shipped with aeo_mra, read on its first use, with
        caches of its own (the module-level functions share one)."""
        return cls(_read_bundled)

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> Registry:
        """A registry of the dataset in ``path`` (same schema as the bundled one).

        Args:
            path: A TOML file in the schema the docs describe (``data/schema.json``).

        Raises:
            DataError: Listing the problems in the file, or saying that it is not a regular
                file or is larger than the limit (see the docs' Security and limits page).
            OSError: The file cannot be opened.
            TypeError: ``path`` is not a ``str`` or ``os.PathLike``.
        """
        from ._files import read_text
        from ._loader import parse

        return cls(parse(*read_text(path)))

    def world(self) -> World:
        """The world graph ([`aeo_mra.world`][aeo_mra.world]): the bundled world data joined
        to this registry's China dataset, made on first use and kept with the registry.

        Raises:
            DataError: The world data does not join this dataset: it names an arrangement
                or a source the dataset lacks.

        >>> Registry.bundled().world().check("KR", "JP", on=date(2020, 1, 1)).recognised
        True
        """
        if self._world is None:
            with self._world_lock:  # made once: another thread waits for it
                if self._world is None:
                    self._world = self._joined_world()
        return self._world

    def _joined_world(self) -> World:
        """The bundled world data joined to this dataset: its compiled form if current and
        this registry reads the bundled dataset, else the file validated against it."""
        from . import _compiled, world

        if _reads_bundled(self):
            with open(_compiled.WORLD_TOML, "rb") as file:
                toml = file.read()
            with open(_compiled.TOML, "rb") as file:
                key = _compiled.dataset_key(file.read(), self.dataset.version)
            data = _compiled.load_world(toml, self.dataset, key)
            if data is not None:
                return world.World(data, self)
        return world.load(_compiled.WORLD_TOML, self)

    @property
    def version(self) -> str:
        """The data version."""
        return self.dataset.version

    @property
    def reviewed(self) -> date:
        """The day the data was last checked against the public record."""
        return self.dataset.reviewed

    # -- places and arrangements ---------------------------------------------------------

    def resolve(self, place: str | int) -> Territory:
        """The territory ``place`` names: an ISO code, an English or Chinese name, an alias.

        Args:
            place: A code (``DE``, ``DEU``, ``276`` or ``276`` as an integer), a name in
                English or Chinese, or an alias (``UK``, ``中国香港``); any spacing. Codes and
                other names of three letters or fewer only in upper case (``NO``, not "No");
                placeholders such as ``n/a`` are refused.

        Raises:
            UnknownPlaceError: No place has that name; the error suggests close ones.
            DomesticPlaceError: ``place`` is China's own customs territory.
            TypeError: ``place`` is not a string or integer.
        """
        try:
            return self._resolved[place]
        except (KeyError, TypeError):
            territory = self.places.resolve(place)
        if type(place) is str and len(place) <= MAX_CACHED_KEY:
            if len(self._resolved) >= _CACHE_LIMIT:
                self._resolved.clear()
            self._resolved[place] = territory
        return territory

    def arrangement(self, id: str | int) -> Arrangement:
        """The arrangement with this id (any case), else the one that decides a check of a place.

        Args:
            id: An arrangement's id, e.g. ``EU``, or a union's name (``European Union``,
                ``欧盟``); or a place, as for
                [`check`][aeo_mra.Registry.check]: then the arrangement that decides
                ``check(place)`` today (for the United Kingdom, the EU arrangement it left).

        >>> Registry.bundled().arrangement("eu").partner
        'European Union'
        >>> Registry.bundled().arrangement("Germany").id
        'EU'

        Raises:
            UnknownArrangementError: ``id`` is neither an id nor a place, or names a place
                no arrangement has covered; the error lists the ids.
            DomesticPlaceError: ``id`` names China's own customs territory.
            TypeError: ``id`` is not a string or integer.
        """
        if isinstance(id, str):
            loaded = self._loaded()
            found = loaded.by_id.get(id.strip().casefold())
            if found is None:  # a union's name: "European Union", "欧盟"
                union = loaded.places.unions().get(normalise(id))
                found = None if union is None else loaded.by_id.get(union.casefold())
            if found is not None:
                return found
        elif type(id) is not int:
            raise TypeError(f"an arrangement id or place is a string, not {_quoted(id)}")
        ids = [a.id for a in self.dataset.arrangements]
        try:
            territory = self.resolve(id)
        except UnknownPlaceError as not_place:
            import difflib

            close = difflib.get_close_matches(str(id).upper(), ids, n=2)
            suggestions = [*not_place.suggestions, *close]
            raise UnknownArrangementError(id, ids, suggestions, hint=not_place.hint) from None
        arrangement, _, _ = self._situation(territory.code, _dates.today())
        if arrangement is None:
            raise UnknownArrangementError(id, ids, place=territory.name)
        return arrangement

    def arrangements(
        self, on: date | None = None, *, basis: Basis = Basis.SIGNED, role: Role | None = None
    ) -> tuple[Arrangement, ...]:
        """The arrangements signed (or implemented) by ``on``, for either role or one.

        Args:
            on: The day (default: today).
            basis: ``Basis.SIGNED`` for those signed by then, ``Basis.IMPLEMENTED`` for
                those in effect.
            role: ``None`` for all; ``Role.IMPORTER`` for those known to cover exports
                too (scope imports and exports), the only ones that help a Chinese
                importer; ``Role.EXPORTER`` for those that help a Chinese exporter (all).

        >>> [a.id for a in Registry.bundled().arrangements(date(2015, 1, 1))]
        ['SG', 'KR', 'HK', 'EU']
        >>> [a.id for a in Registry.bundled().arrangements(date(2015, 1, 1), role=Role.IMPORTER)]
        ['EU']
        """
        day = day_or_today(on)
        signed = _basis(basis) is Basis.SIGNED
        wanted = None if role is None else _role(role)
        return tuple(
            a
            for a in self.dataset.arrangements
            if (a.is_signed(day) if signed else a.is_implemented(day))
            and (wanted is not _IMPORTER or _covers_exports(a))
        )

    def summary(self, on: date | None = None, *, basis: Basis = Basis.SIGNED) -> Summary:
        """Running totals as China's customs publishes them.

        Args:
            on: The day (default: today).
            basis: ``Basis.SIGNED`` counts arrangements signed by then (the totals China's
                customs usually publishes); ``Basis.IMPLEMENTED`` those in effect.

        >>> print(Registry.bundled().summary(date(2024, 5, 10)))
        28 economies, 54 countries and regions (signed, as of 2024-05-10)
        """
        from .results import Summary

        day = day_or_today(on)
        counted = [a for a in self.arrangements(day, basis=basis) if a.counted]
        extra = [
            c.territory
            for c in self.dataset.counted_territories
            if basis in c.bases and c.since.value <= day
        ]
        territories = sum(len(a.covered(day)) for a in counted) + len(extra)
        return Summary(
            day,
            basis,
            len(counted) + len(extra),
            territories,
            tuple(a.id for a in counted),
            tuple(extra),
            self.version,
            self.reviewed,
        )

    def timeline(self) -> tuple[Event, ...]:
        """Every signed, implemented, rollout, join, leave and count event, in date order.

        >>> print(Registry.bundled().timeline()[0])
        2012-06  signed       China–Singapore AEO mutual recognition arrangement signed
        """
        from ._timeline import timeline

        places = self.places
        return timeline(  # a hand-built dataset may name a code the place list lacks: as it is
            self.dataset, lambda code: places.territory(code).name if places.is_code(code) else code
        )

    def tiers_in_force(self, on: date | None = None) -> tuple[Tier, ...]:
        """China's credit tiers that existed on ``on`` (default: today).

        Args:
            on: The day (default: today).

        >>> [t.name for t in Registry.bundled().tiers_in_force(date(2022, 1, 1))]
        ['ADVANCED_CERTIFIED', 'DISCREDITED']
        """
        day = day_or_today(on)
        return tuple(t for t, period in self.dataset.tiers.items() if period.in_force(day))

    # -- the questions -------------------------------------------------------------------

    def check(
        self,
        place: str | int,
        on: date | None = None,
        *,
        role: Role = Role.EXPORTER,
        tier: Tier | None = None,
    ) -> Eligibility:
        """Does an operator certified by China's customs get benefits trading with ``place``?

        Args:
            place: Where the goods go to (exporter) or come from (importer): an ISO code,
                an English or Chinese name, or a common alias.
            on: The day (default: today, by the machine's local clock).
            role: ``Role.EXPORTER`` ships goods to the place; ``Role.IMPORTER`` receives
                goods from it.
            tier: The operator's tier with China's customs; ``None`` means China's AEO
                tier on that day (AA before 2014-12-01, advanced certified since).

        Raises:
            UnknownPlaceError: ``place`` names no place.
            DomesticPlaceError: ``place`` is China's own customs territory.
            TierNotInForceError: ``tier`` did not exist on ``on``.
            TypeError: An argument has the wrong type.
        """
        # The hot path: one dict lookup in the table for the role and tier, picked by
        # identity for the default tier. An empty table for a wrong role or tier: _check raises.
        if tier is None and role is _EXPORTER:
            # Today's answers, kept by the place alone (a float or bool never finds an int's)
            if on is None and (type(place) is str or type(place) is int or isinstance(place, str)):
                start, end, _, today = self._today
                if start <= _time() < end:
                    try:
                        return today[place]
                    except KeyError:
                        pass
                return self._today_answer(place)
            answers = self._exporter_answers
        elif tier is None and role is _IMPORTER:
            answers = self._importer_answers
        else:
            try:
                answers = self._tables[role, tier]
            except (KeyError, TypeError):
                answers = {}
        if on is None:  # _dates.today(), inlined: it is on the hot path
            start, end, on = _dates.today_window
            if not start <= _time() < end:
                on = _dates.today()
        elif type(on) is datetime:  # asked as its own day: instants equal across time
            on = on.date()  # zones fall on different days, so a datetime is never a key
        # An int's key is tagged: 276.0 and True must not find the answers for 276 and 1.
        key: tuple[object, ...] = (place, on) if type(place) is not int else (int, place, on)
        try:
            return answers[key]
        except KeyError:
            pass
        except TypeError:
            raise TypeError(
                f"unhashable argument: place must be a string or integer ({_quoted(place)}), "
                f"on a date ({_quoted(on)})"
            ) from None
        day = day_or_today(on)
        if type(day) is date and (day is not on or _str_subclass(place)):
            # A subclass of datetime (pandas' Timestamp) is asked as its day, a str subclass
            # (numpy.str_) as the str it holds: both keys are then exact, so the answer is
            # remembered once and found again.
            plain = str.__str__(place) if isinstance(place, str) else place
            return self.check(plain, on=day, role=role, tier=tier)
        answer = self._check(place, day, role, tier)
        if _remembered(place, on):
            self._cached += 1
            if self._cached > _CACHE_LIMIT:  # one budget for every table (threads: roughly)
                self._forget()
            answers[key] = answer
        return answer

    def _today_answer(self, place: str | int) -> Eligibility:
        """`check(place)` for today, kept in today's table (a str subclass under the str it
        holds); a new day starts a new table (one a thread still holds from the day before is
        dropped with its answers)."""
        start, end, day, today = self._today
        if not start <= _time() < end:
            start, end, day = _dates.window()
            self._today = start, end, day, (today := {})
        plain = str.__str__(place) if isinstance(place, str) else place
        answer = self.check(plain, on=day)
        if _remembered(plain, day):
            today[plain] = answer
        return answer

    def check_many(
        self,
        places: Iterable[str | int],
        on: date | Iterable[date] | None = None,
        *,
        role: Role = Role.EXPORTER,
        tier: Tier | None = None,
    ) -> list[Eligibility]:
        """[`check`][aeo_mra.Registry.check] for many rows at once, in order.

        Args:
            places: One place per row.
            on: One day for all rows, or one day per row (default: today).
            role: As for [`check`][aeo_mra.Registry.check].
            tier: As for [`check`][aeo_mra.Registry.check].

        Repeated rows are answered once, so millions of rows over a few hundred distinct
        places take about as long as building the list.

        Raises:
            ValueError: Per-row dates and places differ in number.
            TypeError: ``on`` is neither a date, ``None`` nor an iterable of dates.
            MissingDateError: A row's date is missing (``None``, ``NaN`` or pandas ``NaT``):
                a row without a date is never answered for today.
            Error: As for [`check`][aeo_mra.Registry.check], for the first row that raises;
                a note on the exception gives the row's index.

        >>> rows = ["DE", "US", "DE", "韩国"]
        >>> [a.qualifies for a in Registry.bundled().check_many(rows, on=date(2020, 1, 1))]
        [True, False, True, True]
        """
        if isinstance(places, str | bytes):
            raise TypeError(
                f"places must be an iterable of places, not a string: {_quoted(places)}"
            )
        rows = places if isinstance(places, list) else list(places)
        days = None if on is None or isinstance(on, date) else _per_row(on, len(rows))
        distinct = _distinct_strings(rows)
        if distinct is None:  # a row that is no string: check every row's type first
            self._refuse_odd_rows(rows, on, days, role, tier)
            distinct = dict.fromkeys(rows)
        if days is None:
            day = day_or_today(on)
            answers = {p: self._check_row(rows, p, day, role, tier) for p in distinct}
            return list(map(answers.__getitem__, rows))
        distinct_days = _distinct_dates(days)
        if distinct_days is None:  # datetimes to their days, as check() does
            days = [_row_day(d, row) for row, d in enumerate(days)]
            distinct_days = set(days)
        return self._check_days(rows, list(distinct), days, sorted(distinct_days), role, tier)

    def _refuse_odd_rows(
        self,
        rows: list[Any],
        on: object,
        days: list[Any] | None,
        role: Role,
        tier: Tier | None,
    ) -> None:
        """Raise for the first row of each type that is neither a string nor an integer
        (bar NumPy's integers, which `check` takes), before rows are merged by value:
        ``276.0 == 276``, and a float must be refused, not answered as the integer. The
        row is asked on its own day, where ``days`` gives one per row."""
        odd = {t for t in set(map(type, rows)) if t is bool or not issubclass(t, str | int)}
        for kind in odd:
            index = next(i for i, p in enumerate(rows) if type(p) is kind)
            day = on if days is None else _row_day(days[index], index)
            self._check_row(rows, rows[index], day, role, tier, index)

    def _check_days(
        self,
        rows: list[Any],
        places: list[Any],
        days: list[date],
        on: list[date],
        role: Role,
        tier: Tier | None,
    ) -> list[Eligibility]:
        """`check_many` with a day per row, given the distinct ``places`` and days ``on``
        (in order): the answers for each place on the days asked of it, then each row's,
        found in C by a number for its place and day."""
        width = len(on)
        place_ids = {place: index * width for index, place in enumerate(places)}
        day_ids = {day: index for index, day in enumerate(on)}

        numbers = tuple(map(add, map(place_ids.__getitem__, rows), map(day_ids.__getitem__, days)))
        every_pair = len(places) * width <= len(rows)  # as many rows as pairs: answer all
        answers: list[Eligibility] | dict[int, Eligibility] | None
        try:
            with _collector_paused():  # millions of new answers
                asked = None if every_pair else numbers
                answers = self._answers_asked(places, on, asked, role, tier)
        except (Error, TypeError) as error:
            failed, answers = error, None
        if answers is None:
            self._first_failure(rows, days, role, tier, failed)
        return _picked(answers, numbers)

    def _answers_asked(
        self,
        places: list[Any],
        on: list[date],
        asked: Iterable[int] | None,
        role: Role,
        tier: Tier | None,
    ) -> list[Eligibility] | dict[int, Eligibility]:
        """The answers of `_check_days`, by the number of a place and day (the place's index
        times the number of days, plus the day's): for every pair if ``asked`` is ``None``,
        else for the pairs it numbers."""
        if asked is None:
            every: list[Eligibility] = []
            for place in places:
                every += self._on_days(place, on, role, tier)
            return every
        width = len(on)
        answers: dict[int, Eligibility] = {}
        for index, group in groupby(sorted(set(asked)), lambda number: number // width):
            numbers = list(group)
            found = self._on_days(places[index], [on[n % width] for n in numbers], role, tier)
            answers.update(zip(numbers, found, strict=True))
        return answers

    def _on_days(
        self, place: Any, days: list[date], role: Role, tier: Tier | None
    ) -> list[Eligibility]:
        """The answers for ``place`` on ``days`` (distinct, in order). Its answer can change
        only on its change days (`_change_days`), so it is decided once per span between two
        of them, and each other day of the span gets that answer for its own day."""
        from . import _decide
        from ._change_days import change_days

        changes = change_days(self).of(self.resolve(place).code)
        answers: list[Eligibility] = []
        start = 0
        while start < len(days):
            first = self.check(place, on=days[start], role=role, tier=tier)
            following = bisect_right(changes, days[start])
            end = (
                bisect_left(days, changes[following], start)
                if following < len(changes)
                else len(days)
            )
            answers.append(first)
            answers += _decide.for_days(self.dataset, first, days[start + 1 : end])
            start = end
        return answers

    def _first_failure(
        self, rows: list[Any], days: list[date], role: Role, tier: Tier | None, error: Exception
    ) -> NoReturn:
        """Raise the error of the first row that fails, with a note naming it, as checking the
        rows in turn would; ``error`` is the one met while answering them out of order."""
        for row, (place, day) in enumerate(zip(rows, days, strict=True)):
            self._check_row(rows, place, day, role, tier, row)
        raise error

    def _check_row(
        self,
        rows: list[Any],
        place: object,
        day: object,
        role: Role,
        tier: Tier | None,
        row: int | None = None,
    ) -> Eligibility:
        """`check` for a row of `check_many`; an exception gets a note naming the row.

        ``row`` is the row's index, or ``None`` for the place's first row (found only then).
        """
        try:
            return self.check(place, on=day, role=role, tier=tier)  # type: ignore[arg-type]
        except (Error, TypeError) as error:
            _note_row(error, rows, rows.index(place) if row is None else row)
            raise

    def check_foreign(
        self,
        place: str | int,
        tier: str,
        on: date | None = None,
        *,
        role: Role = Role.EXPORTER,
    ) -> Eligibility:
        """Does China's customs recognise a foreign operator of a partner programme tier?

        Args:
            place: Where the operator is certified.
            tier: The tier of the partner's programme, by code or name (e.g. ``AEOS``), or by
                a name the world data gives a tier of it (``Tier 1`` for Hong Kong's ``T1``;
                Korea's ``AAA``, which falls within the tier ``AEO`` the China record names;
                Taiwan's ``AEOG``, which falls within none and is not recognised).
            on: The day (default: today).
            role: ``Role.EXPORTER`` ships goods to China (helped at China's import
                clearance); ``Role.IMPORTER`` receives goods from China (helped at China's
                export clearance, only where the arrangement covers exports).

        Raises:
            UnknownPartnerTierError: The partner's programme has no such tier.
            UnknownPlaceError: ``place`` names no place.
            DomesticPlaceError: ``place`` is China's own customs territory.
            TypeError: An argument has the wrong type.
        """
        from .model import PartnerTier

        day = day_or_today(on)
        territory = self.resolve(place)
        if not isinstance(tier, str):
            raise TypeError(f"a partner tier is a string such as 'AEOS', not {_quoted(tier)}")
        found = self._situation(territory.code, day)
        arrangement = found[0]
        if arrangement is None:
            partner_tier = PartnerTier(tier, tier, False)
        else:
            partner_tier = self._partner_tier(arrangement, tier)
        return self._answer(
            territory, day, _role(role), partner_tier, found, partner_tier.recognised
        )

    def _partner_tier(self, arrangement: Arrangement, tier: str) -> PartnerTier:
        """The tier of ``arrangement``'s partner programme that ``tier`` names, by the China
        record's names or, failing them, by the world data's (read only then): a tier there
        that falls within none of the record's is one the arrangement does not recognise."""
        from . import _decide
        from .model import PartnerTier

        try:
            return _decide.partner_tier(arrangement, tier)
        except UnknownPartnerTierError as unknown:
            try:
                graph = self.world()
            except (Error, OSError):  # no world data to join
                raise unknown from None
            try:
                _, named = graph.holder(f"{arrangement.id}/{tier}")
            except Error:  # no such tier there either
                named = None
            if named is None:
                partner = graph.administrations[arrangement.id]
                extra = [(t.code, t.name) for t in partner.tiers if t.code not in unknown.valid]
                raise UnknownPartnerTierError(tier, arrangement.id, unknown.valid, extra) from None
            within = {named.code, named.within}
            found = (t for t in arrangement.partner_tiers if t.code in within)
            return next(found, PartnerTier(named.code, named.name, False))

    # -- how answers are made ------------------------------------------------------------

    def _check(self, place: object, day: date, role: Role, tier: Tier | None) -> Eligibility:
        from . import _decide

        territory = self.resolve(place)  # type: ignore[arg-type]
        chosen = _decide.chosen_tier(self.dataset.tiers, tier, day)
        found = self._situation(territory.code, day)
        arrangement = found[0]
        recognised = arrangement is not None and chosen in arrangement.china_tiers.value
        return self._answer(territory, day, _role(role), chosen, found, recognised)

    def _situation(self, code: str, day: date) -> _decide.Situation:
        from . import _decide

        return _decide.situation(self._loaded().links.get(code, ()), day)

    def _answer(
        self,
        territory: Territory,
        day: date,
        role: Role,
        tier: Tier | PartnerTier,
        found: _decide.Situation,
        recognised: bool,
    ) -> Eligibility:
        from . import _decide

        derived = self._loaded()
        counted = derived.counted.get(territory.code)
        return _decide.answer(
            derived.dataset, counted, territory, day, role, tier, found, recognised
        )


def _distinct_strings(rows: list[Any]) -> dict[Any, None] | None:
    """The distinct ``rows``, in order, if all are strings, else ``None``.

    Checking the types of the distinct values only spares a pass over the rows: a row of
    another type, such as ``276.0``, hides behind none of them, as no string equals it.
    """
    try:
        distinct = dict.fromkeys(rows)
    except TypeError:  # an unhashable row
        return None
    return distinct if all(map(isinstance, distinct, repeat(str))) else None


def _distinct_dates(days: list[Any]) -> set[date] | None:
    """The distinct ``days`` if all are dates and none a datetime, else ``None``: a
    datetime is unequal to its date, so it cannot hide behind one."""
    try:
        distinct = set(days)
    except TypeError:  # an unhashable day
        return None
    return distinct if {date}.issuperset(map(type, distinct)) else None


def _picked(
    items: list[Eligibility] | dict[int, Eligibility], numbers: tuple[int, ...]
) -> list[Eligibility]:
    """``items[n]`` for each of ``numbers``, all taken in C by one `itemgetter`, which
    keeps the tuple it is given rather than a copy. (A map of ``items.__getitem__`` costs
    twice as much; and finding the numbers and taking the items in one pass, more than both
    passes: a row's place, day and answer lie far apart in memory, and one pass at a time
    lets the processor fetch many rows' at once.)"""
    if len(numbers) < 2:  # itemgetter of one number returns the item, not a tuple
        return [items[number] for number in numbers]
    return list(itemgetter(*numbers)(items))


def _reads_bundled(registry: Registry) -> bool:
    """Whether ``registry`` answers from the bundled dataset (its compiled form or TOML)."""
    return registry._make is _read_bundled


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are made, none of them garbage:
    it would scan them again and again as they pile up, often costing more than making them.

    They are made to last (records, answers handed back), so they then join the oldest
    generation at once, which only a full collection scans, instead of being scanned on
    their way there; unless the program has frozen objects of its own, which moving them
    would thaw."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()  # every tracked object, the new ones too, to the frozen generation
            gc.unfreeze()  # and all of them from there to the oldest one
        if collecting:
            gc.enable()


def _read_bundled() -> Dataset:
    """The bundled dataset: its compiled form if that is current, else the TOML validated."""
    from . import _compiled

    with open(_compiled.TOML, "rb") as file:
        toml = file.read()
    dataset = _compiled.load_dataset(toml)
    if dataset is None:
        from ._loader import parse

        dataset = parse(toml.decode("utf-8"), "aeo_mra/data/arrangements.toml")
    return dataset


def _covers_exports(arrangement: Arrangement) -> bool:
    return arrangement.scope.value is Scope.IMPORTS_AND_EXPORTS


def _per_row(on: object, count: int) -> list[Any]:
    """``on``, an iterable of one date per row of ``count`` rows, as a list.

    Raises:
        TypeError: ``on`` is no such iterable (a string is not one).
        ValueError: It does not hold ``count`` values.
    """
    if isinstance(on, str | bytes) or not isinstance(on, Iterable):
        raise TypeError(
            f"on must be a date, None or an iterable of dates (one per row), not {_quoted(on)}"
        )
    days = on if isinstance(on, list) else list(on)
    if len(days) != count:
        raise ValueError(f"got {count} places but {len(days)} dates, one per row")
    return days


def _row_day(on: object, row: int) -> date:
    """A per-row date of `check_many`: a missing one is an error naming the row."""
    # NaN and pandas' NaT are the values unequal to themselves.
    if on is None or (isinstance(on, float | date) and on != on):  # noqa: PLR0124
        raise MissingDateError(on, row)
    try:
        return _dates.as_date(on)
    except TypeError as error:
        error.add_note(_ROW_NOTE.format(row))
        raise


_ROW_NOTE = "in row {} of check_many"


def _note_row(error: Exception, rows: list[Any], index: int) -> None:
    """Add to ``error`` a note naming the row of `check_many` it was raised for."""
    error.add_note(f"{_ROW_NOTE.format(index)}: {_quoted(rows[index])}")


def failed_row(error: BaseException) -> int | None:
    """The row of `check_many` that ``error`` was raised for, as its note names it."""
    for note in getattr(error, "__notes__", ()):
        if found := re.match(_ROW_NOTE.format(r"(\d+)"), note):
            return int(found[1])
    return None


def registry_or_default(registry: object, name: str = "registry") -> Registry:
    """``registry``, or the bundled data's for ``None``.

    Raises:
        TypeError: ``registry`` is neither (a file's path: use ``aeo_mra.load(path)``).
    """
    if registry is None:
        from . import _default

        return _default()
    if not isinstance(registry, Registry):
        hint = (
            "; to read a dataset file, use aeo_mra.load(path)"
            if isinstance(registry, str | PathLike)
            else ""
        )
        raise TypeError(
            f"{name} must be an aeo_mra.Registry or None, not {_quoted(registry)}{hint}"
        )
    return registry


def _is_dataset(value: object) -> bool:
    from .model import Dataset

    return isinstance(value, Dataset)


def _basis(basis: object) -> Basis:
    if not isinstance(basis, Basis):
        raise TypeError(f"basis must be Basis.SIGNED or Basis.IMPLEMENTED, not {_quoted(basis)}")
    return basis


def _str_subclass(place: object) -> bool:
    """Whether ``place`` is an instance of a subclass of ``str``, not of ``str`` itself."""
    return isinstance(place, str) and type(place) is not str


def _remembered(place: object, on: object) -> bool:
    """Whether the answer for ``place`` on ``on`` is cached: only for an exact date (datetimes
    of one instant are equal across time zones yet fall on different days), and a place
    that is `_keyable`."""
    return type(on) is date and _keyable(place)


def _keyable(name: object) -> bool:
    """Whether answers for ``name`` may be remembered by it: an integer, or a string of at
    most `MAX_CACHED_KEY` characters (not a float or bool equal to an integer, nor a long
    string a caller passed)."""
    return type(name) is int or (type(name) is str and len(name) <= MAX_CACHED_KEY)
