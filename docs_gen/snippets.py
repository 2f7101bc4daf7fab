"""Short generated pieces inside the pages' prose: versions, totals, values, records."""

from __future__ import annotations

import re
from datetime import date
from importlib import metadata, resources

import aeo_mra
from aeo_mra import Basis, Registry


def toml_record(registry: Registry, table: str, key: str) -> str:
    """A record of the bundled file as written, e.g. ``[[arrangement]]`` with id ``EU``.

    Falls back to the file's first record of that table if none has the key.
    """
    text = (resources.files("aeo_mra") / "data" / "arrangements.toml").read_text("utf-8")
    records: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line == f"[[{table}]]":
            current = [line]
            records.append(current)
        elif line.startswith(("[", "#")):
            current = None  # a record ends where the next table or section begins
        elif current is not None:
            current.append(line)
    if not records:
        raise ValueError(f"the bundled file has no [[{table}]] record")
    texts = ["\n".join(record).strip() for record in records]
    wanted = [t for t in texts if re.search(rf'^(id|code|field) = "{re.escape(key)}"$', t, re.M)]
    return "```toml\n" + (wanted or texts)[0] + "\n```"


def values(registry: Registry, name: str) -> str:
    """The values the dataset file may give for one of aeo_mra's enumerations."""
    from aeo_mra._schema import file_values

    return ", ".join(f"`{v}`" for v in file_values(getattr(aeo_mra, name))["enum"])


def package_version(registry: Registry) -> str:
    """The installed package's name and version, e.g. ``aeo_mra 0.1.0``: what the site documents."""
    return f"aeo_mra {metadata.version('aeo-mra')}"


def data_version(registry: Registry) -> str:
    """The version and review date of the bundled data, inline."""
    return f"version {registry.version}, last reviewed {registry.reviewed}"


def at_a_glance(registry: Registry) -> str:
    """One sentence of totals for the day of the build."""
    today = date.today()
    signed = registry.summary(today)
    implemented = registry.summary(today, basis=Basis.IMPLEMENTED)
    left_out = [a.partner for a in registry.dataset.arrangements if not a.counted]
    added = [registry.resolve(c.territory).name for c in registry.dataset.counted_territories]
    return (
        f"On {today}, the day this site was built, the data counts {signed.economies} economies "
        f"and {signed.territories} countries and regions with a signed arrangement, and "
        f"{implemented.territories} countries and regions where one is in effect, as China's "
        f"customs [counts them](data/totals.md): it leaves out "
        f"{_counted(left_out, 'arrangement')} of the data's {len(registry.dataset.arrangements)}, "
        f"and counts {_counted(added, 'place')} with no arrangement of its own; "
        f"data {data_version(registry)}."
    )


def _counted(names: list[str], noun: str) -> str:
    """How many ``names`` and which: ``one place (United Kingdom)``, ``no places``."""
    words = {0: "no", 1: "one"}.get(len(names), str(len(names)))
    listed = f" ({', '.join(names)})" if names else ""
    return f"{words} {noun}{'' if len(names) == 1 else 's'}{listed}"


def published_total(
    registry: Registry, on: str, basis: str, economies: str, territories: str
) -> str:
    """What the data gives for a published total, and whether it matches: ``20 / 46 ✓``."""
    total = registry.summary(date.fromisoformat(on), basis=Basis(basis))
    pairs = [(economies, total.economies), (territories, total.territories)]
    shown = " / ".join(str(got) if want != "-" else f"({got})" for want, got in pairs)
    matches = all(want == "-" or int(want) == got for want, got in pairs)
    return f"{shown} ✓" if matches else f"{shown} ✗"
