import time
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory

from home.ratelimit import hit, too_many_requests
from tests.conftest import require_service

execute = redis.client.Pipeline.execute


def test_attempts_within_the_limit_pass_and_the_next_is_refused():
    results = [hit("pledge", "1.2.3.4", limit=3, period=60) for _ in range(4)]

    assert results == [True, True, True, False]


def test_limits_are_kept_apart_by_scope_and_identity():
    for _ in range(3):
        hit("pledge", "1.2.3.4", limit=3, period=60)

    assert hit("pledge", "5.6.7.8", limit=3, period=60)
    assert hit("quiz", "1.2.3.4", limit=3, period=60)


def test_a_cache_outage_lets_residents_through():
    with mock.patch("home.ratelimit.count_in_window", side_effect=ConnectionError("redis down")):
        assert hit("pledge", "1.2.3.4", limit=0, period=60)


def test_the_refusal_explains_itself_in_chinese(db):
    response = too_many_requests(RequestFactory().post("/"))

    assert response.status_code == 429
    assert "请稍后" in response.content.decode() or "分钟" in response.content.decode()


@pytest.fixture
def on_redis(settings):
    """Point the cache at the Redis named by REDIS_URL, where a hit is one round trip."""
    require_service(settings.REDIS_URL, "REDIS_URL is not set: Redis rate limits need Redis")
    settings.CACHES = {
        "default": {"BACKEND": "home.cache.ResilientRedisCache", "LOCATION": settings.REDIS_URL}
    }
    cache.clear()
    yield
    cache.clear()


@pytest.mark.services
def test_redis_counts_each_hit_in_one_round_trip_and_still_limits(on_redis):
    with mock.patch("redis.client.Pipeline.execute", autospec=True, side_effect=execute) as sent:
        results = [hit("pledge", "1.2.3.4", limit=3, period=60) for _ in range(4)]

    assert results == [True, True, True, False]
    assert sent.call_count == 4


@pytest.mark.services
def test_a_redis_window_closes_after_its_period(on_redis):
    assert [hit("pledge", "1.2.3.4", limit=1, period=1) for _ in range(2)] == [True, False]

    time.sleep(1.1)

    assert hit("pledge", "1.2.3.4", limit=1, period=1)


def test_redis_being_down_lets_residents_through(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    assert all(hit("pledge", "1.2.3.4", limit=0, period=60) for _ in range(2))
