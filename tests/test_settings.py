"""Settings: defaults, parsing, the production guard, and the README documenting every one."""

from __future__ import annotations

import pytest

from matching.settings import DEFAULT_SECRET_KEY, SettingsError, load_settings, setting_specs
from tests.conftest import ROOT


def test_defaults_use_embedded_sqlite_in_the_instance_folder() -> None:
    settings = load_settings({})
    assert settings.resolved_database_url().startswith("sqlite:///")
    assert settings.resolved_database_url().endswith("instance/opstap.db")
    assert settings.stale_days == 183
    assert settings.kiosk_idle_seconds == 90


def test_environment_overrides_and_numbers_are_parsed() -> None:
    settings = load_settings(
        {"DATABASE_URL": "postgresql+psycopg://x@y/z", "OPSTAP_STALE_DAYS": "30"}
    )
    assert settings.resolved_database_url() == "postgresql+psycopg://x@y/z"
    assert settings.stale_days == 30


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"OPSTAP_ENV": "production"}, "SECRET_KEY is the default"),
        ({"OPSTAP_STALE_DAYS": "soon"}, "OPSTAP_STALE_DAYS must be a whole number"),
        ({"OPSTAP_SERVICE_AREA": "1,2,3"}, "OPSTAP_SERVICE_AREA must be"),
        ({"OPSTAP_SERVICE_AREA": "53,3,50,7"}, "is not a valid box"),
        ({"OPSTAP_ENV": "staging"}, "OPSTAP_ENV must be"),
    ],
)
def test_bad_settings_are_refused_with_a_message_naming_them(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(environ)


def test_production_starts_with_a_real_secret() -> None:
    settings = load_settings({"OPSTAP_ENV": "production", "SECRET_KEY": "x" * 40})
    assert settings.is_production and settings.secret_key != DEFAULT_SECRET_KEY


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [env for env, _default, _help in setting_specs() if f"`{env}`" not in readme]
    assert not missing, f"README settings table lacks {missing}"
