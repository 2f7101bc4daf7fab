"""The ``aeo-mra`` command: the real entry point in a subprocess, and its pieces in-process.

Answers are compared with what the library says for the same question, so that a data
change elsewhere does not break these tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import Basis, Role, Tier, _cli_parser, cli
from aeo_mra._cli_output import table

DOCS = Path(__file__).parent.parent / "docs" / "cli.md"
GERMANY_2020 = date(2020, 5, 1)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m aeo_mra ARGS``, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "aeo_mra", *args],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )


def run_json(*args: str) -> tuple[int, Any]:
    done = run(*args, "--json")
    assert done.stderr == ""
    return done.returncode, json.loads(done.stdout)


def assert_bad_input(done: subprocess.CompletedProcess[str], *quoted: str) -> None:
    """Exit status 2, nothing on stdout, one line on stderr naming the input, no traceback."""
    assert done.returncode == cli.EXIT_BAD_INPUT
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr
    for text in quoted:
        assert text in done.stderr


def status_of(answer: aeo_mra.Eligibility) -> int:
    return cli.EXIT_YES if answer.qualifies else cli.EXIT_NO


# -- the real entry point ----------------------------------------------------------------


def test_check_answers_and_explains() -> None:
    answer = aeo_mra.check("Germany", on=GERMANY_2020)
    assert answer.qualifies  # the definition of done
    done = run("check", "Germany", "--on", "2020-05-01")
    assert done.returncode == cli.EXIT_YES
    assert done.stderr == ""
    assert done.stdout.splitlines()[0] == answer.explain()


def test_check_json_is_the_library_answer() -> None:
    answer = aeo_mra.check("Germany", on=GERMANY_2020, tier=Tier.ADVANCED_CERTIFIED)
    options = ["--on", "2020-05-01", "--tier", "advanced_certified", "--role", "Exporter"]
    status, data = run_json("check", "Germany", *options)
    assert status == status_of(answer)
    assert data["qualifies"] == answer.qualifies
    assert data["reason"] == answer.reason.value
    assert (data["place"]["code"], data["place"]["name"]) == (answer.place.code, answer.place.name)
    assert data["on"] == "2020-05-01"
    assert (data["role"], data["tier"]) == ("exporter", "ADVANCED_CERTIFIED")
    assert data["arrangement"] == (answer.arrangement.id if answer.arrangement else None)
    assert data["benefits"] == [b.value for b in answer.benefits]
    assert data["caveats"] == list(answer.caveats)
    assert [(s["id"], s["title"], s["urls"]) for s in data["sources"]] == [
        (s.id, s.title, list(s.urls)) for s in answer.sources
    ]
    assert data["confidence"] == str(answer.confidence)
    assert data["data_version"] == answer.data_version == aeo_mra.DATA_VERSION
    assert data["data_reviewed"] == answer.data_reviewed.isoformat()
    assert data["explanation"] == answer.explain()


@pytest.mark.parametrize(
    ("place", "on", "role"),
    [("UK", "2021-06-01", Role.EXPORTER), ("Brazil", "2023-01-01", Role.IMPORTER)],
)
def test_check_json_status_follows_the_answer(place: str, on: str, role: Role) -> None:
    answer = aeo_mra.check(place, on=date.fromisoformat(on), role=role)
    status, data = run_json("check", place, "--on", on, "--role", role.value)
    assert status == status_of(answer)
    assert (data["qualifies"], data["reason"]) == (answer.qualifies, answer.reason.value)


def test_a_no_exits_1() -> None:
    answer = aeo_mra.check("UK", on=date(2021, 6, 1))
    assert not answer.qualifies  # the UK left the EU arrangement on 2020-12-31
    done = run("check", "UK", "--on", "2021-06-01")
    assert done.returncode == cli.EXIT_NO
    assert done.stdout.startswith("No:")


@pytest.mark.parametrize(
    ("place", "tier", "on", "role"),
    [
        ("Germany", "AEOS", "2020-05-01", Role.EXPORTER),  # yes
        ("DE", "aeoc", "2020-05-01", Role.EXPORTER),  # a tier China does not recognise
        ("KR", "class AAA", "2013-01-01", Role.IMPORTER),  # before the arrangement
    ],
)
def test_check_foreign_is_the_library_answer(place: str, tier: str, on: str, role: Role) -> None:
    answer = aeo_mra.check_foreign(place, tier, date.fromisoformat(on), role=role)
    status, data = run_json("check-foreign", place, tier, "--on", on, "--role", role.value)
    assert status == status_of(answer)
    assert data == aeo_mra.to_dict(answer)
    done = run("check-foreign", place, tier, "--on", on, "--role", role.value)
    assert done.returncode == status_of(answer)
    assert done.stdout.splitlines()[0] == answer.explain()


def test_compare_tiers_prints_the_library_comparison() -> None:
    from aeo_mra import home

    gap = home.compare(Tier.ADVANCED_CERTIFIED, Tier.GENERAL_CERTIFIED, date(2019, 6, 1))
    done = run("compare-tiers", "高级认证企业", "general-certified", "--on", "2019-06-01")
    assert (done.returncode, done.stderr) == (cli.EXIT_YES, "")
    assert done.stdout == gap.explain() + "\n"


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
@pytest.mark.parametrize("tiers", [("advanced_certified", "general_certified"),
                                   ("general_certified", "advanced_certified")])  # fmt: skip
def test_compare_tiers_with_a_tier_not_in_force_is_bad_input(
    tiers: tuple[str, str], json_flag: list[str]
) -> None:
    done = run("compare-tiers", *tiers, "--on", "2022-01-01", *json_flag)
    assert_bad_input(done, "GENERAL_CERTIFIED did not exist on 2022-01-01")


def test_measure_changes_prints_the_library_changes() -> None:
    from aeo_mra import home

    found = home.changes(before=date(2018, 4, 30), after=date(2018, 5, 1))
    done = run("measure-changes", "2018-04-30", "2018-05-01")
    assert (done.returncode, done.stdout) == (cli.EXIT_YES, found.explain() + "\n")
    assert_bad_input(run("measure-changes", "2021-01-01", "2020-01-01"), "swap the two days")


def test_aeo_counts_lists_the_published_counts() -> None:
    from aeo_mra import home

    since = date(2020, 1, 1)
    found = home.aeo_counts("national", since=since)
    done = run("aeo-counts", "national", "--since", since.isoformat())
    assert done.returncode == cli.EXIT_YES
    assert done.stdout.splitlines() == [str(c) for c in found]
    data = run_json("aeo-counts", "national", "--since", since.isoformat())[1]
    assert data["counts"] == [aeo_mra.to_dict(c) for c in found]
    assert_bad_input(run("aeo-counts", "Mars"), "'Mars'", "scopes counted: national")


def test_check_foreign_of_an_unknown_tier_is_bad_input_naming_the_valid_ones() -> None:
    assert_bad_input(run("check-foreign", "DE", "AEOX"), "'AEOX'", "AEOS, AEOF, AEOC")


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_unknown_place_is_bad_input(json_flag: list[str]) -> None:
    done = run("check", "Germny", *json_flag)
    assert_bad_input(done, "'Germny'", "Germany")


def test_list() -> None:
    day = date(2020, 12, 31)
    done = run("list", "--on", day.isoformat())
    assert done.returncode == cli.EXIT_YES
    header, *rows = done.stdout.splitlines()
    assert header.split()[:2] == ["ID", "PARTNER"]
    assert [row.split()[0] for row in rows] == [a.id for a in aeo_mra.arrangements(day)]


def test_list_json() -> None:
    day = date(2020, 12, 31)
    status, data = run_json("list", "--on", day.isoformat(), "--basis", "IMPLEMENTED")
    found = aeo_mra.arrangements(day, basis=Basis.IMPLEMENTED)
    assert status == cli.EXIT_YES
    assert (data["on"], data["basis"]) == (day.isoformat(), "implemented")
    assert data["arrangements"] == [aeo_mra.to_dict(a) for a in found]
    assert data["role"] is None
    status, data = run_json("list", "--on", day.isoformat(), "--role", "importer")
    helping = aeo_mra.arrangements(day, role=Role.IMPORTER)
    assert (data["role"], [a["id"] for a in data["arrangements"]]) == (
        "importer",
        [a.id for a in helping],
    )
    assert len(helping) < len(aeo_mra.arrangements(day))  # some cover imports only


def test_show_by_id() -> None:
    arrangement = aeo_mra.arrangement("EU")
    done = run("show", "eu")
    assert done.returncode == cli.EXIT_YES
    assert done.stdout.splitlines()[0] == f"{arrangement.name} (EU)"
    assert all(source.id in done.stdout for source in arrangement.sources)


def test_show_json_by_place() -> None:
    arrangement = aeo_mra.check("Germany").arrangement
    assert arrangement is not None
    status, data = run_json("show", "Germany")
    assert status == cli.EXIT_YES
    assert (data["id"], data["name"]) == (arrangement.id, arrangement.name)
    assert [s["id"] for s in data["sources"]] == [s.id for s in arrangement.sources]
    assert data["signed"]["value"]["earliest"] == str(arrangement.signed.value.earliest)


def test_show_unknown_is_bad_input() -> None:
    assert_bad_input(run("show", "Atlantis"), "'Atlantis'", "arrangement ids: ")


def test_timeline() -> None:
    events = aeo_mra.timeline()
    done = run("timeline")
    assert done.returncode == cli.EXIT_YES
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["DATE", "EVENT", "DESCRIPTION"]
    assert all(row.endswith(e.description) for row, e in zip(rows, events, strict=True))


def test_timeline_json() -> None:
    events = aeo_mra.timeline()
    status, data = run_json("timeline")
    assert status == cli.EXIT_YES
    assert [(e["kind"], e["description"]) for e in data["events"]] == [
        (e.kind.value, e.description) for e in events
    ]
    first = data["events"][0]["when"]
    assert first["earliest"] == str(events[0].when.earliest)


def test_summary() -> None:
    day = date(2021, 8, 31)
    done = run("summary", "--on", day.isoformat())
    assert done.returncode == cli.EXIT_YES
    assert done.stdout.splitlines()[0] == str(aeo_mra.summary(day))


def test_summary_json() -> None:
    day = date(2021, 8, 31)
    totals = aeo_mra.summary(day, basis=Basis.IMPLEMENTED)
    status, data = run_json("summary", "--on", day.isoformat(), "--basis", "implemented")
    assert status == cli.EXIT_YES
    assert (data["economies"], data["territories"]) == (totals.economies, totals.territories)
    assert data["arrangements"] == list(totals.arrangements)


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2020-02-30", "is not a valid date (day is out of range for month)"),
        ("20200501", "is not a date in the form YYYY-MM-DD"),
        ("2020-W01-1", "is not a date in the form YYYY-MM-DD"),
    ],
)
def test_a_date_is_read_only_as_yyyy_mm_dd_and_only_if_it_exists(day: str, says: str) -> None:
    assert_bad_input(run("check", "DE", "--on", day), f"'{day}' {says}")


def test_no_command_is_a_usage_error() -> None:
    assert_bad_input(run(), "COMMAND")


# -- in-process: the same main(), without a new interpreter ------------------------------


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``main(args)``: exit status, stdout, stderr; argparse's own exits included."""
    try:
        status = cli.main(list(args))
    except SystemExit as exit:
        status = int(exit.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("args", "quoted"),
    [
        (["check", "DE", "--tier", "advnced"], ["'advnced'", "ADVANCED_CERTIFIED"]),
        (["check", "DE", "--role", "exprter"], ["'exprter'", "exporter"]),
        (["check", "DE", "--tier", "nonsense"], ["'nonsense'", "choose from AA"]),
        (["check", "DE", "--on", "2020-13-01"], ["'2020-13-01'", "not a valid date"]),
        (["check", "DE", "--tier", "AA", "--on", "2020-01-01"], ["AA", "2020-01-01"]),
        (["check", "China"], ["'China'"]),
        (["list", "--basis", "sined"], ["'sined'", "signed"]),
        (["summary", "--on", "yesterday"], ["'yesterday'"]),
        (["show", "Tuvalu"], ["'Tuvalu'", "no AEO arrangement"]),
        (["show", "EUU"], ["'EUU'", "'EU'"]),
        (["show", "Germny"], ["'Germny'", "'Germany'"]),
        # an argument the command does not know: named by the command, its help pointed to
        (["check", "DE", "--bogus"], ["aeo-mra check: error: unrecognized arguments: --bogus",
                                      "(see aeo-mra check --help)"]),
        (["world", "check", "KR", "JP", "--bogus"], ["aeo-mra world check: error:",
                                                     "(see aeo-mra world check --help)"]),
        (["--bogus", "check", "DE"], ["aeo-mra: error: unrecognized arguments: --bogus"]),
    ],
)  # fmt: skip
def test_bad_input(capsys: pytest.CaptureFixture[str], args: list[str], quoted: list[str]) -> None:
    status, out, err = call(capsys, *args)
    assert (status, out) == (cli.EXIT_BAD_INPUT, "")
    assert len(err.splitlines()) == 1
    assert all(text in err for text in quoted)


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("AA", Tier.AA),
        ("aa", Tier.AA),
        ("advanced_certified", Tier.ADVANCED_CERTIFIED),
        ("Advanced-Certified", Tier.ADVANCED_CERTIFIED),
        (" general  credit ", Tier.GENERAL_CREDIT),
        ("高级认证企业", Tier.ADVANCED_CERTIFIED),  # its Chinese name
        ("AA类企业", Tier.AA),
        ("advanced certified enterprise", Tier.ADVANCED_CERTIFIED),  # its English words
    ],
)
def test_tiers_are_read_in_any_case(text: str, tier: Tier) -> None:
    args = _cli_parser.parser().parse_args(["check", "DE", "--tier", text])
    assert args.tier is tier


def test_help_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "check", "--help")
    assert status == cli.EXIT_YES
    assert "--tier" in out


# Words a command line is made of: commands, options in full and abbreviated, with and
# without "=", good and bad values, and what only argparse reads (help, "--", "-").
WORDS = [
    "check", "list", "show", "timeline", "summary", "code", "measures", "mcp", "diff", "world",
    "serve", "check-foreign", "AEOS", "compare-tiers", "aeo-counts", "measure-changes",
    "regular", "--since", "DE",
    "德国", "", "-", "--", "-h", "--help", "--version",
    "--json", "--js", "--json=1", "--on", "--o", "--on=2020-01-01", "--on=", "2020-01-01",
    "2020-13-01",
    "--role", "importer", "IMPORTER", "imp", "--role=exporter", "--tier", "AA", "advnced",
    "advanced-certified", "--basis", "implemented", "--where", "Shenyang", "--data", "x.toml",
    "--port", "8080", "AEOCN0123456789", "EU",
]  # fmt: skip


@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_a_plain_line_is_read_as_argparse_reads_it(argv: list[str]) -> None:
    plain = cli._plain(argv)
    if plain is not None:  # else argparse reads it, or says what is wrong
        assert vars(plain) == vars(_cli_parser.parser(argv).parse_args(argv))


@pytest.mark.parametrize(
    ("argv", "plain"),
    [
        (["check", "DE"], True),
        (["check", "--on=2020-01-01", "DE", "--json", "--role", "importer"], True),
        (["summary", "--basis", "implemented"], True),
        (["check", "--help"], False),
        (["check", "--ro", "importer", "DE"], False),
        (["check", "DE", "--on", "2020-13-01"], False),
        (["world", "check", "KR", "JP"], False),
        (["serve", "--cors-origin", "x"], False),
    ],
)
def test_only_plain_lines_are_read_without_argparse(argv: list[str], plain: bool) -> None:
    assert (cli._plain(argv) is not None) is plain


def test_help_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = {}
    for columns in (64, 120):
        monkeypatch.setenv("COLUMNS", str(columns))
        lines[columns] = call(capsys, "check", "--help")[1].splitlines()
        assert max(map(len, lines[columns])) <= columns - 2
    assert len(lines[120]) < len(lines[64])


def test_list_before_the_first_arrangement(capsys: pytest.CaptureFixture[str]) -> None:
    assert not aeo_mra.arrangements(date(2000, 1, 1))
    status, out, _ = call(capsys, "list", "--on", "2000-01-01")
    assert status == cli.EXIT_YES
    assert out == "No arrangements signed by 2000-01-01.\n"
    status, out, _ = call(capsys, "list", "--on", "2000-01-01", "--json")
    assert json.loads(out)["arrangements"] == []


# The documented JSON shapes (docs/cli.md): keys are added, never renamed or removed.
SHAPES = {
    ("check", "DE", "--on", "2020-05-01"): [
        "qualifies", "verdict", "reason", "place", "on", "role", "tier", "arrangement", "benefits",
        "caveats", "sources", "confidence", "data_version", "data_reviewed", "explanation",
    ],
    ("list", "--on", "2020-05-01"): [
        "on", "basis", "role", "data_version", "data_reviewed", "arrangements",
    ],
    ("show", "SG"): [
        "id", "name", "partner", "partner_zh", "partner_aliases", "partner_kind", "instrument",
        "counted", "signed", "implemented", "stages", "scope", "china_tiers",
        "partner_programme", "partner_tiers", "benefits", "benefits_wording", "code_format",
        "members", "territories", "caveats", "sources", "data_version", "data_reviewed",
    ],
    ("timeline",): ["data_version", "data_reviewed", "events"],
    ("summary", "--on", "2020-05-01"): [
        "on", "basis", "economies", "territories", "arrangements", "counted_territories",
        "data_version", "data_reviewed",
    ],
}  # fmt: skip
NESTED = {
    "place": ["code", "alpha_3", "numeric", "name", "name_zh"],
    "source": ["id", "title", "kind", "urls", "note", "citation"],
    "when": ["earliest", "latest", "precision", "text"],
    "event": ["when", "kind", "arrangement", "territory", "description", "confidence", "sources"],
    "fact": ["value", "sources", "confidence", "inferred", "note"],
}  # fmt: skip


@pytest.mark.parametrize("args", list(SHAPES))
def test_json_shapes_are_stable(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    _, out, _ = call(capsys, *args, "--json")
    data = json.loads(out)
    assert list(data) == SHAPES[args]
    nested = {
        "check": [("place", data.get("place")), *(("source", s) for s in data.get("sources", []))],
        "show": [("fact", data.get("signed")), ("when", data.get("signed", {}).get("value"))],
        "timeline": [("event", data.get("events", [{}])[0])],
    }
    for kind, value in nested.get(args[0], []):
        assert list(value) == NESTED[kind], kind


def test_json_is_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's JSON is the library's plain data, so the shapes are the same everywhere."""
    answer = aeo_mra.check("UK", on=date(2021, 6, 1), role=Role.IMPORTER)
    _, out, _ = call(capsys, "check", "UK", "--on", "2021-06-01", "--role", "importer", "--json")
    assert json.loads(out) == aeo_mra.to_dict(answer)
    _, out, _ = call(capsys, "summary", "--on", "2021-06-01", "--json")
    assert json.loads(out) == aeo_mra.to_dict(aeo_mra.summary(date(2021, 6, 1)))
    _, out, _ = call(capsys, "show", "CH", "--json")
    data = aeo_mra.to_dict(aeo_mra.arrangement("CH"))
    assert json.loads(out) == {**data, "data_version": aeo_mra.DATA_VERSION,
                               "data_reviewed": aeo_mra.DATA_REVIEWED.isoformat()}  # fmt: skip


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert aeo_mra.__version__ == version("aeo-mra")
    status, out, _ = call(capsys, "--version")
    assert (status, out) == (0, f"aeo-mra {aeo_mra.__version__} (data {aeo_mra.DATA_VERSION})\n")


def test_tables_align_chinese_text() -> None:
    lines = table([("欧盟", "x"), ("EU", "y")]).splitlines()
    assert lines == ["欧盟  x", "EU    y"]


def test_docs_cover_every_command() -> None:
    from docs_gen.markers import expand

    text = expand(DOCS.read_text(encoding="utf-8"), aeo_mra._default())
    for command in cli._COMMANDS:
        assert f"## `aeo-mra {command.name}" in text
    for tier in Tier:
        assert f"`{tier.name}`" in text
    for kind in ["check", "list", "show", "timeline", "summary"]:
        for key in SHAPES[next(a for a in SHAPES if a[0] == kind)]:
            assert f'"{key}"' in text, (kind, key)


def test_code_validates_and_says_what_to_declare() -> None:
    from aeo_mra import codes

    ok = run("code", "aeocn 0123456789", "--json")
    assert ok.returncode == cli.EXIT_YES
    data = json.loads(ok.stdout)
    assert data["code"] == codes.validate("aeocn 0123456789")
    assert data["declaration"] is None
    partner = run("code", "SG123456789012", "--on", "2017-01-01")
    assert partner.returncode == cli.EXIT_YES
    assert codes.declaration("SG123456789012", date(2017, 1, 1)).text in partner.stdout
    bad = run("code", "SG12345")
    assert bad.returncode == cli.EXIT_BAD_INPUT
    assert "'SG12345'" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("code", "day"), [("KZ123", "2026-01-01"), ("SG123456789012", "2012-07-01")]
)
def test_a_valid_code_not_yet_declared_is_valid_and_says_why(code: str, day: str) -> None:
    from aeo_mra import codes

    result = run("code", code, "--on", day, "--json")
    assert result.returncode == cli.EXIT_YES
    data = json.loads(result.stdout)
    assert data["declaration"] is None
    with pytest.raises(codes.NotDeclarable) as error:
        codes.declaration(code, date.fromisoformat(day))
    assert data["not_declared"] == error.value.reason


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_console_that_cannot_show_chinese_gets_escapes_not_a_crash(encoding: str) -> None:
    def run_in(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "aeo_mra", *args],
            capture_output=True,
            encoding=encoding,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            timeout=60,
            check=False,
        )

    shown = run_in("show", "SG", "--json")
    assert shown.returncode == cli.EXIT_YES
    assert json.loads(shown.stdout)["partner_zh"] == aeo_mra.arrangement("SG").partner_zh
    curacao = run_in("check", "CW", "--json")
    assert json.loads(curacao.stdout)["place"]["name"] == aeo_mra.resolve("CW").name
    text = run_in("check", "DE", "--on", "2020-05-01")
    assert text.returncode == cli.EXIT_YES
    assert "\\u9ad8" in text.stdout  # 高, escaped


def test_a_command_ends_without_python_s_teardown_once_its_output_is_flushed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["check", "US", "--on", "2020-05-01"]
    code = (
        "import atexit, sys; atexit.register(print, 'teardown', file=sys.stderr); "
        "sys.argv[0] = 'aeo-mra'; from aeo_mra.cli import run; run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    status = cli.main(args)
    assert (done.returncode, done.stdout, done.stderr) == (status, capsys.readouterr().out, "")
    assert status == cli.EXIT_NO


# -- output that cannot be written ---------------------------------------------------------


def _run_with_stdout(stdout: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """``aeo-mra`` with ``args`` (default: ``timeline``), its stdout ``stdout``."""
    return subprocess.run(
        [sys.executable, "-m", "aeo_mra", *(args or ["timeline"])],
        stdout=stdout,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_its_own_status() -> None:
    with Path("/dev/full").open("w") as full:
        done = _run_with_stdout(full)
    assert done.returncode == cli.EXIT_OUTPUT_FAILED
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "No space left on device" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("args", "stdout", "status"),
    [
        (["check", "Germny"], subprocess.PIPE, cli.EXIT_BAD_INPUT),
        (["check", "DE"], "full", cli.EXIT_OUTPUT_FAILED),
    ],
    ids=["bad input", "output failed"],
)
def test_an_unwritable_stderr_changes_no_status(args: list[str], stdout: Any, status: int) -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "aeo_mra", *args],
            stdout=full if stdout == "full" else stdout,
            stderr=full,
            timeout=60,
            check=False,
        )
    assert done.returncode == status
    assert not done.stdout  # nothing, or nowhere to read


@pytest.mark.skipif(sys.platform == "win32", reason="closes a POSIX file descriptor")
def test_a_closed_stderr_puts_no_error_on_stdout() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(2); sys.stderr = None; "
         "sys.argv = ['aeo-mra', 'check', 'Germny']; from aeo_mra.cli import run; run()"],
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (cli.EXIT_BAD_INPUT, "")


_HELP_AND_VERSION = [["--version"], ["--help"], ["check", "--help"], ["world", "check", "--help"]]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", _HELP_AND_VERSION, ids=" ".join)
def test_help_and_version_on_a_full_disk_are_one_line_and_its_status(args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        done = _run_with_stdout(full, *args)
    assert done.returncode == cli.EXIT_OUTPUT_FAILED
    assert done.stderr.splitlines() == [
        f"{cli.PROG}: error: cannot write the output: No space left on device"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe whose reader has gone")
@pytest.mark.parametrize("args", [["timeline"], *_HELP_AND_VERSION], ids=" ".join)
def test_a_reader_gone_is_the_sigpipe_status_and_no_error(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = _run_with_stdout(write, *args)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (cli.EXIT_PIPE_CLOSED, "")


@pytest.mark.skipif(sys.platform == "win32", reason="closes a POSIX file descriptor")
@pytest.mark.parametrize("args", [["timeline"], *_HELP_AND_VERSION], ids=" ".join)
def test_a_closed_stdout_is_one_line_and_its_own_status(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import os, sys; os.close(1); sys.argv = ['aeo-mra', *{args!r}];"
         "from aeo_mra.cli import main; raise SystemExit(main())"],
        stderr=subprocess.PIPE,
        encoding="utf-8",
        timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == cli.EXIT_OUTPUT_FAILED
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "output" in done.stderr


# -- control characters never reach the terminal ------------------------------------------


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_control_characters_from_data_are_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], json_flag: list[str]
) -> None:
    import attrs

    hostile = "Evil\x1b[2J\x9b31m\u202eland\nnext"
    eu = attrs.evolve(aeo_mra.arrangement("EU"), partner=hostile)
    monkeypatch.setattr(aeo_mra, "arrangement", lambda _id: eu)
    monkeypatch.setattr(aeo_mra.Registry, "arrangement", lambda _self, _id: eu)
    assert cli.main(["show", "EU", *json_flag]) == cli.EXIT_YES
    out = capsys.readouterr().out
    for char in ("\x1b", "\x9b", "\u202e"):
        assert char not in out
    assert "\\u001b[2J" in out
    if json_flag:
        assert json.loads(out)["partner"] == hostile


def test_control_characters_in_a_measure_are_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    hostile = "Evil\x1b[2J\x9b31m\u202emeasure"
    real = aeo_mra.home.measures

    def measures(*args: object, **options: object) -> aeo_mra.home.MeasuresAnswer:
        answer = real(*args, **options)
        first = attrs.evolve(answer.measures[0].measure, text_en=hostile)
        changed = attrs.evolve(answer.measures[0], measure=first)
        return attrs.evolve(answer, measures=(changed, *answer.measures[1:]))

    monkeypatch.setattr(aeo_mra.home, "measures", measures)
    assert cli.main(["measures", "--on", "2022-01-01"]) == cli.EXIT_YES
    out = capsys.readouterr().out
    for char in ("\x1b", "\x9b", "\u202e"):
        assert char not in out
    assert "\\u001b[2J" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_diff_of_a_fifo_is_bad_input_not_a_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "old.toml"
    os.mkfifo(fifo)
    done = run("diff", str(fifo))  # a DataError lists its problems, one a line
    assert (done.returncode, done.stdout) == (cli.EXIT_BAD_INPUT, "")
    assert "not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


# Each command's --json, with the answer schema it ships under aeo_mra/schemas/answers/.
ANSWERS = {
    ("check", "US", "--on", "2021-06-01", "--role", "importer"): "check",
    ("check-foreign", "JP", "AEO", "--on", "2021-06-01"): "check_foreign",
    ("list", "--on", "2016-01-01", "--basis", "implemented"): "arrangements",
    ("show", "HK"): "arrangement",
    ("timeline",): "timeline",
    ("summary", "--on", "2021-08-31"): "summary",
    ("code", "SG123456789012", "--on", "2017-01-01"): "code",
    ("code", "AEOCN0123456789"): "code",
    ("measures", "--on", "2019-06-01", "--tier", "general_certified"): "measures",
    ("compare-tiers", "advanced_certified", "regular", "--where", "Shenyang"): "measures_compare",
    ("aeo-counts", "national", "--until", "2021-01-01"): "aeo_counts",
    ("measure-changes", "2021-10-31", "2021-11-01", "--where", "Shenyang"): "measures_changes",
    ("world", "check", "CN", "US", "--on", "2020-01-01"): "world_check",
    ("world", "partners", "KR"): "world_partners",
    ("world", "summary", "EU"): "world_summary",
    ("world", "recognisers", "EU/AEOS"): "world_recognisers",
    ("world", "recognisers", "EU/AEOS", "--role", "importer"): "world_recognisers",
    ("world", "show", "jp-eu"): "world_arrangement",
    ("world", "show", "AAMRA"): "world_arrangement",
}  # fmt: skip


@pytest.mark.parametrize("args", list(ANSWERS), ids=" ".join)
def test_json_validates_against_its_shipped_schema(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    from importlib import resources

    import jsonschema

    _, out, _ = call(capsys, *args, "--json")
    path = resources.files("aeo_mra") / "schemas" / "answers" / f"{ANSWERS[args]}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(out))


def test_diff_json_validates_against_its_shipped_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from importlib import resources

    import jsonschema

    bundled = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"
    old = tmp_path / "old.toml"
    text = bundled.read_text("utf-8")
    found = re.search(r"implemented = \{ date = (\d{4}-\d\d-\d\d)", text)
    assert found is not None
    later = date.fromisoformat(found[1]) + timedelta(days=1)  # an answer changes that day
    old.write_text(text[: found.start(1)] + later.isoformat() + text[found.end(1) :], "utf-8")
    _, out, _ = call(capsys, "diff", str(old), "--json")
    data = json.loads(out)
    assert data["facts"]
    assert data["answers"]
    path = resources.files("aeo_mra") / "schemas" / "answers" / "diff.schema.json"
    jsonschema.Draft202012Validator(json.loads(path.read_text("utf-8"))).validate(data)


@pytest.mark.parametrize(
    "args",
    [
        ("measures", "--where", "Dalian"),  # read by the fast path
        ("measures", "--tier", "aa", "--on", "2022-01-01", "--json"),
        ("measures", "--on=2022-13-01"),  # argparse's own error
        ("check", "Germny"),
    ],
)
def test_every_bad_input_error_names_the_command(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    status, out, err = call(capsys, *args)
    assert (status, out) == (cli.EXIT_BAD_INPUT, "")
    assert err.startswith(f"aeo-mra {args[0]}: error: "), err


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["code", "SG123456789012"],
        ["world", "partners", "CN"],
        ["world", "summary"],
        ["world", "recognisers", "EU/AEOS"],
        ["check", "DE"],
        ["world", "check", "KR", "US"],
    ],
    ids=" ".join,
)
def test_a_day_after_the_data_s_review_is_said_to_be_so(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    reviewed = aeo_mra._default().reviewed
    later = reviewed + timedelta(days=400)
    warning = f"The data was last reviewed on {reviewed}; this answer for {later} does not"
    _, out, _ = call(capsys, *args, "--on", later.isoformat())
    assert warning in out
    _, out, _ = call(capsys, *args, "--on", reviewed.isoformat())
    assert "does not reflect later changes" not in out
