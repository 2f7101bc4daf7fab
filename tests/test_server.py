"""The HTTP API: a real uvicorn server on a free loopback port, spoken to over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
import uvicorn
from edited import eu_a_year_later

import aeo_mra
from aeo_mra import Registry, Role, Tier, codes, home, to_dict, world
from aeo_mra._api import ENDPOINTS, Limits, Problem, answer_schemas
from aeo_mra.server import create_app

Reply = tuple[int, dict[str, str], Any]


class Server:
    """An app served by uvicorn in a thread, on a port the system chose."""

    def __init__(self, app: Any) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]})
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.socket.close()

    def ask(
        self, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> Reply:  # fmt: skip
        request = urllib.request.Request(self.url + path, body, headers or {}, method=method)
        try:
            with urllib.request.urlopen(request) as response:
                status, got, raw = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, got, raw = error.code, dict(error.headers), error.read()
        text = raw.decode("utf-8")
        assert "Traceback" not in text
        return status, {k.lower(): v for k, v in got.items()}, json.loads(text) if text else None

    def post(self, path: str, data: object, **headers: str) -> Reply:
        body = json.dumps(data).encode()
        return self.ask(path, body, {"Content-Type": "application/json", **headers})


def serve(app: Any) -> Iterator[Server]:
    server = Server(app)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def api() -> Iterator[Server]:
    yield from serve(create_app())


@pytest.fixture(scope="module")
def small() -> Iterator[Server]:
    """An app with tight limits and a CORS origin."""
    limits = Limits(query=100, body=400, rows=3)
    yield from serve(create_app(limits=limits, cors_origins=["https://erp.example"]))


def schema_of(document: dict[str, Any], component: str) -> dict[str, Any]:
    return {**document, "$ref": f"#/components/schemas/{component}"}


def test_check_is_the_library_answer(api: Server) -> None:
    status, headers, data = api.ask("/v1/check?place=Germany&on=2020-05-01&role=importer")
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert data == to_dict(aeo_mra.check("Germany", date(2020, 5, 1), role=Role.IMPORTER))
    _, _, document = api.ask("/openapi.json")
    jsonschema.validate(data, schema_of(document, "Eligibility"))


def test_a_tier_is_read_by_its_value_or_its_english_or_chinese_name(api: Server) -> None:
    expected = to_dict(aeo_mra.check("DE", date(2020, 5, 1), tier=aeo_mra.Tier.ADVANCED_CERTIFIED))
    for tier in ("ADVANCED_CERTIFIED", "advanced-certified", "advanced certified enterprise"):
        assert api.ask(f"/v1/check?place=DE&on=2020-05-01&tier={quote(tier)}")[::2] == (
            200,
            expected,
        )
    chinese = f"/v1/check?place=DE&on=2020-05-01&tier={quote('高级认证企业')}"
    assert api.ask(chinese)[::2] == (200, expected)


def test_every_endpoint_answers(api: Server, registry: Registry) -> None:
    day = date(2021, 6, 1)
    shenyang = home.measures(on=day, where="Shenyang")
    bundled = home._BUNDLED.data
    measures_data = {"data_version": bundled.version, "data_reviewed": bundled.reviewed.isoformat()}
    asked = {
        "/v1/check_foreign?place=FR&tier=AEOS&on=2021-06-01":
            to_dict(registry.check_foreign("FR", "AEOS", day)),
        "/v1/summary?on=2021-06-01&basis=implemented":
            to_dict(registry.summary(day, basis=aeo_mra.Basis.IMPLEMENTED)),
        "/v1/codes/validate?code=sg%201234%205678%209012":
            to_dict(codes.parse("SG123456789012")),
        "/v1/codes/declaration?code=SG123456789012&on=2017-01-01":
            to_dict(codes.declaration("SG123456789012", date(2017, 1, 1))),
        "/v1/measures?on=2021-06-01&where=Shenyang": {**to_dict(shenyang), **measures_data},
        "/v1/measures/compare?tier=advanced_certified&other=general_certified&on=2021-06-01":
            {**to_dict(home.compare(Tier.ADVANCED_CERTIFIED, Tier.GENERAL_CERTIFIED, day)),
             **measures_data},
        "/v1/measures/changes?before=2018-04-30&after=2018-05-01":
            {**to_dict(home.changes(before=date(2018, 4, 30), after=date(2018, 5, 1))),
             **measures_data},
        "/v1/aeo_counts?scope=national&since=2020-01-01":
            {"counts": [to_dict(c) for c in home.aeo_counts("national", since=date(2020, 1, 1))],
             **measures_data},
        "/v1/world/check?holder=EU/AEOS&place=Japan&on=2021-06-01":
            to_dict(world.check("EU/AEOS", "Japan", day)),
    }  # fmt: skip
    for path, expected in asked.items():
        assert api.ask(path)[::2] == (200, expected), path
    _, _, listed = api.ask("/v1/arrangements?on=2021-06-01&role=importer")
    found = registry.arrangements(day, role=Role.IMPORTER)
    assert [a["id"] for a in listed["arrangements"]] == [a.id for a in found]
    assert listed["arrangements"][0] == to_dict(found[0])
    assert (listed["role"], api.ask("/v1/arrangements")[2]["role"]) == ("importer", None)
    _, _, shown = api.ask("/v1/arrangements/UK")
    assert (shown["id"], shown["data_version"]) == ("EU", registry.version)
    _, _, events = api.ask("/v1/timeline")
    assert events["events"] == [to_dict(e) for e in registry.timeline()]
    rows = ["DE", "US", "DE"]
    status, _, many = api.post("/v1/check_many", {"places": rows, "on": "2020-01-01"})
    assert status == 200
    assert many["answers"] == [to_dict(a) for a in registry.check_many(rows, date(2020, 1, 1))]
    _, _, partners = api.ask("/v1/world/partners?administration=US&on=2021-06-01")
    assert partners["partners"] == [to_dict(p) for p in world.partners("US", day)]
    _, _, found = api.ask("/v1/world/recognisers?holder=EU/AEOS&on=2021-06-01")
    assert found["recognisers"] == [to_dict(r) for r in world.recognisers("EU/AEOS", day)]
    assert found["role"] == "exporter"
    for typed, holder in [("japan", "JP"), ("%20KR%20", "KR"), ("Germany/AEOS", "EU/AEOS")]:
        _, _, found = api.ask(f"/v1/world/recognisers?holder={typed}&on=2021-06-01")
        assert found["holder"] == holder  # by id, as the other world answers name theirs
    _, _, found = api.ask("/v1/world/recognisers?holder=EU/AEOS&on=2021-06-01&role=importer")
    importing = world.recognisers("EU/AEOS", day, role=Role.IMPORTER)
    assert (found["role"], found["recognisers"]) == ("importer", [to_dict(r) for r in importing])
    _, _, counts = api.ask("/v1/world/summary?on=2021-06-01")
    assert counts["bilateral_signed"] == world.summary(on=day).bilateral_signed


# Real questions for every endpoint: GET paths, or a POST body.
QUESTIONS: dict[str, list[str | dict[str, Any]]] = {
    "check": ["/v1/check?place=DE&on=2020-05-01", "/v1/check?place=US&role=importer"],
    "check_foreign": ["/v1/check_foreign?place=FR&tier=AEOC&on=2021-06-01"],
    "check_many": [{"places": ["DE", "US", "SG"], "on": ["2014-01-01", "2020-01-01", None]}],
    "arrangements": ["/v1/arrangements?on=2016-01-01", "/v1/arrangements?role=importer"],
    "arrangement": ["/v1/arrangements/HK", "/v1/arrangements/Germany"],
    "summary": ["/v1/summary?on=2021-08-31&basis=implemented"],
    "timeline": ["/v1/timeline"],
    "validate_code": ["/v1/codes/validate?code=AEOCN0123456789"],
    "measures": [
        "/v1/measures?on=2019-06-01&tier=general_certified",
        "/v1/measures?where=%E6%B2%88%E9%98%B3%E6%B5%B7%E5%85%B3",  # 沈阳海关
    ],
    "measures_compare": [
        "/v1/measures/compare?tier=general_certified&other=advanced_certified&on=2019-06-01",
        "/v1/measures/compare?tier=advanced_certified&other=regular&where=Shenyang",
    ],
    "measures_changes": [
        "/v1/measures/changes?before=2014-11-30&after=2014-12-01",
        "/v1/measures/changes?before=2021-01-01&after=2021-06-01&tier=general_certified&where=Shenyang",
    ],
    "aeo_counts": ["/v1/aeo_counts", "/v1/aeo_counts?scope=%E8%BE%BD%E5%AE%81"],  # 辽宁
    "declaration": ["/v1/codes/declaration?code=KR123456789012&on=2020-01-01"],
    "world_check": ["/v1/world/check?holder=CN&place=US&on=2020-01-01"],
    "world_partners": ["/v1/world/partners?administration=Japan"],
    "world_summary": ["/v1/world/summary", "/v1/world/summary?administration=KR&on=2015-01-01"],
    "world_recognisers": ["/v1/world/recognisers?holder=KR&on=2020-01-01"],
    "world_arrangement": [
        "/v1/world/arrangements/JP-EU",
        "/v1/world/arrangements/AAMRA",
        "/v1/world/arrangements/gcc-aeo",
    ],
}  # fmt: skip


def shipped_answer(name: str) -> dict[str, Any]:
    text = (resources.files("aeo_mra") / "schemas" / "answers" / f"{name}.schema.json").read_text(
        encoding="utf-8"
    )
    return json.loads(text)  # type: ignore[no-any-return]


def test_every_answer_validates_against_its_shipped_schema(api: Server) -> None:
    assert set(QUESTIONS) == {e.name for e in ENDPOINTS}
    for endpoint in ENDPOINTS:
        validator = jsonschema.Draft202012Validator(shipped_answer(endpoint.name))
        for question in QUESTIONS[endpoint.name]:
            if isinstance(question, str):
                status, _, data = api.ask(question)
            else:
                status, _, data = api.post(endpoint.path, question)
            if status == 400:  # the row without a day: asked again with one
                assert data["invalid_params"][0]["name"] == "on[2]"
                status, _, data = api.post(endpoint.path, {**question, "on": "2020-01-01"})
            assert status == 200, question
            validator.validate(data)
            first = next(iter(data))
            assert not validator.is_valid({**data, first: [[]]}), question
            assert not validator.is_valid({k: v for k, v in data.items() if k != first})


def test_a_world_arrangement_answer_is_valid_only_with_its_own_kind(api: Server) -> None:
    """A common programme's fields are a plurilateral's and more: labelled plurilateral, or
    given a field of no record, its answer is refused."""
    validator = jsonschema.Draft202012Validator(shipped_answer("world_arrangement"))
    _, _, common = api.ask("/v1/world/arrangements/gcc-aeo")
    _, _, plurilateral = api.ask("/v1/world/arrangements/AAMRA")
    assert (common["kind"], plurilateral["kind"]) == ("common-programme", "plurilateral")
    validator.validate(common)
    validator.validate(plurilateral)
    assert not validator.is_valid({**common, "kind": "plurilateral"})
    assert not validator.is_valid({**plurilateral, "kind": "common-programme"})
    assert not validator.is_valid({**plurilateral, "unknown_field": 1})


def test_the_shipped_answer_schemas_are_the_generated_ones() -> None:
    folder = resources.files("aeo_mra") / "schemas" / "answers"
    shipped = {f.name for f in folder.iterdir() if f.name.endswith(".schema.json")}
    assert shipped == {f"{name}.schema.json" for name in answer_schemas()}
    for name, schema in answer_schemas().items():
        assert shipped_answer(name) == schema, "run `python scripts/regenerate.py`"


def test_the_openapi_document_covers_every_route(api: Server) -> None:
    _, _, document = api.ask("/openapi.json")
    body = document["paths"]["/v1/check_many"]["post"]["requestBody"]["content"]
    days = body["application/json"]["schema"]["properties"]["on"]
    assert "null" not in json.dumps(days)  # a row without a day is refused, never today
    assert set(document["paths"]) == {e.path for e in ENDPOINTS} | {"/health"}
    text = json.dumps(document)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        name = ref.removeprefix("#/components/schemas/")
        assert name in document["components"]["schemas"], ref
    for endpoint in ENDPOINTS:
        operation = document["paths"][endpoint.path][endpoint.method.lower()]
        if endpoint.method == "GET":
            names = [p["name"] for p in operation["parameters"]]
        else:
            names = list(
                operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
            )
        assert names == [p.name for p in endpoint.params]


def test_each_role_parameter_says_which_way_the_goods_go(api: Server) -> None:
    _, _, document = api.ask("/openapi.json")

    def role(path: str) -> str:
        parameters = document["paths"][path]["get"]["parameters"]
        return str(next(p["description"] for p in parameters if p["name"] == "role"))

    assert "ships to the place" in role("/v1/check")
    assert "ships to China" in role("/v1/check_foreign")  # the foreign AEO's exports


def test_the_openapi_document_admits_the_spellings_the_docs_show(api: Server) -> None:
    """A client or proxy that validates a request by the document lets these through,
    as the server reads them."""
    _, _, document = api.ask("/openapi.json")
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/v1/check"]["get"]["parameters"]
    }
    spelt = [("role", "IMPORTER"), ("role", "importer"), ("tier", "高级认证企业"),
             ("tier", "advanced_certified"), ("tier", "ADVANCED_CERTIFIED")]  # fmt: skip
    for name, value in spelt:
        jsonschema.validate(value, parameters[name])
        status, _, answer = api.ask(f"/v1/check?place=DE&on=2020-01-01&{name}={quote(value)}")
        assert status == 200, answer


def test_caching_follows_the_data_version(api: Server) -> None:
    path = "/v1/summary?on=2020-01-01"
    _, headers, _ = api.ask(path)
    assert headers["cache-control"] == "public, max-age=3600"
    tag = headers["etag"]
    assert api.ask(path, headers={"If-None-Match": tag})[0] == 304
    assert api.ask(path, headers={"If-None-Match": "*"})[0] == 304
    assert api.ask(path, headers={"If-None-Match": "*"}, method="HEAD")[0] == 304
    assert api.ask("/v1/summary?on=2020-01-02", headers={"If-None-Match": tag})[0] == 200
    _, today, _ = api.ask("/v1/summary")  # today's answer: kept no later than midnight
    assert int(today["cache-control"].split("=")[1]) <= 3600
    assert today["etag"] != api.ask("/v1/summary?on=2020-01-01")[1]["etag"]


def test_a_new_data_version_is_a_new_etag(api: Server, tmp_path: Path) -> None:
    bundled = Path(aeo_mra.__file__).parent / "data" / "arrangements.toml"
    text = bundled.read_text(encoding="utf-8")
    newer = tmp_path / "newer.toml"
    newer.write_text(text.replace(f'version = "{aeo_mra.DATA_VERSION}"', 'version = "2099.1.1"', 1),
                     encoding="utf-8")  # fmt: skip
    path = "/v1/summary?on=2020-01-01"
    for server in serve(create_app(aeo_mra.load(newer))):
        assert server.ask(path)[1]["etag"] != api.ask(path)[1]["etag"]
        assert server.ask(path)[2]["data_version"] == "2099.1.1"
    for server in serve(create_app(aeo_mra.load(bundled))):  # same data: same tags
        assert server.ask(path)[1]["etag"] == api.ask(path)[1]["etag"]
    # A corrected file that keeps its version: new tags, and the old ones are not matched.
    corrected = tmp_path / "corrected.toml"
    corrected.write_text(eu_a_year_later(text), encoding="utf-8")
    day = "/v1/check?place=DE&on=2016-01-01"
    bundled_tag = api.ask(day)[1]["etag"]
    for server in serve(create_app(aeo_mra.load(corrected))):
        status, headers, answer = server.ask(day, headers={"If-None-Match": bundled_tag})
        assert (status, answer["qualifies"]) == (200, False)
        assert headers["etag"] != bundled_tag
        assert answer["data_version"] == aeo_mra.DATA_VERSION


def test_every_worker_tags_the_same_data_alike() -> None:
    # Workers are separate processes, each with its own string hashing: the tag must not
    # depend on it, or a client would get a new tag from each worker.
    code = "import aeo_mra; from aeo_mra import server; print(server._content(aeo_mra._default()))"
    tags = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(tags) == 1


@pytest.mark.parametrize(
    ("path", "status", "name", "says"),
    [
        ("/v1/check?place=Germny", 400, "place", "did you mean 'Germany'"),
        ("/v1/arrangements/de", 404, "id", "codes are written in upper case: 'DE' is Germany"),
        ("/v1/check?place=CN", 400, "place", "China's own customs territory"),
        ("/v1/check?place=DE&on=2020-02-30", 400, "on", "not a valid date"),
        ("/v1/check?place=DE&on=20200201", 400, "on", "YYYY-MM-DD"),
        ("/v1/check?place=DE&on=2020-W01-1", 400, "on", "YYYY-MM-DD"),
        ("/v1/check?place=DE&role=seller", 400, "role", "not a valid role"),
        ("/v1/check?place=DE&tier=AA&on=2020-01-01", 400, "tier", "did not exist"),
        ("/v1/check?on=2020-01-01", 400, "place", "place is required"),
        ("/v1/check?place=DE&colour=red", 400, "colour", "unknown parameter"),
        ("/v1/check?place=DE&place=FR", 400, "place", "given 2 times"),
        ("/v1/check_foreign?place=FR&tier=Gold", 400, "tier", "known tiers: AEOS"),
        ("/v1/arrangements/XX", 404, "id", "neither an arrangement id nor a place"),
        ("/v1/arrangements/EU?id=SG", 400, "id", "id is given in the path"),
        ("/v1/arrangements/CN", 400, "id", "China"),
        ("/v1/codes/validate?code=SG12345", 400, "code", "SG followed by 12 digits"),
        ("/v1/codes/declaration?code=AEOCN0123456789", 422, "code", "China's own AEO code"),
        ("/v1/measures?where=Atlantis", 400, "where", "known districts: Shenyang"),
        ("/v1/measures/compare?tier=AA", 400, "other", "other is required"),
        ("/v1/measures/compare?tier=AA&other=regular&on=2013-01-01", 400, "other", "did not exist"),
        ("/v1/measures/compare?tier=AA&other=regular&on=2022-01-01", 400, "tier", "did not exist"),
        ("/v1/measures?on=2000-01-01", 400, "on", "the data begins on"),
        ("/v1/measures/changes?before=2000-01-01&after=2020-01-01", 400, "before", "begins"),
        ("/v1/measures/changes?before=2021-01-01&after=2020-01-01", 400, "after", "swap"),
        ("/v1/aeo_counts?scope=Mars", 400, "scope", "scopes counted: national"),
        ("/v1/aeo_counts?since=2024-01-01&until=2020-01-01", 400, "until", "swap the two days"),
        ("/v1/world/check?holder=Atlantis&place=US", 400, "holder", "names no administration"),
        ("/v1/world/check?holder=EU&place=DE", 400, "place", "own customs territory"),
        ("/v1/world/partners?administration=XX", 400, "administration", "Administrations: "),
        ("/v1/world/recognisers?holder=EU/GOLD", 400, "holder", "names no"),
        (
            "/v1/world/check?holder=CN/CERTIFIED&place=DE&on=2026-03-31",
            400,
            "holder",
            "tiers in force then: CN/ADVANCED_CERTIFIED",
        ),
    ],
)
def test_bad_input_is_a_problem_naming_it(
    api: Server, path: str, status: int, name: str, says: str
) -> None:
    got, headers, problem = api.ask(path)
    assert got == status == problem["status"]
    assert headers["content-type"] == "application/problem+json"
    assert problem["invalid_params"][0]["name"] == name
    assert says in problem["detail"]
    assert problem["type"].startswith("urn:aeo-mra:problem:")


def test_what_is_valid_is_listed(api: Server) -> None:
    assert api.ask("/v1/check?place=DE&role=seller")[2]["valid"] == ["exporter", "importer"]
    assert "EU" in api.ask("/v1/arrangements/XX")[2]["valid"]
    assert api.ask("/v1/check?place=Germny")[2]["valid"] == ["Germany"]
    # a known administration with a tier it lacks: its own problem type, the valid holders
    wrong_tier = api.ask("/v1/world/check?holder=EU/NOPE&place=CN")[2]
    assert (wrong_tier["type"], wrong_tier["title"]) == (
        "urn:aeo-mra:problem:unknown-tier",
        "Unknown tier",
    )
    assert wrong_tier["valid"] == ["EU", "EU/AEOC", "EU/AEOS", "EU/AEOF"]
    unknown = api.ask("/v1/world/check?holder=Atlantis&place=CN")[2]
    assert unknown["type"] == "urn:aeo-mra:problem:unknown-administration"


def test_http_problems(api: Server) -> None:
    status, _, problem = api.ask("/v2/check")
    assert (status, problem["status"]) == (404, 404)
    assert "/v1/check" in problem["detail"]
    status, headers, _ = api.ask("/v1/check?place=DE", b"{}", method="POST")
    assert (status, set(headers["allow"].split(", "))) == (405, {"GET", "HEAD"})
    assert api.ask("/v1/check_many", b"{}", {"Content-Type": "text/plain"})[0] == 415
    assert api.ask("/v1/check_many", b"{", {"Content-Type": "application/json"})[0] == 400
    # deeper than the JSON parser recurses: refused as bad JSON, not a 500
    deep = b'{"places": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    status, _, problem = api.ask("/v1/check_many", deep, {"Content-Type": "application/json"})
    assert (status, problem["type"]) == (400, "urn:aeo-mra:problem:invalid-json")
    # a media type's name is case-insensitive
    body = b'{"places": ["DE"], "on": "2020-01-01"}'
    assert api.ask("/v1/check_many", body, {"Content-Type": "Application/JSON"})[0] == 200
    assert api.post("/v1/check_many", ["DE"])[0] == 400
    twice = b'{"places": ["DE"], "on": "2020-01-01", "places": ["FR"]}'
    status, _, problem = api.ask("/v1/check_many", twice, {"Content-Type": "application/json"})
    assert (status, problem["invalid_params"][0]["name"]) == (400, "places")
    assert problem["detail"] == "places is given 2 times; give it once"
    status, _, problem = api.post(
        "/v1/check_many", {"places": ["DE", "FR"], "on": [None, "2020-01-01"]}
    )
    assert (status, problem["invalid_params"][0]["name"]) == (400, "on[0]")
    assert problem["detail"] == (
        "on[0] is null: give every row a day, YYYY-MM-DD, or one day for all"
    )
    status, _, problem = api.post("/v1/check_many", {"places": ["DE"], "on": [20200101]})
    assert (status, problem["invalid_params"][0]["name"]) == (400, "on[0]")
    assert problem["detail"] == "on[0] must be a date in the form YYYY-MM-DD, not 20200101"


def test_an_empty_place_is_the_same_problem_in_a_query_and_a_body(api: Server) -> None:
    _, _, one = api.ask("/v1/check?place=%20&on=2020-01-01")
    status, _, many = api.post("/v1/check_many", {"places": ["DE", " "], "on": "2020-01-01"})
    assert status == 400
    assert one["type"] == many["type"] == "urn:aeo-mra:problem:invalid-parameter"
    assert (one["detail"], many["detail"]) == ("place is empty", "places[1] is empty")


def test_a_bad_place_names_its_row(api: Server) -> None:
    status, _, problem = api.post("/v1/check_many", {"places": ["DE", "FR", "Germny"]})
    assert (status, problem["invalid_params"][0]["name"]) == (400, "places[2]")
    assert problem["detail"].startswith("places[2]: 'Germny' names no place")
    assert problem["valid"] == ["Germany"]


@pytest.mark.parametrize(
    ("body", "name", "detail"),
    [
        ({"places": [None]}, "places[0]", "places[0]: the place is missing (None)"),
        ({"places": ["DE", 1.5]}, "places[1]", "places[1] must be a string or an integer"),
        ({"places": [True]}, "places[0]", "not True"),
        ({"places": ["DE"], "on": ["2020-01-01"] * 2}, "on", "on has 2 dates but places has 1"),
        # a tier is every row's: named as the parameter, as GET /v1/check names it
        ({"places": ["DE"], "on": "2024-01-01", "tier": "AA"}, "tier", "tier AA did not exist"),
    ],
)
def test_a_bad_row_is_the_client_s_fault(api: Server, body: object, name: str, detail: str) -> None:
    status, _, problem = api.post("/v1/check_many", body)
    assert (status, problem["invalid_params"][0]["name"]) == (400, name)
    assert detail in problem["detail"]


def test_limits(small: Server) -> None:
    assert small.ask("/v1/check?place=" + "D" * 200)[0] == 414
    assert small.post("/v1/check_many", {"places": ["DE"] * 4})[0] == 413
    assert small.post("/v1/check_many", {"places": ["DE"] * 3})[0] == 200
    assert small.post("/v1/check_many", {"places": ["Germany" * 100]})[0] == 413


def test_cors_only_when_configured(api: Server, small: Server) -> None:
    origin = {"Origin": "https://erp.example"}
    assert "access-control-allow-origin" not in api.ask("/v1/summary", headers=origin)[1]
    allowed = small.ask("/v1/summary", headers=origin)[1]
    assert allowed["access-control-allow-origin"] == "https://erp.example"
    other = small.ask("/v1/summary", headers={"Origin": "https://evil.example"})[1]
    assert "access-control-allow-origin" not in other


def test_a_bug_is_a_bare_500() -> None:
    def broken() -> Any:
        raise RuntimeError("secret internals")

    for server in serve(create_app(Registry(broken))):
        status, headers, problem = server.ask("/v1/check?place=DE")
        assert status == 500
        assert "secret" not in json.dumps(problem)
        assert headers["content-type"] == "application/problem+json"


def test_health(api: Server) -> None:
    status, _, data = api.ask("/health")
    assert (status, data["status"], data["version"]) == (200, "ok", aeo_mra.__version__)


@pytest.mark.parametrize("path", ["/health", "/openapi.json"])
def test_a_parameter_where_none_is_taken_is_refused_not_ignored(api: Server, path: str) -> None:
    status, headers, problem = api.ask(f"{path}?x=1")
    assert (status, headers["content-type"]) == (400, "application/problem+json")
    assert problem["invalid_params"] == [
        {"name": "x", "reason": f"unknown parameter 'x': {path} takes none"}
    ]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aeo_mra", *args], capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip


def test_serve_refuses_bad_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\n[[arrangement]]\nid = 3\n', encoding="utf-8")
    done = run_cli("serve", "--port", "1", "--data", str(bad))
    assert done.returncode == 2
    assert "problems in the dataset" in done.stderr or "problem in the dataset" in done.stderr
    assert "Uvicorn running" not in done.stderr
    missing = run_cli("serve", "--port", "1", "--data", str(tmp_path / "none.toml"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr


def test_serve_binds_loopback_by_default() -> None:
    from aeo_mra import _cli_parser

    args = _cli_parser.parser().parse_args(["serve"])
    assert (args.host, args.port, args.data, args.cors_origin) == ("127.0.0.1", 8000, None, [])


def test_serve_that_cannot_start_is_not_a_bug() -> None:
    # uvicorn ends a failed start with status 3, which is the command's status for a bug
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", str(port))
    assert done.returncode == 2
    assert f"could not start on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
    for bad in ("99999", "-1", "http"):
        refused = run_cli("serve", "--port", bad)
        assert refused.returncode == 2, refused.stderr
        assert "is not a port: give a number from 0 to 65535" in refused.stderr


def test_the_environment_s_data_file_must_be_readable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from aeo_mra import server

    monkeypatch.setenv(server.DATA_VARIABLE, str(tmp_path / "none.toml"))
    with pytest.raises(FileNotFoundError, match=r"AEO_MRA_DATA='.*none\.toml' cannot be read"):
        server.from_environment()


def test_the_docs_state_the_limits() -> None:
    from aeo_mra import _render, server

    limits = Limits()
    docs = Path(__file__).parent.parent / "docs"
    for page in ("server.md", "security.md"):
        text = " ".join((docs / page).read_text(encoding="utf-8").split())
        assert f"{limits.query:,} characters" in text, page
        assert f"{limits.body // 2**20} MiB" in text, page
        assert f"{limits.rows:,} rows" in text, page
    security = " ".join((docs / "security.md").read_text(encoding="utf-8").split())
    assert f"{server._RENDERED:,} rendered answers" in security
    assert f"{_render._DATED_KEPT:,} renderings" in security


def test_answers_of_one_span_share_their_rendering(registry: Registry) -> None:
    """Each answer is what to_dict gives, though its rendering is made once per span."""
    from aeo_mra._render import DatedAnswers, encode

    dated, check, asked = DatedAnswers(), ENDPOINTS[0], 0
    days = [date(2012, 1, 1) + timedelta(days=n) for n in range(0, 5_600, 29)]
    days += [registry.reviewed + timedelta(days=n) for n in (-1, 0, 1, 2)]
    for place in ["DE", "GB", "HK", "US", "SG", "BR", "Uganda"]:
        for role in Role:
            for tier in [None, "AA", "advanced_certified"]:
                for day in days:
                    given = {"place": place, "on": day.isoformat(), "role": role.value}
                    values = check.read({**given, "tier": tier} if tier else given)
                    try:
                        answer = check.answer_to(registry, values)
                    except Problem:  # the tier did not exist that day
                        continue
                    expected = encode(to_dict(answer))
                    assert dated.render(answer) == expected, (place, day, role)
                    assert dated.check(registry, check, values) == expected, (place, day, role)
                    asked += 1
    assert len(dated._spans) < asked / 3  # each rendering is shared by days


@pytest.mark.parametrize(
    "query",
    ["place=DE&on=2020-01-01", "place=C%C3%B4te+d%27Ivoire", "place=%E5%BE%B7%E5%9B%BD&role=",
     "a=1&&b=2", "place", "place=x=y", "on=2020-01-01&place=%2B"],
)  # fmt: skip
def test_queries_are_read_as_starlette_reads_them(query: str) -> None:
    from starlette.datastructures import QueryParams

    from aeo_mra._render import query_params

    assert query_params(query.encode()) == dict(QueryParams(query))


def test_world_questions_join_a_data_file_that_has_what_they_cite(tmp_path: Path) -> None:
    corrected = tmp_path / "corrected.toml"
    corrected.write_text(eu_a_year_later(), encoding="utf-8")
    question = "/v1/world/check?holder=CN&place=DE&on=2016-01-01"
    for server in serve(create_app(aeo_mra.load(corrected))):
        status, _, answer = server.ask(question)
        assert status == 200
        assert answer["verdict"] != to_dict(world.check("CN", "DE", on=date(2016, 1, 1)))["verdict"]


def test_world_questions_need_the_bundled_china_data() -> None:
    shapes = Path(__file__).parent / "data" / "shapes.toml"
    for server in serve(create_app(aeo_mra.load(shapes))):
        status, _, problem = server.ask("/v1/world/check?holder=EU&place=JP")
        assert (status, problem["type"]) == (404, "urn:aeo-mra:problem:world-unavailable")
        assert "problems in the dataset" not in problem["detail"]
        assert server.ask("/v1/check?place=DE&on=2020-01-01")[0] == 200


def test_world_questions_keep_no_registry_alive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's world questions keep its registry no longer than the server does, whether
    the world data joins its dataset or not; one it does not join is read once."""
    import gc
    import weakref

    from aeo_mra import _api

    joined = tmp_path / "corrected.toml"
    joined.write_text(eu_a_year_later(), encoding="utf-8")
    unjoined = Path(__file__).parent / "data" / "shapes.toml"
    read = []
    load = world.load
    monkeypatch.setattr(world, "load", lambda *a: read.append(a[0]) or load(*a))
    question = {"holder": "CN", "place": "DE", "on": date(2016, 1, 1)}
    for path, joins in ((joined, True), (unjoined, False)):
        registry = aeo_mra.load(path)
        for _ in range(2):
            if joins:
                assert _api.ask("world_check", registry, **question)["arrangement"]
            else:
                with pytest.raises(Problem, match="cannot join"):
                    _api.ask("world_check", registry, **question)
        gone = weakref.ref(registry)
        del registry
        gc.collect()
        assert gone() is None, path.name
    assert len(read) == 2  # once for each registry
