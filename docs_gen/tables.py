"""The data pages' tables: arrangements, places, timeline, sources, inferences, tiers."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from aeo_mra import Arrangement, CodeFormat, Confidence, Fact, Registry, Source

from .markdown import escape, first_sentence, folded, link, table, unbroken_days


def _mark(fact: Fact[Any] | None) -> str:
    """The confidence mark of a fact: empty when high and stated, else e.g. ``low, inferred``."""
    if fact is None:
        return ""
    words = [] if fact.confidence is Confidence.HIGH else [str(fact.confidence)]
    if fact.inferred:
        words.append("inferred")
    return ", ".join(words)


def _marked(value: str, fact: Fact[Any] | None) -> str:
    """A fact's value (markdown) in a table cell, its days kept whole, with its mark."""
    mark = _mark(fact)
    value = unbroken_days(value)
    return f"{value} <small>({mark})</small>" if mark else value


def _source_refs(sources: Iterable[Source]) -> str:
    """Links to the sources' entries on the sources page."""
    return ", ".join(f"[{s.id}](sources.md#{s.id})" for s in sources)


def _announcement(arrangement: Arrangement) -> str:
    """The implemented fact's first source: usually the announcement that put it into effect."""
    if arrangement.implemented is None:
        return "—"
    source = arrangement.implemented.sources[0]
    # "GACC announcement 2015 No. 52 (what it did)" reads well short; other titles need all.
    title = source.short_title if "announcement" in source.short_title else source.title
    return link(title, source.urls[0])


def _place(registry: Registry, code: str) -> tuple[str, str]:
    territory = registry.resolve(code)
    return territory.name, territory.name_zh


def arrangements_table(registry: Registry) -> str:
    """An overview: one short row per arrangement, in the file's order, linking to its facts."""
    rows = []
    for a in registry.dataset.arrangements:
        partner = f"[{escape(a.partner)}](#{a.id.lower()}) {a.partner_zh}"
        if a.instrument.value != "arrangement":
            partner += f" <small>({a.instrument.value})</small>"
        if not a.counted:
            partner += " <small>(not counted in the totals)</small>"
        implemented = (
            _marked(str(a.implemented.value), a.implemented) if a.implemented else "not found"
        )
        if len(a.stages) > 1:
            implemented += f" <small>(in {len(a.stages)} stages)</small>"
        covers = (
            f"{len(a.members)} countries and regions" if len(a.members) > 1 else
            escape(_place(registry, a.members[0].territory)[0])
        )  # fmt: skip
        rows.append([partner, _marked(escape(a.signed.value), a.signed), implemented, covers])
    return table(["Partner", "Signed", "In effect from", "Covers"], rows)


def arrangement_details(registry: Registry) -> str:
    """A section per arrangement: every fact with its confidence, sources and note."""
    return "\n\n".join(_details(registry, a) for a in registry.dataset.arrangements)


def _details(registry: Registry, a: Arrangement) -> str:
    rows: list[list[str]] = []

    def fact(label: str, value: str, f: Fact[Any] | None) -> None:
        if f is not None and f.note:
            value += f"<br><small>{escape(f.note)}</small>"
        if f is not None:
            value += _provenance(f.sources, f)
        rows.append([label, value])

    fact("Signed", escape(a.signed.value), a.signed)
    if a.implemented is not None:
        fact("In effect from", str(a.implemented.value), a.implemented)
        rows.append(["Announcement", _announcement(a)])
    else:
        rows.append(["In effect from", "no implementation found in the public record"])
    for stage in a.stages:
        rows.append(
            [
                f"Stage from {unbroken_days(str(stage.start))}",
                escape(stage.description) + _provenance(stage.sources),
            ]
        )
    fact("Scope", a.scope.value.description, a.scope)
    china = "; ".join(f"{t.description} ({t.name_zh})" for t in a.china_tiers.value)
    fact("China's tiers recognised", china or "none recorded", a.china_tiers)
    fact("Partner programme", escape(a.partner_programme.value), a.partner_programme)
    tiers = "; ".join(
        f"{escape(t.code)} ({escape(t.name)}): {'recognised' if t.recognised else 'not recognised'}"
        for t in a.partner_tiers
    )
    rows.append(["Partner's tiers", tiers])
    benefits = "; ".join(b.description for b in a.benefits.value) or "not recorded"
    if a.benefits_wording:
        benefits += f"<br><small>As announced: {escape(a.benefits_wording)}</small>"
    fact("Benefits", benefits, a.benefits)
    if a.code_format is not None:
        code = a.code_format.value
        verified = "" if code.verified else " (format not stated by an announcement)"
        fact(
            "Partner's AEO code",
            f"{escape(code.description)}, e.g. `{code.example}`{verified}",
            a.code_format,
        )
    rows.append(["Covers", _covers(registry, a)])
    for m in a.members:
        name = escape(_place(registry, m.territory)[0])
        if m.since is not None:
            fact(f"{name} covered from", str(m.since.value), m.since)
        if m.until is not None:
            fact(f"{name} covered until", str(m.until.value), m.until)
    for m in a.territories:  # places that are not members: inside, outside or unknown
        assert m.basis is not None
        until = f", until {m.until.value}" if m.until else ""
        name = escape(_place(registry, m.territory)[0])
        fact(f"{name} ({m.territory})", f"{m.basis.value.description}{until}", m.basis)
    for caveat in a.caveats:
        fact("Caveat", escape(caveat.value), caveat)
    kind = a.partner_kind.value.replace("-", " ")
    counted = "counted" if a.counted else "**not counted**"
    heading = f"### {a.id}: {escape(a.partner)} ({a.partner_zh}) {{ #{a.id.lower()} }}"
    intro = f"{escape(a.name)}. Partner: a {kind}; {counted} in China's customs' running totals."
    return "\n\n".join([heading, intro, table(["Fact", "Value"], rows)])


def _covers(registry: Registry, a: Arrangement) -> str:
    """The places an arrangement covers, with the days a place joined or left."""
    members = []
    for m in a.members:
        name = _place(registry, m.territory)[0]
        bounds = []
        if m.since is not None:
            bounds.append(f"from {m.since.value}")
        if m.until is not None:
            bounds.append(f"until {m.until.value}")
        members.append(
            f"{escape(name)} ({m.territory})" + (f" {' '.join(bounds)}" if bounds else "")
        )
    return "; ".join(members)


def _provenance(sources: Iterable[Source], f: Fact[Any] | None = None) -> str:
    """A fact's confidence mark and sources, in small type under its value."""
    words = [f"confidence {_mark(f)}"] if f is not None and _mark(f) else []
    refs = _source_refs(sources)
    if refs:
        words.append(f"sources: {refs}")
    return f"<br><small>{'; '.join(words)}</small>" if words else ""


def places_table(registry: Registry) -> str:
    """Every country or region an arrangement covers, with the days it is covered."""
    rows = []
    for a in registry.dataset.arrangements:
        for m in a.members:
            name, name_zh = _place(registry, m.territory)
            since = str(m.since.value) if m.since else escape(a.signed.value)
            benefits = "not implemented"
            if a.implemented is not None:
                benefits = str(a.implemented.value)
                if m.since and a.implemented.value.known_by(m.since.value):
                    benefits = str(m.since.value)
            covered = since + (f" to {m.until.value}" if m.until else "")
            arrangement = f"[{a.id}](arrangements.md#{a.id.lower()})"
            if not a.counted:
                arrangement += " <small>(not counted)</small>"
            place = f"{escape(name)} {name_zh} <small>{m.territory}</small>"
            cells = [place, arrangement, unbroken_days(covered), unbroken_days(benefits)]
            rows.append((name, since, cells))
    rows.sort(key=lambda row: (row[0], row[1]))
    header = ["Country or region", "Arrangement", "Covered", "Benefits from"]
    return table(header, [row for *_, row in rows])


def counted_table(registry: Registry) -> str:
    """Territories counted in the running totals without an arrangement of their own."""
    rows = []
    for c in registry.dataset.counted_territories:
        name, name_zh = _place(registry, c.territory)
        bases = " and ".join(b.value for b in c.bases)
        why = escape(c.since.note) + _provenance(c.since.sources, c.since)
        place = f"{escape(name)} {name_zh} <small>{c.territory}</small>"
        rows.append([place, unbroken_days(str(c.since.value)), bases, why])
    if not rows:
        return "*The dataset counts no territory without an arrangement.*"
    header = ["Country or region", "Counted since", "In the totals", "Why"]
    return table(header, rows)


def timeline_table(registry: Registry) -> str:
    """Every event of `Registry.timeline`, earliest first: the date, and what happened."""
    rows = []
    for event in registry.timeline():
        what = f"**{event.kind.value}**: {escape(event.description)}"
        if event.arrangement:
            what += f" ([{event.arrangement}](arrangements.md#{event.arrangement.lower()}))"
        words = [] if event.confidence is Confidence.HIGH else [f"confidence {event.confidence}"]
        if event.sources:
            words.append(f"sources: {_source_refs(event.sources)}")
        if words:
            what += f"<br><small>{'; '.join(words)}</small>"
        rows.append([unbroken_days(escape(event.when)), what])
    return table(["Date", "What happened"], rows)


def sources_table(registry: Registry) -> str:
    """Every source of the dataset, with the records that cite it (the published totals'
    sources are cited by no record)."""
    cited: dict[str, list[str]] = {}

    def cite(sources: Iterable[Source], by: str) -> None:
        for source in sources:
            users = cited.setdefault(source.id, [])
            if by not in users:
                users.append(by)

    dataset = registry.dataset
    for a in dataset.arrangements:
        cite(a.sources, f"[{a.id}](arrangements.md#{a.id.lower()})")
    for c in dataset.counted_territories:
        cite(c.since.sources, f"[{c.territory}](places.md#counted-without-an-arrangement)")
    for period in dataset.tiers.values():
        cite(period.sources, "[tiers](../concepts.md#chinas-tiers-over-time)")
    rows = []
    for source_id, source in sorted(dataset.sources.items()):
        title = _source_title(source_id, source)
        title += f"<br><small>{source.kind.value}; read at {_source_links(source)}</small>"
        rows.append([title, ", ".join(cited.get(source_id, [])) or "—"])
    return table(["Source", "Cited by"], rows)


def catalogue_table(sources: Mapping[str, Source]) -> str:
    """A data file's own sources by id, each with its kind and links."""
    rows = [
        [_source_title(source_id, source), source.kind.value, _source_links(source)]
        for source_id, source in sorted(sources.items())
    ]
    return table(["Source", "Kind", "Links"], rows)


def _source_title(source_id: str, source: Source) -> str:
    """A source's cell: its anchor, id, title and note."""
    title = f'<span id="{source_id}"></span>**{source_id}**: {escape(source.title)}'
    if source.note:  # its first sentence, the rest folded away
        first, rest = first_sentence(source.note)
        note = f"<small>{escape(first)}</small>"
        title += folded(note, escape(rest)) if rest else f"<br>{note}"
    return title


def _source_links(source: Source) -> str:
    """A source's addresses, numbered."""
    return " ".join(link(f"[{n}]", url) for n, url in enumerate(source.urls, 1))


def _value(value: object) -> str:
    """A fact's value in words."""
    if isinstance(value, tuple):
        return "; ".join(_value(v) for v in value) or "none"
    if isinstance(value, enum.Enum) and hasattr(value, "description"):
        return str(value.description)
    if isinstance(value, CodeFormat):
        return escape(value.description)
    return escape(value)


def inferred_table(registry: Registry) -> str:
    """Every fact of the dataset that is an inference rather than something a source states."""
    rows = []
    for a in registry.dataset.arrangements:
        for label, fact in a.facts():
            if fact.inferred:
                link = f"[{a.id}](arrangements.md#{a.id.lower()})"
                rows.append([link, label, _value(fact.value), escape(fact.note)])
    for c in registry.dataset.counted_territories:
        if c.since.inferred:
            rows.append([f"{c.territory} (counted)", "counted from", str(c.since.value),
                         escape(c.since.note)])  # fmt: skip
    if not rows:
        return "*No fact in the dataset is an inference.*"
    return table(["Record", "Fact", "Value", "Why"], rows)


def tiers_table(registry: Registry) -> str:
    """China's credit tiers, with the days each existed."""
    periods = sorted(
        registry.dataset.tiers.values(), key=lambda p: (p.since or date.min, p.until or date.max)
    )
    rows = [
        [
            f"`{p.tier.name}`", p.tier.description, p.tier.name_zh,
            str(p.since) if p.since else "(before the data begins)",
            str(p.until) if p.until else "(in force)", _source_refs(p.sources),
        ]
        for p in periods
    ]  # fmt: skip
    tiers = table(["Tier", "English", "中文", "From", "Until", "Sources"], rows)
    return tiers.replace("](sources.md#", "](data/sources.md#")
