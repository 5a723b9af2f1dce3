"""The shipped seed data: the taxonomy in eight languages and the Zoetermeer demo catalogue."""

from __future__ import annotations

import json
from collections import Counter

from sqlmodel import Session, func, select

from matching.models import Opportunity
from matching.schema import OpportunityIn
from matching.taxonomy import default_taxonomy
from matching.vocab import UI_LANGUAGES
from tests.conftest import Runner
from web.cli.serve import demo_files


def test_taxonomy_has_at_least_120_entries_in_every_language() -> None:
    taxonomy = default_taxonomy()
    talents = taxonomy.talents()
    assert len(talents) >= 120
    for entry in taxonomy.entries.values():
        assert all(entry.labels.get(lang) for lang in UI_LANGUAGES), entry.code
        if not entry.is_group:
            assert entry.group in taxonomy.entries and taxonomy.entries[entry.group].is_group
    for sport in (
        "football",
        "running",
        "athletics",
        "swimming",
        "cricket",
        "boxing",
        "volleyball",
        "chess",
    ):
        assert taxonomy.entries[sport].group == "sport"
    kinds = {e.serves["kind"] for e in talents if e.serves and "kind" in e.serves}
    assert kinds == {"club", "volunteer", "course", "workplace"}


def test_related_codes_exist() -> None:
    taxonomy = default_taxonomy()
    dangling = [(e.code, r) for e in taxonomy.talents() for r in e.related if r not in taxonomy]
    assert not dangling


def test_demo_catalogue_is_valid_and_varied() -> None:
    catalogue, _ = demo_files()
    lines = [
        json.loads(line)
        for line in catalogue.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    items = [OpportunityIn.model_validate(line) for line in lines]
    assert len(items) >= 150
    kinds = Counter(i.kind for i in items)
    assert all(kinds[k] >= 15 for k in ("club", "volunteer", "course", "workplace")), kinds
    assert any(i.audience == "women" for i in items)
    assert any(i.places_left == 0 for i in items)
    assert any(i.age_max is not None and i.age_max <= 18 for i in items)
    assert any(i.status == "withdrawn" for i in items)
    assert len({i.postcode[:4] for i in items if i.postcode}) >= 15
    taxonomy = default_taxonomy()
    unknown = {t for i in items for t in i.talents if t not in taxonomy}
    assert not unknown


def test_demo_loads_twice_without_change(runner: Runner, session: Session) -> None:
    first = runner("demo", "--no-serve")
    assert first.exit_code == 0, first.output
    count = session.exec(select(func.count()).select_from(Opportunity)).one()
    assert count >= 150
    second = runner("demo", "--no-serve")
    assert f"added 0, updated 0, unchanged {count}" in second.output
    assert session.exec(select(func.count()).select_from(Opportunity)).one() == count
