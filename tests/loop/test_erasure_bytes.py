"""Erasure that erases: after a coach erases a person, no byte of their values stays in the database.

SQLite: the database file and its WAL are read as bytes and searched. PostgreSQL: the `person`
table's own file is read (pg_read_binary_file; the test server runs as a superuser) and searched.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.people import Person
from tests.conftest import ON_POSTGRES
from tests.loop.conftest import World, sign_in

FIRST = "Zerubabelina"
OLD_PHONE, NEW_PHONE = "0687123987", "0611224466"
EMAIL = "zerubabelina.erasure@example.org"


def _stored_bytes(engine: Engine) -> bytes:
    """The bytes the database keeps on disk for the person table (SQLite: the whole file and WAL)."""
    if ON_POSTGRES:
        with engine.connect() as conn:
            path = conn.execute(text("SELECT pg_relation_filepath('person')")).scalar_one()
            blob = conn.execute(text("SELECT pg_read_binary_file(:p)"), {"p": path}).scalar_one()
            conn.execute(text("CHECKPOINT"))
        return bytes(blob)
    database = Path(str(engine.url.database))
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_no_byte_of_an_erased_person_remains(
    client: FlaskClient, session: Session, engine: Engine, world: World
) -> None:
    sign_in(client, world.coach_a)
    created = client.post(
        "/en/coach/people/new",
        data={
            "first_name": FIRST,
            "phone": OLD_PHONE,
            "email": EMAIL,
            "postcode": "2711",
            "consent": "yes",
            "dutch_level": "none",
        },
    )
    assert created.status_code == 302, created.get_data(as_text=True)
    person_id = int(re.search(r"/people/(\d+)", created.headers["Location"]).group(1))  # type: ignore[union-attr]
    # An edit leaves the old phone number in a free part of the page unless it is zeroed.
    client.post(
        f"/en/coach/people/{person_id}/edit",
        data={
            "first_name": FIRST,
            "phone": NEW_PHONE,
            "email": EMAIL,
            "postcode": "2711",
            "dutch_level": "none",
        },
    )
    if ON_POSTGRES:
        with engine.connect() as conn:
            conn.execute(text("CHECKPOINT"))  # the table file on disk now holds the rows
    values = [v.encode() for v in (FIRST, OLD_PHONE, NEW_PHONE, EMAIL)]
    before = _stored_bytes(engine)
    assert all(v in before for v in values[:1] + values[2:]), "the values were stored to begin with"

    # A transaction still open elsewhere would keep the old row version alive for its snapshot
    # (PostgreSQL's VACUUM must keep what a running transaction may still read): end the test's own.
    session.commit()
    answer = client.post(f"/en/coach/people/{person_id}/erase", data={"confirm": "erase"})
    assert answer.status_code == 302
    session.expire_all()
    assert session.exec(select(Person).where(Person.id == person_id)).first() is None
    after = _stored_bytes(engine)
    assert [v for v in values if v in after] == []
    # The other people of the organisation are still there, readable.
    assert session.exec(select(Person).where(Person.id == world.person_a)).first() is not None
