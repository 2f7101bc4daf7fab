"""Errors that travel: every public exception survives pickle with its attributes and notes."""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import aeo_mra
from aeo_mra import Tier, codes

BUNDLED = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"


def _raised(call: Callable[[], object]) -> aeo_mra.Error:
    with pytest.raises(aeo_mra.Error) as caught:
        call()
    return caught.value


RAISERS: dict[str, Callable[[], object]] = {
    "UnknownPlaceError": lambda: aeo_mra.check("Germny"),
    "DomesticPlaceError": lambda: aeo_mra.check("China"),
    "UnknownArrangementError": lambda: aeo_mra.arrangement("XX"),
    "UnknownPartnerTierError": lambda: aeo_mra.check_foreign("France", "gold"),
    "TierNotInForceError": lambda: aeo_mra.check("DE", on=date(2020, 1, 1), tier=Tier.AA),
    "DataError": lambda: aeo_mra._loader.parse("[meta\n", "x.toml"),
    "InvalidFormat": lambda: codes.validate("SG12345678901X"),
    "InvalidLength": lambda: codes.validate("SG12345"),
    "UnknownPrefix": lambda: codes.validate("SG123456789012", on=date(2000, 1, 1)),
    "NotDeclarable": lambda: codes.declaration("AEOCN0123456789", date(2020, 1, 1)),
    "check_many row note": lambda: aeo_mra.check_many(["DE", "Atlantis"]),
    "MissingDateError": lambda: aeo_mra.check_many(["DE", "FR"], [date(2020, 1, 1), None]),
    "MissingPlaceError": lambda: aeo_mra.check_many(["DE", None]),  # type: ignore[list-item]
    "ColumnError": lambda: aeo_mra.check_frame(_frame(), place="to"),
}


def _frame() -> object:
    import pandas as pd

    return pd.DataFrame({"place": ["DE"]})


def _public_error_types() -> set[type[BaseException]]:
    found = set()
    for module in (aeo_mra.errors, codes):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and issubclass(value, aeo_mra.Error):
                found.add(value)
    return found


@pytest.mark.parametrize("case", RAISERS)
def test_an_error_survives_pickle_with_its_attributes(case: str) -> None:
    error = _raised(RAISERS[case])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)  # place, suggestions, problems, notes …


def test_every_public_error_type_is_tested_for_pickling() -> None:
    raised = {type(_raised(call)) for call in RAISERS.values()}
    assert _public_error_types() - {aeo_mra.Error, codes.InvalidCode} <= raised


def test_the_bundled_functions_run_in_worker_processes_and_their_errors_arrive_whole() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        check = functools.partial(aeo_mra.check, on=date(2020, 1, 1))
        answers = list(pool.map(check, ["DE", "SG"]))
        failed = pool.submit(aeo_mra.resolve, "Germny")
        with pytest.raises(aeo_mra.UnknownPlaceError) as error:
            failed.result(timeout=60)
    assert answers == [aeo_mra.check(p, on=date(2020, 1, 1)) for p in ["DE", "SG"]]
    assert (error.value.place, error.value.suggestions) == ("Germny", ("Germany",))


def test_a_loaded_registry_says_how_to_use_it_in_workers(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(TypeError, match=r"aeo_mra\.load"):
        pickle.dumps(aeo_mra.load(path))


def test_a_registry_of_the_bundled_data_pickles_as_a_reference_to_it() -> None:
    fresh = aeo_mra.Registry.bundled()  # not the module's: caches of its own
    copy = pickle.loads(pickle.dumps(fresh))
    assert copy is not aeo_mra._default()
    assert copy.check("DE", on=date(2020, 1, 1)) == fresh.check("DE", on=date(2020, 1, 1))
    assert pickle.loads(pickle.dumps(aeo_mra._default())) is aeo_mra._default()


@pytest.mark.parametrize("given", ["arrangements.toml", Path("arrangements.toml"), 0, [], {}])
def test_every_registry_argument_refuses_what_is_not_a_registry(given: object) -> None:
    """Each surface taking a registry names the argument and what it takes; a path is
    pointed to aeo_mra.load. None is the bundled data everywhere; 0 is not."""
    import pandas

    from aeo_mra import home, world
    from aeo_mra.mcp_server import create_server
    from aeo_mra.server import create_app

    world_file = Path(aeo_mra.__file__).parent / "data" / "world.toml"
    frame = pandas.DataFrame({"place": ["DE"]})
    for call, name in (
        (lambda: home.Measures.bundled(given), "registry"),
        (lambda: world.load(world_file, given), "china"),
        (lambda: aeo_mra.check_frame(frame, place="place", registry=given), "registry"),
        (lambda: create_app(given), "registry"),
        (lambda: create_server(given), "registry"),
        (lambda: codes.parse("KR123456789012", registry=given), "registry"),
    ):
        with pytest.raises(TypeError, match=f"^{name} must be an aeo_mra.Registry or None") as e:
            call()
        assert ("aeo_mra.load(path)" in str(e.value)) is isinstance(given, str | Path)
    assert home.Measures.bundled(None).registry is aeo_mra._default()


def test_a_registry_keeps_its_world_graph_and_frees_it_with_itself() -> None:
    import gc
    import weakref

    registry = aeo_mra.Registry.bundled()
    graph = registry.world()
    assert registry.world() is graph
    assert graph.check("KR", "JP", on=date(2020, 1, 1)).recognised
    gone = weakref.ref(registry)
    del registry, graph
    gc.collect()
    assert gone() is None


def test_threads_asking_a_new_registry_for_its_world_graph_get_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time
    from concurrent.futures import ThreadPoolExecutor

    from aeo_mra import _compiled

    load_world = _compiled.load_world
    monkeypatch.setattr(_compiled, "load_world", lambda *a: time.sleep(0.05) or load_world(*a))
    registry = aeo_mra.Registry.bundled()
    with ThreadPoolExecutor(4) as pool:
        graphs = list(pool.map(lambda _: registry.world(), range(4)))
    assert all(graph is graphs[0] for graph in graphs)
