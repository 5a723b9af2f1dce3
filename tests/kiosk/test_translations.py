"""Every kiosk text is translated in all eight languages, placeholders intact, .mo files current."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from matching.vocab import UI_LANGUAGES
from tests.conftest import ROOT

TRANSLATIONS = ROOT / "web" / "translations"
# The texts this check covers: everything a kiosk screen shows (its own texts, the page frame, the
# error page and the catalogue facts). The browse pages are translated too but not held to it here.
COVERED = (
    "web/kiosk/", "web/templates/kiosk/", "web/templates/base.html", "web/templates/error.html",
    "web/formatting.py",
)  # fmt: skip
# Other issues' pages at the kiosk translate their own texts.
NOT_COVERED = ("web/kiosk/personal_code.py",)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _covered(path: str) -> bool:
    path = path.replace("\\", "/")
    return path.startswith(COVERED) and not path.startswith(NOT_COVERED)


@cache
def covered_msgids() -> frozenset[str]:
    """The msgids in the covered files right now (extracted from the source, not from messages.pot)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    ids: set[str] = set()
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "web"), method_map, options_map, keywords=KEYWORDS
    ):
        if _covered("web/" + filename):
            ids.add(message if isinstance(message, str) else message[0])
    return frozenset(ids)


def catalogue(lang: str):  # type: ignore[no-untyped-def]
    """One language's messages.po."""
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_the_check_finds_the_kiosk_texts() -> None:
    ids = covered_msgids()
    assert len(ids) > 130
    assert {"Start again", "How much Dutch do you speak?", "Skip to content", "Cost unknown"} <= ids


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_kiosk_text_is_translated(lang: str) -> None:
    cat = catalogue(lang)
    missing, broken = [], []
    for msgid in sorted(covered_msgids()):
        message = cat.get(msgid)
        strings = (
            []
            if message is None
            else (message.string if isinstance(message.string, tuple) else [message.string])
        )
        if message is None or not all(strings) or message.fuzzy:
            missing.append(msgid)
            continue
        originals = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = sorted(set(PLACEHOLDER.findall(" ".join(originals))))
        if any(sorted(set(PLACEHOLDER.findall(s))) != wanted for s in strings):
            broken.append(msgid)
    assert missing == [], (
        f"{lang}: untranslated (run `opstap translate extract` and `update`, then translate)"
    )
    assert broken == [], f"{lang}: placeholders differ from the msgid"


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_compiled_catalogues_match_their_po_files(lang: str) -> None:
    po = catalogue(lang)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        on_disk = read_mo(handle)
    compiled.seek(0)
    fresh = read_mo(compiled)
    assert _texts(fresh) == _texts(on_disk), (
        f"{lang}: messages.mo is older than messages.po; run `opstap translate compile`"
    )


def _texts(cat) -> dict[object, object]:  # type: ignore[no-untyped-def]
    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {key(m.id): key(m.string) for m in cat if m.id}


def test_plural_rules_follow_cldr() -> None:
    assert catalogue("ti").plural_expr == "(n > 1)"  # 0 and 1 are "one" in Tigrinya
    assert catalogue("ar").num_plurals == 6 and catalogue("uk").num_plurals == 3
    assert catalogue("fa").num_plurals == 1 and catalogue("tr").num_plurals == 1


def test_pages_show_the_translations(client) -> None:  # type: ignore[no-untyped-def]
    expected = {
        "nl": "Kies uw taal", "en": "Choose your language", "ar": "اختر لغتك", "ti": "ቋንቋኻ ምረጽ",
        "fa": "زبان خود را انتخاب کنید", "uk": "Виберіть мову", "tr": "Dilinizi seçin", "so": "Dooro luqaddaada",
    }  # fmt: skip
    for lang, text in expected.items():
        page = client.get("/kiosk/", headers={"Accept-Language": lang}).get_data(as_text=True)
        assert text in page, lang
    ti = client.get("/ti/kiosk/take").get_data(as_text=True)
    assert "ሒዝካ ኪድ" in ti


def test_the_translations_folder_is_installed_with_the_package() -> None:
    assert Path(TRANSLATIONS / "messages.pot").exists()
    assert "*.mo" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
