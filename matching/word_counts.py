"""Words people typed that the taxonomy did not understand, counted by word, language and month only.

Nothing else is kept: no person, no session, no time finer than a month. A word seen only once is
never shown (it may be a name); words with digits or an @ (phone numbers, codes, e-mail) are never
counted at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import UniqueConstraint, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Field, Session, SQLModel, col, select

from matching.taxonomy import Taxonomy, normalise
from matching.taxonomy_store import MAX_WORD, clean_word
from matching.vocab import UI_LANGUAGES

MIN_SHOWN = 2  # a word seen once may be someone's name


class UnknownWord(SQLModel, table=True):
    """How often a not-understood word was typed in one language in one month."""

    __table_args__ = (
        UniqueConstraint("word", "lang", "month", name="uq_unknownword_word_lang_month"),
    )

    id: int | None = Field(default=None, primary_key=True)
    word: str = Field(max_length=MAX_WORD)
    lang: str = Field(max_length=5)
    month: str = Field(max_length=7)  # YYYY-MM
    count: int = 0


@dataclass(frozen=True)
class WordCount:
    """A word as the coordinator sees it: the word, its language, how often."""

    word: str
    lang: str
    count: int


def countable(word: str) -> bool:
    """False for what may identify someone (digits, @) or is no word at all."""
    return bool(normalise(word)) and not any(ch.isdigit() or ch == "@" for ch in word)


def record_words(
    session: Session, *, words: Iterable[str], lang: str, today: date | None = None
) -> int:
    """Count each not-understood word once for this month; returns how many were counted."""
    if lang not in UI_LANGUAGES:
        return 0
    month = (today or date.today()).strftime("%Y-%m")
    cleaned = sorted({clean_word(w) for w in words if countable(w)})
    if not cleaned:
        return 0
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    for word in cleaned:
        statement = insert(UnknownWord).values(word=word, lang=lang, month=month, count=1)
        statement = statement.on_conflict_do_update(
            index_elements=["word", "lang", "month"], set_={"count": col(UnknownWord.count) + 1}
        )
        session.execute(statement)
    return len(cleaned)


def frequent_words(session: Session, *, taxonomy: Taxonomy, limit: int = 200) -> list[WordCount]:
    """Words seen at least twice that the taxonomy still does not understand, most frequent first."""
    total = func.sum(col(UnknownWord.count)).label("total")
    query = (
        select(UnknownWord.word, UnknownWord.lang, total)
        .group_by(col(UnknownWord.word), col(UnknownWord.lang))
        .having(total >= MIN_SHOWN)
        .order_by(total.desc(), col(UnknownWord.word), col(UnknownWord.lang))
    )
    shown: list[WordCount] = []
    for word, lang, count in session.execute(query):
        _codes, unknown = taxonomy.resolve_many([word])
        if unknown:  # a word the coordinator has mapped since drops off the list
            shown.append(WordCount(word, lang, int(count)))
        if len(shown) >= limit:
            break
    return shown
