"""Every customs administration's AEO mutual recognition arrangements, as one dated graph.

China's arrangements come from the China dataset; every other administration's from the
world data (``data/world.toml``). Recognition is not transitive: an arrangement of each of
two administrations with a third gives neither anything in the other.

>>> from aeo_mra import world
>>> from datetime import date
>>> world.check("EU/AEOS", "Japan", on=date(2012, 1, 1)).recognised
True
>>> world.check("EU", "Japan", on=date(2012, 1, 1)).reason.name  # Japan: AEOS, AEOF only
'TIER_NEEDED'
>>> world.check("EU/AEOC", "United Kingdom", on=date(2022, 1, 1)).reason.name
'TIER_NOT_RECOGNISED'
>>> world.check("CN", "United States", on=date(2020, 1, 1)).verdict.name
'NO'

The functions answer from the bundled data, read on first use; [`load`][aeo_mra.world.load]
gives a [`World`][aeo_mra.world.World] of a world data file of your own, and
[`Registry.world`][aeo_mra.Registry.world] the bundled world data joined to a China dataset
of your own.
"""

from __future__ import annotations

import functools
from datetime import date
from os import PathLike

from .. import _default
from ..model import Role
from ..registry import Registry, registry_or_default
from ._graph import SameAdministrationError, World
from ._load import parse
from ._model import (
    Administration,
    Bilateral,
    CommonProgramme,
    Completeness,
    Counted,
    Opening,
    Partner,
    Plurilateral,
    PlurilateralMember,
    ProgrammeTier,
    PublishedCount,
    Recogniser,
    Recognition,
    Step,
    StepKind,
    WorldDataset,
    WorldReason,
    WorldSummary,
)
from ._names import UnknownAdministrationError, UnknownArrangementError, UnknownTierError

__all__ = [
    "Administration",
    "Bilateral",
    "CommonProgramme",
    "Completeness",
    "Counted",
    "Opening",
    "Partner",
    "Plurilateral",
    "PlurilateralMember",
    "ProgrammeTier",
    "PublishedCount",
    "Recogniser",
    "Recognition",
    "SameAdministrationError",
    "Step",
    "StepKind",
    "UnknownAdministrationError",
    "UnknownArrangementError",
    "UnknownTierError",
    "World",
    "WorldDataset",
    "WorldReason",
    "WorldSummary",
    "arrangement",
    "bundled",
    "check",
    "load",
    "partners",
    "recognisers",
    "summary",
]


@functools.cache  # one call on check()'s path
def bundled() -> World:
    """The world graph of the bundled data, joined to the bundled China dataset; for a
    China dataset of your own, [`Registry.world`][aeo_mra.Registry.world]."""
    return _default().world()


def load(path: str | PathLike[str], china: Registry | None = None) -> World:
    """The world graph of the world data file at ``path``.

    Args:
        path: A TOML file in the schema of ``data/world.toml`` (see the docs' data pages).
        china: The registry of the China dataset to join (default: the bundled one).

    Raises:
        DataError: Listing every problem in the file, or saying that it is not a regular
            file, is larger than the limit or is not UTF-8.
        OSError: The file cannot be opened.
        TypeError: ``path`` is not a ``str`` or ``os.PathLike``, or ``china`` is not a
            `Registry`.
    """
    from .._files import read_text

    registry = registry_or_default(china, "china")
    text, name = read_text(path)
    return World(parse(text, registry.dataset, name), registry)


def check(
    holder: str, place: str | int, on: date | None = None, *, role: Role = Role.EXPORTER
) -> Recognition:
    """Is an AEO of ``holder`` (an administration or ``ADMIN/TIER``) trading with ``place``
    on ``on`` recognised there? The bundled graph's [`World.check`][aeo_mra.world.World.check].

    >>> check("KR", "United States", on=date(2015, 1, 1)).verdict.name
    'UNKNOWN'
    """
    return bundled().check(holder, place, on=on, role=role)


def arrangement(id: str) -> Bilateral | Plurilateral | CommonProgramme:
    """The arrangement with ``id``: [`World.arrangement`][aeo_mra.world.World.arrangement].

    >>> arrangement("KR-US").id
    'US-KR'
    >>> [step.kind.value for step in arrangement("CN-EU").steps]
    ['signed', 'implemented']
    """
    return bundled().arrangement(id)


def partners(administration: str, on: date | None = None) -> tuple[Partner, ...]:
    """The partners of ``administration`` on ``on``.

    The bundled graph's [`World.partners`][aeo_mra.world.World.partners].

    >>> [p.administration.id for p in partners("US", on=date(2010, 1, 31))]
    ['NZ', 'CA', 'JO', 'JP']
    """
    return bundled().partners(administration, on=on)


def summary(administration: str | None = None, on: date | None = None) -> WorldSummary:
    """Counts of arrangements: [`World.summary`][aeo_mra.world.World.summary].

    >>> summary("US", on=date(2022, 9, 30)).bilateral_signed
    16
    """
    return bundled().summary(administration, on=on)


def recognisers(
    holder: str, on: date | None = None, *, role: Role = Role.EXPORTER
) -> tuple[Recogniser, ...]:
    """Which administrations recognise ``holder`` (an administration or ``ADMIN/TIER``),
    exporting to them or, with ``role=Role.IMPORTER``, importing from them?

    The bundled graph's [`World.recognisers`][aeo_mra.world.World.recognisers].

    >>> [r.administration.id for r in recognisers("EU/AEOS", on=date(2022, 1, 1))
    ...  if r.recognised]
    ['CN', 'CH', 'NO', 'JP', 'US', 'GB']
    >>> [r.administration.id for r in recognisers("EU/AEOS", on=date(2022, 1, 1),
    ...  role=Role.IMPORTER) if r.recognised]
    ['CN', 'JP']
    """
    return bundled().recognisers(holder, on=on, role=role)
