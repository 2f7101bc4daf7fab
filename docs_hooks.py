"""Build-time generation for the documentation site.

Two plug-ins live here, both run by ``mkdocs build``:

- an mkdocs hook: a page asks for content made from the bundled dataset with a marker
  such as ``<!-- generated: arrangements -->``, which ``on_page_markdown`` replaces. The
  data tables, the timeline, the chart and the API reference are made here, so the site
  cannot drift from the package or its data;
- a griffe extension, :class:`Docstrings`, loaded by mkdocstrings: it makes the package's
  docstrings read well in the API reference.

Every generator is a plain function of a registry, tested in ``tests/test_docs.py``.
"""

from __future__ import annotations

import enum
import html
import re
import tomllib
import types
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import griffe

import aeo_mra
from aeo_mra import Arrangement, Basis, CodeFormat, Confidence, Fact, Registry, Scope, Source

# -- the mkdocs hook ---------------------------------------------------------------------

MARKER = re.compile(r"<!--\s*generated:\s*([a-z-]+)(.*?)-->")

_registry: Registry | None = None


def on_pre_build(config: Any) -> None:
    """Read the bundled data afresh for every build (``mkdocs serve`` rebuilds on change)."""
    global _registry
    _registry = Registry.bundled()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace every ``<!-- generated: name args -->`` marker with what it names."""
    registry = _registry or Registry.bundled()
    return expand(markdown, registry)


def expand(markdown: str, registry: Registry) -> str:
    """``markdown`` with its markers replaced; an unknown marker is an error."""

    def replace(match: re.Match[str]) -> str:
        name, args = match[1], match[2].split()
        if name not in GENERATORS:
            raise ValueError(f"unknown marker {name!r}; known: {', '.join(sorted(GENERATORS))}")
        return GENERATORS[name](registry, *args)

    return MARKER.sub(replace, markdown)


# -- markdown helpers --------------------------------------------------------------------

_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]|"} | {"<": "&lt;", "\n": " "})


def _text(value: object) -> str:
    """``value`` as literal text for a Markdown table cell."""
    return str(value).translate(_ESCAPE)


def _link(text: str, url: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _mark(fact: Fact[Any] | None) -> str:
    """The confidence mark of a fact: empty when high and stated, else e.g. ``low, inferred``."""
    if fact is None:
        return ""
    words = [] if fact.confidence is Confidence.HIGH else [str(fact.confidence)]
    if fact.inferred:
        words.append("inferred")
    return ", ".join(words)


def _marked(value: str, fact: Fact[Any] | None) -> str:
    mark = _mark(fact)
    return f"{value} <small>({mark})</small>" if mark else value


def _source_refs(sources: Iterable[Source]) -> str:
    """Links to the sources' entries on the sources page."""
    return ", ".join(f"[{s.id}](sources.md#{s.id})" for s in sources)


def _scope(scope: Scope) -> str:
    return {
        Scope.IMPORTS: "imports only",
        Scope.IMPORTS_AND_EXPORTS: "imports and exports",
        Scope.UNKNOWN: "unknown",
    }[scope]


def _announcement(arrangement: Arrangement) -> str:
    """The implemented fact's first source: usually the announcement that put it into effect."""
    if arrangement.implemented is None:
        return "—"
    source = arrangement.implemented.sources[0]
    # "GACC announcement 2015 No. 52 (what it did)" reads well short; other titles need all.
    title = source.short_title if "announcement" in source.short_title else source.title
    return _link(title, source.urls[0])


def _place(registry: Registry, code: str) -> tuple[str, str]:
    territory = registry.resolve(code)
    return territory.name, territory.name_zh


# -- data pages --------------------------------------------------------------------------


def arrangements_table(registry: Registry) -> str:
    """One row per arrangement in the dataset, in the file's order."""
    rows = []
    for a in registry.dataset.arrangements:
        partner = f"{_text(a.partner)} {a.partner_zh}"
        if not a.counted:
            partner += " <small>(not counted in the totals)</small>"
        implemented = (
            _marked(str(a.implemented.value), a.implemented) if a.implemented else "not found"
        )
        if len(a.stages) > 1:
            implemented += f" <small>(in {len(a.stages)} stages)</small>"
        partner_tiers = ", ".join(_text(t.code) for t in a.partner_tiers if t.recognised)
        china_tiers = ", ".join(t.description for t in a.china_tiers.value)
        rows.append(
            [
                f"[{a.id}](#{a.id.lower()})",
                partner,
                a.instrument.value,
                _marked(_text(a.signed.value), a.signed),
                implemented,
                _marked(_scope(a.scope.value), a.scope),
                _marked(china_tiers, a.china_tiers),
                partner_tiers or "—",
                _announcement(a),
                _source_refs(a.sources),
            ]
        )
    header = [
        "Id", "Partner", "Instrument", "Signed", "Implemented", "Scope",
        "China's tiers recognised", "Partner's tiers recognised", "Announcement", "Sources",
    ]  # fmt: skip
    return _table(header, rows)


def arrangement_details(registry: Registry) -> str:
    """A section per arrangement: every fact with its confidence, sources and note."""
    return "\n\n".join(_details(registry, a) for a in registry.dataset.arrangements)


def _details(registry: Registry, a: Arrangement) -> str:
    rows: list[list[str]] = []

    def fact(label: str, value: str, f: Fact[Any] | None) -> None:
        if f is not None and f.note:
            value += f"<br><small>{_text(f.note)}</small>"
        confidence = (str(f.confidence) + (", inferred" if f.inferred else "")) if f else ""
        rows.append([label, value, confidence, _source_refs(f.sources) if f else ""])

    fact("Signed", _text(a.signed.value), a.signed)
    if a.implemented is not None:
        fact("Implemented", str(a.implemented.value), a.implemented)
    else:
        rows.append(["Implemented", "no implementation found in the public record", "", ""])
    for stage in a.stages:
        rows.append(
            [f"Stage from {stage.start}", _text(stage.description), "", _source_refs(stage.sources)]
        )
    fact("Scope", _scope(a.scope.value), a.scope)
    china = "; ".join(f"{t.description} ({t.name_zh})" for t in a.china_tiers.value)
    fact("China's tiers recognised", china or "none recorded", a.china_tiers)
    fact("Partner programme", _text(a.partner_programme.value), a.partner_programme)
    tiers = "; ".join(
        f"{_text(t.code)} ({_text(t.name)}): {'recognised' if t.recognised else 'not recognised'}"
        for t in a.partner_tiers
    )
    rows.append(["Partner's tiers", tiers, "", ""])
    benefits = "; ".join(b.description for b in a.benefits.value) or "not recorded"
    if a.benefits_wording:
        benefits += f"<br><small>As announced: {_text(a.benefits_wording)}</small>"
    fact("Benefits", benefits, a.benefits)
    if a.code_format is not None:
        code = a.code_format.value
        verified = "" if code.verified else " (format not stated by an announcement)"
        fact(
            "Partner's AEO code",
            f"{_text(code.description)}, e.g. `{code.example}`{verified}",
            a.code_format,
        )
    members = []
    for m in a.members:
        name = _place(registry, m.territory)[0]
        bounds = []
        if m.since is not None:
            bounds.append(f"from {m.since.value}")
        if m.until is not None:
            bounds.append(f"until {m.until.value}")
        members.append(
            f"{_text(name)} ({m.territory})" + (f" {' '.join(bounds)}" if bounds else "")
        )
    rows.append(["Covers", "; ".join(members), "", ""])
    for m in a.members:
        name = _text(_place(registry, m.territory)[0])
        if m.since is not None:
            fact(f"{name} covered from", str(m.since.value), m.since)
        if m.until is not None:
            fact(f"{name} covered until", str(m.until.value), m.until)
    for caveat in a.caveats:
        fact("Caveat", _text(caveat.value), caveat)
    kind = a.partner_kind.value.replace("-", " ")
    counted = "counted" if a.counted else "**not counted**"
    heading = f"### {a.id}: {_text(a.partner)} ({a.partner_zh}) {{ #{a.id.lower()} }}"
    intro = f"{_text(a.name)}. Partner: a {kind}; {counted} in China's customs' running totals."
    return "\n\n".join([heading, intro, _table(["Fact", "Value", "Confidence", "Sources"], rows)])


def places_table(registry: Registry) -> str:
    """Every country or region an arrangement covers, with the days it is covered."""
    rows = []
    for a in registry.dataset.arrangements:
        for m in a.members:
            name, name_zh = _place(registry, m.territory)
            since = str(m.since.value) if m.since else _text(a.signed.value)
            benefits = "not implemented"
            if a.implemented is not None:
                start = max(a.implemented.value, m.since.value if m.since else date.min)
                benefits = str(start)
            until = str(m.until.value) if m.until else ""
            arrangement = f"[{a.id}](arrangements.md#{a.id.lower()})"
            if not a.counted:
                arrangement += " <small>(not counted)</small>"
            rows.append(
                (name, [_text(name), m.territory, name_zh, arrangement, since, benefits, until])
            )
    rows.sort(key=lambda row: (row[0], row[1][4]))
    header = [
        "Country or region", "Code", "中文", "Arrangement", "Covered since", "Benefits from",
        "Covered until",
    ]  # fmt: skip
    return _table(header, [row for _, row in rows])


def counted_table(registry: Registry) -> str:
    """Territories counted in the running totals without an arrangement of their own."""
    rows = []
    for c in registry.dataset.counted_territories:
        name, name_zh = _place(registry, c.territory)
        bases = " and ".join(b.value for b in c.bases)
        rows.append(
            [
                _text(name), c.territory, name_zh, str(c.since.value), bases,
                _mark(c.since) or "high", _text(c.since.note), _source_refs(c.since.sources),
            ]
        )  # fmt: skip
    if not rows:
        return "*The dataset counts no territory without an arrangement.*"
    header = ["Country or region", "Code", "中文", "Counted since", "In the totals", "Confidence",
              "Why", "Sources"]  # fmt: skip
    return _table(header, rows)


def timeline_table(registry: Registry) -> str:
    """Every event of :meth:`Registry.timeline`, earliest first."""
    rows = []
    for event in registry.timeline():
        arrangement = (
            f"[{event.arrangement}](arrangements.md#{event.arrangement.lower()})"
            if event.arrangement
            else ""
        )
        confidence = "" if event.confidence is Confidence.HIGH else str(event.confidence)
        rows.append(
            [
                _text(event.when), event.kind.value, arrangement, _text(event.description),
                confidence, _source_refs(event.sources),
            ]
        )  # fmt: skip
    return _table(["Date", "Event", "Arrangement", "What happened", "Confidence", "Sources"], rows)


def sources_table(registry: Registry) -> str:
    """Every source of the bundled dataset file, with the records that cite it.

    The dataset keeps only the sources its records cite; the file also holds sources no
    record cites (the published totals), so they are read from the file itself.
    """
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
    for source_id, table in sorted(_bundled_file()["sources"].items()):
        urls = table["urls"]
        links = " ".join(_link(f"[{n}]", url) for n, url in enumerate(urls, 1))
        title = f'<span id="{source_id}"></span>**{source_id}**: {_text(table["title"])}'
        if table.get("note"):
            title += f"<br><small>{_text(table['note'])}</small>"
        rows.append([title, table["kind"], links, ", ".join(cited.get(source_id, [])) or "—"])
    return _table(["Source", "Kind", "Read at", "Cited by"], rows)


def _bundled_file() -> dict[str, Any]:
    from importlib import resources

    text = (resources.files("aeo_mra") / "data" / "arrangements.toml").read_text("utf-8")
    return tomllib.loads(text)


def _value(value: object) -> str:
    """A fact's value in words."""
    if isinstance(value, Scope):
        return _scope(value)
    if isinstance(value, tuple):
        return "; ".join(_value(v) for v in value) or "none"
    if isinstance(value, enum.Enum) and hasattr(value, "description"):
        return str(value.description)
    if isinstance(value, CodeFormat):
        return _text(value.description)
    return _text(value)


def _facts(a: Arrangement) -> list[tuple[str, Fact[Any]]]:
    """Every fact of an arrangement, labelled."""
    facts: list[tuple[str, Fact[Any] | None]] = [
        ("signed", a.signed),
        ("implemented", a.implemented),
        ("scope", a.scope),
        ("China's tiers recognised", a.china_tiers),
        ("partner programme", a.partner_programme),
        ("benefits", a.benefits),
        ("partner's code format", a.code_format),
    ]
    for m in a.members:
        facts += [
            (f"{m.territory} covered from", m.since),
            (f"{m.territory} covered until", m.until),
        ]
    facts += [("caveat", c) for c in a.caveats]
    return [(label, fact) for label, fact in facts if fact is not None]


def inferred_table(registry: Registry) -> str:
    """Every fact of the dataset that is an inference rather than something a source states."""
    rows = []
    for a in registry.dataset.arrangements:
        for label, fact in _facts(a):
            if fact.inferred:
                link = f"[{a.id}](arrangements.md#{a.id.lower()})"
                rows.append([link, label, _value(fact.value), _text(fact.note)])
    for c in registry.dataset.counted_territories:
        if c.since.inferred:
            rows.append([f"{c.territory} (counted)", "counted from", str(c.since.value),
                         _text(c.since.note)])  # fmt: skip
    if not rows:
        return "*No fact in the dataset is an inference.*"
    return _table(["Record", "Fact", "Value", "Why"], rows)


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
    table = _table(["Tier", "English", "中文", "From", "Until", "Sources"], rows)
    return table.replace("](sources.md#", "](data/sources.md#")


def toml_record(registry: Registry, table: str, key: str) -> str:
    """A record of the bundled file as written, e.g. ``[[arrangement]]`` with id ``EU``.

    Falls back to the file's first record of that table if none has the key.
    """
    from importlib import resources

    text = (resources.files("aeo_mra") / "data" / "arrangements.toml").read_text("utf-8")
    records: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line == f"[[{table}]]":
            current = [line]
            records.append(current)
        elif line.startswith(("[", "#")):
            current = None  # a record ends where the next table or section begins
        elif current is not None:
            current.append(line)
    if not records:
        raise ValueError(f"the bundled file has no [[{table}]] record")
    texts = ["\n".join(record).strip() for record in records]
    wanted = [t for t in texts if re.search(rf'^(id|code) = "{re.escape(key)}"$', t, re.M)]
    return "```toml\n" + (wanted or texts)[0] + "\n```"


def values(registry: Registry, name: str) -> str:
    """The values the dataset file may give for one of aeo_mra's enumerations."""
    kind = getattr(aeo_mra, name)
    if kind in (aeo_mra.Tier, Confidence):
        shown = [m.name if kind is aeo_mra.Tier else m.name.lower() for m in kind]
    else:
        shown = [m.value for m in kind]
    return ", ".join(f"`{v}`" for v in shown)


def data_version(registry: Registry) -> str:
    """The version and review date of the bundled data, inline."""
    return f"version {registry.version}, last reviewed {registry.reviewed}"


def at_a_glance(registry: Registry) -> str:
    """One sentence of totals for the day of the build."""
    today = date.today()
    signed = registry.summary(today)
    implemented = registry.summary(today, basis=Basis.IMPLEMENTED)
    return (
        f"On {today}, the day this site was built, the data counts {signed.economies} economies "
        f"and {signed.territories} countries and regions with a signed arrangement, and "
        f"{implemented.territories} countries and regions where one is in effect "
        f"({len(registry.dataset.arrangements)} arrangements in the data, "
        f"{data_version(registry)})."
    )


def published_total(
    registry: Registry, on: str, basis: str, economies: str, territories: str
) -> str:
    """What the data gives for a published total, and whether it matches: ``20 / 46 ✓``."""
    total = registry.summary(date.fromisoformat(on), basis=Basis(basis))
    pairs = [(economies, total.economies), (territories, total.territories)]
    shown = " / ".join(str(got) if want != "-" else f"({got})" for want, got in pairs)
    matches = all(want == "-" or int(want) == got for want, got in pairs)
    return f"{shown} ✓" if matches else f"{shown} ✗"


# -- the chart ---------------------------------------------------------------------------

SERIES = (
    # (key, label, basis, field, colour, dash)
    ("territories-signed", "countries and regions, signed", Basis.SIGNED, "territories",
     "#1f77b4", ""),
    ("territories-implemented", "countries and regions, implemented", Basis.IMPLEMENTED,
     "territories", "#1f77b4", "6 4"),
    ("economies-signed", "economies, signed", Basis.SIGNED, "economies", "#d95f02", ""),
    ("economies-implemented", "economies, implemented", Basis.IMPLEMENTED, "economies",
     "#d95f02", "6 4"),
)  # fmt: skip

CHART_START = date(2012, 1, 1)


def chart_days(start: date, end: date) -> list[date]:
    """The first of every month from ``start`` to ``end``, and ``end`` itself."""
    days = []
    year, month = start.year, start.month
    while (day := date(year, month, 1)) <= end:
        days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if days[-1] != end:
        days.append(end)
    return days


def chart_samples(
    registry: Registry, start: date = CHART_START, end: date | None = None
) -> list[tuple[date, dict[str, int]]]:
    """Each sample day with the value of every series on it, from :meth:`Registry.summary`."""
    samples = []
    for day in chart_days(start, end or date.today()):
        totals = {basis: registry.summary(day, basis=basis) for basis in Basis}
        values = {key: getattr(totals[basis], field) for key, _, basis, field, *_ in SERIES}
        samples.append((day, values))
    return samples


class Plot:
    """The geometry of the chart: where a day and a value are drawn."""

    WIDTH, HEIGHT = 760, 380
    LEFT, RIGHT, TOP, BOTTOM = 44, 36, 64, 36

    def __init__(self, start: date, end: date, top_value: int) -> None:
        self.start, self.end = start, end
        self.top_value = max(10, -(-top_value // 10) * 10)  # round up to a multiple of 10

    def x(self, day: date) -> float:
        span = (self.end - self.start).days or 1
        width = self.WIDTH - self.LEFT - self.RIGHT
        return round(self.LEFT + width * (day - self.start).days / span, 1)

    def y(self, value: float) -> float:
        height = self.HEIGHT - self.TOP - self.BOTTOM
        return round(self.HEIGHT - self.BOTTOM - height * value / self.top_value, 1)


def chart_svg(samples: Sequence[tuple[date, dict[str, int]]]) -> str:
    """An inline SVG step chart of the samples: one line per series, no blank lines."""
    start, end = samples[0][0], samples[-1][0]
    plot = Plot(start, end, max(max(v.values()) for _, v in samples))
    last = samples[-1][1]
    out = [
        f'<svg class="aeo-chart" viewBox="0 0 {plot.WIDTH} {plot.HEIGHT}" role="img" '
        'aria-labelledby="aeo-chart-title aeo-chart-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="12">',
        '<title id="aeo-chart-title">China\'s AEO mutual recognition partners over time</title>',
        f'<desc id="aeo-chart-desc">Monthly from {start} to {end}. On {end}: '
        + "; ".join(f"{last[key]} {label}" for key, label, *_ in SERIES)
        + ".</desc>",
    ]
    for value in range(0, plot.top_value + 1, 10):
        y = plot.y(value)
        out.append(
            f'<line x1="{plot.LEFT}" x2="{plot.WIDTH - plot.RIGHT}" y1="{y}" y2="{y}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="{plot.LEFT - 6}" y="{y + 4}" text-anchor="end" fill="currentColor">'
            f"{value}</text>"
        )
    for year in range(start.year + (start.month > 1 or start.day > 1), end.year + 1):
        x = plot.x(date(year, 1, 1))
        bottom = plot.HEIGHT - plot.BOTTOM
        out.append(
            f'<line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 4}" stroke="currentColor"/>'
        )
        if year % 2 == 0:
            out.append(
                f'<text x="{x}" y="{bottom + 18}" text-anchor="middle" fill="currentColor">'
                f"{year}</text>"
            )
    for key, _, _, _, colour, dash in SERIES:
        points: list[str] = []
        previous = None
        for day, values in samples:
            x, y = plot.x(day), plot.y(values[key])
            if previous is not None and previous != y:
                points.append(f"{x},{previous}")
            points.append(f"{x},{y}")
            previous = y
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline data-series="{key}" points="{" ".join(points)}" fill="none" '
            f'stroke="{colour}" stroke-width="2"{dashes}/>'
        )
    for index, (key, label, _, _, colour, dash) in enumerate(SERIES):
        x = plot.LEFT + (index % 2) * 300
        y = 18 + (index // 2) * 20
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" x2="{x + 28}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="2"{dashes}/>'
            f'<text x="{x + 36}" y="{y}" fill="currentColor">{label}: {last[key]}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def chart(registry: Registry) -> str:
    """The chart of the running totals from 2012 to the day of the build, with its data."""
    samples = chart_samples(registry)
    changes = [
        (day, values)
        for index, (day, values) in enumerate(samples)
        if index == 0 or values != samples[index - 1][1]
    ]
    rows = [[str(day), *(str(values[key]) for key, *_ in SERIES)] for day, values in changes]
    table = _table(["From", *(label for _, label, *_ in SERIES)], rows)
    return (
        f'<figure class="aeo-figure">{chart_svg(samples)}</figure>\n\n'
        '??? note "The numbers behind the chart"\n\n'
        + "\n".join("    " + line for line in table.splitlines())
    )


# -- the API reference -------------------------------------------------------------------

# The order a reader meets the names in; a public name missing here still gets rendered,
# in the group its kind belongs to, after these.
API_ORDER = (
    "check",
    "check_many",
    "check_foreign",
    "summary",
    "arrangements",
    "arrangement",
    "resolve",
    "timeline",
    "load",
    "DATA_VERSION",
    "DATA_REVIEWED",
    "Registry",
    "Eligibility",
    "Reason",
    "Summary",
    "Event",
    "EventKind",
    "Arrangement",
    "Fact",
    "When",
    "Source",
    "Territory",
    "Membership",
    "CountedTerritory",
    "Stage",
    "PartnerTier",
    "CodeFormat",
    "TierPeriod",
    "Role",
    "Tier",
    "Basis",
    "Scope",
    "Confidence",
    "Precision",
    "Instrument",
    "PartnerKind",
    "Benefit",
    "SourceKind",
    "Error",
    "UnknownPlaceError",
    "DomesticPlaceError",
    "TierNotInForceError",
    "UnknownArrangementError",
    "UnknownPartnerTierError",
    "DataError",
)

API_GROUPS = (
    ("Questions", "questions",
     "The functions most programs need. Each answers from the dataset bundled with the "
     "package; each is the method of the same name of the bundled [`Registry`][aeo_mra.Registry]."),
    ("The data's version", "version", "Which data answered."),
    ("Registry", "registry",
     "A dataset and every question asked of it. [`load`][aeo_mra.load] makes one of your "
     "own file."),
    ("Answers", "answers", "What the questions return: frozen values that explain themselves."),
    ("Records", "records",
     "What the dataset is made of. Every fact is a [`Fact`][aeo_mra.Fact] with its sources and "
     "a confidence mark."),
    ("Vocabularies", "vocabularies", "The enumerations the records and answers use."),
    ("Errors", "errors",
     "Every exception derives from [`Error`][aeo_mra.Error] and from the built-in exception a "
     "caller would already catch for that kind of mistake."),
    ("Modules", "modules", "Parts of aeo_mra with a reference page of their own."),
)  # fmt: skip


def api_group(name: str) -> str:
    """Which group of the reference a public name of ``aeo_mra`` belongs to."""
    value = getattr(aeo_mra, name)
    if isinstance(value, types.ModuleType):
        return "modules"
    if isinstance(value, type):
        if issubclass(value, BaseException):
            return "errors"
        if issubclass(value, enum.Enum):
            return "answers" if value.__module__ == "aeo_mra.results" else "vocabularies"
        if value is Registry:
            return "registry"
        return "answers" if value.__module__ == "aeo_mra.results" else "records"
    if callable(value):
        return "questions"
    return "version"


def api_reference(registry: Registry) -> str:
    """A section per group, a ``:::`` block per public name of ``aeo_mra``."""
    order = {name: index for index, name in enumerate(API_ORDER)}
    names = sorted(aeo_mra.__all__, key=lambda n: (order.get(n, len(order)), n))
    out = []
    for title, key, intro in API_GROUPS:
        members = [n for n in names if api_group(n) == key]
        if not members:
            continue
        out += [f"## {title}", intro]
        if key == "modules":  # each on its own page, reference/<name>.md
            out += [f"- [`aeo_mra.{n}`]({n}.md): {_summary_line(n)}" for n in members]
        else:
            out += [f"::: aeo_mra.{n}" for n in members]
    return "\n\n".join(out)


def _summary_line(name: str) -> str:
    doc = getattr(aeo_mra, name).__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


GENERATORS: dict[str, Callable[..., str]] = {
    "arrangements": arrangements_table,
    "arrangement-details": arrangement_details,
    "places": places_table,
    "counted": counted_table,
    "timeline": timeline_table,
    "sources": sources_table,
    "inferred": inferred_table,
    "tiers": tiers_table,
    "chart": chart,
    "data-version": data_version,
    "toml-record": toml_record,
    "values": values,
    "at-a-glance": at_a_glance,
    "total": published_total,
    "api": api_reference,
}


# -- the griffe extension ----------------------------------------------------------------

_ROLE = re.compile(r":(?:func|meth|class|attr|mod|exc|data|obj):`~?([\w.]+)`")


class Docstrings(griffe.Extension):
    """Make the package's docstrings read well in the API reference.

    - reST roles (``:meth:`Registry.check```) become cross-references, or code when the
      target is not rendered;
    - module-level functions bound from the bundled registry (``check = _BUNDLED.check``)
      get the signature and the argument docs of the method they are;
    - every enumeration lists its members (with their descriptions where they have them);
    - doctest examples in the running text are shown as code, not as quotations.
    """

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != "aeo_mra":
            return
        for name in list(pkg.members):
            member = pkg.members[name]
            if member.is_alias:
                continue
            if member.is_attribute and str(getattr(member, "value", "")).startswith("_BUNDLED."):
                pkg.set_member(name, _bound_function(pkg, member))
        for obj in _walk(pkg):
            if obj.docstring is not None:
                text = _ROLE.sub(
                    lambda match, obj=obj: _crossref(pkg, obj, match[1]), obj.docstring.value
                )
                obj.docstring.value = _fence_doctests(_plain_raises(text))
            if obj.is_class and obj.docstring is not None:
                runtime = _runtime(obj)
                if isinstance(runtime, type) and issubclass(runtime, enum.Enum):
                    _list_members(obj, runtime)


# Submodules with a reference page of their own; everything else public is under aeo_mra.
RENDERED_MODULES = ("codes",)


def _walk(obj: griffe.Object) -> Iterable[griffe.Object]:
    yield obj
    for member in obj.members.values():
        if not member.is_alias and member.name != "__init__":
            yield from _walk(member)


def _bound_function(pkg: griffe.Module, attribute: Any) -> griffe.Function:
    """A function with the signature of the registry method an attribute is bound to."""
    method = pkg[f"Registry.{str(attribute.value).split('.', 1)[1]}"]
    docstring = attribute.docstring
    text = docstring.value if docstring else ""
    # The method's argument and exception sections follow the attribute's own summary.
    method_text = method.docstring.value if method.docstring else ""
    sections = method_text.split("\n\n", 1)[1] if "\n\n" in method_text else ""
    function = griffe.Function(
        attribute.name,
        lineno=attribute.lineno,
        endlineno=attribute.endlineno,
        parameters=griffe.Parameters(*list(method.parameters)[1:]),
        returns=method.returns,
        parent=pkg,
    )
    function.docstring = griffe.Docstring(
        f"{text}\n\n{sections}".strip(),
        lineno=docstring.lineno if docstring else None,
        parent=function,
        parser=docstring.parser if docstring else None,
        parser_options=docstring.parser_options if docstring else None,
    )
    return function


def _crossref(pkg: griffe.Module, owner: griffe.Object, target: str) -> str:
    """A Markdown cross-reference to ``target`` if the reference renders it, else code.

    ``target`` is looked up as Python would from where the docstring is: in the enclosing
    classes first, then in the module, then in the package.
    """
    target = target.removeprefix("aeo_mra.")
    module = owner if owner.is_module else owner.module
    prefix = module.path.removeprefix("aeo_mra").lstrip(".")
    prefix = f"{prefix}." if prefix in RENDERED_MODULES else ""
    classes: list[str] = []
    scope: griffe.Object | None = owner
    while scope is not None and not scope.is_module:
        if scope.is_class:
            classes.insert(0, scope.name)
        scope = scope.parent
    candidates = [prefix + ".".join([*classes[:n], target]) for n in range(len(classes), -1, -1)]
    if prefix:
        candidates.append(target)
    for candidate in candidates:
        # An attrs field is documented in its class's Attributes table: link to the class.
        path = candidate
        while path and not _rendered(pkg, path):
            path = path.rpartition(".")[0]
        if path:
            return f"[`{target}`][aeo_mra.{path}]"
    return f"`{target}`"


def _rendered(pkg: griffe.Module, path: str) -> bool:
    """Whether the API reference renders ``aeo_mra.<path>``."""
    head, *rest = path.split(".")
    public = set(aeo_mra.__all__) | {m for m in RENDERED_MODULES if m in pkg.members}
    if head not in public or any(part.startswith("_") for part in rest):
        return False
    try:
        obj = pkg[path]
    except (KeyError, griffe.AliasResolutionError):
        return False
    # mkdocstrings shows only what has a docstring (show_if_no_docstring is off).
    return bool(obj.is_module or obj.docstring)


def _runtime(obj: griffe.Object) -> object:
    """The Python object a griffe object stands for, or ``None``."""
    import importlib

    module = obj.module
    value: object = importlib.import_module(module.path)
    for part in obj.path.removeprefix(module.path).strip(".").split("."):
        value = getattr(value, part, None)
    return value


_RAISES_PROSE = re.compile(r"^Raises:\n((?:    (?![\w.]+:).*\n?)+)", re.M)


def _plain_raises(text: str) -> str:
    """A ``Raises:`` section of prose, not ``Error: why`` items, as a sentence.

    Google-style parsers expect items; ``Raises: The errors of validate.`` becomes
    "Raises the errors of validate." rather than a parse warning.
    """

    def sentence(match: re.Match[str]) -> str:
        body = " ".join(line.strip() for line in match[1].splitlines())
        return f"Raises {body[:1].lower()}{body[1:]}\n"

    return _RAISES_PROSE.sub(sentence, text)


def _fence_doctests(text: str) -> str:
    """Put each unindented run of doctest lines (to the next blank line) in a code fence."""
    out: list[str] = []
    in_example = False
    for line in text.splitlines():
        if not in_example and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


def _list_members(cls: griffe.Object, runtime: type[enum.Enum]) -> None:
    """Append a table of an enumeration's members to its docstring."""
    extra = [
        a for a in ("description", "name_zh") if isinstance(getattr(runtime, a, None), property)
    ]
    header = ["Member", "Value", *(a.replace("_", " ").capitalize() for a in extra)]
    rows = [
        [f"`{m.name}`", f"`{m.value!r}`", *(_text(getattr(m, a)) for a in extra)] for m in runtime
    ]
    assert cls.docstring is not None
    cls.docstring.value += "\n\n" + _table(header, rows)
