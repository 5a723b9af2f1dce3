"""Opstap's Flask app: the factory loads settings and wires the blueprints, nothing more."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from matching.settings import Settings, load_settings

if TYPE_CHECKING:  # Flask is imported only when an app is built: `opstap match` never loads it
    from flask import Flask


def create_app(settings: Settings | None = None, **config: Any) -> Flask:
    """Build the app for `settings` (default: from the environment); extra Flask config overrides."""
    from flask import Flask

    settings = settings or load_settings()
    app = Flask(__name__, instance_path=None)
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        OPSTAP_SETTINGS=settings,
        MAX_CONTENT_LENGTH=8 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        JSON_SORT_KEYS=False,
    )
    app.config.update(config)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    from web import auth, db, errors, formatting, i18n, security, staff_text

    db.init_app(app, settings)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)
    staff_text.init_app(app)
    auth.init_app(app, settings)

    from web.match import configure_index

    configure_index(app)

    from web.api import bp as api_bp
    from web.browse import bp as browse_bp
    from web.browse import root as root_bp
    from web.coach import bp as coach_bp
    from web.coordinator import bp as coordinator_bp
    from web.health import bp as health_bp
    from web.kiosk import bp as kiosk_bp
    from web.metrics import bp as metrics_bp
    from web.my_details import bp as my_details_bp
    from web.openactive import bp as openactive_bp
    from web.provider import bp as provider_bp

    blueprints = (
        health_bp, metrics_bp, root_bp, api_bp, browse_bp, kiosk_bp, coach_bp, provider_bp, coordinator_bp,
        auth.bp, my_details_bp, openactive_bp,
    )  # fmt: skip
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app
