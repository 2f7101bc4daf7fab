"""China's administration and its edges in the world graph, made from the China dataset's
records, so that each fact about them stays in one place."""

from __future__ import annotations

from ..model import Arrangement, Fact, Tier, unique_sources
from ..registry import Registry
from ._model import Administration, Bilateral, Completeness, ProgrammeTier, Step, StepKind

__all__ = ["CHINA", "china_administration", "china_edge", "partner_of_china", "programme_tiers"]

CHINA = "CN"
_NOT_RESEARCHED = "Not researched beyond the arrangements found for other administrations."


def china_administration(china: Registry) -> Administration:
    """China's administration: its AEO tiers are those China's customs counts as AEOs
    (`TierPeriod.aeo`: the default tier of each day, general certified enterprises until
    2021-10-31, certified enterprises from 2026-04-01) and any other its arrangements
    recognise."""
    dataset = china.dataset
    counted = [p.tier for p in dataset.tiers.values() if p.aeo]
    named = [t for a in dataset.arrangements for t in a.china_tiers.value]
    tiers = dict.fromkeys(t for t in Tier if t in counted or t in named)  # in the tiers' order
    periods = [dataset.tiers[t] for t in tiers if t in dataset.tiers]
    return Administration(
        id=CHINA,
        name="China",
        programme="China Customs enterprise credit management (AEO: certified enterprises)",
        tiers=tuple(ProgrammeTier(t.name, t.description, aliases=(t.name_zh,)) for t in tiers),
        members=(),
        coverage=Completeness(
            True,
            dataset.reviewed,
            "The China dataset records every arrangement of China's customs (see its pages).",
            (),
        ),
        sources=unique_sources(p.sources for p in periods),
    )


def programme_tiers(
    described: Administration | None, record: Arrangement | None
) -> tuple[ProgrammeTier, ...]:
    """The tiers of an administration's programme: the world data's (``described``), or,
    where it lists none, those its China record names."""
    if described is not None and described.tiers:
        return described.tiers
    named = record.partner_tiers if record is not None else ()
    return tuple(ProgrammeTier(t.code, t.name) for t in named)


def partner_of_china(record: Arrangement) -> Administration:
    """A partner of China that the world data does not describe, as the China record does:
    it covers the record's members (a union's member states, or the one country)."""
    return Administration(
        id=record.id,
        name=record.partner,
        programme=record.partner_programme.value,
        tiers=programme_tiers(None, record),
        members=record.members + record.territories,
        coverage=Completeness(False, None, _NOT_RESEARCHED, ()),
        sources=record.partner_programme.sources,
    )


def china_edge(record: Arrangement, partner: Administration) -> Bilateral:
    """China's edge with ``partner``, whose tiers may be finer than the China record's:
    a tier within a recognised tier of the record is recognised too."""
    steps = [Step(StepKind.SIGNED, record.signed)]
    if record.implemented is not None:
        steps.append(Step(StepKind.IMPLEMENTED, record.implemented))
    china_tiers = record.china_tiers
    recognised: dict[str, Fact[tuple[str, ...]]] = {
        CHINA: Fact(
            tuple(t.name for t in china_tiers.value),
            china_tiers.sources,
            china_tiers.confidence,
            china_tiers.inferred,
            china_tiers.note,
        )
    }
    if record.partner_tiers:
        programme = record.partner_programme
        codes = {t.code for t in record.partner_tiers if t.recognised}
        finer = tuple(t.code for t in partner.tiers if t.code in codes or t.within in codes)
        note = ""
        if set(finer) != codes:
            coarse = ", ".join(sorted(codes))
            note = f"The China record recognises the tiers {coarse}; these fall within them."
        recognised[record.id] = Fact(
            finer, programme.sources, programme.confidence, programme.inferred, note
        )
    return Bilateral(
        id=f"{CHINA}-{record.id}",
        name=record.name,
        parties=(CHINA, record.id),
        instrument=record.instrument,
        steps=tuple(steps),
        scope=record.scope,
        recognised=recognised,
        note="From the China dataset's record " + record.id + ".",
        from_china=True,
        caveats=record.caveats,
    )
