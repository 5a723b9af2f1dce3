"""The OpenAPI document describes every route under /api/v1, with the methods the app serves."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient


def test_every_api_route_is_documented(app: Flask, client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method) for path, item in doc["paths"].items() for method in item}
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule == "/api/v1/openapi.json":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods or ():
            if method not in ("HEAD", "OPTIONS"):
                served.add((path.replace("{opportunity_id}", "{id}"), method.lower()))
    assert served - documented == set()
    assert doc["components"]["securitySchemes"]["providerKey"]["scheme"] == "bearer"
