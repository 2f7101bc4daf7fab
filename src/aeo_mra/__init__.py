"""China's customs AEO mutual recognition arrangements, and who benefits from them.

>>> import aeo_mra
>>> from datetime import date
>>> aeo_mra.check("Germany", on=date(2020, 5, 1)).qualifies
True
>>> aeo_mra.check("United Kingdom", on=date(2021, 6, 1)).reason
<Reason.NO_LONGER_COVERED: 'no-longer-covered'>

The module-level functions answer from the dataset bundled with the package, loaded on
first use; [`load`][aeo_mra.load] gives a [`Registry`][aeo_mra.Registry] of a dataset of your own.
"""

from __future__ import annotations

import importlib
from datetime import date
from os import PathLike
from typing import TYPE_CHECKING, Any

from ._vocabulary import (
    Basis,
    Benefit,
    CodePrefix,
    Confidence,
    DeclarationField,
    Instrument,
    PartnerKind,
    Precision,
    Role,
    Scope,
    SourceKind,
    Tier,
)
from .errors import (
    ColumnError,
    DataError,
    DomesticPlaceError,
    Error,
    MissingDateError,
    MissingPlaceError,
    TierNotInForceError,
    UnknownArrangementError,
    UnknownPartnerTierError,
    UnknownPlaceError,
)
from .registry import Registry

# Imported on first use, so that `import aeo_mra` stays light: the records and answers are
# attrs classes, built when the first question reads the data or a program names them.
_RECORDS = ("Arrangement", "CodeFormat", "CountedTerritory", "Dataset", "DeclarationRule",
            "Fact", "Membership", "PartnerTier", "Record", "Source", "Stage", "Territory",
            "TierPeriod", "When")  # fmt: skip
_LAZY: dict[str, str | None] = {
    **dict.fromkeys(_RECORDS, "model"),
    **dict.fromkeys(("Eligibility", "Reason", "Verdict"), "_eligibility"),
    **dict.fromkeys(("Event", "EventKind", "Summary"), "results"),
    "to_dict": "_plain",
    "PlaceIndex": "places",
    "codes": None,
    "diff": None,
    "home": None,
    "measures": "home",
    "world": None,
    "check_frame": "_frames",
    "json_schema": "_jsonschema",
}

__all__ = [
    "DATA_REVIEWED",
    "DATA_VERSION",
    "Arrangement",
    "Basis",
    "Benefit",
    "CodeFormat",
    "CodePrefix",
    "ColumnError",
    "Confidence",
    "CountedTerritory",
    "DataError",
    "Dataset",
    "DeclarationField",
    "DeclarationRule",
    "DomesticPlaceError",
    "Eligibility",
    "Error",
    "Event",
    "EventKind",
    "Fact",
    "Instrument",
    "Membership",
    "MissingDateError",
    "MissingPlaceError",
    "PartnerKind",
    "PartnerTier",
    "PlaceIndex",
    "Precision",
    "Reason",
    "Record",
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
    "Verdict",
    "When",
    "arrangement",
    "arrangements",
    "check",
    "check_foreign",
    "check_frame",
    "check_many",
    "codes",
    "diff",
    "home",
    "json_schema",
    "load",
    "measures",
    "resolve",
    "summary",
    "timeline",
    "to_dict",
    "world",
]


if TYPE_CHECKING:
    from . import home, world
    from ._eligibility import Eligibility, Reason, Verdict
    from ._frames import check_frame
    from ._jsonschema import json_schema
    from ._plain import to_dict
    from .home import measures
    from .model import (
        Arrangement,
        CodeFormat,
        CountedTerritory,
        Dataset,
        DeclarationRule,
        Fact,
        Membership,
        PartnerTier,
        Record,
        Source,
        Stage,
        Territory,
        TierPeriod,
        When,
    )
    from .places import PlaceIndex
    from .results import Event, EventKind, Summary

    __version__: str
    """The version of the installed package, e.g. ``0.1.0`` (``aeo-mra --version``)."""

    DATA_VERSION: str
    """The version of the bundled data, e.g. ``2026.11.23`` (read on first use)."""
    DATA_REVIEWED: date
    """The day the bundled data was last checked against the public record."""


def __getattr__(name: str) -> Any:
    if name == "DATA_VERSION":
        return _BUNDLED.version
    if name == "DATA_REVIEWED":
        return _BUNDLED.reviewed
    if name == "__version__":
        from importlib.metadata import version

        return version("aeo-mra")
    if name not in _LAZY:
        raise AttributeError(f"module 'aeo_mra' has no attribute {name!r}")
    module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
    value = module if _LAZY[name] is None else getattr(module, name)
    globals()[name] = value
    return value


def load(path: str | PathLike[str]) -> Registry:
    """A registry of the dataset file at ``path``, independent of the bundled one.

    Args:
        path: A TOML file in the bundled data's schema (see the docs' data schema page).

    Raises:
        DataError: Listing the problems in the file, each with record and field; or the
            file is not a regular file, or is over the size limit.
        TypeError: ``path`` is not a ``str`` or ``os.PathLike`` (checked before any I/O).
        OSError: The file cannot be opened.
    """
    return Registry.from_file(path)


def _default() -> Registry:
    """The registry of the bundled data."""
    return _BUNDLED


# The module-level functions are the methods of the registry of the bundled data, which
# reads its data file on first use. Binding them here keeps check() to a single call.
_BUNDLED = Registry.bundled()

check = _BUNDLED.check
"""Does an operator certified by China's customs get benefits trading with a place?

The bundled registry's [`Registry.check`][aeo_mra.Registry.check].

>>> check("DE", on=date(2015, 10, 31)).reason.name
'SIGNED_NOT_IMPLEMENTED'
"""

check_many = _BUNDLED.check_many
"""[`check`][aeo_mra.check] for many rows at once.

The bundled registry's [`Registry.check_many`][aeo_mra.Registry.check_many].
"""

check_foreign = _BUNDLED.check_foreign
"""Does China's customs recognise a foreign operator of a partner programme's tier?

The bundled registry's [`Registry.check_foreign`][aeo_mra.Registry.check_foreign].

>>> check_foreign("France", "AEOC", on=date(2016, 1, 1)).qualifies
False
>>> check_foreign("France", "AEOS", on=date(2016, 1, 1)).qualifies
True
"""

summary = _BUNDLED.summary
"""Running totals as China's customs counts them: [`Registry.summary`][aeo_mra.Registry.summary].

>>> summary(date(2021, 8, 31)).economies
20
"""

arrangements = _BUNDLED.arrangements
"""The arrangements signed (or implemented) by a date.

The bundled registry's [`Registry.arrangements`][aeo_mra.Registry.arrangements].
"""

arrangement = _BUNDLED.arrangement
"""The arrangement with an id, e.g. ``"EU"``.

The bundled registry's [`Registry.arrangement`][aeo_mra.Registry.arrangement].
"""

resolve = _BUNDLED.resolve
"""The territory a code, name or alias names: [`Registry.resolve`][aeo_mra.Registry.resolve].

>>> resolve("韩国").code
'KR'
"""

timeline = _BUNDLED.timeline
"""Every dated event of the bundled data, earliest first.

The bundled registry's [`Registry.timeline`][aeo_mra.Registry.timeline].
"""
