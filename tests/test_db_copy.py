"""`opstap db copy TARGET_URL`: a SQLite installation moves onto another database (PostgreSQL in CI)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.db import make_engine
from matching.migrate import upgrade
from matching.models import Opportunity, SourceRecord
from matching.settings import Settings
from tests.factories import add_opportunity
from web.cli import main as cli_main
from web.cli.common import Context


def test_db_copy_moves_everything_and_new_rows_get_new_ids(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    source = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(source)
    with Session(source) as session:
        ids = [add_opportunity(session, title=t).id for t in ("Voetbal", "Taalcafé", "Koken")]
    target_url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli_main, ["db", "copy", target_url], obj=Context(settings, source))
    assert result.exit_code == 0, result.output
    with Session(engine) as session:
        copied = session.exec(select(Opportunity).order_by(Opportunity.id)).all()
        assert [(o.id, o.title) for o in copied] == list(
            zip(ids, ["Voetbal", "Taalcafé", "Koken"], strict=True)
        )
        assert len(session.exec(select(SourceRecord)).all()) == 3
        newer = add_opportunity(
            session, title="Na de verhuizing"
        )  # the id sequence moved past the copies
        assert newer.id is not None and newer.id > max(i for i in ids if i is not None)
    again = CliRunner().invoke(cli_main, ["db", "copy", target_url], obj=Context(settings, source))
    assert (
        again.exit_code == 1 and "already has rows in" in again.output
    )  # never mixes two installations
    source.dispose()
