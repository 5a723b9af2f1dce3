"""The coordinator's outcome figures, with bar charts drawn as SVG on the server (no script needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app, render_template

from matching.outcomes import outcome_figures
from web.coordinator import bp
from web.db import get_session

CHART_WIDTH = 640
BAR_HEIGHT = 28
LABEL_WIDTH = 200


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal bar chart, positioned in SVG units."""

    label: str
    value: int
    y: int
    width: int


def bars(items: list[tuple[str, int]]) -> list[Bar]:
    """Lay out (label, value) pairs as bars scaled to the largest value."""
    top = max((value for _, value in items), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    return [
        Bar(label, value, index * (BAR_HEIGHT + 8), round(span * value / top))
        for index, (label, value) in enumerate(items)
    ]


@bp.get("/figures")
def figures():  # type: ignore[no-untyped-def]
    """Outcome figures: the match funnel, steps reached, activity per month, the catalogue."""
    settings = current_app.config["OPSTAP_SETTINGS"]
    outcomes = outcome_figures(get_session(), today=date.today(), stale_days=settings.stale_days)
    return render_template(
        "coordinator/figures.html",
        outcomes=outcomes,
        bars=bars,
        chart_width=CHART_WIDTH,
        bar_height=BAR_HEIGHT,
        label_width=LABEL_WIDTH,
    )
