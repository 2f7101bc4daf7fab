"""Loading datasets: a broken file yields one error listing every problem with its place."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from edited import eu_a_year_later
from hypothesis import given, settings
from hypothesis import strategies as st

import aeo_mra
from aeo_mra import DataError, Registry, Tier
from aeo_mra._loader import parse

BUNDLED = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"


def tomli_w_dumps(value: dict[str, Any]) -> str:
    """Just enough of a TOML writer for the fuzz test (tables, arrays, scalars)."""
    return "\n".join(_toml_table(value, ()))


def _toml_value(value: Any) -> str:
    if value is None:
        raise TypeError("TOML has no null")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if not isinstance(value, date) else value.isoformat()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


def _toml_key(key: str) -> str:
    return '"' + key.replace('"', '\\"') + '"'


def _toml_table(table: dict[str, Any], path: tuple[str, ...]) -> list[str]:
    lines = [
        f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items() if not isinstance(v, dict)
    ]
    for key, value in table.items():
        if isinstance(value, dict):
            name = ".".join(_toml_key(p) for p in (*path, key))
            lines += [f"[{name}]", *_toml_table(value, (*path, key))]
    return lines


# The fields of a record that are right, wherever a broken record needs them.
VALID_REST = """\
scope = { value = "imports", confidence = "high", sources = ["a"] }
china_tiers = { value = ["ADVANCED_CERTIFIED"], confidence = "high", sources = ["a"] }
partner_programme = { value = "P", confidence = "high", sources = ["a"] }
partner_tiers = [{ code = "AEO", name = "AEO", recognised = true }]
benefits = { value = [], confidence = "low", sources = ["a"] }
"""

BROKEN = """
[meta]
schema = 2
version = "test"
reviewed = 2026-01-01

[sources.a]
title = "A source"
kind = "announcement"
urls = ["https://example.org/a"]

[sources.b]
kind = "rumour"

[tiers.AA]
since = 2000-01-01
until = 2014-11-30
sources = ["a"]
default = true

[tiers.ADVANCED_CERTIFIED]
since = 2014-12-01
until = 2026-03-31
sources = ["a"]
default = true

[[declaration_rule]]
field = "remarks"
form = "AEO<{cod}>"
sources = ["a"]

[aliases]
"UK" = "ZZ"
"" = "GB"
"uk" = "DE"
" U.K. " = "FR"

[[arrangement]]
id = "XX"
partner = "Nowhere"
partner_zh = "无"
kind = "country"
instrument = "treaty"
colour = "blue"
members = ["DE", "DE"]
signed = { date = "2019-13", confidence = "high", sources = ["a"] }
implemented = { date = 2010-01-01, confidence = "high", sources = ["missing"] }
scope = { value = "imports", confidence = "sure", sources = ["a"] }
china_tiers = { value = ["ADVANCED_CERTIFIED"], confidence = "high", sources = [] }
partner_programme = { value = "P", confidence = "high", sources = ["a"] }
partner_tiers = [{ code = "AEO", name = "AEO", recognised = true }]
benefits = { value = ["free-lunch"], confidence = "high", sources = ["a"] }

[[arrangement]]
id = "YY"
partner = "Somewhere"
partner_zh = "某地"
kind = "union"
instrument = "arrangement"
members = ["FR", "GB"]
leaves = [{ code = "GB", last_day = 2010-01-01, confidence = "high", sources = ["a"] }]
signed = { date = 2015-01-01, confidence = "high", sources = ["a"] }
implemented = { date = 2014-01-01, confidence = "high", sources = ["a"] }
<valid rest of a record>

[[arrangement]]
id = "YY"
partner = "Twice"
partner_zh = "二"
kind = "country"
instrument = "arrangement"
members = ["FR"]
signed = { date = 2016-01-01, confidence = "high", sources = ["a"] }
implemented = { earliest = 2016-02-01, confidence = "low", inferred = true, sources = ["a"] }
<valid rest of a record>

[[arrangement]]
id = "ZZ"
partner = "Elsewhere"
partner_zh = "别处"
kind = "union"
instrument = "arrangement"
members = ["IT", "ZZ", "CN"]
joins = [
  { code = "IT", first_day = "soon", confidence = "high", sources = ["a"] },
  { code = "ZZ", first_day = 2016-01-01, confidence = "x", sources = ["a"] },
]
signed = { date = 2015-01-01, confidence = "high", sources = ["a"] }
<valid rest of a record>
""".replace("<valid rest of a record>\n", VALID_REST)

EXPECTED = [
    "arrangement XX: unknown field 'colour'",
    "source b: missing field 'title'",
    "source b.kind: 'rumour' is not one of",
    "source b: missing field 'urls'",
    "tiers: no default tier before 2000-01-01",
    "tiers: no default tier after 2026-03-31",
    "declaration_rule[1].form: 'AEO<{cod}>' is not a form",
    "declaration_rule: no declaration rule is given",
    "aliases.UK: 'ZZ' is not an ISO 3166-1 alpha-2 code",
    "aliases.: is empty once spaces and punctuation are dropped",
    "aliases. U.K. : reads as 'UK'",
    "arrangement ZZ.members: 'ZZ' is not an ISO 3166-1 alpha-2 code",
    "arrangement ZZ.members: 'CN' is China itself, not a partner",
    "arrangement ZZ.joins[1]",
    "arrangement ZZ.joins[2].confidence: 'x' is not one of",
    "arrangement XX.instrument: 'treaty' is not one of",
    "arrangement XX.signed: '2019-13' has no month 13",
    "arrangement XX.implemented.sources: cites unknown source(s) missing",
    "arrangement XX.scope.confidence: 'sure' is not one of",
    "arrangement XX.china_tiers.sources: cites no source",
    "arrangement XX.benefits.value: 'free-lunch' is not one of",
    "arrangement XX.members: needs at least one territory, each once",
    "arrangement YY.implemented: 2014-01-01 is before it was signed",
    "arrangement YY.leaves: GB's last_day 2010-01-01 is before it was signed (2015-01-01)",
    "arrangement YY: duplicate id",
    "arrangement YY.implemented: give a 'date' or a 'latest' day",
    "arrangement YY: covers FR from 2016-01-01 while arrangement YY still does",
    "tiers: tier GENERAL_CERTIFIED has no period",
]


def test_a_broken_file_lists_every_problem_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataError) as error:
        aeo_mra.load(path)
    problems = error.value.problems
    for expected in EXPECTED:
        assert any(expected in p for p in problems), expected
    assert all(p.startswith(f"{path}: ") for p in problems)
    assert isinstance(error.value, ValueError)


def test_not_utf8_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        BUNDLED.read_text(encoding="utf-8").replace("中国", "").encode("latin-1", "replace")
        + b"\xff"
    )
    with pytest.raises(DataError, match=f"{path}: not UTF-8 text"):
        aeo_mra.load(path)


def test_not_toml_is_a_data_error() -> None:
    with pytest.raises(DataError, match="not valid TOML"):
        parse("[meta\n", "x.toml")


def test_a_custom_dataset_is_independent_of_the_bundled_one(tmp_path: Path) -> None:
    text = eu_a_year_later().replace('version = "', 'version = "custom-', 1)
    path = tmp_path / "custom.toml"
    path.write_text(text, encoding="utf-8")
    custom = aeo_mra.load(path)
    assert isinstance(custom, Registry)
    assert custom.version.startswith("custom-")
    day = date(2015, 12, 1)
    assert not custom.check("DE", on=day).qualifies
    assert aeo_mra.check("DE", on=day).qualifies
    assert custom.version != aeo_mra.DATA_VERSION


def test_the_bundled_file_passes_the_same_validation() -> None:
    dataset = parse(BUNDLED.read_text(encoding="utf-8"), str(BUNDLED))
    assert dataset.arrangements == aeo_mra._default().dataset.arrangements


_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.dates(),
    st.lists(st.text(max_size=5), max_size=3),
)  # fmt: skip


@settings(max_examples=60)
@given(st.data())
def test_random_damage_to_the_dataset_is_reported_never_crashes(data: st.DataObject) -> None:
    """Replace one random value of the bundled data: parse succeeds or raises DataError."""
    raw = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    target: Any = raw
    while isinstance(target, dict | list) and target:
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = data.draw(st.sampled_from(keys))
        if not isinstance(target[key], dict | list) or data.draw(st.booleans()):
            target[key] = data.draw(_LEAVES)
            break
        target = target[key]
    try:
        text = tomli_w_dumps(raw)
    except TypeError:
        return  # a None leaf cannot be written as TOML
    problems: tuple[str, ...] = ("damaged.toml: (parsed)",)
    try:
        parse(text, "damaged.toml")
    except DataError as error:
        problems = error.problems
    assert problems
    assert all(p.startswith("damaged.toml: ") for p in problems)


def _with_format(code_format: str) -> str:
    """The bundled file with Israel's code format replaced."""
    text = BUNDLED.read_text(encoding="utf-8")
    start = text.index("code_format = ", text.index('id = "IL"'))
    end = text.index("\n", start)
    return text[:start] + f"code_format = {code_format}" + text[end:]


BARE_IL = (
    '{ pattern = "[0-9]{9}", prefix = "%s", example = "123456789", description = "d", '
    'confidence = "high", sources = ["gacc-2018-116"] }'
)


def test_a_pattern_says_what_it_covers_and_the_example_must_agree() -> None:
    """A bare example no longer makes a pattern prefix-less: the prefix is stated."""
    with pytest.raises(DataError, match=r"IL\.code_format\.example: '123456789' does not begin"):
        parse(_with_format(BARE_IL % "included"))
    with pytest.raises(DataError, match=r"IL\.code_format\.prefix: 'codes' is not one of"):
        parse(_with_format(BARE_IL % "codes"))
    loaded = parse(_with_format(BARE_IL % "none"))
    code_format = next(a for a in loaded.arrangements if a.id == "IL").code_format
    assert code_format is not None
    assert code_format.value.prefix is aeo_mra.CodePrefix.NONE


def test_codes_without_a_place_code_must_not_overlap() -> None:
    """Hong Kong's 15 digits and a 13-to-16-digit bare format could read the same code."""
    overlapping = BARE_IL.replace("[0-9]{9}", "[0-9]{13,16}").replace(
        '"123456789"', '"1234567890123"'
    )
    with pytest.raises(DataError, match="formats with prefix 'none' must differ in length"):
        parse(_with_format(overlapping % "none"))


def test_a_bare_format_needs_an_arrangement_of_one_member() -> None:
    with pytest.raises(DataError, match="'none' is for an arrangement with one member"):
        parse(_with_format(BARE_IL % "none").replace('members = ["IL"]', 'members = ["IL", "PS"]'))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("[tiers.AA]\nuntil = 2014-11-30", "[tiers.AA]\nuntil = 2014-11-29",
         "no default tier from 2014-11-30 to 2014-12-01"),
        ("[tiers.AA]\nuntil = 2014-11-30", "[tiers.AA]\nuntil = 2014-12-01",
         "two default tier periods overlap from 2014-12-01"),
        ('since = 2026-04-01\nsources = ["decree-282"]\n',
         'since = 2026-04-01\nsources = ["decree-282"]\ndefault = true\n',
         "two default tier periods overlap from 2026-04-01"),
        ("field = \"remarks\"\nform = \"AEO<{code}>\"\nuntil = 2018-10-31",
         "field = \"remarks\"\nform = \"AEO<{code}>\"\nuntil = 2018-10-30",
         "no declaration rule from 2018-10-31 to 2018-11-01"),
        ('form = "{place}{number}"', 'form = "{place}{number!r}"', "is not a form"),
    ],
)  # fmt: skip
def test_rules_over_time_cover_every_day_once(old: str, new: str, problem: str) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(DataError, match=re.escape(problem)):
        parse(text.replace(old, new, 1))


def test_the_tiers_counted_as_aeos() -> None:
    """The default tier of each day, and those marked ``aeo``: certified enterprises."""
    text = BUNDLED.read_text(encoding="utf-8")
    tiers = parse(text).tiers
    aeo = ["AA", "ADVANCED_CERTIFIED", "GENERAL_CERTIFIED", "CERTIFIED"]
    assert [t.name for t, p in tiers.items() if p.aeo] == aeo
    unmarked = text.replace('sources = ["decree-282"]\naeo = true\n', 'sources = ["decree-282"]\n')
    assert not parse(unmarked).tiers[Tier.CERTIFIED].aeo
    with pytest.raises(DataError, match="tier CERTIFIED"):
        parse(text.replace('["decree-282"]\naeo = true', '["decree-282"]\naeo = "yes"', 1))
    with pytest.raises(DataError, match="tier ADVANCED_CERTIFIED: aeo = false on a default tier"):
        parse(text.replace("default = true\n", "default = true\naeo = false\n"))


SG_CHINA_TIERS = 'value = ["AA", "ADVANCED_CERTIFIED"], confidence = "high"'


@pytest.mark.parametrize(
    ("new", "problem"),
    [
        ('value = ["AAA", "ADVANCED_CERTIFIED"], confidence = "high"',
         "value: 'AAA' is not one of AA, A, B, C, D, ADVANCED_CERTIFIED,"),
        ('value = ["aa", "ADVANCED_CERTIFIED"], confidence = "high"',
         "value: 'aa' is not one of AA, A, B, C, D, ADVANCED_CERTIFIED, GENERAL_CERTIFIED, "
         "GENERAL_CREDIT, DISCREDITED, CERTIFIED, REGULAR, SERIOUSLY_DISCREDITED; write 'AA'"),
        ('value = ["AA", "ADVANCED_CERTIFIED"], confidence = "HIGH"',
         "confidence: 'HIGH' is not one of low, medium, high; write 'high'"),
    ],
)  # fmt: skip
def test_a_vocabulary_value_is_read_only_as_the_schema_spells_it(new: str, problem: str) -> None:
    """Tiers by name (``AA``), confidence in lower case: another case is refused, and the
    message lists the values as the file writes them."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert SG_CHINA_TIERS in text
    with pytest.raises(DataError, match=re.escape(f"china_tiers.{problem}")) as error:
        parse(text.replace(SG_CHINA_TIERS, new, 1))
    assert len(error.value.problems) == 1


BAD_SOURCE_FIELDS = {
    "urls": ('urls = ["notaurl"]', "needs at least one http(s) URL; bad: ['notaurl']"),
    "kind": ('kind = "rumour"', "'rumour' is not one of announcement, legal-text, official"),
}


def break_source(text: str, key: str, field: str) -> tuple[str, str]:
    """``text`` with source ``key``'s ``field`` made unreadable, and the problem's start."""
    line, problem = BAD_SOURCE_FIELDS[field]
    start = text.index(f"{field} = ", text.index(f"[sources.{key}]\n"))
    broken = text[:start] + line + text[text.index("\n", start) :]
    return broken, f"source {key}.{field}: {problem}"


def assert_one_problem(path: Path, load: Callable[[Path], object], key: str, field: str) -> None:
    """``load`` of the file at ``path`` with source ``key``'s ``field`` broken reports that
    problem alone."""
    broken, problem = break_source(path.read_text(encoding="utf-8"), key, field)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(path)
    [only] = raised.value.problems
    assert only.startswith(f"{path}: {problem}")


def test_a_broken_source_is_one_problem_not_one_per_citer() -> None:
    """The facts citing a source that cannot be read are not reported as citing an unknown
    source, nor are the tiers they leave unread reported as missing."""
    broken, _ = break_source(BUNDLED.read_text(encoding="utf-8"), "decree-225", "urls")
    assert broken.count('"decree-225"') > 5  # cited by many records
    with pytest.raises(DataError) as error:
        parse(broken)
    assert error.value.problems == (
        "<dataset>: source decree-225.urls: needs at least one http(s) URL; bad: ['notaurl']",
    )
