"""The PostgreSQL side of one run: COPY into temporary staging tables, then a handful of set-based statements.

Row-at-a-time lookups (`… WHERE source = $1 AND source_id IN (…)`) slow down as a run grows on
PostgreSQL: the table has no statistics while the run fills it, and a plan chosen early is reused.
Here the run's Python side (validation, geocoding, dedup, the unchanged check) is the same as on
SQLite; its writes are streamed with COPY into temporary tables that vanish at commit (or with the
session after a kill), and `finish` lands them with INSERT … SELECT, UPDATE … FROM and anti-joins,
all in the run's one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, Table
from sqlmodel import Session, col, select

from importers.base import RowError
from importers.bulk import chunks
from importers.dedup import FILL_WHEN_MISSING, merged_values
from importers.landing import BATCH, Landing, _Known
from importers.normalise import ItemContext, content_hash
from matching.catalogue import bump_version
from matching.models import Opportunity

OPP: Table = Opportunity.__table__  # type: ignore[attr-defined]
# The columns a run writes (everything but the id); JSON ones go through COPY as JSON text.
# Staging tables are `CREATE … AS … WITH NO DATA`: the same column types, none of the NOT NULLs.
VALUE_COLUMNS = [c.name for c in OPP.columns if c.name != "id"]
JSON_COLUMNS = {c.name for c in OPP.columns if isinstance(c.type, JSON)}
# A second source's listing only ever touches these (see importers.dedup.merged_values).
MERGE_COLUMNS = [*FILL_WHEN_MISSING, "places_left", "talents", "status"]

_STAGING = """
CREATE TEMP TABLE stage_add ON COMMIT DROP AS SELECT * FROM opportunity WITH NO DATA;
ALTER TABLE stage_add ADD COLUMN digest text, ADD COLUMN provider_key text;
CREATE TEMP TABLE stage_upd ON COMMIT DROP AS SELECT * FROM opportunity WITH NO DATA;
ALTER TABLE stage_upd ADD COLUMN record_id bigint, ADD COLUMN digest text, ADD COLUMN provider_key text,
  ADD COLUMN is_primary boolean;
CREATE TEMP TABLE stage_merge ON COMMIT DROP AS SELECT * FROM opportunity WITH NO DATA;
CREATE TEMP TABLE stage_rec (source_id text, opportunity_id bigint, digest text) ON COMMIT DROP;
CREATE TEMP TABLE stage_seen (record_id bigint, digest text) ON COMMIT DROP;
CREATE TEMP TABLE stage_ids (source_id text) ON COMMIT DROP;
"""


def _cell(name: str, value: Any) -> Any:
    if name not in JSON_COLUMNS or value is None:
        return value
    return (
        "[]" if value == [] else json.dumps(value)
    )  # most list columns are empty: skip the encoder


class PgLanding(Landing):
    """Landing for PostgreSQL: same decisions as `Landing`, written through COPY and set-based SQL."""

    def __init__(
        self, session: Session, source: str, context: ItemContext, *, dedup: bool = True
    ) -> None:
        super().__init__(session, source, context, dedup=dedup)
        raw = session.connection().connection.driver_connection  # psycopg 3, same transaction
        assert raw is not None
        self.raw: Any = raw
        with self.raw.cursor() as cursor:
            cursor.execute(_STAGING)
        self._deleted: dict[str, None] = {}  # explicit deletions (RPDE), applied after the writes
        self._current: dict[int, dict[str, Any]] = {}  # merged items' values so far in this run
        self._merged_rows: dict[int, dict[str, Any]] = {}
        self._ids: list[str] = []
        self._seen_rows: list[tuple[int, str | None]] = []

    # -- streaming into the staging tables ------------------------------------------------------

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        with self.raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def take(self, row: int, mapped: dict[str, Any], digest: str) -> None:
        """As `Landing.take`; a later listing of an id deleted earlier in the run brings it back."""
        source_id = mapped.get("id")
        if isinstance(source_id, (str, int)) and not isinstance(source_id, bool):
            self._deleted.pop(str(source_id).strip(), None)
        super().take(row, mapped, digest)

    def _flush_adds(self) -> None:
        if not self._adds:
            return
        columns = [*VALUE_COLUMNS, "digest", "provider_key"]
        rows = []
        for source_id, values, digest in self._adds:
            full = {
                **values,
                "source": self.source, "source_id": source_id, "provider_id": None,
                "content_hash": content_hash(values), "first_seen": self.now, "updated_at": self.now,
            }  # fmt: skip
            rows.append(
                [_cell(c, full[c]) for c in VALUE_COLUMNS]
                + [digest, values["provider_name"].strip()]
            )
            self.known[source_id] = _Known(0, 0, digest, True, True, full["content_hash"])
        self._copy("stage_add", columns, rows)
        self._ids.extend(source_id for source_id, _, _ in self._adds)
        self._adds.clear()

    def _flush_updates(self) -> None:
        if not self._updates:
            return
        columns = ["id", *VALUE_COLUMNS, "record_id", "digest", "provider_key", "is_primary"]
        rows = []
        for known, values, digest in self._updates:
            if not known.primary:
                self._merge_into(known.opportunity_id, values)
            full = {
                **values,
                "source": self.source, "source_id": "", "provider_id": None,
                "content_hash": content_hash(values), "first_seen": self.now, "updated_at": self.now,
            }  # fmt: skip
            rows.append(
                [known.opportunity_id]
                + [_cell(c, full[c]) for c in VALUE_COLUMNS]
                + [known.record_id, digest, values["provider_name"].strip(), known.primary]
            )
        self._copy("stage_upd", columns, rows)
        self._updates.clear()

    def _merge_into(self, opportunity_id: int, values: dict[str, Any]) -> None:
        """Fold a second source's listing into an item's values (several in one run fold in order)."""
        current = self._current.get(opportunity_id)
        if current is None:
            opp = self.session.get(Opportunity, opportunity_id)
            if opp is None:
                raise RowError(f"the matching item {opportunity_id} disappeared during the run")
            current = self._current[opportunity_id] = opp.model_dump()
            self.session.expunge(opp)
        changes = merged_values(current, values)
        if changes:
            current.update(changes)
            self._merged_rows[opportunity_id] = current
            self.changed = True

    def _flush_merges(self) -> None:
        if not self._merges:
            return
        missing = sorted({oid for oid, _, _, _ in self._merges} - set(self._current))
        for chunk in chunks(missing, 5000):
            for opp in self.session.exec(select(Opportunity).where(col(Opportunity.id).in_(chunk))):
                self._current[opp.id or 0] = opp.model_dump()
                self.session.expunge(opp)
        for opp_id, source_id, values, digest in self._merges:
            self._merge_into(opp_id, values)
            self.known[source_id] = _Known(0, opp_id, digest, True, False, "")
        self._copy(
            "stage_rec",
            ["source_id", "opportunity_id", "digest"],
            [(sid, oid, digest) for oid, sid, _, digest in self._merges],
        )
        self._ids.extend(sid for _, sid, _, _ in self._merges)
        self._merges.clear()

    def _flush_seen(self) -> None:
        if self._ids:
            self._copy("stage_ids", ["source_id"], ((sid,) for sid in self._ids))
            self._ids.clear()
        if self._seen_rows:
            self._copy("stage_seen", ["record_id", "digest"], self._seen_rows)
            self._seen_rows.clear()

    def unchanged(self, row: int, source_id: str, digest: str) -> bool:
        """As `Landing.unchanged`, remembering the id for the anti-join that retires the rest."""
        if not super().unchanged(row, source_id, digest):
            return False
        self._collect_touched()
        return True

    def _collect_touched(self) -> None:
        # `Landing` keeps record ids of unchanged listings in self.touched; move them to staging.
        if self.touched:
            self._seen_rows.extend((rid, None) for rid in self.touched)
            self.touched.clear()
        if self.redigest:
            self._seen_rows.extend((r["id"], r["content_hash"]) for r in self.redigest)
            self.redigest.clear()
        if len(self._seen_rows) >= BATCH:
            self._flush_seen()

    def flush(self) -> None:
        """Stream what is pending into the staging tables."""
        self._collect_touched()
        self._flush_merges()
        self._flush_adds()
        self._flush_updates()
        self._flush_seen()

    # -- landing --------------------------------------------------------------------------------

    def retire(self, source_ids: list[str]) -> None:
        """Deleted by the source (e.g. an RPDE deletion): applied in `finish`, after the writes."""
        if any(self.known.get(source_id) is None for source_id in source_ids):
            self._flush_adds()  # an id listed earlier in this run is known once its add is staged
        for source_id in source_ids:
            known = self.known.get(source_id)
            if known is not None and known.listed:
                known.listed = False
                self._deleted[source_id] = None

    def finish(self, *, complete: bool) -> None:
        """Land the staged run with set-based statements; retire what a complete run did not list."""
        self.flush()
        if self._merged_rows:
            self._copy(
                "stage_merge",
                ["id", *MERGE_COLUMNS, "updated_at"],
                (
                    [oid] + [_cell(c, row[c]) for c in MERGE_COLUMNS] + [self.now]
                    for oid, row in self._merged_rows.items()
                ),
            )
        run = {"source": self.source, "now": self.now}
        with self.raw.cursor() as cur:
            # Plans over fresh statistics, and room to hash a whole run's ids instead of looping.
            cur.execute("SET LOCAL work_mem = '64MB'")
            # (stage_add and stage_upd are only ever scanned whole: their wide rows need no sample.)
            for table in ("stage_rec", "stage_seen", "stage_ids"):
                cur.execute(f"ANALYZE {table}")
            # Providers first, so both new and changed items can point at theirs.
            cur.execute(
                """INSERT INTO provider (name, verified, created_at)
                   SELECT DISTINCT provider_key, false, %(now)s FROM (
                     SELECT provider_key FROM stage_add UNION SELECT provider_key FROM stage_upd
                     WHERE is_primary) names
                   WHERE provider_key <> '' ORDER BY 1 ON CONFLICT (name) DO NOTHING""",
                run,
            )
            names = ", ".join(VALUE_COLUMNS)
            picked = ", ".join("p.id" if c == "provider_id" else f"s.{c}" for c in VALUE_COLUMNS)
            cur.execute(
                f"""INSERT INTO opportunity ({names})
                    SELECT {picked} FROM stage_add s LEFT JOIN provider p ON p.name = s.provider_key"""
            )
            cur.execute(
                """INSERT INTO sourcerecord (source, source_id, opportunity_id, content_hash, listed,
                                            first_seen, last_seen)
                   SELECT %(source)s, s.source_id, o.id, s.digest, true, %(now)s, %(now)s
                   FROM stage_add s JOIN opportunity o ON o.source = %(source)s AND o.source_id = s.source_id
                   UNION ALL
                   SELECT %(source)s, r.source_id, r.opportunity_id, r.digest, true, %(now)s, %(now)s
                   FROM stage_rec r""",
                run,
            )
            cur.execute("ANALYZE opportunity")
            cur.execute("ANALYZE sourcerecord")
            changed = [c for c in VALUE_COLUMNS if c not in {"source", "source_id", "first_seen"}]
            sets = ", ".join(
                f"{c} = p.id" if c == "provider_id" else f"{c} = s.{c}" for c in changed
            )
            cur.execute(
                f"""UPDATE opportunity o SET {sets}
                    FROM stage_upd s LEFT JOIN provider p ON p.name = s.provider_key
                    WHERE s.is_primary AND o.id = s.id"""
            )
            sets = ", ".join(f"{c} = m.{c}" for c in [*MERGE_COLUMNS, "updated_at"])
            cur.execute(f"UPDATE opportunity o SET {sets} FROM stage_merge m WHERE o.id = m.id")
            cur.execute(
                """UPDATE sourcerecord r SET content_hash = s.digest, listed = true, last_seen = %(now)s
                   FROM stage_upd s WHERE r.id = s.record_id""",
                run,
            )
            cur.execute(
                """UPDATE sourcerecord r SET last_seen = %(now)s, content_hash = coalesce(s.digest, r.content_hash)
                   FROM stage_seen s WHERE r.id = s.record_id""",
                run,
            )
            retired: list[int] = []
            if self._deleted:
                cur.execute(
                    """UPDATE sourcerecord SET listed = false
                       WHERE source = %(source)s AND source_id = ANY(%(ids)s) AND listed
                       RETURNING opportunity_id""",
                    {**run, "ids": list(self._deleted)},
                )
                retired += [oid for (oid,) in cur.fetchall()]
            if complete:
                # The anti-join: this source's listings that the whole run never mentioned.
                cur.execute(
                    """UPDATE sourcerecord r SET listed = false
                       WHERE r.source = %(source)s AND r.listed
                         AND NOT EXISTS (SELECT 1 FROM stage_ids s WHERE s.source_id = r.source_id)
                         AND NOT EXISTS (SELECT 1 FROM stage_seen t WHERE t.record_id = r.id)
                         AND NOT EXISTS (SELECT 1 FROM stage_upd u WHERE u.record_id = r.id)
                       RETURNING r.opportunity_id""",
                    run,
                )
                retired += [oid for (oid,) in cur.fetchall()]
            if retired:
                cur.execute(
                    """UPDATE opportunity o SET status = 'withdrawn', updated_at = %(now)s
                       WHERE o.id = ANY(%(ids)s) AND NOT EXISTS (
                         SELECT 1 FROM sourcerecord r WHERE r.opportunity_id = o.id AND r.listed)""",
                    {**run, "ids": sorted(set(retired))},
                )
        self.counts.retired += len(retired)
        if retired:
            self.changed = True
        if self.changed:
            bump_version(self.session)
