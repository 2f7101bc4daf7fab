"""The mkdocs hook: a page's ``<!-- generated: … -->`` markers become content from the data.

The generators are in the ``docs_gen`` package beside this file. mkdocs loads this file by
its path, with its directory on ``sys.path`` only while it runs, so ``docs_gen`` is imported
here; the griffe extension mkdocs.yml names, ``docs_gen.docstrings``, is found through it.
"""

from __future__ import annotations

from typing import Any

from aeo_mra import Registry
from docs_gen.markers import expand

_registry: Registry | None = None


def on_pre_build(config: Any) -> None:
    """Read the bundled data afresh for every build (``mkdocs serve`` rebuilds on change)."""
    global _registry
    _registry = Registry.bundled()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace every ``<!-- generated: name args -->`` marker with what it names."""
    return expand(markdown, _registry or Registry.bundled())
