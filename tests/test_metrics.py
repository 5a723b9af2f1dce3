"""`GET /metrics`: Prometheus text with match latency, the index, import runs and rows."""

from __future__ import annotations

from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.models import ImportRun
from tests.factories import ZOETERMEER, add_opportunity


def _samples(client: FlaskClient) -> dict[str, float]:
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            out[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return out


def test_metrics_count_matches_imports_and_show_the_index(
    client: FlaskClient, engine: Engine
) -> None:
    with Session(engine) as session:
        add_opportunity(session, title="Voetbal", talents=["football"])
        session.add(
            ImportRun(source="a", status="success", added=3, updated=1, unchanged=5, rejected=2)
        )
        session.add(ImportRun(source="b", status="failed"))
        session.commit()
    before = _samples(client).get("opstap_match_seconds_count", 0.0)
    answer = client.post(
        "/api/v1/match",
        json={
            "profile": {
                "talents": ["football"],
                "location": {"lat": ZOETERMEER[0], "lon": ZOETERMEER[1]},
            }
        },
    )
    assert answer.status_code == 200
    after = _samples(client)
    assert after["opstap_match_seconds_count"] == before + 1
    assert after['opstap_import_runs_total{status="success"}'] == 1
    assert after['opstap_import_runs_total{status="failed"}'] == 1
    assert after['opstap_import_rows_total{result="added"}'] == 3
    assert after['opstap_import_rows_total{result="rejected"}'] == 2
    assert after["opstap_index_items"] == 1 and after["opstap_index_version"] >= 1
    assert 0 <= after["opstap_index_age_seconds"] < 60
