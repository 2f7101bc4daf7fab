"""The ``<!-- generated: name args -->`` markers a page puts where generated content goes."""

from __future__ import annotations

import re
from collections.abc import Callable

from aeo_mra import Registry

from .chart import chart
from .measures import aeo_counts, measure_lists, measure_sources, measures_matrix
from .openapi import api_endpoints, openapi_document
from .reference import api_reference
from .schemas import answer_schemas_section, json_schemas
from .snippets import (
    at_a_glance,
    data_version,
    package_version,
    published_total,
    toml_record,
    values,
)
from .tables import (
    arrangement_details,
    arrangements_table,
    counted_table,
    inferred_table,
    places_table,
    sources_table,
    tiers_table,
    timeline_table,
)
from .world import (
    commons_table,
    coverage_table,
    edges_table,
    overview,
    plurilaterals_table,
    programme_tiers_table,
    published_table,
    territories_table,
    world_sources_table,
    world_totals_table,
)
from .worldmap import world_map

MARKER = re.compile(r"<!--\s*generated:\s*([a-z-]+)(.*?)-->")

GENERATORS: dict[str, Callable[..., str]] = {
    "arrangements": arrangements_table,
    "arrangement-details": arrangement_details,
    "places": places_table,
    "counted": counted_table,
    "timeline": timeline_table,
    "sources": sources_table,
    "inferred": inferred_table,
    "tiers": tiers_table,
    "chart": chart,
    "map": world_map,
    "data-version": data_version,
    "package-version": package_version,
    "toml-record": toml_record,
    "values": values,
    "at-a-glance": at_a_glance,
    "total": published_total,
    "api": api_reference,
    "measures-matrix": measures_matrix,
    "measure-lists": measure_lists,
    "measure-sources": measure_sources,
    "aeo-counts": aeo_counts,
    "world-overview": overview,
    "world-coverage": coverage_table,
    "world-territories": territories_table,
    "world-tiers": programme_tiers_table,
    "world-edges": edges_table,
    "world-plurilaterals": plurilaterals_table,
    "world-commons": commons_table,
    "world-sources": world_sources_table,
    "world-published": published_table,
    "world-totals": world_totals_table,
    "json-schemas": json_schemas,
    "answer-schemas": answer_schemas_section,
    "api-endpoints": api_endpoints,
    "openapi": openapi_document,
}


def expand(markdown: str, registry: Registry) -> str:
    """``markdown`` with its markers replaced; an unknown marker is an error."""

    def replace(match: re.Match[str]) -> str:
        name, args = match[1], match[2].split()
        if name not in GENERATORS:
            raise ValueError(f"unknown marker {name!r}; known: {', '.join(sorted(GENERATORS))}")
        return GENERATORS[name](registry, *args)

    return MARKER.sub(replace, markdown)
