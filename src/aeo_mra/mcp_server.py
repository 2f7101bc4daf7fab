"""The Model Context Protocol server that ``aeo-mra mcp`` runs on stdio (extra ``mcp``).

Its tools are the library's questions, with typed inputs, answering with the JSON that
[`aeo_mra.to_dict`][aeo_mra.to_dict] gives, the same as the HTTP API. The arguments are read
as the HTTP API reads a JSON body, before the SDK sees them: days only as YYYY-MM-DD, names of
roles and tiers in any case, unknown arguments refused. Bad input is a tool error whose
message names the input and what is valid.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import WithJsonSchema

import aeo_mra

from . import _api
from ._api import Problem
from ._vocabulary import spellings
from .errors import Error
from .model import Basis, Role, Tier
from .registry import Registry, registry_or_default

__all__ = ["create_server", "run"]

# The inputs' schemas list every spelling the tools read, as the HTTP API's OpenAPI does:
# the arguments are read (in any case) before the SDK validates the values read.
RoleName = Annotated[Role, WithJsonSchema({"type": "string", "enum": spellings(Role)})]
TierName = Annotated[Tier, WithJsonSchema({"type": "string", "enum": spellings(Tier)})]
BasisName = Annotated[Basis, WithJsonSchema({"type": "string", "enum": spellings(Basis)})]

_INSTRUCTIONS = (
    "Answers about China's customs AEO mutual recognition arrangements: whether an operator "
    "certified by China's customs gets reciprocal benefits trading with a place on a day "
    "(check), whether China recognises a foreign AEO (check_foreign), an arrangement in full, "
    "the running totals, AEO codes, the measures at home, and whether any administration's "
    "AEO is recognised by another (world_check, world_recognisers), with an administration's "
    "partners, an arrangement in full and the world's counts (world_partners, "
    "world_arrangement, world_summary). Days are YYYY-MM-DD; "
    "left out, today. Each answer says why, cites its sources, and its verdict tells "
    "'probably' from 'yes'."
)


def create_server(registry: Registry | None = None) -> MCPServer:
    """The MCP server of ``registry`` (default: the bundled data), its tools registered."""
    registry = registry_or_default(registry)
    server = _Server("aeo_mra", version=aeo_mra.__version__, instructions=_INSTRUCTIONS)

    def ask(name: str, **values: Any) -> dict[str, Any]:
        try:
            return _api.ask(name, registry, **values)
        except Error as error:
            raise ToolError(_message(_api.problem_of(error, list(values), values))) from None
        except Problem as problem:  # the world data cannot join the registry's
            raise ToolError(_message(problem)) from None

    @server.tool()
    def check(
        place: str | int,
        on: date | None = None,
        role: RoleName = Role.EXPORTER,
        tier: TierName | None = None,
    ) -> dict[str, Any]:
        """Does an operator certified by China's customs get reciprocal AEO benefits trading
        with a place on a day? place: an ISO code, English or Chinese name, or alias; role:
        exporter ships to the place, importer receives from it; tier: China's credit tier
        (default: the AEO tier of the day)."""
        return ask("check", place=place, on=on, role=role, tier=tier)

    @server.tool()
    def check_foreign(
        place: str | int, tier: str, on: date | None = None, role: RoleName = Role.EXPORTER
    ) -> dict[str, Any]:
        """Does China's customs recognise a foreign operator certified in a partner's AEO
        programme at a tier (e.g. AEOS) on a day? place: the operator's; role: exporter
        ships to China, importer receives from it."""
        return ask("check_foreign", place=place, tier=tier, on=on, role=role)

    @server.tool()
    def arrangement(id: str | int) -> dict[str, Any]:
        """One AEO arrangement of China's customs in full, by id (EU) or by a place it
        covers: dates, scope, tiers, benefits, code format, members, caveats, sources."""
        return ask("arrangement", id=id)

    @server.tool()
    def summary(on: date | None = None, basis: BasisName = Basis.SIGNED) -> dict[str, Any]:
        """The running totals as China's customs counts them on a day: economies and
        countries or regions, of arrangements signed (default) or implemented."""
        return ask("summary", on=on, basis=basis)

    @server.tool()
    def measures(
        tier: TierName | None = None, on: date | None = None, where: str | None = None
    ) -> dict[str, Any]:
        """What a tier of China's customs gets at home on a day: the measures of the decree
        in force and its lists, and with where (a customs district such as Shenyang) the
        district's catalogue; says which lists' items are not all recorded."""
        return ask("measures", tier=tier, on=on, where=where)

    @server.tool()
    def measures_compare(
        tier: TierName, other: TierName, on: date | None = None, where: str | None = None
    ) -> dict[str, Any]:
        """What one tier of China's customs gets at home that another does not on a day (and
        what it lacks), nationally and with where in a customs district's catalogue."""
        return ask("measures_compare", tier=tier, other=other, on=on, where=where)

    @server.tool()
    def measures_changes(
        before: date, after: date, tier: TierName | None = None, where: str | None = None
    ) -> dict[str, Any]:
        """What changed for a tier of China's customs at home between two days, concept by
        concept: a measure kept, reworded, new, dropped, or unknown (default tier: the AEO
        tier of each day)."""
        return ask("measures_changes", tier=tier, before=before, after=after, where=where)

    @server.tool()
    def aeo_counts(
        scope: str | None = None, since: date | None = None, until: date | None = None
    ) -> dict[str, Any]:
        """The published counts of China's certified enterprises, by date: scope is
        national, or a region or district in English or Chinese (default: every scope)."""
        return ask("aeo_counts", scope=scope, since=since, until=until)

    @server.tool()
    def validate_code(code: str, on: date | None = None) -> dict[str, Any]:
        """An AEO code taken apart and validated (the issuing place, enterprise number,
        arrangement); with on, the place must be covered that day."""
        return ask("validate_code", code=code, on=on)

    @server.tool()
    def world_check(
        holder: str, place: str | int, on: date | None = None, role: RoleName = Role.EXPORTER
    ) -> dict[str, Any]:
        """Is an AEO of any customs administration recognised trading with a place on a day?
        holder: an administration (KR, EU, Japan) or a tier of its programme (EU/AEOS).
        Recognition is not transitive; the verdict tells 'probably' from 'yes'."""
        return ask("world_check", holder=holder, place=place, on=on, role=role)

    @server.tool()
    def world_recognisers(
        holder: str, on: date | None = None, role: RoleName = Role.EXPORTER
    ) -> dict[str, Any]:
        """Which administrations recognise an AEO of a holder (an administration or a tier
        such as EU/AEOS) exporting to them, or importing from them, on a day, and why or
        why not."""
        return ask("world_recognisers", holder=holder, on=on, role=role)

    @server.tool()
    def world_partners(administration: str, on: date | None = None) -> dict[str, Any]:
        """An administration's AEO arrangements on a day (KR, EU, Japan): each partner, the
        arrangement, whether it is implemented, and whether the data's list is complete."""
        return ask("world_partners", administration=administration, on=on)

    @server.tool()
    def world_arrangement(id: str) -> dict[str, Any]:
        """One AEO arrangement of the world graph in full, by id: a bilateral one by its
        parties' ids in either order (EU-JP; China's: CN-EU), a plurilateral one by its own
        (PACIFIC-ALLIANCE): parties or members, dated steps, scope, tiers recognised,
        caveats, sources."""
        return ask("world_arrangement", id=id)

    @server.tool()
    def world_summary(administration: str | None = None, on: date | None = None) -> dict[str, Any]:
        """Counts of AEO arrangements signed and implemented on a day, bilateral and
        plurilateral, and of joint work plans not yet signed: the world's, or one
        administration's."""
        return ask("world_summary", administration=administration, on=on)

    return server


class _Server(MCPServer):
    """The SDK's server, the arguments of a call read first as the HTTP API reads them."""

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> Any:
        """The tool's answer to ``arguments``, read as the HTTP API reads them: a tool error
        names a bad one in HTTP's words, never pydantic's; the SDK validates what is read."""
        endpoint = _QUESTIONS.get(name)
        if endpoint is None:  # not a tool: the SDK says so
            return await super().call_tool(name, arguments, context)
        try:
            values = endpoint.read(arguments)
        except Problem as problem:
            raise ToolError(_message(problem)) from None
        try:
            return await super().call_tool(name, _json(values), context)
        except ToolError as error:  # a tool's own, which the SDK prefixes: as the ones above
            if isinstance(error.__cause__, ToolError):
                raise error.__cause__ from None
            raise


_QUESTIONS = {e.name: e for e in _api.ENDPOINTS}


def _json(values: Mapping[str, object]) -> dict[str, object]:
    """Read values as the JSON the tools' schemas describe, those not given left out."""
    return {name: _plain(value) for name, value in values.items() if value is not None}


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value.value if isinstance(value, enum.Enum) else value


def _message(problem: Problem) -> str:
    """A problem as one message: what is wrong, then what is valid."""
    body: Mapping[str, Any] = problem.body
    detail: str = body["detail"]
    valid: list[str] = body.get("valid", [])
    listed = valid and valid[0] in detail  # the message may list them already
    return detail + (f" (valid: {', '.join(valid)})" if valid and not listed else "")


def run(registry: Registry | None = None) -> None:
    """Serve the tools on stdin and stdout until the client closes them."""
    create_server(registry).run("stdio")
