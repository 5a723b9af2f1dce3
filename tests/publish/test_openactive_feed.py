"""The OpenActive RPDE feed: read back by Opstap's own importer, and checked by OpenActive's validators."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.models import Opportunity
from matching.publish.common import activity_concepts
from matching.publish.openactive import publishable
from matching.settings import Settings
from tests.conftest import SHARED_DATA, shared_file
from tests.importers.helpers import do_import
from tests.publish.conftest import all_items, facts

FEED = "/openactive/rpde/session-series"


def test_round_trip_through_the_openactive_importer_gives_the_same_items(
    app: Flask,
    demo: None,
    live_server: str,
    engine: Engine,
    fresh_engine: Engine,
    settings: Settings,
) -> None:
    app.config["OPSTAP_RPDE_PAGE_SIZE"] = 7  # many pages: the importer must follow `next`
    originals = [o for o in all_items(engine) if o.kind == "club"]
    published = {str(o.id): o for o in originals if publishable(o)}
    assert len(published) >= 50 and len(published) < len(
        originals
    )  # withdrawn ones go out as deleted
    result = do_import(fresh_engine, settings, live_server + FEED, source="feed", fmt="openactive")
    assert result.status == "success", result.error
    assert result.rejected == 0, result.rejections[:3]
    back = {o.source_id: o for o in all_items(fresh_engine)}
    assert set(back) == set(published)  # the same ids
    concepts = activity_concepts()
    for opp_id, original in published.items():
        assert facts(back[opp_id])[:-1] == facts(original)[:-1], opp_id
        # OpenActive carries physical activities only (its Activity List): those talents come back.
        assert back[opp_id].talents == [t for t in original.talents if t in concepts], opp_id
    assert any(o.places_left is not None for o in back.values())
    assert any(o.audience == "women" for o in back.values())
    assert any(o.age_max is not None for o in back.values())


def test_paging_follows_modified_then_id_and_the_last_page_points_at_itself(
    app: Flask, demo: None, engine: Engine
) -> None:
    app.config["OPSTAP_RPDE_PAGE_SIZE"] = 10
    client = app.test_client()
    url, seen, keys = FEED, [], []
    for _ in range(50):
        page = client.get(url).get_json()
        assert page["license"] == "https://creativecommons.org/licenses/by/4.0/"
        if not page["items"]:
            assert page["next"].endswith(url.split("/session-series", 1)[1] or "session-series")
            break
        keys += [(i["modified"], int(i["id"])) for i in page["items"]]
        seen += page["items"]
        url = page["next"].split("localhost", 1)[1]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    deleted = [i for i in seen if i["state"] == "deleted"]
    assert deleted and all("data" not in i for i in deleted)
    with Session(engine) as session:
        withdrawn = session.exec(
            select(Opportunity).where(Opportunity.kind == "club", Opportunity.status == "withdrawn")
        ).all()
    assert {str(o.id) for o in withdrawn} <= {i["id"] for i in deleted}
    assert client.get(FEED + "?afterTimestamp=x").status_code == 400


def test_a_change_moves_the_item_to_the_end_of_the_feed(
    app: Flask, demo: None, engine: Engine
) -> None:
    from matching.catalogue import set_places_left

    client = app.test_client()
    first = client.get(FEED).get_json()["items"][0]
    with Session(engine) as session:
        set_places_left(session, opportunity_id=int(first["id"]), places_left=1)
        session.commit()
    url, last = FEED, None
    while True:
        page = client.get(url).get_json()
        if not page["items"]:
            break
        last = page["items"][-1]
        url = page["next"].split("localhost", 1)[1]
    assert last is not None and last["id"] == first["id"]
    assert last["data"]["subEvent"][0]["remainingAttendeeCapacity"] == 1


def _validator() -> Path:
    """OpenActive's validators, set up once (CI sets OPSTAP_OA_VALIDATOR); skips saying why when impossible."""
    ready = os.environ.get("OPSTAP_OA_VALIDATOR")
    if ready and (Path(ready) / "node_modules").exists():
        return Path(ready)
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip(
            "node and npm are not installed: OpenActive's validators cannot run (.ci/run installs them)"
        )
    source = SHARED_DATA.parent / "tools" / "openactive-validate"
    if not source.exists():
        pytest.skip(f"{source} is absent")
    target = Path("/tmp") / f"opstap-oa-validate-{os.getuid()}"
    if not (target / "node_modules").exists():
        shutil.copytree(source, target, dirs_exist_ok=True)
        done = subprocess.run(
            ["npm", "ci", "--silent", "--no-audit", "--no-fund"],
            cwd=target,
            capture_output=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(
                f"npm ci of the validators failed (no registry?): {done.stderr.decode()[-300:]}"
            )
    return target


def _run(validator: Path, *args: str) -> dict[str, object]:
    done = subprocess.run(
        ["node", "validate.js", *args], cwd=validator, capture_output=True, text=True, timeout=300
    )
    assert done.stdout.strip(), done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_openactive_validators_find_no_failures(app: Flask, demo: None, live_server: str) -> None:
    validator = _validator()
    activity_list = shared_file("openactive-activity-list", "activity-list.jsonld")
    app.config["OPSTAP_RPDE_PAGE_SIZE"] = 40
    items = _run(validator, "items", live_server + FEED, str(activity_list))
    assert items.get("items", 0) >= 50, items
    assert items["failures"] == 0, items["samples"]
    feed = _run(validator, "feed", live_server + FEED)
    assert feed["failures"] == 0, feed["samples"]


def test_every_mapped_activity_is_in_openactives_activity_list() -> None:
    published = json.loads(
        shared_file("openactive-activity-list", "activity-list.jsonld").read_text(encoding="utf-8")
    )
    labels = {c["id"]: c["prefLabel"] for c in published["concept"]}
    from matching.taxonomy import default_taxonomy

    mapped = activity_concepts()
    assert len(mapped) >= 25
    for code, concept in mapped.items():
        assert code in default_taxonomy().entries, code
        assert labels.get(concept["id"]) == concept["prefLabel"], code


def test_the_dataset_page_names_each_sources_licence_and_attribution(
    app: Flask, demo: None, settings: Settings, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "demo-zoetermeer"\nlocation = "demo.jsonl"\n'
        'licence = "https://creativecommons.org/licenses/by/4.0/"\nattribution = "Sportloket Zoetermeer"\n',
        encoding="utf-8",
    )
    object.__setattr__(settings, "sources_file", str(sources))
    dataset = app.test_client().get("/openactive/").get_json()
    assert dataset["@type"] == "Dataset" and dataset["license"] == settings.feed_licence
    assert dataset["distribution"][0]["contentUrl"].endswith(FEED)
    assert dataset["isBasedOn"] == [
        {"@type": "Dataset", "name": "demo-zoetermeer", "license": "https://creativecommons.org/licenses/by/4.0/",
         "creditText": "Sportloket Zoetermeer"}
    ]  # fmt: skip
