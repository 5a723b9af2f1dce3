"""Mail glue for the web side: translations for composing (also for the CLI), "is mail on"."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from matching.mail.delivery import mail_enabled
from matching.vocab import UI_LANGUAGES

TRANSLATIONS = Path(__file__).parent / "translations"


@lru_cache(maxsize=16)
def translations_for(lang: str) -> NullTranslations:
    """The gettext catalogue of a UI language (English text for an unknown one)."""
    if lang not in UI_LANGUAGES:
        lang = "en"
    return Translations.load(str(TRANSLATIONS), [lang], domain="messages")


def mail_on() -> bool:
    """True when this app has an SMTP server to send mail through."""
    from flask import current_app  # here: the command line imports this module without Flask

    return mail_enabled(current_app.config["OPSTAP_SETTINGS"])
