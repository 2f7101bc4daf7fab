"""The compiled forms of the bundled data: equal to what they are derived from, and ignored
when stale."""

from __future__ import annotations

import marshal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
import pytest

from aeo_mra import Registry, _compiled, places
from aeo_mra import registry as registry_module
from aeo_mra._loader import parse
from aeo_mra.model import Dataset, Source
from aeo_mra.world import WorldDataset
from aeo_mra.world._load import parse as parse_world

TOML = Path(_compiled.TOML).read_bytes()
WORLD_TOML = Path(_compiled.WORLD_TOML).read_bytes()


def _parsed() -> object:
    return parse(TOML.decode("utf-8"), "aeo_mra/data/arrangements.toml")


def test_the_compiled_dataset_is_the_validated_toml() -> None:
    compiled = _compiled.load_dataset(TOML)
    assert compiled is not None, "stale: run python scripts/regenerate.py"
    assert compiled == _parsed()
    # repr shows what == forgives: an IntEnum read back as an int, a dict for a mapping proxy
    assert repr(compiled) == repr(_parsed())


def test_the_compiled_dataset_shares_each_source() -> None:
    compiled = _compiled.load_dataset(TOML)
    assert compiled is not None
    for arrangement in compiled.arrangements:
        for source in arrangement.sources:
            assert source is compiled.sources[source.id]


def _rewritten(tmp_path: Path, path: str, change: dict[str, object]) -> str:
    key, body = marshal.loads(Path(path).read_bytes())
    copy = tmp_path / Path(path).name
    copy.write_bytes(marshal.dumps(({**key, **change}, body), _compiled.MARSHAL_VERSION))
    return str(copy)


def _unreadable(tmp_path: Path, path: str) -> list[str]:
    """Copies of a compiled file that cannot be read: cut short, and of a type code no
    version of marshal knows (as a format newer than this Python's would be)."""
    content = Path(path).read_bytes()
    short, unknown = tmp_path / "short", tmp_path / "unknown"
    short.write_bytes(content[: len(content) // 2])
    unknown.write_bytes(b"\x00" + content[1:])
    return [str(short), str(unknown)]


def test_a_compiled_file_that_cannot_be_read_is_passed_over(tmp_path: Path) -> None:
    for path in _unreadable(tmp_path, _compiled.DATASET):
        assert _compiled.load_dataset(TOML, path) is None
    for path in _unreadable(tmp_path, _compiled.WORLD):
        assert _compiled_world(path=path) is None
    for path in _unreadable(tmp_path, _compiled.PLACES):
        assert _compiled.load_places(path) is None


@pytest.mark.parametrize(
    "change", [{"toml_crc32": 0}, {"toml_bytes": 1}, {"data_version": "1999.1.1"},
               {"fields_crc32": 0}],
)  # fmt: skip
def test_a_stale_compiled_dataset_is_ignored(tmp_path: Path, change: dict[str, object]) -> None:
    assert _compiled.load_dataset(TOML, _rewritten(tmp_path, _compiled.DATASET, {})) is not None
    assert _compiled.load_dataset(TOML, _rewritten(tmp_path, _compiled.DATASET, change)) is None


def test_a_changed_toml_makes_the_compiled_dataset_stale() -> None:
    edited = TOML.replace(b"AEO", b"AEX", 1)
    assert _compiled.load_dataset(edited) is None


def test_without_a_current_compiled_dataset_the_toml_is_parsed_and_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = _rewritten(tmp_path, _compiled.DATASET, {"toml_crc32": 0})
    monkeypatch.setattr(_compiled, "DATASET", stale)
    calls = []
    monkeypatch.setattr("aeo_mra._loader.parse", lambda *args: calls.append(args) or parse(*args))
    assert Registry.bundled().dataset == _parsed()
    assert len(calls) == 1
    monkeypatch.setattr(_compiled, "DATASET", str(tmp_path / "missing"))
    assert registry_module._read_bundled() == _parsed()
    assert len(calls) == 2


def _world_parsed() -> WorldDataset:
    return parse_world(WORLD_TOML.decode("utf-8"), Registry.bundled().dataset)


def _compiled_world(
    toml: bytes = WORLD_TOML, path: str | None = None, china: Dataset | None = None
) -> WorldDataset | None:
    china = china or Registry.bundled().dataset
    key = _compiled.dataset_key(TOML, china.version)
    return _compiled.load_world(toml, china, key, path)


def test_the_compiled_world_data_is_the_validated_toml() -> None:
    compiled = _compiled_world()
    assert compiled is not None, "stale: run python scripts/regenerate.py"
    assert compiled == _world_parsed()
    assert repr(compiled) == repr(_world_parsed())


def _cited(value: object) -> Iterator[Source]:
    """Every source a record cites, and those of the records it holds."""
    if isinstance(value, Source):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _cited(getattr(value, field.name))
    elif isinstance(value, tuple | Mapping):
        for item in value.values() if isinstance(value, Mapping) else value:
            yield from _cited(item)


def test_the_compiled_world_data_cites_the_china_dataset_s_own_sources() -> None:
    china = Registry.bundled().dataset
    compiled = _compiled_world(china=china)
    assert compiled is not None
    shared = [s for s in _cited(compiled) if s.id in china.sources]
    assert shared, "the world data cites some of the China dataset's sources"
    assert all(s is china.sources[s.id] for s in shared)


@pytest.mark.parametrize(
    "change", [{"toml_crc32": 0}, {"toml_bytes": 1}, {"fields_crc32": 0}, {"format": 1},
               {"china": {"toml_crc32": 0}}],
)  # fmt: skip
def test_a_stale_compiled_world_is_ignored(tmp_path: Path, change: dict[str, object]) -> None:
    assert _compiled_world(path=_rewritten(tmp_path, _compiled.WORLD, {})) is not None
    assert _compiled_world(path=_rewritten(tmp_path, _compiled.WORLD, change)) is None
    assert _compiled_world(WORLD_TOML.replace(b"AEO", b"AEX", 1)) is None


def test_the_compiled_world_serves_only_the_bundled_china_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = []
    load_world = _compiled.load_world
    monkeypatch.setattr(_compiled, "load_world", lambda *a: read.append(a) or load_world(*a))
    bundled = Registry.bundled().world()
    assert len(read) == 1
    assert bundled.data == _world_parsed()
    copy = tmp_path / "arrangements.toml"
    copy.write_bytes(TOML)
    own = Registry.from_file(copy).world()  # validated against it, as a stranger's
    assert len(read) == 1
    assert own.data == bundled.data


def test_the_compiled_place_index_is_the_live_one() -> None:
    compiled = _compiled.load_places()
    assert compiled is not None, "stale: run python scripts/regenerate.py"
    assert compiled == places.live_index()


def test_a_compiled_place_index_of_other_pycountry_files_is_ignored(tmp_path: Path) -> None:
    assert _compiled.load_places(_rewritten(tmp_path, _compiled.PLACES, {})) is not None
    other = _rewritten(tmp_path, _compiled.PLACES, {"pycountry_crc32": 1})
    assert _compiled.load_places(other) is None


def test_a_place_index_without_pycountry_files_falls_back_to_pycountry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_compiled, "PYCOUNTRY_INPUTS", (("databases", "missing.json"),))
    assert _compiled.places_key() is None
    assert _compiled.load_places() is None


def test_answers_need_neither_pycountry_nor_tomllib_nor_argparse_nor_json() -> None:
    code = (
        "import contextlib, io, sys, aeo_mra, aeo_mra.cli; "
        "[aeo_mra.check(p) for p in ('DE', 'Germany', '德国', '韓國', 'UK', 276)]; "
        "out = io.StringIO(); sys.stdout, real = out, sys.stdout; "
        "aeo_mra.cli.main(['check', 'DE']); sys.stdout = real; "
        "heavy = {'pycountry', 'tomllib', 'argparse', 'shutil', 'json', 'aeo_mra.world'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_json_answers_about_china_load_no_other_module() -> None:
    code = (
        "import io, sys, aeo_mra.cli; "
        "out = io.StringIO(); sys.stdout, real = out, sys.stdout; "
        "[aeo_mra.cli.main([*line, '--json']) for line in (['check', 'DE'], ['summary'])]; "
        "sys.stdout = real; "
        "other = {'aeo_mra.world', 'aeo_mra.home', 'aeo_mra.codes', 'aeo_mra._jsonschema'}; "
        "print(sorted(other & set(sys.modules)), out.getvalue().count('explanation'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "1"]


def test_world_records_convert_after_china_ones() -> None:
    # the conversion rules first used without the world's records still convert them after
    code = (
        "import aeo_mra; aeo_mra.to_dict(aeo_mra.check('DE')); "
        "from aeo_mra import world; data = aeo_mra.to_dict(world.check('KR', 'JP')); "
        "print(type(data['arrangement']).__name__, 'explanation' in data)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["str", "True"]


def test_world_answers_need_neither_pycountry_nor_tomllib() -> None:
    code = (
        "import sys; from aeo_mra import world; world.check('KR', 'Japan'); "
        "print(sorted({'pycountry', 'tomllib'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
