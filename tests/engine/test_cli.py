"""`opstap match PROFILE.json [--lang xx] [--limit N] [--json]`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.conftest import Runner
from tests.factories import ZOETERMEER, add_opportunity, add_postcode


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_match_prints_suggestions_with_reasons(
    runner: Runner, session: Session, tmp_path: Path
) -> None:
    add_postcode(session, "2711", *ZOETERMEER)
    add_opportunity(session, title="Voetbal op dinsdag", talents=["football"])
    profile = write(tmp_path, {"talents": ["كرة القدم"], "location": {"postcode": "2711"}})
    result = runner("match", profile, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Voetbal op dinsdag" in result.output
    assert "Matches your talent: Football" in result.output
    as_json = runner("match", profile, "--json", "--lang", "uk", "--limit", "1")
    doc = json.loads(as_json.stdout)
    assert set(doc) == {"suggestions", "not_understood"}
    assert doc["suggestions"][0]["reasons"][0]["text"].startswith("Відповідає")


def test_invalid_profile_exits_2_naming_the_field(runner: Runner, tmp_path: Path) -> None:
    result = runner(
        "match", write(tmp_path, {"location": {"lat": 52.0, "lon": 4.5}, "dutch_level": "B9"})
    )
    assert result.exit_code == 2
    assert "dutch_level" in result.output


def test_unreadable_profile_exits_2(runner: Runner, tmp_path: Path) -> None:
    assert runner("match", str(tmp_path / "missing.json")).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{talents: football", encoding="utf-8")
    result = runner("match", str(bad))
    assert result.exit_code == 2 and "not valid JSON" in result.output


def test_opstap_match_imports_no_flask(engine: Engine, session: Session, tmp_path: Path) -> None:
    """`opstap match` runs without the web app: not one Flask module is loaded on its way."""
    add_postcode(session, "2711", *ZOETERMEER)
    add_opportunity(session, title="Voetbal op dinsdag", talents=["football"])
    profile = write(tmp_path, {"talents": ["voetbal"], "location": {"postcode": "2711"}})
    script = (
        "import sys\n"
        "from web.cli import main\n"
        "try:\n"
        "    main(['match', sys.argv[1], '--json'])\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        "web = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    ('flask', 'flask_babel', 'flask_login', 'flask_wtf', 'flask_limiter', 'werkzeug'))\n"
        "print('WEB-MODULES', web, file=sys.stderr)\n"
        "sys.exit(3 if web else 0)\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "OPSTAP_INSTANCE": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, profile],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "WEB-MODULES []" in done.stderr, done.stderr
    assert done.returncode == 0
    assert "Voetbal op dinsdag" in json.loads(done.stdout)["suggestions"][0]["opportunity"]["title"]
