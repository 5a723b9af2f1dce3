"""Coordinator pages: the configured sources, their import runs with counts, and each run's rejected rows."""

from __future__ import annotations

from flask import abort, current_app, render_template
from flask_babel import gettext as _

from importers.runner import last_run_of, latest_runs, rejections_of
from importers.sources import Source, SourcesError, load_sources
from matching.models import ImportRun
from web.coordinator import bp
from web.db import get_session

RUNS_SHOWN = 100


def plain_reasons(reason: str) -> list[str]:
    """A rejected row's reason ('postcode: …; kind: …') as plain messages saying what to fix."""
    from web.form_errors import field_of
    from web.provider.listing_form import FIELD_ORDER, listing_message

    messages: list[str] = []
    for part in reason.split("; "):
        field = field_of(part).split(".")[0].split("[")[0]
        if field == "schedule":
            text = _(
                "Check the weekly times: each needs a day and a start and end time, like 19:00–20:30."
            )
        elif field in ("lat/lon", "lat", "lon"):
            text = _(
                "The place lies outside the area Opstap serves, or latitude and longitude are swapped."
            )
        elif field in FIELD_ORDER:
            text = listing_message(field)
        else:
            text = _("This row cannot be used as it is: see the technical detail.")
        if text not in messages:
            messages.append(text)
    return messages


def _sources() -> tuple[list[Source], str | None]:
    settings = current_app.config["OPSTAP_SETTINGS"]
    try:
        return load_sources(settings.sources_file), None
    except SourcesError as exc:
        return [], _("The sources file cannot be read: %(error)s", error=str(exc))


@bp.get("/imports")
def imports():  # type: ignore[no-untyped-def]
    """Sources with their schedule and last run; the latest runs of every source."""
    session = get_session()
    sources, problem = _sources()
    last = {s.name: last_run_of(session, source=s.name) for s in sources}
    runs = latest_runs(session, limit=RUNS_SHOWN)
    return render_template(
        "coordinator/imports.html", sources=sources, last=last, runs=runs, problem=problem
    )


@bp.get("/imports/runs/<int:run_id>")
def import_run(run_id: int):  # type: ignore[no-untyped-def]
    """One run: its counts, its error, and every rejected row with its number and reason."""
    session = get_session()
    run = session.get(ImportRun, run_id)
    if run is None:
        abort(404)
    rejections = rejections_of(session, run_id=run_id, limit=1000)
    return render_template(
        "coordinator/import_run.html", run=run, rejections=rejections, plain_reasons=plain_reasons
    )
