"""`opstap translate extract|update|compile`: keep the gettext catalogues in web/translations/ current.

Run from a source checkout: extract every msgid into messages.pot, merge it into each language's
messages.po (creating missing ones), translate, then compile the .mo files that are committed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from matching.vocab import UI_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = ROOT / "web" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# CLDR counts 0 and 1 as "one" in Tigrinya; Babel's default header says n != 1.
PLURAL_FORMS = {"ti": "nplurals=2; plural=(n > 1);"}


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


@contextmanager
def _in_root() -> Iterator[None]:
    # Locations in the catalogues are written relative to the working folder: keep them web/….
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def po_path(lang: str) -> Path:
    """The catalogue file of one language."""
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def fix_plural_forms(lang: str) -> None:
    """Put the CLDR plural rule in the header where Babel's default differs."""
    if lang not in PLURAL_FORMS:
        return
    path = po_path(lang)
    text = path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms: ') + len('"Plural-Forms: ')
    end = text.index("\\n", start)
    path.write_text(text[:start] + PLURAL_FORMS[lang] + text[end:], encoding="utf-8")


def fill_english() -> None:
    """English is the msgid language: its catalogue repeats each msgid, so it is complete by definition."""
    path = po_path("en")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if (
            message.id
            and not message.string
            or (isinstance(message.string, tuple) and not any(message.string))
        ):
            message.string = message.id
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)


@click.group("translate")
def translate_group() -> None:
    """Gettext catalogues: extract, update, compile."""


@translate_group.command("extract")
def extract_command() -> None:
    """Collect every UI text from web/ and the mails (matching/mail/) into web/translations/messages.pot."""
    with _in_root():
        _babel(
            "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--width", "100",
            "--project", "Opstap", "--msgid-bugs-address", "-", "-o", str(TEMPLATE), "web",
            "matching/mail",
        )  # fmt: skip
    click.echo(f"wrote {os.path.relpath(TEMPLATE, ROOT)}")


@translate_group.command("update")
def update_command() -> None:
    """Merge messages.pot into every language's messages.po (creating missing languages)."""
    for lang in UI_LANGUAGES:
        if po_path(lang).exists():
            _babel(
                "update", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", lang,
                "--no-fuzzy-matching", "--ignore-obsolete", "--width", "100",
            )  # fmt: skip
        else:
            _babel(
                "init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", lang, "--width", "100"
            )
        fix_plural_forms(lang)
    fill_english()
    click.echo("updated: " + ", ".join(UI_LANGUAGES))


@translate_group.command("compile")
def compile_command() -> None:
    """Compile every messages.po into the messages.mo the app reads."""
    _babel("compile", "-d", str(TRANSLATIONS), "--statistics")
