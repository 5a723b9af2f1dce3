"""The catalogue side of one run, in one transaction: batched inserts and updates, preloaded lookups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, exists, update
from sqlmodel import Session, col, select

from importers.base import RowError
from importers.bulk import chunks, fast_insert
from importers.dedup import DedupIndex, merged_values
from importers.normalise import ItemContext, content_hash, item_values, validate_line
from matching.catalogue import bump_version
from matching.models import Opportunity, Provider, SourceRecord, utcnow

BATCH = 1000


@dataclass
class Counts:
    """Running totals of one run."""

    added: int = 0
    merged: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0


@dataclass
class _Known:
    record_id: int
    opportunity_id: int
    digest: str
    listed: bool
    primary: (
        bool  # True when this source brought the item in (else it joined another source's item)
    )
    values_hash: str = (
        ""  # the item's content hash, for input that changed in form but not in meaning
    )


class Landing:
    """Takes mapped records and lands them; nothing is committed here (the run commits once)."""

    def __init__(
        self, session: Session, source: str, context: ItemContext, *, dedup: bool = True
    ) -> None:
        self.session = session
        self.source = source
        self.context = context
        self.dedup = dedup
        self.counts = Counts()
        self.now = utcnow()
        self.seen: dict[str, int] = {}  # source_id -> row where first seen in this run
        self.touched: list[int] = []  # SourceRecord ids listed again, unchanged
        self.redigest: list[dict[str, Any]] = []  # unchanged items whose input changed in form only
        self.changed = False
        self._adds: list[tuple[str, dict[str, Any], str]] = []
        self._merges: list[tuple[int, str, dict[str, Any], str]] = []
        self._updates: list[tuple[_Known, dict[str, Any], str]] = []
        self._index: DedupIndex | None = None
        self.providers: dict[str, int] = {
            name: pid
            for pid, name in session.exec(select(Provider.id, Provider.name))
            if pid is not None
        }
        query = (
            select(  # type: ignore[call-overload]
                SourceRecord.source_id,
                SourceRecord.id,
                SourceRecord.opportunity_id,
                SourceRecord.content_hash,
                SourceRecord.listed,
                Opportunity.source,
                Opportunity.source_id,
                Opportunity.content_hash,
            )
            .join(Opportunity, col(Opportunity.id) == col(SourceRecord.opportunity_id))
            .where(SourceRecord.source == source)
        )
        self.known: dict[str, _Known] = {
            sid: _Known(rid or 0, oid, digest, listed, osrc == source and osid == sid, vhash)
            for sid, rid, oid, digest, listed, osrc, osid, vhash in session.exec(query)
        }
        self.claimed: set[int] = {k.opportunity_id for k in self.known.values()}

    # -- taking records -------------------------------------------------------------------------

    def unchanged(self, row: int, source_id: str, digest: str) -> bool:
        """True (and counted) when this source listed the same record last time; else take() follows."""
        known = self.known.get(source_id)
        if known is None or known.digest != digest or not known.listed or source_id in self.seen:
            return False
        self.seen[source_id] = row
        self.counts.unchanged += 1
        self.touched.append(known.record_id)
        return True

    def take(self, row: int, mapped: dict[str, Any], digest: str) -> None:
        """Land one mapped record: unchanged, added (or merged), or updated; RowError when it is bad."""
        raw_id = mapped.get("id")
        source_id = (
            str(raw_id).strip()
            if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool)
            else ""
        )
        if source_id and source_id in self.seen:
            raise RowError(
                f"id: {source_id!r} appears twice in this source (first at row {self.seen[source_id]})"
            )
        known = self.known.get(source_id) if source_id else None
        if known is not None and known.digest == digest and known.listed:
            self.seen[source_id] = row
            self.counts.unchanged += 1
            self.touched.append(known.record_id)
            return
        item = validate_line(mapped)
        values = item_values(item, context=self.context)
        self.seen[item.id] = row
        if known is None:
            self._add(item.id, values, digest)
        elif known.primary and known.listed and content_hash(values) == known.values_hash:
            # Same item, said differently (e.g. an export re-imported): unchanged, remember the new form.
            self.counts.unchanged += 1
            known.digest = digest
            self.redigest.append(
                {"id": known.record_id, "content_hash": digest, "last_seen": self.now}
            )
        else:
            self._updates.append((known, values, digest))
            known.digest, known.listed, known.values_hash = digest, True, content_hash(values)
            self.counts.updated += 1
            self.changed = True
            if len(self._updates) >= BATCH:
                self._flush_updates()

    def _add(self, source_id: str, values: dict[str, Any], digest: str) -> None:
        if self.dedup:
            if self._index is None:
                self._index = DedupIndex.load(self.session, source=self.source)
            match = self._index.find(
                kind=values["kind"],
                lat=values["lat"],
                lon=values["lon"],
                title=values["title"],
                exclude=self.claimed,
            )
            if match is not None:
                self._merges.append((match, source_id, values, digest))
                self.claimed.add(match)
                self.counts.added += 1
                self.counts.merged += 1
                self.changed = True
                if len(self._merges) >= BATCH:
                    self._flush_merges()
                return
        self._adds.append((source_id, values, digest))
        self.counts.added += 1
        self.changed = True
        if len(self._adds) >= BATCH:
            self._flush_adds()

    def _flush_merges(self) -> None:
        if not self._merges:
            return
        ids = sorted({opp_id for opp_id, _, _, _ in self._merges})
        current = {}
        for chunk in chunks(ids):
            for opp in self.session.exec(select(Opportunity).where(col(Opportunity.id).in_(chunk))):
                current[opp.id] = opp.model_dump()
        table: Table = Opportunity.__table__  # type: ignore[attr-defined]
        for opp_id, _source_id, values, _digest in self._merges:
            changes = merged_values(current[opp_id], values)
            if changes:
                current[opp_id].update(changes)
                self.session.execute(
                    table.update()
                    .where(table.c.id == opp_id)
                    .values(**changes, updated_at=self.now)
                )
        self._insert_records(
            [
                (source_id, opp_id, digest, False, "")
                for opp_id, source_id, _, digest in self._merges
            ]
        )
        self._merges.clear()

    def _insert_records(self, rows: list[tuple[str, int, str, bool, str]]) -> None:
        """Insert SourceRecords (source_id, opportunity_id, digest, primary, values hash) and learn their ids."""
        table: Table = SourceRecord.__table__  # type: ignore[attr-defined]
        fast_insert(
            self.session,
            table,
            [
                {"source": self.source, "source_id": sid, "opportunity_id": oid, "content_hash": digest,
                 "listed": True, "first_seen": self.now, "last_seen": self.now}
                for sid, oid, digest, _primary, _vhash in rows
            ],
        )  # fmt: skip
        by_id = {row[0]: row for row in rows}
        for chunk in chunks(list(by_id)):
            query = select(table.c.source_id, table.c.id).where(
                table.c.source == self.source, table.c.source_id.in_(chunk)
            )
            for source_id, record_id in self.session.execute(query):
                sid, oid, digest, primary, vhash = by_id[source_id]
                self.known[sid] = _Known(record_id, oid, digest, True, primary, vhash)

    def _apply_secondary(self, opportunity_id: int, values: dict[str, Any]) -> None:
        opp = self.session.get(Opportunity, opportunity_id)
        if opp is None:
            raise RowError(f"the matching item {opportunity_id} disappeared during the run")
        changes = merged_values(opp.model_dump(), values)
        if changes:
            changes["updated_at"] = self.now
            self.session.execute(
                update(Opportunity).where(col(Opportunity.id) == opportunity_id).values(**changes)
            )
            self.session.expire(opp)

    # -- writing batches ------------------------------------------------------------------------

    def _provider_ids(self, names: list[str]) -> None:
        missing = sorted(
            {n.strip() for n in names if n.strip() and n.strip() not in self.providers}
        )
        if not missing:
            return
        table: Table = Provider.__table__  # type: ignore[attr-defined]
        fast_insert(
            self.session,
            table,
            [{"name": n, "verified": False, "created_at": self.now} for n in missing],
        )
        for chunk in chunks(missing):
            for pid, name in self.session.execute(
                select(table.c.id, table.c.name).where(table.c.name.in_(chunk))
            ):
                self.providers[name] = pid

    def _provider_for(self, name: str) -> int | None:
        return self.providers.get(name.strip()) if name.strip() else None

    def _flush_adds(self) -> None:
        if not self._adds:
            return
        self._provider_ids([values["provider_name"] for _, values, _ in self._adds])
        opp_rows = []
        for source_id, values, _digest in self._adds:
            opp_rows.append(
                {
                    **values,
                    "source": self.source,
                    "source_id": source_id,
                    "provider_id": self._provider_for(values["provider_name"]),
                    "content_hash": content_hash(values),
                    "first_seen": self.now,
                    "updated_at": self.now,
                }
            )
        table: Table = Opportunity.__table__  # type: ignore[attr-defined]
        fast_insert(self.session, table, opp_rows)
        ids: dict[str, int] = {}
        for chunk in chunks([row["source_id"] for row in opp_rows]):
            query = select(table.c.source_id, table.c.id).where(
                table.c.source == self.source, table.c.source_id.in_(chunk)
            )
            ids.update({sid: oid for sid, oid in self.session.execute(query)})
        self._insert_records(
            [
                (sid, ids[sid], digest, True, row["content_hash"])
                for (sid, _v, digest), row in zip(self._adds, opp_rows, strict=True)
            ]
        )
        self._adds.clear()

    def _flush_updates(self) -> None:
        if not self._updates:
            return
        self._provider_ids(
            [values["provider_name"] for known, values, _ in self._updates if known.primary]
        )
        opp_rows = []
        for known, values, _digest in self._updates:
            if known.primary:
                opp_rows.append(
                    {
                        **values,
                        "id": known.opportunity_id,
                        "provider_id": self._provider_for(values["provider_name"]),
                        "content_hash": content_hash(values),
                        "updated_at": self.now,
                    }
                )
            else:
                self._apply_secondary(known.opportunity_id, values)
        if opp_rows:
            self.session.execute(update(Opportunity), opp_rows)
        record_rows = [
            {"id": known.record_id, "content_hash": digest, "listed": True, "last_seen": self.now}
            for known, _values, digest in self._updates
        ]
        self.session.execute(update(SourceRecord), record_rows)
        self._updates.clear()

    def flush(self) -> None:
        """Write the pending batches."""
        self._flush_merges()
        self._flush_adds()
        self._flush_updates()

    # -- retiring -------------------------------------------------------------------------------

    def retire(self, source_ids: list[str]) -> None:
        """This source no longer lists these ids; an item is withdrawn once no source lists it."""
        self.flush()
        records = []
        opportunities = []
        for source_id in source_ids:
            known = self.known.get(source_id)
            if known is None or not known.listed:
                continue
            known.listed = False
            records.append(known.record_id)
            opportunities.append(known.opportunity_id)
        if not records:
            return
        for chunk in chunks(records):
            self.session.execute(
                update(SourceRecord).where(col(SourceRecord.id).in_(chunk)).values(listed=False)
            )
        still_listed = exists().where(
            and_(
                col(SourceRecord.opportunity_id) == col(Opportunity.id),
                col(SourceRecord.listed).is_(True),
            )
        )
        for chunk in chunks(sorted(set(opportunities))):
            self.session.execute(
                update(Opportunity)
                .where(col(Opportunity.id).in_(chunk), ~still_listed)
                .values(status="withdrawn", updated_at=self.now)
                .execution_options(synchronize_session=False)
            )
        self.counts.retired += len(records)
        self.changed = True

    def finish(self, *, complete: bool) -> None:
        """Write what is pending, confirm the unchanged listings, and retire what a complete run missed."""
        self.flush()
        for chunk in chunks(self.touched):
            self.session.execute(
                update(SourceRecord)
                .where(col(SourceRecord.id).in_(chunk))
                .values(last_seen=self.now)
            )
        for start in range(0, len(self.redigest), BATCH):
            self.session.execute(update(SourceRecord), self.redigest[start : start + BATCH])
        if complete:
            self.retire([sid for sid, k in self.known.items() if k.listed and sid not in self.seen])
        if self.changed:
            bump_version(self.session)
