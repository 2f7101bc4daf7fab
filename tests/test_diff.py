"""diff: the facts and the answers that change between two datasets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import aeo_mra
from aeo_mra import Reason, Registry, Role, Verdict, cli, diff

SHAPES = Path(__file__).parent / "data" / "shapes.toml"


def _edited(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = SHAPES.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "new.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def old() -> Registry:
    return aeo_mra.load(SHAPES)


def test_the_same_data_has_no_changes(old: Registry) -> None:
    assert diff.facts(old, aeo_mra.load(SHAPES)) == ()
    assert diff.answers(old, aeo_mra.load(SHAPES)) == ()


def test_a_changed_date_shows_as_a_fact_and_as_answers(old: Registry, tmp_path: Path) -> None:
    new = aeo_mra.load(
        _edited(
            tmp_path, ("implemented = { date = 2015-11-01", "implemented = { date = 2016-01-01")
        )
    )
    changes = diff.facts(old, new)
    assert [(c.record, c.field) for c in changes] == [("arrangement UNION", "implemented")]
    assert str(changes[0]).startswith("arrangement UNION: implemented: 2015-11-01 (high; ann)")
    assert "→ 2016-01-01 (high; ann)" in str(changes[0])
    moved = diff.answers(old, new)
    assert moved
    assert {c.old.arrangement.id for c in moved if c.old.arrangement} == {"UNION"}
    assert all(date(2015, 11, 1) <= c.old.on < date(2016, 1, 1) for c in moved)
    first = next(c for c in moved if c.old.place.code == "DE" and c.old.role is Role.EXPORTER)
    assert first.fields == ("verdict", "reason", "benefits")
    assert (first.old.verdict, first.new.reason) == (Verdict.YES, Reason.SIGNED_NOT_IMPLEMENTED)
    assert "was: Yes:" in str(first)
    assert "now: No:" in str(first)


def test_a_tier_counted_as_aeo_shows_as_a_fact(old: Registry, tmp_path: Path) -> None:
    text = SHAPES.read_text(encoding="utf-8")
    tier = next(t for t, p in old.dataset.tiers.items() if not p.aeo)
    assert f"[tiers.{tier.name}]\n" in text
    new = aeo_mra.load(
        _edited(tmp_path, (f"[tiers.{tier.name}]\n", f"[tiers.{tier.name}]\naeo = true\n"))
    )
    (changed,) = diff.facts(old, new)
    assert (changed.record, changed.field, changed.old, changed.new) == (
        f"tier {tier.name}",
        "aeo",
        "False",
        "True",
    )


def test_records_added_and_removed(old: Registry, tmp_path: Path) -> None:
    new = aeo_mra.load(
        _edited(
            tmp_path,
            ('"Testland" = "NZ"', '"Testland" = "AU"'),
            (
                '[sources.totals]\ntitle = "Published totals (test)',
                '[sources.totals]\ntitle = "Totals',
            ),
            ('version = "test-1"', 'version = "test-2"'),
        )
    )
    found = {(c.record, c.field): c for c in diff.facts(old, new)}
    assert found["dataset", "version"].new == "test-2"
    assert (found["alias 'Testland'", "place"].old, found["alias 'Testland'", "place"].new) == (
        "NZ",
        "AU",
    )
    assert found["source totals", "title"].new.startswith("Totals")


def test_chosen_rows_with_role_and_tier(old: Registry, tmp_path: Path) -> None:
    new = aeo_mra.load(_edited(tmp_path, ('value = "imports-and-exports"', 'value = "imports"')))
    rows = [("DE", date(2016, 1, 1)), ("DE", date(2016, 1, 1), Role.IMPORTER)]
    (only,) = diff.answers(old, new, rows)
    assert only.new.reason is Reason.ROLE_OUT_OF_SCOPE
    with pytest.raises(TypeError, match=r"row 0 is not \(place, day"):
        diff.answers(old, new, ["DE"])  # type: ignore[list-item]


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_a_row_without_a_day_is_an_error_never_today(old: Registry, missing: object) -> None:
    rows = [("DE", date(2016, 1, 1)), ("DE", missing)]
    with pytest.raises(aeo_mra.MissingDateError, match="row 1") as raised:
        diff.answers(old, old, rows)  # type: ignore[arg-type]
    assert raised.value.row == 1


def test_a_bad_row_is_named(old: Registry) -> None:
    rows = [("DE", date(2016, 1, 1)), ("Germny", date(2016, 1, 1))]
    with pytest.raises(aeo_mra.UnknownPlaceError) as raised:
        diff.answers(old, old, rows)
    assert raised.value.__notes__ == ["in row 1 of diff.answers: 'Germny'"]
    with pytest.raises(TypeError, match=r"^on must be a datetime\.date, not str") as wrong:
        diff.answers(old, old, [("DE", "2016-01-01")])  # type: ignore[list-item]
    assert wrong.value.__notes__ == ["in row 0 of diff.answers: 'DE'"]
    with pytest.raises(TypeError, match=r"old must be an aeo_mra\.Registry"):
        diff.facts("old.toml", old)  # type: ignore[arg-type]


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _edited(
        tmp_path, ("implemented = { date = 2015-11-01", "implemented = { date = 2016-01-01")
    )
    assert cli.main(["diff", str(SHAPES), str(new), "--json"]) == cli.EXIT_YES
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["old", "new", "facts", "answers"]
    assert data["facts"][0]["record"] == "arrangement UNION"
    assert data["answers"][0]["old"]["verdict"] == "yes"
    assert cli.main(["diff", str(SHAPES), str(new)]) == cli.EXIT_YES
    assert "1 fact changed" in capsys.readouterr().out
    assert cli.main(["diff", str(tmp_path / "missing.toml")]) == cli.EXIT_BAD_INPUT


def test_the_bundled_data_against_an_edited_copy(tmp_path: Path) -> None:
    bundled = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"
    text = bundled.read_text(encoding="utf-8")
    start = text.index('id = "JP"')
    text = text[:start] + text[start:].replace("date = 2019-06-01", "date = 2019-07-01", 1)
    (tmp_path / "copy.toml").write_text(text, encoding="utf-8")
    old, new = aeo_mra.Registry.bundled(), aeo_mra.load(tmp_path / "copy.toml")
    (change,) = diff.facts(old, new)
    assert (change.record, change.field) == ("arrangement JP", "implemented")
    moved = diff.answers(old, new, [("JP", date(2019, 6, 15)), ("JP", date(2019, 7, 1))])
    assert [c.old.on for c in moved] == [date(2019, 6, 15)]
    assert moved[0].new.reason is Reason.SIGNED_NOT_IMPLEMENTED
