"""The mkdocs hook: a page's ``<!-- generated: … -->`` markers become content from the data.

The generators are in the ``docs_gen`` package beside this file. mkdocs loads this file by
its path, with its directory on ``sys.path`` only while it runs, so ``docs_gen`` is imported
here; the griffe extension mkdocs.yml names, ``docs_gen.docstrings``, is found through it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aeo_mra import Registry
from docs_gen.checker import checker_data
from docs_gen.markers import expand

_registry: Registry | None = None


def on_pre_build(config: Any) -> None:
    """Read the bundled data afresh for every build (``mkdocs serve`` rebuilds on change)."""
    global _registry
    _registry = Registry.bundled()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace every ``<!-- generated: name args -->`` marker with what it names."""
    return expand(markdown, _registry or Registry.bundled())


_checker: tuple[object, str] | None = None  # (dataset, data): `mkdocs serve` rebuilds often


def on_post_build(config: Any) -> None:
    """Write the checker page's data, the library's answers, beside the page's script."""
    global _checker
    registry = _registry or Registry.bundled()
    if _checker is None or _checker[0] != registry.dataset:
        data = checker_data(registry)
        _checker = (registry.dataset, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    text = _checker[1]
    target = Path(config["site_dir"]) / "javascripts" / "aeo-checker-data.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"window.AEO_CHECKER = {text};\n", encoding="utf-8")
