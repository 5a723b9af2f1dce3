"""`opstap export --format hsds`: valid HSDS 3, and read back by Opstap's HSDS importer onto the same items."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy.engine import Engine

from matching.publish.hsds import hsds_id
from matching.settings import Settings
from tests.conftest import Runner, shared_file
from tests.importers.helpers import do_import
from tests.publish.conftest import all_items, facts


@pytest.fixture
def exported(runner: Runner, demo: None, settings: Settings, tmp_path: Path) -> Path:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "demo-zoetermeer"\nlocation = "demo.jsonl"\n'
        'licence = "https://creativecommons.org/publicdomain/zero/1.0/"\nattribution = "Gemeente Zoetermeer (demo)"\n',
        encoding="utf-8",
    )
    object.__setattr__(settings, "sources_file", str(sources))
    folder = tmp_path / "hsds"
    result = runner("export", "--format", "hsds", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert "as HSDS 3" in result.output
    return folder


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(shared_file("hsds-schema", name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_organisation_validates_against_the_hsds_schema(exported: Path) -> None:
    page = json.loads((exported / "organizations.json").read_text(encoding="utf-8"))
    organization, service = _validator("organization.json"), _validator("service.json")
    assert page["total_items"] == len(page["contents"]) > 50
    for org in page["contents"]:
        errors = [f"{list(e.path)}: {e.message}" for e in organization.iter_errors(org)]
        assert not errors, errors[:5]
        for svc in org["services"]:
            errors = [f"{list(e.path)}: {e.message}" for e in service.iter_errors(svc)]
            assert not errors, errors[:5]


def test_a_broken_service_is_caught_by_the_schema(exported: Path) -> None:
    page = json.loads((exported / "organizations.json").read_text(encoding="utf-8"))
    service = page["contents"][0]["services"][0]
    service["status"] = "open"  # not an HSDS status
    service["id"] = "not-a-uuid"
    assert len(list(_validator("service.json").iter_errors(service))) == 2


def test_licence_and_attribution_of_each_source_are_in_the_export(exported: Path) -> None:
    from importers.registry import format_for_path

    # `opstap import DIR` (or its organizations.json) recognises the export without --format.
    assert (
        format_for_path(str(exported))
        == format_for_path(str(exported / "organizations.json"))
        == "hsds"
    )
    for name in ("organizations.json", "datapackage.json"):
        document = json.loads((exported / name).read_text(encoding="utf-8"))
        assert document["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
        assert document["sources"] == [
            {"title": "demo-zoetermeer", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
             "licence": "https://creativecommons.org/publicdomain/zero/1.0/",
             "attribution": "Gemeente Zoetermeer (demo)"}
        ]  # fmt: skip
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        with (exported / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]]


@pytest.mark.parametrize("form", ["organizations.json", "datapackage.json"])
def test_round_trip_through_the_hsds_importer_gives_the_same_items(
    form: str, exported: Path, engine: Engine, fresh_engine: Engine, settings: Settings
) -> None:
    originals = all_items(engine)
    result = do_import(fresh_engine, settings, exported / form, source="hsds", fmt="hsds")
    assert result.status == "success", result.error
    assert result.rejected == 0, result.rejections[:3]
    back = {o.source_id: o for o in all_items(fresh_engine)}
    expected = {hsds_id("sal", o.id): o for o in originals}
    assert set(back) == set(expected)  # the same ids (stable UUIDs of Opstap's ids)
    for key, original in expected.items():
        again = back[key]
        assert facts(again) == facts(original), original.id
        assert (again.kind, again.phase, again.dutch_level_min, again.status) == (
            original.kind,
            original.phase,
            original.dutch_level_min,
            original.status,
        )
        assert sorted(again.languages) == sorted(original.languages)


def test_export_to_a_file_instead_of_a_folder_is_refused(runner: Runner, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me", encoding="utf-8")
    result = runner("export", "--format", "hsds", "-o", str(target))
    assert result.exit_code == 2 and "folder" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"


def test_ids_are_rfc_4122_version_5_uuids() -> None:
    import uuid

    from matching.publish.hsds import NAMESPACE

    for kind, key in (
        ("service", 1),
        ("sal", 123456),
        ("organization", "Voetbal Delft"),
        ("attribute", "9:talent:ü"),
    ):
        assert hsds_id(kind, key) == str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))
