"""The built site in a real browser: the checker and map give the library's answers, the
figures and tables fit their column, and no page logs an error or reaches off the machine."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import aeo_mra
from aeo_mra import Error, Role, Tier, world
from aeo_mra.places import iso_territories
from docs_gen import mapdata

from .conftest import WIDTHS

ASK = """([mode, place, day, role, tier]) => {
  document.querySelector(`input[name=aeo-mode][value=${mode}]`).checked = true;
  document.querySelector("input[name=aeo-mode]:checked").dispatchEvent(new Event("change"));
  const set = (id, value) => {
    const input = document.getElementById(id);
    input.value = value;
    input.dispatchEvent(new Event("input"));
  };
  set("aeo-place", place); set("aeo-day", day); set("aeo-role", role); set("aeo-tier", tier);
  const answer = document.getElementById("aeo-answer");
  const items = (title) => {
    const titles = [...answer.querySelectorAll(".aeo-list-title")];
    const heading = titles.find((p) => p.textContent === title);
    return heading ? [...heading.nextElementSibling.children].map((li) => li.textContent) : [];
  };
  const sources = [...answer.querySelectorAll("li[data-source]")].map((li) => li.dataset.source);
  return {
    state: answer.dataset.state, error: answer.dataset.error || null,
    qualifies: answer.dataset.qualifies, verdict: answer.dataset.verdict,
    heading: answer.querySelector(".aeo-verdict strong")?.textContent,
    reason: answer.dataset.reason,
    arrangement: answer.dataset.arrangement, text: answer.querySelector(".aeo-text").textContent,
    benefits: items("Benefits"), caveats: items("Caveats"), sources,
  };
}"""


def _expected(ask: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """What the page must show: the library's own answer, asked directly."""
    try:
        answer = ask(*args, **kwargs)
    except Error as error:
        return {"state": "error", "error": type(error).__name__, "text": str(error)}
    return {
        "state": "answer", "error": None, "qualifies": str(answer.qualifies).lower(),
        "verdict": answer.verdict.value, "heading": answer.verdict.description,
        "reason": answer.reason.value, "text": answer.explain(),
        "arrangement": answer.arrangement.id if answer.arrangement else "",
        "benefits": [b.description for b in answer.benefits], "caveats": list(answer.caveats),
        "sources": [s.id for s in answer.sources],
    }  # fmt: skip


def _shown(page: Any, *question: str) -> dict[str, Any]:
    shown: dict[str, Any] = page.evaluate(ASK, list(question))
    if shown["state"] == "error":
        return {k: shown[k] for k in ("state", "error", "text")}
    return shown


def _grid() -> list[tuple[str, date]]:
    """Each event's place on the days either side of its dates, the UK's exit, and more."""
    registry = aeo_mra._default()
    cases: set[tuple[str, date]] = set()
    for event in registry.timeline():
        place = event.territory or (
            registry.arrangement(event.arrangement).members[0].territory
            if event.arrangement
            else None
        )
        for day in (event.when.earliest, event.when.latest):
            if place and day is not None:
                cases.update((place, day + timedelta(days=n)) for n in (-1, 0, 1))
    cases.update((p, d) for p in ("GB", "DE", "MT") for d in (date(2020, 12, 31), date(2021, 1, 1)))
    cases.update((p, date(2024, 6, 1)) for p in ("US", "AD", "FR"))
    return sorted(cases)


def _name(code: str, rng: random.Random) -> str:
    """The place by its Chinese name, English name or code, as a reader might type it."""
    territory = aeo_mra.resolve(code)
    return rng.choice([territory.name_zh, territory.name_zh, territory.name, code.lower()])


@pytest.fixture
def checker(page: Any, base_url: str) -> Any:
    page.goto(f"{base_url}/checker/")
    page.wait_for_selector("#aeo-checker:not([hidden])")
    return page


def test_the_checker_gives_what_check_gives(checker: Any) -> None:
    rng = random.Random(16)
    refused = 0
    tiers: list[Tier | None] = [None, Tier.ADVANCED_CERTIFIED, Tier.AA, Tier.GENERAL_CERTIFIED]
    compared = 0
    for code, day in _grid():
        for role in Role:
            tier, name = rng.choice(tiers), _name(code, rng)
            want = _expected(aeo_mra.check, name, on=day, role=role, tier=tier)
            tier_name = tier.name if tier else ""
            got = _shown(checker, "china", name, day.isoformat(), role.value, tier_name)
            assert got == want, (name, day, role, tier)
            compared += 1
            refused += want.get("error") == "UnknownPlaceError"
    assert compared >= 400
    assert 0 < refused < compared / 4  # lower-case codes, which the library refuses
    assert not checker.errors


def test_the_checker_gives_what_check_foreign_gives(checker: Any) -> None:
    rng = random.Random(17)
    cases = [
        ("France", "AEOS"), ("法国", "AEOC"), ("UK", "AEOF"), ("新加坡", "STP-Plus"),
        ("Korea, Republic of", "AA"), ("中国香港", "AEO"), ("United States", ""),
    ]  # fmt: skip
    compared = 0
    for name, wanted in cases:
        code = aeo_mra.resolve(name).code
        offered = [t for t, _ in _partner_tiers(code)]
        tier = wanted if wanted in offered else offered[0]
        for day in (date(2014, 5, 15), date(2015, 11, 1), date(2016, 1, 1), date(2021, 1, 1)):
            role = rng.choice(list(Role))
            want = _expected(aeo_mra.check_foreign, name, tier or "AEO", on=day, role=role)
            got = _shown(checker, "foreign", name, day.isoformat(), role.value, tier)
            assert got == want, (name, tier, day, role)
            compared += 1
    assert compared == 4 * len(cases)
    assert not checker.errors


def _partner_tiers(code: str) -> list[tuple[str, str]]:
    from docs_gen.checker import partner_tiers

    return partner_tiers(aeo_mra._default(), code) or [("", "")]


def _spellings(rng: random.Random) -> list[str]:
    """Names as readers type them: full-width, in any case, without accents, codes in lower
    case, placeholders, unions, numbers, a name too long to be one, and every place's name
    (English, and some Chinese) misspelt once."""
    fixed = [
        "ＤＥ", "ｄｅ", "ＧＥＲＭＡＮＹ", "Ｇｅｒｍａｎｙ", "germany", "gErMaNy", "Turkiye",
        "  Türkiye ", "The Netherlands", "the UK", "The uk", "uk", "Uk", "n/a", "N/A", "na",
        "NA", "EU", "eu", "European Union", "欧洲联盟", "欧盟", "中国", "中國", "china", "CN",
        "276", "0276", "0.276", "'276'", "Germny", "Frnace", "Untied Kingdom", "Singapor",
        "新加波", "Cote d'Ivoire", "Côte d’Ivoire", "x" * 201, "Xx", "", " ", "KOR", "kor",
        "Korea, Republic of", "Hong Kong SAR", "Macau", "Türkei", "Straße", 'O"Brien\'s',
        "#N/A", "#REF!", "'#N/A", "＃VALUE!", "#Germany", "Japan#",
    ]  # fmt: skip
    territories = sorted(iso_territories().values(), key=lambda t: t.code)
    names = [t.name for t in territories] + [t.name_zh for t in territories[::7] if t.name_zh]
    typos = []
    for name in (n for n in names if len(n) > 2):
        i = rng.randrange(1, len(name) - 1)
        edit = rng.choice(["drop", "swap", "double", "change"])
        typos.append({
            "drop": name[:i] + name[i + 1:],
            "swap": name[:i] + name[i + 1] + name[i] + name[i + 2:],
            "double": name[:i] + name[i] + name[i:],
            "change": name[:i] + rng.choice("aeiouxz") + name[i + 1:],
        }[edit])  # fmt: skip
    return fixed + typos


_TIER_GROUPS = """() => {
  document.querySelector("input[name=aeo-mode][value=china]").checked = true;
  document.querySelector("input[name=aeo-mode]:checked").dispatchEvent(new Event("change"));
  return [...document.querySelectorAll("#aeo-tier optgroup")]
    .map((g) => [g.label, [...g.querySelectorAll("option")].map((o) => o.value)]);
}"""


def test_the_checker_groups_china_s_tiers_by_when_they_were_in_use(checker: Any) -> None:
    groups = checker.evaluate(_TIER_GROUPS)
    periods = aeo_mra._default().dataset.tiers
    assert sorted(n for _, names in groups for n in names) == sorted(t.name for t in Tier)
    for label, names in groups:
        spans = {(periods[Tier[n]].since, periods[Tier[n]].until) for n in names}
        assert len(spans) == 1, label
        assert all(str(day) in label for day in spans.pop() if day), label
    assert len(groups) == len({(p.since, p.until) for p in periods.values()})


def test_the_checker_resolves_a_place_as_the_library_does(checker: Any) -> None:
    """Full-width spellings are accepted, and a name the library refuses gets its message,
    suggestions and hints included."""
    day = date(2020, 1, 1)
    refused = 0
    for name in _spellings(random.Random(19)):
        want = _expected(aeo_mra.check, name, on=day)
        assert _shown(checker, "china", name, day.isoformat(), "exporter", "") == want, name
        refused += want["state"] == "error"
    assert refused > 20
    assert _shown(checker, "china", "ＤＥ", day.isoformat(), "exporter", "")["state"] == "answer"
    assert "did you mean 'Germany'" in _shown(checker, "china", "Germny", "2020-01-01",
                                              "exporter", "")["text"]  # fmt: skip
    assert not checker.errors


def _map(page: Any, base_url: str, administration: str | None, day: date) -> dict[str, Any]:
    """The map page with ``administration`` chosen in its selector (``None``: the default)
    and ``day`` on its slider: each place's status, and the partners listed under it."""
    if not page.url.endswith("/data/map/"):
        page.goto(f"{base_url}/data/map/")
    if administration is not None:
        page.get_by_label("Partners of", exact=True).select_option(administration)
    offset = (day - mapdata.start(world.bundled())).days
    page.evaluate(
        """(offset) => { const s = document.getElementById("aeo-map-day");
        s.value = String(offset); s.dispatchEvent(new Event("input")); }""",
        offset,
    )
    assert page.text_content("#aeo-map-date") == day.isoformat()
    return page.evaluate(
        """() => ({
        chosen: document.getElementById("aeo-map-box").dataset.administration,
        places: Object.fromEntries([...document.querySelectorAll("path[data-code]")]
          .map((p) => [p.dataset.code, p.dataset.status])),
        listed: [...document.querySelectorAll("#aeo-map-list p")].flatMap(
          (p) => p.lastChild.textContent.split(", ")),
        caption: document.getElementById("aeo-map-caption").textContent,
        })"""
    )


def _expected_map(administration: str, day: date, codes: list[str]) -> dict[str, str]:
    """Each place's status, as the library gives it: the partners of ``administration`` on
    ``day``, coloured at the places their administrations clear goods at."""
    graph = world.bundled()
    partners = mapdata.statuses(graph, administration, day)
    out = {}
    for code in codes:
        clearing = mapdata.administration_at(graph, code, day)
        out[code] = "self" if clearing == administration else partners.get(clearing or "", "none")
    return out


MAP_DAYS = [date(2008, 6, 1), date(2012, 1, 1), date(2013, 3, 15), date(2015, 10, 31),
            date(2015, 11, 1), date(2020, 12, 31), date(2021, 1, 1), date(2024, 1, 1)]  # fmt: skip


@pytest.mark.parametrize("administration", [None, "KR", "EU", "US", "SG"])
def test_the_map_shows_the_partners_of_the_administration_chosen(
    page: Any, base_url: str, administration: str | None
) -> None:
    ident = administration or "CN"  # China by default
    for day in MAP_DAYS:
        shown = _map(page, base_url, administration, day)
        assert shown["chosen"] == ident
        assert shown["places"] == _expected_map(ident, day, list(shown["places"]))
        partners = world.partners(ident, on=day)
        counted = aeo_mra.summary(day).counted_territories if ident == "CN" else ()
        planned = world.summary(ident, on=day).planned  # listed too, as not yet signed
        names = {p.administration.name for p in partners}
        names |= {world.bundled().administrations[c].name for c in (*counted, *planned)}
        assert sorted(shown["listed"]) == sorted(names), day
        assert "not transitive" in shown["caption"]
    assert not page.errors


def test_the_map_colours_korea_s_partners_and_the_eu_as_its_members(
    page: Any, base_url: str
) -> None:
    korea = _map(page, base_url, "KR", date(2024, 1, 1))
    assert korea["places"]["KR"] == "self"
    assert korea["places"]["US"] in ("implemented", "signed")
    assert korea["places"]["DE"] == "none"  # Korea and the EU: no arrangement in the data
    eu = _map(page, base_url, "EU", date(2020, 6, 1))
    assert {eu["places"][c] for c in ("DE", "FR", "GB", "MT")} == {"self"}
    assert eu["places"]["JP"] == "implemented"
    assert _map(page, base_url, "EU", date(2021, 6, 1))["places"]["GB"] != "self"
    assert not page.errors


def test_the_map_of_an_administration_inside_a_union_points_to_the_union(
    page: Any, base_url: str
) -> None:
    inside = _map(page, base_url, "GB", date(2019, 6, 1))
    assert "inside the customs territory of the European Union (EU)" in inside["caption"]
    assert set(inside["places"].values()) == {"none"}  # its AEOs were the EU's
    page.get_by_role("link", name="the European Union's partners").click()
    page.wait_for_url("**/data/map/?administration=EU")
    assert page.get_attribute("#aeo-map-box", "data-administration") == "EU"
    outside = _map(page, base_url, "GB", date(2021, 6, 1))
    assert "European Union" not in outside["caption"]
    assert outside["places"]["GB"] == "self"
    assert not page.errors


def test_the_map_s_selector_is_labelled_and_works_from_the_keyboard(
    page: Any, base_url: str
) -> None:
    page.goto(f"{base_url}/data/map/")
    selector = page.get_by_label("Partners of", exact=True)
    assert selector.evaluate("(s) => s.tagName") == "SELECT"
    assert selector.input_value() == "CN"
    selector.focus()
    page.keyboard.type("South Korea")
    assert selector.input_value() == "KR"
    assert page.get_attribute("#aeo-map-box", "data-administration") == "KR"
    page.keyboard.press("ArrowDown")
    after = selector.input_value()
    assert after != "KR"
    assert page.get_attribute("#aeo-map-box", "data-administration") == after
    slider = page.get_by_label("Day shown")
    before = page.text_content("#aeo-map-date")
    slider.focus()
    page.keyboard.press("Home")
    assert page.text_content("#aeo-map-date") == mapdata.start(world.bundled()).isoformat()
    assert page.text_content("#aeo-map-date") != before
    assert not page.errors


def test_the_world_page_links_each_administration_to_its_map(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/data/world/")
    page.locator("#kr").locator("..").get_by_role("link", name="map").click()
    page.wait_for_url("**/data/map/?administration=KR")
    assert page.get_by_label("Partners of", exact=True).input_value() == "KR"
    assert page.get_attribute("#aeo-map-box", "data-administration") == "KR"
    assert "partners of South Korea on " in page.text_content("#aeo-map-title")  # the SVG's name
    page.get_by_label("Partners of", exact=True).select_option("EU")
    assert page.url.endswith("/data/map/?administration=EU")  # a link to what is shown
    assert not page.errors


def test_the_map_says_when_it_does_not_know_the_administration_asked(
    page: Any, base_url: str
) -> None:
    def ask(administration: str) -> tuple[str, str | None]:
        page.goto(f"{base_url}/data/map/?administration={administration}")
        note = page.locator("#aeo-map-note")
        return (
            page.get_attribute("#aeo-map-box", "data-administration") or "",
            note.text_content() if note.is_visible() else None,
        )

    assert ask("kr") == ("KR", None)
    assert ask("south%20KOREA") == ("KR", None)  # its name, in any case
    shown, note = ask("ZZ")
    assert note is not None
    assert 'no administration "ZZ"' in note
    assert f"shows {world.bundled().administrations[shown].name}'s partners" in note
    shown, note = ask("Korea")
    assert note is not None
    assert 'no administration "Korea" (did you mean South Korea (KR)?)' in note
    page.get_by_label("Partners of", exact=True).select_option("KR")
    assert not page.locator("#aeo-map-note").is_visible()  # a choice made answers it
    assert not page.errors


def test_the_sidebar_s_title_covers_no_entry_of_the_list(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base_url}/data/map/")  # low in the list, which is scrolled to show it
    # The theme's script scrolls the list once the page has loaded: wait for it (a busy
    # machine may take a while), then look.
    page.wait_for_function(
        """() => document.querySelector(".md-nav--primary > .md-nav__title")
        ?.closest(".md-sidebar__scrollwrap")?.scrollTop > 0"""
    )
    covered = page.evaluate(
        """() => {
        const box = document.querySelector(".md-nav--primary > .md-nav__title")
          .getBoundingClientRect();
        return [...document.querySelectorAll(".md-nav--primary .md-nav__link")]
          .filter((link) => link.getClientRects().length).filter((link) => {
            const r = link.getBoundingClientRect();
            return r.top < box.bottom && r.bottom > box.top; })
          .map((link) => link.textContent.trim());
        }"""
    )
    assert covered == []


FIGURES = [
    ("data/totals/", ".aeo-chart"),
    ("data/arrangements/", ".md-typeset__table table"),
    ("data/timeline/", ".md-typeset__table table"),
    ("data/places/", ".md-typeset__table table"),
    ("data/map/", ".aeo-map"),
    ("data/measures/", ".md-typeset table"),
    ("data/world/", ".md-typeset table"),
    ("checker/", "#aeo-checker"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "selector"), FIGURES)
def test_figures_and_tables_fit_their_column(
    browser: Any, base_url: str, width: int, path: str, selector: str
) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{path}")
    boxes = page.evaluate(
        """(selector) => {
        const column = document.querySelector(".md-content__inner").getBoundingClientRect();
        return [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length)
          .map((e) => { const scroller = e.closest(".md-typeset__scrollwrap") || e;
            const first = e.querySelector("td");
            // A matrix may scroll inside its box if its first column stays in view.
            const sticky = !!first && getComputedStyle(first).position === "sticky";
            const box = (sticky ? e.closest(".aeo-matrix") : e).getBoundingClientRect();
            return {left: box.left, right: box.right, width: box.width, height: box.height,
                    scroll: sticky ? 0 : Math.max(scroller.scrollWidth - scroller.clientWidth,
                                                  e.scrollWidth - e.clientWidth),
                    column: [column.left, column.right]}; });
        }""",
        selector,
    )
    page.close()
    assert boxes, f"nothing matches {selector} on {path}"
    for box in boxes:
        left, right = box["column"]
        assert box["left"] >= left - 1
        assert box["right"] <= right + 1
        assert box["scroll"] <= 1, f"{selector} scrolls sideways by {box['scroll']} px"
    if selector in (".aeo-chart", ".aeo-map"):  # drawn at the column's width, not 300x150
        assert boxes[0]["width"] >= (right - left) * 0.9
        assert boxes[0]["height"] > boxes[0]["width"] * 0.4


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser: Any, site: Path, base_url: str, width: int) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    wider = {}
    for path in _pages(site):
        page.goto(f"{base_url}/{path.lstrip('/')}")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wider[path] = overflow
    page.close()
    assert wider == {}


def _pages(site: Path) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site)).replace(".", "") + "/" for p in site.rglob("index.html")
    )


def test_no_page_logs_an_error_or_reaches_off_the_machine(
    browser: Any, site: Path, base_url: str
) -> None:
    pages = _pages(site)
    assert len(pages) > 20
    errors: dict[str, list[str]] = {}
    for path in pages:
        page = browser.new_page()
        logged: list[str] = []
        page.on("console", lambda m, logged=logged: m.type == "error" and logged.append(m.text))
        page.on("pageerror", lambda e, logged=logged: logged.append(str(e)))
        page.goto(f"{base_url}/{path.lstrip('/')}", wait_until="load")
        page.close()
        if logged:
            errors[path] = logged
    assert errors == {}
    assert browser.outside == []


# Every word of four letters, digits or underscores or more in a table's cell or heading, in
# code or not, whose line boxes start on two lines: a long string may wrap at a hyphen, a
# slash or a dot, or break where it cannot fit at all, but never a name short enough to fit.
# What matches a pattern (words, or ISO days) in the tables' cells, broken across lines; only in
# cells of at most `longest` characters, if given.
_BROKEN = """([pattern, longest]) => [...document.querySelectorAll(".md-typeset table :is(td, th)")]
  .filter((cell) => longest === null || cell.textContent.trim().length <= longest)
  .flatMap((cell) => {
  const words = [], walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(new RegExp(pattern, "g"))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (new Set(rects.map((r) => Math.round(r.top))).size > 1) words.push(m[0]);
    }
  }
  return words;
})"""

# The data pages, and the pages whose tables name things in code (review10 F-P1).
_TABLES = [
    "data/world/", "data/world-sources/", "data/arrangements/", "data/schema/", "server/",
    "mcp/", "cli/", "concepts/", "how-to/errors/", "reference/api/", "reference/world/",
]  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", _TABLES)
def test_table_cells_break_no_word_in_two(
    browser: Any, base_url: str, width: int, path: str
) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{path}")
    cells = page.evaluate("""() => document.querySelectorAll(".md-typeset table td").length""")
    broken = page.evaluate(_BROKEN, [_WORD, None])
    page.close()
    assert cells > 0
    assert broken == []


_WORD = r"[\wÀ-ž’']{4,}"
_DAY = r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])"  # not within an id such as gacc-2014-81
_DATA_TABLES = ["data/arrangements/", "data/places/", "data/timeline/", "data/world/"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", _DATA_TABLES)
def test_the_data_tables_break_no_day_in_two(
    browser: Any, base_url: str, width: int, path: str
) -> None:
    """A narrow column of days would break 2013-03-15 at a hyphen (review 12): a cell that
    holds a value, not prose (at most 80 characters), keeps each day on one line."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{path}")
    broken = page.evaluate(_BROKEN, [_DAY, 80])
    page.close()
    assert broken == []


# The API page's parameter tables: the names of their first column, and those on two lines.
_PARAMETER_NAMES = """() => {
  const tables = [...document.querySelectorAll("p")]
    .filter((p) => p.textContent.startsWith("Parameters, in"))
    .map((p) => p.nextElementSibling.querySelector("table"));
  const names = tables.flatMap((t) => [...t.querySelectorAll("td:first-child code")]);
  const split = names.filter((code) =>
    new Set([...code.getClientRects()].map((r) => Math.round(r.top))).size > 1);
  return [names.length, split.map((code) => code.textContent)];
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_api_s_parameter_names_stay_whole(browser: Any, base_url: str, width: int) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/server/")
    names, split = page.evaluate(_PARAMETER_NAMES)
    where = page.evaluate(
        """() => [...document.querySelectorAll("h3")].filter((h) => h.textContent.includes("{id}"))
          .map((h) => h.nextElementSibling.nextElementSibling.textContent)"""
    )
    page.close()
    assert names > 20
    assert split == []
    assert where == ["Parameters, in the path:"] * 2  # /v1/arrangements/{id}, and the world's
