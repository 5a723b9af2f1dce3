"""What landing a run must do (PRODUCT §4), driven through importers.landing.Landing itself (the
writer of every database but PostgreSQL, which has PgLanding): a second source's listing joins the
first one's item and only fills its gaps, an item is withdrawn only once no source lists it, an
incomplete run retires nothing, deletions within a run, repeated and non-text ids refused on their
row, the exact counts, providers created once and unverified, timestamps, the catalogue version,
and batch writes (found by mutation testing of importers/landing.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

import importers.landing as landing_module
from importers.base import Adapter, Deleted, RawRecord, RowError
from importers.landing import BATCH, Counts, Landing
from importers.normalise import ItemContext
from importers.registry import build_context, make_adapter
from importers.runner import input_digest, run_import
from matching.catalogue import catalogue_version, export_line, set_listing_status
from matching.models import Opportunity, Provider, SourceRecord
from matching.settings import Settings
from tests.factories import ZOETERMEER, native_line
from tests.test_native_import import write_lines

# Two listings of one pool: the municipality's list (source "gemeente") and a booking feed.
POOL = native_line(id="1", title="Zwembad De Golf", description="", contact=None, places_left=5,
                   talents=["swimming"], provider="Gemeente Zoetermeer")  # fmt: skip
POOL_FEED = native_line(id="1", title="zwembad de golf", description="Banen en les",
                        contact="golf@example.org", places_left=2, talents=["running", "swimming"],
                        lat=ZOETERMEER[0] + 0.0003, provider="Feed BV")  # fmt: skip


@pytest.fixture
def context(engine: Engine, settings: Settings) -> ItemContext:
    return build_context(engine, settings=settings)


@dataclass
class Run:
    """One run of Landing on its own session, left open until the test ends (or commits it)."""

    landing: Landing
    session: Session
    context: ItemContext

    def take(self, *lines: dict[str, Any], first_row: int = 1) -> Run:
        for row, line in enumerate(lines, first_row):
            self.landing.take(row, line, input_digest(line, self.context.fingerprint))
        return self

    def finish(self, *, complete: bool = True) -> Counts:
        self.landing.finish(complete=complete)
        self.session.commit()
        return self.landing.counts


@pytest.fixture
def start(engine: Engine, context: ItemContext) -> Iterator[Any]:
    """start(source, dedup=True) -> a Run; dedup=True leaves Landing's own default in force."""
    sessions: list[Session] = []

    def _start(source: str, *, dedup: bool = True) -> Run:
        session = Session(engine)
        sessions.append(session)
        options = {} if dedup else {"dedup": False}
        return Run(Landing(session, source, context, **options), session, context)

    yield _start
    for session in sessions:
        session.close()


def land(start: Any, source: str, *lines: dict[str, Any], complete: bool = True) -> Counts:
    """One complete run of `source` with these lines."""
    return start(source).take(*lines).finish(complete=complete)


def items(engine: Engine) -> list[Opportunity]:
    with Session(engine) as session:
        return list(session.exec(select(Opportunity).order_by(Opportunity.id)))


def records(engine: Engine) -> dict[tuple[str, str], SourceRecord]:
    with Session(engine) as session:
        return {(r.source, r.source_id): r for r in session.exec(select(SourceRecord))}


def version(engine: Engine) -> int:
    with Session(engine) as session:
        return catalogue_version(session)


# -- the same item from two sources ------------------------------------------------------------


def test_a_second_source_joins_the_first_ones_item_and_fills_its_gaps(
    engine: Engine, start: Any
) -> None:
    """A booking feed's listing of the municipality's pool merges into it: gaps filled, places given."""
    assert land(start, "gemeente", POOL) == Counts(added=1)
    (before,) = items(engine)
    seen = version(engine)
    assert land(start, "feed", POOL_FEED) == Counts(added=1, merged=1)
    (pool,) = items(engine)
    assert (pool.id, pool.source, pool.source_id, pool.title) == (
        before.id, "gemeente", "1", "Zwembad De Golf"
    )  # fmt: skip
    assert (pool.description, pool.contact, pool.places_left) == (
        "Banen en les", "golf@example.org", 2
    )  # fmt: skip
    assert pool.talents == ["swimming", "running"] and pool.status == "active"
    assert pool.updated_at > before.updated_at
    listing = records(engine)[("feed", "1")]
    assert (listing.opportunity_id, listing.listed) == (pool.id, True)
    assert listing.first_seen == listing.last_seen > before.updated_at
    assert version(engine) == seen + 1


def test_the_second_source_changing_its_listing_never_overwrites_the_item(
    engine: Engine, start: Any
) -> None:
    """A joined listing that changes still only fills gaps and gives places; title and provider stay."""
    land(start, "gemeente", POOL)
    land(start, "feed", POOL_FEED)
    (joined,) = items(engine)
    seen = version(engine)
    changed = {**POOL_FEED, "title": "Golfbad (nieuw)", "places_left": 0, "age_min": 6,
               "provider": "Ander BV"}  # fmt: skip
    assert land(start, "feed", changed) == Counts(updated=1)
    (pool,) = items(engine)
    assert (pool.title, pool.provider_name, pool.places_left, pool.age_min) == (
        "Zwembad De Golf", "Gemeente Zoetermeer", 0, 6
    )  # fmt: skip
    assert pool.updated_at > joined.updated_at and version(engine) == seen + 1
    with Session(engine) as session:
        names = set(session.exec(select(Provider.name)))
    assert names == {"Gemeente Zoetermeer"}  # a joined listing's provider is not created
    # The next run of the same listing is unchanged.
    assert land(start, "feed", changed) == Counts(unchanged=1)


def test_a_joined_listing_that_no_longer_gives_anything_new_changes_nothing_but_its_record(
    engine: Engine, start: Any
) -> None:
    """A changed joined listing with nothing to fill leaves the item's row (and updated_at) alone."""
    land(start, "gemeente", {**POOL, "description": "Al gevuld", "places_left": None})
    land(start, "feed", {**POOL_FEED, "places_left": None})
    (before,) = items(engine)
    assert land(start, "feed", {**POOL_FEED, "places_left": None, "title": "Anders"}) == Counts(
        updated=1
    )
    (after,) = items(engine)
    assert after.updated_at == before.updated_at and after.title == "Zwembad De Golf"


def test_a_joined_item_deleted_under_the_run_raises_a_row_error(engine: Engine, start: Any) -> None:
    """The update of a joined listing whose item was deleted mid-run fails with words, not a crash."""
    land(start, "gemeente", POOL)
    land(start, "feed", POOL_FEED)
    (pool,) = items(engine)
    run = start("feed")
    run.session.execute(delete(SourceRecord).where(SourceRecord.opportunity_id == pool.id))
    run.session.execute(delete(Opportunity).where(Opportunity.id == pool.id))
    run.take({**POOL_FEED, "places_left": 1})
    with pytest.raises(RowError) as raised:
        run.landing.flush()
    assert str(raised.value) == f"the matching item {pool.id} disappeared during the run"


def test_two_sources_with_the_same_ids_keep_their_own_items(engine: Engine, start: Any) -> None:
    """Row "1" of the library's list is not row "1" of the municipality's: each listing has its item."""
    land(start, "gemeente", native_line(id="1", title="Zwembad De Golf"))
    assert land(start, "bibliotheek", native_line(id="1", title="Taalcafé")) == Counts(added=1)
    owners = {key: r.opportunity_id for key, r in records(engine).items()}
    titles = {o.id: (o.source, o.title) for o in items(engine)}
    assert titles[owners[("bibliotheek", "1")]] == ("bibliotheek", "Taalcafé")
    assert titles[owners[("gemeente", "1")]] == ("gemeente", "Zwembad De Golf")


def test_merging_can_be_switched_off(engine: Engine, start: Any) -> None:
    """With dedup off, the same pool from a second source is a second item."""
    land(start, "gemeente", POOL)
    assert start("feed", dedup=False).take(POOL_FEED).finish() == Counts(added=1)
    assert [o.source for o in items(engine)] == ["gemeente", "feed"]


def test_one_source_never_joins_two_of_its_listings_to_one_item(engine: Engine, start: Any) -> None:
    """A source's second listing of the same name is its own item, in the same run and in a later one."""
    land(start, "gemeente", POOL)
    twin = {**POOL_FEED, "id": "2"}
    assert land(start, "feed", POOL_FEED, twin) == Counts(added=2, merged=1)
    third = {**POOL_FEED, "id": "3"}
    assert land(start, "feed", POOL_FEED, twin, third) == Counts(added=1, unchanged=2)
    owners = {(r.source, r.source_id): r.opportunity_id for r in records(engine).values()}
    assert owners[("feed", "1")] == owners[("gemeente", "1")]
    assert len({owners[("feed", "2")], owners[("feed", "3")], owners[("feed", "1")]}) == 3


# -- withdrawals ------------------------------------------------------------------------------


def test_an_item_is_withdrawn_only_once_no_source_lists_it(engine: Engine, start: Any) -> None:
    """The feed dropping the pool leaves it active (the municipality lists it); both dropping it withdraws it."""
    land(start, "gemeente", POOL)
    land(start, "feed", POOL_FEED)
    seen = version(engine)
    assert land(start, "feed") == Counts(retired=1)
    (pool,) = items(engine)
    assert pool.status == "active" and version(engine) == seen + 1
    assert not records(engine)[("feed", "1")].listed
    assert land(start, "gemeente") == Counts(retired=1)
    (gone,) = items(engine)
    assert gone.status == "withdrawn" and gone.updated_at > pool.updated_at
    assert land(start, "gemeente") == Counts()  # already retired: nothing to count


def test_an_incomplete_run_retires_nothing(engine: Engine, start: Any) -> None:
    """Items missing from a run that did not read the whole source stay listed."""
    keep, other = native_line(id="keep"), native_line(id="other")
    land(start, "clubs", keep, other)
    assert land(start, "clubs", keep, complete=False) == Counts(unchanged=1)
    assert {o.status for o in items(engine)} == {"active"}
    assert all(r.listed for r in records(engine).values())


def test_a_changed_line_rewrites_its_item_in_place(engine: Engine, start: Any) -> None:
    """The source's own item takes the new values; updated_at and the listing's last_seen move on."""
    line = native_line(id="a", title="Oude naam", places_left=5)
    land(start, "clubs", line)
    (before,), listing = items(engine), records(engine)[("clubs", "a")]
    assert land(start, "clubs", {**line, "title": "Nieuwe naam"}) == Counts(updated=1)
    (after,), relisted = items(engine), records(engine)[("clubs", "a")]
    assert (after.id, after.title, after.places_left) == (before.id, "Nieuwe naam", 5)
    assert after.updated_at > before.updated_at and after.first_seen == before.first_seen
    assert relisted.last_seen > listing.last_seen and relisted.first_seen == listing.first_seen


@pytest.mark.parametrize("change", ["add", "update", "retire", "nothing"])
def test_each_kind_of_change_moves_the_catalogue_version_once(
    engine: Engine, start: Any, change: str
) -> None:
    """Adding, updating or retiring moves the version the match index reloads on; no change does not."""
    line = native_line(id="a", places_left=5)
    land(start, "clubs", line)
    seen = version(engine)
    lines = {
        "add": [line, native_line(id="b")], "update": [{**line, "places_left": 4}],
        "retire": [], "nothing": [line],
    }[change]  # fmt: skip
    land(start, "clubs", *lines)
    assert version(engine) == seen + (change != "nothing")


def test_a_relisted_item_is_active_again_and_unchanged_after(engine: Engine, start: Any) -> None:
    """Retired, listed again (updated, active), then the same file again: unchanged."""
    keep, back = native_line(id="keep"), native_line(id="back")
    land(start, "clubs", keep, back)
    assert land(start, "clubs", keep) == Counts(unchanged=1, retired=1)
    assert land(start, "clubs", keep, back) == Counts(updated=1, unchanged=1)
    assert {o.source_id: o.status for o in items(engine)} == {"keep": "active", "back": "active"}
    seen = version(engine)
    assert land(start, "clubs", keep, back) == Counts(unchanged=2)
    assert version(engine) == seen  # nothing changed: the match index keeps its version


def test_deletions_within_one_run(engine: Engine, start: Any) -> None:
    """A feed may add or change an item and delete it later in the same run; unknown ids pass."""
    changed = native_line(id="changed", places_left=1)
    land(start, "feed", changed)
    run = start("feed").take(native_line(id="new"), {**changed, "places_left": 0})
    run.landing.retire(["never-listed", "new"])
    run.landing.retire(["changed"])
    assert run.finish() == Counts(added=1, updated=1, retired=2)
    assert {o.source_id: o.status for o in items(engine)} == {
        "changed": "withdrawn", "new": "withdrawn"
    }  # fmt: skip
    assert not any(r.listed for r in records(engine).values())


def test_a_joined_listing_deleted_in_the_same_run_leaves_the_item_to_the_other_source(
    engine: Engine, start: Any
) -> None:
    """The feed joins the pool and deletes it in one run: its listing is gone, the pool stays."""
    land(start, "gemeente", POOL)
    run = start("feed").take(POOL_FEED)
    run.landing.retire(["1"])
    assert run.finish() == Counts(added=1, merged=1, retired=1)
    listings = records(engine)
    assert (listings[("feed", "1")].listed, listings[("gemeente", "1")].listed) == (False, True)
    assert [o.status for o in items(engine)] == ["active"]


def test_a_run_withdraws_only_the_items_it_stopped_listing(engine: Engine, start: Any) -> None:
    """An item put back by hand after its source dropped it is not withdrawn by another source's run."""
    land(start, "gemeente", native_line(id="a"))
    land(start, "gemeente")
    with Session(engine) as session:
        put_back = session.exec(select(Opportunity)).one()
        set_listing_status(session, opp=put_back, withdrawn=False)
        session.commit()
    land(start, "feed", native_line(id="b"))
    assert land(start, "feed") == Counts(retired=1)
    assert {o.source: o.status for o in items(engine)} == {
        "gemeente": "active", "feed": "withdrawn"
    }  # fmt: skip


def test_a_run_that_only_retires_changes_the_catalogue_version(engine: Engine, start: Any) -> None:
    """A deletion alone is a change the match index must see; a deleted id is not retired twice."""
    kept = native_line(id="y")
    land(start, "feed", native_line(id="x"), kept)
    seen = version(engine)
    run = start("feed").take(kept)
    run.landing.retire(["x"])
    assert run.finish() == Counts(unchanged=1, retired=1)
    assert version(engine) == seen + 1


# -- unchanged listings -----------------------------------------------------------------------


def test_an_unchanged_listing_is_confirmed_without_being_rewritten(
    engine: Engine, start: Any
) -> None:
    """The second run of the same lines counts them unchanged and moves only their last_seen."""
    lines = [native_line(id="a"), native_line(id="b")]
    land(start, "clubs", *lines)
    before, first = items(engine), records(engine)
    seen = version(engine)
    assert land(start, "clubs", *lines) == Counts(unchanged=2)
    after, second = items(engine), records(engine)
    assert [o.updated_at for o in after] == [o.updated_at for o in before]
    for key, record in second.items():
        assert record.first_seen == first[key].first_seen
        assert record.last_seen > first[key].last_seen
    assert version(engine) == seen


def test_the_quick_check_of_an_unchanged_row(engine: Engine, start: Any) -> None:
    """unchanged(): only a listed record with the same digest, once per run; else the row is mapped."""
    land(start, "clubs", native_line(id="a"), native_line(id="b"), native_line(id="gone"))
    land(start, "clubs", native_line(id="a"), native_line(id="b"))
    known = {sid: k.digest for sid, k in start("clubs").landing.known.items()}
    run = start("clubs")
    assert not run.landing.unchanged(1, "a", "another digest")
    assert not run.landing.unchanged(1, "unknown", known["a"])
    assert not run.landing.unchanged(1, "gone", known["gone"])  # retired: take() relists it
    assert run.landing.unchanged(1, "b", known["b"])
    assert run.landing.unchanged(2, "a", known["a"])
    assert not run.landing.unchanged(3, "a", known["a"])  # twice in one file: take() says so
    with pytest.raises(RowError, match=r"first at row 2\)"):
        run.take(native_line(id="a"), first_row=3)
    first = records(engine)[("clubs", "a")].last_seen
    assert run.finish(complete=False) == Counts(unchanged=2)
    assert records(engine)[("clubs", "a")].last_seen > first


@pytest.mark.parametrize(
    ("first", "again"),
    [("a", "a"), (7, "7"), ("7", 7), ("x1", " x1 ")],
)
def test_an_id_twice_in_one_source_is_rejected_naming_the_first_row(
    start: Any, first: Any, again: Any
) -> None:
    """The second line with the same id (as text, number or padded) is refused; the first one stays."""
    run = start("clubs").take(native_line(id=first), native_line(id="other"))
    with pytest.raises(RowError) as raised:
        run.take(native_line(id=again), first_row=3)
    assert str(raised.value) == (
        f"id: {str(first).strip()!r} appears twice in this source (first at row 1)"
    )
    assert run.finish() == Counts(added=2)


@pytest.mark.parametrize("odd", [None, True, 1.5, ["x"]])
def test_an_id_that_is_not_text_is_refused_for_itself_never_as_a_repeat(
    start: Any, odd: Any
) -> None:
    """null, true, 1.5 or a list as id: the row is refused for its id, not as a repeat of 'None' etc."""
    texts = [native_line(id=text) for text in ("None", "True", "1.5", "['x']", "XXXX")]
    run = start("clubs").take(*texts)
    with pytest.raises(RowError) as raised:
        run.take(native_line(id=odd), first_row=6)
    assert str(raised.value).startswith("id: ") and "appears twice" not in str(raised.value)
    assert run.finish() == Counts(added=5)


def test_rows_with_true_as_id_are_refused_and_the_good_rows_land(
    engine: Engine, settings: Settings, tmp_path: Any
) -> None:
    """Two lines with "id": true once failed the whole run (both became 'True'); now each is refused."""
    path = write_lines(
        tmp_path / "c.jsonl", [native_line(id=True), native_line(id=True), native_line(id="ok")]
    )
    context = build_context(engine, settings=settings)
    result = run_import(engine, adapter=make_adapter(str(path)), source="c", context=context)
    assert (result.status, result.added) == ("success", 1)
    assert [(r.row, r.reason) for r in result.rejections] == [
        (1, "id: must be text, got true"), (2, "id: must be text, got true")
    ]  # fmt: skip


def test_an_id_twice_is_rejected_when_it_was_unchanged_too(engine: Engine, start: Any) -> None:
    """A line repeated in a re-imported file: the first is unchanged, the repeat refused."""
    line = native_line(id="a")
    land(start, "clubs", line)
    run = start("clubs").take(native_line(id="b"), line)
    with pytest.raises(
        RowError, match=r"^id: 'a' appears twice in this source \(first at row 2\)$"
    ):
        run.take(line, first_row=3)
    assert run.finish() == Counts(added=1, unchanged=1)


def test_an_export_reimported_is_unchanged_and_remembered_in_its_new_form(
    engine: Engine, start: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An updated item exported and imported again is unchanged, and the run after does not re-read it."""
    line = native_line(id="a", places_left=5)
    land(start, "clubs", line)
    land(start, "clubs", {**line, "places_left": 3})
    (item,) = items(engine)
    export = export_line(item)
    first = records(engine)[("clubs", "a")].last_seen
    assert land(start, "clubs", export) == Counts(unchanged=1)
    assert records(engine)[("clubs", "a")].last_seen > first
    assert [o.updated_at for o in items(engine)] == [item.updated_at]
    validated: list[dict[str, Any]] = []

    def counting(data: dict[str, Any]) -> Any:
        validated.append(data)
        return original(data)

    original = landing_module.validate_line
    monkeypatch.setattr(landing_module, "validate_line", counting)
    assert land(start, "clubs", export) == Counts(unchanged=1)
    assert validated == []


# -- providers --------------------------------------------------------------------------------


def test_providers_are_created_once_unverified_and_reused(engine: Engine, start: Any) -> None:
    """New provider names become unverified providers, once; a known provider keeps its row; blank is none."""
    with Session(engine) as session:
        session.add(Provider(name="Bekende club", verified=True))
        session.commit()
    lines = [
        native_line(id="a", provider="Nieuwe club"),
        native_line(id="b", provider="Nieuwe club"),
        native_line(id="c", provider="Bekende club"),
        native_line(id="d", provider=""),
    ]
    land(start, "clubs", *lines)
    land(start, "clubs", *lines[:3], {**lines[3], "provider": "Later erbij"})
    with Session(engine) as session:
        providers = {p.name: p for p in session.exec(select(Provider))}
        owners = dict(session.exec(select(Opportunity.source_id, Opportunity.provider_id)).all())
    assert set(providers) == {"Bekende club", "Nieuwe club", "Later erbij"}
    assert [providers[n].verified for n in ("Bekende club", "Nieuwe club", "Later erbij")] == [
        True, False, False
    ]  # fmt: skip
    assert owners == {
        "a": providers["Nieuwe club"].id, "b": providers["Nieuwe club"].id,
        "c": providers["Bekende club"].id, "d": providers["Later erbij"].id,
    }  # fmt: skip
    assert providers["Later erbij"].created_at > providers["Nieuwe club"].created_at


def test_a_blank_provider_is_no_provider(engine: Engine, start: Any) -> None:
    """An item without a provider name gets no provider, not even a nameless row already there."""
    with Session(engine) as session:
        session.add(Provider(name=""))
        session.commit()
    land(start, "clubs", native_line(id="a", provider=""))
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Provider)).one() == 1
        assert session.exec(select(Opportunity.provider_id)).one() is None


# -- batches ----------------------------------------------------------------------------------


def _spread(n: int, **overrides: Any) -> list[dict[str, Any]]:
    """n lines with their own names, each at its own place around Zoetermeer."""
    return [
        native_line(id=f"b{i}", title=f"Batchclub {i}", lat=52.0 + (i // 40) * 0.002,
                    lon=4.4 + (i % 40) * 0.003, **overrides)
        for i in range(n)
    ]  # fmt: skip


def _count(run: Run, model: Any, *where: Any) -> int:
    return int(run.session.exec(select(func.count()).select_from(model).where(*where)).one())


def test_adds_are_written_every_thousand_records(engine: Engine, start: Any) -> None:
    """A large run holds at most BATCH pending new items: the thousandth is written at once."""
    lines = _spread(BATCH)
    run = start("clubs", dedup=False).take(*lines[:-1])
    assert _count(run, Opportunity) == 0
    run.take(lines[-1], first_row=BATCH)
    assert _count(run, Opportunity) == BATCH
    assert run.finish() == Counts(added=BATCH)


def test_updates_are_written_every_thousand_records(engine: Engine, start: Any) -> None:
    """A large run holds at most BATCH pending updates."""
    lines = _spread(BATCH, places_left=5)
    land(start, "clubs", *lines)
    run = start("clubs").take(*[{**line, "places_left": 0} for line in lines[:-1]])
    assert _count(run, Opportunity, Opportunity.places_left == 0) == 0
    run.take({**lines[-1], "places_left": 0}, first_row=BATCH)
    assert _count(run, Opportunity, Opportunity.places_left == 0) == BATCH
    assert run.finish() == Counts(updated=BATCH)


def test_joined_listings_are_written_every_thousand_records(engine: Engine, start: Any) -> None:
    """A large second source holds at most BATCH pending joined listings."""
    lines = _spread(BATCH)
    land(start, "gemeente", *lines)
    run = start("feed").take(*lines[:-1])
    assert _count(run, SourceRecord, SourceRecord.source == "feed") == 0
    run.take(lines[-1], first_row=BATCH)
    assert _count(run, SourceRecord, SourceRecord.source == "feed") == BATCH
    assert run.finish() == Counts(added=BATCH, merged=BATCH)


def test_every_listing_remembered_in_a_new_form_is_written_whatever_the_batch_size(
    engine: Engine, start: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five lines said differently, written two at a time: none of them is re-read on the next run."""
    monkeypatch.setattr(landing_module, "BATCH", 2)
    lines = [native_line(id=f"r{i}") for i in range(5)]
    land(start, "clubs", *lines)
    reworded = [{**line, "source": "elders"} for line in lines]  # as an export writes it
    assert land(start, "clubs", *reworded) == Counts(unchanged=5)
    validated: list[dict[str, Any]] = []
    original = landing_module.validate_line
    monkeypatch.setattr(
        landing_module, "validate_line", lambda data: validated.append(data) or original(data)
    )
    assert land(start, "clubs", *reworded) == Counts(unchanged=5)
    assert validated == []


class _AddThenDelete(Adapter):
    """A feed that lists an item and deletes it later in the same run (RPDE pages read mid-change)."""

    format = "test-add-then-delete"

    def read(self) -> Iterator[RawRecord]:
        yield RawRecord(1, native_line(id="new", title="Nieuw zwemuur"))
        yield RawRecord(2, Deleted("new"))

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        data: dict[str, Any] | Deleted = record.data
        return data


def test_an_item_added_and_deleted_in_one_run_ends_withdrawn_on_every_database(
    engine: Engine, context: ItemContext
) -> None:
    """Through run_import, so PostgreSQL's bulk landing (PgLanding) is held to the same rule."""
    result = run_import(engine, adapter=_AddThenDelete("feed"), source="feed", context=context)
    assert (result.status, result.added, result.retired) == ("success", 1, 1)
    with Session(engine) as session:
        [item] = session.exec(select(Opportunity).where(Opportunity.source == "feed")).all()
        assert item.status == "withdrawn"
