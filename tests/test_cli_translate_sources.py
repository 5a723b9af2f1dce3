"""`opstap translate extract|update|compile` on a copy of the catalogues, and `opstap sources` in a
terminal, without a sources file and with a malformed one."""

from __future__ import annotations

import gettext
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po, write_po
from rich.console import Console
from sqlalchemy.engine import Engine

import web.cli.sources
import web.cli.translate as translate
from matching.settings import load_settings
from matching.vocab import UI_LANGUAGES
from tests.conftest import TEST_DATABASE_URL, Runner
from tests.importers.helpers import fixture

NEW = "A sentence no template has yet"


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The committed catalogues copied to a temp folder, which the commands then work on."""
    copy = tmp_path / "translations"
    shutil.copytree(translate.TRANSLATIONS, copy)
    monkeypatch.setattr(translate, "TRANSLATIONS", copy)
    monkeypatch.setattr(translate, "TEMPLATE", copy / "messages.pot")
    return copy


def _po(copy: Path, lang: str):  # type: ignore[no-untyped-def]
    with (copy / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_extract_update_compile_round_trip(runner: Runner, catalogues: Path) -> None:
    (catalogues / "messages.pot").unlink()
    extracted = runner("translate", "extract")
    assert extracted.exit_code == 0, extracted.output
    with (catalogues / "messages.pot").open("rb") as f:
        template = read_po(f)
    ids = {m.id for m in template if m.id}
    assert "Sign in" in ids and len(ids) > 300  # every template and module under web/ was read
    # A new text appears in the template: update merges it into every language.
    template[NEW] = Message(NEW)
    with (catalogues / "messages.pot").open("wb") as f:
        write_po(f, template, width=100)
    (catalogues / "so" / "LC_MESSAGES" / "messages.po").unlink()  # a missing language is created
    updated = runner("translate", "update")
    assert updated.exit_code == 0, updated.output
    for lang in UI_LANGUAGES:
        catalog = _po(catalogues, lang)
        assert NEW in catalog, lang
        assert catalog[NEW].string == (NEW if lang == "en" else ""), lang  # English is the msgid
    assert _po(catalogues, "nl")["Sign in"].string == "Inloggen"  # existing translations are kept
    header = (catalogues / "ti" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in header  # CLDR: 0 and 1 are "one"
    for lang in UI_LANGUAGES:
        (catalogues / lang / "LC_MESSAGES" / "messages.mo").unlink(missing_ok=True)
    compiled = runner("translate", "compile")
    assert compiled.exit_code == 0, compiled.output
    dutch = gettext.GNUTranslations((catalogues / "nl" / "LC_MESSAGES" / "messages.mo").open("rb"))
    assert dutch.gettext("Sign in") == "Inloggen"
    tigrinya = gettext.GNUTranslations(
        (catalogues / "ti" / "LC_MESSAGES" / "messages.mo").open("rb")
    )
    assert tigrinya.gettext("Sign in") != "Sign in"  # translated, not English


SOURCES = f"""
[[source]]
name = "gemeente-sport"
format = "csv"
location = "{fixture("sportclubs.csv")}"
kind = "club"
mapping = "{fixture("sportclubs.toml")}"
schedule = "0 6 * * *"
"""


def _runner(tmp_path: Path, engine: Engine, text: str | None) -> Runner:
    path = tmp_path / "sources.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    settings = load_settings(
        {}, env="testing", instance_path=str(tmp_path), database_url=TEST_DATABASE_URL,
        sources_file=str(path),
    )  # fmt: skip
    return Runner(settings, engine)


def test_sources_in_a_terminal_is_a_table_with_the_last_run(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(
        web.cli.sources, "console", Console(file=screen, force_terminal=True, width=200)
    )
    run = _runner(tmp_path, engine, SOURCES)
    assert run("sources").exit_code == 0
    table = screen.getvalue()
    for heading in ("source", "format", "kind", "schedule", "location", "last run"):
        assert heading in table
    assert "gemeente-sport" in table and "0 6 * * *" in table and "never run" in table


def test_sources_without_a_file_says_so(tmp_path: Path, engine: Engine) -> None:
    result = _runner(tmp_path, engine, None)("sources")
    assert result.exit_code == 0
    assert f"no sources configured in {tmp_path / 'sources.toml'}" in result.output.replace(
        "\n", ""
    )


def test_sources_with_a_malformed_file_names_the_problem(tmp_path: Path, engine: Engine) -> None:
    result = _runner(tmp_path, engine, '[[source]]\nname = "x"\n')("sources")
    assert result.exit_code != 0
    assert "location" in result.output  # the missing field is named
