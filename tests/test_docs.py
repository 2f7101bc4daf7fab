"""The documentation's generated pages say what the bundled data says.

The data pages, the chart and the API reference are made at build time by the generators in
``docs_gen``, which the mkdocs hook in ``docs_hooks.py`` runs; these tests call them directly.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

import aeo_mra
from aeo_mra import Basis, Registry, cli, world
from docs_gen import chart, reference, snippets, tables
from docs_gen import world as world_page
from docs_gen.markdown import escape
from docs_gen.markers import expand

DOCS = Path(__file__).parents[1] / "docs"
BUNDLED = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"


@pytest.fixture(scope="module")
def raw() -> dict[str, object]:
    """The bundled file as TOML, read without aeo_mra."""
    return tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


def _column(table: str, number: int) -> list[str]:
    """The cells of one column of a generated Markdown table, header and rule left out."""
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    return [re.split(r"(?<!\\) \| ", row.strip("| "))[number] for row in rows]


def test_the_arrangements_table_lists_exactly_the_arrangements_in_the_dataset(
    registry: Registry, raw: dict[str, list[dict[str, str]]]
) -> None:
    table = tables.arrangements_table(registry)
    listed = [re.match(r"\[.+?\]\(#(.+?)\)", cell)[1] for cell in _column(table, 0)]  # type: ignore[index]
    in_file = [record["id"].lower() for record in raw["arrangement"]]
    assert listed == in_file
    assert listed == [a.id.lower() for a in registry.dataset.arrangements]


def test_each_arrangement_has_a_section_with_its_facts(registry: Registry) -> None:
    details = tables.arrangement_details(registry)
    anchors = re.findall(r"^### .* \{ #([a-z0-9-]+) \}$", details, re.M)
    assert anchors == [a.id.lower() for a in registry.dataset.arrangements]
    for arrangement in registry.dataset.arrangements:
        for source in arrangement.sources:
            assert f"[{source.id}](sources.md#{source.id})" in details


def test_the_places_table_lists_every_covered_place_and_its_arrangement(registry: Registry) -> None:
    table = tables.places_table(registry)
    listed = sorted(
        (re.search(r"<small>(\w\w)</small>$", place)[1], re.match(r"\[(.+?)\]", arrangement)[1])  # type: ignore[index]
        for place, arrangement in zip(_column(table, 0), _column(table, 1), strict=True)
    )
    expected = sorted((m.territory, a.id) for a in registry.dataset.arrangements for m in a.members)
    assert listed == expected


def test_the_counted_table_lists_every_counted_territory(registry: Registry) -> None:
    counted = registry.dataset.counted_territories
    table = tables.counted_table(registry)
    if counted:
        listed = [re.search(r"<small>(\w\w)</small>$", c)[1] for c in _column(table, 0)]  # type: ignore[index]
        assert listed == [c.territory for c in counted]


def test_the_timeline_page_has_every_event(registry: Registry) -> None:
    table = tables.timeline_table(registry)
    events = registry.timeline()
    kinds = [re.match(r"\*\*([a-z]+)\*\*", cell)[1] for cell in _column(table, 1)]  # type: ignore[index]
    assert kinds == [event.kind.value for event in events]


def test_the_sources_page_lists_every_source_in_the_file(
    registry: Registry, raw: dict[str, dict[str, object]]
) -> None:
    table = tables.sources_table(registry)
    listed = re.findall(r'<span id="([^"]+)"></span>', table)
    assert listed == sorted(raw["sources"])


def test_the_chart_samples_are_the_summaries_of_their_days(registry: Registry) -> None:
    end = date(2025, 8, 7)
    samples = chart.chart_samples(registry, end=end)
    days = [day for day, _ in samples]
    assert days[0] == date(2012, 1, 1)
    assert days[-1] == end
    assert all(day.day == 1 for day in days[:-1])
    assert len(days) == (end.year - 2012) * 12 + end.month + 1
    for day, values in (samples[0], samples[len(samples) // 2], samples[-1]):
        signed = aeo_mra.summary(day)
        implemented = aeo_mra.summary(day, basis=Basis.IMPLEMENTED)
        assert values == {
            "territories-signed": signed.territories,
            "territories-implemented": implemented.territories,
            "economies-signed": signed.economies,
            "economies-implemented": implemented.economies,
        }


@pytest.mark.parametrize("narrow", [False, True], ids=["wide", "narrow"])
def test_the_chart_draws_each_series_to_its_last_value(registry: Registry, narrow: bool) -> None:
    end = date(2025, 8, 7)
    samples = chart.chart_samples(registry, end=end)
    svg = ET.fromstring(chart.chart_svg(samples, narrow=narrow))
    namespace = {"svg": "http://www.w3.org/2000/svg"}
    lines = {line.get("data-series"): line for line in svg.iterfind("svg:polyline", namespace)}
    assert set(lines) == {key for key, *_ in chart.SERIES}
    top = max(max(values.values()) for _, values in samples)
    plot = chart.Plot(samples[0][0], end, top, narrow=narrow)
    for key, line in lines.items():
        points = [tuple(map(float, p.split(","))) for p in line.get("points", "").split()]
        drawn = {y for _, y in points}
        assert drawn == {plot.y(values[key]) for _, values in samples}
        assert points[0] == (plot.x(samples[0][0]), plot.y(samples[0][1][key]))
        assert points[-1] == (plot.x(end), plot.y(samples[-1][1][key]))
    summary = aeo_mra.summary(end)
    assert f"economies, signed: {summary.economies}" in chart.chart_svg(samples, narrow=narrow)


def test_the_world_page_lists_every_administration_and_names_the_complete_lists(
    registry: Registry,
) -> None:
    graph = world.bundled()
    listed = [
        re.search(r'id="(\w+)"', cell)[1]
        for cell in _column(world_page.coverage_table(registry), 0)
    ]  # type: ignore[index]
    assert listed == sorted(a.lower() for a in graph.administrations)
    overview = world_page.overview(registry)
    complete = {a.id.lower() for a in graph.administrations.values() if a.coverage.complete}
    assert set(re.findall(r"\]\(#(\w+)\)", overview)) == complete
    counts = graph.summary(on=graph.reviewed)
    assert f"{counts.bilateral_signed} bilateral arrangements signed" in overview
    assert f"{counts.bilateral_planned} bilateral arrangements not yet signed" in overview


def _edge_cells(registry: Registry, number: int) -> list[tuple[world.Bilateral, str]]:
    """Each bilateral arrangement with its cell in one column of the world page's table."""
    cells = _column(world_page.edges_table(registry), number)
    return list(zip(world.bundled().bilaterals, cells, strict=True))


def test_the_world_page_gives_each_arrangement_s_scope_for_all_sides_or_each(
    registry: Registry,
) -> None:
    plurilaterals = _column(world_page.plurilaterals_table(registry), 3)
    cells: list[tuple[world.Bilateral | world.Plurilateral, str]] = [
        *_edge_cells(registry, 2),
        *zip(world.bundled().plurilaterals, plurilaterals, strict=True),
    ]
    sides_given = 0
    for arrangement, cell in cells:
        if arrangement.scope is not None:
            assert cell.startswith(arrangement.scope.value.description)
            assert ":" not in cell.split("<small>")[0]
            continue
        for side, fact in arrangement.scope_by.items():
            assert f"{side}: {fact.value.description}" in cell
            sides_given += 1
        if not arrangement.scope_by:
            assert cell == "—"
    assert sides_given  # a side's own scope is recorded somewhere, and shown as such


def test_the_world_page_marks_a_side_s_incomplete_list_of_recognised_tiers(
    registry: Registry,
) -> None:
    marked = 0
    for bilateral, cell in _edge_cells(registry, 3):
        shown = {line.split(" <small>")[0] for line in cell.split("<br>")}
        for side, fact in bilateral.recognised.items():
            assert f"{side}: {', '.join(fact.value) or 'none'}" in shown, bilateral.id
        for side, fact in bilateral.recognised_at_least.items():
            assert f"{side}: {', '.join(fact.value)}, perhaps others" in shown, bilateral.id
            marked += 1
    assert marked  # some side's list is incomplete, and shown as such


def test_the_world_page_shows_each_coverage_note_whole_its_first_sentence_on_top(
    registry: Registry,
) -> None:
    graph = world.bundled()
    administrations = sorted(graph.administrations.values(), key=lambda a: a.id)
    cells = _column(world_page.coverage_table(registry), 3)
    for administration, cell in zip(administrations, cells, strict=True):
        coverage = administration.coverage
        state = (
            f"complete to {coverage.through or graph.reviewed}" if coverage.complete else "partial"
        )
        first, _ = world_page.first_sentence(coverage.note)
        note = escape(coverage.note)
        line = f"**{state}**: {escape(first)}"
        assert cell.startswith(f'<details class="aeo-note"><summary>{line}</summary>') or (
            cell == f"**{state}**: {note}"
        )
        unfolded = re.sub(r"<details[^>]*>|</details>|<summary>", "", cell)
        assert unfolded.replace("</summary>", " ") == f"**{state}**: {note}"


def test_a_first_sentence_ends_at_a_full_stop_before_a_capital() -> None:
    text = "Per GACC announcement 2015 No. 52 (Korea). Then (and only then) more. Last."
    assert world_page.first_sentence(text) == (
        "Per GACC announcement 2015 No. 52 (Korea).",
        "Then (and only then) more. Last.",
    )
    assert world_page.first_sentence("One sentence.") == ("One sentence.", "")


def test_doctest_examples_in_docstrings_become_code_without_directives() -> None:
    pytest.importorskip("griffe", reason="the docs extra is not installed")
    from docs_gen import docstrings

    text = "Say:\n\n>>> f(1)  # doctest: +ELLIPSIS\n'...'\n\nDone."
    fenced = docstrings._fence_doctests(text)
    assert fenced == "Say:\n\n```pycon\n>>> f(1)\n'...'\n```\n\nDone."


def test_every_public_name_is_in_the_api_reference(registry: Registry) -> None:
    page = reference.api_reference(registry)
    for name in aeo_mra.__all__:
        if reference.api_group(name) == "modules":
            assert f"]({name}.md)" in page
            assert (DOCS / "reference" / f"{name}.md").exists()
        else:
            assert f"\n::: aeo_mra.{name}\n" in f"\n{page}\n", name


def test_the_world_reference_lists_every_public_name_of_the_module_once() -> None:
    page = (DOCS / "reference" / "world.md").read_text(encoding="utf-8")
    listed = re.findall(r"^ +- (\w+)$", page.split("members:", 1)[1], re.M)
    assert sorted(listed) == sorted(world.__all__)


def test_a_published_total_is_marked_as_met_or_not(registry: Registry) -> None:
    total = aeo_mra.summary(date(2021, 8, 31))
    met = snippets.published_total(registry, "2021-08-31", "signed", "20", "46")
    assert met == f"{total.economies} / {total.territories} ✓"
    assert snippets.published_total(registry, "2021-08-31", "signed", "-", "999").endswith("✗")


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_marker_on_every_page_expands(registry: Registry, page: Path) -> None:
    expanded = expand(page.read_text(encoding="utf-8"), registry)
    assert "generated:" not in expanded


# -- the examples of the command's page -------------------------------------------------
#
# Each `$ aeo-mra …` line of a ```sh block in docs/cli.md is run, and what it prints (stdout,
# then stderr) must be the lines shown under it, up to the next `$` line or the block's end.
# An example may abridge its output: a line that is only `…` stands for any number of lines,
# and `…` within a line for any text on that line. Every other character must match.

CLI_PAGE = DOCS / "cli.md"


def _cli_examples() -> list[tuple[str, list[str]]]:
    """Each command of the page's examples, with the lines shown as its output."""
    examples = []
    page = CLI_PAGE.read_text(encoding="utf-8")
    for block in re.findall(r"^```sh\n(.*?)^```$", page, re.M | re.S):
        for example in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = example.rstrip("\n").split("\n")
            examples.append((command, shown))
    return examples


def _shown_as_pattern(shown: list[str]) -> re.Pattern[str]:
    lines = [
        "(?:.*\n)*?" if line == "…" else re.escape(line).replace("…", ".*") + "\n" for line in shown
    ]
    return re.compile("".join(lines))


def _write_diff_files(folder: Path) -> None:
    """The files `aeo-mra diff old.toml new.toml` compares: the bundled data, and the same with
    the Korean arrangement implemented on 2014-06-01 (as the page says)."""
    text = BUNDLED.read_text(encoding="utf-8")
    moved = text.replace("implemented = { date = 2014-04-01,", "implemented = { date = 2014-06-01,")
    assert moved.count("date = 2014-06-01,") == text.count("date = 2014-06-01,") + 1
    for name, version, data in [("old", "2026.11.23", text), ("new", "2026.11.26", moved)]:
        versioned = re.sub(r'^version = ".*"$', f'version = "{version}"', data, count=1, flags=re.M)
        (folder / f"{name}.toml").write_text(versioned, encoding="utf-8")


def test_the_command_page_has_examples() -> None:
    commands = [command.split()[1] for command, _ in _cli_examples()]
    assert {c.name for c in cli._COMMANDS} - {"serve", "mcp"} <= set(commands)


@pytest.mark.parametrize(
    ("command", "shown"), _cli_examples(), ids=lambda e: e if isinstance(e, str) else ""
)
def test_each_example_of_the_command_page_prints_what_it_shows(
    command: str,
    shown: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    program, *argv = shlex.split(command)
    assert program == "aeo-mra"
    _write_diff_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    with contextlib.suppress(SystemExit):  # argparse's usage errors exit
        cli.main(argv)
    out, err = capsys.readouterr()
    printed = "".join(line.rstrip() + "\n" for line in (out + err).splitlines())
    assert _shown_as_pattern(shown).fullmatch(printed), f"{command} prints:\n{printed}"


@pytest.mark.parametrize("page", ["cli.md", "reference/json.md"])
def test_the_json_conventions_name_a_source_s_fields_as_to_dict_writes_them(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    shape = re.search(r'source\s+(?:is\s+)?`\{("id"[^}]*)\}`', text)
    assert shape is not None, page
    source = aeo_mra.arrangement("SG").signed.sources[0]
    assert re.findall(r'"(\w+)"', shape[1]) == list(aeo_mra.to_dict(source))
