"""China's customs AEO mutual recognition arrangements, and who benefits from them.

>>> import aeo_mra
>>> from datetime import date
>>> aeo_mra.check("Germany", on=date(2020, 5, 1)).qualifies
True
>>> aeo_mra.check("United Kingdom", on=date(2021, 6, 1)).reason
<Reason.NO_LONGER_COVERED: 'no-longer-covered'>

The module-level functions answer from the dataset bundled with the package, loaded on
first use; :func:`load` gives a :class:`Registry` of a dataset of your own.
"""

from __future__ import annotations

import _thread
import importlib
from collections.abc import Iterable
from datetime import date
from os import PathLike
from typing import TYPE_CHECKING, Any

from .errors import (
    DataError,
    DomesticPlaceError,
    Error,
    TierNotInForceError,
    UnknownArrangementError,
    UnknownPartnerTierError,
    UnknownPlaceError,
)
from .model import (
    Arrangement,
    Basis,
    Benefit,
    CodeFormat,
    Confidence,
    CountedTerritory,
    Fact,
    Instrument,
    Membership,
    PartnerKind,
    PartnerTier,
    Precision,
    Role,
    Scope,
    Source,
    SourceKind,
    Stage,
    Territory,
    Tier,
    TierPeriod,
    When,
)

if TYPE_CHECKING:
    from .registry import Registry
    from .results import Eligibility, Event, EventKind, Reason, Summary

# Imported on first use, so that `import aeo_mra` stays light.
_LAZY = {
    "Registry": "registry",
    "Eligibility": "results",
    "Event": "results",
    "EventKind": "results",
    "Reason": "results",
    "Summary": "results",
    "codes": None,
}

__all__ = [
    "Arrangement",
    "Basis",
    "Benefit",
    "CodeFormat",
    "Confidence",
    "CountedTerritory",
    "DataError",
    "DomesticPlaceError",
    "Eligibility",
    "Error",
    "Event",
    "EventKind",
    "Fact",
    "Instrument",
    "Membership",
    "PartnerKind",
    "PartnerTier",
    "Precision",
    "Reason",
    "Registry",
    "Role",
    "Scope",
    "Source",
    "SourceKind",
    "Stage",
    "Summary",
    "Territory",
    "Tier",
    "TierNotInForceError",
    "TierPeriod",
    "UnknownArrangementError",
    "UnknownPartnerTierError",
    "UnknownPlaceError",
    "When",
    "arrangement",
    "arrangements",
    "check",
    "check_foreign",
    "check_many",
    "data_reviewed",
    "data_version",
    "load",
    "resolve",
    "summary",
    "timeline",
]

_lock = _thread.allocate_lock()  # not threading: it is slow to import
_registry: Registry | None = None


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'aeo_mra' has no attribute {name!r}")
    module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
    value = module if _LAZY[name] is None else getattr(module, name)
    globals()[name] = value
    return value


def _default() -> Registry:
    global _registry
    if _registry is None:
        with _lock:
            if _registry is None:
                from .registry import Registry

                _registry = Registry.bundled()
    return _registry


def load(path: str | PathLike[str]) -> Registry:
    """A registry of the dataset file at ``path``, independent of the bundled one.

    Raises:
        DataError: Listing every problem in the file, each with record and field.
    """
    from .registry import Registry

    return Registry.from_file(path)


def check(
    place: str | int,
    *,
    on: date | None = None,
    role: Role = Role.EXPORTER,
    tier: Tier | None = None,
) -> Eligibility:
    """Does an operator certified by China's customs get benefits trading with ``place``?

    See :meth:`Registry.check`.

    >>> check("DE", on=date(2015, 10, 31)).reason.name
    'SIGNED_NOT_IMPLEMENTED'
    """
    return (_registry or _default()).lookup(place, on, role, tier)


def check_many(
    places: Iterable[str | int],
    *,
    on: date | Iterable[date] | None = None,
    role: Role = Role.EXPORTER,
    tier: Tier | None = None,
) -> list[Eligibility]:
    """:func:`check` for many rows at once. See :meth:`Registry.check_many`."""
    return _default().check_many(places, on=on, role=role, tier=tier)


def check_foreign(
    place: str | int, tier: str, *, on: date | None = None, role: Role = Role.EXPORTER
) -> Eligibility:
    """Does China's customs recognise a foreign operator of a partner's programme tier?

    See :meth:`Registry.check_foreign`.

    >>> check_foreign("France", "AEOC", on=date(2016, 1, 1)).qualifies
    False
    >>> check_foreign("France", "AEOS", on=date(2016, 1, 1)).qualifies
    True
    """
    return _default().check_foreign(place, tier, on=on, role=role)


def summary(on: date | None = None, *, basis: Basis = Basis.SIGNED) -> Summary:
    """Running totals as China's customs counts them. See :meth:`Registry.summary`.

    >>> summary(date(2021, 8, 31)).economies
    20
    """
    return _default().summary(on, basis=basis)


def arrangements(on: date | None = None, *, basis: Basis = Basis.SIGNED) -> tuple[Arrangement, ...]:
    """The arrangements signed (or implemented) by ``on`` (default: today)."""
    return _default().arrangements(on, basis=basis)


def arrangement(id: str) -> Arrangement:
    """The arrangement with this id, e.g. ``"EU"``. See :meth:`Registry.arrangement`."""
    return _default().arrangement(id)


def resolve(place: str | int) -> Territory:
    """The territory a code, name or alias names. See :meth:`Registry.resolve`.

    >>> resolve("韩国").code
    'KR'
    """
    return _default().resolve(place)


def timeline() -> tuple[Event, ...]:
    """Every dated event of the bundled data, earliest first."""
    return _default().timeline()


def data_version() -> str:
    """The version of the bundled data."""
    return _default().version


def data_reviewed() -> date:
    """The day the bundled data was last checked against the public record."""
    return _default().reviewed
