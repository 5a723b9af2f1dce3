"""The sources file, `opstap sources`, `opstap import NAME`, and the coordinator's import pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from importers.sources import SourcesError, load_sources, parse_sources
from matching.accounts import create_user
from matching.settings import Settings, load_settings
from tests.conftest import TEST_DATABASE_URL, Runner
from tests.importers.helpers import fixture, load_demo_postcodes

SOURCES = f"""
[[source]]
name = "gemeente-sport"
format = "csv"
location = "{fixture("sportclubs.csv")}"
kind = "club"
mapping = "{fixture("sportclubs.toml")}"
schedule = "0 6 * * *"

[[source]]
name = "zwembad-feed"
location = "{fixture("rpde-zoetermeer")}"
schedule = "*/15 * * * *"
enabled = false
"""


@pytest.fixture
def sources_settings(tmp_path: Path) -> Settings:
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    return load_settings(
        {},
        env="testing",
        instance_path=str(tmp_path),
        database_url=TEST_DATABASE_URL,
        sources_file=str(path),
    )


def test_the_sources_file_is_read_with_paths_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "a"\nlocation = "data/a.jsonl"\n\n[[source]]\nname = "b"\nlocation = "https://x.example/feed"\nformat = "openactive"\n',
        encoding="utf-8",
    )
    a, b = load_sources(tmp_path / "sources.toml")
    assert a.location == str(tmp_path / "data" / "a.jsonl") and a.enabled and a.schedule is None
    assert b.location == "https://x.example/feed" and b.format == "openactive"
    assert load_sources(tmp_path / "missing.toml") == []


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ({"name": "a", "location": "x", "schedule": "every day"}, "is not a cron line"),
        ({"name": "a", "location": "x", "format": "csv"}, "needs a mapping file"),
        ({"name": "a", "location": "x", "format": "pdf"}, "format 'pdf' is unknown"),
        ({"name": "a", "location": "x", "kind": "party"}, "kind 'party'"),
        ({"name": "a", "location": "x", "colour": "red"}, "unknown key(s) colour"),
        ({"location": "x"}, "give a name"),
        ({"name": "a"}, "give a location"),
        ({"name": "a", "location": "x", "enabled": "yes"}, "enabled must be true or false"),
    ],
)
def test_a_bad_source_is_refused_naming_the_entry(
    entry: dict[str, object], fragment: str, tmp_path: Path
) -> None:
    with pytest.raises(SourcesError) as info:
        parse_sources({"source": [entry]}, base=tmp_path)
    assert fragment in str(info.value)


def test_twice_the_same_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="used twice"):
        parse_sources(
            {"source": [{"name": "a", "location": "x"}, {"name": "a", "location": "y"}]},
            base=tmp_path,
        )


def test_cli_lists_sources_runs_one_by_name_and_shows_its_last_run(
    sources_settings: Settings, engine: Engine
) -> None:
    run = Runner(sources_settings, engine)
    listed = run("sources")
    assert listed.exit_code == 0
    assert "gemeente-sport\tcsv\tclub\t0 6 * * *" in listed.output and "never run" in listed.output
    assert "zwembad-feed\t(guess)\t-\t*/15 * * * * (off)" in listed.output
    load_demo_postcodes(engine)
    imported = run("import", "gemeente-sport")
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith(
        "gemeente-sport: added 3, updated 0, unchanged 0, retired 0, rejected 2"
    )
    assert "row 5: places_left: 'twee' is not a number" in imported.output
    listed = run("sources")
    assert "ok: +3 ~0 =0 -0 rejected 2" in listed.output
    feed = run("import", "zwembad-feed")  # disabled only means: not on the schedule
    assert feed.exit_code == 0 and "zwembad-feed: added 2" in feed.output


def test_cli_import_of_an_unknown_name_or_file_fails_clearly(
    sources_settings: Settings, engine: Engine
) -> None:
    result = Runner(sources_settings, engine)("import", "nergens")
    assert result.exit_code == 1 and "file not found: nergens" in result.output


def test_a_source_that_cannot_start_is_recorded_as_failed(
    sources_settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        f'[[source]]\nname = "kapot"\nformat = "csv"\nlocation = "x.csv"\nmapping = "{tmp_path / "none.toml"}"\n',
        encoding="utf-8",
    )
    settings = load_settings(
        {},
        env="testing",
        instance_path=str(tmp_path),
        database_url=TEST_DATABASE_URL,
        sources_file=str(broken),
    )
    run = Runner(settings, engine)
    result = run("import", "kapot")
    assert result.exit_code == 1 and "cannot read mapping" in result.output
    assert "FAILED: cannot read mapping" in run("sources").output


def _coordinator(engine: Engine) -> None:
    with Session(engine) as session:
        create_user(
            session,
            email="coordinator@example.org",
            role="coordinator",
            password="correct horse battery",
        )
        session.commit()


def test_the_import_pages_show_sources_runs_and_rejected_rows(
    sources_settings: Settings, engine: Engine, client: FlaskClient
) -> None:
    client.application.config["OPSTAP_SETTINGS"] = sources_settings
    load_demo_postcodes(engine)
    Runner(sources_settings, engine)("import", "gemeente-sport")
    anonymous = client.get("/en/coordinator/imports")
    assert anonymous.status_code in {302, 401, 403}
    _coordinator(engine)
    signed_in = client.post(
        "/en/account/sign-in",
        data={"email": "coordinator@example.org", "password": "correct horse battery"},
    )
    assert signed_in.status_code in {302, 303}
    page = client.get("/en/coordinator/imports")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "gemeente-sport" in html and "zwembad-feed" in html and "never run" in html
    assert "<td>3</td>" in html  # added
    detail = client.get("/en/coordinator/imports/runs/1")
    text = detail.get_data(as_text=True)
    assert detail.status_code == 200
    assert "places_left: &#39;twee&#39; is not a number" in text and "<td>5</td>" in text
    assert client.get("/en/coordinator/imports/runs/999").status_code == 404
