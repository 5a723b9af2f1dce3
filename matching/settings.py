"""Every setting Opstap reads, in one place, each with its default and a line of help."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_SECRET_KEY = "dev-only-change-me"

# Netherlands bounding box (south, west, north, east), with a margin for border villages.
NETHERLANDS_BBOX = (50.70, 3.20, 53.60, 7.25)


_BOOLEANS = {
    "true": True,
    "1": True,
    "yes": True,
    "on": True,
    "false": False,
    "0": False,
    "no": False,
    "off": False,
}


class SettingsError(ValueError):
    """A setting has a value Opstap cannot use."""


def _setting(env: str, default: Any, help: str) -> Any:
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    """Opstap's configuration; build it with `load_settings()`."""

    env: str = _setting(
        "OPSTAP_ENV",
        "development",
        "`development` or `production`; production refuses the default secret key.",
    )
    instance_path: str = _setting(
        "OPSTAP_INSTANCE", "instance", "Folder for the embedded database and other local state."
    )
    database_url: str = _setting(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL; empty means SQLite at `<instance>/opstap.db`. "
        "PostgreSQL: `postgresql+psycopg://user@host/db`.",
    )
    secret_key: str = _setting(
        "SECRET_KEY",
        DEFAULT_SECRET_KEY,
        "Signs sessions and CSRF tokens. Set a long random value in production.",
    )
    service_area: str = _setting(
        "OPSTAP_SERVICE_AREA",
        ",".join(str(v) for v in NETHERLANDS_BBOX),
        "Bounding box `south,west,north,east` in WGS84 degrees; items placed outside are rejected.",
    )
    stale_days: int = _setting(
        "OPSTAP_STALE_DAYS", 183, "A listing not confirmed for more than this many days is stale."
    )
    kiosk_idle_seconds: int = _setting(
        "OPSTAP_KIOSK_IDLE_SECONDS", 90, "Kiosk inactivity before the countdown and reset."
    )
    share_link_hours: int = _setting(
        "OPSTAP_SHARE_LINK_HOURS",
        72,
        "How long a kiosk QR/share link to chosen suggestions stays valid.",
    )
    kiosk_municipality: str = _setting(
        "OPSTAP_KIOSK_MUNICIPALITY",
        "Zoetermeer",
        "Municipality whose neighbourhood and village names the kiosk lists to tap (`opstap geo names`, else GeoNames place names); empty = every name in the tables.",
    )
    sources_file: str = _setting(
        "OPSTAP_SOURCES", "sources.toml", "File listing the import sources and their schedules."
    )
    geocoder: str = _setting(
        "OPSTAP_GEOCODER",
        "",
        "Online geocoder used by geopy when a postcode is not in the table (e.g. `nominatim`); empty = offline only.",
    )
    geocoder_user_agent: str = _setting(
        "OPSTAP_GEOCODER_USER_AGENT", "opstap", "User agent sent to the online geocoder."
    )
    geocoder_url: str = _setting(
        "OPSTAP_GEOCODER_URL",
        "",
        "Base URL of your own instance of the online geocoder (e.g. `http://nominatim.internal:8080`); empty = the service's public host.",
    )
    geocoder_timeout: float = _setting(
        "OPSTAP_GEOCODER_TIMEOUT",
        10.0,
        "Seconds to wait for one answer of the online geocoder; a timeout rejects the row and is not cached.",
    )
    ratelimit_storage_uri: str = _setting(
        "OPSTAP_RATELIMIT_STORAGE",
        "database://",
        "Flask-Limiter storage for the sign-in and personal-code limits: `database://` counts in the app's "
        "database across every process and machine; `redis://host:6379` also works; `memory://` counts per process.",
    )
    smtp_host: str = _setting(
        "OPSTAP_SMTP_HOST",
        "",
        "SMTP server for mail; empty = mail is off and links are shown on screen.",
    )
    smtp_port: int = _setting("OPSTAP_SMTP_PORT", 25, "Port of the SMTP server.")
    smtp_user: str = _setting(
        "OPSTAP_SMTP_USER", "", "User name for the SMTP server; empty = no login."
    )
    smtp_password: str = _setting("OPSTAP_SMTP_PASSWORD", "", "Password for the SMTP server.")
    smtp_starttls: bool = _setting(
        "OPSTAP_SMTP_STARTTLS", False, "`true` to switch the SMTP connection to TLS with STARTTLS."
    )
    mail_from: str = _setting(
        "OPSTAP_MAIL_FROM", "Opstap <opstap@localhost>", "Sender address of Opstap's mails."
    )
    base_url: str = _setting(
        "OPSTAP_BASE_URL",
        "http://127.0.0.1:5000",
        "Public address of the web app, for links in mails.",
    )
    index_dir: str = _setting(
        "OPSTAP_INDEX_DIR",
        "",
        "Folder for the match index snapshots that every worker of a machine maps (local disk); "
        "empty means `<instance>/index`, `off` builds the index in each process instead.",
    )
    index_sync_below: int = _setting(
        "OPSTAP_INDEX_SYNC_BELOW",
        5000,
        "Below this many items the match index is rebuilt inside the request that notices a change "
        "(cheaper than a page); above it a background thread refreshes it while requests use the previous one.",
    )
    index_poll_seconds: int = _setting(
        "OPSTAP_INDEX_POLL_SECONDS",
        2,
        "How often each web process's background thread looks for catalogue changes.",
    )
    log_level: str = _setting("OPSTAP_LOG_LEVEL", "INFO", "Log level for the app and the commands.")
    publisher: str = _setting(
        "OPSTAP_PUBLISHER",
        "Opstap",
        "Name of the organisation publishing the OpenActive feed and the HSDS export.",
    )
    feed_licence: str = _setting(
        "OPSTAP_FEED_LICENCE",
        "https://creativecommons.org/licenses/by/4.0/",
        "Licence URL of the published catalogue (OpenActive feed, HSDS export); each source's own licence is listed too.",
    )

    @property
    def is_production(self) -> bool:
        """True when running in production mode."""
        return self.env == "production"

    def resolved_database_url(self) -> str:
        """The database URL, with the embedded SQLite default filled in."""
        if self.database_url:
            return self.database_url
        path = Path(self.instance_path).resolve() / "opstap.db"
        return f"sqlite:///{path}"

    def resolved_index_dir(self) -> str | None:
        """Where index snapshots live, or None when they are switched off."""
        if self.index_dir.strip().lower() == "off":
            return None
        return self.index_dir or str(Path(self.instance_path).resolve() / "index")

    def service_bbox(self) -> tuple[float, float, float, float]:
        """The service area as (south, west, north, east)."""
        return parse_bbox(self.service_area)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse `south,west,north,east` into floats, refusing nonsense."""
    try:
        south, west, north, east = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise SettingsError(
            f"OPSTAP_SERVICE_AREA must be 'south,west,north,east' in degrees, got {text!r}"
        ) from exc
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise SettingsError(
            f"OPSTAP_SERVICE_AREA {text!r} is not a valid box (south<north, west<east)"
        )
    return south, west, north, east


def setting_specs() -> list[tuple[str, Any, str]]:
    """(environment variable, default, help) for every setting, for docs and checks."""
    return [(f.metadata["env"], f.default, f.metadata["help"]) for f in fields(Settings)]


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from the environment (or a given mapping), then apply overrides."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = environ.get(f.metadata["env"])
        if raw is None or raw == "":
            continue
        if isinstance(f.default, bool):
            if raw.strip().lower() not in _BOOLEANS:
                raise SettingsError(f"{f.metadata['env']} must be true or false, got {raw!r}")
            values[f.name] = _BOOLEANS[raw.strip().lower()]
        elif isinstance(f.default, float):
            try:
                values[f.name] = float(raw)
            except ValueError as exc:
                raise SettingsError(f"{f.metadata['env']} must be a number, got {raw!r}") from exc
        elif isinstance(f.default, int):
            try:
                values[f.name] = int(raw)
            except ValueError as exc:
                raise SettingsError(
                    f"{f.metadata['env']} must be a whole number, got {raw!r}"
                ) from exc
        else:
            values[f.name] = raw
    values.update(overrides)
    settings = Settings(**values)
    settings.service_bbox()
    if settings.env not in {"development", "production", "testing"}:
        raise SettingsError(
            f"OPSTAP_ENV must be development, production or testing, got {settings.env!r}"
        )
    if settings.is_production and settings.secret_key == DEFAULT_SECRET_KEY:
        raise SettingsError(
            "SECRET_KEY is the default: refusing to start in production without a real secret"
        )
    return settings
