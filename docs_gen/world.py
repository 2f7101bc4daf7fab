"""The world data page's tables: administrations and their coverage, arrangements, sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from aeo_mra import Instrument, Registry, Source
from aeo_mra.world import (
    Bilateral,
    Completeness,
    Counted,
    Plurilateral,
    PlurilateralMember,
    ProgrammeTier,
    PublishedCount,
    World,
    bundled,
)
from aeo_mra.world._explain import _name

from .markdown import escape, first_sentence, folded, table, unbroken_days
from .tables import _marked, catalogue_table


def _graph(registry: Registry) -> World:
    """The bundled world graph (it is joined to the bundled China data the pages describe)."""
    return bundled()


def _refs(graph: World, sources: Sequence[Source]) -> str:
    """Links to the sources (the world sources page's entries, or the China sources
    page's), folded under their number where there are more than two."""
    links = ", ".join(_link(graph, s, s.id) for s in sources)
    return links if len(sources) <= 2 else folded(f"{len(sources)} sources", links)


def _steps(arrangement: Bilateral | Plurilateral) -> str:
    """Its dated steps, then the days one side opened to the other's AEOs later."""
    steps = [_marked(f"{s.kind.value} {escape(s.when.value)}", s.when) for s in arrangement.steps]
    steps += [
        _marked(f"{o.recogniser} opened to {o.holder}'s AEOs {escape(o.when.value)}", o.when)
        for o in arrangement.openings
    ]
    return "<br>".join(steps)


def overview(registry: Registry) -> str:
    """The world's counts on the data's review day, and which administrations' lists are
    complete to a day (the rest are partial)."""
    graph = _graph(registry)
    world = graph.summary(on=graph.reviewed)
    complete = sorted(
        (a for a in graph.administrations.values() if a.coverage.complete),
        key=lambda a: a.name,
    )
    lists = ", ".join(
        f"[{escape(a.name)}](#{a.id.lower()}) (to {a.coverage.through or graph.reviewed})"
        for a in complete
    )
    return (
        f"On {graph.reviewed}, the day the data was last reviewed, it records "
        f"{len(graph.administrations)} administrations, {world.bilateral_signed} bilateral "
        f"arrangements signed ({world.bilateral_implemented} of them known to be implemented) "
        f"and {world.plurilateral_signed} plurilateral ones. It also records "
        f"{world.bilateral_planned} bilateral arrangements not yet signed between "
        "administrations not partners by another arrangement (as `aeo-mra world summary` "
        "counts them), by their joint work (or action) plans alone, which link no one. "
        f"The lists of {len(complete)} "
        f"administrations are complete to a day: {lists}. The others are partial: each one's "
        "note in the table below says what was searched and what may be missing."
    )


def coverage_table(registry: Registry) -> str:
    """Every administration, its programme, and how complete its list of partners is."""
    graph = _graph(registry)
    rows = []
    for administration in sorted(graph.administrations.values(), key=lambda a: a.id):
        partners = len(graph.partners(administration.id, on=graph.reviewed))
        rows.append(
            [
                f'<span id="{administration.id.lower()}"></span>**{administration.id}** '
                f'<small><a href="../map/?administration={administration.id}">map</a></small>',
                f"{escape(administration.name)}<br><small>{escape(administration.programme)}</small>",
                str(partners),
                _coverage(administration.coverage, graph.reviewed),
            ]
        )
    return table(["Id", "Administration and its AEO programme", "Partners", "Coverage"], rows)


def territories_table(registry: Registry) -> str:
    """The places an administration other than a union records in its customs territory:
    inside, outside or unknown, from when, on which sources."""
    graph = _graph(registry)
    rows = [
        [
            f"[{escape(administration.name)}](#{administration.id.lower()})",
            f"{escape(graph.china.places.territory(place.territory).name)} ({place.territory})",
            _marked(
                f"**{place.basis.value.value}**"
                + (f" from {place.since.value}" if place.since else ""),
                place.basis,
            ),
            escape(place.basis.note),
            _refs(graph, place.basis.sources),
        ]
        for administration in sorted(graph.administrations.values(), key=lambda a: a.id)
        if administration.members and not any(m.basis is None for m in administration.members)
        for place in administration.members
        if place.basis is not None
    ]
    return table(["Administration", "Place", "In its customs territory", "Why", "Sources"], rows)


def _coverage(coverage: Completeness, reviewed: date) -> str:
    """Complete to when, or partial, and the note's first sentence on one line; the rest of
    the note (often a log of the searches made) folded away under it."""
    state = f"complete to {coverage.through or reviewed}" if coverage.complete else "partial"
    first, rest = first_sentence(coverage.note)
    return folded(f"**{state}**: {escape(first)}", escape(rest))


def programme_tiers_table(registry: Registry) -> str:
    """Every administration whose programme has named tiers, and the tiers a holder may name,
    each with the China record's coarser tier it falls within, if any."""
    graph = _graph(registry)
    rows = [
        [
            f"[{escape(administration.name)}](#{administration.id.lower()})",
            "<br>".join(_tier_row(administration.id, tier) for tier in administration.tiers),
        ]
        for administration in sorted(graph.administrations.values(), key=lambda a: a.name)
        if administration.tiers
    ]
    return table(["Administration", "Tiers a holder may name"], rows)


def _tier_row(ident: str, tier: ProgrammeTier) -> str:
    """A tier as a holder names it, its name, its aliases and the China record's coarser
    tier it falls within."""
    notes = [f"also {', '.join(escape(a) for a in tier.aliases)}"] if tier.aliases else []
    notes += [f"within the China record's {escape(tier.within)}"] if tier.within else []
    small = f" <small>({'; '.join(notes)})</small>" if notes else ""
    return f"`{ident}/{tier.code}` {escape(tier.name)}{small}"


def edges_table(registry: Registry) -> str:
    """Every bilateral arrangement, with its steps, scope, tiers recognised and sources."""
    graph = _graph(registry)
    rows = []
    for bilateral in graph.bilaterals:
        about = [escape(bilateral.name)]
        if bilateral.instrument is not Instrument.ARRANGEMENT:
            about.append(bilateral.instrument.value)
        if bilateral.from_china:
            about.append("China data")
        rows.append(
            [
                f"**{escape(bilateral.id)}**<br><small>{'; '.join(about)}</small>"
                + _caveats(bilateral),
                _steps(bilateral),
                _scope(bilateral),
                _tiers(bilateral),
                _refs(graph, bilateral.sources),
            ]
        )
    return table(["Arrangement", "Steps", "Scope", "Tiers recognised", "Sources"], rows)


def _caveats(arrangement: Bilateral | Plurilateral) -> str:
    """What its answers carry to know before relying on them, folded under their number."""
    caveats = arrangement.caveats
    if not caveats:
        return ""
    label = "1 caveat" if len(caveats) == 1 else f"{len(caveats)} caveats"
    return folded(f"<small>{label}</small>", "<br>".join(escape(c.value) for c in caveats))


def _scope(arrangement: Bilateral | Plurilateral) -> str:
    """Which goods of the other side's AEOs it facilitates: for all sides, or per side."""
    if arrangement.scope is not None:
        return _marked(arrangement.scope.value.description, arrangement.scope)
    sides = "<br>".join(
        _marked(f"{side}: {fact.value.description}", fact)
        for side, fact in arrangement.scope_by.items()
    )
    return sides or "—"


def _tiers(arrangement: Bilateral | Plurilateral) -> str:
    """Per party (or member), the tiers of its programme the others recognise: all of
    them, or some (whether the others are too not being known)."""
    tiers = [
        _marked(f"{side}: {', '.join(fact.value) or 'none'}", fact)
        for side, fact in arrangement.recognised.items()
    ]
    tiers += [
        _marked(f"{side}: {', '.join(fact.value)}, perhaps others", fact)
        for side, fact in arrangement.recognised_at_least.items()
    ]
    return "<br>".join(tiers) or "—"


def plurilaterals_table(registry: Registry) -> str:
    """Every plurilateral arrangement, its members and their go-live dates, its scope and
    the tiers recognised."""
    graph = _graph(registry)
    rows = []
    for plurilateral in graph.plurilaterals:
        members = [
            _marked(f"{_member(m)}: live {escape(m.live.value)}", m.live)
            if m.live
            else f"{_member(m)}: go-live not known"
            for m in plurilateral.members
        ]
        rows.append(
            [
                escape(plurilateral.name) + _caveats(plurilateral),
                _steps(plurilateral),
                "<br>".join(members),
                _scope(plurilateral),
                _tiers(plurilateral),
                _refs(graph, plurilateral.sources),
            ]
        )
    return table(["Arrangement", "Steps", "Members", "Scope", "Tiers recognised", "Sources"], rows)


def commons_table(registry: Registry) -> str:
    """Every common programme: its members, when its status became valid across them, and
    the status a holder names."""
    graph = _graph(registry)
    rows = [
        [
            escape(common.name) + _caveats(common),
            _steps(common),
            ", ".join(m.administration for m in common.members),
            f"`{common.status.code}`: {escape(common.status.name)}"
            if common.status
            else "each member's own AEO status",
            _refs(graph, common.sources),
        ]
        for common in graph.commons
    ]
    return table(["Programme", "Steps", "Members", "Status recognised", "Sources"], rows)


def _member(member: PlurilateralMember) -> str:
    """A member's id, and in an arrangement between blocs the bloc it signed for."""
    return member.administration + (f" ({escape(member.side)})" if member.side else "")


def world_sources_table(registry: Registry) -> str:
    """The world data's own sources (China's are on the sources page)."""
    return catalogue_table(_graph(registry).data.sources)


def published_table(registry: Registry) -> str:
    """Each administration's published counts: how many, over which days, the first and
    last, and those the data does not reach, each with why (folded)."""
    graph = _graph(registry)
    by_administration: dict[str, list[PublishedCount]] = {}
    for row in graph.published:
        if row.administration is not None:
            by_administration.setdefault(row.administration, []).append(row)
    rows = []
    for ident, counts in by_administration.items():
        plurilateral = _span(counts, Counted.PLURILATERAL_SIGNED)
        rows.append(
            [
                f"[{escape(graph.administrations[ident].name)}](#{ident.lower()})",
                _span(counts, Counted.BILATERAL_SIGNED)
                + (f"<br>plurilateral: {plurilateral}" if plurilateral else ""),
                _span(counts, Counted.BILATERAL_IMPLEMENTED),
                _unreached(graph, counts),
            ]
        )
    rows.sort()
    header = ["Administration", "Signed, first and last published", "Implemented", "Not reached"]
    return table(header, rows)


def world_totals_table(registry: Registry) -> str:
    """The world's published totals, each beside the data's count on its day."""
    graph = _graph(registry)
    rows = []
    for row in sorted((r for r in graph.published if r.administration is None), key=_day):
        data = graph.summary(on=row.on).count(row.counted)
        rows.append(
            [
                unbroken_days(str(row.on)),
                row.counted.value,
                ", ".join(_refs_named(graph, row)),
                str(row.count),
                str(data) if not row.unreached else folded(str(data), escape(row.unreached)),
            ]
        )
    return table(["Day", "Counted", "Published by", "Count", "The data counts"], rows)


def _day(row: PublishedCount) -> date:
    return row.on


def _span(counts: list[PublishedCount], counted: Counted) -> str:
    """The first and last counts of ``counted`` published, with their days, and how many."""
    found = sorted((c for c in counts if c.counted is counted), key=_day)
    if not found:
        return ""
    first, last = found[0], found[-1]
    span = f"{first.count} ({unbroken_days(str(first.on))})"
    if len(found) > 1:
        span += (
            f" to {last.count} ({unbroken_days(str(last.on))}) <small>({len(found)} counts)</small>"
        )
    return span


def _unreached(graph: World, counts: list[PublishedCount]) -> str:
    """The counts the data does not reach, folded under their number, each with why."""
    missed = sorted((c for c in counts if c.unreached), key=_day)
    if not missed:
        return "none"
    lines = "<br>".join(
        f"{unbroken_days(str(c.on))}, {c.count} {c.counted.value} "
        f"({', '.join(_refs_named(graph, c))}): {escape(c.unreached)}"
        for c in missed
    )
    return folded(f"{len(missed)} of {len(counts)}", lines)


def _refs_named(graph: World, row: PublishedCount) -> list[str]:
    """Links to a count's sources, by the names explanations give them."""
    return [_link(graph, s, unbroken_days(escape(_name(s)))) for s in row.sources]


def _link(graph: World, source: Source, text: str) -> str:
    """A link to the source's entry: on the world sources page, or the China sources page."""
    page = "world-sources.md" if source.id in graph.data.sources else "sources.md"
    return f"[{text}]({page}#{source.id})"
