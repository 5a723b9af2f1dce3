"""Every process caches the coordinator's taxonomy per database and rebuilds it when it changes."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.taxonomy_store import TaxonomyEdit, TaxonomyState, current_taxonomy, save_entry
from matching.vocab import UI_LANGUAGES


def _add(engine: Engine, code: str) -> None:
    with Session(engine) as session:
        taxonomy = current_taxonomy(engine, session)
        labels = {lang: code.title() for lang in UI_LANGUAGES}
        save_entry(session, taxonomy=taxonomy, code=code, group="sport", labels=labels)
        session.commit()


def test_a_restored_database_at_the_same_version_is_not_served_the_old_taxonomy(
    engine: Engine,
) -> None:
    """After a restore (or emptying) and a new edit, the version number repeats; the cache must not."""
    _add(engine, "kabaddi")
    assert "kabaddi" in current_taxonomy(engine)
    with Session(engine) as session:  # back to a backup made before any edit
        session.execute(delete(TaxonomyEdit))
        session.execute(delete(TaxonomyState))
        session.commit()
    _add(engine, "sepak_takraw")
    taxonomy = current_taxonomy(engine)
    assert "sepak_takraw" in taxonomy and "kabaddi" not in taxonomy
