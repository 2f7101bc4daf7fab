"""The measures page: every measure over time, tier by tier, from ``data/measures.toml``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from aeo_mra import Registry, Tier
from aeo_mra.home import InForce, MeasureInstrument, Measures

from .markdown import escape, table
from .tables import catalogue_table


def _book(registry: Registry) -> Measures:
    from aeo_mra.home import _read_bundled

    return Measures(_read_bundled, registry)


def _national(book: Measures) -> list[MeasureInstrument]:
    return [i for i in book.data.instruments if not i.districts]


def periods(book: Measures) -> list[tuple[MeasureInstrument, list[date], list[Tier]]]:
    """Each decree with the days that sample its period (its first day, and the first day of
    each other national instrument that starts within it) and the tiers its lists name."""
    starts = sorted(
        {d for i in _national(book) for d in (i.since.earliest, i.since.latest) if d is not None}
    )
    out = []
    for decree in (i for i in _national(book) if i.kind.value == "decree"):
        first = decree.since.earliest
        last = decree.until.latest if decree.until else None
        if first is None:
            continue
        days = [d for d in starts if first <= d and (last is None or d <= last)]
        named = {t for item in book.data.lists if item.instrument is decree for t in item.tiers}
        out.append((decree, days, [t for t in Tier if t in named]))
    return out


def _in_force(book: Measures, tier: Tier, days: list[date]) -> Iterator[tuple[InForce, bool]]:
    """The national measures a tier has on any of ``days``, and whether a list of unknown
    items applies on any of them."""
    for day in days:
        answer = book.measures(tier, on=day)
        for found in answer.measures:
            yield found, bool(answer.unknown)


def measures_matrix(registry: Registry) -> str:
    """Rows: concepts; columns: each decree's period and tier; cells: where the measure is."""
    book = _book(registry)
    columns = [(decree, days, tier) for decree, days, tiers in periods(book) for tier in tiers]
    cells: dict[tuple[str, int], dict[str, bool]] = {}
    unknown: dict[int, bool] = {}
    for index, (decree, days, tier) in enumerate(columns):
        unknown[index] = any(book.measures(tier, on=d).unknown for d in days)
        for found, _ in _in_force(book, tier, days):
            measure = found.measure
            label = measure.article or measure.list.name
            if measure.instrument is not decree:
                label = measure.instrument.id + (f" {measure.article}" if measure.article else "")
            certain = cells.setdefault((measure.concept.id, index), {})
            certain[label] = certain.get(label, False) or found.certain
    rows = []
    for concept in book.data.concepts.values():
        row = [escape(concept.name)]
        for index in range(len(columns)):
            labels = cells.get((concept.id, index), {})
            text = ", ".join(escape(k) + ("" if ok else " ⁽?⁾") for k, ok in labels.items())
            row.append(text or ("?" if unknown[index] else "—"))
        rows.append(row)
    header = ["Measure"] + [
        f"{escape(decree.id)} {_short(decree)}<br><small>{escape(tier.description)}</small>"
        for decree, _, tier in columns
    ]
    return f'<div class="aeo-matrix" markdown>\n\n{table(header, rows)}\n\n</div>'


def _short(instrument: MeasureInstrument) -> str:
    return f"({instrument.since.earliest.year}–)" if instrument.since.earliest else ""


def measure_lists(registry: Registry, scope: str = "national") -> str:
    """One row per list: its instrument, period, tiers, published count and what is recorded."""
    book = _book(registry)
    rows = []
    for item in book.data.lists:
        local = bool(item.instrument.districts)
        if local != (scope == "local"):
            continue
        places = ", ".join(d.name for d in item.instrument.districts)
        rows.append(
            [
                escape(item.instrument.title)
                + (f" <small>({escape(places)})</small>" if local else ""),
                escape(item.instrument.period),
                escape(item.name),
                ", ".join(t.name for t in item.tiers),
                "unknown" if item.items is None else str(item.items),
                f"{item.found}" + ("" if item.complete else " <small>(not all)</small>"),
                ", ".join(f"[{s.id}](#{s.id})" for s in item.sources),
                escape(item.note),
            ]
        )
    header = ["Instrument", "In force", "List", "Tiers", "Items", "Recorded", "Sources", "Note"]
    return table(header, rows)


def aeo_counts(registry: Registry) -> str:
    """The published counts of certified enterprises, by date."""
    rows = [
        [
            f"{c.on}" + (" <small>(published)</small>" if c.published else ""),
            escape(c.scope),
            f"{c.qualifier.value.replace('-', ' ')} {c.count:,}".replace("exact ", ""),
            ", ".join(t.name for t in c.tiers) or "not stated",
            escape(c.share) or "—",
            str(c.confidence),
            ", ".join(f"[{s.id}](#{s.id})" for s in c.sources),
        ]
        for c in _book(registry).data.counts
    ]
    header = ["Date", "Scope", "Count", "Tiers", "Share", "Confidence", "Sources"]
    return table(header, rows)


def measure_sources(registry: Registry) -> str:
    """Every source of the measures file, with its links."""
    return catalogue_table(_book(registry).data.sources)
