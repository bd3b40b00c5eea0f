from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from tests.conftest import require_service

pytestmark = pytest.mark.django_db


@override_settings(REDIS_URL="")
def test_healthy_without_redis_configured(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_a_configured_redis_that_is_down_is_reported_but_the_host_keeps_serving(client):
    response = client.get("/healthz")

    # A load balancer keeps a host that serves without its cache; monitoring reads the body.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "redis": "down"}


def test_a_database_that_is_down_makes_the_site_unhealthy(client):
    with mock.patch("home.views.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert (response.json()["status"], response.json()["database"]) == ("down", "down")


def test_redis_is_reported_ok_when_it_answers(client, settings):
    require_service(settings.REDIS_URL, "REDIS_URL is not set: the Redis health check needs Redis")

    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "redis": "ok"}
