"""The MCP server, through the SDK's own client: in process, and over stdio as a subprocess."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from mcp import Client, StdioServerParameters

import aeo_mra
from aeo_mra import Basis, Role, Tier, codes, home, json_schema, to_dict, world
from aeo_mra.mcp_server import create_server

TOOLS = {
    "check", "check_foreign", "arrangement", "summary", "measures", "measures_compare",
    "measures_changes", "aeo_counts", "validate_code",
    "world_check", "world_recognisers", "world_partners", "world_summary", "world_arrangement",
}  # fmt: skip


def session(use: Callable[[Client], Awaitable[Any]], server: Any = None) -> Any:
    async def run() -> Any:
        async with Client(server or create_server()) as client:
            return await use(client)

    # In a thread of its own: another test (the browser's) may leave a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, run()).result()


async def call(client: Client, tool: str, **arguments: Any) -> tuple[bool, Any]:
    result = await client.call_tool(tool, arguments)
    text = result.content[0].text  # type: ignore[union-attr]
    return result.is_error, text if result.is_error else json.loads(text)


def test_the_tools_are_the_questions_with_typed_inputs() -> None:
    async def use(client: Client) -> Any:
        return (await client.list_tools()).tools

    tools = {t.name: t for t in session(use)}
    assert set(tools) == TOOLS
    check = tools["check"].input_schema
    assert check["required"] == ["place"]
    assert check["properties"]["on"]["anyOf"][0] == {"format": "date", "type": "string"}
    assert all(tools[name].description for name in TOOLS)


def test_the_input_schemas_admit_the_spellings_the_tools_read() -> None:
    """As the HTTP API's OpenAPI document: a client validating by the schema lets them by."""

    async def use(client: Client) -> Any:
        return (await client.list_tools()).tools

    tools = {t.name: t.input_schema for t in session(use)}
    arguments = {"place": "DE", "role": "IMPORTER", "tier": "高级认证企业"}
    jsonschema.validate(arguments, tools["check"])
    jsonschema.validate({"tier": "advanced_certified", "other": "AA"}, tools["measures_compare"])
    jsonschema.validate({"basis": "IMPLEMENTED"}, tools["summary"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**arguments, "role": "seller"}, tools["check"])


def test_each_tool_answers_as_to_dict() -> None:
    day = date(2021, 6, 1)
    shenyang = home.measures(Tier.ADVANCED_CERTIFIED, on=day, where="Shenyang")
    expected = {
        ("check", (("place", "UK"), ("on", "2021-06-01"), ("role", "importer"))):
            to_dict(aeo_mra.check("UK", day, role=Role.IMPORTER)),
        ("check_foreign", (("place", "France"), ("tier", "AEOS"), ("on", "2021-06-01"))):
            to_dict(aeo_mra.check_foreign("France", "AEOS", day)),
        ("arrangement", (("id", "Germany"),)):
            {**to_dict(aeo_mra.arrangement("EU")), "data_version": aeo_mra.DATA_VERSION,
             "data_reviewed": aeo_mra.DATA_REVIEWED.isoformat()},
        ("arrangement", (("id", 276),)):  # a place by its numeric code, as check's
            {**to_dict(aeo_mra.arrangement(276)), "data_version": aeo_mra.DATA_VERSION,
             "data_reviewed": aeo_mra.DATA_REVIEWED.isoformat()},
        ("summary", (("on", "2021-06-01"), ("basis", "implemented"))):
            to_dict(aeo_mra.summary(day, basis=Basis.IMPLEMENTED)),
        ("validate_code", (("code", "sg 1234 5678 9012"),)): to_dict(codes.parse("SG123456789012")),
        ("measures", (("on", "2021-06-01"), ("where", "Shenyang"), ("tier", "ADVANCED_CERTIFIED"))):
            {**to_dict(shenyang), "data_version": home._BUNDLED.data.version,
             "data_reviewed": home._BUNDLED.data.reviewed.isoformat()},
        ("measures_compare", (("tier", "advanced certified enterprise"),
                              ("other", "GENERAL_CERTIFIED"), ("on", "2021-06-01"))):
            {**to_dict(home.compare(Tier.ADVANCED_CERTIFIED, Tier.GENERAL_CERTIFIED, day)),
             "data_version": home._BUNDLED.data.version,
             "data_reviewed": home._BUNDLED.data.reviewed.isoformat()},
        ("measures_changes", (("before", "2018-04-30"), ("after", "2018-05-01"))):
            {**to_dict(home.changes(before=date(2018, 4, 30), after=date(2018, 5, 1))),
             "data_version": home._BUNDLED.data.version,
             "data_reviewed": home._BUNDLED.data.reviewed.isoformat()},
        ("aeo_counts", (("scope", "辽宁"),)):
            {"counts": [to_dict(c) for c in home.aeo_counts("Liaoning")],
             "data_version": home._BUNDLED.data.version,
             "data_reviewed": home._BUNDLED.data.reviewed.isoformat()},
        ("world_check", (("holder", "EU/AEOS"), ("place", "Japan"), ("on", "2021-06-01"))):
            to_dict(world.check("EU/AEOS", "Japan", day)),
        ("world_recognisers", (("holder", "KR"), ("on", "2021-06-01"))):
            {"holder": "KR", "on": "2021-06-01", "role": "exporter",
             "data_version": world.bundled().version,
             "data_reviewed": world.bundled().reviewed.isoformat(),
             "recognisers": [to_dict(r) for r in world.recognisers("KR", on=day)]},
        ("world_recognisers", (("holder", "KR"), ("on", "2021-06-01"), ("role", "importer"))):
            {"holder": "KR", "on": "2021-06-01", "role": "importer",
             "data_version": world.bundled().version,
             "data_reviewed": world.bundled().reviewed.isoformat(),
             "recognisers": [
                 to_dict(r) for r in world.recognisers("KR", on=day, role=Role.IMPORTER)
             ]},
        ("world_partners", (("administration", "Korea"), ("on", "2021-06-01"))):
            {"administration": "KR", "on": "2021-06-01", "data_version": world.bundled().version,
             "data_reviewed": world.bundled().reviewed.isoformat(),
             "complete": world.bundled().administration("KR").coverage.complete_on(
                 day, world.bundled().reviewed),
             "union": None, "partners": [to_dict(p) for p in world.partners("KR", on=day)]},
        ("world_arrangement", (("id", "kr-us"),)):
            {"kind": "bilateral", **to_dict(world.arrangement("US-KR")),
             "data_version": world.bundled().version,
             "data_reviewed": world.bundled().reviewed.isoformat()},
        ("world_summary", (("on", "2021-06-01"),)):
            {**to_dict(world.summary(on=day)), "data_version": world.bundled().version,
             "data_reviewed": world.bundled().reviewed.isoformat()},
    }  # fmt: skip

    async def use(client: Client) -> list[tuple[bool, Any]]:
        return [await call(client, tool, **dict(args)) for tool, args in expected]

    answers = session(use)
    assert {tool for tool, _ in expected} == TOOLS
    for (error, data), want in zip(answers, expected.values(), strict=True):
        assert not error
        assert data == want
    jsonschema.validate(answers[0][1], json_schema(aeo_mra.Eligibility))


@pytest.mark.parametrize(
    ("tool", "arguments", "says"),
    [
        ("check", {"place": "Germny"}, "did you mean 'Germany'"),
        ("check", {"place": "DE", "role": "seller"},
         "'seller' is not a valid role (valid: exporter, importer)"),
        ("check", {"place": "DE", "on": "2020-02-30"}, "date"),
        ("check", {"place": "DE", "on": 1577836800},
         "on must be a date in the form YYYY-MM-DD, not 1577836800"),
        ("check", {"place": "DE", "on": "20200501"},
         "on: '20200501' is not a date in the form YYYY-MM-DD"),
        ("check", {"place": "DE", "extra": 1}, "unknown parameter 'extra'"),
        ("check", {"place": True}, "place must be a string or an integer"),
        ("check", {"place": "DE", "on": "2013-01-01", "tier": "ADVANCED_CERTIFIED"},
         "tiers in force then: AA"),
        ("check", {}, "place"),
        ("check_foreign", {"place": "FR", "tier": "Gold"}, "known tiers: AEOS, AEOF, AEOC"),
        ("arrangement", {"id": "XX"}, "arrangement ids: SG"),
        ("summary", {"basis": "counted"}, "valid: signed, implemented"),
        ("validate_code", {"code": "SG12345"}, "SG followed by 12 digits"),
        ("measures", {"where": "Atlantis"}, "known districts: Shenyang"),
        ("measures_compare", {"tier": "AA", "other": "regular", "on": "2013-01-01"},
         "tier REGULAR did not exist on 2013-01-01"),
        ("measures_changes", {"before": "2021-01-01", "after": "2020-01-01"}, "swap the two days"),
        ("world_check", {"holder": "Atlantis", "place": "US"}, "Administrations: "),
        ("world_check", {"holder": "EU", "place": "DE"}, "own customs territory"),
        ("world_recognisers", {"holder": "KR/GOLD"}, "names no"),
        ("world_partners", {"administration": "Atlantis"}, "Administrations: "),
        ("world_summary", {"administration": "EU", "on": "1999-13-01"}, "date"),
    ],
)  # fmt: skip
def test_bad_input_is_a_tool_error_saying_what_is_valid(
    tool: str, arguments: dict[str, Any], says: str
) -> None:
    async def use(client: Client) -> tuple[bool, Any]:
        return await call(client, tool, **arguments)

    error, message = session(use)
    assert error
    assert says in message
    assert "Traceback" not in message
    assert "pydantic" not in message
    assert "validation error" not in message
    assert not message.startswith("Error executing tool")  # worded as HTTP's, all alike


def test_arguments_are_read_as_http_reads_them() -> None:
    """Names of roles and tiers in any case (a tier also by its Chinese name), a place by
    its numeric code, as over HTTP."""

    async def use(client: Client) -> list[tuple[bool, Any]]:
        return [
            await call(client, "check", place=276, on="2013-01-01", role="IMPORTER", tier="aa"),
            await call(client, "summary", on="2021-06-01", basis="Implemented"),
            await call(client, "check", place="DE", on="2020-01-01", tier="高级认证企业"),
        ]

    (error, answer), (summed, totals), (named_error, named) = session(use)
    assert not error
    assert not summed
    expected = aeo_mra.check("DE", date(2013, 1, 1), role=Role.IMPORTER, tier=Tier.AA)
    assert answer == to_dict(expected)
    assert not named_error, named
    assert named == to_dict(aeo_mra.check("DE", date(2020, 1, 1), tier=Tier.ADVANCED_CERTIFIED))
    assert totals == to_dict(aeo_mra.summary(date(2021, 6, 1), basis=Basis.IMPLEMENTED))


def test_world_tools_say_why_the_world_data_cannot_answer() -> None:
    """Over a dataset the world data cannot join, as HTTP's world-unavailable problem."""
    shapes = aeo_mra.load(Path(__file__).parent / "data" / "shapes.toml")

    async def use(client: Client) -> list[tuple[bool, Any]]:
        return [
            await call(client, "world_check", holder="EU", place="JP"),
            await call(client, "world_summary"),
            await call(client, "world_partners", administration="KR"),
        ]

    for error, message in session(use, create_server(shapes)):
        assert error
        assert "world data" in message
        assert not message.startswith("Error executing tool")


def test_over_stdio() -> None:
    """The real interface: ``aeo-mra mcp`` as a subprocess, spoken to on its stdin and stdout."""
    command = StdioServerParameters(command=sys.executable, args=["-m", "aeo_mra", "mcp"])

    async def use(client: Client) -> tuple[set[str], Any]:
        tools = {t.name for t in (await client.list_tools()).tools}
        return tools, await call(client, "check", place="DE", on="2020-05-01")

    tools, (error, answer) = session(use, command)
    assert tools == TOOLS
    assert not error
    assert answer == to_dict(aeo_mra.check("DE", date(2020, 5, 1)))
