"""Reads are bounded: a dataset file is refused fast, with a short report, whatever it holds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import aeo_mra
import aeo_mra.home
import aeo_mra.world
from aeo_mra import DataError, Registry, _limits
from aeo_mra._loader import parse

BUNDLED_TEXT = (Path(aeo_mra.__file__).parent / "data" / "arrangements.toml").read_text(
    encoding="utf-8"
)


def _refused(text: str) -> DataError:
    with pytest.raises(DataError) as error:
        parse(text, "x.toml")
    assert len(str(error.value)) < 20_000
    return error.value


# -- what is read --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [0, 1, 2.5, b"x.toml", None, ["x.toml"]])
def test_load_refuses_a_path_of_the_wrong_type_before_any_io(path: object) -> None:
    code = (
        "import os, sys, aeo_mra\n"
        f"try:\n    aeo_mra.load({path!r})\nexcept TypeError as error:\n"
        "    assert 'path' in str(error), error\nelse:\n    sys.exit('no TypeError')\n"
        "os.fstat(0); os.fstat(1); print('intact')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input="[meta]\n",
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "intact"), done.stderr


@pytest.mark.parametrize("dataset", ["file.toml", Path("file.toml"), 3])
def test_a_registry_of_something_not_a_dataset_is_refused_at_construction(
    dataset: object,
) -> None:
    with pytest.raises(TypeError, match="load"):
        Registry(dataset)  # type: ignore[arg-type]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "data.toml"
    os.mkfifo(fifo)
    code = (
        f"import aeo_mra\ntry:\n    aeo_mra.load({str(fifo)!r})\n"
        "except aeo_mra.DataError as e:\n    print(e)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", timeout=30, check=False
    )
    assert "not a regular file" in done.stdout, done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused() -> None:
    with pytest.raises(DataError, match="not a regular file"):
        aeo_mra.load("/dev/zero")


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as file:
        file.truncate(_limits.MAX_FILE_BYTES + 1)
    with pytest.raises(DataError, match="larger than"):
        aeo_mra.load(path)


# -- what the file holds -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["[" * 1000 + "]" * 1000, "{a = " * 1000 + "1" + "}" * 1000,
     "[" * 40 + "]" * 40, "{a = " * 40 + "1" + "}" * 40],
    ids=["arrays 1000 deep", "tables 1000 deep", "arrays 40 deep", "tables 40 deep"],
)  # fmt: skip
def test_deep_nesting_is_a_data_error_naming_the_field(value: str) -> None:
    error = _refused(BUNDLED_TEXT.replace("[meta]\n", f"[meta]\nnest = {value}\n", 1))
    assert "nest" in str(error)
    assert "deep" in str(error)


def test_a_string_over_the_limit_is_refused_naming_the_field() -> None:
    long = "x" * (_limits.MAX_STRING + 1)
    error = _refused(BUNDLED_TEXT.replace("[meta]\n", f'[meta]\nnote = "{long}"\n', 1))
    assert "meta.note" in str(error)


def test_too_many_records_are_refused_naming_the_table() -> None:
    aliases = "".join(f'"alias {i}" = "DE"\n' for i in range(_limits.MAX_RECORDS + 1))
    error = _refused(BUNDLED_TEXT.replace("[aliases]\n", "[aliases]\n" + aliases, 1))
    assert "aliases" in str(error)
    assert str(_limits.MAX_RECORDS) in str(error).replace(",", "")


def test_a_long_report_is_cut_and_says_how_much() -> None:
    aliases = "".join(f'"bad alias {i}" = "Z{i}"\n' for i in range(1000))
    error = _refused(BUNDLED_TEXT.replace("[aliases]\n", "[aliases]\n" + aliases, 1))
    assert len(error.problems) == _limits.MAX_PROBLEMS
    assert error.more == 1000 - _limits.MAX_PROBLEMS
    assert f"and {error.more} more" in str(error)


def test_a_long_problem_is_cut() -> None:
    error = _refused(BUNDLED_TEXT.replace("[meta]\n", "[meta]\n" + "x" * 5000 + " = 1\n", 1))
    assert all(len(p) <= _limits.MAX_PROBLEM_CHARS for p in error.problems)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_beyond_the_range_is_a_data_error(day: str) -> None:
    tier = "[tiers.ADVANCED_CERTIFIED]\nsince = 2014-12-01\n"
    text = BUNDLED_TEXT.replace(tier, f"{tier}until = {day}\n")
    error = _refused(text)
    assert "tier ADVANCED_CERTIFIED" in str(error)
    assert "2999-12-31" in str(error)


def test_the_security_page_states_every_limit() -> None:
    from aeo_mra import _patterns, registry, world

    page = (Path(__file__).parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"| Dataset file size | {_limits.MAX_FILE_BYTES // 2**20} MiB |" in page
    stated = {
        "Nesting of arrays and tables": _limits.MAX_DEPTH,
        "Entries of one table or array": _limits.MAX_RECORDS,
        "Length of a string in a dataset": _limits.MAX_STRING,
        "Problems a `DataError` lists": _limits.MAX_PROBLEMS,
        "Length of a code format's pattern": _patterns.MAX_PATTERN,
        "Repetition count in a pattern": _patterns.MAX_REPEAT,
        "Ways a pattern can match one code": _patterns.MAX_WAYS,
        "Length of a place string": _limits.MAX_PLACE,
        "Length of an AEO code, as written": _limits.MAX_CODE,
    }
    for label, value in stated.items():
        assert f"| {label} | {value:,}" in page, label
    world_holder = f"| Length of a holder (`aeo_mra.world`) | {_limits.MAX_PLACE} characters"
    assert f"{world_holder}, cut into an administration and a tier at its first " in page
    assert f" first {world._names.MAX_SPLITS} separators only |" in page
    assert f"{_limits.EARLIEST_DAY} to {_limits.LATEST_DAY}" in page
    assert f"{_limits.MAX_PROBLEM_CHARS} characters" in page
    assert f"answers: {registry._CACHE_LIMIT:,} together" in page
    assert f"place strings of {_limits.MAX_CACHED_KEY} characters or fewer" in page
    assert f"unknown names: {_limits.MAX_SUGGESTED:,}" in page


def test_a_directory_is_refused_by_its_path(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=f"{re.escape(str(tmp_path))}: not a regular file"):
        aeo_mra.load(tmp_path)


# The loaders of the world data and of the measures read their files as `load` does.
OTHER_LOADERS = [aeo_mra.world.load, aeo_mra.home.Measures.from_file]


@pytest.mark.parametrize("loader", OTHER_LOADERS, ids=lambda f: f.__qualname__)
def test_every_loader_refuses_what_load_refuses(loader: Any, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=f"{re.escape(str(tmp_path))}: not a regular file"):
        loader(tmp_path)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("[meta]\nnote = 'caf\u00e9'\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8 text"):
        loader(latin)
    with pytest.raises(TypeError, match="path"):
        loader(0)
    large = tmp_path / "large.toml"
    with large.open("wb") as file:
        file.truncate(_limits.MAX_FILE_BYTES + 1)
    with pytest.raises(DataError, match="larger than the limit"):
        loader(large)
