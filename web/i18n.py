"""Languages: the `/<lang>/` URL prefix, Accept-Language fallback, Flask-Babel, text direction."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, current_app, g, request, url_for
from flask_babel import Babel

from matching.vocab import RTL_LANGUAGES, UI_LANGUAGES

DEFAULT_LANGUAGE = "nl"

# Each language named in its own script, as the language chooser shows it.
LANGUAGE_NAMES: dict[str, str] = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "ti": "ትግርኛ",
    "fa": "فارسی / دری",
    "uk": "Українська",
    "tr": "Türkçe",
    "so": "Soomaali",
}


def current_language() -> str:
    """The language of this request: URL prefix, else the browser's preference, else Dutch."""
    lang = g.get("lang")
    if lang in UI_LANGUAGES:
        return str(lang)
    if request:
        best = request.accept_languages.best_match(UI_LANGUAGES)
        if best:
            return best
    return DEFAULT_LANGUAGE


def text_direction(lang: str) -> str:
    """'rtl' for Arabic and Farsi/Dari, else 'ltr'."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def localised(bp: Blueprint) -> Blueprint:
    """Make every route of `bp` live under `/<lang>/…`, with `lang` filled in by url_for."""

    @bp.url_defaults
    def _add_language(endpoint: str, values: dict[str, object]) -> None:
        if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = current_language()

    @bp.url_value_preprocessor
    def _pull_language(_endpoint: str | None, values: dict[str, object] | None) -> None:
        lang = (values or {}).pop("lang", None)
        if lang not in UI_LANGUAGES:
            abort(404)
        g.lang = lang

    return bp


def language_url(code: str) -> str:
    """This page in another language (the catalogue when the page has no language prefix)."""
    endpoint = request.endpoint
    if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values = {**(request.view_args or {}), **request.args.to_dict(), "lang": code}
        return url_for(endpoint, **values)
    return url_for("browse.catalogue", lang=code)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel and give templates the language, its direction and the language names."""
    Babel(app, locale_selector=current_language, default_translation_directories="translations")

    @app.context_processor
    def _language_context() -> dict[str, object]:
        lang = current_language()
        return {
            "lang": lang,
            "text_dir": text_direction(lang),
            "language_names": LANGUAGE_NAMES,
            "ui_languages": UI_LANGUAGES,
            "language_url": language_url,
        }
