"""Plain data out: `to_dict` on every record, and the JSON Schemas shipped for its shapes."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from edited import eu_a_year_later

import aeo_mra
from aeo_mra import Registry, Role, When, codes, diff, home, json_schema, to_dict, world
from aeo_mra._jsonschema import shapes

DAYS = [date(2013, 1, 1), date(2016, 1, 1), date(2021, 6, 1), date(2026, 11, 1)]
PLACES = ["DE", "GB", "SG", "HK", "US", "BR", "TW", "ZA", "CU", "BI", "IR"]


def shipped(record: type) -> dict[str, Any]:
    path = resources.files("aeo_mra").joinpath("schemas", f"{record.__name__}.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def outputs(registry: Registry, changed: Registry) -> list[Any]:
    """Real answers of every shape, over places, days and roles that give every reason;
    ``changed`` is the registry the bundled data's changes are taken against."""
    found: list[Any] = [
        registry.check(place, day, role=role) for place in PLACES for day in DAYS for role in Role
    ]
    found += [registry.check_foreign("FR", tier, date(2020, 1, 1)) for tier in ("AEOS", "AEOC")]
    found += [*registry.dataset.arrangements, *registry.timeline()]
    found += [registry.summary(day, basis=basis) for day in DAYS for basis in aeo_mra.Basis]
    found += [codes.parse("SG123456789012"), codes.parse("AEOCN0123456789")]
    found += [codes.declaration("SG123456789012", day) for day in DAYS[1:]]
    found += [home.measures(on=day, where=where) for day in DAYS for where in (None, "Shenyang")]
    found += [
        home.compare(aeo_mra.Tier.ADVANCED_CERTIFIED, aeo_mra.Tier.GENERAL_CERTIFIED, day, where=w)
        for day in (date(2019, 6, 1), date(2021, 6, 1))
        for w in (None, "Shenyang")
    ]
    found += list(home.aeo_counts())
    found += [home.changes(before=date(2014, 11, 30), after=date(2014, 12, 1), where="Shenyang")]
    found += [*diff.facts(changed, registry), *diff.answers(changed, registry)[:20]]
    pairs = [("EU/AEOC", "JP"), ("EU/AEOS", "US"), ("KR", "US"), ("CN", "US"), ("JP", "CN")]
    found += [world.check(holder, place, on=day) for holder, place in pairs for day in DAYS]
    for day in DAYS:
        found += [*world.partners("US", on=day), *world.recognisers("EU/AEOS", on=day)]
        found += [world.summary(on=day), world.summary("KR", on=day)]
    graph = world.bundled()  # every arrangement of the world data, of each of the three kinds
    found += [*graph.bilaterals, *graph.plurilaterals, *graph.commons]
    return found


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """The bundled data with the EU arrangement implemented later."""
    text = (Path(aeo_mra.__file__).parent / "data" / "arrangements.toml").read_text("utf-8")
    path = tmp_path_factory.mktemp("data") / "changed.toml"
    path.write_text(eu_a_year_later(text), encoding="utf-8")
    return aeo_mra.load(path)


@pytest.mark.parametrize("record", shapes(), ids=lambda r: r.__name__)
def test_shipped_schemas_are_the_generated_ones(record: type) -> None:
    assert shipped(record) == json_schema(record), "run `python scripts/regenerate.py`"


def _descriptions(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        own = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return own + [d for value in schema.values() for d in _descriptions(value)]
    if isinstance(schema, list):
        return [d for value in schema for d in _descriptions(value)]
    return []


def test_shipped_schemas_describe_in_plain_text_without_the_docs_cross_references() -> None:
    root = Path(str(resources.files("aeo_mra").joinpath("schemas")))
    files = sorted(root.rglob("*.schema.json"))
    described = [
        (path.name, text)
        for path in files
        for text in _descriptions(json.loads(path.read_text("utf-8")))
    ]
    assert len(files) > 20
    assert any("`Measure`" in text for _, text in described)  # a cross-reference's words kept
    assert [(name, text) for name, text in described if "][" in text] == []


def test_real_outputs_validate(registry: Registry, changed: Registry) -> None:
    validators = {r: jsonschema.Draft202012Validator(shipped(r)) for r in shapes()}
    seen = set()
    for record in outputs(registry, changed):
        data = json.loads(json.dumps(to_dict(record)))  # plain: survives a round trip
        assert data == to_dict(record)
        validators[type(record)].validate(data)
        assert list(data) == list(json_schema(type(record))["properties"])  # nothing extra
        seen.add(type(record))
    assert seen == set(shapes())
    answers = [r for r in outputs(registry, changed) if isinstance(r, aeo_mra.Eligibility)]
    R = aeo_mra.Reason
    assert {a.reason for a in answers} >= {
        R.COVERED, R.NOT_A_PARTNER, R.NOT_YET_SIGNED, R.SIGNED_NOT_IMPLEMENTED,
        R.NO_LONGER_COVERED, R.TIER_NOT_RECOGNISED, R.ROLE_OUT_OF_SCOPE, R.SCOPE_UNKNOWN,
    }  # fmt: skip
    assert {a.verdict for a in answers} == set(aeo_mra.Verdict)


def test_a_schema_rejects_a_wrong_value() -> None:
    data = to_dict(aeo_mra.check("DE", date(2020, 5, 1)))
    validator = jsonschema.Draft202012Validator(shipped(aeo_mra.Eligibility))
    assert validator.is_valid(data)
    for key, wrong in [("reason", "maybe"), ("on", 20200501), ("place", "DE"), ("tier", 3)]:
        assert not validator.is_valid({**data, key: wrong}), key


def test_plain_values() -> None:
    answer = aeo_mra.check("DE", date(2020, 5, 1), role=Role.IMPORTER)
    data = to_dict(answer)
    assert (data["role"], data["confidence"], data["on"]) == ("importer", "high", "2020-05-01")
    assert data["arrangement"] == "EU"  # by id inside an answer
    assert data["place"] == attrs.asdict(answer.place)
    assert data["explanation"] == answer.explain()
    assert data["sources"][0]["kind"] == answer.sources[0].kind.value
    signed = aeo_mra.arrangement("SG").signed.value
    assert to_dict(signed) == {
        "earliest": "2012-06-01", "latest": "2012-06-30", "precision": "month", "text": "2012-06"
    }  # fmt: skip
    eu = to_dict(aeo_mra.arrangement("EU"))  # in full on its own
    assert eu["name"] == aeo_mra.arrangement("EU").name
    assert [s["id"] for s in eu["sources"]] == [s.id for s in aeo_mra.arrangement("EU").sources]


def test_a_new_field_flows_through() -> None:
    """The conversion and the schema are generic: a record's new fields need no change."""

    @attrs.frozen
    class Record:
        """A record.

        Attributes:
            when: A date.
            verdict: A verdict.
        """

        when: When
        verdict: aeo_mra.Reason | None

    record = Record(When.exact(date(2020, 1, 2)), aeo_mra.Reason.COVERED)
    data = to_dict(record)
    assert data == {
        "when": {"earliest": "2020-01-02", "latest": "2020-01-02", "precision": "day",
                 "text": "2020-01-02"},
        "verdict": "covered",
    }  # fmt: skip
    schema = json_schema(Record)
    jsonschema.validate(data, schema)
    assert schema["properties"]["verdict"]["description"] == "A verdict."


@pytest.mark.parametrize("wrong", [{"a": 1}, "DE", aeo_mra.Eligibility, None])
def test_only_records_convert(wrong: object) -> None:
    with pytest.raises(TypeError, match="record of aeo_mra"):
        to_dict(wrong)


@pytest.mark.parametrize("wrong", [dict, "Eligibility", aeo_mra.Reason])
def test_only_record_classes_have_schemas(wrong: Any) -> None:
    with pytest.raises(TypeError, match="record class"):
        json_schema(wrong)


@pytest.mark.parametrize("where", [None, "Shenyang"])
def test_a_measures_answer_lists_its_instruments_and_sources_once(where: str | None) -> None:
    answer = home.measures(on=date(2021, 6, 1), where=where)
    data = to_dict(answer)
    instruments = [i["id"] for i in data["instruments"]]
    sources = [s["id"] for s in data["sources"]]
    assert len(set(instruments)) == len(instruments)
    assert len(set(sources)) == len(sources)
    named = {m["measure"]["list"]["instrument"] for m in data["measures"]}
    assert named | {u["instrument"] for u in data["unknown"]} == set(instruments)
    cited = {id for m in data["measures"] for id in m["measure"]["sources"]}
    assert {s.id for s in answer.sources} <= set(sources)
    assert cited <= set(sources)
    text = json.dumps(data, ensure_ascii=False)
    for source in answer.sources:  # in full once; named by id elsewhere
        assert text.count(json.dumps(source.title, ensure_ascii=False)) == 1
    assert data["complete"] == answer.complete
    assert data["explanation"] == answer.explain()


def test_an_arrangement_lists_every_source_it_cites_once(registry: Registry) -> None:
    for arrangement in registry.dataset.arrangements:
        data = to_dict(arrangement)
        listed = [s["id"] for s in data["sources"]]
        assert sorted(listed) == sorted(s.id for s in arrangement.sources)
        assert all(isinstance(id, str) for id in data["signed"]["sources"])
        assert set(data["signed"]["sources"]) <= set(listed)
