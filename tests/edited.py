"""The bundled China data's text, edited, for tests that load it as another dataset."""

from __future__ import annotations

from pathlib import Path

import aeo_mra

BUNDLED = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"
EU_IMPLEMENTED = "implemented = { earliest = 2015-11-01, latest = 2015-11-03"


def eu_a_year_later(text: str | None = None) -> str:
    """The data's text (the bundled file's unless given) with the EU arrangement implemented
    a year later than it was."""
    text = BUNDLED.read_text(encoding="utf-8") if text is None else text
    assert text.count(EU_IMPLEMENTED) == 1, "the EU arrangement's implementation moved"
    return text.replace(EU_IMPLEMENTED, EU_IMPLEMENTED.replace("2015", "2016"))
