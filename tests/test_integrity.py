"""The bundled dataset is whole: cited, well-dated, with valid codes."""

from __future__ import annotations

from aeo_mra import Registry
from aeo_mra.places import normalise


def test_every_fact_cites_a_source(registry: Registry) -> None:
    for a in registry.dataset.arrangements:
        facts = [a.signed, a.scope, a.china_tiers, a.partner_programme, a.benefits, *a.caveats]
        facts += [f for f in (a.implemented, a.code_format) if f is not None]
        for fact in facts:
            assert fact.sources, a.id
            for source in fact.sources:
                assert source.urls, source.id
        for stage in a.stages:
            assert stage.sources


def test_inferred_facts_are_low_confidence(registry: Registry) -> None:
    for a in registry.dataset.arrangements:
        for fact in (a.signed, a.implemented, a.scope, a.china_tiers):
            if fact is not None and fact.inferred:
                assert fact.confidence.name == "LOW", a.id
                assert fact.note, a.id


def test_dates_are_ordered(registry: Registry) -> None:
    for a in registry.dataset.arrangements:
        signed = a.signed.value
        if signed.earliest and signed.latest:
            assert signed.earliest <= signed.latest
        if a.implemented and signed.earliest:
            latest = a.implemented.value.latest
            assert latest is not None, a.id
            assert signed.earliest <= latest, a.id
        starts = [s.start for s in a.stages]
        assert starts == sorted(starts)


def test_member_codes_are_iso(registry: Registry) -> None:
    for a in registry.dataset.arrangements:
        for member in a.members:
            assert registry.places.is_code(member.territory), (a.id, member.territory)
    for counted in registry.dataset.counted_territories:
        assert registry.places.is_code(counted.territory)


def test_no_territory_is_covered_twice_at_once(registry: Registry) -> None:
    from datetime import date

    for year in range(2012, 2027):
        day = date(year, 1, 1)
        covered = [t for a in registry.arrangements(day) for t in a.covered(day)]
        assert len(covered) == len(set(covered)), day


def test_aliases_are_unique_once_normalised(registry: Registry) -> None:
    keys = [normalise(alias) for alias in registry.dataset.aliases]
    assert len(keys) == len(set(keys))


def test_every_tier_period_cites_a_source(registry: Registry) -> None:
    for period in registry.dataset.tiers.values():
        assert period.sources
